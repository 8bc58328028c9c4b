"""The export's records as the loader takes them in: each client, contact and
relation is checked the moment the reader has it, then the references
between them once all are in (duplicate ids, dangling references, main links
to a company, cycles and over-deep chains).

The per-record code is written for 100,000-contact exports: inline checks on
the common path, and record objects filled in directly."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from planner.errors import Mark
from planner.model import (
    PERSON,
    Client,
    Contact,
    Export,
    Relation,
)
from planner.schema import (
    CLIENT_KEYS,
    CLIENT_KEYSET,
    CONTACT_KEYS,
    CONTACT_KEYSET,
    FLAGS,
    MAX_MAIN_DEPTH,
    RELATION_KEY_ORDER,
    RELATION_KEYS,
    TYPES,
    WWFT_ROLES,
    describe,
    real_date,
)
from planner.yamlread import Document, Mapping, NeedMarks

if TYPE_CHECKING:  # the loader drives these parts; they never import it
    from planner.loader import _Loader


def _slot_setters(cls, names: tuple[str, ...]):
    assert tuple(f.name for f in dataclasses.fields(cls)) == names, cls
    assert "__post_init__" not in vars(cls), cls
    return [vars(cls)[name].__set__ for name in names]


def _client_maker():
    new = object.__new__
    s1, s2, s3, s4, s5, s6, s7, s8, s9 = _slot_setters(
        Client,
        ("id", "name", "type", "client_online", "ended", "email", "birth_date", "integrations", "mark"),
    )

    def make(id, name, type, client_online, ended, email, birth_date, integrations, mark) -> Client:
        client = new(Client)
        s1(client, id)
        s2(client, name)
        s3(client, type)
        s4(client, client_online)
        s5(client, ended)
        s6(client, email)
        s7(client, birth_date)
        s8(client, integrations)
        s9(client, mark)
        return client

    return make


def _contact_maker():
    new = object.__new__
    s1, s2, s3, s4, s5, s6, s7, s8, s9 = _slot_setters(
        Contact,
        ("id", "client", "name", "client_online", "main", "ended", "email", "birth_date", "mark"),
    )

    def make(id, client, name, client_online, main, ended, email, birth_date, mark) -> Contact:
        contact = new(Contact)
        s1(contact, id)
        s2(contact, client)
        s3(contact, name)
        s4(contact, client_online)
        s5(contact, main)
        s6(contact, ended)
        s7(contact, email)
        s8(contact, birth_date)
        s9(contact, mark)
        return contact

    return make


def _mark_maker():
    new = object.__new__
    assert tuple(f.name for f in dataclasses.fields(Mark)) == ("file", "line", "col")
    assert "__post_init__" not in vars(Mark) and "__slots__" not in vars(Mark)

    def make(file: str, line: int, col: int) -> Mark:
        mark = new(Mark)
        fields = mark.__dict__
        fields["file"] = file
        fields["line"] = line
        fields["col"] = col
        return mark

    return make


_new_client = _client_maker()
_new_contact = _contact_maker()
_new_mark = _mark_maker()


_DONE = object()  # stands in a records list for a record already taken in


class _Unmarked:
    """Stands for a record node a quick read did not keep; asking it where
    anything is means a problem was found, and the export is read again."""

    __slots__ = ()

    def __getattr__(self, name):
        raise NeedMarks


_UNMARKED = _Unmarked()


def _what(kind: str, cid: str | None) -> str:
    return f"{kind} {cid}" if cid else f"a {kind}"


class ExportParts:
    """The records of one export, taken in one by one as the reader completes them.

    :meth:`hooks` gives the reader a function per list; each checks one
    record while it is fresh and files it. :meth:`finish` takes in what the
    reader could not hand over (records reached through an alias), checks
    the references between records and builds the :class:`Export`. The same
    object serves an export file and an export inline in a scenario.
    """

    def __init__(self, loader: _Loader, doc: Document) -> None:
        self.loader = loader
        self.doc = doc
        self.name = doc.name
        self.problems = loader.problems
        # A quick read keeps no record nodes: holding 100,000 of them costs
        # more time than anything else the loader does.
        self.keep = not loader.quick
        self.clients: dict[str, Client] = {}
        self.contacts: dict[str, Contact] = {}
        self.nodes: dict[str, Mapping] = {}  # id -> its record, for marks in later messages
        self.broken: dict[str, str] = {}  # ids of records with errors -> "client"/"contact"
        self.relations: list[tuple[Relation, Mapping]] = []
        self.unsettled: list[Contact] = []  # contacts whose references wait for the end
        self.integrations: dict[tuple, tuple] = {}

    def hooks(self) -> dict:
        return {"clients": self.client, "contacts": self.contact, "relations": self.relation}

    def finish(self, root: Mapping, source: str) -> Export:
        loader, doc, what = self.loader, self.doc, "the export"
        lists = (
            ("clients", True, self.client, "each client is a mapping (id, type, client_online, ...)"),
            ("contacts", False, self.contact, "each contact is a mapping (id, client, client_online, ...)"),
            ("relations", False, self.relation, "each relation is a mapping with a type (group, wwft or partner)"),
        )
        for key, required, take, expected in lists:
            seq = loader.sequence(doc, root, key, what, required)
            if seq is None:
                continue
            for position, item in enumerate(seq.items):
                if item is _DONE:
                    continue
                if item.__class__ is Mapping:  # reached through an alias
                    take(item)
                else:
                    loader.add(doc, seq.item_ymark(position), f"{expected}; got {describe(item)}")
        self.check_contact_references()
        self.check_cycles()
        self.check_depth()
        self.check_relation_references()
        export = Export(self.clients, self.contacts, tuple(r for r, _ in self.relations), source)
        # The indexes planning looks people up in, built once per load, so
        # that planning a scenario costs what the people involved cost.
        export.contacts_by_client, export.children, export.relations_of
        return export

    # -- one record each; the reader calls these for every record --

    def duplicate_id(self, m: Mapping, cid: str) -> None:
        first = self.nodes[cid]
        kind = "client" if cid in self.clients else "contact" if cid in self.contacts else self.broken[cid]
        self.loader.add(
            self.doc,
            m.value_ymark("id"),
            f"duplicate id {cid!r}: already used by the {kind} at line {first.ymark.line + 1}; "
            "ids are unique across clients and contacts",
        )

    def client(self, m: Mapping):
        loader, doc, problems = self.loader, self.doc, self.problems
        errors = len(problems)
        idx = m.index
        if not idx.keys() <= CLIENT_KEYSET:
            loader.check_keys(doc, m, CLIENT_KEYS, "client")
        cid = idx.get("id")
        if cid.__class__ is not str or not cid:
            cid = loader.ident(doc, m, "id", "a client")
        ctype = TYPES.get(idx.get("type"))
        if ctype is None:
            ctype = loader.client_type(doc, m, _what("client", cid))
        online = FLAGS.get(idx.get("client_online"))
        if online is None:
            online = loader.flag(doc, m, "client_online", _what("client", cid), None)
        ended = idx.get("ended")
        ended = False if ended is None else FLAGS.get(ended)
        if ended is None:
            ended = loader.flag(doc, m, "ended", _what("client", cid), False)
        label = idx.get("name")
        if label is None:
            label = cid
        elif label.__class__ is not str:
            loader.wrong(doc, m, "name", _what("client", cid), "text")
        email = idx.get("email")
        if email is not None and email.__class__ is not str:
            email = loader.text(doc, m, "email", _what("client", cid))
        birth = idx.get("birth_date")
        if birth is not None and (birth.__class__ is not str or not real_date(birth)):
            birth = loader.date(doc, m, "birth_date", _what("client", cid))
        integrations = idx.get("integrations")
        if integrations is not None:
            # Exports repeat a few combinations: remember what each came to.
            integrations = (
                self.integrations.get(tuple(integrations.index.items()))
                if integrations.__class__ is Mapping
                else None
            )
            if integrations is None:
                integrations = loader.integrations(doc, m, _what("client", cid))
                if len(problems) == errors:
                    self.integrations[tuple(idx["integrations"].index.items())] = integrations
        else:
            integrations = ()
        if cid is None:
            return _DONE
        nodes = self.nodes
        if cid in nodes:
            self.duplicate_id(m, cid)
            return _DONE
        nodes[cid] = m if self.keep else _UNMARKED
        if len(problems) != errors:
            self.broken[cid] = "client"
            return _DONE
        ym = m.ymark
        self.clients[cid] = _new_client(
            cid,
            label,
            ctype,
            online,
            ended,
            email,
            birth,
            integrations,
            _new_mark(self.name, ym.line + 1, ym.column + 1),
        )
        return _DONE

    def contact(self, m: Mapping):
        loader, doc, problems = self.loader, self.doc, self.problems
        errors = len(problems)
        idx = m.index
        if not idx.keys() <= CONTACT_KEYSET:
            loader.check_keys(doc, m, CONTACT_KEYS, "contact")
        cid = idx.get("id")
        if cid.__class__ is not str or not cid:
            cid = loader.ident(doc, m, "id", "a contact")
        client = idx.get("client")
        if client.__class__ is not str or not client:
            client = loader.ident(doc, m, "client", _what("contact", cid))
        online = FLAGS.get(idx.get("client_online"))
        if online is None:
            online = loader.flag(doc, m, "client_online", _what("contact", cid), None)
        ended = idx.get("ended")
        ended = False if ended is None else FLAGS.get(ended)
        if ended is None:
            ended = loader.flag(doc, m, "ended", _what("contact", cid), False)
        main = idx.get("main")
        if main is not None and (main.__class__ is not str or not main):
            main = loader.ident(doc, m, "main", _what("contact", cid), required=False)
        label = idx.get("name")
        if label is None:
            label = cid
        elif label.__class__ is not str:
            loader.wrong(doc, m, "name", _what("contact", cid), "text")
        email = idx.get("email")
        if email is not None and email.__class__ is not str:
            email = loader.text(doc, m, "email", _what("contact", cid))
        birth = idx.get("birth_date")
        if birth is not None and (birth.__class__ is not str or not real_date(birth)):
            birth = loader.date(doc, m, "birth_date", _what("contact", cid))
        if cid is None:
            return _DONE
        nodes = self.nodes
        if cid in nodes:
            self.duplicate_id(m, cid)
            return _DONE
        nodes[cid] = m if self.keep else _UNMARKED
        if len(problems) != errors:
            self.broken[cid] = "contact"
            return _DONE
        ym = m.ymark
        contact = self.contacts[cid] = _new_contact(
            cid,
            client,
            label,
            online,
            main,
            ended,
            email,
            birth,
            _new_mark(self.name, ym.line + 1, ym.column + 1),
        )
        # Clients usually come first: a reference to one already read is
        # settled now; anything else waits for check_references().
        if client not in self.clients:
            self.unsettled.append(contact)
        elif main is not None:
            target = self.clients.get(main)
            if target is None or target.type != PERSON:
                self.unsettled.append(contact)
        return _DONE

    def relation(self, m: Mapping):
        loader, doc = self.loader, self.doc
        errors = len(self.problems)
        idx = m.index
        kind = idx.get("type")
        keys = RELATION_KEYS.get(kind)
        if keys is None:
            kind = loader.choice(doc, m, "type", "a relation", tuple(RELATION_KEYS), None)
            if kind is None:
                return _DONE
            keys = RELATION_KEYS[kind]
        what = f"a {kind} relation"
        if not idx.keys() <= keys:
            loader.check_keys(doc, m, [k for k in RELATION_KEY_ORDER if k in keys], what)
        mark = doc.mark(m.ymark)
        if kind == "group":
            parent = idx.get("parent")
            if parent.__class__ is not str or not parent:
                parent = loader.ident(doc, m, "parent", what)
            member = idx.get("member")
            if member.__class__ is not str or not member:
                member = loader.ident(doc, m, "member", what)
            relation = Relation(kind, parent, member, None, None, None, (), mark)
        elif kind == "wwft":
            client = idx.get("client")
            if client.__class__ is not str or not client:
                client = loader.ident(doc, m, "client", what)
            person = idx.get("person")
            if person.__class__ is not str or not person:
                person = loader.ident(doc, m, "person", what)
            role = idx.get("role")
            if role is not None and role not in WWFT_ROLES:
                role = loader.choice(doc, m, "role", what, WWFT_ROLES, None)
            relation = Relation(kind, None, None, client, person, role, (), mark)
        else:
            relation = Relation(kind, persons=loader.partners(doc, m, what), mark=mark)
        if len(self.problems) == errors:
            self.relations.append((relation, m))
        return _DONE

    # -- references between records, once all are in --

    def reference(self, ymark, what: str, target: str, want: str) -> bool:
        """Check that ``target`` names a ``want`` ("client", "person" or
        "record"); report and return False when it does not."""
        return not self.loader.reference_problem(
            self.doc, ymark, what, target, self.clients, self.contacts, self.broken, want,
            registration=True,
        )

    def check_contact_references(self) -> None:
        clients, contacts, nodes = self.clients, self.contacts, self.nodes
        for contact in self.unsettled:
            if contact.client not in clients:
                self.reference(
                    nodes[contact.id].value_ymark("client"),
                    f"client of contact {contact.id}",
                    contact.client,
                    "client",
                )
            main = contact.main
            if main is not None and main not in contacts:
                target = clients.get(main)
                if target is None or target.type != PERSON:
                    self.reference(
                        nodes[contact.id].value_ymark("main"),
                        f"main of contact {contact.id}",
                        main,
                        "person",
                    )

    def check_cycles(self) -> None:
        """Report each cycle of main links once, starting at its first record in the file."""
        contacts, nodes = self.contacts, self.nodes
        # Only contacts whose main is another contact can be on a cycle, and
        # those are all unsettled.
        linked = {c.id: c.main for c in self.unsettled if c.main in contacts}
        done: set[str] = set()
        for start in linked:
            if start in done:
                continue
            path: list[str] = []
            on_path: dict[str, int] = {}
            current = start
            while current in linked and current not in done:
                if current in on_path:
                    cycle = path[on_path[current] :]
                    first = min(cycle, key=lambda i: (nodes[i].ymark.line, nodes[i].ymark.column))
                    at = cycle.index(first)
                    ordered = cycle[at:] + cycle[:at]
                    self.loader.add(
                        self.doc,
                        nodes[first].value_ymark("main"),
                        "main links form a cycle: " + " -> ".join(ordered + [first])
                        + "; a chain of main links must end at a person client or a contact "
                        "without main",
                        "main-cycle",
                    )
                    break
                on_path[current] = len(path)
                path.append(current)
                current = linked[current]
            done.update(path)

    def check_depth(self) -> None:
        """Refuse main-link chains deeper than MAX_MAIN_DEPTH, once per tree.

        AuditCase's main-link trees are a contact under a person, or a
        contact under a contact under a person: a few levels. A chain of
        thousands is no registration, and every root look-up would walk it.
        """
        contacts, nodes = self.contacts, self.nodes
        linked = {c.id: c.main for c in self.unsettled if c.main in contacts}
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
        roots: dict[str, str] = {}
        for contact_id, below in depth.items():
            top = tops[contact_id]
            links = below + (contacts[top].main is not None)
            if links > MAX_MAIN_DEPTH and (top not in roots or below > depth[roots[top]]):
                roots[top] = contact_id
        for top, deepest in roots.items():
            links = depth[deepest] + (contacts[top].main is not None)
            self.loader.add(
                self.doc,
                nodes[deepest].value_ymark("main"),
                f"the main links from contact {deepest} form a chain of {links} links; "
                f"at most {MAX_MAIN_DEPTH} are accepted",
            )

    def check_relation_references(self) -> None:
        clients, contacts = self.clients, self.contacts
        for relation, node in self.relations:
            if relation.type == "partner":
                persons = node.index["persons"]
                for position, target in enumerate(persons.items):
                    if target not in clients and target not in contacts:
                        self.reference(
                            persons.item_ymark(position), "persons of a partner relation", target, "record"
                        )
                continue
            for key in ("parent", "member", "client", "person"):
                target = getattr(relation, key)
                if target is not None and target not in clients and target not in contacts:
                    self.reference(
                        node.value_ymark(key), f"{key} of a {relation.type} relation", target, "record"
                    )


class IdUnion:
    """The ids of several dicts, for suggestions, without copying them."""

    def __init__(self, *parts) -> None:
        self.parts = parts

    def __contains__(self, key) -> bool:
        return any(key in part for part in self.parts)

    def __iter__(self):
        for part in self.parts:
            yield from part

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)
