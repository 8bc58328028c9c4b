"""From removal events to ordered steps: the dependency graph of a plan.

The steps come from the scenario's intent; the order comes from the model,
as edges of a networkx DiGraph, each with the reason it exists:

* ``contact-first``   a contact person before its klant (the article's bottom-up order);
* ``linked-first``    users linked under a login before the login's main user (A2);
* ``unlink-last``     unlinking after the records of that login are off the portal,
                      so breaking the link never creates a login;
* ``bottom-up``       unlinking a main-link tree from the bottom;
* ``rehome-first``    a person's records that stay are moved to their new
                      login before the record their login hangs from goes.

Where the goal cannot be reached without taking access from someone the
scenario does not name, the step is replaced by a ``decide`` step that says
why; the planner never guesses.

Re-homing (domain.md): when staff answer ``remove`` for a main user whose
linked users stay (the same person keeps some access), no order of removals
avoids a new login. The plan makes it on purpose: the staying record highest
in the tree becomes the person's new main record (``unlink``, after the
person's other staying records are linked under it with ``link``), so the
person gets exactly one new login with exactly the access they keep,
announced; then the old main user goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from planner.model.naming import natural_key
from planner.model.scenario import KEEP, REMOVE, Scenario
from planner.model.steps import BOTTOM_UP_RANK, CLIENT_OFF, CONTACT_OFF, DECIDE, UNLINK, Step
from planner.plan.followups import FollowUp, follow_ups
from planner.plan.intent import Intent, resolve
from planner.plan.rehoming import REHOME_FIRST, Rehome, lift, rehome_edges
from planner.plan.rehoming import rehome as plan_rehome
from planner.portal.projection import PortalEvent
from planner.portal.simulate import Trace, simulate
from planner.portal.state import State

# Why a step waits for another (edge attribute "reason").
CONTACT_FIRST = "contact-first"
LINKED_FIRST = "linked-first"
UNLINK_LAST = "unlink-last"
BOTTOM_UP = "bottom-up"
#: Which edges win when two would make steps wait for each other.
PRIORITY = (REHOME_FIRST, LINKED_FIRST, UNLINK_LAST, BOTTOM_UP, CONTACT_FIRST)

# Why staff must decide (Decision.kind).
KEPT_LINKED = "kept-linked"  # a main user must go, users linked under it stay
STILL_USED = "still-used"  # a cliënt must go, someone not named still uses it
ORPHANED = "orphaned"  # a cliënt is left without any user
UNLINK_SPLIT = "unlink-split"  # unlinking would split off a login still in use


@dataclass(frozen=True)
class Decision:
    """One reason a ``decide`` step exists."""

    kind: str
    #: the record or klant the decision is about
    subject: str
    #: the others involved: users left hanging, users still using a cliënt, ...
    others: tuple[str, ...]
    #: the step the planner did not take
    replaces: Step


@dataclass(frozen=True)
class Taken:
    """A decision staff took (a scenario's ``decisions:`` or ``--decide``)."""

    decision: Decision
    #: KEEP (the step stays undone) or REMOVE (it is taken anyway)
    choice: str


@dataclass(frozen=True)
class PlannedStep:
    n: int
    group: int
    step: Step
    client: str
    #: (step number, reason) for every step this one waits for
    after: tuple[tuple[int, str], ...]
    events: tuple[PortalEvent, ...]
    decisions: tuple[Decision, ...] = ()

    @property
    def action(self) -> str:
        return self.step.action

    @property
    def target(self) -> str:
        return self.step.target


@dataclass(frozen=True)
class Plan:
    scenario: Scenario
    intent: Intent
    steps: tuple[PlannedStep, ...]
    graph: nx.DiGraph = field(repr=False)
    #: the plan's steps simulated in their numbered order
    trace: Trace = field(repr=False)
    #: cliënts left without users and kept on the portal by choice
    kept_orphans: tuple[str, ...] = ()
    #: the office's work after the portal steps; never a step
    followups: tuple[FollowUp, ...] = ()
    #: decisions staff took, and what each stands for
    taken: tuple[Taken, ...] = ()
    #: decisions staff took that the plan no longer asks (done since)
    unused: tuple[str, ...] = ()
    #: new logins made on purpose for people who keep access
    rehomes: tuple[Rehome, ...] = ()

    @property
    def decisions(self) -> list[PlannedStep]:
        """The decide steps: decisions still open."""
        return [p for p in self.steps if p.action == DECIDE]

    @property
    def kept(self) -> frozenset[str]:
        """The records and klanten staff decided to leave on the portal."""
        return frozenset(t.decision.replaces.target for t in self.taken if t.choice == KEEP)


def _users_taken_off(state: State, step: Step, planned_contacts: set[str]) -> list[str]:
    """The user records a step takes off the portal, as the export stands.

    A klant's contacts that have their own ``contact_off`` in the plan go
    before the klant, so they are not counted against ``client_off``.
    """
    export = state.export
    if step.action == CONTACT_OFF:
        return [step.target] if state.is_user(step.target) else []
    if step.action == CLIENT_OFF:
        records = [step.target] if state.is_user(step.target) else []
        records += [
            c
            for c in export.contacts_by_client.get(step.target, ())
            if c not in planned_contacts and state.is_user(c)
        ]
        return records
    return []


class _Planner:
    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.export = scenario.export
        self.start = State(self.export)
        self.intent = resolve(scenario)
        self.offs = [Step(CONTACT_OFF, c) for c in self.intent.contacts_off]
        self.offs += [Step(CLIENT_OFF, k) for k in self.intent.clients_off]
        # contact_off steps not blocked so far; a blocked one leaves its
        # contact on the portal, for the klant's client_off to take.
        self.planned_contacts = set(self.intent.contacts_off)

    def users_taken_off(self, step: Step) -> list[str]:
        return _users_taken_off(self.start, step, self.planned_contacts)

    # -- which steps can be taken without harming anyone not named -----------

    def blockers(self, active: list[Step], exempt=frozenset()) -> dict[Step, Decision]:
        """Steps among ``active`` (but those ``exempt``) that would strand a
        linked user or take access from someone the scenario does not name."""
        start, export, intent = self.start, self.export, self.intent
        end = start.apply_all(active)
        found: dict[Step, Decision] = {}
        for step in active:
            if step in exempt:
                continue
            for record_id in self.users_taken_off(step):
                if start.main(record_id) is not None:
                    continue  # a linked user: leaves nobody hanging
                kept = tuple(r for r in start.tree(record_id)[1:] if end.is_user(r))
                if kept:
                    found[step] = Decision(KEPT_LINKED, record_id, kept, step)
                    break
            if step in found or step.action != CLIENT_OFF:
                continue
            client = step.target
            users = [
                r
                for r in self.users_taken_off(step)
                if not intent.may_lose(export, start.root(r), client)
            ]
            if users:
                found[step] = Decision(STILL_USED, client, tuple(users), step)
        return found

    def orphans(self, end: State, active: list[Step]) -> list[str]:
        """Klanten the plan leaves on the portal without any user."""
        leaving = {s.target for s in active if s.action == CLIENT_OFF}
        return [
            k
            for k in self.intent.klanten_left(self.start)
            if k not in leaving
            and end.client_on(k)
            and not any(end.is_user(r) for r in self.export.records_of(k))
        ]

    # -- the plan ------------------------------------------------------------

    def blocked(self, withheld=frozenset(), forced=frozenset()) -> tuple[list[Step], dict[Step, Decision]]:
        """The steps that can be taken, and those blocked with why: a step
        blocked can block others in turn (their users then stay), so this
        runs until nothing more is blocked. ``withheld`` steps are left
        untaken and ``forced`` ones taken whatever they block (decisions
        staff took)."""
        blocked: dict[Step, Decision] = {}
        while True:
            active = [s for s in self.offs if s not in blocked and s not in withheld]
            self.planned_contacts = {s.target for s in active if s.action == CONTACT_OFF}
            more = self.blockers(active, exempt=forced)
            if not more:
                return active, blocked
            blocked.update(more)

    def build(self) -> Plan:
        """The plan, with the scenario's answers to the decisions it asks:
        those the plan without answers asks, and those an answer opens in
        turn (answering one can open another). An answer about anything else
        is not used. Planned once more per level of that chain: the plan
        whose decisions no further answer is about is the one returned."""
        decided = self.scenario.decisions
        asked: dict[Step, Decision] = {}
        while True:
            plan = self.answered(asked)
            new = {
                d.replaces: d
                for p in plan.decisions
                for d in p.decisions
                if d.replaces.target in decided and d.replaces not in asked
            }
            if not new:
                return plan
            asked.update(new)

    def answered(self, asked: dict[Step, Decision]) -> Plan:
        """The plan with the scenario's answers to the decisions in ``asked``
        taken, and every other decision open."""
        decided = self.scenario.decisions

        def answer(step: Step) -> str | None:
            return decided.get(step.target) if step in asked else None

        taken: dict[Step, Taken] = {s: Taken(asked[s], answer(s)) for s in asked if answer(s)}
        withheld = frozenset(s for s in self.offs if answer(s) == KEEP)
        forced = frozenset(s for s in self.offs if answer(s) == REMOVE)
        active, blocked = self.blocked(withheld, forced)
        rehomes = self.rehomes(
            [s for s in sorted(forced) if taken[s].decision.kind == KEPT_LINKED], self.start.apply_all(active)
        )

        decisions: dict[str, list[Decision]] = {}
        for step, decision in blocked.items():
            decisions.setdefault(decision.replaces.target, []).append(decision)

        kept_orphans = self.orphaned(answer, active, decisions, taken)
        end = self.start.apply_all(active)
        # The trees as they stand once the re-homed records have moved.
        moved = end.apply_all(s for r in rehomes for s in r.steps) if rehomes else end
        unlinks, lifts = self.unlinking(answer, end, moved, decisions)

        # The losses a "remove" causes are accepted: the rules name them so,
        # rather than as harm nobody asked for.
        intent = self.intent.accepting(
            (self.export.root(r), step.target)
            for step, t in taken.items() if t.choice == REMOVE and step.action == CLIENT_OFF
            for r in self.export.records_of(step.target)
            if self.start.is_user(r) and r not in {k for h in rehomes for k in h.kept}
        ).announcing(r.new_main for r in rehomes)
        graph = self.graph(active, unlinks, decisions, rehomes, lifts)
        steps, trace = _number(self.start, _direct(graph), decisions)
        unused = tuple(t for t in decided if t not in {s.target for s in taken})
        return Plan(
            self.scenario, intent, steps, graph, trace, tuple(kept_orphans),
            follow_ups(self.scenario, steps, frozenset(s.target for s in taken if taken[s].choice == KEEP)),
            tuple(taken.values()), unused, tuple(rehomes),
        )

    def orphaned(self, answer, active: list[Step], decisions, taken) -> list[str]:
        """Klanten the plan leaves without users: taken off (added to
        ``active``), kept (returned), or a decision; an answer about one no
        longer left without users is dropped from ``taken``."""
        end = self.start.apply_all(active)
        choice = self.scenario.orphaned_clients
        kept_orphans: list[str] = []
        orphans = self.orphans(end, active)
        for client in orphans:
            lost = Step(CLIENT_OFF, client)
            given = answer(lost)
            if given == REMOVE or (given is None and choice == "disconnect"):
                active.append(lost)
            elif given == KEEP or (given is None and choice == "keep"):
                kept_orphans.append(client)
            else:
                decisions.setdefault(client, []).append(Decision(ORPHANED, client, (), lost))
        for step in [s for s in taken if taken[s].decision.kind == ORPHANED and s.target not in orphans]:
            del taken[step]  # no longer left without users: nothing to decide
        return kept_orphans

    def unlinking(self, answer, end: State, moved: State, decisions) -> tuple[list[Step], list[tuple[Step, Step]]]:
        """The unlink steps the request asks for, and the links that must come
        before some of them; an unlink that would split off records still in
        use (in ``moved``, the trees once re-homed records moved) is a
        decision until answered."""
        unlinks: list[Step] = []
        lifts: list[tuple[Step, Step]] = []
        for contact_id in self.intent.unlinks:
            step = Step(UNLINK, contact_id)
            given = answer(step)
            if given is not None:
                if given == REMOVE:
                    unlinks.append(step)
                    lifts += [(link, step) for link in lift(contact_id, moved, end)]
                continue
            still = tuple(r for r in moved.tree(contact_id) if end.is_user(r))
            if still:
                decisions.setdefault(contact_id, []).append(Decision(UNLINK_SPLIT, contact_id, still, step))
            else:
                unlinks.append(step)
        return unlinks, lifts

    def rehomes(self, steps: list[Step], end: State) -> list[Rehome]:
        """The re-homing each of ``steps`` (taken anyway, though it takes off a
        main user whose linked users stay in ``end``) needs."""
        found = []
        for step in steps:
            for main in self.users_taken_off(step):
                rehome = plan_rehome(self.start, main, step, end)
                if rehome is not None:
                    found.append(rehome)
        return found

    def graph(self, active, unlinks, decisions, rehomes=(), lifts=()) -> nx.DiGraph:
        """Nodes are steps; each decide step stands in for the steps it replaces."""
        start, export = self.start, self.export
        stands_for: dict[Step, list[Step]] = {s: [s] for s in (*active, *unlinks)}
        for rehome in rehomes:
            stands_for.update({s: [s] for s in rehome.steps})
        stands_for.update({link: [link] for link, _then in lifts})
        for target, reasons in decisions.items():
            stands_for[Step(DECIDE, target)] = [d.replaces for d in reasons]

        graph = nx.DiGraph()
        graph.add_nodes_from(stands_for)
        by_action: dict[tuple[str, str], list[Step]] = {}
        taking_off: dict[str, list[Step]] = {}
        for node, steps in stands_for.items():
            for step in steps:
                by_action.setdefault((step.action, step.target), []).append(node)
                for record_id in self.users_taken_off(step):
                    taking_off.setdefault(record_id, []).append(node)

        login_cache: dict[str, list[Step]] = {}

        def login_steps(login: str) -> list[Step]:
            """The steps that take a login's records off the portal. Where one
            step takes its main user, the others come before it (linked-first),
            so waiting for that one is waiting for all."""
            if login not in login_cache:
                steps = taking_off.get(login)
                if not steps:
                    steps = [n for r in start.tree(login) for n in taking_off.get(r, ())]
                login_cache[login] = steps
            return login_cache[login]

        edges: dict[str, list[tuple[Step, Step]]] = {r: [] for r in PRIORITY}

        def wait(first: Step, then: Step, reason: str) -> None:
            if first != then:
                edges[reason].append((first, then))

        for node, steps in stands_for.items():
            for step in steps:
                if step.action == CONTACT_OFF:
                    klant = export.client_of(step.target)
                    for then in by_action.get((CLIENT_OFF, klant), ()):
                        wait(node, then, CONTACT_FIRST)
                for record_id in self.users_taken_off(step):
                    login = start.root(record_id)
                    if login != record_id:
                        for then in taking_off.get(login, ()):
                            wait(node, then, LINKED_FIRST)
                if step.action == UNLINK:
                    contact_id = step.target
                    klant = export.client_of(contact_id)
                    for first in by_action.get((CONTACT_OFF, contact_id), ()):
                        wait(first, node, UNLINK_LAST)
                    for first in by_action.get((CLIENT_OFF, klant), ()):
                        wait(first, node, UNLINK_LAST)
                    for first in login_steps(start.root(contact_id)):
                        wait(first, node, UNLINK_LAST)
                    # Every step about the records further down the tree, and
                    # about their klanten (a switch-off, or a decision standing
                    # for one), comes first, also below a record that stays
                    # linked: unlinking from the top cuts the lower records
                    # off from this person, and a plan made again from a
                    # fresh export would no longer know they were theirs.
                    below = list(start.children(contact_id))
                    while below:
                        child = below.pop()
                        for key in ((CONTACT_OFF, child), (CLIENT_OFF, export.client_of(child))):
                            for first in by_action.get(key, ()):
                                wait(first, node, BOTTOM_UP)
                        firsts = by_action.get((UNLINK, child), ())
                        for first in firsts:
                            wait(first, node, BOTTOM_UP)
                        if not firsts:
                            below.extend(start.children(child))

        for rehome in rehomes:
            rehome_edges(self.start, rehome, by_action, wait)
        for link, then in lifts:
            wait(link, then, REHOME_FIRST)

        _add_edges(graph, edges, key=lambda step: _likely_position(self.export, step))
        return graph


def _add_edges(graph: nx.DiGraph, edges: dict[str, list[tuple[Step, Step]]], key) -> None:
    """Safety first: the article's contact-before-klant order gives way where
    it would contradict a safety edge (say, a klant whose switch-off takes a
    linked user whose main user is that klant's own contact). An edge that
    would close a circle is left out; the validator then shows what that
    order costs."""
    order = _Order(graph, key=key)
    for reason in PRIORITY:
        for first, then in edges[reason]:
            if graph.has_edge(first, then):
                continue
            if order.would_close_a_circle(first, then):
                continue
            graph.add_edge(first, then, reason=reason)
            order.added(first, then)


def _likely_position(export, step: Step):
    """Where a step usually stands in the end: bottom-up, and deeper
    records of a main-link tree first. Edges that agree with this need
    no search for a circle (see _Order)."""
    depth, record = 0, step.target
    contact = export.contacts.get(record)
    while contact is not None and contact.main is not None:
        depth += 1
        contact = export.contacts.get(contact.main)
    return (BOTTOM_UP_RANK[step.action], -depth, natural_key(step.target))

def _number(start: State, graph: nx.DiGraph, decisions) -> tuple[tuple[PlannedStep, ...], Trace]:
    """Number the steps group by group, in the article's bottom-up order."""
    group_of = {}
    for index, generation in enumerate(nx.topological_generations(graph), start=1):
        for node in generation:
            group_of[node] = index

    def key(step: Step):
        return (group_of[step], BOTTOM_UP_RANK[step.action], natural_key(step.target))

    order = list(nx.lexicographical_topological_sort(graph, key=key))
    number = {step: n for n, step in enumerate(order, start=1)}
    trace = simulate(start, order)
    planned = []
    for step, moment in zip(order, trace.moments):
        after = sorted(
            (number[first], graph.edges[first, step]["reason"])
            for first in graph.predecessors(step)
        )
        planned.append(
            PlannedStep(
                n=number[step],
                group=group_of[step],
                step=step,
                client=start.export.client_of(step.target),
                after=tuple(after),
                events=moment.events,
                decisions=tuple(decisions.get(step.target, ())) if step.action == DECIDE else (),
            )
        )
    return tuple(planned), trace


class _Order:
    """A topological order of a graph that grows edge by edge, to tell
    whether a new edge would close a circle.

    An edge that goes forward in the order cannot: that is answered at once.
    Only an edge against it needs a search for a path back, and, when it is
    added, a new order. A plan can have tens of thousands of edges (a company
    leaving with 12,000 contact persons), and almost all go forward.
    """

    def __init__(self, graph: nx.DiGraph, key) -> None:
        self.graph = graph
        self.key = key
        self._renumber()

    def _renumber(self) -> None:
        self.position = {
            step: n
            for n, step in enumerate(nx.lexicographical_topological_sort(self.graph, key=self.key))
        }

    def would_close_a_circle(self, first: Step, then: Step) -> bool:
        if self.position[first] < self.position[then]:
            return False
        return nx.has_path(self.graph, then, first)

    def added(self, first: Step, then: Step) -> None:
        if self.position[first] > self.position[then]:
            self._renumber()


def _direct(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph without edges implied by others: what each step directly waits for."""
    reduced = nx.transitive_reduction(graph)
    reduced.add_edges_from((u, v, graph.edges[u, v]) for u, v in reduced.edges)
    return reduced


def plan(scenario: Scenario) -> Plan:
    """The ordered steps for a scenario, each knowing what it waits for."""
    return _Planner(scenario).build()
