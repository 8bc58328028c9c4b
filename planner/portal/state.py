"""An AuditCase state: the export with some plan steps applied.

A state is the export plus what the steps changed: flags switched to Nee,
main links broken, and — for re-homing — flags switched back to Ja and new
main links. A plan changes each record's field once at most, so applying its
steps in any order gives the same state for the same set of steps; an order
staff propose may change one twice, and then the later change wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.office import Export
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, CONTACT_ON, DECIDE, LINK, UNLINK, Step
from planner.portal.assumptions import PERSON_CLIENT_IS_OWN_USER


@dataclass(frozen=True)
class State:
    export: Export
    contacts_off: frozenset[str] = frozenset()
    clients_off: frozenset[str] = frozenset()
    unlinked: frozenset[str] = frozenset()
    #: contacts switched back to Ja (re-homing)
    contacts_on: frozenset[str] = frozenset()
    #: (contact, new main) links made (re-homing); at most one per contact
    links: frozenset[tuple[str, str]] = frozenset()

    def apply(self, step: Step) -> State:
        """The state after one step; a step on an unknown id changes nothing."""
        walk = self.walk()
        walk.advance(step)
        return walk.frozen()

    def apply_all(self, steps) -> State:
        """The state after all ``steps``, built at once: a plan can have
        thousands of steps, and one copy per step would cost their square."""
        walk = self.walk()
        for step in steps:
            walk.advance(step)
        return walk.frozen()

    def walk(self) -> State:
        """A private copy to walk a long order with :meth:`advance`, which
        changes its sets in place rather than copying them at every step.
        Never hand it out: take :meth:`frozen` for a state to keep."""
        walk = State(self.export, set(self.contacts_off), set(self.clients_off), set(self.unlinked))
        # The links as a dict while walking: main() looks them up.
        object.__setattr__(walk, "links", dict(self.links))
        object.__setattr__(walk, "contacts_on", set(self.contacts_on))
        return walk

    def advance(self, step: Step) -> None:
        """Apply one step to a state from :meth:`walk`, in place."""
        action, target = step.action, step.target
        contacts = self.export.contacts
        if action == CONTACT_OFF and target in contacts:
            self.contacts_on.discard(target)
            self.contacts_off.add(target)
        elif action == CLIENT_OFF and target in self.export.clients:
            self.clients_off.add(target)
        elif action == UNLINK and target in contacts:
            self.links.pop(target, None)
            self.unlinked.add(target)
        elif action == CONTACT_ON and target in contacts:
            self.contacts_off.discard(target)
            self.contacts_on.add(target)
        elif action == LINK and self.can_link(target, step.main):
            self.unlinked.discard(target)
            self.links[target] = step.main
        else:
            assert action in (DECIDE, CONTACT_OFF, CLIENT_OFF, UNLINK, CONTACT_ON, LINK), action

    def frozen(self) -> State:
        links = self.links.items() if isinstance(self.links, dict) else self.links
        return State(
            self.export, frozenset(self.contacts_off), frozenset(self.clients_off), frozenset(self.unlinked),
            frozenset(self.contacts_on), frozenset(links),
        )

    def changes(self, step: Step) -> bool:
        """Whether ``step`` changes a field in this state: a step whose field
        is already as it would set it (or on an unknown id) changes nothing."""
        action, target = step.action, step.target
        if action == CONTACT_OFF:
            return target in self.export.contacts and self.contact_on(target)
        if action == CLIENT_OFF:
            return target in self.export.clients and self.client_on(target)
        if action == UNLINK:
            return target in self.export.contacts and self.is_linked(target)
        if action == CONTACT_ON:
            return target in self.export.contacts and not self.contact_on(target)
        if action == LINK:
            return self.can_link(target, step.main) and self.main(target) != step.main
        return False

    def can_link(self, contact_id: str, main: str) -> bool:
        """Whether AuditCase lets contact ``contact_id`` be linked under
        ``main`` here: a contact under a person client or another contact,
        never under a company, never under a record linked below itself."""
        export = self.export
        if contact_id not in export.contacts:
            return False
        if not export.can_be_main(main):
            return False
        current = main
        while current is not None:
            if current == contact_id:
                return False
            current = self.main(current)
        return True

    # -- AuditCase fields as they stand in this state --------------------------

    def client_on(self, client_id: str) -> bool:
        """The klant is a cliënt on the portal: Ja, not ended, not switched off."""
        client = self.export.clients[client_id]
        return client.client_online and not client.ended and client_id not in self.clients_off

    def contact_on(self, contact_id: str) -> bool:
        """The contact's own "Koppelen met Cliënt Online" is Ja (and not ended)."""
        contact = self.export.contacts[contact_id]
        if contact.ended or contact_id in self.contacts_off:
            return False
        return contact.client_online or contact_id in self.contacts_on

    def main(self, contact_id: str) -> str | None:
        if self.links:
            new = self._links().get(contact_id)
            if new is not None:
                return new
        if contact_id in self.unlinked:
            return None
        contact = self.export.contacts.get(contact_id)
        return None if contact is None else contact.main

    def _links(self) -> dict[str, str]:
        """The links made, by contact (a dict while walking; worked out once
        for a frozen state)."""
        if isinstance(self.links, dict):
            return self.links
        cached = self.__dict__.get("_link_map")
        if cached is None:
            cached = dict(self.links)
            object.__setattr__(self, "_link_map", cached)
        return cached

    def is_linked(self, contact_id: str) -> bool:
        return self.main(contact_id) is not None

    # -- the portal's reading of those fields ----------------------------------

    def is_user(self, record_id: str) -> bool:
        """The record is a user record (Cliënt-gebruiker) of a cliënt."""
        contact = self.export.contacts.get(record_id)
        if contact is None:
            client = self.export.clients[record_id]
            return PERSON_CLIENT_IS_OWN_USER and client.is_person and self.client_on(record_id)
        return self.contact_on(record_id) and self.client_on(contact.client)

    def root(self, record_id: str) -> str:
        """Follow main links as they stand here; the root is the login."""
        current = record_id
        parent = self.main(current)
        while parent is not None:
            current = parent
            parent = self.main(current)
        return current

    def children(self, record_id: str) -> tuple[str, ...]:
        kids = self.export.children.get(record_id, ())
        if self.unlinked:
            kids = tuple(k for k in kids if k not in self.unlinked)
        if self.links:
            links = self._links()
            kids = tuple(k for k in kids if k not in links) + tuple(
                sorted(k for k, main in links.items() if main == record_id)
            )
        return kids

    def tree(self, root_id: str) -> list[str]:
        """``root_id`` and every record linked under it in this state."""
        found = [root_id]
        for record_id in found:
            found.extend(self.children(record_id))
        return found
