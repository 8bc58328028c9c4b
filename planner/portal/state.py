"""An AuditCase state: the export with some plan steps applied.

Steps only ever switch a flag to Nee or break a main link, so a state is the
export plus three sets; applying steps in any order gives the same state for
the same set of steps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.model.office import Export
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, DECIDE, UNLINK, Step
from planner.portal.assumptions import PERSON_CLIENT_IS_OWN_USER


@dataclass(frozen=True)
class State:
    export: Export
    contacts_off: frozenset[str] = frozenset()
    clients_off: frozenset[str] = frozenset()
    unlinked: frozenset[str] = frozenset()

    def apply(self, step: Step) -> State:
        """The state after one step; a step on an unknown id changes nothing."""
        action, target = step.action, step.target
        if action == CONTACT_OFF and target in self.export.contacts:
            return replace(self, contacts_off=self.contacts_off | {target})
        if action == CLIENT_OFF and target in self.export.clients:
            return replace(self, clients_off=self.clients_off | {target})
        if action == UNLINK and target in self.export.contacts:
            return replace(self, unlinked=self.unlinked | {target})
        assert action in (DECIDE, CONTACT_OFF, CLIENT_OFF, UNLINK), action
        return self

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
        return State(self.export, set(self.contacts_off), set(self.clients_off), set(self.unlinked))

    def advance(self, step: Step) -> None:
        """Apply one step to a state from :meth:`walk`, in place."""
        action, target = step.action, step.target
        if action == CONTACT_OFF and target in self.export.contacts:
            self.contacts_off.add(target)
        elif action == CLIENT_OFF and target in self.export.clients:
            self.clients_off.add(target)
        elif action == UNLINK and target in self.export.contacts:
            self.unlinked.add(target)
        else:
            assert action in (DECIDE, CONTACT_OFF, CLIENT_OFF, UNLINK), action

    def frozen(self) -> State:
        return State(
            self.export, frozenset(self.contacts_off), frozenset(self.clients_off), frozenset(self.unlinked)
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
        return False

    # -- AuditCase fields as they stand in this state --------------------------

    def client_on(self, client_id: str) -> bool:
        """The klant is a cliënt on the portal: Ja, not ended, not switched off."""
        client = self.export.clients[client_id]
        return client.client_online and not client.ended and client_id not in self.clients_off

    def contact_on(self, contact_id: str) -> bool:
        """The contact's own "Koppelen met Cliënt Online" is Ja (and not ended)."""
        contact = self.export.contacts[contact_id]
        return contact.client_online and not contact.ended and contact_id not in self.contacts_off

    def main(self, contact_id: str) -> str | None:
        if contact_id in self.unlinked:
            return None
        contact = self.export.contacts.get(contact_id)
        return None if contact is None else contact.main

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
        return kids

    def tree(self, root_id: str) -> list[str]:
        """``root_id`` and every record linked under it in this state."""
        found = [root_id]
        for record_id in found:
            found.extend(self.children(record_id))
        return found
