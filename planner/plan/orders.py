"""Every order a plan's dependency graph allows, proven with the rules.

The search visits the sets of steps done so far — not all n! sequences —
because the state after a set of steps does not depend on the order they
were done in. Steps that touch different people cannot influence each
other's portal events, so each group of interfering steps is searched on its
own and the counts are combined.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from math import prod

import networkx as nx

from planner.model.findings import ERROR, Finding, worst_first
from planner.model.office import Export
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, CONTACT_ON, LINK, UNLINK, Step
from planner.plan.intent import Intent
from planner.plan.rule_check import Trial, check
from planner.portal.projection import people_affected
from planner.portal.simulate import Trace, step_moment
from planner.portal.state import State

#: How much work the all-orders search may do before it stops and says so,
#: rather than claim what it did not check: counted in records looked at
#: and steps applied. Deterministic (the same plan always gets the same
#: answer) and about a second of work.
SEARCH_LIMIT = 1_500_000
#: How many sets of done steps the counting of orders may hold: bounds its
#: memory. Past it, the orders are not counted but bounded from below.
COUNT_LIMIT = 100_000
#: Counts up to here are given exactly; larger ones as a power of ten.
EXACT_BELOW = 10**15


class _OutOfBudget(Exception):
    """The search spent its work limit (caught in this module only)."""


class _Budget:
    __slots__ = ("left",)

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, units: int) -> None:
        self.left -= units
        if self.left < 0:
            raise _OutOfBudget


@dataclass(frozen=True)
class Orders:
    """What was proven about the orders a plan's dependency graph allows."""

    #: orders verified safe, when counted (1 or 0 when only the numbered
    #: order was checked)
    checked: int | None
    #: orders the graph allows, when counted and below EXACT_BELOW
    total: int | None
    findings: tuple[Finding, ...] = ()
    #: every allowed order was checked (else only the numbered one)
    complete: bool = True
    #: when complete but not counted: there are more than 10**more_than orders
    more_than: int | None = None

    @property
    def all_safe(self) -> bool:
        """Every allowed order was checked and none has an unsafe step."""
        return self.complete and not any(f.severity == ERROR for f in self.findings) and (
            self.checked is None or self.checked == self.total
        )

    def as_dict(self) -> dict:
        out = {
            "checked": self.checked,
            "total": self.total,
            "complete": self.complete,
            "all_safe": self.all_safe,
        }
        if self.more_than is not None:
            out["more_than"] = f"1e{self.more_than}"
        return out


def components(export: Export, graph: nx.DiGraph) -> list[list[Step]]:
    """Groups of steps that can influence each other: shared people or an edge."""
    joined = nx.Graph()
    joined.add_nodes_from(graph.nodes)
    joined.add_edges_from(graph.edges)
    owner: dict[str, Step] = {}
    for step in graph.nodes:
        for person in people_affected(export, step):
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
    count_limit: int = COUNT_LIMIT,
    count: bool = True,
) -> Orders:
    """Check every order ``graph`` allows with the step rules.

    A step's portal events depend only on which of the steps about the same
    people are done before it (its *neighbours*); steps about other people
    change nothing it looks at. So each step is checked once for
    every set of done neighbours some allowed order can reach — far fewer
    than the orders themselves (a company whose 12,000 contact persons are
    switched off one by one has 12,000! orders, but each contact's step has
    one such set). The unsafe ones are then counted into the orders that
    reach them, where the orders are few enough to count (and ``count``:
    ``--check`` proves the orders but prints no count).

    Returns how many orders are safe out of how many are allowed, and one
    finding per unsafe step and set of done neighbours, with an order that
    reaches it.
    """
    search = _Search(export, intent, graph, number, catalog)
    try:
        findings = search.check_every_step(_Budget(limit))
    except _OutOfBudget:
        return Orders(checked=0, total=None, complete=False)
    if not count:
        return Orders(None, None, findings)
    counted = search.count(_Budget(count_limit))
    if counted is None:
        more_than = _power_of_ten_below(search.log10_lower_bound())
        return Orders(None, None, findings, more_than=more_than)
    safe, every, log10_every = counted
    if safe is None:
        return Orders(None, None, findings, more_than=_power_of_ten_below(log10_every))
    return Orders(safe, every, findings)


def _power_of_ten_below(log10: float) -> int:
    """The largest k with 10**k below a number whose log10 is given."""
    return max(0, math.ceil(log10 - 1e-9) - 1)


