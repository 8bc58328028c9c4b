"""The planner's plans: exact for the article's examples and the hard cases,
and safe for every shipped scenario when simulated step by step."""

from __future__ import annotations

import pytest
from conftest import SCENARIOS, scenario_files

from planner.load.loading import load_scenario
from planner.model.steps import DECIDE
from planner.plan.graph import (
    CONTACT_FIRST,
    KEPT_LINKED,
    LINKED_FIRST,
    ORPHANED,
    STILL_USED,
    UNLINK_LAST,
    plan,
)
from planner.portal.projection import (
    ACCESS_GRANTED,
    ACCESS_REVOKED,
    LOGIN_CREATED,
    MAIN_USER_REMOVED,
    login,
)


def planned(name: str):
    return plan(load_scenario(str(SCENARIOS / f"{name}.yaml")))


def shape(p):
    return [(s.n, s.group, str(s.step), [n for n, _ in s.after]) for s in p.steps]


def test_death_in_situation_4_is_bottom_up_in_three_groups():
    p = planned("situation-4-p-dies")
    assert shape(p) == [
        (1, 1, "contact_off P@A", []),
        (2, 1, "contact_off P@B", []),
        (3, 2, "client_off P", [1, 2]),
        (4, 3, "unlink P@A", [3]),
        (5, 3, "unlink P@B", [3]),
    ]
    assert [r for _, r in p.steps[2].after] == [LINKED_FIRST, LINKED_FIRST]
    assert p.steps[3].after == ((3, UNLINK_LAST),)


def test_removing_a_company_turns_its_contacts_off_first():
    p = planned("situation-4-remove-company")
    assert shape(p) == [
        (1, 1, "contact_off P@A", []),
        (2, 1, "contact_off Q@A", []),
        (3, 2, "client_off A", [1, 2]),
    ]
    assert {r for _, r in p.steps[2].after} == {CONTACT_FIRST}


def test_main_user_at_another_company_goes_after_its_linked_user():
    p = planned("contact-only-director-leaves")
    assert shape(p) == [
        (1, 1, "contact_off R@B", []),
        (2, 2, "contact_off R@A", [1]),
        (3, 3, "unlink R@B", [2]),
    ]


@pytest.mark.parametrize(
    "name, kind, subject, others",
    [
        ("situation-1-last-user-dies-ask", ORPHANED, "A", ()),
        ("partner-uses-private-client", STILL_USED, "P", ("W@P",)),
        ("situation-4-remove-person-client", KEPT_LINKED, "P", ("P@A", "P@B")),
        ("contact-only-director-leaves-main-company", KEPT_LINKED, "R@A", ("R@B",)),
    ],
)
def test_collateral_damage_becomes_a_decision(name, kind, subject, others):
    p = planned(name)
    (decide,) = p.decisions
    (decision,) = decide.decisions
    assert (decision.kind, decision.subject, decision.others) == (kind, subject, others)
    assert decide.events == ()


def test_orphaned_client_choices():
    assert [str(s.step) for s in planned("situation-1-last-user-dies-disconnect").steps] == [
        "contact_off P@A",
        "client_off A",
    ]
    keep = planned("situation-1-last-user-dies-keep")
    assert [str(s.step) for s in keep.steps] == ["contact_off P@A"]
    assert keep.kept_orphans == ("A",)


def test_steps_already_done_are_not_planned_again(tmp_path):
    """Re-running on an export where staff did the first steps resumes there."""
    source = (SCENARIOS / "exports" / "situation-4.yaml").read_text(encoding="utf-8")
    done = source.replace(
        "{id: P@A, client: A, name: Piet de Vries, email: piet@alfabouw.nl, main: P, client_online: Ja}",
        "{id: P@A, client: A, name: Piet de Vries, email: piet@alfabouw.nl, client_online: Nee}",
    )
    assert done != source
    (tmp_path / "export.yaml").write_text(done, encoding="utf-8")
    (tmp_path / "scenario.yaml").write_text(
        "export: export.yaml\nevents:\n  - death: {person: P}\n", encoding="utf-8"
    )
    p = plan(load_scenario(str(tmp_path / "scenario.yaml")))
    assert [str(s.step) for s in p.steps] == ["contact_off P@B", "client_off P", "unlink P@B"]


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_fixture_plans_exactly_as_expected(path):
    scenario = load_scenario(str(path))
    assert scenario.expect is not None and scenario.expect.plan is not None, "fixture lacks expect.plan"
    assert [s.step for s in plan(scenario).steps] == list(scenario.expect.plan)


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_plan_is_safe_and_reaches_its_goal(path):
    """Simulated step by step: no new login, no stranded linked user, nobody
    the scenario does not name loses access, nobody gains any; and the goal
    is reached except where a decide step, or a decision staff took,
    explains what is left."""
    scenario = load_scenario(str(path))
    p = plan(scenario)
    export = scenario.export
    start = p.trace.start
    for moment in p.trace.moments:
        granted = {(export.root(e.login), e.client) for e in moment.events if e.event == ACCESS_GRANTED}
        for event in moment.events:
            assert event.event != MAIN_USER_REMOVED, (moment.step, event)
            if event.event == LOGIN_CREATED:
                # only a re-homed person's new login, announced
                assert event.login in p.intent.rehomed, (moment.step, event)
            if event.event == ACCESS_GRANTED:
                # only to a new login of the same person, of what that person could see
                assert event.login in p.intent.rehomed, (moment.step, event)
                person = export.root(event.login)
                assert event.client in login(start, person).clients, (moment.step, event)
            if event.event == ACCESS_REVOKED and (export.root(event.login), event.client) not in granted:
                assert p.intent.may_lose(export, event.login, event.client), (moment.step, event)

    explained = set(p.kept)  # what staff decided to leave on the portal
    for step in p.steps:
        if step.action == DECIDE:
            for decision in step.decisions:
                explained |= {decision.subject, decision.replaces.target}
    end = p.trace.end
    for record_id in p.intent.records_gone:
        assert not end.is_user(record_id) or record_id in explained, record_id
    for client_id in p.intent.clients_gone:
        assert not end.client_on(client_id) or client_id in explained, client_id
