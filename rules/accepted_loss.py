"""accepted-loss (info): someone the request does not name loses access, as staff decided.

Where taking a step would take a cliënt from someone the request does not
name — a widow who still uses her late husband's private cliënt — the
planner does not take it on its own: it asks for a decision. When staff
decide ``remove`` (``decisions: {P: remove}``, or ``--decide P=remove``), the
step is taken, and each loss it causes is listed here, so that the
checklist says plainly who loses what, by whose choice. Without that
decision the same loss is a collateral-loss error.

Fails (P dies; staff decided to take his private cliënt off after all)::

    export: partner-on-private-client
    events: [{death: {person: P}}]
    decisions: {P: remove}

Passes (staff decided to keep it on the portal for her)::

    export: partner-on-private-client
    events: [{death: {person: P}}]
    decisions: {P: keep}
"""

from __future__ import annotations

from planner.model.findings import INFO, Finding
from planner.portal.projection import ACCESS_REVOKED
from planner.text.messages import N_

ID = "accepted-loss"
#: What staff read before the code.
TITLE = N_("Access taken away by your decision")
SEVERITY = INFO
SCOPE = "sequence"


def check(trial):
    export, accepted = trial.export, trial.intent.accepted
    for number, moment in trial.moments():
        for event in moment.events:
            if event.event != ACCESS_REVOKED or trial.moved(moment, event):
                continue
            person = export.root(event.login)
            if (person, event.client) in accepted and not trial.intent.names(person, event.client):
                message = trial._(
                    "{login} loses access to {client}, as you decided."
                ).format(login=trial.label(event.login), client=trial.label(event.client))
                yield Finding(ID, SEVERITY, number, event.login, message)
