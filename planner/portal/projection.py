"""What Cliënt Online holds for an AuditCase state, and what a step changes.

The projection follows domain.md: cliënts are klanten on the portal; their
user records are their contacts on the portal (and, by assumption A1, a
Klant-Persoon itself); each user record gives its login — the root of its
main-link tree — access to the cliënt. Comparing two states yields the
portal's events, the only thing the safety rules look at.

Everything here can be computed for just the logins a step touches, so the
cost of simulating a plan follows the people involved, not the office.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from planner.model.steps import CLIENT_OFF, CONTACT_OFF, CONTACT_ON, LINK, UNLINK, Step
from planner.portal.assumptions import MAIN_USER_REMOVAL_STRANDS_LINKED_USERS
from planner.portal.state import State

LOGIN_CREATED = "login-created"
LOGIN_REMOVED = "login-removed"
ACCESS_GRANTED = "access-granted"
ACCESS_REVOKED = "access-revoked"
MAIN_USER_REMOVED = "main-user-removed"
CLIENT_REMOVED = "client-removed"
#: a cliënt that appears on the portal: only between two exports (a plan never adds one)
CLIENT_ADDED = "client-added"
EVENT_NAMES = (
    LOGIN_CREATED, ACCESS_GRANTED, ACCESS_REVOKED, MAIN_USER_REMOVED, LOGIN_REMOVED, CLIENT_REMOVED, CLIENT_ADDED
)
_EVENT_RANK = {name: rank for rank, name in enumerate(EVENT_NAMES)}


@dataclass(frozen=True)
class Login:
    """One login as the portal holds it: who it is and which cliënts it sees."""

    id: str
    clients: frozenset[str]
    has_main_user: bool
    linked_users: tuple[str, ...]

    @property
    def exists(self) -> bool:
        return bool(self.clients)


@dataclass(frozen=True, order=True)
class PortalEvent:
    """Something Cliënt Online does between two states."""

    sort_key: tuple = field(init=False, repr=False)
    event: str
    #: the login the event is about; None for client-removed (about a cliënt)
    login: str | None
    client: str | None = None
    #: main-user-removed: the linked users left hanging.
    remaining: tuple[str, ...] = ()
    #: login-created: the user records of the new login (its main user first)
    users: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        key = (_EVENT_RANK[self.event], self.login or "", self.client or "")
        object.__setattr__(self, "sort_key", key)

    def as_dict(self) -> dict:
        out: dict = {"event": self.event}
        if self.login is not None:
            out["login"] = self.login
        if self.client is not None:
            out["client"] = self.client
        if self.event == MAIN_USER_REMOVED:
            out["remaining"] = list(self.remaining)
        return out


def login(state: State, login_id: str) -> Login:
    """The login ``login_id`` in ``state``; empty if it is not a root there."""
    if state.main(login_id) is not None:
        return Login(login_id, frozenset(), False, ())
    clients: set[str] = set()
    linked: list[str] = []
    export = state.export
    for record_id in state.tree(login_id):
        if state.is_user(record_id):
            clients.add(export.client_of(record_id))
            if record_id != login_id:
                linked.append(record_id)
    return Login(login_id, frozenset(clients), state.is_user(login_id), tuple(linked))


def logins_affected(state: State, step: Step) -> set[str]:
    """The logins whose view can change when ``step`` is applied to ``state``."""
    export = state.export
    action, target = step.action, step.target
    if action in (CONTACT_OFF, CONTACT_ON) and target in export.contacts:
        return {state.root(target)}
    if action == CLIENT_OFF and target in export.clients:
        return {state.root(r) for r in export.records_of(target)}
    if action == UNLINK and target in export.contacts:
        return {state.root(target), target}
    if action == LINK and state.can_link(target, step.main):
        # the login it leaves (or that it was), and the one it joins
        return {state.root(target), target, state.root(step.main)}
    return set()


def people_affected(export, step: Step) -> set[str]:
    """The people (roots in the export) whose logins a step can affect, done
    at any point of any order: unlinking only splits their trees."""
    action, target = step.action, step.target
    if action in (CONTACT_OFF, UNLINK, CONTACT_ON) and target in export.contacts:
        return {export.root(target)}
    if action == CLIENT_OFF and target in export.clients:
        return {export.root(r) for r in export.records_of(target)}
    if action == LINK and target in export.contacts:
        people = {export.root(target)}
        if step.main in export.contacts or step.main in export.clients:
            people.add(export.root(step.main))
        return people
    return set()


def clients_removed(before: State, step: Step) -> list[PortalEvent]:
    """The cliënt a step takes off Cliënt Online (its klant switched off), if any."""
    if step.action == CLIENT_OFF and step.target in before.export.clients and before.client_on(step.target):
        return [PortalEvent(CLIENT_REMOVED, None, step.target)]
    return []


def views(state: State, logins: Iterable[str]) -> dict[str, Login]:
    """The given logins as the portal holds them in ``state``."""
    return {login_id: login(state, login_id) for login_id in logins}


def compare(before: dict[str, Login], after: dict[str, Login]) -> list[PortalEvent]:
    """The portal events between two views of the same logins."""
    events: list[PortalEvent] = []
    for login_id, old in before.items():
        new = after[login_id]
        if not old.exists and new.exists:
            users = ((login_id,) if new.has_main_user else ()) + new.linked_users
            events.append(PortalEvent(LOGIN_CREATED, login_id, users=users))
        if old.exists and not new.exists:
            events.append(PortalEvent(LOGIN_REMOVED, login_id))
        for client in new.clients - old.clients:
            events.append(PortalEvent(ACCESS_GRANTED, login_id, client))
        for client in old.clients - new.clients:
            events.append(PortalEvent(ACCESS_REVOKED, login_id, client))
        if (
            MAIN_USER_REMOVAL_STRANDS_LINKED_USERS
            and old.has_main_user
            and not new.has_main_user
            and new.linked_users
        ):
            events.append(PortalEvent(MAIN_USER_REMOVED, login_id, remaining=new.linked_users))
    return sorted(events)
