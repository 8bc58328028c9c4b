"""The office between two exports: which fields changed, and the office with
some of those changes made.

Two exports of the same office (yesterday's and today's) differ by field
changes staff made in AuditCase, one at a time, in an order nobody wrote
down. Each :class:`Change` is one such edit: a record added or removed, its
"Koppelen met Cliënt Online" switched, its status ended or resumed, a
contact unlinked from its main person or linked under another, a contact
moved to another klant. :class:`Between` is the office with a set of those
changes made and the rest not yet: it reads like
:class:`planner.portal.state.State`, so the portal projection
(:mod:`planner.portal.projection`) reads it the same way.

Some changes can only follow others, as AuditCase allows them: a contact is
linked only once unlinked from its old main person, and a record only after
it exists; a record is deleted only once the contacts linked under it have
moved (:func:`prerequisites`). A contact that changes main person is two
changes, an unlink and a link: in between, it is its own root.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from planner.model.office import Export
from planner.portal.assumptions import PERSON_CLIENT_IS_OWN_USER

#: The fields a change is about, in the order changes of one record are listed.
ADDED, CLIENT, ONLINE, ENDED, UNLINK, LINK, REMOVED = (
    "added", "client", "client_online", "ended", "unlink", "link", "removed"
)
FIELDS = (ADDED, CLIENT, ONLINE, ENDED, UNLINK, LINK, REMOVED)
_FIELD_RANK = {name: rank for rank, name in enumerate(FIELDS)}


@dataclass(frozen=True)
class Change:
    """One edit in AuditCase between the exports: ``field`` of ``record``
    went from ``before`` to ``after`` (for ``link``: the new main person)."""

    record: str
    field: str
    before: object = None
    after: object = None

    @property
    def sort_key(self) -> tuple:
        return (self.record, _FIELD_RANK[self.field])

    @property
    def grants(self) -> bool:
        """Whether the change can give someone access, and so make a login:
        switching something off, ending it or deleting it never does."""
        if self.field in (ONLINE, ENDED):
            return self.field == ONLINE and self.after is True or self.field == ENDED and self.after is False
        return self.field != REMOVED

    def as_dict(self) -> dict:
        out = {"record": self.record, "field": self.field}
        if self.field not in (ADDED, REMOVED, UNLINK):
            out["before"], out["after"] = self.before, self.after
        elif self.field == UNLINK:
            out["before"] = self.before
        return out


def changes_between(before: Export, after: Export) -> tuple[Change, ...]:
    """Every field change from ``before`` to ``after``, by record id."""
    found: list[Change] = []
    for kind in ("clients", "contacts"):
        old_records, new_records = getattr(before, kind), getattr(after, kind)
        for record_id, new in new_records.items():
            old = old_records.get(record_id)
            if old is None:
                found.extend(_added(record_id, new))
            else:
                found.extend(_changed(record_id, old, new))
        found.extend(Change(r, REMOVED) for r in old_records if r not in new_records)
    # An id that is a klant in one export and a contact in the other is both
    # removed and added; the kinds are listed apart above, so sort together.
    return tuple(sorted(found, key=lambda c: c.sort_key))


def _added(record_id: str, new) -> Iterable[Change]:
    """A record made since: it is created switched off and unlinked, then
    switched on and linked (the order in which that is safe is up to staff)."""
    yield Change(record_id, ADDED)
    if new.client_online:
        yield Change(record_id, ONLINE, False, True)
    if getattr(new, "main", None) is not None:
        yield Change(record_id, LINK, None, new.main)


def _changed(record_id: str, old, new) -> Iterable[Change]:
    if getattr(old, "client", None) != getattr(new, "client", None):
        yield Change(record_id, CLIENT, old.client, new.client)
    if old.client_online != new.client_online:
        yield Change(record_id, ONLINE, old.client_online, new.client_online)
    if old.ended != new.ended:
        yield Change(record_id, ENDED, old.ended, new.ended)
    old_main, new_main = getattr(old, "main", None), getattr(new, "main", None)
    if old_main != new_main:
        if old_main is not None:
            yield Change(record_id, UNLINK, old_main, None)
        if new_main is not None:
            yield Change(record_id, LINK, None, new_main)


def prerequisites(changes: Iterable[Change], before: Export) -> dict[Change, tuple[Change, ...]]:
    """For each change, the changes AuditCase requires to be made first."""
    changes = tuple(changes)
    by_key = {(c.record, c.field): c for c in changes}
    needs: dict[Change, list[Change]] = {c: [] for c in changes}
    for change in changes:
        record, field = change.record, change.field
        if field != ADDED and (record, ADDED) in by_key:
            needs[change].append(by_key[(record, ADDED)])
        if field == LINK:
            if (record, UNLINK) in by_key:
                needs[change].append(by_key[(record, UNLINK)])
            if (change.after, ADDED) in by_key:
                needs[change].append(by_key[(change.after, ADDED)])
        if field == REMOVED:
            for child in before.children.get(record, ()):
                moved = by_key.get((child, UNLINK)) or by_key.get((child, REMOVED))
                if moved is not None:
                    needs[change].append(moved)
    return {c: tuple(dict.fromkeys(n)) for c, n in needs.items()}


class Cycle(Exception):
    """Main links that go round: a state AuditCase never lets staff reach."""


class Between:
    """The office with the changes in ``made`` done and the others not.

    Reads like :class:`planner.portal.state.State` (``main``, ``tree``,
    ``is_user``, ``export.client_of``), so :func:`planner.portal.projection.login`
    works on it; ``export`` is the state itself.
    """

    def __init__(self, before: Export, after: Export, by_record: dict[str, dict[str, Change]],
                 children: dict[str, tuple[str, ...]], made: frozenset[Change]) -> None:
        self.before, self.after = before, after
        self._by_record = by_record
        self._children = children
        self.made = made
        self.export = self

    def _field(self, record_id: str, field: str):
        """The record's field as it stands here; ``None`` for a record that
        is not in this state (``present`` says which)."""
        change = self._by_record.get(record_id, {}).get(field)
        if change is not None and change in self.made:
            return change.after
        old = self.before.clients.get(record_id) or self.before.contacts.get(record_id)
        if old is not None:
            return getattr(old, field, None)
        new = self.after.clients.get(record_id) or self.after.contacts.get(record_id)
        # A record made since starts switched off and unlinked (see _added).
        return False if field == "client_online" else None if field == "main" else getattr(new, field, None)

    def present(self, record_id: str) -> bool:
        changes = self._by_record.get(record_id, {})
        if ADDED in changes:
            return changes[ADDED] in self.made
        if REMOVED in changes:
            return changes[REMOVED] not in self.made
        return record_id in self.before

    def _record(self, record_id: str):
        """The record's kind and name (the newer export's where it has one)."""
        return self.after.clients.get(record_id) or self.after.contacts.get(record_id) or \
            self.before.clients.get(record_id) or self.before.contacts.get(record_id)

    def is_client(self, record_id: str) -> bool:
        return record_id in self.after.clients or (record_id not in self.after.contacts and
                                                   record_id in self.before.clients)

    def client_on(self, client_id: str) -> bool:
        return (self.present(client_id) and self.is_client(client_id)
                and bool(self._field(client_id, ONLINE)) and not self._field(client_id, ENDED))

    def contact_on(self, contact_id: str) -> bool:
        return self.present(contact_id) and bool(self._field(contact_id, ONLINE)) \
            and not self._field(contact_id, ENDED)

    def client_of(self, record_id: str) -> str:
        if self.is_client(record_id):
            return record_id
        return self._field(record_id, "client")

    def main(self, record_id: str) -> str | None:
        if self.is_client(record_id) or not self.present(record_id):
            return None
        change = self._by_record.get(record_id, {})
        if LINK in change and change[LINK] in self.made:
            return change[LINK].after
        if UNLINK in change and change[UNLINK] in self.made:
            return None
        return self._field(record_id, "main")

    def is_user(self, record_id: str) -> bool:
        if not self.present(record_id):
            return False
        if self.is_client(record_id):
            record = self._record(record_id)
            return PERSON_CLIENT_IS_OWN_USER and record.is_person and self.client_on(record_id)
        return self.contact_on(record_id) and self.client_on(self.client_of(record_id))

    def root(self, record_id: str) -> str:
        current, seen = record_id, {record_id}
        parent = self.main(current)
        while parent is not None:
            if parent in seen:
                raise Cycle(record_id)
            seen.add(parent)
            current = parent
            parent = self.main(current)
        return current

    def children(self, record_id: str) -> tuple[str, ...]:
        return tuple(c for c in self._children.get(record_id, ()) if self.main(c) == record_id)

    def tree(self, root_id: str) -> list[str]:
        found, seen = [root_id], {root_id}
        for record_id in found:
            for child in self.children(record_id):
                if child in seen:
                    raise Cycle(root_id)
                seen.add(child)
                found.append(child)
        return found

    def records_of(self, client_id: str) -> tuple[str, ...]:
        """Every record that is, or was, a user of the klant's cliënt, in either export."""
        ids = dict.fromkeys((client_id, *self.before.contacts_by_client.get(client_id, ()),
                             *self.after.contacts_by_client.get(client_id, ())))
        return tuple(ids)


