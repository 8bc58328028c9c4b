"""orphaned-link (error): a login's main user goes while linked users remain.

Every login has a main user: the Klant-Persoon's own record, or the contact
at the top of a main-link tree. Contact records linked to it hang under it
on the portal. Removing the main user first leaves those users without the
login they belong to; the portal re-homes or re-creates them (assumption A2),
at worst as a new login with new credentials. Hence the article: start at the
bottom, "eerst de contactpersoon ... dan de hogere niveau's".

Fails (situation 4, P dies; the Klant-Persoon is switched off first)::

    events: [{death: {person: P}}]
    proposed:
      - client_off: P
      - contact_off: P@A
      - contact_off: P@B
      - unlink: P@A
      - unlink: P@B

Passes (the linked contacts go first)::

    events: [{death: {person: P}}]
    proposed:
      - contact_off: P@A
      - contact_off: P@B
      - client_off: P
"""

from __future__ import annotations

from planner.model.findings import ERROR, Finding
from planner.portal.projection import MAIN_USER_REMOVED
from planner.text.messages import N_

ID = "orphaned-link"
#: What staff read before the code.
TITLE = N_("Linked users left without their main user")
SEVERITY = ERROR
SCOPE = "step"


def check(trial):
    _ = trial._
    for index, (number, moment) in enumerate(trial.moments()):
        for event in moment.events:
            if event.event != MAIN_USER_REMOVED:
                continue
            message = trial.n_(
                "The main user {login} leaves Cliënt Online while {others} still hangs under it.",
                "The main user {login} leaves Cliënt Online while {others} still hang under it.",
                len(event.remaining),
            ).format(login=trial.label(event.login), others=trial.listing(event.remaining))
            fixes = trial.later_removing(index, event.remaining)
            if fixes:
                message += " " + trial.fix(fixes)
            else:
                message += " " + trial.n_(
                    "It stays on the portal: link it to another main person first.",
                    "They stay on the portal: link them to another main person first.",
                    len(event.remaining),
                )
            yield Finding(ID, SEVERITY, number, event.login, message)
