"""The export's records, read through the tables of :mod:`planner.load.schema`.

Each client and contact is read the moment the YAML reader completes it, by
one function for every record kind (:meth:`ExportRecords.record`); relations
by type. Duplicate ids are found as records come in; the references between
records, once all are in (:mod:`planner.load.references`).

Written for 100,000-contact exports: the common case (every field present
and well-formed) is a dictionary look-up or a class check per field, and a
message, with the field checks of :mod:`planner.load.fields`, is made only for a
record that has something wrong.
"""

from __future__ import annotations

import dataclasses
import operator

from planner.load.fields import FieldChecks
from planner.load.references import References
from planner.load.schema import (
    CLIENT_FIELDS,
    CLIENT_TYPE,
    CONTACT_FIELDS,
    DATE,
    FLAG,
    FLAGS,
    ID,
    LINKS,
    RELATION_KEYS,
    SAME_AS_ID,
    TEXT,
    TYPE_EXPECTED,
    TYPE_WORDS,
    TYPES,
    WWFT_ROLES,
    real_date,
    record_what,
    relation_what,
)
from planner.load.yaml.problems import Problems, describe, of, shown
from planner.load.yaml.reader import Document, Mapping
from planner.model.office import INTEGRATIONS, PERSON, Client, Contact, Export, Relation
from planner.text.messages import N_, _, n_
from planner.text.suggest import IdSuggestions
from planner.text.typography import number

#: Stands in a records list for a record already taken in.
DONE = object()


class RecordKind:
    """One record kind: its table of fields, and two ways to read a record.

    :attr:`read_common` reads a record written the common way — every field
    holding what it should, every word known — straight into its model
    object, and answers None for anything else; ``careful()`` then reads it
    field by field and reports what is wrong. Messages list the keys in the
    table's order.
    """

    def __init__(self, name: str, fields, model) -> None:
        self.name = name
        self.keys = tuple(f.name for f in fields)
        self.keyset = frozenset(self.keys)
        slots = [f.name for f in dataclasses.fields(model)]
        assert slots[-2:] == ["line", "col"] and sorted(slots[:-2]) == sorted(self.keys), model
        by_name = {f.name: f for f in fields}
        #: the fields in the model's order
        self.fields = tuple(by_name[name] for name in slots[:-2])
        self.model = model
        self.read_common = _common_reader(self.fields, model, slots)
        #: a record's field values in the model's order (line and column last)
        self.values = operator.attrgetter(*slots)
        #: ``restore(values, shift)``: the record with those values again, ``shift`` lines further down
        self.restore = _restorer(model, slots)

    def what(self, cid: str | None) -> str:
        """A record of this kind as a message names it: client “A”, or a client."""
        return record_what(self.name, cid)


# How the common case of each kind of field is read: a required field, and
# one that may be absent (``{default}`` its value then). Each leaves the
# value in ``{v}``, or answers None for anything uncommon.
_COMMON = {
    ID: (
        "    {v} = idx.get({name!r})\n"
        "    if {v}.__class__ is not str or not {v}:\n        return None\n",
        "    {v} = idx.get({name!r})\n"
        "    if {v} is not None and ({v}.__class__ is not str or not {v}):\n        return None\n",
    ),
    TEXT: (
        None,
        "    {v} = idx.get({name!r})\n"
        "    if {v} is None:\n        {v} = {default}\n"
        "    elif {v}.__class__ is not str:\n        return None\n",
    ),
    FLAG: (
        "    {v} = FLAGS.get(idx.get({name!r}))\n"
        "    if {v} is None:\n        return None\n",
        "    {v} = idx.get({name!r})\n"
        "    {v} = {default} if {v} is None else FLAGS.get({v})\n"
        "    if {v} is None:\n        return None\n",
    ),
    CLIENT_TYPE: (
        "    {v} = TYPES.get(idx.get({name!r}))\n"
        "    if {v} is None:\n        return None\n",
        None,
    ),
    DATE: (
        None,
        "    {v} = idx.get({name!r})\n"
        "    if {v} is not None and ({v}.__class__ is not str or not real_date({v})):\n        return None\n",
    ),
    LINKS: (
        None,
        # A combination of links seen before (exports repeat a few); a new
        # one is read carefully, once, and remembered in ``links``.
        "    {v} = idx.get({name!r})\n"
        "    if {v} is None:\n        {v} = {default}\n"
        "    else:\n"
        "        {v} = links.get(tuple({v}.index.items())) if {v}.__class__ is Mapping else None\n"
        "        if {v} is None:\n            return None\n",
    ),
}


