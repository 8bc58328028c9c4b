"""A scenario's events: one small reader per event kind, keyed like
``EVENT_KEYS``, and the checks of the ids an event names against the export.

An event's ids are checked only once the export itself is sound, so that one
mistake in the export does not echo as many in the events.
"""

from __future__ import annotations

from planner.load.fields import FieldChecks
from planner.load.references import reference_problem
from planner.load.schema import EVENT_EXAMPLES, EVENT_KEYS
from planner.load.yaml.problems import describe, listed, of, one_of, shown
from planner.load.yaml.reader import Mapping, Sequence
from planner.model.office import Export
from planner.model.scenario import DEATH, EVENT_KINDS, LEAVE, REMOVE_CLIENT, REVOKE, UNLINK_BY_DEFAULT, Event
from planner.text.messages import _, n_
from planner.text.suggest import IdSuggestions
from planner.text.typography import number, quoted


def event_what(kind: str) -> str:
    """An event of ``kind`` as a message names it: the “death” event."""
    return _("the {kind} event").format(kind=quoted(kind))


def keys_got(item) -> str:
    """What an item that should have one key is, for "got …"."""
    if item.__class__ is Mapping:
        count = len(item.index)
        return n_("a mapping with {n} key", "a mapping with {n} keys", count).format(n=number(count))
    return describe(item)


