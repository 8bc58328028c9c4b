"""A small, strict YAML reader built straight on the parser's event stream.

The planner's inputs are plain data written by people: mappings, lists and
text. This reader turns one YAML document into exactly that and nothing more:

* a scalar stays the text that was written (``0012``, ``010``, ``1e3`` and
  ``yes`` are all text; the loader decides what a field means), except that a
  plain ``~``, ``null`` or empty value is ``None``, "no value";
* a mapping is a :class:`Mapping`, a list a :class:`Sequence`; both keep the
  place in the file of every key and every value, so any later complaint can
  name a line and column.

It refuses what such files never need and what makes YAML dangerous or
ambiguous: explicit tags (``!!python/object``, ``!foo``, even ``!!str``;
nothing is ever constructed from a tag), merge keys (``<<``), duplicate keys,
more than one document, nesting deeper than :data:`MAX_DEPTH`, and aliases
that would expand the document beyond :func:`alias budget <_alias_budget>`
("billion laughs"). Bytes are decoded here, before the parser sees them, so
that an encoding error names a line and column too.

Speed matters (exports have 100,000 contacts): the builder is one flat loop
over events with an inner loop for the common case (scalar keys and values
alternating in a mapping); scalars are stored as the parser's own ``str``
objects rather than wrapped; the parser's mark objects are kept as they are
and only turned into :class:`~planner.text.errors.Mark` when a message needs
one; and a caller may ask for a quick read that keeps no marks at all (see
:func:`read`). The builder is iterative, so no input can exhaust Python's
recursion limit.
"""

from __future__ import annotations

import codecs
import re
from collections import deque

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from planner.load.yaml.syntax import PROBLEMS, parser_context, parser_problem, reason
from planner.text.errors import InputError, Mark, Problem
from planner.text.messages import _
from planner.text.typography import number, quoted, shown

#: Deepest nesting accepted. The deepest thing the formats hold is about five
#: levels (scenario > events > event > leave > clients > id); 50 leaves ample
#: room while keeping every walk over the tree trivially cheap.
MAX_DEPTH = 50

#: Nodes that aliases may add on top of the document's own nodes. See
#: :func:`_alias_budget`.
ALIAS_ALLOWANCE = 100_000
#: Characters that aliases may add on top of the document's own: aliasing one
#: long text many times costs no nodes but grows every message and copy of it.
ALIAS_TEXT_ALLOWANCE = 1_000_000

#: Plain scalars that mean "no value" (YAML's null). Quoted, they are text.
NULLS = frozenset(("", "~", "null", "Null", "NULL"))

_NOKEY = object()  # the mapping being built expects a key next
_SKIP = object()  # the pending key was refused: drop the value that follows

if getattr(yaml, "__with_libyaml__", False):  # pragma: no branch
    from yaml.cyaml import CParser as _CParser
else:  # pragma: no cover - exercised only without libyaml
    _CParser = None


class _NeedMarks(Exception):
    """A quick read (``keep_marks=False``) met something to report: it stops
    there, and :func:`read` says so in ``Document.needs_marks``."""


def _no_marks():
    return LookupError("this read kept no marks: read again with keep_marks=True to report")


class Mapping:
    """A YAML mapping: ``index`` maps each key's text to its value.

    Values are ``str``, ``None`` (no value), :class:`Mapping` or
    :class:`Sequence`. ``marks`` holds, in the order of ``index``, each
    key's mark followed by its value's mark; ``ymark`` is where the mapping
    starts. Marks are the parser's own 0-based objects, turned into
    :class:`~planner.text.errors.Mark` by :meth:`Document.mark` when a message
    needs one (a flat list is the cheapest thing to fill per pair).
    """

    # ``positions`` is filled only when a message first asks where a key is
    # (see _position); the reader never sets it.
    __slots__ = ("index", "marks", "ymark", "positions")

    def __init__(self, index: dict, marks: list, ymark) -> None:
        self.index = index
        self.marks = marks
        self.ymark = ymark

    def _position(self, key: str) -> int:
        if self.marks.__class__ is not list:
            raise _no_marks()
        try:
            positions = self.positions
        except AttributeError:
            # Built once: a mapping with 40,000 unknown keys asks 40,000 times.
            positions = self.positions = {k: n for n, k in enumerate(self.index)}
        return positions[key]

    def key_ymark(self, key: str):
        return self.marks[2 * self._position(key)]

    def value_ymark(self, key: str):
        return self.marks[2 * self._position(key) + 1]


