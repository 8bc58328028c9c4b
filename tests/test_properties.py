"""Properties that hold for every generated office and request, checked
against a second, naive portal model (tests/naive_portal.py).

Budgets: the "ci" profile (the default) runs a fixed number of examples per
property; HYPOTHESIS_PROFILE=thorough runs many more (see conftest.py).
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import event as tally
from hypothesis import given, note
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from naive_portal import events as naive_events
from naive_portal import hazards, portal
from strategies import exports, scenarios, steps_over

from planner.model.findings import ERROR
from planner.model.office import Export
from planner.model.scenario import DEATH, KEEP, LEAVE, REMOVE, REMOVE_CLIENT, REVOKE, Scenario
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, DECIDE, UNLINK
from planner.plan.graph import plan
from planner.plan.orders import verify_orders
from planner.plan.proof import validate
from planner.plan.rule_check import check, trial_of
from planner.portal.simulate import simulate
from planner.portal.state import State
from planner.text.messages import translations

ENGLISH = translations("en")
STEP_CODES = {"new-login", "orphaned-link", "access-gained", "collateral-loss"}


def pairs(steps):
    return [(s.action, s.target) for s in steps]


def export_root(export: Export, record: str) -> str:
    while record in export.contacts and export.contacts[record].main is not None:
        record = export.contacts[record].main
    return record


def named_losses(scenario: Scenario):
    """Which (login, cliënt) losses the request names, written from the
    formats spec without the planner's own intent code."""
    export = scenario.export

    def may_lose(login: str, client: str) -> bool:
        person = export_root(export, login)
        for event in scenario.events:
            if event.kind == REMOVE_CLIENT and event.client == client:
                return True
            if event.kind == REVOKE:
                subject = event.contact or event.person
                if export_root(export, subject) != person:
                    continue
                target = export.contacts[event.contact].client if event.contact else event.client
                if client == target:
                    return True
            if event.kind in (DEATH, LEAVE) and export_root(export, event.person) == person:
                if event.kind == DEATH:
                    return True
                if event.end_client and client == person:
                    return True
                if event.clients is None:
                    if client in export.clients and export.clients[client].type == "company":
                        return True
                elif client in event.clients:
                    return True
        return False

    return may_lose


@given(st.data())
def test_simulation_agrees_with_the_naive_model(data):
    export = data.draw(exports())
    steps = data.draw(st.lists(steps_over(export), max_size=8))
    trace = simulate(State(export), steps)
    for index, moment in enumerate(trace.moments):
        produced = {(e.event, e.login, e.client) for e in moment.events}
        expected = naive_events(export, pairs(steps[:index]), pairs(steps[: index + 1]))
        assert produced == expected, (index, moment.step)


@given(scenarios())
def test_a_plan_has_no_error_and_harms_nobody_not_named(scenario):
    p = plan(scenario)
    note(f"plan: {[str(s.step) for s in p.steps]}")
    verdict = validate(p, ENGLISH)
    assert [f for f in verdict.plan_findings if f.severity == ERROR] == []

    export, may_lose = scenario.export, named_losses(scenario)
    done = []
    for planned in p.steps:
        seen = naive_events(export, done, done + [(planned.action, planned.target)])
        done.append((planned.action, planned.target))
        for event, login, client in seen:
            assert event not in ("login-created", "main-user-removed", "access-granted"), planned
            if event == "access-revoked":
                assert may_lose(login, client), (planned.step, login, client)

    # the goal is reached, except where a decide step explains what is left
    decided = {s.target for s in p.steps if s.action == DECIDE}
    end = portal(export, done)
    for event in scenario.events:
        if event.kind == REMOVE_CLIENT:
            gone = not any(k == event.client for _, k in end["memberships"])
            assert gone or event.client in decided
        elif event.kind == DEATH:
            person = export_root(export, event.person)
            left = {r for r in export.tree(person) if r in end["users"]}
            assert left <= decided, left


@given(scenarios(max_events=1))
def test_every_allowed_order_is_safe_and_the_search_agrees_with_brute_force(scenario):
    p = plan(scenario)
    if len(p.steps) > 6:
        return
    export, may_lose = scenario.export, named_losses(scenario)
    start = portal(export, [])["memberships"]
    total = safe = 0
    for order in itertools.permutations(p.graph.nodes):
        position = {s: i for i, s in enumerate(order)}
        if any(position[u] > position[v] for u, v in p.graph.edges):
            continue
        total += 1
        done, ok = [], True
        for step in order:
            if hazards(export, done, (step.action, step.target), may_lose, start):
                ok = False
            done.append((step.action, step.target))
        safe += ok
    orders = validate(p, ENGLISH).orders
    assert (orders.checked, orders.total) == (safe, total)
    assert safe == total


