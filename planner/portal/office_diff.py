"""What Cliënt Online did between two exports of one office, per person.

The projection of the older export against that of the newer gives the
portal's events: logins created (and so credentials mailed), logins
removed, access granted and revoked, cliënten added and removed. A person
is a root of main links in the older export; a record made since is a new
person of its own.

Nobody wrote down the order of the changes, and the portal may have synced
between any two of them. :func:`mailing_orders` therefore also looks for an
order of the same changes in which the portal would have created a login
the end result does not show (a contact unlinked before it was switched
off): each is named, so staff can look for it in the portal's log. The
search covers every order for a person whose changes are few
(:data:`EVERY_ORDER_UP_TO`); for more, the orders that make each change
first and last.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cached_property

from planner.model.office import Export
from planner.portal.between import Between, Change, Cycle, Office
from planner.portal.projection import CLIENT_ADDED, CLIENT_REMOVED, LOGIN_CREATED, PortalEvent, compare, login

#: Every order of a group's changes is tried up to this many changes (2**10
#: sets of changes made); beyond it, each change that can give access is
#: tried first and last.
EVERY_ORDER_UP_TO = 10


@dataclass(frozen=True)
class MailingOrder:
    """An order of the changes in which Cliënt Online would have created
    ``login`` (and mailed its new login details): ``first`` made, in that
    order, then ``then``."""

    login: str
    person: str
    first: tuple[Change, ...]
    then: Change

    @property
    def order(self) -> tuple[Change, ...]:
        return (*self.first, self.then)


@dataclass
class OfficeDiff:
    """The facts the diff's rules judge and its report shows."""

    office: Office
    events: tuple[PortalEvent, ...]
    #: orders of the changes that would have mailed login details the end result does not show
    orders: tuple[MailingOrder, ...]
    #: events a planned request announced (event, login, client), with --request
    announced: frozenset[tuple] = frozenset()
    #: the fields that request's plan changes, as (record, field)
    planned: frozenset[tuple[str, str]] = frozenset()
    #: persons whose orders were not all tried (too many changes)
    partly_searched: tuple[str, ...] = ()
    _had_login: dict[str, bool] = field(default_factory=dict, repr=False)

    @property
    def before(self) -> Export:
        return self.office.before

    @property
    def after(self) -> Export:
        return self.office.after

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.office.changes

    def person_of(self, login_id: str) -> str:
        """The person a login belongs to (:meth:`Office.person_of`)."""
        return self.office.person_of(login_id)

    def new_logins(self) -> list[tuple[PortalEvent, str]]:
        """Each login the newer export makes, with its person."""
        return [(e, self.person_of(e.login)) for e in self.events if e.event == LOGIN_CREATED]

    def had_login(self, person: str) -> bool:
        """Whether the person had a login in the older export."""
        known = self._had_login.get(person)
        if known is None:
            known = person in self.before and login(self.office.start, person).exists
            self._had_login[person] = known
        return known

    def leaves(self, person: str) -> bool:
        """Whether the person is leaving the portal: the person's own record
        (the Klant-Persoon, or the contact at the top of the person's links)
        was a user and is not any more (ended, switched off, its klant ended,
        or deleted), or none of the person's records is a user any more."""
        start, end = self.office.start, self.office.end
        if person not in self.before:
            return False
        if start.is_user(person) and not end.is_user(person):
            return True
        return not any(end.is_user(record) for record in self.before.tree(person))

    @cached_property
    def changed_records(self) -> frozenset[str]:
        return frozenset(c.record for c in self.changes)

    def unchanged(self, login_id: str) -> bool:
        """Whether none of the records under ``login_id``, in either export, changed."""
        office = self.office
        records = set(_tree(office.start, login_id)) | set(_tree(office.end, login_id))
        return not (records & self.changed_records)

    def expected(self, event: PortalEvent) -> bool:
        """Whether the planned request announced this event (--request)."""
        return (event.event, event.login, event.client) in self.announced

    def email(self, login_id: str) -> str | None:
        """The address Cliënt Online mails a login's details to: the business
        e-mail of the record at its top, in the newer export."""
        record = self.after.clients.get(login_id) or self.after.contacts.get(login_id)
        return None if record is None else record.email


def read_between(before: Export, after: Export, announced=frozenset(), planned=frozenset()) -> OfficeDiff:
    """The portal's events between two exports, and the orders that would have mailed."""
    office = Office(before, after)
    touched = {c: _logins_touched(office, office.start, c) | _logins_touched(office, office.end, c)
               for c in office.changes}
    events = tuple(sorted(_events(office, touched)))
    created = frozenset(e.login for e in events if e.event == LOGIN_CREATED)
    orders, partly = mailing_orders(office, created, touched)
    return OfficeDiff(office, events, orders, frozenset(announced), frozenset(planned), partly)


def _tree(state: Between, login_id: str) -> list[str]:
    if not state.present(login_id) or state.main(login_id) is not None:
        return [login_id]
    return state.tree(login_id)


def _logins_touched(office: Office, state: Between, change: Change) -> set[str]:
    found = set()
    for record in office.touched(change):
        if state.present(record):
            found.add(state.root(record))
            found.add(record)
    if change.field == "link" and state.present(change.after):
        found.add(state.root(change.after))
    return found


