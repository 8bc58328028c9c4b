"""The plan for every answer to the open decisions a page lets staff take.

The HTML checklist is one self-contained file, so it cannot plan again when
someone chooses: every combination of answers (each decision open, ``keep``
or ``remove``) to the plan's first :data:`MAX_CHOSEN` decisions is planned
and proven when the page is made, and the page shows the one chosen.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from planner.model.scenario import KEEP, REMOVE
from planner.plan.graph import Plan
from planner.plan.graph import plan as make_plan
from planner.plan.proof import validate
from planner.plan.registration import RegistrationCache

#: At most this many decisions are taken on the page (3**3 - 1 = 26 plans
#: more); any others show the command line that takes them.
MAX_CHOSEN = 3
#: A plan longer than this is planned once only: its decisions are taken
#: with --decide, so a large checklist is not made many times over.
MAX_STEPS = 200


def choosable(plan: Plan) -> list[str]:
    """The subjects of the open decisions the page lets staff take."""
    if len(plan.steps) > MAX_STEPS:
        return []
    return [p.target for p in plan.decisions][:MAX_CHOSEN]


def variants(plan: Plan, catalog, registrations=None):
    """``(choices, plan, verdict)`` for every combination of answers to the
    choosable decisions but "all open" (that is ``plan`` itself); choices
    are ``((subject, KEEP | REMOVE), ...)`` in the order of the decisions."""
    subjects = choosable(plan)
    scenario = plan.scenario
    registrations = registrations or RegistrationCache()  # the export is counted once
    for answers in itertools.product((None, KEEP, REMOVE), repeat=len(subjects)):
        choices = tuple((s, a) for s, a in zip(subjects, answers) if a is not None)
        if not choices:
            continue
        decided = replace(scenario, decisions={**scenario.decisions, **dict(choices)})
        planned = make_plan(decided)
        yield choices, planned, validate(planned, catalog, registrations)