@given(st.data())
def test_the_all_orders_search_agrees_with_brute_force_on_any_graph(data):
    """Drop some of a plan's edges, so that some allowed orders are unsafe:
    the search finds exactly the unsafe steps an order can reach, and counts
    the safe orders as trying each order does."""
    scenario = data.draw(scenarios(max_events=1))
    p = plan(scenario)
    if len(p.steps) > 6:
        return
    edges = sorted(p.graph.edges)
    keep = data.draw(st.lists(st.booleans(), min_size=len(edges), max_size=len(edges)))
    loose = nx.DiGraph()
    loose.add_nodes_from(p.graph.nodes)
    loose.add_edges_from(edge for edge, kept in zip(edges, keep) if kept)
    number = {s.step: s.n for s in p.steps}
    export, may_lose = scenario.export, named_losses(scenario)
    start = portal(export, [])["memberships"]
    total = safe = 0
    unsafe = set()
    for order in itertools.permutations(loose.nodes):
        position = {s: i for i, s in enumerate(order)}
        if any(position[u] > position[v] for u, v in loose.edges):
            continue
        total += 1
        done, ok = [], True
        for step in order:
            for code in hazards(export, done, (step.action, step.target), may_lose, start):
                unsafe.add((code, number[step]))
                ok = False
            done.append((step.action, step.target))
        safe += ok
    orders = verify_orders(export, p.intent, loose, number, ENGLISH)
    assert (orders.checked, orders.total) == (safe, total)
    assert {(f.code, f.step) for f in orders.findings} == unsafe
    assert orders.all_safe == (safe == total)


@given(st.data())
def test_the_validator_flags_what_the_naive_model_finds_unsafe_at_the_same_step(data):
    scenario = data.draw(scenarios(max_events=1))
    export = scenario.export
    p = plan(scenario)
    proposed = data.draw(
        st.one_of(
            st.permutations([s.step for s in p.steps]),
            st.lists(steps_over(export), max_size=6),
        )
    )
    may_lose = named_losses(scenario)
    start = portal(export, [])["memberships"]
    expected, done = set(), []
    for n, step in enumerate(proposed, start=1):
        for code in hazards(export, done, (step.action, step.target), may_lose, start):
            expected.add((code, n))
        done.append((step.action, step.target))
    trial = trial_of(export, p.intent, proposed, ENGLISH, proposed=True)
    found = {(f.code, f.step) for f in check(trial) if f.code in STEP_CODES and f.step is not None}
    assert found == expected


@pytest.mark.slow  # every combination of answers planned and proven, for each of 150 requests
@given(st.data())
def test_every_answer_to_the_decisions_is_planned_and_proven(data):
    """Staff answer each open decision keep or remove, and the decisions an
    answer opens in turn: the plan is safe. Replayed on the naive portal:
    keep harms nobody; remove takes the step, every loss it causes is listed
    as accepted at its step, and a new login is made only for a person who
    keeps access, announced at its step, with nothing that person could not
    see before."""
    # Few requests need a decision: look through a few for one that does.
    for _attempt in range(40):
        scenario = data.draw(scenarios())
        first = plan(scenario)
        if first.decisions:
            break
    tally(f"open decisions: {min(len(first.decisions), 2)}")
    if not first.decisions:
        return
    answers: dict[str, str] = {}
    answered = first
    for _round in range(6):  # an answer can open another decision
        open_now = sorted(p.target for p in answered.decisions)
        if not open_now:
            break
        answers.update({s: data.draw(st.sampled_from([KEEP, REMOVE]), label=s) for s in open_now})
        answered = plan(replace(scenario, decisions=answers))
    assert not answered.decisions
    verdict = validate(answered, ENGLISH)
    assert verdict.status == "safe", [f for f in verdict.plan_findings if f.severity == ERROR]
    export, may_lose = scenario.export, named_losses(scenario)
    findings = {(f.code, f.step, f.subject) for f in verdict.plan_findings}
    start = portal(export, [])["memberships"]
    had = {(export.root(i), k) for i, k in start}
    done, harmed = [], False
    for planned in answered.steps:
        change = (planned.action, planned.target) + ((planned.step.main,) if planned.step.main else ())
        seen = naive_events(export, done, done + [change])
        done.append(change)
        granted = {(export.root(i), k) for e, i, k in seen if e == "access-granted"}
        for event, login, client in seen:
            if event == "access-revoked" and (may_lose(login, client) or (export.root(login), client) in granted):
                continue
            if event not in ("access-revoked", "login-created", "main-user-removed", "access-granted"):
                continue
            harmed = True
            if event == "access-revoked":
                assert ("accepted-loss", planned.n, login) in findings, (planned.step, login, client)
            elif event == "login-created":
                assert ("announced-login", planned.n, login) in findings, (planned.step, login)
                sees = {k for i, k in portal(export, done)["memberships"] if i == login}
                assert sees and all(not may_lose(login, k) for k in sees), (planned.step, login, sees)
            elif event == "access-granted":
                assert (export.root(login), client) in had, (planned.step, login, client)
            else:
                raise AssertionError((planned.step, event, login))
    if all(a == KEEP for a in answers.values()):
        assert not harmed


