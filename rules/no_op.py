"""no-op (info): a step changes nothing in AuditCase.

The field is already as the step would set it: done before the export was
made, or by an earlier step of the same order. Harmless, but a checklist
with steps that do nothing invites the question whether something else was
meant.

Fails (situation 1: Ria Bakker is not on the portal)::

    export: situation-1
    events: [{revoke: {contact: R@A}}]
    proposed:
      - contact_off: R@A

Passes (situation 4: Q at Bravo Transport is on the portal)::

    events: [{revoke: {contact: Q@B}}]
    proposed:
      - contact_off: Q@B
"""

from __future__ import annotations

from planner.model.findings import INFO, Finding
from planner.model.steps import CLIENT_OFF, DECIDE, LINK
from planner.text.messages import N_

ID = "no-op"
#: What staff read before the code.
TITLE = N_("Step changes nothing")
SEVERITY = INFO
SCOPE = "sequence"


def check(trial):
    export = trial.export
    for number, moment in trial.moments():
        action, target = moment.step.action, moment.step.target
        records = export.clients if action == CLIENT_OFF else export.contacts
        if moment.changed or action == DECIDE or target not in records:
            continue  # a step on the wrong kind of record is unknown-step's finding
        if action == LINK and not export.can_be_main(moment.step.main):
            continue  # a link under no record, or under a company: unknown-step's
        message = trial._("Step {n} changes nothing: {record} is already done.").format(
            n=number, record=trial.label(target)
        )
        yield Finding(ID, SEVERITY, number, target, message)
