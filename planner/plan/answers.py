"""The plan for every answer to the open decisions a page lets staff take.

The HTML checklist is one self-contained file, so it cannot plan again when
someone chooses: every answer it offers is planned and proven when the page
is made. Planning every combination of answers grows as 3**n, so decisions
are answered in *groups*:

* Two decisions *touch* when what their answers change has anything in
  common: a step (added, dropped, or waiting for other steps or doing
  something else on the portal than in the open plan), a record or klant
  such a step is about, a login or cliënt its portal events name. Decisions
  that touch are one group, planned together for every combination of
  their answers; a decision that touches no other is a group of its own,
  planned for ``keep`` and for ``remove`` with every other decision open.
* Answering a decision may open another (the chain): the group then also
  holds the plans for the answers to that one.
* Any combination of answers staff click is the open plan with each
  group's part replaced by the part its answers give (:func:`composed`).
  Groups change disjoint steps, records, logins and cliënten, and the rules
  judge a step by the logins and cliënten it changes, so each part is proven
  by its group's own plan. That the pieces fit is checked once more by
  planning and proving the combinations "every decision kept" and "every
  decision removed" and comparing them with the composition; if they differ,
  every decision is planned as one group.

So a page with twelve decisions that do not touch holds 24 plans, not 3**12.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from planner.model.findings import ERROR
from planner.model.scenario import KEEP, REMOVE
from planner.model.steps import Step
from planner.plan.graph import Plan
from planner.plan.graph import plan as make_plan
from planner.plan.proof import validate
from planner.plan.registration import RegistrationCache

#: A plan longer than this is planned once only: its decisions are taken
#: with --decide, so a large checklist is not made many times over.
MAX_STEPS = 200
#: At most this many plans for one group of decisions that touch (3**4 - 1
#: = 80: four such decisions); a larger group is answered on the command line.
MAX_GROUP_PLANS = 80


@dataclass(frozen=True)
class Answered:
    """One combination of answers to a group's decisions, planned and proven
    with every other decision open."""

    #: (subject, KEEP | REMOVE), in the order the decisions appear
    choices: tuple[tuple[str, str], ...]
    plan: Plan
    verdict: object  # planner.plan.proof.Verdict


@dataclass(frozen=True)
class Group:
    """Decisions that touch, and the plan for every combination of their answers."""

    #: the open plan's decisions in this group, in the order of the plan
    subjects: tuple[str, ...]
    answered: tuple[Answered, ...]


@dataclass(frozen=True)
class Answers:
    """What a page offers: the groups of decisions taken on it, and the open
    decisions it leaves to the command line."""

    groups: tuple[Group, ...] = ()
    left: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """How many plans the page holds besides the open one."""
        return sum(len(g.answered) for g in self.groups)


def signatures(plan: Plan) -> dict[Step, tuple]:
    """Each step of a plan by what it is, not by its number: the steps it
    waits for (with why), what the portal does at it, and its decisions."""
    by_number = {p.n: p.step for p in plan.steps}
    return {
        p.step: (tuple(sorted((by_number[n], reason) for n, reason in p.after)), p.events, p.decisions)
        for p in plan.steps
    }


def changed(base: dict[Step, tuple], other: dict[Step, tuple]) -> set[Step]:
    """The steps that differ between two plans' signatures."""
    return {s for s in base.keys() | other.keys() if base.get(s) != other.get(s)}


def footprint(base: dict[Step, tuple], plan: Plan) -> frozenset[str]:
    """What an answer's plan changes against the open plan: the steps that
    differ, the records and klanten they are about, the logins and cliënten
    their portal events name, and the records their decisions name."""
    export = plan.scenario.export
    sig = signatures(plan)
    marks: set[str] = set()

    def record(record_id: str) -> None:
        if record_id:
            marks.add(f"id {record_id}")
            if record_id in export:
                marks.add(f"id {export.client_of(record_id)}")

    for step in changed(base, sig):
        marks.add(f"step {step}")
        record(step.target)
        record(step.main)
        for signature in (base.get(step), sig.get(step)):
            if signature is None:
                continue
            _after, events, decisions = signature
            for event in events:
                record(event.login or "")
                record(event.client or "")
            for decision in decisions:
                for record_id in (decision.subject, *decision.others, decision.replaces.target):
                    record(record_id)
    return frozenset(marks)


