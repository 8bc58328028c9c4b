"""access-gained (error): a login that existed gets access to a new cliënt.

A removal should only ever take access away. If a step gives an existing
login access to a cliënt it could not see when the plan began, someone sees
data that is not theirs — the article's rule that "Cliënt-gebruiker Q kan
echter niet de privé gegevens van Cliënt P zien" is at stake. Logins created
by a step are reported as new-login instead.

Switching fields to Nee and breaking main links cannot do this in the portal
model, so this rule guards the model itself: should a firm report portal
behaviour that changes the model, this rule keeps every plan honest.

Fails (illustration: a step after which login Q sees cliënt P)::

    event access-granted for login Q, cliënt P, Q existed at the start

Passes (every step of a bottom-up plan only revokes)::

    events: [{death: {person: P}}]
    proposed:
      - contact_off: P@A
      - contact_off: P@B
      - client_off: P
"""

from __future__ import annotations

from planner.model.findings import ERROR, Finding
from planner.portal.projection import ACCESS_GRANTED, LOGIN_CREATED, login
from planner.text.messages import N_

ID = "access-gained"
#: What staff read before the code.
TITLE = N_("Someone gets access")
SEVERITY = ERROR
SCOPE = "step"


def check(trial):
    _ = trial._
    start = trial.trace.start
    for number, moment in trial.moments():
        created = {e.login for e in moment.events if e.event == LOGIN_CREATED}
        for event in moment.events:
            if event.event != ACCESS_GRANTED or event.login in created:
                continue
            if event.client in login(start, event.login).clients:
                continue
            message = _("{login} gets access to {client}, which it could not see before.").format(
                login=trial.label(event.login), client=trial.label(event.client)
            )
            yield Finding(ID, SEVERITY, number, event.login, message)
