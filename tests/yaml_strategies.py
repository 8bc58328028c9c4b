"""Hypothesis strategies that write an AuditCase export and a scenario as YAML text.

tests/strategies.py builds the planner's model objects directly, with ids
``K0``, ``P0`` and ``C0``; nothing there goes through the YAML a firm
actually writes. These strategies produce the files themselves:

* an export with a few companies (Klant-Bedrijf), person clients
  (Klant-Persoon) and contacts, flags spelled every way the formats allow
  (``true``/``Nee``/``YES``/``jA``), some records ended, ``main`` links to a
  person client or an earlier contact (never a company, never a cycle);
* ids of many shapes: ``0012`` and ``010``, ``10003``, ids that extend
  another (``10003`` and ``10003-1``, ``P1`` and ``P1@C0``), ``@``, ``-``,
  spaces, ``José``, ``P²``, 120-character ids, a run of thousands of
  digits, and ids that look like YAML's specials (``yes``, ``1e3``, and
  ``null`` or ``~`` only quoted);
* block or flow style, each id plain where YAML keeps it as the same text
  (see :func:`plain_is_safe`) or quoted;
* a scenario of one to three events that may name the same person, with
  the export inline or in a file named by ``export:``.

Each example is a :class:`Case`: the texts, and the same office and request
as plain Python (:class:`Office`, dicts), so that a test can compute what
the portal does without reading the YAML with the product's own code.
Only requests the formats spec calls valid are generated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from hypothesis import strategies as st

COMPANY, PERSON = "company", "person"

# -- writing one scalar --------------------------------------------------------

#: Plain scalars the project's reader takes as "no value" rather than text.
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
#: Characters that may not start a plain scalar (YAML indicators).
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Characters that end or split a plain scalar inside a flow collection.
FLOW_BREAKERS = frozenset(",[]{}?:#")
#: What YAML accepts in a file at all, less the characters it reads as line
#: breaks or a byte-order mark (YAML 1.1 §5.1 and §5.4).
_PRINTABLE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)


def plain_is_safe(text: str, flow: bool = False) -> bool:
    """Whether ``text`` written unquoted reads back as exactly ``text``.

    Conservative: it may quote what YAML would keep, never the reverse.
    ``flow`` is for a value inside ``[...]`` or ``{...}``.
    """
    if text in NULL_WORDS or not _PRINTABLE.fullmatch(text):
        return False
    if text != text.strip(" ") or text[0] in INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(char in FLOW_BREAKERS for char in text):
        return False
    return True


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, escaping what must be escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _PRINTABLE.fullmatch(char):
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def single_quoted(text: str) -> str | None:
    """``text`` as a YAML single-quoted scalar, or None where that cannot say it."""
    if not _PRINTABLE.fullmatch(text) or text != text.strip(" "):
        return None
    return "'" + text.replace("'", "''") + "'"


def scalar(text: str, how: str, flow: bool) -> str:
    """``text`` written ``how`` ("plain", "single", "double"), falling back to
    double quotes where the style asked for cannot keep the text."""
    if how == "plain" and plain_is_safe(text, flow):
        return text
    if how == "single":
        quoted = single_quoted(text)
        if quoted is not None:
            return quoted
    return double_quoted(text)


# -- the office as plain data ----------------------------------------------------


@dataclass(frozen=True)
class Office:
    """An export as plain data, in file order.

    ``clients``: dicts with id, name (or None), type (company/person),
    client_online, ended. ``contacts``: dicts with id, client, name (or
    None), main (or None), client_online, ended.
    """

    clients: tuple[dict, ...]
    contacts: tuple[dict, ...]

    @property
    def client_ids(self) -> dict[str, dict]:
        return {c["id"]: c for c in self.clients}

    @property
    def contact_ids(self) -> dict[str, dict]:
        return {c["id"]: c for c in self.contacts}

    def is_company(self, record: str) -> bool:
        found = self.client_ids.get(record)
        return found is not None and found["type"] == COMPANY

    def client_of(self, record: str) -> str:
        contact = self.contact_ids.get(record)
        return record if contact is None else contact["client"]

    def root(self, record: str) -> str:
        """Follow main links to the end: the person, one login."""
        contacts = self.contact_ids
        while record in contacts and contacts[record]["main"] is not None:
            record = contacts[record]["main"]
        return record

    def tree(self, top: str) -> list[str]:
        """``top`` and every record whose main links lead to it."""
        return [r for r in [*self.client_ids, *self.contact_ids] if self.root(r) == top]

    def people(self) -> list[str]:
        """Every record an event may name as a person: person clients and contacts."""
        return [c["id"] for c in self.clients if c["type"] == PERSON] + [c["id"] for c in self.contacts]

    def contact_clients(self, person: str) -> list[str]:
        """The klanten where the person (the tree of its root) has a contact record."""
        contacts = self.contact_ids
        found = [contacts[r]["client"] for r in self.tree(self.root(person)) if r in contacts]
        return list(dict.fromkeys(found))

    def after(self, action: str, target: str, main: str | None = None) -> Office:
        """The export as AuditCase gives it after staff did one step
        (``main``: the main person a ``link`` names)."""
        clients, contacts = list(self.clients), list(self.contacts)
        if action in ("client_off", "client_on"):
            on = action == "client_on"
            clients = [{**c, "client_online": on} if c["id"] == target else c for c in clients]
        elif action in ("contact_off", "contact_on"):
            on = action == "contact_on"
            contacts = [{**c, "client_online": on} if c["id"] == target else c for c in contacts]
        elif action in ("unlink", "link"):
            contacts = [{**c, "main": main} if c["id"] == target else c for c in contacts]
        else:
            raise ValueError(action)
        return Office(tuple(clients), tuple(contacts))

    def naive(self) -> SimpleNamespace:
        """The shape tests/naive_portal.py reads (``clients``/``contacts`` by id),
        built from this data alone."""
        return SimpleNamespace(
            clients={
                c["id"]: SimpleNamespace(type=c["type"], client_online=c["client_online"], ended=c["ended"])
                for c in self.clients
            },
            contacts={
                c["id"]: SimpleNamespace(
                    client=c["client"], main=c["main"], client_online=c["client_online"], ended=c["ended"]
                )
                for c in self.contacts
            },
        )


# -- ids ---------------------------------------------------------------------------

SPECIALS = (
    "yes", "No", "1e3", "true", "null", "~", "0x1F", ".inf", "1_000", "2001-01-01", "on", "NULL", "+1", "-0",
)
SUFFIXES = ("-1", "@C0", "b", "1", " 2", ".1")
DIGIT_RUNS = (2_500, 4_400)


def _fresh(role: str, index: int, shape: str, pick: int) -> str:
    """A new id of ``shape``; ``pick`` chooses among that shape's forms."""
    if shape == "simple":
        return f"{role}{index}"
    if shape == "zeros":
        return (f"{index:04d}", f"0{index}0", f"00{index}")[pick % 3]
    if shape == "number":
        return str(10_000 + index)
    if shape == "punctuation":
        return (f"C-{2000 + index}", f"{role}@{index}", f"Jan {index}", f"{role}.{index}_x")[pick % 4]
    if shape == "accents":
        return (f"José{index}", f"Çelik {index}", f"Ødegård-{index}", "Zoë")[pick % 4]
    if shape == "superscript":
        return (f"{role}²", f"{role}{index}²", "³")[pick % 3]
    if shape == "long":
        return f"{role}-" + "lang" * 30 + str(index)
    if shape == "digits":
        return "9" * DIGIT_RUNS[pick % len(DIGIT_RUNS)] + str(index)
    if shape == "special":
        return SPECIALS[pick % len(SPECIALS)]
    raise ValueError(shape)


