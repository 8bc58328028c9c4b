"""The checklist's content, as plain data every output format renders.

:func:`build` makes a :class:`Report` section by section — what is asked,
the verdict and findings, the steps in groups, the orders checked, the
registration, the follow-ups, who sees what before and after, and the
drawing — with the sentences of :mod:`planner.wording`; the templates only
lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.drawing import Drawing, drawings
from planner.findings import ERROR, INFO, WARNING, Finding
from planner.naming import natural_key
from planner.planner import Plan
from planner.steps import DECIDE
from planner.validate import Orders, Verdict
from planner.wording import Wording


@dataclass(frozen=True)
class StepView:
    n: int
    group: int
    action: str
    target: str
    title: str
    where: str
    portal: tuple[str, ...]
    waits: tuple[str, ...]
    after: tuple[int, ...]
    decisions: tuple[str, ...] = ()

    @property
    def is_decision(self) -> bool:
        return self.action == DECIDE


@dataclass(frozen=True)
class FindingView:
    severity: str
    #: the severity in the report's language
    level: str
    code: str
    step: int | None
    message: str


@dataclass(frozen=True)
class Cell:
    before: bool
    after: bool

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class AccessTable:
    logins: tuple[str, ...]
    clients: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: one sentence for each kind of change of the logins left out of the table
    more: tuple[str, ...] = ()


#: The access table stays a small table: at most this many logins and cliënten.
TABLE_LOGINS = 20
TABLE_CLIENTS = 10


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    scenario: str
    description: str | None
    fingerprint: str
    date: str
    asked: tuple[str, ...]
    safe: bool
    verdict: str
    findings: tuple[FindingView, ...]
    #: findings for the order staff proposed; None when the scenario has none
    proposed: tuple[FindingView, ...] | None
    #: problems in the export's registration about what the request involves
    registration: tuple[FindingView, ...]
    #: one sentence counting the export's other registration findings, or ""
    registration_elsewhere: str
    #: the office's work after the portal steps
    followups: tuple[str, ...]
    orders: str
    groups: tuple[tuple[StepView, ...], ...]
    decisions: tuple[StepView, ...]
    notes: tuple[str, ...]
    table: AccessTable
    #: the situation drawn before the first step and after the last; None
    #: when it is too large to draw
    before: Drawing | None
    after: Drawing | None


def build(plan: Plan, verdict: Verdict, *, lang: str, date: str) -> Report:
    """The report for a checked plan, in ``lang``, dated ``date`` (YYYY-MM-DD)."""
    scenario = plan.scenario
    words = Wording(scenario.export, lang)
    _ = words._
    groups = step_groups(plan, words)
    drawn = drawings(plan.trace, words.label)
    before, after = drawn if drawn is not None else (None, None)
    return Report(
        lang=lang,
        title=_("Removal checklist for Cliënt Online"),
        scenario=scenario.path,
        description=scenario.description,
        fingerprint=scenario.fingerprint,
        date=date,
        asked=tuple(words.asked(e) for e in scenario.events),
        safe=verdict.ok,
        verdict=verdict_sentence(plan, verdict, words),
        findings=finding_views(verdict.plan_findings, words),
        proposed=None if verdict.proposed_findings is None else finding_views(verdict.proposed_findings, words),
        registration=finding_views(verdict.registration, words),
        registration_elsewhere=elsewhere_sentence(verdict.registration_elsewhere, scenario.export.source, words),
        followups=tuple(words.followup(f) for f in plan.followups),
        orders=orders_sentence(verdict.orders, words),
        groups=groups,
        decisions=tuple(v for group in groups for v in group if v.is_decision),
        notes=notes(plan, words),
        table=access_table(plan, words),
        before=before,
        after=after,
    )


def step_groups(plan: Plan, words: Wording) -> tuple[tuple[StepView, ...], ...]:
    """The steps as staff read them, in their groups."""
    groups: list[list[StepView]] = []
    for planned in plan.steps:
        view = StepView(
            n=planned.n,
            group=planned.group,
            action=planned.action,
            target=planned.target,
            title=words.title(planned),
            where=words.where(planned),
            portal=words.portal(planned.events, planned.action),
            waits=words.waits(planned),
            after=tuple(n for n, _reason in planned.after),
            decisions=tuple(words.decision(d) for d in planned.decisions),
        )
        if len(groups) < view.group:
            groups.append([])
        groups[view.group - 1].append(view)
    return tuple(tuple(g) for g in groups)


def finding_views(findings: tuple[Finding, ...], words: Wording) -> tuple[FindingView, ...]:
    _ = words._
    levels = {ERROR: _("error"), WARNING: _("warning"), INFO: _("info")}
    return tuple(FindingView(f.severity, levels[f.severity], f.code, f.step, f.message) for f in findings)


def elsewhere_sentence(count: int, export: str, words: Wording) -> str:
    """The rest of the export's registration findings, as one line."""
    if not count:
        return ""
    return words.n_(
        "{n} other note about the office's registration, not about this request: "
        "plan-removal --lint {export}",
        "{n} other notes about the office's registration, not about this request: "
        "plan-removal --lint {export}",
        count,
    ).format(n=words.number(count), export=export)