class _Search:
    """The all-orders check of one plan graph (see :func:`verify_orders`).

    Steps are indexed in their numbered order, which is a topological order
    of the graph; sets of steps are bitmasks over those indexes.
    """

    def __init__(self, export, intent, graph, number, catalog) -> None:
        self.export, self.intent, self.graph, self.catalog = export, intent, graph, catalog
        self.start = State(export)
        self.steps = sorted(graph.nodes, key=number.__getitem__)
        self.numbers = [number[s] for s in self.steps]
        self.index = {s: i for i, s in enumerate(self.steps)}
        # Every step's ancestors, as a bitmask: one pass in topological order.
        self.ancestors = [0] * len(self.steps)
        for i, step in enumerate(self.steps):
            bits = 0
            for before in graph.predecessors(step):
                j = self.index[before]
                bits |= self.ancestors[j] | (1 << j)
            self.ancestors[i] = bits
        self.people = [people_affected(export, s) for s in self.steps]
        self.cost = [
            1 + sum(len(export.tree(person)) for person in people) for people in self.people
        ]
        self.by_person: dict[str, list[int]] = {}
        for i, people in enumerate(self.people):
            for person in people:
                self.by_person.setdefault(person, []).append(i)
        #: step index -> bitmasks of done neighbours after which it is unsafe
        self.unsafe: dict[int, set[int]] = {}
        #: step index -> bitmask of the neighbours whose being done can change
        #: its findings (see check_every_step); the unsafe sets are over these
        self.relevant: dict[int, int] = {}
        #: record -> the steps that take it off the portal (see silent)
        self.switching_off: dict[str, list[int]] = {}
        for i, step in enumerate(self.steps):
            if step.action == CONTACT_OFF:
                self.switching_off.setdefault(step.target, []).append(i)
            elif step.action == CLIENT_OFF and step.target in export.clients:
                for record in export.records_of(step.target):
                    self.switching_off.setdefault(record, []).append(i)

    def neighbours(self, i: int) -> list[int]:
        near = {j for person in self.people[i] for j in self.by_person[person]}
        near.discard(i)
        return sorted(near)

    def check_every_step(self, budget: _Budget) -> tuple[Finding, ...]:
        found: dict[tuple, Finding] = {}
        ancestors = self.ancestors
        for i, step in enumerate(self.steps):
            near = self.neighbours(i)
            budget.spend(1 + len(near))
            before = [j for j in near if ancestors[i] >> j & 1]
            free = [j for j in near if not ancestors[i] >> j & 1 and not ancestors[j] >> i & 1]
            if free and self.silent(i):
                free = []  # the same (no) events whatever else is done: one set suffices
            elif free:
                free = self.bearing_on(i, free)
            # What is done of these is all the step's safety depends on.
            self.relevant[i] = sum(1 << j for j in before) | sum(1 << j for j in free)
            for done_free in self._down_sets(free, budget):
                done = before + list(_bits(done_free))
                budget.spend(self.cost[i] + len(done))
                state = self.start.apply_all(self.steps[j] for j in done)
                moment, _after = step_moment(state, step)
                trial = Trial(
                    self.export, self.intent, Trace(state, (moment,), state), (self.numbers[i],),
                    self.catalog, partial=True,
                )
                errors = [f for f in check(trial, scope="step") if f.severity == ERROR]
                if not errors:
                    continue
                self.unsafe.setdefault(i, set()).add(sum(1 << j for j in done))
                order = self._order(sorted(done) + [i])
                note = self.catalog.gettext("Found with the steps in the order {order}.").format(
                    order=order
                )
                for f in errors:
                    found.setdefault(
                        (f.code, f.step, f.subject),
                        Finding(f.code, f.severity, f.step, f.subject, f"{f.message} {note}"),
                    )
        return tuple(worst_first(found.values()))

    def silent(self, i: int) -> bool:
        """Whether step ``i`` changes no login in any order the graph allows:
        every user record it could take off the portal, or cut from its
        login, is off before it in every such order (a plan never switches
        back on a record it switches off, so a record off stays off). Its events are
        then none, whatever its neighbours are done."""
        step, export = self.steps[i], self.export
        if step.action == CONTACT_OFF:
            reach = [step.target] if step.target in export.contacts else []
        elif step.action == CLIENT_OFF:
            reach = list(export.records_of(step.target)) if step.target in export.clients else []
        elif step.action == UNLINK:
            reach = self.start.tree(step.target) if step.target in export.contacts else []
        elif step.action in (LINK, CONTACT_ON):
            return False  # it gives access: never silent
        else:
            return True  # a decision changes nothing
        ancestors = self.ancestors[i]
        return all(
            not self.start.is_user(r) or any(ancestors >> j & 1 for j in self.switching_off.get(r, ()))
            for r in reach
        )

    def bearing_on(self, i: int, free: list[int]) -> list[int]:
        """The steps among ``free`` that can change what the step rules find
        in step ``i``.

        Switching off a contact X linked under another record can give only
        these events: its login loses X's klant (when it has no other user
        there), and the login goes (when X was its last user). No login is
        made, none gains access, and the login's main user stays, so of the
        step rules only collateral-loss can fire, and only on the first
        event: which depends on the login's other users at X's klant alone.
        So only steps about that klant, and unlinking (which can move X or
        those users to another login), bear on it; a person's contacts at
        other companies change nothing of it, in whatever order they are
        done. Every other kind of step keeps all its neighbours.
        """
        step, export = self.steps[i], self.export
        contact = export.contacts.get(step.target) if step.action == CONTACT_OFF else None
        if contact is None or contact.main is None:
            return free
        klant = contact.client
        kept = []
        for j in free:
            other = self.steps[j]
            if other.action in (UNLINK, LINK, CONTACT_ON):
                kept.append(j)
            elif other.action == CLIENT_OFF and other.target == klant:
                kept.append(j)
            elif other.action == CONTACT_OFF and export.client_of(other.target) == klant:
                kept.append(j)
        return kept

    def _down_sets(self, free: list[int], budget: _Budget):
        """Every set of ``free`` steps closed under "waits for" among them —
        the done neighbours some allowed order reaches — as a bitmask.

        ``free`` is in topological order, so each step is decided after
        everything it waits for among them: it may be done only if those are.
        """
        ancestors = self.ancestors
        free_bits = sum(1 << j for j in free)
        stack = [(0, 0)]  # (how many of ``free`` are decided, the done ones)
        while stack:
            position, done = stack.pop()
            budget.spend(1)
            if position == len(free):
                yield done
                continue
            j = free[position]
            stack.append((position + 1, done))
            if ancestors[j] & free_bits & ~done == 0:
                stack.append((position + 1, done | 1 << j))

    def _order(self, indexes: list[int]) -> str:
        numbers = [str(self.numbers[j]) for j in indexes]
        if len(numbers) > 12:
            numbers = numbers[:5] + ["…"] + numbers[-5:]
        return ", ".join(numbers)

    # -- counting ---------------------------------------------------------------

    def count(self, budget: _Budget):
        """(safe orders, all orders, log10 of all orders); the first two None
        when there are more than EXACT_BELOW orders. None altogether when
        counting would take more than ``budget``."""
        parts = self._parts()
        # Steps of one generation wait for none of each other: any subset of
        # them can be what is done, so a part with a generation of more than
        # log2(limit) steps has more sets of done steps than may be held.
        widest = max((len(g) for g in nx.topological_generations(self.graph)), default=0)
        if 2**widest > budget.left:
            return None
        safe_counts, all_counts = [], []
        try:
            for part in parts:
                safe, every = self._count_part(part, budget)
                safe_counts.append(safe)
                all_counts.append(every)
        except _OutOfBudget:
            return None
        sizes = [len(p) for p in parts]
        # The parts' steps interleave freely: a multinomial of their sizes.
        log10_every = (
            math.lgamma(sum(sizes) + 1) - sum(math.lgamma(s + 1) for s in sizes)
        ) / math.log(10) + sum(math.log10(every) for every in all_counts)
        if log10_every > math.log10(EXACT_BELOW) + 1:  # no need for the exact number
            return None, None, log10_every
        interleavings = math.factorial(sum(sizes)) // prod(math.factorial(s) for s in sizes)
        every = interleavings * prod(all_counts)
        if every >= EXACT_BELOW:
            return None, None, math.log10(every)
        return interleavings * prod(safe_counts), every, math.log10(every)

    def _parts(self) -> list[list[int]]:
        parts = components(self.export, self.graph)
        return [sorted(self.index[s] for s in part) for part in parts]

    def _count_part(self, part: list[int], budget: _Budget) -> tuple[int, int]:
        """Safe and all orders of one part, over the sets of its steps done
        so far: two layers of them held at a time."""
        local = {j: k for k, j in enumerate(part)}
        needs = [0] * len(part)
        for k, j in enumerate(part):
            for before in self.graph.predecessors(self.steps[j]):
                needs[k] |= 1 << local[self.index[before]]
        # Unsafe sets of done neighbours, as bitmasks over this part.
        unsafe: dict[int, set[int]] = {}
        for k, j in enumerate(part):
            for done in self.unsafe.get(j, ()):
                unsafe.setdefault(k, set()).add(sum(1 << local[d] for d in _bits(done)))
        near = [sum(1 << local[n] for n in _bits(self.relevant[j])) for j in part]
        full = (1 << len(part)) - 1
        every, safe = {0: 1}, {0: 1}
        while full not in every:
            next_every: dict[int, int] = {}
            next_safe: dict[int, int] = {}
            for done, ways in every.items():
                budget.spend(len(part))
                for k in range(len(part)):
                    bit = 1 << k
                    if done & bit or needs[k] & ~done:
                        continue
                    reached = done | bit
                    next_every[reached] = next_every.get(reached, 0) + ways
                    gain = 0 if done & near[k] in unsafe.get(k, ()) else safe[done]
                    next_safe[reached] = next_safe.get(reached, 0) + gain
            every, safe = next_every, next_safe
        return safe[full], every[full]

    def log10_lower_bound(self) -> float:
        """log10 of a number of orders the graph allows at least: doing its
        generations one after the other, each in any order, is allowed."""
        total = 0.0
        for generation in nx.topological_generations(self.graph):
            total += math.lgamma(len(generation) + 1)
        return total / math.log(10)


def _bits(mask: int):
    position = 0
    while mask:
        if mask & 1:
            yield position
        mask >>= 1
        position += 1