class Office:
    """Two exports and the changes between them: :meth:`at` gives the office
    with any set of those changes made."""

    def __init__(self, before: Export, after: Export) -> None:
        self.before, self.after = before, after
        self.changes = changes_between(before, after)
        self.needs = prerequisites(self.changes, before)
        by_record: dict[str, dict[str, Change]] = {}
        for change in self.changes:
            by_record.setdefault(change.record, {})[change.field] = change
        self._by_record = by_record
        children: dict[str, tuple[str, ...]] = dict(before.children)
        for parent, kids in after.children.items():
            old = children.get(parent)
            children[parent] = kids if old is None else tuple(dict.fromkeys((*old, *kids)))
        self._children = children
        self.start = self.at(frozenset())
        self.end = self.at(frozenset(self.changes))

    def at(self, made: frozenset[Change]) -> Between:
        return Between(self.before, self.after, self._by_record, self._children, made)

    def person_of(self, record_id: str) -> str:
        """The person a record belongs to: its root in the older export, or
        the record itself when it was made since."""
        return self.before.root(record_id) if record_id in self.before else record_id

    def touched(self, change: Change) -> tuple[str, ...]:
        """The records whose login a change can alter: the record itself, and
        for a klant every record that is or was one of its users."""
        if self.start.is_client(change.record):
            return self.start.records_of(change.record)
        return (change.record,)
