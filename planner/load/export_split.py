"""Reading a big export on two processors: the file cut in two, one part each.

libyaml parses one document on one processor, and at 100,000 contacts that
parse is most of what a checklist costs. An export is mostly two long lists,
``clients`` and ``contacts``, whose items stand on their own; so a big export
is cut at the start of an item in the middle of one of them. A worker
process (:mod:`planner.parallel`) reads from the cut to the end, as a
document of its own that starts with the list's key, while this process
reads up to the cut and takes in its records as usual. The worker reads its
clients and contacts into records the same way and sends back their field
values, which :meth:`ExportRecords.restored
<planner.load.records.ExportRecords.restored>` takes in after this process's own;
the rest of its tree (relations, any other key) comes back as plain data,
is put back as :class:`~planner.load.yaml.reader.Mapping` and
:class:`~planner.load.yaml.reader.Sequence` after this process's, and
:meth:`ExportRecords.finish <planner.load.records.ExportRecords.finish>` takes it
in, as it does records reached through an alias.

Why the two parts read as the whole file does — and where that is not
proven, the file is read whole. The proof needs, of the file:

1. every line break a ``\n`` (or ``\r\n``): libyaml also ends a line at a
   lone ``\r``, U+0085, U+2028 and U+2029, and the worker's line numbers
   are shifted by the ``\n`` before the cut alone (:func:`outside_the_proof`);
2. no document marker (``---``, ``...``) or directive (``%``) at the start of
   a line: each part is then one document, as the whole file is, and no
   marker before the cut can end the document there;
3. no alias in either part (:attr:`Document.aliased`): the alias budget is
   the whole file's, so a part cannot be held to it alone;

and of the two parts (:func:`read`): each read without a problem, the first
ending in the list the cut is in, the second starting with it, at the same
indentation, and no top-level key in both. A cut inside a quoted text or a
flow collection leaves the first part unfinished, which its parse refuses.
Otherwise :class:`Unsplittable` is raised and the caller reads the whole
file as before; so what is loaded never depends on the cut or on the number
of processors, only how fast.

Used only for a quick read (no marks) of a file big enough for
:func:`planner.parallel.worth` ("split-read").
"""

from __future__ import annotations

import re
from collections import deque

from planner.load.records import CLIENT, CONTACT, DONE, ExportRecords
from planner.load.yaml.problems import Problems
from planner.load.yaml.reader import Document, Mapping, Sequence
from planner.load.yaml.reader import read as read_yaml
from planner.parallel import alongside
from planner.text.errors import InputError
from planner.text.suggest import IdSuggestions

#: Where in the file the cut is sought, as a share of its size: the middle
#: (this process also takes in the worker's records at the end, but the
#: worker writes them out for sending; measured, the two even out).
SHARE = 0.5

def outside_the_proof(data: bytes) -> bool:
    """Whether ``data`` holds anything the proof above does not cover (1 and
    2): then it is read whole. Byte searches (a regular expression took
    0.7 s on 22 MB, these 0.1 s), made by the worker while this process
    reads its part; a line that merely starts like a marker (``---x``) is
    read whole too."""
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return True  # a line ended by a lone CR
    if b"\xc2\x85" in data or b"\xe2\x80\xa8" in data or b"\xe2\x80\xa9" in data:
        return True  # NEL, LS, PS: line breaks to libyaml
    if data.startswith((b"---", b"...", b"%")):
        return True
    return b"\n---" in data or b"\n..." in data or b"\n%" in data


#: The lists a cut may fall in. Each must be a plain key at the start of a line.
LISTS = (b"clients", b"contacts")

# The first item of the list: blank or comment lines, then its indentation and "- ".
_FIRST_ITEM = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)-[ \r\n]")
# The list's key line: the key alone, or with a comment.
_KEY_LINE = re.compile(rb"[ \t]*(?:#[^\n]*)?\r?\n")


class Unsplittable(Exception):
    """The cut did not hold (or no worker could be started): read the file whole."""


class Cut:
    """Where a file is cut: ``at`` is the first byte of the worker's part,
    an item of the list under ``key``, indented ``indent`` spaces."""

    __slots__ = ("at", "key", "indent")

    def __init__(self, at: int, key: bytes, indent: int) -> None:
        self.at, self.key, self.indent = at, key, indent


