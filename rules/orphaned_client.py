"""orphaned-client (warning): a cliënt stays on the portal with no user left.

The article: a Cliënt without a Cliënt-gebruiker "is weinig zinvol omdat de
gegevens in Cliënt Online altijd voor een ingelogde Cliënt-gebruiker
ontsloten worden". When the last portal user of a company leaves, the
company must get a new portal user or go off the portal; the option
``orphaned_clients`` (ask, disconnect, keep) says which, and ``keep`` still
reports it here.

Fails (situation 1, the only portal user of Alfa Bouw dies)::

    export: situation-1
    events: [{death: {person: P@A}}]
    proposed:
      - contact_off: P@A

Passes::

    export: situation-1
    events: [{death: {person: P@A}}]
    proposed:
      - contact_off: P@A
      - client_off: A
"""

from __future__ import annotations

from planner.model.findings import WARNING, Finding
from planner.text.messages import N_

ID = "orphaned-client"
#: What staff read before the code.
TITLE = N_("Cliënt left without users")
SEVERITY = WARNING
SCOPE = "end"


def check(trial):
    start, end, export = trial.trace.start, trial.trace.end, trial.export
    decided = trial.decided()
    for client in trial.intent.klanten_left(start):
        if client in decided or not end.client_on(client):
            continue
        if any(end.is_user(r) for r in export.records_of(client)):
            continue
        message = trial._(
            "{client} stays on Cliënt Online, but nobody can log in to it any more. Give it "
            "another portal user or switch it off."
        ).format(client=trial.label(client))
        yield Finding(ID, SEVERITY, None, client, message)
