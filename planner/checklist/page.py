"""The HTML page of a plan whose decisions staff take on the page.

The page holds the open plan and, for each group of decisions
(:mod:`planner.plan.answers`), the plan for every combination of that
group's answers, each as a :class:`~planner.checklist.content.PlanPart`.
What it shows for the answers chosen is the open plan with each group's part
replaced by what its answers give. So every element of the page — a step, a
finding, a note, a follow-up, a decision taken, a row of the table, a box of
the drawing — is placed once, with when it is shown (:class:`When`): an
element of the open plan stays unless a group's answers drop it; an element
an answer brings shows for that answer. A page with twelve decisions that do
not touch holds 24 small parts, not 3**12 plans.

Step numbers depend on which steps are shown, so elements refer to steps by
a fixed id (:class:`Refs`) and the page's script numbers the steps shown the
way the planner numbers a plan (group by group, in the article's bottom-up
order) and fills every reference in. Sentences that hold a step number are
made with a marker in its place (:class:`Ref`), so the wording stays that of
:mod:`planner.checklist.wording` and the message catalogue.

The verdict, the orders checked and the proposed order belong to a plan as a
whole: the page holds each part's own, shown when that part is exactly what
was chosen, and words for any other combination (:meth:`Page.data`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from planner.checklist.content import (
    Cell,
    DecisionView,
    FindingView,
    PlanPart,
    build,
    involved_logins,
    plan_part,
)
from planner.checklist.decisions import not_done
from planner.checklist.drawing import drawings
from planner.checklist.wording import Wording
from planner.model.naming import natural_key
from planner.model.steps import BOTTOM_UP_RANK, DECIDE, Step
from planner.plan.proof import UNSAFE

_MARK = re.compile("\ue000(\\d+)\ue001")
#: a list of step numbers as wording writes it: "1, 2 en 4"
_RUN = re.compile("\ue000\\d+\ue001(?:[^\ue000\ue001]{1,8}?\ue000\\d+\ue001)*")


class Ref:
    """A step's number in a sentence, before the page knows it: written as
    a marker that :func:`text` finds again."""

    def __init__(self, step_id: int) -> None:
        self.step_id = step_id

    def __str__(self) -> str:
        return f"\ue000{self.step_id}\ue001"

    def __lt__(self, other: Ref) -> bool:  # wording may sort step numbers
        return self.step_id < other.step_id


@dataclass(frozen=True)
class Refs:
    """Step numbers the page fills in: the steps' fixed ids."""

    ids: tuple[int, ...]


def text(sentence: str) -> tuple:
    """A sentence as text and :class:`Refs`, each run of markers (a list of
    step numbers, "1, 2 en 4") one Refs."""
    parts: list = []
    at = 0
    for run in _RUN.finditer(sentence):
        parts.append(sentence[at:run.start()])
        parts.append(Refs(tuple(int(i) for i in _MARK.findall(run.group()))))
        at = run.end()
    parts.append(sentence[at:])
    return tuple(p for p in parts if p != "")


@dataclass(frozen=True)
class When:
    """When an element is on screen: for each group listed, the keys of the
    answers it is shown for; an element of the open plan needs every group
    listed to agree, one an answer brings any."""

    groups: tuple[tuple[int, tuple[str, ...]], ...]
    every: bool

    @property
    def json(self) -> str:
        return json.dumps({str(g): list(keys) for g, keys in self.groups}, ensure_ascii=False)


@dataclass(frozen=True)
class Placed:
    item: object
    #: None: always shown
    when: When | None
    #: shown with every decision open
    initially: bool
    #: a suffix for its element ids, unique on the page
    uid: str


@dataclass(frozen=True)
class PageStep:
    id: int
    #: what a tick is remembered by, the same in every plan
    key: str
    is_decision: bool
    title: str
    where: str
    portal: tuple[str, ...]
    waits: tuple[tuple, ...]
    after: tuple[int, ...]
    #: a decide step: the page's index of its decision (-1: taken on the command line)
    decision: int = -1


@dataclass(frozen=True)
class PageFinding:
    view: FindingView
    step: Refs | None
    message: tuple


@dataclass(frozen=True)
class PageFollowUp:
    key: str
    text: tuple
    #: the id of the decide step it waits for, if any
    decision: int | None