class _Answering:
    """Plans and proofs for answers, each made once."""

    def __init__(self, plan: Plan, catalog, registrations) -> None:
        self.plan = plan
        self.catalog = catalog
        self.registrations = registrations or RegistrationCache()  # the export is counted once
        self.base = signatures(plan)
        self.subjects = [p.target for p in plan.decisions]
        self.plans: dict[frozenset, Plan] = {frozenset(): plan}
        self.verdicts: dict[frozenset, object] = {}

    def planned(self, choices) -> Plan:
        key = frozenset(choices)
        if key not in self.plans:
            scenario = self.plan.scenario
            self.plans[key] = make_plan(replace(scenario, decisions={**scenario.decisions, **dict(choices)}))
        return self.plans[key]

    def proven(self, choices):
        key = frozenset(choices)
        if key not in self.verdicts:
            self.verdicts[key] = validate(self.planned(choices), self.catalog, self.registrations)
        return self.verdicts[key]

    def touches(self, subject: str) -> frozenset[str]:
        marks: set[str] = {f"id {subject}"}
        for answer in (KEEP, REMOVE):
            marks |= footprint(self.base, self.planned(((subject, answer),)))
        return frozenset(marks)

    def explore(self, subjects: list[str]) -> list[tuple[tuple[str, str], ...]] | None:
        """Every combination of answers to ``subjects`` and to the decisions
        their answers open, in order; None when there are more than
        MAX_GROUP_PLANS."""
        order = {s: i for i, s in enumerate(self.subjects)}
        mine = set(subjects)
        found: dict[frozenset, tuple[tuple[str, str], ...]] = {}
        todo: list[tuple[tuple[str, str], ...]] = [()]
        while todo:
            choices = todo.pop(0)
            chosen = dict(choices)
            for planned in self.planned(choices).decisions:
                subject = planned.target
                if subject in chosen or (subject in order and subject not in mine):
                    continue
                order.setdefault(subject, len(order))
                mine.add(subject)  # a decision an answer opens (the chain)
                for answer in (KEEP, REMOVE):
                    more = tuple(sorted((*choices, (subject, answer)), key=lambda c: order[c[0]]))
                    if frozenset(more) in found:
                        continue
                    if len(found) >= MAX_GROUP_PLANS:
                        return None
                    found[frozenset(more)] = more
                    todo.append(more)
        return list(found.values())

    def group_marks(self, combos) -> frozenset[str]:
        marks: set[str] = set()
        for choices in combos:
            marks |= footprint(self.base, self.planned(choices))
            marks |= {f"id {subject}" for subject, _answer in choices}
        return frozenset(marks)


def _joined(groups: list[list[str]], marks: dict[str, frozenset[str]]) -> list[list[str]]:
    """The groups with every two whose marks meet joined, in the plan's order."""
    merged = True
    while merged:
        merged = False
        for a, b in itertools.combinations(range(len(groups)), 2):
            if marks[groups[a][0]] & marks[groups[b][0]]:
                groups[a] = groups[a] + groups[b]
                marks[groups[a][0]] = marks[groups[a][0]] | marks[groups[b][0]]
                del groups[b]
                merged = True
                break
    return groups


def composed(answering: _Answering, parts) -> dict[Step, tuple]:
    """The open plan's steps with each group's part replaced by the part
    the plan for its answers gives."""
    result = dict(answering.base)
    for choices in parts:
        sig = signatures(answering.planned(choices))
        for step in changed(answering.base, sig):
            if step in sig:
                result[step] = sig[step]
            else:
                result.pop(step, None)
    return result


def _fits(answering: _Answering, groups: list[tuple[list[str], list]]) -> bool:
    """Whether the plans for "every decision kept" and "every decision
    removed" are the composition of the groups' plans, and as safe."""
    if len(groups) < 2:
        return True
    for answer in (KEEP, REMOVE):
        parts = [tuple((s, answer) for s in subjects) for subjects, _combos in groups]
        together = tuple(c for part in parts for c in part)
        if signatures(answering.planned(together)) != composed(answering, parts):
            return False
        safe_parts = all(
            not any(f.severity == ERROR for f in answering.proven(part).plan_findings) for part in parts
        )
        if safe_parts and any(f.severity == ERROR for f in answering.proven(together).plan_findings):
            return False
    return True


def answer_groups(plan: Plan, catalog, registrations=None) -> Answers:
    """The groups of decisions a page takes, each with the plan for every
    combination of answers, planned and proven (see the module's account)."""
    answering = _Answering(plan, catalog, registrations)
    subjects = answering.subjects
    if not subjects or len(plan.steps) > MAX_STEPS:
        return Answers(left=tuple(subjects))
    if plan.scenario.proposed is not None:
        # the proposed order is checked against every combination of answers
        groups = [list(subjects)]
    else:
        marks = {s: answering.touches(s) for s in subjects}
        groups = _joined([[s] for s in subjects], marks)
    while True:
        explored = [(g, answering.explore(g)) for g in groups]
        marks = {g[0]: answering.group_marks(combos or ()) | {f"id {s}" for s in g} for g, combos in explored}
        joined = _joined([list(g) for g in groups], dict(marks))
        if len(joined) < len(groups):
            groups = joined
            continue
        usable = [(g, combos) for g, combos in explored if combos is not None]
        if len(groups) > 1 and not _fits(answering, usable):
            groups = [list(subjects)]
            continue
        break
    order = {s: i for i, s in enumerate(subjects)}
    result, left = [], []
    for g, combos in explored:
        if combos is None:
            left += g
            continue
        answered = tuple(Answered(c, answering.planned(c), answering.proven(c)) for c in combos)
        result.append(Group(tuple(sorted(g, key=order.__getitem__)), answered))
    return Answers(tuple(result), tuple(sorted(left, key=order.__getitem__)))
