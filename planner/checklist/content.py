"""The checklist's content, as plain data every output format renders.

:func:`build` makes a :class:`Report` section by section — what is asked,
the verdict and findings, the steps in groups, the orders checked, the
registration, the follow-ups, who sees what before and after, and the
drawing — with the sentences of :mod:`planner.checklist.wording`; the templates only
lay it out.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from planner.checklist.decisions import kept_after_death, not_done, options, reason, taken_lines
from planner.checklist.drawing import Drawing, drawings
from planner.checklist.wording import Wording
from planner.model.findings import ERROR, INFO, WARNING, Finding
from planner.model.naming import natural_key
from planner.model.steps import DECIDE
from planner.plan.graph import Plan
from planner.plan.instructions import instruction
from planner.plan.orders import Orders
from planner.plan.proof import NEEDS_DECISION, SAFE, UNSAFE, Verdict
from planner.portal.projection import views
from planner.rules import BY_ID


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

    @property
    def key(self) -> str:
        """The step by what it does, the same in every variant of the plan:
        what the HTML page remembers a tick by."""
        return f"{self.action} {self.target}"


@dataclass(frozen=True)
class FindingView:
    severity: str
    #: the severity in the report's language
    level: str
    #: what the code means, in the report's language
    title: str
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
class FollowUpView:
    #: what the HTML page remembers a tick by
    key: str
    text: str


@dataclass(frozen=True)
class OptionView:
    """One answer to a decision, and what it does."""

    #: KEEP or REMOVE, as ``--decide`` and ``decisions:`` write it
    choice: str
    title: str
    effect: str
    #: the command line that takes this answer
    command: str


@dataclass(frozen=True)
class DecisionView:
    """An open decision: why it must be taken, and the answers to choose from."""

    n: int
    subject: str
    title: str
    reasons: tuple[str, ...]
    options: tuple[OptionView, ...]


@dataclass(frozen=True)
class TakenView:
    """A decision staff took: the answer, what it does, and for ``keep``
    which part of the request is therefore not done, why, and which
    follow-ups are left out."""

    subject: str
    chosen: str
    effect: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ProposedStep:
    n: int
    text: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class ProposedView:
    """The order staff proposed, as they wrote it, with each finding at its step."""

    steps: tuple[ProposedStep, ...]
    #: findings about the order as a whole
    general: tuple[FindingView, ...]
    safe: bool
    #: what the check of a safe order found, in one sentence ("" when it is not safe)
    checked: str = ""


@dataclass(frozen=True)
class PlanPart:
    """What depends on the plan: one per answer to the open decisions."""

    #: SAFE, NEEDS_DECISION or UNSAFE (formats.md §5)
    status: str
    verdict: str
    findings: tuple[FindingView, ...]
    notes: tuple[str, ...]
    #: the order staff proposed; None when the scenario has none
    proposed: ProposedView | None
    orders: str
    groups: tuple[tuple[StepView, ...], ...]
    decisions: tuple[DecisionView, ...]
    #: "1 decision still open", or "" when none is: beside the progress count
    still_open: str
    #: "{done} of 3 steps done", for the page to fill in
    progress: str
    #: the office's work after the portal steps
    followups: tuple[FollowUpView, ...]
    table: AccessTable
    #: the situation drawn before the first step and after the last; None
    #: when it is too large to draw
    before: Drawing | None
    after: Drawing | None
    #: the decisions staff took, each with what it leaves as it is
    taken: tuple[TakenView, ...] = ()
    #: what the steps section says when the plan has no steps
    empty: str = ""
    #: whether the steps are a checklist to tick: not when the plan itself
    #: is not safe; ``untickable`` then says why
    tickable: bool = True
    untickable: str = ""

    @property
    def safe(self) -> bool:
        return self.status == SAFE


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    #: where the request came from: the scenario file, or the export file a
    #: request was given on as options
    scenario: str
    #: how the header names it: (label, value) — the scenario file, or the
    #: command that asked for the request, which staff can run again
    source: tuple[str, str]
    description: str | None
    fingerprint: str
    date: str
    #: the date of the export file (YYYY-MM-DD), so an old export is recognisable
    export_date: str
    asked: tuple[str, ...]
    #: problems in the export's registration about what the request involves
    registration: tuple[FindingView, ...]
    #: one sentence counting the export's other registration findings, or ""
    registration_elsewhere: str
    #: the plan as it stands (with its open decisions)
    part: PlanPart
    #: the HTML page: the plan for every answer it offers, and when each of
    #: its elements is shown (planner.checklist.page); None in other formats
    page: object = None


def build(plan: Plan, verdict: Verdict, *, lang: str, date: str, export_date: str = "") -> Report:
    """The report for a checked plan, in ``lang``, dated ``date`` (YYYY-MM-DD),
    for an export of ``export_date``. (The HTML page adds the plans for the
    answers to its decisions: :func:`planner.checklist.page.html_report`.)
    """
    scenario = plan.scenario
    words = Wording(scenario.export, lang)
    _ = words._
    part = plan_part(plan, verdict, words)
    return Report(
        lang=lang,
        title=_("Removal checklist for Cliënt Online"),
        scenario=scenario.path,
        source=(
            (_("Request"), decide_command(scenario.path, scenario.decisions, scenario.request))
            if scenario.request else (_("Scenario"), scenario.path)
        ),
        description=scenario.described(lang),
        fingerprint=scenario.fingerprint,
        date=date,
        export_date=export_date,
        asked=tuple(words.asked(e) for e in scenario.events),
        registration=finding_views(verdict.registration, words),
        registration_elsewhere=elsewhere_sentence(verdict.registration_elsewhere, scenario.export.source, words),
        part=part,
    )


def plan_part(plan: Plan, verdict: Verdict, words: Wording) -> PlanPart:
    groups = step_groups(plan, words)
    drawn = drawings(plan.trace, words.label, involved_logins(plan))
    before, after = drawn if drawn is not None else (None, None)
    return PlanPart(
        status=verdict.status,
        verdict=verdict_sentence(plan, verdict, words),
        findings=finding_views(verdict.plan_findings, words),
        notes=notes(plan, words),
        proposed=proposed_view(plan, verdict, words),
        orders=orders_sentence(verdict.orders, words),
        groups=groups,
        decisions=decision_views(plan, words),
        still_open=words.n_(
            "{n} decision still open", "{n} decisions still open", len(plan.decisions)
        ).format(n=words.number(len(plan.decisions))) if plan.decisions else "",
        progress=progress_template(plan, words),
        followups=tuple(
            FollowUpView(f"followup {f.kind} {f.subject}", words.followup(f)) for f in plan.followups
        ),
        table=access_table(plan, words),
        before=before,
        after=after,
        taken=taken_views(plan, words),
        empty=empty_sentence(plan, words),
        tickable=verdict.plan_ok,
        untickable="" if verdict.plan_ok else words._(
            "Do not carry out these steps: this plan is not safe (see the findings above). They "
            "are listed without boxes to tick, so that nobody ticks them off."
        ),
    )


def taken_views(plan: Plan, words: Wording) -> tuple[TakenView, ...]:
    """The decisions staff took, with what each leaves as it is and why."""
    views = []
    for taken in plan.taken:
        chosen, effect, lines = taken_lines(words, plan, taken)
        views.append(TakenView(taken.decision.replaces.target, chosen, effect, lines))
    return tuple(views)


def empty_sentence(plan: Plan, words: Wording) -> str:
    """What the steps section says when there is no step: never that the
    export has it done when a decision staff took leaves it undone."""
    kept = [t.decision.replaces.target for t in plan.taken if not_done(plan, t)]
    if kept:
        return words._(
            "No step to take in AuditCase: you decided to keep {kept} as it is (see “Decisions taken”)."
        ).format(kept=words.listing(sorted(kept, key=natural_key)))
    return words._("Nothing to change: the export shows every step of this request done already.")


def progress_template(plan: Plan, words: Wording) -> str:
    """How far staff are, with ``{done}`` left for the page to fill in."""
    total = sum(1 for p in plan.steps if p.action != DECIDE)
    return words.n_("{done} of {total} step done", "{done} of {total} steps done", total).replace(
        "{total}", words.number(total)
    )


def decision_views(plan: Plan, words: Wording) -> tuple[DecisionView, ...]:
    """The open decisions, each with its answers and the command that takes it."""
    views = []
    taken = dict(plan.scenario.decisions)
    for planned in plan.decisions:
        answers = []
        for choice, title, effect in options(words, planned.decisions):
            command = decide_command(
                plan.scenario.path, {**taken, planned.target: choice}, plan.scenario.request
            )
            answers.append(OptionView(choice, title, effect, command))
        views.append(
            DecisionView(
                n=planned.n,
                subject=planned.target,
                title=words.title(planned),
                reasons=tuple(reason(words, d) for d in planned.decisions),
                options=tuple(answers),
            )
        )
    return tuple(views)


def request_command(path: str, request: tuple[str, ...]) -> str:
    """The command line that plans the file ``path`` (with the options of a
    request given on the command line, already quoted)."""
    return " ".join(["plan-removal", shlex.quote(path), *request])


def decide_command(path: str, decisions: dict[str, str], request: tuple[str, ...] = ()) -> str:
    """The command line that makes the plan again with ``decisions`` taken
    (after the options of a request given on the command line, already quoted)."""
    return " ".join([request_command(path, request)] + [
        f"--decide {shlex.quote(f'{subject}={choice}')}"
        for subject, choice in sorted(decisions.items(), key=lambda item: natural_key(item[0]))
    ])


def proposed_view(plan: Plan, verdict: Verdict, words: Wording) -> ProposedView | None:
    """The proposed order, numbered as staff wrote it, each finding at its step."""
    if verdict.proposed_findings is None:
        return None
    findings = finding_views(verdict.proposed_findings, words)
    at_step: dict[int | None, list] = {}
    for f in findings:  # by step once: a proposed order may be thousands of steps long
        at_step.setdefault(f.step, []).append(f)
    steps = tuple(
        ProposedStep(n, instruction(step, words.export, words._), tuple(at_step.get(n, ())))
        for n, step in enumerate(plan.scenario.proposed, start=1)
    )
    general = tuple(f for f in findings if f.step is None)
    safe = not any(f.severity == ERROR for f in findings)
    checked = "" if not safe else words._(
        "Checked step by step: no errors, only the notes above."
    ) if findings else words._("Checked step by step: nothing found.")
    return ProposedView(steps, general, safe, checked)


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
            portal=words.portal(planned.events, planned.action, plan.intent.rehomed),
            waits=words.waits(planned),
            after=tuple(n for n, _reason in planned.after),
            decisions=tuple(reason(words, d) for d in planned.decisions),
        )
        if len(groups) < view.group:
            groups.append([])
        groups[view.group - 1].append(view)
    return tuple(tuple(g) for g in groups)


def finding_views(findings: tuple[Finding, ...], words: Wording) -> tuple[FindingView, ...]:
    _ = words._
    levels = {ERROR: _("error"), WARNING: _("warning"), INFO: _("info")}
    return tuple(
        FindingView(f.severity, levels[f.severity], _(BY_ID[f.code].TITLE), f.code, f.step, f.message)
        for f in findings
    )


def elsewhere_sentence(count: int, export: str, words: Wording) -> str:
    """The rest of the export's registration findings, as one line."""
    if not count:
        return ""
    return words.n_(
        "{n} other note about the office’s registration, not about this request: "
        "plan-removal --lint {export}",
        "{n} other notes about the office’s registration, not about this request: "
        "plan-removal --lint {export}",
        count,
    ).format(n=words.number(count), export=export)


