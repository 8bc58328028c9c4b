"""The AuditCase client graph: klanten, contactpersonen, main links, relations.

This is the firm's registration as exported, before anything is planned. The
portal's view of it lives in :mod:`planner.portal.projection`; the changes a plan makes
live in :mod:`planner.portal.state`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from planner.text.errors import Mark

COMPANY = "company"
PERSON = "person"

#: The other links on the klantkaart's Beheer tab: each export key, and the
#: link's name as AuditCase shows it.
INTEGRATIONS = {
    "microsoft_office": "Microsoft Office",
    "twinfield": "Twinfield",
    "qics": "Qics",
    "alure": "Alure",
    "afas": "AFAS",
    "accountview": "AccountView",
}


@dataclass(frozen=True, slots=True)
class Client:
    """A klant: Klant-Bedrijf (company) or Klant-Persoon (person)."""

    id: str
    name: str
    type: str
    client_online: bool
    ended: bool = False
    email: str | None = None
    birth_date: str | None = None
    integrations: tuple[tuple[str, bool], ...] = ()
    #: where the record starts in its file (0: not from a file); see Export.mark
    line: int = field(default=0, compare=False, repr=False)
    col: int = field(default=0, compare=False, repr=False)

    @property
    def is_person(self) -> bool:
        return self.type == PERSON


@dataclass(frozen=True, slots=True)
class Contact:
    """A contactpersoon, registered under one klant."""

    id: str
    client: str
    name: str
    client_online: bool
    main: str | None = None
    ended: bool = False
    email: str | None = None
    birth_date: str | None = None
    line: int = field(default=0, compare=False, repr=False)
    col: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between klanten outside the portal link.

    ``group``: ``parent`` and ``member`` (a cluster); ``wwft``: ``client``,
    ``person`` and ``role`` (e.g. a UBO); ``partner``: ``persons``.
    """

    type: str
    parent: str | None = None
    member: str | None = None
    client: str | None = None
    person: str | None = None
    role: str | None = None
    persons: tuple[str, ...] = ()
    mark: Mark | None = field(default=None, compare=False, repr=False)

    def ids(self) -> tuple[str, ...]:
        """Every record id this relation refers to."""
        named = (self.parent, self.member, self.client, self.person)
        return tuple(i for i in named if i is not None) + self.persons


Record = Client | Contact


def alike_keys(record: Record) -> tuple[str | None, tuple[str, str] | None]:
    """What makes a record look like another: its e-mail address, and its
    name with its birth date, each compared without case or extra spaces
    (None where the record has not got them)."""
    email = record.email.strip().casefold() if record.email else None
    born = (" ".join(record.name.split()).casefold(), record.birth_date) if record.birth_date else None
    return email, born


@dataclass(frozen=True)
class Export:
    """One AuditCase export: ids are unique across clients and contacts."""

    clients: dict[str, Client]
    contacts: dict[str, Contact]
    relations: tuple[Relation, ...] = ()
    source: str = "<export>"
    #: the date (YYYY-MM-DD) of AuditCase's lists it was imported from, if it says
    exported: str | None = None

    def record(self, record_id: str) -> Record:
        found = self.clients.get(record_id)
        return found if found is not None else self.contacts[record_id]

    def __contains__(self, record_id: str) -> bool:
        return record_id in self.clients or record_id in self.contacts

    def name(self, record_id: str) -> str:
        return self.record(record_id).name

    def mark(self, record_id: str) -> Mark | None:
        """Where a record is written in the export, for a message about it.

        Records keep a line and column rather than a Mark each: a big export
        holds 170,000 of them, and only the few a message names need one.
        """
        record = self.record(record_id)
        return Mark(self.source, record.line, record.col) if record.line else None

    @cached_property
    def contacts_by_client(self) -> dict[str, tuple[str, ...]]:
        """The contact ids registered under each klant, in export order."""
        index: dict[str, list[str]] = {}
        for contact in self.contacts.values():
            index.setdefault(contact.client, []).append(contact.id)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """The contacts whose ``main`` link names each record."""
        index: dict[str, list[str]] = {}
        for contact in self.contacts.values():
            if contact.main is not None:
                index.setdefault(contact.main, []).append(contact.id)
        return {k: tuple(v) for k, v in index.items()}

    def records_of(self, client_id: str) -> tuple[str, ...]:
        """A klant's own record and its contacts: every possible user of its cliënt."""
        return (client_id, *self.contacts_by_client.get(client_id, ()))

    @cached_property
    def relations_of(self) -> dict[str, tuple[int, ...]]:
        """The positions in ``relations`` of the relations naming each record."""
        index: dict[str, list[int]] = {}
        for position, relation in enumerate(self.relations):
            for record_id in relation.ids():
                positions = index.setdefault(record_id, [])
                if not positions or positions[-1] != position:
                    positions.append(position)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def alike(self) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], tuple[str, ...]]]:
        """Records of people that could be one person: those sharing an
        e-mail address, and those sharing a name and birth date (both compared
        loosely), in export order; each key with two records or more. Only
        Klant-Personen and contacts whose own "Koppelen met Cliënt Online" is
        Ja count: a company is no person, and a record switched off is no
        second login. Built once, the first time a registration check asks."""
        by_email: dict[str, list[str]] = {}
        by_name: dict[tuple[str, str], list[str]] = {}
        people = [c for c in self.clients.values() if c.type == PERSON]
        for record in (*people, *self.contacts.values()):
            if not record.client_online or record.ended:
                continue
            # alike_keys(), written out here: it runs for every record.
            if record.email:
                by_email.setdefault(record.email.strip().casefold(), []).append(record.id)
            if record.birth_date:
                key = (" ".join(record.name.split()).casefold(), record.birth_date)
                by_name.setdefault(key, []).append(record.id)
        return (
            {k: tuple(v) for k, v in by_email.items() if len(v) > 1},
            {k: tuple(v) for k, v in by_name.items() if len(v) > 1},
        )

    def can_be_main(self, record_id: str) -> bool:
        """Whether a contact may be linked under this record: a contact or a
        Klant-Persoon, never a Klant-Bedrijf (or an id the export lacks)."""
        client = self.clients.get(record_id)
        return record_id in self.contacts or (client is not None and client.is_person)

    def client_of(self, record_id: str) -> str:
        """The klant a record belongs to: its own id for a klant."""
        contact = self.contacts.get(record_id)
        return record_id if contact is None else contact.client

    def root(self, record_id: str) -> str:
        """Follow ``main`` links to the end: the person, and the login."""
        current = record_id
        contact = self.contacts.get(current)
        while contact is not None and contact.main is not None:
            current = contact.main
            contact = self.contacts.get(current)
        return current

    def tree(self, root_id: str) -> list[str]:
        """``root_id`` and every record linked under it, top down."""
        found = [root_id]
        for record_id in found:
            found.extend(self.children.get(record_id, ()))
        return found
