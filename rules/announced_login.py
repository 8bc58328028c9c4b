"""announced-login (info): a person who keeps access gets a new login, on purpose.

When the record a person's login hangs from must go — her own klant stops,
say — while some of her records stay (she is still a contact person at a
company), no order of removals avoids a new login: once the main user's
record is gone, the records that stay need a login of their own. Staff who
answer ``remove`` to that decision get a plan that makes the new login on
purpose (re-homing): the staying record highest in her tree becomes her new
main record, her other staying records are linked under it, and only then
does the old main user go. She keeps exactly the access she had, less what
the request removes; nobody else gains or loses anything.

Cliënt Online mails her new login details. That is expected, not a leak: this
finding says so, at the step that makes the login, so staff can tell her
beforehand. A new login for anyone who loses access stays a new-login error.

Fails (situation 4: Q leaves Bravo and stops as a client; staff take her klant off)::

    events: [{leave: {person: Q, clients: [B], end_client: true}}]
    decisions: {Q: remove}

Passes (staff decided to keep her klant, so her login stays as it is)::

    events: [{leave: {person: Q, clients: [B], end_client: true}}]
    decisions: {Q: keep}
"""

from __future__ import annotations

from planner.model.findings import INFO, Finding
from planner.portal.projection import LOGIN_CREATED
from planner.text.messages import N_

ID = "announced-login"
#: What staff read before the code.
TITLE = N_("New login made on purpose")
SEVERITY = INFO
SCOPE = "step"


def check(trial):
    for number, moment in trial.moments():
        for event in moment.events:
            if event.event != LOGIN_CREATED or event.login not in trial.intent.rehomed:
                continue
            clients = sorted({trial.export.client_of(r) for r in event.users if r in trial.export})
            message = trial._(
                "Cliënt Online makes a new login for {login}, who keeps access to {clients}, and "
                "mails new login details: tell them beforehand."
            ).format(login=trial.label(event.login), clients=trial.listing(clients))
            yield Finding(ID, SEVERITY, number, event.login, message)
