"""Proving an order safe: the rules over a simulated sequence of steps, and a
search over every order a plan's dependency graph allows.

The planner's plan and an order staff propose go through the same rules.
For a plan, the search visits the sets of steps done so far — not all n!
sequences — because the state after a set of steps does not depend on the
order they were done in. Steps that touch different people cannot influence
each other's portal events, so each group of interfering steps is searched
on its own and the counts are combined.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from math import factorial, prod

import networkx as nx

from planner.findings import ERROR, Finding, worst_first
from planner.intent import Intent
from planner.lint import lint
from planner.model import Export
from planner.portal import events_between, people_touched, touched_logins
from planner.simulate import Moment, Trace, simulate
from planner.state import State
from planner.steps import CLIENT_OFF, CONTACT_OFF, DECIDE, Step

#: How much the all-orders search may simulate before it gives up and says
#: so, rather than claim what it did not check: counted in records looked at
#: (each transition costs the size of the main-link trees its step touches).
#: About a second of work; a death with a dozen companies fits.
SEARCH_LIMIT = 400_000


@dataclass(frozen=True)
class Run:
    """What the rules look at: one ordered list of steps, simulated."""

    export: Export
    intent: Intent
    trace: Trace
    #: the number each step carries where staff read it (plan number or position)
    numbers: tuple[int, ...]
    catalog: gettext.NullTranslations = field(repr=False)
    #: whether the steps are an order staff proposed (not the planner's own)
    proposed: bool = False
    #: whether this run is a single transition inside the all-orders search
    partial: bool = False

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(m.step for m in self.trace.moments)

    def moments(self):
        """(step number, moment) for every step, in order."""
        return zip(self.numbers, self.trace.moments)

    def label(self, record_id: str | None) -> str:
        if record_id is None or record_id not in self.export:
            return str(record_id)
        name = self.export.name(record_id)
        return record_id if name == record_id else f"{name} ({record_id})"

    def decided(self) -> set[str]:
        """Targets of the decide steps: what staff must settle by hand."""
        return {s.target for s in self.steps if s.action == DECIDE}

    def later_removing(self, index: int, records) -> list[int]:
        """Numbers of the steps after position ``index`` that take one of
        ``records`` off the portal: where a fix for an early step lies."""
        export = self.export

        def removes(step: Step, record_id: str) -> bool:
            if step.action == CONTACT_OFF:
                return step.target == record_id
            return step.action == CLIENT_OFF and record_id in export and step.target == export.client_of(record_id)

        later = zip(self.numbers[index + 1 :], self.steps[index + 1 :])
        return [n for n, step in later if any(removes(step, r) for r in records)]


def rules_for(scope: str | None = None):
    from planner.rules import RULES

    return [r for r in RULES if r.SCOPE == scope or (scope is None and r.SCOPE != "export")]


def check(run: Run, scope: str | None = None) -> list[Finding]:
    findings = [f for rule in rules_for(scope) for f in rule.check(run)]
    return worst_first(findings)


def run_steps(
    export: Export,
    intent: Intent,
    steps,
    catalog,
    numbers=None,
    proposed: bool = False,
) -> Run:
    steps = list(steps)
    trace = simulate(State(export), steps)
    numbers = tuple(numbers) if numbers is not None else tuple(range(1, len(steps) + 1))
    return Run(export, intent, trace, numbers, catalog, proposed=proposed)


# -- every order a dependency graph allows -------------------------------------


@dataclass(frozen=True)
class Orders:
    #: orders verified safe
    checked: int
    #: orders the graph allows; None when the search was too large to count
    total: int | None
    findings: tuple[Finding, ...] = ()

    @property
    def complete(self) -> bool:
        return self.total is not None

    def as_dict(self) -> dict:
        return {"checked": self.checked, "total": self.total, "complete": self.complete}


def components(export: Export, graph: nx.DiGraph) -> list[list[Step]]:
    """Groups of steps that can influence each other: shared people or an edge."""
    joined = nx.Graph()
    joined.add_nodes_from(graph.nodes)
    joined.add_edges_from(graph.edges)
    owner: dict[str, Step] = {}
    for step in graph.nodes:
        for person in people_touched(export, step):
            if person in owner:
                joined.add_edge(owner[person], step)
            else:
                owner[person] = step
    return [sorted(c) for c in nx.connected_components(joined)]


def verify_orders(
    export: Export,
    intent: Intent,
    graph: nx.DiGraph,
    number: dict[Step, int],
    catalog,
    limit: int = SEARCH_LIMIT,
) -> Orders:
    """Check every order ``graph`` allows with the step rules.

    Returns how many orders are safe out of how many are allowed, and one
    finding per unsafe transition, with an order that reaches it.
    """
    start = State(export)
    parts = components(export, graph)
    budget = [limit]
    safe_counts, all_counts, findings = [], [], {}
    for part in parts:
        result = _search(start, export, intent, graph, part, number, catalog, budget)
        if result is None:
            return Orders(checked=0, total=None)
        safe, every, found = result
        safe_counts.append(safe)
        all_counts.append(every)
        for f in found:
            findings.setdefault((f.code, f.step, f.subject), f)
    sizes = [len(p) for p in parts]
    interleavings = factorial(sum(sizes)) // prod(factorial(s) for s in sizes)
    return Orders(
        checked=interleavings * prod(safe_counts),
        total=interleavings * prod(all_counts),
        findings=tuple(worst_first(findings.values())),
    )


def _search(start, export, intent, graph, part, number, catalog, budget):
    index = {step: i for i, step in enumerate(part)}
    cost = [
        1 + sum(len(export.tree(person)) for person in people_touched(export, step)) for step in part
    ]
    needs = [0] * len(part)
    for step in part:
        for before in graph.predecessors(step):
            if before in index:
                needs[index[step]] |= 1 << index[before]
    full = (1 << len(part)) - 1
    states = {0: start}
    every = {0: 1}
    safe = {0: 1}
    path = {0: ()}
    found: list[Finding] = []
    layer = [0]
    while layer:
        following: dict[int, None] = {}
        for done in layer:
            state = states.pop(done)
            for i, step in enumerate(part):
                bit = 1 << i
                if done & bit or needs[i] & ~done:
                    continue
                budget[0] -= cost[i]
                if budget[0] < 0:
                    return None
                after = state.apply(step)
                reached = done | bit
                if reached not in every:
                    every[reached] = safe[reached] = 0
                    states[reached] = after
                    path[reached] = path[done] + (number[step],)
                    following[reached] = None
                events = events_between(state, after, touched_logins(state, step))
                moment = Moment(step, state, after, tuple(events), frozenset())
                run = Run(
                    export, intent, Trace(state, (moment,)), (number[step],), catalog, partial=True
                )
                errors = [f for f in check(run, scope="step") if f.severity == ERROR]
                every[reached] += every[done]
                if errors:
                    order = ", ".join(str(n) for n in path[done] + (number[step],))
                    note = catalog.gettext("Found with the steps in the order {order}.").format(
                        order=order
                    )
                    found.extend(
                        Finding(f.code, f.severity, f.step, f.subject, f"{f.message} {note}")
                        for f in errors
                    )
                else:
                    safe[reached] += safe[done]
        layer = sorted(following)
    return safe[full], every[full], found


# -- a scenario's plan and proposed order, checked ------------------------------


@dataclass(frozen=True)
class Verdict:
    """The findings for one plan, and for the order staff proposed if any."""

    plan_findings: tuple[Finding, ...]
    orders: Orders
    proposed_findings: tuple[Finding, ...] | None
    #: problems in the export itself
    registration: tuple[Finding, ...] = ()

    @property
    def every(self) -> tuple[Finding, ...]:
        return self.registration + self.plan_findings + (self.proposed_findings or ())

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.every)


def validate(plan, catalog) -> Verdict:
    """Prove a plan: its numbered order, every order its graph allows, and
    the scenario's proposed order."""
    scenario = plan.scenario
    export, intent = scenario.export, plan.intent
    numbered = Run(export, intent, plan.trace, tuple(p.n for p in plan.steps), catalog)
    number = {p.step: p.n for p in plan.steps}
    orders = verify_orders(export, intent, plan.graph, number, catalog)
    findings = {(f.code, f.step, f.subject): f for f in check(numbered)}
    if not orders.complete:
        # Too many orders to search: only the numbered order has been simulated.
        numbered_safe = not any(f.severity == ERROR for f in findings.values())
        orders = Orders(checked=int(numbered_safe), total=None)
    for f in orders.findings:
        findings.setdefault((f.code, f.step, f.subject), f)
    proposed = None
    if scenario.proposed is not None:
        run = run_steps(export, intent, scenario.proposed, catalog, proposed=True)
        proposed = tuple(check(run))
    registration = lint(export, catalog)
    return Verdict(tuple(worst_first(findings.values())), orders, proposed, registration)