@dataclass(frozen=True)
class PageDecision:
    """A decision taken on the page: one set of answers to choose from."""

    index: int
    group: int
    step: Refs
    view: DecisionView


@dataclass(frozen=True)
class Whole:
    """What belongs to one part as a whole (its verdict, orders, proposed
    order): shown when exactly that part is chosen. ``part`` is "" for the
    open plan, "GROUP:KEY" for a group's answers."""

    part: str
    view: PlanPart


@dataclass(frozen=True)
class _Part:
    part: str
    group: int | None
    key: str
    plan: object
    verdict: object
    view: PlanPart
    #: the subjects of the decisions its answers take
    chosen: tuple[str, ...] = ()


@dataclass(eq=False)
class Page:
    """Every element of the page, placed, and what its script needs."""

    words: Wording
    groups: int
    decisions: tuple[Placed, ...]
    #: open decisions the page does not take: answered on the command line
    left: tuple[DecisionView, ...]
    taken: tuple[Placed, ...]
    wholes: tuple[Whole, ...]
    steps: tuple[Placed, ...]
    #: the open plan's groups of steps, as step ids: how the page first lays them out
    first: tuple[tuple[int, ...], ...]
    findings: tuple[Placed, ...]
    notes: tuple[Placed, ...]
    followups: tuple[Placed, ...]
    clients: tuple[str, ...]
    rows: tuple[Placed, ...]
    more: tuple[Placed, ...]
    before: object
    boxes: tuple[Placed, ...]
    arrows: tuple[Placed, ...]
    size: tuple[int, int]
    #: the open plan's numbering: step id -> number
    numbers: dict
    data: dict

    def shown(self, refs: Refs) -> str:
        """Step numbers as the page first shows them (the open plan's)."""
        return self.words.joined(str(n) for n in sorted(self.numbers.get(i, 0) for i in refs.ids))

    @property
    def data_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True)


def html_report(plan, verdict, answers, *, lang: str, date: str, export_date: str = ""):
    """The report for the HTML page: the checklist of ``plan`` with the plan
    for every answer of ``answers`` (:func:`planner.plan.answers.answer_groups`)."""
    report = build(plan, verdict, lang=lang, date=date, export_date=export_date)
    words = Wording(plan.scenario.export, lang)
    return replace(report, page=compose(plan, verdict, answers, report.part, words))


def step_key(step: Step) -> str:
    """A step by what it does, the same in every plan: what a tick is kept by."""
    return f"{step.action} {step.target}" + (f" {step.main}" if step.main else "")


def _parts(plan, verdict, answers, view: PlanPart, words: Wording):
    """The open plan and every group's answers, as parts; and the page's
    index of each decision taken on it (the open plan's first, then those
    an answer opens)."""
    choosable = {s for group in answers.groups for s in group.subjects}
    index: dict[str, int] = {}
    for planned in plan.decisions:
        if planned.target in choosable:
            index[planned.target] = len(index)
    parts = [_Part("", None, "", plan, verdict, view)]
    group_of = {s: g for g, group in enumerate(answers.groups) for s in group.subjects}
    for g, group in enumerate(answers.groups):
        for answered in group.answered:
            for subject, _answer in answered.choices:
                index.setdefault(subject, len(index))
                group_of.setdefault(subject, g)
            key = ",".join(f"{index[s]}={a}" for s, a in sorted(answered.choices, key=lambda c: index[c[0]]))
            parts.append(
                _Part(f"{g}:{key}", g, key, answered.plan, answered.verdict,
                      plan_part(answered.plan, answered.verdict, words), tuple(s for s, _a in answered.choices))
            )
    return parts, index, group_of


def place(parts: list[_Part], items_of, uid=None) -> tuple[Placed, ...]:
    """Every distinct element of every part, with when it is shown."""
    base = items_of(parts[0])
    in_base = set(base)
    keyed: dict[int, dict[str, set]] = {}
    order = dict.fromkeys(base)
    for part in parts[1:]:
        items = items_of(part)
        keyed.setdefault(part.group, {})[part.key] = set(items)
        order.update((x, None) for x in items if x not in order)
    placed = []
    for n, item in enumerate(order):
        here = item in in_base
        groups = []
        for g, by_key in keyed.items():
            keys = tuple(k for k, items in by_key.items() if item in items)
            if here and len(keys) < len(by_key):
                groups.append((g, ("", *keys)))
            elif not here and keys:
                groups.append((g, keys))
        when = When(tuple(groups), here) if groups else None
        placed.append(Placed(item, when, here, uid(item, here, n) if uid else str(n)))
    return tuple(placed)