class Sequence:
    """A YAML list: ``items`` and, at the same positions, their ``marks``."""

    __slots__ = ("items", "marks", "ymark")

    def __init__(self, items: list, marks: list, ymark) -> None:
        self.items = items
        self.marks = marks
        self.ymark = ymark

    def item_ymark(self, position: int):
        if self.marks.__class__ is not list:
            raise _no_marks()
        return self.marks[position]


class Document:
    """One file's document: its ``root`` value, filled in by :func:`read`.

    ``needs_marks``: a quick read stopped at something to report, and the
    file must be read again with marks. ``aliased``: the document used an
    alias (its size once expanded then counts against the alias budget).
    """

    __slots__ = ("name", "root", "root_ymark", "needs_marks", "aliased")

    def __init__(self, name: str) -> None:
        self.name = name
        self.root = None
        self.root_ymark = None
        self.needs_marks = False
        self.aliased = False

    def mark(self, ymark) -> Mark:
        """The parser's 0-based mark as a 1-based :class:`Mark` in this file."""
        return Mark(self.name, ymark.line + 1, ymark.column + 1)


def read(
    data: bytes,
    doc: Document,
    expected: str,
    problems: list[Problem],
    records: dict | None = None,
    keep_marks: bool = True,
) -> Document:
    """Parse ``data``, the bytes of file ``doc.name``, into ``doc.root``.

    ``expected`` completes the message for an empty file ("the file is
    empty; expected <expected>"), in the active language. Problems that still leave a usable tree
    (a duplicate key, a tag, a merge key) are appended to ``problems`` and
    reading goes on, so that the loader can report them together with its
    own; anything that stops reading raises :class:`InputError` carrying
    ``problems`` gathered so far as well.

    ``records`` maps a key of the top-level mapping to a function: each
    mapping written directly in the list under that key is handed to the
    function as soon as it is complete, and the list keeps what the function
    returns instead. The loader checks a record while it is fresh this way,
    rather than walking a 100,000-record tree a second time.

    With ``keep_marks=False`` the marks of keys, values and list items are
    not kept (containers keep their own), which makes reading a big export
    markedly faster; a problem of the reader's own then stops reading and
    sets ``doc.needs_marks``, for the caller to read again with marks.
    """
    # UTF-8 (with or without its BOM) goes to the parser as bytes, which it
    # reads directly: no decoded copy of a 22 MB export is made. UTF-16 is
    # decoded here first. Only a problem to report needs the text (decode()).
    source = data if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else decode(data, doc.name)
    try:
        _TreeBuilder(doc, problems, data, source, records or {}, keep_marks).parse(expected)
    except _NeedMarks:
        doc.needs_marks = True
    return doc