#: The shapes of a fresh id; the last three are drawn half as often as the others.
SHAPES = ("simple", "zeros", "number", "punctuation", "accents", "special", "superscript", "long", "digits")


def draw_id(draw, taken: list[str], role: str, index: int, relatives=(), simple_only=False) -> str:
    """A new id unlike those ``taken``; one that extends another (``10003-1``,
    ``P1@K0``) mostly extends a ``relative``: the record's main or klant,
    as firms number a contact after its person."""
    if simple_only:
        shapes = ["simple"]
    else:
        derived = ["derived"] * (8 if relatives else 1) if taken else []
        shapes = [*SHAPES, *SHAPES[:-3], *derived]
    shape = draw(st.sampled_from(shapes))
    pick = draw(st.integers(0, 13)) if shape != "simple" else 0
    if shape == "derived":
        base = draw(st.sampled_from([*relatives, *relatives, *relatives, *taken]))
        suffixes = [*SUFFIXES, *(f"@{r}" for r in relatives if r != base)]
        candidate = base + draw(st.sampled_from(suffixes))
    else:
        candidate = _fresh(role, index, shape, pick)
    extra = 0
    while candidate in taken:  # taken: fall back to the simple form, made unique
        candidate = f"{role}{index}" + "x" * extra
        extra += 1
    taken.append(candidate)
    return candidate


# -- the office --------------------------------------------------------------------

