"""A scenario's events: one small reader per event kind, keyed like
``EVENT_KEYS``, and the checks of the ids an event names against the export.

An event's ids are checked only once the export itself is sound, so that one
mistake in the export does not echo as many in the events.
"""

from __future__ import annotations

from planner.fields import FieldChecks
from planner.model import Export
from planner.problems import describe, listed, shown
from planner.references import reference_problem
from planner.scenario import DEATH, EVENT_KINDS, LEAVE, REMOVE_CLIENT, REVOKE, UNLINK_BY_DEFAULT, Event
from planner.schema import EVENT_EXAMPLES, EVENT_KEYS
from planner.suggest import IdSuggestions
from planner.yamlread import Mapping, Sequence


class EventReader:
    """Reads the events of one scenario file."""

    def __init__(self, checks: FieldChecks, suggestions: IdSuggestions) -> None:
        self.checks = checks
        self.problems = checks.problems
        self.doc = checks.doc
        self.suggestions = suggestions

    def events(self, root: Mapping, export: Export | None) -> tuple[Event, ...]:
        seq = self.checks.sequence(root, "events", "the scenario", required=True)
        if seq is None:
            return ()
        if not seq.items:
            self.problems.at_value(
                self.doc, root, "events",
                "the scenario has no events; expected at least one of: " + listed(EVENT_KINDS),
            )
            return ()
        events = []
        for position, item in enumerate(seq.items):
            event = self.event(seq, position, item)
            if event is not None and export is not None:
                before = len(self.problems)
                CHECK_IDS[event.kind](self, event, item.index[event.kind], export)
                if len(self.problems) != before:
                    event = None
            if event is not None:
                events.append(event)
        return tuple(events)

    def event(self, seq: Sequence, position: int, item) -> Event | None:
        """One event, read by the reader for its kind; None when it has errors."""
        if item.__class__ is not Mapping or len(item.index) != 1:
            got = f"a mapping with {len(item.index)} keys" if item.__class__ is Mapping else describe(item)
            self.problems.at_item(
                self.doc, seq, position,
                f"expected an event {{kind: {{...}}}} with kind one of {listed(EVENT_KINDS)}; got {got}",
            )
            return None
        (kind, body), = item.index.items()
        if kind not in EVENT_KINDS:
            self.checks.unknown_key(item, kind, EVENT_KINDS, kind="event")
            return None
        if body.__class__ is not Mapping:
            self.problems.at_value(
                self.doc, item, kind,
                f"{kind} needs a mapping of its details, e.g. {EVENT_EXAMPLES[kind]}; got {describe(body)}",
            )
            return None
        before = len(self.problems)
        what = f"the {kind} event"
        self.checks.keys(body, EVENT_KEYS[kind], what)
        unlink = self.checks.flag(body, "unlink", what, kind in UNLINK_BY_DEFAULT)
        event = READERS[kind](self, body, what, unlink, self.doc.mark(item.ymark))
        return event if len(self.problems) == before else None

    # -- one reader per kind --

    def death(self, body: Mapping, what: str, unlink: bool, mark) -> Event:
        return Event(DEATH, person=self.checks.ident(body, "person", what), unlink=unlink, mark=mark)

    def leave(self, body: Mapping, what: str, unlink: bool, mark) -> Event:
        clients = None
        seq = self.checks.sequence(body, "clients", what)
        if seq is not None:
            clients = tuple(self.checks.ids(seq, f"clients of {what}", "a client id"))
            if not seq.items:
                self.problems.at_value(
                    self.doc, body, "clients",
                    f"clients of {what} is empty; leave it out to mean every company, or list client ids",
                )
        return Event(
            LEAVE,
            person=self.checks.ident(body, "person", what),
            clients=clients,
            end_client=self.checks.flag(body, "end_client", what, False),
            unlink=unlink,
            mark=mark,
        )

    def revoke(self, body: Mapping, what: str, unlink: bool, mark) -> Event | None:
        idx = body.index
        if "contact" in idx and ("person" in idx or "client" in idx):
            other = "person" if "person" in idx else "client"
            self.problems.at_key(
                self.doc, body, other, f"{what} takes either 'contact' or 'person' with 'client', not both"
            )
            return None
        if "contact" in idx:
            return Event(REVOKE, contact=self.checks.ident(body, "contact", what), unlink=unlink, mark=mark)
        if "person" in idx or "client" in idx:
            return Event(
                REVOKE,
                person=self.checks.ident(body, "person", what),
                client=self.checks.ident(body, "client", what),
                unlink=unlink,
                mark=mark,
            )
        self.problems.at_node(
            self.doc, body, f"{what} names no one; expected {{contact: ID}} or {{person: ID, client: ID}}"
        )
        return None

    def remove_client(self, body: Mapping, what: str, unlink: bool, mark) -> Event:
        return Event(
            REMOVE_CLIENT,
            client=self.checks.ident(body, "client", what),
            ends=self.checks.flag(body, "ends", what, False),
            unlink=unlink,
            mark=mark,
        )

    # -- the ids an event names, against the export --

    def named(self, event: Event, body: Mapping, key: str, target: str, want: str, export: Export,
              seq=None, position=None) -> bool:
        """Report ``target`` unless it names a ``want`` ("client" or
        "person"); whether it does."""
        label = f"{key} of {event.kind}"
        problem = reference_problem(
            label, target, export.clients, export.contacts, {}, want, self.suggestions, registration=False
        )
        if problem is None:
            return True
        message, _code = problem
        if seq is not None:
            self.problems.at_item(self.doc, seq, position, message)
        else:
            self.problems.at_value(self.doc, body, key, message)
        return False

    def death_ids(self, event: Event, body: Mapping, export: Export) -> None:
        self.named(event, body, "person", event.person, "person", export)

    def leave_ids(self, event: Event, body: Mapping, export: Export) -> None:
        if not self.named(event, body, "person", event.person, "person", export):
            return
        # A client where the person has no contact record (any more) is not
        # an error: after staff switched that record off and unlinked it, a
        # fresh export no longer links it to the person, and the request,
        # re-run, resumes (the plan notes that nothing is left to do there).
        if event.clients is not None:
            seq = body.index["clients"]
            for position, target in enumerate(seq.items):
                self.named(event, body, "clients", target, "client", export, seq, position)
        root = export.root(event.person)
        if event.end_client and root not in export.clients:
            why = (
                "it is a contact without a main link to a person client"
                if root == event.person
                else f"its main links end at contact {root}"
            )
            self.problems.at_value(
                self.doc, body, "end_client",
                f"end_client: {event.person} is not a Klant-Persoon ({why}); only a person client can be ended",
            )

    def revoke_ids(self, event: Event, body: Mapping, export: Export) -> None:
        if event.contact is None:
            if self.named(event, body, "person", event.person, "person", export):
                self.named(event, body, "client", event.client, "client", export)
            return
        if event.contact in export.contacts:
            return
        if event.contact in export.clients:
            message = (
                f"contact of revoke: {shown(event.contact)} is a client, not a contact; "
                "expected a contact id (or give {person: ID, client: ID})"
            )
        else:
            message = lambda: (  # noqa: E731 - made only when kept
                f"contact of revoke: there is no contact with id {shown(event.contact)}"
                + self.suggestions.nearest(event.contact, export.contacts)
            )
        self.problems.at_value(self.doc, body, "contact", message)

    def remove_client_ids(self, event: Event, body: Mapping, export: Export) -> None:
        self.named(event, body, "client", event.client, "client", export)


READERS = {
    DEATH: EventReader.death,
    LEAVE: EventReader.leave,
    REVOKE: EventReader.revoke,
    REMOVE_CLIENT: EventReader.remove_client,
}
CHECK_IDS = {
    DEATH: EventReader.death_ids,
    LEAVE: EventReader.leave_ids,
    REVOKE: EventReader.revoke_ids,
    REMOVE_CLIENT: EventReader.remove_client_ids,
}
assert READERS.keys() == CHECK_IDS.keys() == EVENT_KEYS.keys()