def verdict_sentence(plan: Plan, verdict: Verdict, words: Wording) -> str:
    _ = words._
    if verdict.status == UNSAFE and verdict.plan_ok and verdict.open_decisions:
        pending = len(verdict.open_decisions)
        return words.n_(
            "Your proposed order is not safe: see the findings at its steps. The plan below is "
            "safe, but one decision must be taken first.",
            "Your proposed order is not safe: see the findings at its steps. The plan below is "
            "safe, but {n} decisions must be taken first.",
            pending,
        ).format(n=words.number(pending))
    if verdict.status == UNSAFE and verdict.plan_ok:
        return _(
            "Your proposed order is not safe: see the findings at its steps. The plan below is "
            "safe: work from that."
        )
    if verdict.status == UNSAFE:
        return _("Not safe: see the findings below before you change anything.")
    if verdict.status == NEEDS_DECISION:
        pending = len(verdict.open_decisions)
        return words.n_(
            "Decide first: one decision must be taken before the request is complete. The steps "
            "that do not wait for it are safe to do now.",
            "Decide first: {n} decisions must be taken before the request is complete. The steps "
            "that do not wait for them are safe to do now.",
            pending,
        ).format(n=words.number(pending))
    if plan.rehomes:
        people = [words.person(r.new_main) for r in plan.rehomes]
        return words.n_(
            "Safe with your decisions: the one new login is made on purpose for {people}, who "
            "keeps access (Cliënt Online mails them: tell them beforehand); no other step makes "
            "a login, and what your decisions keep on the portal or take away is listed below.",
            "Safe with your decisions: the new logins are made on purpose for {people}, who "
            "keep access (Cliënt Online mails them: tell them beforehand); no other step makes "
            "a login, and what your decisions keep on the portal or take away is listed below.",
            len(people),
        ).format(people=words.joined(people))
    if any(not_done(plan, t) for t in plan.taken):
        return _(
            "Safe with your decisions, but not all of the request is done: what you decided to "
            "keep stays as it is, and what that leaves undone, and why, is under “Decisions "
            "taken” below. No step makes Cliënt Online create a login or mail login details."
        )
    if plan.taken:
        return _(
            "Safe with your decisions: no step makes Cliënt Online create a login or mail login "
            "details; what your decisions keep on the portal or take away is listed below."
        )
    return _(
        "Safe: no step makes Cliënt Online create a login or mail login details, and nobody "
        "else loses access."
    )


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
    if orders.checked == orders.total == 2:
        return _("Both orders in which these steps may be done were checked.")
    if orders.checked == orders.total:
        return words.n_(
            "These steps can be done in one order only, and it was checked.",
            "All {n} orders in which these steps may be done were checked.",
            orders.total,
        ).format(n=words.number(orders.total))
    return words.n_(
        "{checked} of the {total} orders in which these steps may be done is safe: "
        "keep to the numbered order.",
        "{checked} of the {total} orders in which these steps may be done are safe: "
        "keep to the numbered order.",
        orders.checked,
    ).format(checked=words.number(orders.checked), total=words.number(orders.total))