mostly_on = st.sampled_from([True, True, True, False])
rarely = st.sampled_from([False, False, False, False, True])
NAMES = ("Alfa Bouw B.V.", "Piet de Vries", "José Çelik", "Zoë 't Hart", "Bakkerij # 1", "van Dijk: advies")


@st.composite
def offices(draw, simple_ids: bool = False, max_companies=3, max_persons=3, max_contacts=6) -> Office:
    companies = draw(st.integers(1, max_companies))
    persons = draw(st.integers(0, max_persons))
    n_contacts = draw(st.integers(0, max_contacts))
    names = st.one_of(st.none(), st.sampled_from(NAMES))
    taken: list[str] = []
    clients = []
    for position in range(companies + persons):
        kind = COMPANY if position < companies else PERSON
        clients.append(
            {
                "id": draw_id(draw, taken, "K" if kind == COMPANY else "P", position, simple_only=simple_ids),
                "name": draw(names),
                "type": kind,
                "client_online": draw(mostly_on),
                "ended": draw(rarely),
            }
        )
    person_ids = [c["id"] for c in clients if c["type"] == PERSON]
    company_ids = [c["id"] for c in clients if c["type"] == COMPANY]
    contacts: list[dict] = []
    for position in range(companies + persons, companies + persons + n_contacts):
        # mostly at a company, as in practice
        client = draw(st.sampled_from([*company_ids, *(c["id"] for c in clients)]))
        # main: none, a person client, or an earlier contact: never a cycle
        main = draw(st.sampled_from([None, *person_ids, *(c["id"] for c in contacts)]))
        relatives = [r for r in (main, client) if r is not None]
        contacts.append(
            {
                "id": draw_id(draw, taken, "C", position, relatives, simple_only=simple_ids),
                "client": client,
                "name": draw(names),
                "main": main,
                "client_online": draw(mostly_on),
                "ended": draw(rarely),
            }
        )
    return Office(tuple(clients), tuple(contacts))


# -- the request ---------------------------------------------------------------------

optional_flag = st.sampled_from([None, True, False])


@st.composite
def events_for(draw, office: Office, named: list[str]) -> dict:
    """One valid event; ``named`` are the people earlier events named, drawn
    from first so that several events often name the same person."""
    people = office.people()
    kinds = ["remove_client"]
    if people:
        # leave and revoke twice: they have the most ways to be written
        kinds += ["death", "leave", "revoke", "leave", "revoke"]
    kind = draw(st.sampled_from(kinds))
    unlink = draw(optional_flag)
    if kind == "remove_client":
        client = draw(st.sampled_from([c["id"] for c in office.clients]))
        return {"kind": kind, "client": client, "unlink": unlink}
    # people already named first, then people linked with others: what makes plans interesting
    linked = [p for p in people if len(office.tree(office.root(p))) > 1]
    person = draw(st.sampled_from([*named, *linked, *people]))
    named.append(person)
    at = office.contact_clients(person)
    if kind == "revoke":
        if at and draw(st.sampled_from([False, True, True])):
            return {"kind": kind, "person": person, "client": draw(st.sampled_from(at)), "unlink": unlink}
        if person not in office.contact_ids:
            contacts = [c["id"] for c in office.contacts]
            if not contacts:
                return {"kind": "death", "person": person, "unlink": unlink}
            person = draw(st.sampled_from(contacts))
        return {"kind": kind, "contact": person, "unlink": unlink}
    if kind == "death":
        return {"kind": kind, "person": person, "unlink": unlink}
    companies = [k for k in at if office.is_company(k)]
    clients = None
    if companies and draw(st.sampled_from([False, True, True])):
        clients = draw(st.lists(st.sampled_from(companies), min_size=1, max_size=len(companies), unique=True))
    end_client = None
    if office.root(person) in office.client_ids:  # the tree tops at a person client
        end_client = draw(optional_flag)
    return {"kind": kind, "person": person, "clients": clients, "end_client": end_client, "unlink": unlink}


@st.composite
def requests(draw, office: Office, max_events: int = 3) -> dict:
    named: list[str] = []
    events = [draw(events_for(office, named)) for _ in range(draw(st.integers(1, max_events)))]
    return {"events": events, "orphaned_clients": draw(st.sampled_from([None, "ask", "disconnect", "keep"]))}


def named_by_root(office: Office, request: dict) -> dict:
    """The same request naming each person by the top of their main-link tree
    in ``office``: once records are unlinked, the export no longer says
    which records were one person. ``leave.clients`` stays as it was."""
    events = []
    for event in request["events"]:
        if event["kind"] in ("death", "leave") or (event["kind"] == "revoke" and "person" in event):
            event = {**event, "person": office.root(event["person"])}
        events.append(event)
    return {**request, "events": events}