def apply_to_export(export: Export, action: str, target: str) -> Export:
    """The export as AuditCase would give it after staff did one step."""
    from dataclasses import replace

    clients, contacts = dict(export.clients), dict(export.contacts)
    if action == CONTACT_OFF:
        contacts[target] = replace(contacts[target], client_online=False)
    elif action == CLIENT_OFF:
        clients[target] = replace(clients[target], client_online=False)
    elif action == UNLINK:
        contacts[target] = replace(contacts[target], main=None)
    return Export(clients, contacts, export.relations, export.source)


def root_named(scenario: Scenario) -> Scenario:
    """The same request, naming each person by the top of their main-link
    tree: once unlinked, the export no longer says which records were one
    person, so a request re-run halfway names the person by that record."""
    from dataclasses import replace

    export = scenario.export
    events = tuple(
        replace(e, person=export.root(e.person)) if e.person is not None and e.kind in (DEATH, LEAVE) else e
        for e in scenario.events
    )
    return replace(scenario, events=events)


class PartlyDone(RuleBasedStateMachine):
    """Staff do some of the plan's steps, in any order the plan allows,
    export again and plan again: the new plan holds exactly the steps not
    yet done (decisions stay open). One machine per event kind, so that
    each is exercised whatever the others draw."""

    kinds = (DEATH, LEAVE, REVOKE, REMOVE_CLIENT)

    def requests(self):
        return scenarios(kinds=self.kinds)

    @initialize(data=st.data())
    def start(self, data):
        self.scenario = root_named(data.draw(self.requests()))
        self.first = plan(self.scenario)
        self.done: set = set()

    @rule(data=st.data())
    def do_a_step_the_plan_allows(self, data):
        graph = self.first.graph
        ready = [
            p.step
            for p in self.first.steps
            if p.step not in self.done and all(b in self.done for b in graph.predecessors(p.step))
        ]
        if not ready:
            return
        step = data.draw(st.sampled_from(ready))
        from dataclasses import replace

        export = apply_to_export(self.scenario.export, step.action, step.target)
        self.scenario = replace(self.scenario, export=export)
        self.done.add(step)

    @invariant()
    def planning_again_gives_the_rest(self):
        again = [s.step for s in plan(self.scenario).steps]
        rest = [p.step for p in self.first.steps if p.step not in self.done]
        # exactly the steps not yet done ...
        assert sorted(s for s in again if s.action != DECIDE) == sorted(
            s for s in rest if s.action != DECIDE
        )
        # ... every decision still ahead, and no decision the first plan did not ask for
        # (one already passed may be asked again: the export cannot show it was taken)
        decisions = {s for s in again if s.action == DECIDE}
        assert {s for s in rest if s.action == DECIDE} <= decisions
        assert decisions <= {p.step for p in self.first.steps if p.action == DECIDE}


class PartlyDoneDeath(PartlyDone):
    kinds = (DEATH,)


class PartlyDoneLeaveWithClients(PartlyDone):
    kinds = (LEAVE,)

    def requests(self):
        return scenarios(kinds=self.kinds).filter(
            lambda s: any(e.clients is not None for e in s.events)
        )


class PartlyDoneRevoke(PartlyDone):
    kinds = (REVOKE,)


class PartlyDoneRemoveClient(PartlyDone):
    kinds = (REMOVE_CLIENT,)


# Each machine plans, does some steps and plans again, 150 times over: seconds
# each. The quick loop leaves them to CI.
TestPartlyDone = pytest.mark.slow(PartlyDone.TestCase)
TestPartlyDoneDeath = pytest.mark.slow(PartlyDoneDeath.TestCase)
TestPartlyDoneLeaveWithClients = pytest.mark.slow(PartlyDoneLeaveWithClients.TestCase)
TestPartlyDoneRevoke = pytest.mark.slow(PartlyDoneRevoke.TestCase)
TestPartlyDoneRemoveClient = pytest.mark.slow(PartlyDoneRemoveClient.TestCase)
