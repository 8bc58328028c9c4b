"""new-login (error): a step makes Cliënt Online create a login.

A login is created when a person who had no login gets access to a cliënt.
PinkWeb then mails a user name and password — to someone who just left, or
to the business address of a client who died. The article's removal advice
exists to prevent exactly this: "allemaal gericht op het voorkomen van
versturen van nieuwe inloggegevens door Cliënt Online omdat Cliënt Online
denkt dat er een nieuwe Cliënt-gebruiker is opgevoerd".

Typical cause: unlinking a contact person from its main person while the
contact is still on the portal. The contact becomes a login of its own.
A new login the plan makes on purpose, for a person who keeps access
(re-homing), is announced instead (announced-login).

Fails (situation 4, P dies; P@A is unlinked while still on the portal)::

    events: [{death: {person: P}}]
    proposed:
      - unlink: P@A
      - contact_off: P@A
      - contact_off: P@B
      - client_off: P
      - unlink: P@B

Passes (the contact is switched off before it is unlinked)::

    events: [{death: {person: P}}]
    proposed:
      - contact_off: P@A
      - contact_off: P@B
      - client_off: P
      - unlink: P@A
      - unlink: P@B
"""

from __future__ import annotations

from planner.model.findings import ERROR, Finding
from planner.portal.projection import LOGIN_CREATED
from planner.text.messages import N_

ID = "new-login"
#: What staff read before the code.
TITLE = N_("New login details mailed")
SEVERITY = ERROR
SCOPE = "step"


def check(trial):
    _ = trial._
    for index, (number, moment) in enumerate(trial.moments()):
        for event in moment.events:
            if event.event != LOGIN_CREATED or event.login in trial.intent.rehomed:
                continue  # a login the plan makes on purpose: announced-login
            users = event.users
            message = _(
                "Cliënt Online creates a new login for {login} and mails login details."
            ).format(login=trial.label(event.login))
            fixes = trial.later_removing(index, users)
            if fixes:
                message += " " + trial.fix(fixes)
            else:
                message += " " + _("Switch {users} off the portal before this step.").format(
                    users=trial.listing(users)
                )
            yield Finding(ID, SEVERITY, number, event.login, message)
