"""The portal projection of the article's four registration situations, and
the events of the worked check in domain.md."""

from __future__ import annotations

from dataclasses import dataclass

from conftest import EXPORTS

from planner.load.loading import load_export
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, UNLINK, Step
from planner.portal.projection import (
    ACCESS_REVOKED,
    CLIENT_REMOVED,
    LOGIN_CREATED,
    LOGIN_REMOVED,
    MAIN_USER_REMOVED,
)
from planner.portal.simulate import simulate
from planner.portal.state import State


@dataclass(frozen=True)
class Projection:
    """The whole portal for one state, read off State: cliënts, their users,
    the logins (domain.md's Π(S))."""

    clients: tuple[str, ...]
    users: dict[str, tuple[str, ...]]
    logins: dict[str, frozenset[str]]

    def sees(self, login_id: str, client_id: str) -> bool:
        return client_id in self.logins.get(login_id, ())


def portal(name: str) -> Projection:
    state = State(load_export(str(EXPORTS / f"{name}.yaml")))
    export = state.export
    clients = tuple(k for k in export.clients if state.client_on(k))
    users: dict[str, list[str]] = {k: [] for k in clients}
    logins: dict[str, set[str]] = {}
    for record_id in (*export.clients, *export.contacts):
        if state.is_user(record_id):
            client = export.client_of(record_id)
            users[client].append(record_id)
            logins.setdefault(state.root(record_id), set()).add(client)
    return Projection(
        clients, {k: tuple(v) for k, v in users.items()}, {i: frozenset(v) for i, v in logins.items()}
    )


def test_situation_1_only_the_portal_contact_logs_in():
    view = portal("situation-1")
    assert view.clients == ("A",)
    assert view.users == {"A": ("P@A",)}
    assert view.logins == {"P@A": frozenset({"A"})}


def test_situation_2_the_person_client_is_its_own_user():
    view = portal("situation-2")
    assert view.users == {"P": ("P",)}
    assert view.logins == {"P": frozenset({"P"})}


def test_situation_3_one_login_sees_private_and_business():
    view = portal("situation-3")
    assert view.users == {"P": ("P",), "A": ("P@A",)}
    assert view.logins == {"P": frozenset({"P", "A"})}


def test_situation_4_each_person_one_login_never_the_others_private_client():
    view = portal("situation-4")
    assert view.logins == {"P": frozenset({"P", "A", "B"}), "Q": frozenset({"Q", "A", "B"})}
    assert not view.sees("Q", "P")
    assert not view.sees("P", "Q")
    assert view.users["A"] == ("P@A", "Q@A")


def events(steps):
    start = State(load_export(str(EXPORTS / "situation-4.yaml")))
    trace = simulate(start, [Step(a, t) for a, t in steps])
    return [[(e.event, e.login, e.client) for e in m.events] for m in trace.moments]


def test_bottom_up_death_only_revokes():
    seen = events(
        [(CONTACT_OFF, "P@A"), (CONTACT_OFF, "P@B"), (CLIENT_OFF, "P"), (UNLINK, "P@A"), (UNLINK, "P@B")]
    )
    assert seen == [
        [(ACCESS_REVOKED, "P", "A")],
        [(ACCESS_REVOKED, "P", "B")],
        [(ACCESS_REVOKED, "P", "P"), (LOGIN_REMOVED, "P", None), (CLIENT_REMOVED, None, "P")],
        [],
        [],
    ]


def test_unlinking_first_creates_a_login_for_the_dead_man():
    (first,) = events([(UNLINK, "P@A")])
    assert (LOGIN_CREATED, "P@A", None) in first
    assert (ACCESS_REVOKED, "P", "A") in first


def test_person_client_first_strands_the_linked_users():
    start = State(load_export(str(EXPORTS / "situation-4.yaml")))
    (moment,) = simulate(start, [Step(CLIENT_OFF, "P")]).moments
    stranded = [(e.login, e.remaining) for e in moment.events if e.event == MAIN_USER_REMOVED]
    assert stranded == [("P", ("P@A", "P@B"))]