def _common_reader(fields, model, slots: list[str]):
    """``read(idx, line, col, links)``: a record written the common way, read
    from its mapping's ``idx`` into a ``model`` object; None for anything else.

    Written out for the kind's fields from :data:`_COMMON`, the way
    dataclasses writes out an ``__init__``: a big export has 170,000 records,
    and a loop over a table per record, or a frozen dataclass's ``__init__``
    (which sets every field through object.__setattr__), costs a third more
    than the parse of the file itself. ``careful()`` reads any record the
    same way field by field (tests/test_records.py holds them to agree).
    """
    assert "__post_init__" not in vars(model), model
    scope = {"new": object.__new__, "model": model, "FLAGS": FLAGS, "TYPES": TYPES,
             "real_date": real_date, "Mapping": Mapping}
    body = ["def read(idx, line, col, links):"]
    # The id first: a text default (a name) is the id.
    for field in sorted(fields, key=lambda f: f.name != "id"):
        template = _COMMON[field.holds][0 if field.required else 1]
        assert template is not None, (field.name, field.holds, field.required)
        default = "v_id" if field.default is SAME_AS_ID else repr(field.default)
        body.append(template.format(v=f"v_{field.name}", name=field.name, default=default).rstrip("\n"))
    body.append("    record = new(model)")
    for n, name in enumerate(slots):
        scope[f"set_{n}"] = vars(model)[name].__set__
        body.append(f"    set_{n}(record, {name if name in ('line', 'col') else 'v_' + name})")
    body.append("    return record")
    exec("\n".join(body), scope)  # noqa: S102 - code written from the schema's own field table
    return scope["read"]


def _restorer(model, slots: list[str]):
    """``restore(values, shift)``: a ``model`` object from the field values
    :attr:`RecordKind.values` gave, its line ``shift`` lines further down;
    written out as :func:`_common_reader` is, for the same reason."""
    scope = {"new": object.__new__, "model": model}
    body = ["def restore(values, shift):", "    record = new(model)"]
    for n, name in enumerate(slots):
        scope[f"set_{n}"] = vars(model)[name].__set__
        body.append(f"    set_{n}(record, values[{n}]{' + shift' if name == 'line' else ''})")
    body.append("    return record")
    exec("\n".join(body), scope)  # noqa: S102 - code written from the model's own fields
    return scope["restore"]


CLIENT = RecordKind("client", CLIENT_FIELDS, Client)
CONTACT = RecordKind("contact", CONTACT_FIELDS, Contact)