def verdict_sentence(plan: Plan, verdict: Verdict, words: Wording) -> str:
    _ = words._
    pending = len(plan.decisions)
    if verdict.ok and pending:
        return words.n_(
            "Safe to carry out, but one decision must be taken first: until then the request "
            "is not complete.",
            "Safe to carry out, but {n} decisions must be taken first: until then the request "
            "is not complete.",
            pending,
        ).format(n=pending)
    if verdict.ok:
        return _(
            "Safe: no step makes Cliënt Online create a login or mail login details, and nobody "
            "else loses access."
        )
    return _("Not safe: see the findings below before you change anything.")


def orders_sentence(orders: Orders, words: Wording) -> str:
    """How many of the orders the checklist allows were checked."""
    _ = words._
    if not orders.complete:
        return _(
            "There are too many possible orders to check them all; the numbered order was "
            "checked: do the steps in exactly that order."
        )
    if orders.total is None and orders.all_safe:
        return _(
            "Every order in which these steps may be done was checked, more than 10^{power} "
            "of them."
        ).format(power=orders.more_than)
    if orders.total is None:
        return _(
            "Not every order in which these steps may be done is safe (there are more than "
            "10^{power}): keep to the numbered order."
        ).format(power=orders.more_than)
    if orders.checked == orders.total:
        return words.n_(
            "The only order of these steps was checked.",
            "All {n} orders in which these steps may be done were checked.",
            orders.total,
        ).format(n=orders.total)
    return _(
        "{checked} of the {total} orders in which these steps may be done are safe: "
        "keep to the numbered order."
    ).format(checked=orders.checked, total=orders.total)


def notes(plan: Plan, words: Wording) -> tuple[str, ...]:
    """What the plan leaves as it is, and why."""
    _ = words._
    kept = tuple(
        _("Cliënt {client} stays on the portal without any user (option orphaned_clients: keep).").format(
            client=words.label(k)
        )
        for k in plan.kept_orphans
    )
    done = tuple(
        _("{person} has no contact person at {client} (any more): nothing to do there.").format(
            person=words.label(person), client=words.label(client)
        )
        for person, client in plan.intent.nothing_at
    )
    return kept + done


def access_table(plan: Plan, words: Wording) -> AccessTable:
    """Who can see which cliënt before and after, for the logins the plan
    touches: the logins whose access changes first, at most TABLE_LOGINS of
    them and TABLE_CLIENTS cliënten (those whose access changes first); the
    logins left out are counted by what they lose."""
    trace = plan.trace
    before, after = trace.views(trace.start), trace.views(trace.end)
    logins = [i for i in trace.logins if before[i].exists or after[i].exists]
    logins.sort(key=lambda i: before[i].clients == after[i].clients)  # stable: changes first
    shown, rest = logins[:TABLE_LOGINS], logins[TABLE_LOGINS:]
    changed: dict[str, None] = {}
    seen: dict[str, None] = {}
    for i in shown:
        for k in sorted(before[i].clients ^ after[i].clients):
            changed[k] = None
        for k in sorted(before[i].clients | after[i].clients):
            seen[k] = None
    clients = list(changed) + [k for k in seen if k not in changed]
    clients = clients[:TABLE_CLIENTS]
    rows = tuple(
        tuple(Cell(k in before[i].clients, k in after[i].clients) for k in clients) for i in shown
    )
    losses: dict[tuple[str, ...], int] = {}
    for i in rest:
        lost = tuple(sorted(before[i].clients - after[i].clients, key=natural_key))
        losses[lost] = losses.get(lost, 0) + 1
    more = tuple(
        words.n_(
            "And {n} more login loses access to {clients}.",
            "And {n} more logins lose access to {clients}.",
            count,
        ).format(n=count, clients=words.listing(lost))
        if lost
        else words.n_(
            "And {n} more login whose access does not change.",
            "And {n} more logins whose access does not change.",
            count,
        ).format(n=count)
        for lost, count in losses.items()
    )
    return AccessTable(
        tuple(words.label(i) for i in shown), tuple(words.label(k) for k in clients), rows, more
    )
