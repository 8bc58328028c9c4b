"""What a scenario's events ask for, in terms of the export.

Each event names a person (every record linked with it through main links:
one real-world person, one login) or a klant. Resolving the events gives the
goal — which user records and cliënts must be off the portal at the end —,
the losses of access that goal allows, and the field changes that reach it.
Anything outside the allowed losses is someone the scenario did not name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.model.naming import natural_key
from planner.model.office import Export
from planner.model.scenario import DEATH, LEAVE, REMOVE_CLIENT, REVOKE, Event, Scenario
from planner.portal.state import State


@dataclass(frozen=True)
class Intent:
    #: user records that must not be on the portal after the plan
    records_gone: frozenset[str]
    #: cliënts that must not be on the portal after the plan
    clients_gone: frozenset[str]
    #: (person, cliënt) pairs whose access may end; a person is a login root in the export
    allowed_losses: frozenset[tuple[str, str]]
    #: field changes that reach the goal, in the order the events name them
    contacts_off: tuple[str, ...]
    clients_off: tuple[str, ...]
    unlinks: tuple[str, ...]
    #: (person as named, klant) where a leave or revoke finds no contact
    #: record of that person: done already (a resumed request), nothing to plan
    nothing_at: tuple[tuple[str, str], ...] = ()
    #: the records the request involves: every record of the people it
    #: names (their main-link trees), their klanten, and the klanten it
    #: removes with their contact persons; what its checklist reports on
    involved: frozenset[str] = frozenset()
    #: (person, cliënt) losses of access staff accepted by deciding "remove"
    accepted: frozenset[tuple[str, str]] = frozenset()
    #: records that become a login of their own on purpose: the new login of
    #: a person who keeps access, announced (re-homing; plan.graph)
    rehomed: frozenset[str] = frozenset()

    def accepting(self, losses) -> Intent:
        """The same request, with ``losses`` (person, cliënt) accepted."""
        return replace(self, accepted=self.accepted | frozenset(losses))

    def announcing(self, logins) -> Intent:
        """The same request, with new ``logins`` made on purpose."""
        return replace(self, rehomed=self.rehomed | frozenset(logins))

    def klanten_left(self, start: State) -> list[str]:
        """The klanten this request may leave without any portal user: those
        of the records it takes off that had a user at ``start`` — or that
        hold one of those records already switched off, as after a resumed
        plan's first steps."""
        export = start.export
        found: dict[str, None] = {}
        for record_id in sorted(self.records_gone, key=natural_key):
            client = export.client_of(record_id)
            contact = export.contacts.get(record_id)
            taken_off = contact is not None and not contact.client_online and not contact.ended
            if taken_off or any(start.is_user(r) for r in export.records_of(client)):
                found[client] = None
        return list(found)

    def may_lose(self, export: Export, login: str, client: str) -> bool:
        """Whether the scenario names this loss of access.

        A login is identified by the person it belongs to in the export, so a
        login split off halfway through a plan still counts as that person.
        """
        person = export.root(login)
        return self.names(person, client) or (person, client) in self.accepted

    def names(self, person: str, client: str) -> bool:
        """Whether the request itself names this loss (not only a decision)."""
        return client in self.clients_gone or (person, client) in self.allowed_losses


class _Resolution:
    def __init__(self, export: Export):
        self.export = export
        self.state = State(export)
        self.records_gone: dict[str, None] = {}
        self.clients_gone: dict[str, None] = {}
        self.allowed: dict[tuple[str, str], None] = {}
        self.contacts_off: dict[str, None] = {}
        self.clients_off: dict[str, None] = {}
        self.unlinks: dict[str, None] = {}
        self.nothing_at: dict[tuple[str, str], None] = {}
        self.involved: set[str] = set()

    def take_off(self, person: str, records: list[str], unlink: bool) -> None:
        """A person's records leave the portal; their klanten are the losses allowed."""
        for record_id in records:
            client = self.export.client_of(record_id)
            self.records_gone[record_id] = None
            self.allowed[(person, client)] = None
            if record_id in self.export.contacts:
                if self.state.contact_on(record_id):
                    self.contacts_off[record_id] = None
                if unlink and self.state.is_linked(record_id):
                    self.unlinks[record_id] = None
            elif self.state.client_on(record_id):
                self.clients_off[record_id] = None

    def add(self, event: Event) -> None:
        export = self.export
        if event.kind == REMOVE_CLIENT:
            self.remove_client(event)
            return
        subject = event.person if event.person is not None else event.contact
        person = export.root(subject)
        tree = export.tree(person)
        self.involved.update(tree)
        self.involved.update(export.client_of(r) for r in tree)
        if event.kind == DEATH:
            self.take_off(person, tree, event.unlink)
        elif event.kind == LEAVE:
            clients = left_clients(export, event)
            records = leaving_contacts(export, event)
            self.note_nothing_at(event.person, clients, records)
            if event.end_client and person in export.clients:
                records.append(person)
            self.take_off(person, records, event.unlink)
        elif event.kind == REVOKE:
            if event.contact is not None:
                records = [event.contact]
            else:
                records = [r for r in tree if r in export.contacts and export.client_of(r) == event.client]
                self.note_nothing_at(event.person, [event.client], records)
            self.take_off(person, records, event.unlink)
        else:  # pragma: no cover - the loader admits no other kind
            raise AssertionError(event.kind)

    def note_nothing_at(self, person: str, clients, records: list[str]) -> None:
        found = {self.export.client_of(r) for r in records}
        for client in clients:
            if client not in found:
                self.nothing_at[(person, client)] = None

    def remove_client(self, event: Event) -> None:
        client = event.client
        self.clients_gone[client] = None
        self.involved.update(self.export.records_of(client))
        for contact_id in self.export.contacts_by_client.get(client, ()):
            if self.state.contact_on(contact_id):
                self.contacts_off[contact_id] = None
            if event.unlink and self.state.is_linked(contact_id):
                self.unlinks[contact_id] = None
        if self.state.client_on(client):
            self.clients_off[client] = None

    def build(self) -> Intent:
        return Intent(
            frozenset(self.records_gone),
            frozenset(self.clients_gone),
            frozenset(self.allowed),
            tuple(self.contacts_off),
            tuple(self.clients_off),
            tuple(self.unlinks),
            tuple(self.nothing_at),
            frozenset(self.involved),
        )


def left_clients(export: Export, event: Event) -> list[str]:
    """The klanten a leave names, or for "all companies" every Klant-Bedrijf
    the person is a contact of."""
    if event.clients is not None:
        return list(event.clients)
    tree = export.tree(export.root(event.person))
    clients = [export.client_of(r) for r in tree if r in export.contacts]
    return [k for k in clients if not export.clients[k].is_person]


def leaving_contacts(export: Export, event: Event) -> list[str]:
    """The person's contact records at the klanten a leave names."""
    wanted = set(left_clients(export, event))
    tree = export.tree(export.root(event.person))
    return [r for r in tree if r in export.contacts and export.client_of(r) in wanted]


def resolve(scenario: Scenario) -> Intent:
    builder = _Resolution(scenario.export)
    for event in scenario.events:
        builder.add(event)
    return builder.build()
