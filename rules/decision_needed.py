"""decision-needed (warning): the plan holds a ``decide`` step for staff.

Where the request cannot be carried out without taking access from someone
it does not name — the deceased's partner still uses his private cliënt, a
kept contact hangs under a main user that must go, a company is left without
a portal user — the planner does not guess. It puts a ``decide`` step in the
checklist, which changes nothing until staff have decided.

Fails (P dies, his wife still uses his private cliënt)::

    export: partner-on-private-client
    events: [{death: {person: P}}]

Passes (situation 4, P dies: nothing to decide)::

    events: [{death: {person: P}}]
"""

from __future__ import annotations

from planner.model.findings import WARNING, Finding
from planner.model.steps import DECIDE
from planner.text.messages import N_

ID = "decision-needed"
#: What staff read before the code.
TITLE = N_("Decision needed")
SEVERITY = WARNING
SCOPE = "sequence"


def check(trial):
    for number, step in zip(trial.numbers, trial.steps):
        if step.action == DECIDE:
            message = trial._("At step {n} you must decide about {subject}.").format(
                n=number, subject=trial.label(step.target)
            )
            yield Finding(ID, SEVERITY, number, step.target, message)