class Place:
    """Where a node of the worker's part is in the file: the 0-based line
    and column a parser mark has, which is all a quick read asks of one."""

    __slots__ = ("line", "column")

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def cut(data: bytes) -> Cut | None:
    """Where to cut ``data``, the bytes of an export, or None to read it whole."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    middle = int(len(data) * SHARE)
    # The list the middle is in: the last of their keys before it. Anything
    # else between that key and the cut shows in the first part's tree.
    begin, key = max((_line_of(data, key, middle), key) for key in LISTS)
    if begin < 0:
        return None
    after = begin + len(key) + 1
    line = _KEY_LINE.match(data, after)
    item = _FIRST_ITEM.match(data, line.end()) if line else None
    if item is None:
        return None
    prefix = b"\n" + item[1] + b"-"
    at = max(middle, item.end())  # after the first item: each part has one
    while True:
        at = data.find(prefix, at)
        if at < 0:
            return None
        at += 1
        follows = data[at + len(prefix) - 1 : at + len(prefix)]
        if follows in (b" ", b"\n", b"\r"):
            return Cut(at, key, len(item[1]))


def _line_of(data: bytes, key: bytes, before: int) -> int:
    """Where the last line ``key:`` before ``before`` starts; -1 if none."""
    found = data.rfind(b"\n" + key + b":", 0, before)
    if found >= 0:
        return found + 1
    return 0 if data.startswith(key + b":") else -1


def read(data: bytes, where: Cut, doc: Document, expected: str, records: ExportRecords) -> None:
    """Read ``data`` into ``doc`` and ``records`` as a quick read of the
    whole file does, the part after the cut in a worker process.

    Raises :class:`Unsplittable` when the cut does not hold; the caller then
    reads the file whole, with fresh records.
    """
    def here() -> None:
        try:
            read_yaml(data[: where.at], doc, expected, records.problems.kept, records.hooks(), keep_marks=False)
        except InputError:
            raise Unsplittable from None

    try:
        _ours, theirs = alongside(lambda: _read_part(data, where, doc.name), here)
        if doc.needs_marks or doc.aliased or theirs.__class__ is not list:
            raise Unsplittable
        tree, clients, contacts, shift = theirs
        _join(doc, where, tree)
        records.restored(clients, contacts, shift)
    except MemoryError:
        # This half, or taking in the worker's, did not fit: the whole file,
        # read alone, may (its partial tree is dropped with the exception).
        raise Unsplittable from None


def _join(doc: Document, where: Cut, theirs: list) -> None:
    """Put the worker's part after this process's: its list's items after
    ours, its other top-level keys after ours."""
    root = doc.root
    key = where.key.decode("ascii")
    if root.__class__ is not Mapping or not root.index:
        raise Unsplittable
    last = next(reversed(root.index))
    ours = root.index[last]
    (their_key, their_list), *rest = theirs
    if (
        last != key
        or their_key != key
        or ours.__class__ is not Sequence
        or ours.ymark.column != where.indent
        or their_list.__class__ is not list
        or their_list[1] != where.indent
    ):
        raise Unsplittable
    ours.items.extend(_node(item) for item in their_list[2:])
    index = root.index
    for name, value in rest:
        if name in index:  # a duplicate key: the whole file's read reports it
            raise Unsplittable
        index[name] = _node(value)


_SINK = deque(maxlen=0)  # the marks a quick read keeps: none


def _node(value):
    """A value as the worker sent it, as the reader builds it."""
    cls = value.__class__
    if cls is tuple:
        index, line, column = value
        for name, item in index.items():
            if item.__class__ is tuple or item.__class__ is list:
                index[name] = _node(item)
        return Mapping(index, _SINK, Place(line, column))
    if cls is list:
        return Sequence([_node(item) for item in value[2:]], _SINK, Place(value[0], value[1]))
    return value


def _plain(value, shift: int):
    """A value of the worker's tree as plain data, its lines those of the
    whole file: a mapping ``(index, line, column)``, a list
    ``[line, column, *items]``, text or None."""
    cls = value.__class__
    if cls is Mapping:
        mark = value.ymark
        index = value.index
        for name, item in index.items():
            if item.__class__ is Mapping or item.__class__ is Sequence:
                index[name] = _plain(item, shift)
        return (index, mark.line + shift, mark.column)
    if cls is Sequence:
        mark = value.ymark
        # Records already read (DONE) are sent as field values instead.
        items = [_plain(item, shift) for item in value.items if item is not DONE]
        return [mark.line + shift, mark.column, *items]
    return value


def _read_part(data: bytes, where: Cut, name: str) -> list | None:
    """What the worker sends: ``[tree, clients, contacts, shift]``, or None
    when its part has anything to report.

    Its clients and contacts are read into records as this process would
    (and sent as field values); the rest of its tree (relations, other keys)
    as plain data, for :meth:`ExportRecords.finish` to take in.
    """
    # Checked here, while this process parses its part, so that the common
    # file pays nothing for it; a file outside the proof is then read whole.
    if outside_the_proof(data):
        return None
    header = where.key + b":\n"
    # Line n of the part (0-based, after the header) is line shift + n of the file.
    shift = data.count(b"\n", 0, where.at) - 1
    doc = Document(name)
    records = ExportRecords(Problems(quick=True), doc, IdSuggestions())
    hooks = records.hooks()
    hooks = {"clients": hooks["clients"], "contacts": hooks["contacts"]}
    try:
        read_yaml(header + data[where.at :], doc, "", records.problems.kept, hooks, keep_marks=False)
    except InputError:
        return None
    root = doc.root
    if doc.needs_marks or doc.aliased or records.problems.found or root.__class__ is not Mapping:
        return None
    tree = [(key, _plain(value, shift)) for key, value in root.index.items()]
    return [
        tree,
        list(map(CLIENT.values, records.clients.values())),
        list(map(CONTACT.values, records.contacts.values())),
        shift,
    ]
