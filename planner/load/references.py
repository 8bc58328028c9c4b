"""The references between an export's records, checked once all are in:
dangling references, main links to a company, cycles and over-deep chains of
main links, and the records relations name.

:func:`reference_problem` also judges the ids a scenario's events name
(:mod:`planner.load.events`), without the registration codes.
"""

from __future__ import annotations

from planner.load.schema import MAX_MAIN_DEPTH, record_what, relation_what
from planner.load.yaml.problems import of, shown
from planner.load.yaml.reader import Mapping
from planner.model.office import PERSON
from planner.text.messages import _
from planner.text.suggest import IdSuggestions, IdUnion
from planner.text.typography import number, quoted


class References:
    """The reference checks over the records an ExportRecords took in."""

    def __init__(self, records) -> None:
        self.records = records
        self.problems = records.problems
        self.doc = records.doc
        self.suggestions = records.suggestions

    def check(self) -> None:
        self.check_contact_references()
        # Contacts whose main is another contact: only they can be on a cycle
        # or a long chain, and they are all unsettled. Nearly always every
        # chain is one such link long (a contact under the contact at the top
        # of a person's records): then there is nothing more to walk.
        contacts = self.records.contacts
        linked = {c.id: c.main for c in self.records.unsettled if c.main in contacts}
        if any(main in linked for main in linked.values()):
            self.check_cycles(linked)
            self.check_depth(linked)
        self.check_relation_references()

    def reference(self, node: Mapping, key: str, what: str, target: str, want: str, seq=None,
                  position=None) -> None:
        """Report ``target`` (under ``key`` of ``node``, or item ``position``
        of ``seq``) unless it names a ``want``: "client", "person" or "record".
        ``what``: the place, as a message names it ("“client” of contact “C-1”")."""
        records = self.records
        problem = reference_problem(
            what, target, records.clients, records.contacts, records.broken, want, self.suggestions
        )
        if problem is None:
            return
        message, code = problem
        if seq is not None:
            self.problems.at_item(self.doc, seq, position, message, code)
        else:
            self.problems.at_value(self.doc, node, key, message, code)

    def check_contact_references(self) -> None:
        clients, contacts, nodes = self.records.clients, self.records.contacts, self.records.nodes
        for contact in self.records.unsettled:
            if contact.client not in clients:
                what = of("client", record_what("contact", contact.id))
                self.reference(nodes[contact.id], "client", what, contact.client, "client")
            main = contact.main
            if main is not None and main not in contacts:
                target = clients.get(main)
                if target is None or target.type != PERSON:
                    what = of("main", record_what("contact", contact.id))
                    self.reference(nodes[contact.id], "main", what, main, "person")

    def check_cycles(self, linked: dict[str, str]) -> None:
        """Report each cycle of main links once, starting at its first record in the file."""
        contacts, nodes = self.records.contacts, self.records.nodes
        done: set[str] = set()
        for start in linked:
            if start in done:
                continue
            path: list[str] = []
            on_path: dict[str, int] = {}
            current = start
            while current in linked and current not in done:
                if current in on_path:
                    cycle = path[on_path[current]:]
                    first = min(cycle, key=lambda i: (contacts[i].line, contacts[i].col))
                    at = cycle.index(first)
                    ordered = cycle[at:] + cycle[:at]
                    self.problems.at_value(
                        self.doc, nodes[first], "main",
                        lambda ordered=ordered, first=first: _(
                            "main links form a cycle: {cycle}; a chain of main links must end at a person client "
                            "or a contact without {main}"
                        ).format(cycle=" → ".join(shown(i) for i in ordered + [first]), main=quoted("main")),
                        "main-cycle",
                    )
                    break
                on_path[current] = len(path)
                path.append(current)
                current = linked[current]
            done.update(path)

    def check_depth(self, linked: dict[str, str]) -> None:
        """Refuse main-link chains deeper than MAX_MAIN_DEPTH, once per tree.

        AuditCase's main-link trees are a contact under a person, or a
        contact under a contact under a person: a few levels. A chain of
        thousands is no registration, and every root look-up would walk it.
        """
        contacts, nodes = self.records.contacts, self.records.nodes
        depth: dict[str, int] = {}
        tops: dict[str, str] = {}
        for start in linked:
            path = []
            current = start
            while current in linked and current not in depth:
                path.append(current)
                current = linked[current]
                if len(path) > len(linked):  # a cycle, reported by check_cycles
                    return
            below = depth.get(current, 0)
            top = tops.get(current, current)
            for record in reversed(path):
                below += 1
                depth[record] = below
                tops[record] = top
        deepest_of: dict[str, str] = {}
        for contact_id, below in depth.items():
            top = tops[contact_id]
            links = below + (contacts[top].main is not None)
            if links > MAX_MAIN_DEPTH and (top not in deepest_of or below > depth[deepest_of[top]]):
                deepest_of[top] = contact_id
        for top, deepest in deepest_of.items():
            links = depth[deepest] + (contacts[top].main is not None)
            self.problems.at_value(
                self.doc, nodes[deepest], "main",
                lambda deepest=deepest, links=links: _(
                    "the main links from contact {id} form a chain of {count} links; at most {most} are accepted"
                ).format(id=shown(deepest), count=number(links), most=number(MAX_MAIN_DEPTH)),
            )

    def check_relation_references(self) -> None:
        clients, contacts = self.records.clients, self.records.contacts
        for relation, node in self.records.relations:
            if relation.type == "partner":
                persons = node.index["persons"]
                for position, target in enumerate(persons.items):
                    if target not in clients and target not in contacts:
                        self.reference(node, "persons", of("persons", relation_what("partner")), target,
                                       "record", seq=persons, position=position)
                continue
            for key in ("parent", "member", "client", "person"):
                target = getattr(relation, key)
                if target is not None and target not in clients and target not in contacts:
                    self.reference(node, key, of(key, relation_what(relation.type)), target, "record")



def reference_problem(
    what: str, target: str, clients, contacts, broken, want: str, suggestions: IdSuggestions,
    registration: bool = True,
):
    """What is wrong with a reference to ``target`` that must name a ``want``
    ("client", "person" or "record"), as (message, code), the message as
    text or a function that makes it; None when nothing is wrong.

    ``broken`` holds the ids of records with errors of their own (not
    reported again). ``registration``: a reference between records of the
    export, reported under the codes main-not-person and dangling-reference.
    """
    if target in broken and not (want == "client" and broken[target] == "contact"):
        return None  # the record itself is reported already
    if target in clients:
        client = clients[target]
        if want == "client" or want == "record" or (want == "person" and client.type == PERSON):
            return None
        return (
            _("{what} must name a person client or a contact; {id} is a company (Klant-Bedrijf)").format(
                what=what, id=shown(target)
            ),
            "main-not-person" if registration else None,
        )
    if target in contacts or target in broken:
        if want != "client":
            return None
        return (
            _("{what}: {id} is a contact, not a client; expected the id of a client "
              "(Klant-Bedrijf or Klant-Persoon)").format(what=what, id=shown(target)),
            None,
        )
    if want == "client":
        pool, message = clients, _("{what}: there is no client with id {id}")
    else:
        pool, message = IdUnion(clients, contacts, broken), _("{what}: there is no client or contact with id {id}")
    # Made only when the problem is kept: a quick read spends no look-ups.
    return (
        lambda: message.format(what=what, id=shown(target)) + suggestions.nearest(target, pool),
        "dangling-reference" if registration else None,
    )