class ExportRecords:
    """The records of one export, taken in one by one as the reader completes them.

    :meth:`hooks` gives the reader a function per list; each reads one record
    while it is fresh and files it. :meth:`finish` takes in what the reader
    could not hand over (records reached through an alias), checks the
    references between records and builds the :class:`Export`. The same
    object serves an export file and an export inline in a scenario.
    """

    def __init__(self, problems: Problems, doc: Document, suggestions: IdSuggestions) -> None:
        self.problems = problems
        self.doc = doc
        self.checks = FieldChecks(problems, doc)
        self.suggestions = suggestions
        # A quick read keeps no record nodes: holding 100,000 of them costs
        # more time than anything else the loader does.
        self.keep = not problems.quick
        self.clients: dict[str, Client] = {}
        self.contacts: dict[str, Contact] = {}
        self.nodes: dict[str, Mapping | None] = {}  # id -> its record, for later messages
        self.broken: dict[str, str] = {}  # ids of records with errors -> "client"/"contact"
        self.relations: list[tuple[Relation, Mapping]] = []
        self.unsettled: list[Contact] = []  # contacts whose references wait for the end
        self.links: dict[tuple, tuple] = {}  # integrations seen, and what each came to

    def hooks(self) -> dict:
        return {"clients": self.client, "contacts": self.contact, "relations": self.relation}

    def finish(self, root: Mapping, source: str, exported: str | None = None) -> Export:
        lists = (
            ("clients", True, self.client, N_("each client is a mapping (id, type, client_online, ...); got {value}")),
            ("contacts", False, self.contact,
             N_("each contact is a mapping (id, client, client_online, ...); got {value}")),
            ("relations", False, self.relation,
             N_("each relation is a mapping with a type (group, wwft or partner); got {value}")),
        )
        for key, required, take, expected in lists:
            seq = self.checks.sequence(root, key, _("the export"), required)
            if seq is None:
                continue
            for position, item in enumerate(seq.items):
                if item is DONE:
                    continue
                if item.__class__ is Mapping:  # reached through an alias
                    take(item)
                else:
                    self.problems.at_item(
                        self.doc, seq, position,
                        lambda item=item, expected=expected: _(expected).format(value=describe(item)),
                    )
        References(self).check()
        export = Export(self.clients, self.contacts, tuple(r for r, _ in self.relations), source, exported)
        # The indexes planning looks people up in, built once per load, so
        # that planning a scenario costs what the people involved cost.
        export.contacts_by_client, export.children, export.relations_of
        return export

    # -- one record each; the reader calls these for every record --

    def client(self, m: Mapping):
        record = self.record(CLIENT, m)
        if record is not None:
            self.file_client(record)
        return DONE

    def file_client(self, record: Client) -> None:
        self.clients[record.id] = record

    def contact(self, m: Mapping):
        record = self.record(CONTACT, m)
        if record is not None:
            self.file_contact(record)
        return DONE

    def file_contact(self, record: Contact) -> None:
        self.contacts[record.id] = record
        # Clients usually come first: a reference to one already read is
        # settled now; anything else waits for check_contact_references().
        clients = self.clients
        if record.client not in clients:
            self.unsettled.append(record)
        elif record.main is not None:
            target = clients.get(record.main)
            if target is None or target.type != PERSON:
                self.unsettled.append(record)

    def restored(self, clients: list[tuple], contacts: list[tuple], shift: int) -> None:
        """Take in records that another process read from further down the
        same file (:mod:`planner.load.export_split`): each as :attr:`RecordKind.values`
        gave it, its line ``shift`` lines further down. Only a quick read
        does this, so a duplicate id only needs noting: the careful read
        that follows says where."""
        assert self.problems.quick
        nodes = self.nodes
        for kind, taken, file in ((CLIENT, clients, self.file_client), (CONTACT, contacts, self.file_contact)):
            restore = kind.restore
            for values in taken:
                record = restore(values, shift)
                if record.id in nodes:
                    self.problems.found = True
                nodes[record.id] = None
                file(record)

    def record(self, kind: RecordKind, m: Mapping):
        """One record read through its kind's table; None when it has errors
        (reported) or its id is taken."""
        idx = m.index
        ym = m.ymark
        record = None
        if idx.keys() <= kind.keyset:
            record = kind.read_common(idx, ym.line + 1, ym.column + 1, self.links)
        if record is None:
            before = len(self.problems)
            values = self.careful(kind, m)
            cid = values[0]
            if len(self.problems) != before:
                if cid is not None:
                    if cid in self.nodes:
                        self.duplicate_id(m, cid)
                    else:
                        self.nodes[cid] = m if self.keep else None
                        self.broken[cid] = kind.name
                return None
            record = kind.model(*values, ym.line + 1, ym.column + 1)
        nodes = self.nodes
        if record.id in nodes:
            self.duplicate_id(m, record.id)
            return None
        nodes[record.id] = m if self.keep else None
        return record

    def careful(self, kind: RecordKind, m: Mapping) -> list:
        """A record's field values, each field checked and reported when wrong."""
        idx = m.index
        cid = idx.get("id")
        sound = cid.__class__ is str and cid
        if not idx.keys() <= kind.keyset:
            self.checks.keys(m, kind.keys, kind.what(cid if sound else None))
        if not sound:
            cid = self.checks.ident(m, "id", kind.what(None))
        what = kind.what(cid)
        values = []
        for field in kind.fields:
            raw = idx.get(field.name)
            holds = field.holds
            if holds is TEXT:
                if raw is None:
                    value = cid if field.default is SAME_AS_ID else field.default
                elif raw.__class__ is str:
                    value = raw
                else:
                    value = self.checks.text(m, field.name, what)
            elif holds is FLAG:
                value = field.default if raw is None else FLAGS.get(raw)
                if value is None:
                    value = self.checks.flag(m, field.name, what, field.default)
            elif holds is ID:
                if field.name == "id":
                    value = cid
                elif raw.__class__ is str and raw or raw is None and not field.required:
                    value = raw
                else:
                    value = self.checks.ident(m, field.name, what, field.required)
            elif holds is CLIENT_TYPE:
                value = TYPES.get(raw)
                if value is None:
                    value = self.checks.words(m, "type", what, TYPE_WORDS, _(TYPE_EXPECTED))
            elif holds is DATE:
                value = raw
                if raw is not None and (raw.__class__ is not str or not real_date(raw)):
                    value = self.checks.date(m, field.name, what)
            else:
                assert holds is LINKS, holds
                value = field.default if raw is None else self.links_of(m, raw, what)
            values.append(value)
        return values

    def links_of(self, m: Mapping, raw, what: str) -> tuple:
        """The Beheer tab's other links, in a canonical order; exports repeat
        a few combinations, so each is worked out once."""
        key = tuple(raw.index.items()) if raw.__class__ is Mapping else None
        found = self.links.get(key) if key is not None else None
        if found is not None:
            return found
        before = len(self.problems)
        node = self.checks.mapping(m, "integrations", what)
        if node is None:
            return ()
        values = {}
        for name in node.index:
            if name not in INTEGRATIONS:
                self.checks.unknown_key(node, name, INTEGRATIONS, of("integrations", what))
                continue
            value = self.checks.flag(node, name, of("integrations", what), None)
            if value is not None:
                values[name] = value
        # Canonical order, so that two exports that say the same are equal.
        found = tuple((name, values[name]) for name in INTEGRATIONS if name in values)
        if len(self.problems) == before:
            self.links[key] = found
        return found

    def duplicate_id(self, m: Mapping, cid: str) -> None:
        def message() -> str:
            first = self.nodes[cid]
            kind = "client" if cid in self.clients else "contact" if cid in self.contacts else self.broken[cid]
            message = (
                _("duplicate id {id}: already used by the client at line {line}; "
                  "ids are unique across clients and contacts")
                if kind == "client"
                else _("duplicate id {id}: already used by the contact at line {line}; "
                       "ids are unique across clients and contacts")
            )
            return message.format(id=shown(cid), line=first.ymark.line + 1)

        self.problems.at_value(self.doc, m, "id", message)

    def relation(self, m: Mapping):
        checks = self.checks
        before = len(self.problems)
        idx = m.index
        kind = idx.get("type")
        keys = RELATION_KEYS.get(kind)
        if keys is None:
            kind = checks.choice(m, "type", _("a relation"), tuple(RELATION_KEYS), None)
            if kind is None:
                return DONE
            keys = RELATION_KEYS[kind]
        what = relation_what(kind)
        if not idx.keys() <= set(keys):
            checks.keys(m, keys, what)
        mark = self.doc.mark(m.ymark)
        if kind == "partner":
            persons = checks.sequence(m, "persons", what, required=True)
            ids = () if persons is None else tuple(checks.ids(persons, of("persons", what), _("an id")))
            if persons is not None and len(persons.items) != 2:
                count = len(persons.items)
                self.problems.at_value(
                    self.doc, m, "persons",
                    n_("{place} lists {n} id; expected exactly two", "{place} lists {n} ids; expected exactly two",
                       count).format(place=of("persons", what), n=number(count)),
                )
            relation = Relation(kind, persons=ids, mark=mark)
        else:
            named = {key: checks.ident(m, key, what) for key in keys if key not in ("type", "role")}
            role = idx.get("role")
            if role is not None and role not in WWFT_ROLES:
                role = checks.choice(m, "role", what, WWFT_ROLES, None)
            relation = Relation(kind, role=role, mark=mark, **named)
        if len(self.problems) == before:
            self.relations.append((relation, m))
        return DONE