class _Items:
    """The elements of one part, by kind, referring to steps by their ids."""

    def __init__(self, ids: dict[Step, int], index: dict[str, int], words: Wording) -> None:
        self.ids = ids
        self.index = index
        self.words = words

    def steps(self, part: _Part) -> list[PageStep]:
        plan = part.plan
        by_number = {p.n: p for p in plan.steps}
        found = []
        for group in part.view.groups:
            for view in group:
                planned = by_number[view.n]
                marked = replace(planned, after=tuple(
                    (Ref(self.ids[by_number[n].step]), why) for n, why in planned.after
                ))
                found.append(PageStep(
                    self.ids[planned.step], step_key(planned.step), view.is_decision, view.title,
                    view.where, view.portal, tuple(text(w) for w in self.words.waits(marked)),
                    tuple(self.ids[by_number[n].step] for n, _why in planned.after),
                    self.index.get(planned.target, -1) if view.is_decision else -1,
                ))
        return found

    def findings(self, part: _Part) -> list[PageFinding]:
        by_number = {p.n: p.step for p in part.plan.steps}
        found = []
        for view in part.view.findings:
            step = by_number.get(view.step) if view.step else None
            message = (view.message,)
            if view.code == "decision-needed" and step is not None:
                message = text(self.words._("At step {n} you must decide about {subject}.").format(
                    n=Ref(self.ids[step]), subject=self.words.label(step.target)
                ))
            found.append(PageFinding(
                replace(view, step=None, message=""), Refs((self.ids[step],)) if step else None, message
            ))
        return found

    def followups(self, part: _Part) -> list[PageFollowUp]:
        by_number = {p.n: p.step for p in part.plan.steps}
        found = []
        for task in part.plan.followups:
            decision = None
            if task.after_decision is not None:
                decision = self.ids[by_number[task.after_decision]]
                task = replace(task, after_decision=Ref(decision))
            found.append(PageFollowUp(f"followup {task.kind} {task.subject}", text(self.words.followup(task)), decision))
        return found

    def decisions(self, part: _Part) -> list[int]:
        """The decisions taken on the page that are open or answered in a part."""
        open_here = [p.target for p in part.plan.decisions if p.target in self.index]
        return sorted({self.index[s] for s in (*open_here, *part.chosen)})


_WORST_FIRST = {"error": 0, "warning": 1, "info": 2}


def compose(plan, verdict, answers, view: PlanPart, words: Wording) -> Page:
    """The page for ``plan`` (whose checklist is ``view``) and the plans for
    the answers to its decisions."""
    parts, index, group_of = _parts(plan, verdict, answers, view, words)
    every = {p.step for part in parts for p in part.plan.steps}
    order = sorted(
        every, key=lambda s: (BOTTOM_UP_RANK[s.action], natural_key(s.target), s.action, natural_key(s.main))
    )
    ids = {step: i for i, step in enumerate(order)}
    items = _Items(ids, index, words)
    numbers = {ids[p.step]: p.n for p in plan.steps}
    steps = place(parts, items.steps, lambda item, here, n: str(numbers[item.id]) if here else f"x{n}")
    subject_of = {i: s for s, i in index.items()}
    shown: dict[int, DecisionView] = {}
    for part in parts:
        for d in part.view.decisions:
            if d.subject in index:
                shown.setdefault(index[d.subject], d)
    decisions = tuple(
        replace(p, item=PageDecision(
            p.item, group_of[subject_of[p.item]], Refs((ids[Step(DECIDE, subject_of[p.item])],)), shown[p.item]
        ))
        for p in place(parts, items.decisions)
    )
    findings = sorted(place(parts, items.findings), key=lambda p: _WORST_FIRST[p.item.view.severity])
    clients, rows = _table(parts)
    before, boxes, arrows, size = _drawing(parts, words)
    left = tuple(d for d in view.decisions if d.subject in answers.left)
    return Page(
        words=words,
        groups=len(answers.groups),
        decisions=tuple(sorted(decisions, key=lambda p: p.item.index)),
        left=left,
        taken=place(parts, lambda part: list(part.view.taken)),
        wholes=tuple(Whole(part.part, part.view) for part in parts),
        steps=steps,
        first=tuple(tuple(ids[s] for s in _steps_of(plan, g)) for g in range(1, _groups(plan) + 1)),
        findings=tuple(findings),
        notes=place(parts, lambda part: list(part.view.notes)),
        followups=place(parts, items.followups),
        clients=clients,
        rows=rows,
        more=place(parts, lambda part: list(part.view.table.more)),
        before=before,
        boxes=boxes,
        arrows=arrows,
        size=size,
        numbers=numbers,
        data=_data(parts, len(index) + len(left), len(left), len(answers.groups), words),
    )