# -- writing the files ---------------------------------------------------------------

FLAG_SPELLINGS = (
    ("true", "false"),
    ("Ja", "Nee"),
    ("yes", "no"),
    ("TRUE", "FALSE"),
    ("ja", "nee"),
    ("Yes", "No"),
    ("jA", "nEe"),
    ("True", "False"),
    ("JA", "NEE"),
    ("yEs", "nO"),
)
TYPE_SPELLINGS = (("company", "person"), ("bedrijf", "persoon"), ("Bedrijf", "Persoon"), ("COMPANY", "PERSON"))
QUOTING = ("plain", "double", "single")
LAYOUTS = ("block", "flow-records", "flow")
EXPORT_PATHS = ("export.yaml", "exports/office.yaml", "exports/Kantoor Ü.yaml")


@dataclass(frozen=True)
class Style:
    """How a case is written; the same style rewrites the export after steps."""

    #: block: indented mappings; flow-records: each record as {...} in a block
    #: list; flow: every list as [...] on one line
    layout: str = "block"
    #: None: the export inline in the scenario; else its path relative to the scenario
    export_path: str | None = None
    #: how each id is written where it is defined, and where it is referred to
    quote_def: dict = field(default_factory=dict)
    quote_ref: dict = field(default_factory=dict)
    #: (true, false) spelling of each record's flags
    flags: dict = field(default_factory=dict)
    types: tuple[str, str] = TYPE_SPELLINGS[0]
    #: write ended: <false> when a record is not ended, rather than leave it out
    write_not_ended: bool = False