def decode(data: bytes, name: str) -> str:
    """The text of a file: UTF-8 (BOM optional) or UTF-16 with a BOM."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data, name, len(codecs.BOM_UTF8))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if data.startswith(codecs.BOM_UTF32_LE):
            raise InputError(Problem(Mark(name, 1, 1), _("the file is UTF-32; save it as UTF-8")))
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            # The character count before a bad UTF-16 unit is its byte offset / 2.
            good = data[: error.start - error.start % 2].decode("utf-16")
            line, col = _line_col(good, len(good))
            raise InputError(
                Problem(
                    Mark(name, line, col),
                    _("the file is not valid UTF-16 ({reason}); save it as UTF-8").format(
                        reason=reason(error.reason)
                    ),
                )
            ) from None
    return _decode_utf8(data, name, 0)


def _decode_utf8(data: bytes, name: str, start: int) -> str:
    try:
        return data[start:].decode("utf-8") if start else data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = start + error.start
        line = data.count(b"\n", 0, bad) + 1
        line_start = max(data.rfind(b"\n", 0, bad) + 1, start)
        col = len(data[line_start:bad].decode("utf-8")) + 1
        raise InputError(
            Problem(
                Mark(name, line, col),
                _(
                    "the file is not valid UTF-8 (byte {byte}: {reason}); save it as UTF-8 "
                    "(an export saved as Windows-1252 or Latin-1 looks like this)"
                ).format(byte=f"0x{data[bad]:02X}", reason=reason(error.reason)),
            )
        ) from None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _alias_budget(own_nodes: int) -> int:
    """How many nodes aliases may add when the document itself has ``own_nodes``.

    Everything after reading walks the tree as if aliases were expanded, so
    the expanded size is what costs time. Allowing aliases to add as many
    nodes as the document holds, plus a constant, keeps that work linear in
    the size of the file (a shared ``integrations`` mapping reused by every
    client of a big export still fits), while the exponential growth of a
    "billion laughs" file passes the constant within a few dozen lines.
    """
    return ALIAS_ALLOWANCE + own_nodes


# YAML's printable set (YAML 1.1 §5.1): what the parser accepts as input.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

_TAG_PREFIX = "tag:yaml.org,2002:"


def _show_tag(tag: str) -> str:
    if tag.startswith(_TAG_PREFIX):
        return "!!" + tag[len(_TAG_PREFIX) :]
    return tag


def _show_key(key) -> str:
    """A key as a message quotes it (as planner.load.yaml.problems.shown does)."""
    return shown(key, 40)


def _show_anchor(sign: str, anchor: str) -> str:
    """An alias (``*name``) or an anchor (``&name``) as a message quotes it."""
    return shown(sign + anchor, 40)


class _TreeBuilder:
    """Builds the tree of one document from parser events, without recursion."""

    def __init__(
        self, doc: Document, problems: list[Problem], data: bytes, source, records: dict, keep_marks: bool
    ) -> None:
        self.keep_marks = keep_marks
        self.doc = doc
        self.name = doc.name
        self.problems = problems
        # When reading stops half-way, what the loader found in the records
        # read so far may be an artefact of the cut; keep only the problems
        # from before this read and the reader's own.
        self.before = list(problems)
        self.own: list[Problem] = []
        self.data = data
        self.source = source  # what the parser reads: the bytes, or the text of UTF-16
        self._text = source if source.__class__ is str else None
        self.records = records
        self.anchors: dict[str, tuple[object, int]] = {}
        self.open_anchors: list[str] = []
        self.key_positions: dict[int, tuple] = {}  # see _key_position
        self.alias_text = 0  # characters that aliases added so far

    @property
    def text(self) -> str:
        """The file's text, for a message about a character; decoding it
        reports invalid UTF-8 at its line and column (InputError)."""
        if self._text is None:
            self._text = decode(self.data, self.name)
        return self._text

    def mark(self, ymark) -> Mark:
        return Mark(self.name, ymark.line + 1, ymark.column + 1)

    def add(self, ymark, message: str) -> None:
        self.need_marks()
        problem = Problem(self.mark(ymark), message)
        self.problems.append(problem)
        self.own.append(problem)

    def stop(self, problem: Problem | None = None) -> InputError:
        """The error that ends reading, with ``problem`` as its last word."""
        return InputError(self.before + self.own + ([problem] if problem else []))

    def need_marks(self) -> None:
        if not self.keep_marks:
            raise _NeedMarks

    def fatal(self, ymark, message: str) -> InputError:
        self.add(ymark, message)
        return self.stop()

    def parse(self, expected: str) -> None:
        if _CParser is not None:
            parser = _CParser(self.source)
        else:  # pragma: no cover - exercised only without libyaml
            parser = yaml.SafeLoader(self.source)
        try:
            self._build(parser.get_event, expected)
        except yaml.MarkedYAMLError as error:
            raise self.stop(self._syntax_problem(error)) from None
        except yaml.reader.ReaderError as error:
            raise self.stop(self._reader_problem(error)) from None
        except yaml.YAMLError as error:  # pragma: no cover - no known input gets here
            raise self.stop(
                Problem(Mark(self.name, 1, 1), _("not readable as YAML: {error}").format(error=error))
            ) from None
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose is not None:
                dispose()

    # This loop is the hot path of loading a 100,000-contact export. Most
    # events are scalars that alternate key, value, key, value inside a
    # mapping, so that case has its own inner loop that does nothing but
    # store pairs; every other event goes through the outer dispatch, and
    # rare cases (tags, anchors, aliases, refused keys) leave through a
    # method call. Everything touched per scalar is a local variable.
    def _build(self, get_event, expected: str) -> None:  # noqa: C901 - one loop on purpose
        source = self.source
        # Tags need '!' and anchors '&': a file without either (every export
        # in practice) skips looking for them on each scalar.
        if source.__class__ is bytes:
            extras = b"!" in source or b"&" in source
            merges = b"<<" in source
        else:
            extras = "!" in source or "&" in source
            merges = "<<" in source
        records = self.records
        # A quick read appends marks to a sink that keeps nothing, so that
        # the rare paths below are the same in both modes; only the pair
        # loop tests ``keep``, to save the call.
        keep = self.keep_marks
        sink = None if keep else deque(maxlen=0)
        nokey, skip, nulls = _NOKEY, _SKIP, NULLS
        stack: list[tuple] = []
        node = None  # the container being built
        index = None  # its dict when it is a mapping
        items = None  # its list when it is a sequence
        marks = None  # its list of marks
        key = nokey  # a mapping's pending key, or nokey when a key comes next
        convert = None  # the records function for the items of this list
        depth = 0
        own = 0  # nodes written in the document, counted as containers close
        total = 0  # the same plus the nodes that aliases add
        root = nokey
        root_ymark = None
        documents = 0

        event = get_event()
        while True:
            cls = event.__class__
            if cls is ScalarEvent:
                if index is not None:
                    if key is not nokey:  # the value of a pending key
                        if extras and (event.tag is not None or event.anchor is not None):
                            self._scalar_extras(event)
                        if key is not skip:
                            value = event.value
                            if value in nulls and not event.style:
                                value = None
                            index[key] = value
                            marks.append(event.start_mark)
                        key = nokey
                        event = get_event()
                        if event.__class__ is not ScalarEvent:
                            continue
                    # key, value, key, value ... while both are scalars
                    while True:
                        if extras and (event.tag is not None or event.anchor is not None):
                            self._scalar_extras(event)
                        key = event.value
                        if key in index or (merges and key == "<<"):
                            key = self._refused_key(key, event, index, marks)
                            if key is skip:
                                event = get_event()
                                break
                        if keep:
                            marks.append(event.start_mark)
                        event = get_event()
                        if event.__class__ is not ScalarEvent:
                            break
                        if extras and (event.tag is not None or event.anchor is not None):
                            self._scalar_extras(event)
                        value = event.value
                        if value in nulls and not event.style:
                            value = None
                        index[key] = value
                        if keep:
                            marks.append(event.start_mark)
                        event = get_event()
                        if event.__class__ is not ScalarEvent:
                            key = nokey
                            break
                    continue
                if extras and (event.tag is not None or event.anchor is not None):
                    self._scalar_extras(event)
                value = event.value
                if value in nulls and not event.style:
                    value = None
                if items is not None:
                    items.append(value)
                    marks.append(event.start_mark)
                else:
                    root, root_ymark = value, event.start_mark
                    own += 1
                    total += 1
                event = get_event()
                continue

            if cls is MappingEndEvent or cls is SequenceEndEvent:
                child = node
                size = len(marks) + 1
                own += size
                total += size
                node, index, items, marks, key, convert, anchor = stack.pop()
                depth -= 1
                if anchor is not None:
                    self.open_anchors.pop()
                    name, nodes_before, text_before, start = anchor
                    # Its text: what it spans in the file, and what aliases in it add.
                    span = event.start_mark.index - start + self.alias_text - text_before
                    self.anchors[name] = (child, total - nodes_before, span)
                if index is not None:
                    if key is nokey:  # the container was a key: refused at its start
                        key = skip
                    else:
                        if key is not skip:
                            index[key] = child
                            marks.append(child.ymark)
                        key = nokey
                elif items is not None:
                    marks.append(child.ymark)
                    if convert is not None and cls is MappingEndEvent:
                        child = convert(child)
                    items.append(child)
                else:
                    root, root_ymark = child, child.ymark
                event = get_event()
                continue

            if cls is MappingStartEvent or cls is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    raise self.fatal(
                        event.start_mark,
                        _(
                            "nesting deeper than {depth} levels; "
                            "these files need only a few levels of lists and mappings"
                        ).format(depth=MAX_DEPTH),
                    )
                anchor = None
                if event.tag is not None or event.anchor is not None:
                    anchor = self._container_extras(event, total)
                if index is not None and key is nokey:
                    self.add(
                        event.start_mark,
                        _("a key must be plain text, not a mapping")
                        if cls is MappingStartEvent
                        else _("a key must be plain text, not a list"),
                    )
                stack.append((node, index, items, marks, key, convert, anchor))
                if cls is MappingStartEvent:
                    node = Mapping({}, sink if sink is not None else [], event.start_mark)
                    index, items, marks = node.index, None, node.marks
                    convert = None
                else:
                    node = Sequence([], sink if sink is not None else [], event.start_mark)
                    # A list directly under a key of the top-level mapping
                    # may be a list of records (see read()).
                    convert = records.get(key) if depth == 2 and index is not None else None
                    index, items, marks = None, node.items, node.marks
                key = nokey
                event = get_event()
                continue

            if cls is AliasEvent:
                self.doc.aliased = True
                value, size, text_size = self._alias(event)
                total += size
                self.alias_text += text_size
                if self.alias_text > ALIAS_TEXT_ALLOWANCE + len(source):
                    raise self.fatal(
                        event.start_mark,
                        _(
                            "alias {alias} makes the document longer than {count} characters once "
                            "aliases are expanded; refused (repeating a long text through aliases "
                            "is a known attack)"
                        ).format(
                            alias=_show_anchor("*", event.anchor),
                            count=number(ALIAS_TEXT_ALLOWANCE + len(source)),
                        ),
                    )
                if total - own > _alias_budget(own):
                    raise self.fatal(
                        event.start_mark,
                        _(
                            "alias {alias} makes the document larger than {count} nodes once "
                            "aliases are expanded; refused (aliases that multiply like this are "
                            "a known attack, {name})"
                        ).format(
                            alias=_show_anchor("*", event.anchor),
                            count=number(_alias_budget(own) + own),
                            name=quoted("billion laughs"),
                        ),
                    )
                if index is not None:
                    if key is nokey:
                        if value.__class__ is not str:
                            self.add(event.start_mark, _("a key must be plain text"))
                            key = skip
                        elif value in index or value == "<<":
                            key = self._refused_key(value, event, index, marks)
                        else:
                            key = value
                        if key is not skip:
                            marks.append(event.start_mark)
                    else:
                        if key is not skip:
                            index[key] = value
                            marks.append(event.start_mark)
                        key = nokey
                elif items is not None:
                    items.append(value)
                    marks.append(event.start_mark)
                else:
                    root, root_ymark = value, event.start_mark
                event = get_event()
                continue

            if cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fatal(
                        event.start_mark,
                        _("a second YAML document starts here; expected exactly one document per file"),
                    )
            elif cls is StreamEndEvent:
                break
            # StreamStartEvent, DocumentEndEvent: nothing to do.
            event = get_event()

        if root is nokey:
            raise self.stop(
                Problem(Mark(self.name, 1, 1), _("the file is empty; expected {expected}").format(expected=expected))
            )
        self.doc.root = root
        self.doc.root_ymark = root_ymark

    # -- the rare cases ------------------------------------------------------

    def _refuse_tag(self, event) -> None:
        self.add(
            event.start_mark,
            _(
                "explicit YAML tags are not supported ({tag}); write plain values, quoted if they must stay text"
            ).format(tag=shown(_show_tag(event.tag), 40)),
        )

    def _scalar_extras(self, event) -> None:
        if event.tag is not None:
            self._refuse_tag(event)
        if event.anchor is not None:
            value = event.value
            if value in NULLS and not event.style:
                value = None
            self.anchors[event.anchor] = (value, 1, len(value) if value else 0)

    def _container_extras(self, event, count: int):
        if event.tag is not None:
            self._refuse_tag(event)
        if event.anchor is None:
            return None
        self.open_anchors.append(event.anchor)
        return (event.anchor, count, self.alias_text, event.start_mark.index)

    def _alias(self, event):
        found = self.anchors.get(event.anchor)
        if found is not None and event.anchor not in self.open_anchors:
            return found
        if event.anchor in self.open_anchors:
            self.add(
                event.start_mark,
                _(
                    "alias {alias} is inside the node {anchor} it refers to; recursive structures are not supported"
                ).format(alias=_show_anchor("*", event.anchor), anchor=_show_anchor("&", event.anchor)),
            )
        else:
            self.add(
                event.start_mark,
                _("alias {alias} refers to no anchor; expected {anchor} earlier in the file").format(
                    alias=_show_anchor("*", event.anchor), anchor=_show_anchor("&", event.anchor)
                ),
            )
        return None, 1, 0

    def _refused_key(self, value: str, event, index: dict, marks: list):
        if value == "<<" and not getattr(event, "style", None):
            self.add(
                event.start_mark,
                _("merge keys ({key}) are not supported; write the keys out in full").format(key=quoted("<<")),
            )
            return _SKIP
        if value in index:
            self.need_marks()
            first = marks[2 * self._key_position(index, value)]
            self.add(
                event.start_mark,
                _(
                    "duplicate key {key}: it is already at line {line} (column {column}); "
                    "each key may appear once in a mapping"
                ).format(key=_show_key(value), line=first.line + 1, column=first.column + 1),
            )
            return _SKIP
        return value  # a quoted "<<" is an ordinary key

    def _key_position(self, index: dict, key: str) -> int:
        """Where ``key`` stands in a mapping being built: counted once per key,
        so a mapping of 40,000 duplicate keys is not scanned 40,000 times."""
        entry = self.key_positions.get(id(index))
        if entry is None or entry[0] is not index:
            entry = self.key_positions[id(index)] = (index, {}, [0])
        _index, positions, counted = entry
        if key not in positions:
            # Only the keys added since the last count: the dict's newest ones.
            size = len(index)
            for offset, known in enumerate(reversed(index)):
                if offset == size - counted[0]:
                    break
                positions[known] = size - 1 - offset
            counted[0] = size
        return positions[key]

    # -- errors from the parser ----------------------------------------------

    def _char_at(self, ymark) -> str | None:
        index = getattr(ymark, "index", None)
        if index is None or not 0 <= index < len(self.text):
            return None
        return self.text[index]

    def _syntax_problem(self, error: yaml.MarkedYAMLError) -> Problem:
        mark = error.problem_mark or error.context_mark
        raw = error.problem or ""
        found = self._char_at(mark) if mark is not None else None
        if "cannot start any token" in raw and found is not None:
            if found == "\t":
                problem = _("found a tab character where YAML expects spaces; indent with spaces, not tabs")
            else:
                problem = _("found character {char} that cannot start a value; quote the value if it is text").format(
                    char=shown(found, 40)
                )
        elif raw in PROBLEMS or not raw:
            problem = parser_problem(raw) if raw else _("not valid YAML")
        else:  # a parser's wording this module does not know: as it is
            problem = raw + (_("; indent with spaces, not tabs") if "tab" in raw else "")
        if error.context:
            context = parser_context(error.context)
            cmark = error.context_mark
            if cmark is not None and (mark is None or (cmark.line, cmark.column) != (mark.line, mark.column)):
                context = _("{context} that starts at line {line}, column {column}").format(
                    context=context, line=cmark.line + 1, column=cmark.column + 1
                )
            problem = _("{problem} ({context})").format(problem=problem, context=context)
        where = self.mark(mark) if mark is not None else Mark(self.name, 1, 1)
        return Problem(where, problem)

    def _reader_problem(self, error: yaml.reader.ReaderError) -> Problem:
        # libyaml reports a byte offset into its own UTF-8 copy; find the
        # character ourselves so that the column counts characters.
        found = _NOT_PRINTABLE.search(self.text)
        if found is None:  # pragma: no cover - the parser and the regex agree
            return Problem(Mark(self.name, 1, 1), _("not readable as YAML: {error}").format(error=error.reason))
        line, col = _line_col(self.text, found.start())
        char = found.group()
        return Problem(
            Mark(self.name, line, col),
            _(
                "character {code} is not allowed in a YAML file "
                "(control characters other than tab and line breaks are refused)"
            ).format(code=f"U+{ord(char):04X}"),
        )