def _groups(plan) -> int:
    return max((p.group for p in plan.steps), default=0)


def _steps_of(plan, group: int) -> list[Step]:
    return [p.step for p in plan.steps if p.group == group]


def _table(parts: list[_Part]):
    """The table's cliënten, every part's, and its rows, placed."""
    clients = tuple(dict.fromkeys(c for part in parts for c in part.view.table.clients))

    def rows(part: _Part):
        table = part.view.table
        column = {c: i for i, c in enumerate(table.clients)}
        return [
            (login, tuple(row[column[c]] if c in column else Cell(False, False) for c in clients))
            for login, row in zip(table.logins, table.rows)
        ]

    return clients, place(parts, rows)


def _drawing(parts: list[_Part], words: Wording):
    """The situation before (the same for every part) and the boxes and
    arrows of every part's situation after, laid out alike."""
    logins = list(dict.fromkeys(i for part in parts for i in involved_logins(part.plan)))
    drawn = {part.part: drawings(part.plan.trace, words.label, logins) for part in parts}
    if any(d is None for d in drawn.values()):
        return None, (), (), (0, 0)
    before = drawn[""][0]
    size = (max(d[1].width for d in drawn.values()), max(max(d[0].height, d[1].height) for d in drawn.values()))
    boxes = place(parts, lambda part: list(drawn[part.part][1].boxes))
    arrows = place(parts, lambda part: list(drawn[part.part][1].arrows))
    return before, boxes, arrows, size


def _data(parts: list[_Part], decisions: int, left: int, groups: int, words: Wording) -> dict:
    """What the page's script needs to say about a combination of answers
    that is no single part: each part's status, and the words."""
    _, n_ = words._, words.n_
    return {
        "groups": groups,
        "left": left,
        "parts": {
            part.part: [
                part.verdict.status,
                any(not_done(part.plan, t) for t in part.plan.taken),
                part.verdict.orders.all_safe,
                part.view.tickable,
            ]
            for part in parts
        },
        "verdict": {
            UNSAFE: _("Not safe: see the findings below before you change anything."),
            "taken": _(
                "Safe with your decisions: no step makes Cliënt Online create a login or mail login "
                "details; what your decisions keep on the portal or take away is listed below."
            ),
            "undone": _(
                "Safe with your decisions, but not all of the request is done: what you decided to "
                "keep stays as it is, and what that leaves undone, and why, is under “Decisions "
                "taken” below. No step makes Cliënt Online create a login or mail login details."
            ),
            "open": {
                str(n): n_(
                    "Decide first: one decision must be taken before the request is complete. The steps "
                    "that do not wait for it are safe to do now.",
                    "Decide first: {n} decisions must be taken before the request is complete. The steps "
                    "that do not wait for them are safe to do now.",
                    n,
                ).format(n=words.number(n))
                for n in range(1, decisions + 1)
            },
        },
        "orders": {
            "ok": _("Every order in which these steps may be done was checked, for each answer."),
            "some": _("Not every order in which these steps may be done was checked: keep to the numbered order."),
        },
        "progress": [
            n_("{done} of {total} step done", "{done} of {total} steps done", n) for n in (1, 2)
        ],
        "open": [n_("{n} decision still open", "{n} decisions still open", n) for n in (1, 2)],
        "heading": [_("Decisions you must take"), _("Decisions taken")],
        "empty": _("No step to take in AuditCase: see “Decisions taken”."),
        "untickable": _(
            "Do not carry out these steps: this plan is not safe (see the findings above). They "
            "are listed without boxes to tick, so that nobody ticks them off."
        ),
    }