def _per_record(draw, options, records: list[str]) -> dict:
    """One of ``options`` for each record, from a single number, so that a
    failing case shrinks in one move towards ``options[0]`` everywhere."""
    base = len(options)
    number = draw(st.integers(0, base ** len(records) - 1)) if records else 0
    return {r: options[(number // base**i) % base] for i, r in enumerate(records)}


@st.composite
def styles(draw, office: Office) -> Style:
    ids = [c["id"] for c in office.clients] + [c["id"] for c in office.contacts]
    return Style(
        layout=draw(st.sampled_from(LAYOUTS)),
        export_path=draw(st.sampled_from([None, *EXPORT_PATHS])),
        quote_def=_per_record(draw, QUOTING, ids),
        quote_ref=_per_record(draw, QUOTING, ids),
        flags=_per_record(draw, FLAG_SPELLINGS, ids),
        types=draw(st.sampled_from(TYPE_SPELLINGS)),
        write_not_ended=draw(st.booleans()),
    )


SCENARIO = "scenario.yaml"


@dataclass(frozen=True)
class Case:
    """One generated request: the office and request as data, and how to write them."""

    office: Office
    request: dict
    style: Style

    @property
    def files(self) -> dict[str, str]:
        """Relative path -> text; the scenario is :data:`SCENARIO`."""
        return render(self.office, self.request, self.style)

    def resumed(self, office: Office, request: dict) -> Case:
        return replace(self, office=office, request=request)

    def __repr__(self) -> str:
        """The files, as a person reproducing a failure needs them."""
        return "\n".join(f"--- {name}\n{shorten(text)}" for name, text in self.files.items())

    def _repr_pretty_(self, printer, cycle) -> None:  # Hypothesis's pretty printer
        printer.text(repr(self))


def shorten(text: str) -> str:
    """``text`` with each run of 60 or more of one character written «c×n»."""
    return re.sub(r"(.)\1{59,}", lambda m: f"«{m[1]}×{len(m[0])}»", text)


@st.composite
def cases(draw, simple_ids: bool = False, max_events: int = 3) -> Case:
    office = draw(offices(simple_ids=simple_ids))
    request = draw(requests(office, max_events=max_events))
    return Case(office, request, draw(styles(office)))


class _Writer:
    def __init__(self, style: Style):
        self.style = style

    def ident(self, text: str, flow: bool, definition: bool = False) -> str:
        how = (self.style.quote_def if definition else self.style.quote_ref).get(text, "double")
        return scalar(text, how, flow)

    def text(self, text: str, flow: bool) -> str:
        return scalar(text, "plain", flow)

    def flag(self, record: str | None, value: bool) -> str:
        spelling = self.style.flags.get(record, FLAG_SPELLINGS[0])
        return spelling[0] if value else spelling[1]

    def mapping(self, pairs: list[tuple[str, object]], indent: int, flow: bool) -> list[str]:
        """A mapping's lines; values are written scalars, lists of them, or
        nested pair lists. ``flow``: one line, ``{...}``."""
        if flow:
            return ["{" + ", ".join(f"{k}: {self.inline(v)}" for k, v in pairs) + "}"]
        lines = []
        pad = " " * indent
        for key, value in pairs:
            if isinstance(value, list) and value and isinstance(value[0], tuple):
                lines.append(f"{pad}{key}:")
                lines.extend(self.mapping(value, indent + 2, False))
            elif isinstance(value, list):
                lines.append(f"{pad}{key}: [" + ", ".join(value) + "]")
            else:
                lines.append(f"{pad}{key}: {value}")
        return lines

    def inline(self, value) -> str:
        if isinstance(value, list) and value and isinstance(value[0], tuple):
            return self.mapping(value, 0, True)[0]
        if isinstance(value, list):
            return "[" + ", ".join(value) + "]"
        return value

    def records(self, key: str, records: list[list[tuple[str, str]]]) -> list[str]:
        layout = self.style.layout
        if layout == "flow" or not records:
            return [f"{key}: [" + ", ".join(self.mapping(r, 0, True)[0] for r in records) + "]"]
        lines = [f"{key}:"]
        for record in records:
            if layout == "flow-records":
                lines.append("  - " + self.mapping(record, 0, True)[0])
            else:
                body = self.mapping(record, 4, False)
                lines.append("  - " + body[0].lstrip())
                lines.extend(body[1:])
        return lines


def render_export(office: Office, style: Style) -> list[str]:
    """The lines of ``clients:`` and ``contacts:``, as formats.md §1 writes them."""
    w = _Writer(style)
    flow = style.layout != "block"
    clients = []
    for c in office.clients:
        pairs = [("id", w.ident(c["id"], flow, definition=True))]
        if c["name"] is not None:
            pairs.append(("name", w.text(c["name"], flow)))
        pairs.append(("type", style.types[0] if c["type"] == COMPANY else style.types[1]))
        pairs.append(("client_online", w.flag(c["id"], c["client_online"])))
        if c["ended"] or style.write_not_ended:
            pairs.append(("ended", w.flag(c["id"], c["ended"])))
        clients.append(pairs)
    contacts = []
    for c in office.contacts:
        pairs = [("id", w.ident(c["id"], flow, definition=True)), ("client", w.ident(c["client"], flow))]
        if c["name"] is not None:
            pairs.append(("name", w.text(c["name"], flow)))
        if c["main"] is not None:
            pairs.append(("main", w.ident(c["main"], flow)))
        pairs.append(("client_online", w.flag(c["id"], c["client_online"])))
        if c["ended"] or style.write_not_ended:
            pairs.append(("ended", w.flag(c["id"], c["ended"])))
        contacts.append(pairs)
    return w.records("clients", clients) + w.records("contacts", contacts)


def render_event(event: dict, w: _Writer, flow: bool) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = []
    for key in ("person", "contact", "client"):
        if event.get(key) is not None:
            pairs.append((key, w.ident(event[key], flow)))
    if event.get("clients") is not None:
        pairs.append(("clients", [w.ident(k, True) for k in event["clients"]]))
    subject = event.get("person") or event.get("contact") or event.get("client")
    for key in ("end_client", "unlink"):
        if event.get(key) is not None:
            pairs.append((key, w.flag(subject, event[key])))
    return pairs


def render(office: Office, request: dict, style: Style) -> dict[str, str]:
    """The scenario (and export file) that say ``office`` and ``request``."""
    w = _Writer(style)
    flow = style.layout != "block"
    files = {}
    lines = []
    if style.export_path is None:
        lines += render_export(office, style)
    else:
        export_lines = ["format: auditcase-export/1", *render_export(office, style)]
        files[style.export_path] = "\n".join(export_lines) + "\n"
        lines.append(f"export: {scalar(style.export_path, 'plain', False)}")
    events = [[(e["kind"], render_event(e, w, flow))] for e in request["events"]]
    if style.layout == "flow":
        lines.append("events: [" + ", ".join(w.mapping(e, 0, True)[0] for e in events) + "]")
    else:
        lines.append("events:")
        for (kind, body), in events:
            if flow:
                lines.append(f"  - {kind}: " + w.mapping(body, 0, True)[0])
            else:
                lines.append(f"  - {kind}:")
                lines.extend(w.mapping(body, 6, False))
    if request["orphaned_clients"] is not None:
        lines += ["options:", f"  orphaned_clients: {request['orphaned_clients']}"]
    files[SCENARIO] = "\n".join(lines) + "\n"
    return files