def _events(office: Office, touched: dict[Change, set[str]]) -> list[PortalEvent]:
    """The portal's events between the exports, for the logins the changes touch."""
    start, end = office.start, office.end
    logins: set[str] = set().union(*touched.values())
    events = compare({i: login(start, i) for i in logins}, {i: login(end, i) for i in logins})
    clients = {c.record for c in office.changes if start.is_client(c.record)}
    for client in sorted(clients):
        was, now = start.client_on(client), end.client_on(client)
        if was and not now:
            events.append(PortalEvent(CLIENT_REMOVED, None, client))
        elif now and not was:
            events.append(PortalEvent(CLIENT_ADDED, None, client))
    return events


# -- orders that would have mailed ---------------------------------------------


def _groups(office: Office, touched: dict[Change, set[str]]) -> list[list[Change]]:
    """The changes, in groups that touch the same logins and records (in
    either export): orders only interact within a group."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_of: dict[Change, str] = {}
    for change in office.changes:
        people = sorted(touched[change] | {change.record})
        first_of[change] = people[0]
        for other in people[1:]:
            parent[find(other)] = find(people[0])
    groups: dict[str, list[Change]] = {}
    for change in office.changes:
        groups.setdefault(find(first_of[change]), []).append(change)
    return [groups[k] for k in sorted(groups)]


def mailing_orders(office: Office, created: frozenset[str], touched: dict[Change, set[str]]
                   ) -> tuple[tuple[MailingOrder, ...], tuple[str, ...]]:
    """For each login the end result does not create, the first order found
    (fewest changes first) in which the portal would have created it
    (``touched``: the logins and records each change can touch)."""
    found: dict[str, MailingOrder] = {}
    partly: list[str] = []
    for group in _groups(office, touched):
        if not any(c.grants for c in group):
            continue  # switching off, ending and deleting never make a login
        if len(group) <= EVERY_ORDER_UP_TO:
            _every_order(office, group, created, found)
        else:
            _first_and_last(office, group, created, found)
            partly.extend(sorted({office.person_of(c.record) for c in group}))
    return tuple(sorted(found.values(), key=lambda o: (o.person, o.login))), tuple(partly)


def _step(office: Office, made: frozenset[Change], change: Change) -> tuple[Between, Between] | None:
    """The office before and after ``change`` with ``made`` done; None when
    AuditCase would not allow it then (or it would close a loop of links)."""
    if change in made or not all(n in made for n in office.needs[change]):
        return None
    before, after = office.at(made), office.at(made | {change})
    try:
        for record in office.touched(change):
            if after.present(record):
                after.root(record)
        if change.field == "link" and after.present(change.after):
            after.root(change.after)
    except Cycle:
        return None
    return before, after


def _new_logins(office: Office, pair: tuple[Between, Between] | None, change: Change, created) -> list[str]:
    """The logins ``change`` creates between the two states of ``pair`` (from
    :func:`_step`): roots after it with a user under them that had none
    before (a login of a big office has thousands of records: the look
    stops at the first user)."""
    if pair is None or not change.grants:
        return []
    before, after = pair
    return [
        i for i in sorted(_logins_touched(office, after, change))
        if i not in created and _exists(after, i) and not _exists(before, i)
    ]


def _exists(state: Between, login_id: str) -> bool:
    """Whether ``login_id`` is a login in ``state``: a root with a user record under it."""
    if not state.present(login_id) or state.main(login_id) is not None:
        return False
    found, seen = [login_id], {login_id}
    for record in found:
        if state.is_user(record):
            return True
        for child in state.children(record):
            if child not in seen:
                seen.add(child)
                found.append(child)
    return False


def _every_order(office: Office, group, created, found) -> None:
    """Breadth first over the sets of the group's changes made, so the first
    order found for a login is one of the shortest. Other groups' changes
    stay unmade: they touch other people, so they change nothing here."""
    group = sorted(group, key=lambda c: c.sort_key)
    start: frozenset[Change] = frozenset()
    queue = deque([(start, ())])
    seen = {start}
    while queue:
        made, path = queue.popleft()
        for change in group:
            if change in made:
                continue
            pair = _step(office, made, change)
            for new in _new_logins(office, pair, change, created):
                if new not in found:
                    found[new] = MailingOrder(new, office.person_of(new), path, change)
            if pair is None:
                continue
            nxt = made | {change}
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, (*path, change)))


def _first_and_last(office: Office, group, created, found) -> None:
    """For a person with many changes: each change that can give access,
    made first (after what it needs) and made last."""
    group = sorted(group, key=lambda c: c.sort_key)
    everything = frozenset(group)
    for change in group:
        if not change.grants:
            continue
        needed = _needed(office, change)
        for made, path in ((needed, tuple(sorted(needed, key=lambda c: c.sort_key))),
                           (everything - {change} - _dependants(office, change, everything), None)):
            for new in _new_logins(office, _step(office, made, change), change, created):
                if new not in found:
                    first = path if path is not None else tuple(sorted(made, key=lambda c: c.sort_key))
                    found[new] = MailingOrder(new, office.person_of(new), first, change)


def _needed(office: Office, change: Change) -> frozenset[Change]:
    out: set[Change] = set()
    todo = list(office.needs[change])
    while todo:
        c = todo.pop()
        if c not in out:
            out.add(c)
            todo.extend(office.needs[c])
    return frozenset(out)


def _dependants(office: Office, change: Change, among) -> frozenset[Change]:
    return frozenset(c for c in among if change in _needed(office, c))