def notes(plan: Plan, words: Wording) -> tuple[str, ...]:
    """What the plan leaves as it is, and why."""
    _ = words._
    kept = tuple(
        _("Cliënt {client} stays on the portal without any user, as the scenario chose.").format(
            client=words.label(k)
        )
        for k in plan.kept_orphans
        if k not in plan.kept  # a decision about it is said below
    )
    done = tuple(
        _("{person} has no contact person at {client} (any more): nothing to do there.").format(
            person=words.label(person), client=words.label(client)
        )
        for person, client in plan.intent.nothing_at
    )
    unused = tuple(
        _("You decided about {subject}, but this plan does not ask that decision (any more): it is not used.").format(
            subject=words.label(subject)
        )
        for subject in plan.unused
    )
    return kept_after_death(words, plan) + kept + done + unused


@dataclass(frozen=True)
class _Sees:
    clients: frozenset[str]

    @property
    def exists(self) -> bool:
        return bool(self.clients)


def _by_person(plan: Plan, views) -> dict[str, _Sees]:
    """What each person sees through all their logins: a person re-homed to a
    new login is one row, not two."""
    export = plan.scenario.export
    seen: dict[str, set[str]] = {}
    for login_id, view in views.items():
        seen.setdefault(export.root(login_id) if login_id in export else login_id, set()).update(view.clients)
    return {person: _Sees(frozenset(clients)) for person, clients in seen.items()}