class EventReader:
    """Reads the events of one scenario file."""

    def __init__(self, checks: FieldChecks, suggestions: IdSuggestions) -> None:
        self.checks = checks
        self.problems = checks.problems
        self.doc = checks.doc
        self.suggestions = suggestions

    def events(self, root: Mapping, export: Export | None) -> tuple[Event, ...]:
        seq = self.checks.sequence(root, "events", _("the scenario"), required=True)
        if seq is None:
            return ()
        if not seq.items:
            self.problems.at_value(
                self.doc, root, "events",
                _("the scenario has no events; expected at least one of: {kinds}").format(kinds=listed(EVENT_KINDS)),
            )
            return ()
        events = []
        for position, item in enumerate(seq.items):
            event = self.event(seq, position, item)
            if event is not None and export is not None:
                before = len(self.problems)
                self.check_ids(event, item.index[event.kind], export)
                if len(self.problems) != before:
                    event = None
            if event is not None:
                events.append(event)
        return tuple(events)

    def event(self, seq: Sequence, position: int, item) -> Event | None:
        """One event, read by the reader for its kind; None when it has errors."""
        if item.__class__ is not Mapping or len(item.index) != 1:
            self.problems.at_item(
                self.doc, seq, position,
                _("expected an event {example} with kind one of {kinds}; got {value}").format(
                    example="{kind: {...}}", kinds=listed(EVENT_KINDS), value=keys_got(item)
                ),
            )
            return None
        (kind, body), = item.index.items()
        if kind not in EVENT_KINDS:
            self.checks.unknown_key(item, kind, EVENT_KINDS, kind="event")
            return None
        if body.__class__ is not Mapping:
            self.problems.at_value(
                self.doc, item, kind,
                _("{kind} needs a mapping of its details, e.g. {example}; got {value}").format(
                    kind=quoted(kind), example=one_of(EVENT_EXAMPLES[kind]), value=describe(body)
                ),
            )
            return None
        before = len(self.problems)
        what = event_what(kind)
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
            clients = tuple(self.checks.ids(seq, of("clients", what), _("a client id")))
            if not seq.items:
                self.problems.at_value(
                    self.doc, body, "clients",
                    _("{place} is empty; leave it out to mean every company, or list client ids").format(
                        place=of("clients", what)
                    ),
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
                self.doc, body, other,
                _("{what} takes either {contact} or {person} with {client}, not both").format(
                    what=what, contact=quoted("contact"), person=quoted("person"), client=quoted("client")
                ),
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
            self.doc, body,
            _("{what} names no one; expected {example}").format(what=what, example=one_of(EVENT_EXAMPLES[REVOKE])),
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

    def check_ids(self, event: Event, body: Mapping, export: Export) -> None:
        """Report, at its place in the file, each id ``event`` names that
        ``export`` does not have as the kind of record it must be."""
        for key, position, message in id_problems(event, export, self.suggestions):
            if position is None:
                self.problems.at_value(self.doc, body, key, message)
            else:
                self.problems.at_item(self.doc, body.index[key], position, message)


def scenario_place(kind: str, key: str) -> str:
    """How a message names an event's ``key`` in a scenario file: “person” of
    the “death” event (``end_client`` alone: it says which event it is about)."""
    return quoted(key) if key == "end_client" else of(key, event_what(kind))


def scenario_revoke_hint() -> str:
    """How a scenario file names a revoke another way, for a message about a wrong contact."""
    return _(" (or give {example})").format(example="{person: ID, client: ID}")


def id_problems(event: Event, export: Export, suggestions: IdSuggestions, place=scenario_place,
                revoke_hint: str | None = None):
    """What is wrong with the ids ``event`` names in ``export``: for each,
    ``(key, position, message)``, ``position`` the item of a list under
    ``key`` (None for a single id) and the message as text or as a function
    that makes it. ``place(kind, key)`` names the key in messages: a scenario
    file's “person” of the “death” event, or a command line's ``--death``;
    ``revoke_hint`` is said after a contact id that names a client (the
    scenario file's, :func:`scenario_revoke_hint`, by default). Shared by the
    scenario reader and the request given as options (:mod:`planner.cli.request`),
    so both give the same help ("did you mean").
    """
    hint = scenario_revoke_hint() if revoke_hint is None else revoke_hint
    return ID_CHECKS[event.kind](_IdCheck(event, export, suggestions, place, hint))


class _IdCheck:
    """The ids of one event, against one export."""

    def __init__(self, event: Event, export: Export, suggestions: IdSuggestions, place, revoke_hint: str):
        self.event, self.export, self.suggestions = event, export, suggestions
        self.place, self.revoke_hint = place, revoke_hint

    def named(self, key: str, target: str, want: str, position: int | None = None):
        """A problem unless ``target`` names a ``want`` ("client" or "person"); else None."""
        export = self.export
        problem = reference_problem(
            self.place(self.event.kind, key), target, export.clients, export.contacts, {}, want,
            self.suggestions, registration=False,
        )
        return None if problem is None else (key, position, problem[0])


def _death_ids(check: _IdCheck):
    found = check.named("person", check.event.person, "person")
    return [found] if found else []


def _leave_ids(check: _IdCheck):
    event, export = check.event, check.export
    found = check.named("person", event.person, "person")
    if found:
        return [found]
    # A client where the person has no contact record (any more) is not an
    # error: after staff switched that record off and unlinked it, a fresh
    # export no longer links it to the person, and the request, re-run,
    # resumes (the plan notes that nothing is left to do there).
    problems = [check.named("clients", target, "client", position)
                for position, target in enumerate(event.clients or ())]
    root = export.root(event.person)
    if event.end_client and root not in export.clients:
        if root == event.person:
            message = _(
                "{place}: {id} is not a Klant-Persoon (it is a contact without a main link to a person client); "
                "only a person client can be ended"
            )
        else:
            message = _(
                "{place}: {id} is not a Klant-Persoon (its main links end at contact {root}); "
                "only a person client can be ended"
            )
        problems.append((
            "end_client", None,
            message.format(place=check.place(event.kind, "end_client"), id=shown(event.person), root=shown(root)),
        ))
    return [p for p in problems if p]


def _revoke_ids(check: _IdCheck):
    event, export = check.event, check.export
    if event.contact is None:
        found = check.named("person", event.person, "person") or check.named("client", event.client, "client")
        return [found] if found else []
    if event.contact in export.contacts:
        return []
    place = check.place(event.kind, "contact")
    if event.contact in export.clients:
        message = (
            _("{place}: {id} is a client, not a contact; expected a contact id").format(
                place=place, id=shown(event.contact)
            )
            + check.revoke_hint
        )
    else:
        message = lambda: (  # noqa: E731 - made only when kept
            _("{place}: there is no contact with id {id}").format(place=place, id=shown(event.contact))
            + check.suggestions.nearest(event.contact, export.contacts)
        )
    return [("contact", None, message)]


def _remove_client_ids(check: _IdCheck):
    found = check.named("client", check.event.client, "client")
    return [found] if found else []


READERS = {
    DEATH: EventReader.death,
    LEAVE: EventReader.leave,
    REVOKE: EventReader.revoke,
    REMOVE_CLIENT: EventReader.remove_client,
}
ID_CHECKS = {
    DEATH: _death_ids,
    LEAVE: _leave_ids,
    REVOKE: _revoke_ids,
    REMOVE_CLIENT: _remove_client_ids,
}
assert READERS.keys() == ID_CHECKS.keys() == EVENT_KEYS.keys()