def involved_logins(plan: Plan) -> list[str]:
    """The logins a checklist shows: those a step touches, then those of
    the records and cliënten the request takes off that are on the portal
    at the start — also when a decision keeps them as they are."""
    trace = plan.trace
    start = trace.start
    found = dict.fromkeys(trace.logins)
    for record_id in sorted(plan.intent.records_gone | plan.intent.clients_gone, key=natural_key):
        if record_id in start.export and start.is_user(record_id):
            found.setdefault(start.root(record_id), None)
    return list(found)


def access_table(plan: Plan, words: Wording) -> AccessTable:
    """Who can see which cliënt before and after, for the logins the plan
    touches: the logins whose access changes first, at most TABLE_LOGINS of
    them and TABLE_CLIENTS cliënten (those whose access changes first); the
    logins left out are counted by what they lose."""
    trace = plan.trace
    shown = involved_logins(plan)
    before, after = _by_person(plan, views(trace.start, shown)), _by_person(plan, views(trace.end, shown))
    logins = [i for i in before if before[i].exists or after[i].exists]
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
        ).format(n=words.number(count), clients=words.listing(lost))
        if lost
        else words.n_(
            "And {n} more login whose access does not change.",
            "And {n} more logins whose access does not change.",
            count,
        ).format(n=words.number(count))
        for lost, count in losses.items()
    )
    return AccessTable(
        tuple(words.label(i) for i in shown), tuple(words.label(k) for k in clients), rows, more
    )
