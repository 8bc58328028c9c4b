"""Reading an export file, once: quickly when it is sound, carefully when not;
and what any file is, a scenario or an export.

Exports are big (100,000 contacts, 22 MB), so an export file is first read
without the marks of its keys and values, which makes reading markedly
faster; only when that read finds something to report is the file read
again, keeping marks, to say where. :func:`read_export` is the one place
that decides this.

An :class:`ExportCache`, owned by whoever loads many scenarios (``--check``),
keeps each export file as loaded, so that scenarios sharing one read it once.

What a file is, a scenario or an export, is decided here and nowhere else
(:func:`file_kind`), by one rule over the keys of its top-level mapping,
whatever their case. A file with the key ``events`` is a scenario (with its
export named or inline); one whose keys are an export's alone (``format``,
``clients``, ``contacts``, ``relations``), ``clients`` among them, is an
export; any other is neither, most often one of the two with a key
misspelt. Case plays no part so that a key typed in another case
(``Events:``, ``Clients:``) sends the file to the reader it was written for,
which takes keys exactly as written and so names the slip ("did you mean
'events'?"). A key nested anywhere (a client's ``events:``), or text that
holds ``events:``, plays no part.

The keys are first looked for in the bytes, without parsing (a 22 MB export
takes some hundredths of a second): in a file whose top level is written in
block style, as the formats are and as everything that writes them writes
them, the top-level keys are the keys that start a line. Only when the
bytes show no such key, or a line starting at column 0 that is none (a top
level in flow style, ``{events: ...}``; UTF-16; a flow list or text carried
on at column 0), is the file parsed and the rule applied to its tree. The
two agree on every file but one that carries a flow list or text on at
column 0 with a key's shape (``clients: [{id: A,`` then ``name: x}]``),
which YAML does not allow but its reader takes: the bytes call it neither.
"""

from __future__ import annotations

import codecs
import gc
import itertools
import os
import re
from collections import OrderedDict
from dataclasses import dataclass

from planner import parallel
from planner.load import export_split
from planner.load.fields import FieldChecks
from planner.load.files import ReadPolicy, read_file, signature
from planner.load.records import ExportRecords
from planner.load.schema import EXPORT_KEYS, FORMAT_MAJOR, FORMAT_PATTERN, FREEZE_AT, export_expected
from planner.load.yaml.problems import Problems, describe, shown
from planner.load.yaml.reader import Document, Mapping, read
from planner.model.office import Export
from planner.text.errors import InputError, Mark, Problem
from planner.text.messages import _
from planner.text.suggest import IdSuggestions
from planner.text.typography import quoted


def not_an_export() -> str:
    """What a scenario's export file that is none is refused for, without
    a word of what it holds (see :func:`load_export_file`)."""
    return _(
        "this file is not an AuditCase export: its top level has no {clients} list, or keys no export has "
        "(what it holds is not shown); expected {expected}"
    ).format(clients=quoted("clients"), expected=export_expected())


@dataclass(frozen=True)
class LoadedExport:
    """One export file as loaded: the export, or the problems that refuse it."""

    signature: tuple
    data: bytes
    #: None when it has problems
    export: Export | None
    problems: tuple[Problem, ...]
    #: "did you mean" look-ups spent on it (a scenario naming it has fewer left)
    suggestions: int


def read_export(data: bytes, path: str) -> tuple[Export | None, list[Problem], int]:
    """The export in file ``path`` whose bytes are ``data``: the export (None
    when refused), its problems, and the "did you mean" look-ups spent.

    A quick read first, of a big file in two parts at once where it can
    be (:mod:`planner.load.export_split`); the careful read only if the quick one
    found anything to report, or could not finish.
    """
    found = _quickly(data, path)
    if found is not None:
        export, spent = found
        return export, [], spent
    try:
        export, problems, spent, _doc = _read(data, path, quick=False)
    except InputError as error:
        return None, list(error.problems), 0
    return (None if problems.kept else export), list(problems.kept), spent


def _quickly(data: bytes, path: str) -> tuple[Export, int] | None:
    """The export and the look-ups spent, when a quick read finds nothing to
    report; None when it does, or cannot finish (the careful read says what)."""
    where = export_split.cut(data) if parallel.worth("split-read", len(data)) else None
    if where is not None:
        try:
            export, problems, spent, _doc = _read(data, path, quick=True, where=where)
        except export_split.Unsplittable:
            pass  # read whole, with fresh records
        else:  # a problem in its records: only the careful read can say where
            return None if problems.found else (export, spent)
    try:
        export, problems, spent, doc = _read(data, path, quick=True)
    except InputError:
        return None  # the careful read finds it again, with whatever came before it
    return None if problems.found or doc.needs_marks else (export, spent)


def _read(data: bytes, path: str, quick: bool, where: export_split.Cut | None = None):
    problems = Problems(quick)
    suggestions = IdSuggestions()
    doc = Document(path)
    records = ExportRecords(problems, doc, suggestions)
    expected = export_expected()
    if where is not None:
        export_split.read(data, where, doc, expected, records)
    else:
        read(data, doc, expected, problems.kept, records.hooks(), keep_marks=not quick)
    if doc.needs_marks:
        return None, problems, 0, doc
    root = root_mapping(doc, expected, problems)
    checks = FieldChecks(problems, doc)
    the_export = _("the export")
    checks.keys(root, EXPORT_KEYS, the_export)
    check_format(checks, root)
    exported = checks.date(root, "exported", the_export)
    export = records.finish(root, path, exported)
    return export, problems, suggestions.spent, doc


def root_mapping(doc: Document, expected: str, problems: Problems) -> Mapping:
    """The document's top-level mapping; anything else ends the load.
    ``expected``: what the file should hold, in the active language."""
    root = doc.root
    if root.__class__ is Mapping:
        return root
    raise problems.stop(
        Problem(doc.mark(doc.root_ymark), _("expected {expected}; got {value}").format(
            expected=expected, value=describe(root)
        ))
    )


def check_format(checks: FieldChecks, m: Mapping) -> None:
    value = m.index.get("format")
    if value is None:
        return
    found = FORMAT_PATTERN.fullmatch(value) if value.__class__ is str else None
    if found is None:
        checks.wrong(m, "format", _("the export"), f"auditcase-export/{FORMAT_MAJOR}")
    elif found[1].lstrip("0") != str(FORMAT_MAJOR):  # no int(): it may have 5,000 digits
        checks.problems.at_value(
            checks.doc, m, "format",
            _("export format {value} is not supported: this version reads {format} (major version {major})").format(
                value=shown(value), format=f"auditcase-export/{FORMAT_MAJOR}", major=FORMAT_MAJOR
            ),
        )


# -- what a file is: the one rule (see the module's documentation) -------------------

#: What :func:`file_kind` says a file is (DIFF: a diff fixture, planner.diff.fixture).
SCENARIO, EXPORT, NEITHER, DIFF = "scenario", "export", "neither", "diff"


def _at_line_start(pattern: bytes, followed: bool = True) -> re.Pattern:
    """A line break followed by ``pattern`` (or not followed by it), in any
    case: what starts with a fixed character is searched for at C speed."""
    return re.compile(rb"\n(?" + (b":" if followed else b"!") + pattern + rb")", re.IGNORECASE)


def _key_named(names: str) -> bytes:
    """One of the keys ``names`` (``a|b``), plain or quoted, with its colon."""
    return rb"""(?:NAMES|"(?:NAMES)"|'(?:NAMES)')[ \t]*:(?:[ \t\r\n]|\Z)""".replace(b"NAMES", names.encode())


#: A key at the start of a line, plain or quoted (without escapes), and its colon.
_KEY = re.compile(
    rb"""(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'|([^\s"'#{}\[\],&*!|>%@`?:-][^\r\n]*?))[ \t]*:(?:[ \t\r\n]|\Z)"""
)
_EXPORT_KEYS = frozenset(EXPORT_KEYS)
#: A line at column 0 the look at the bytes stops at: not blank, a comment,
#: a list item (``-``, and the document marker ``---``), the end of the
#: document or of the file, nor one of an export's keys.
_UNEXPECTED_LINE = _at_line_start(rb"[ \t\r\n#-]|\.\.\.(?:[ \t\r\n]|\Z)|\Z|" + _key_named("|".join(EXPORT_KEYS)), False)
_EXPORT_KEY_LINE = _at_line_start(_key_named("|".join(EXPORT_KEYS)))
_CLIENTS_LINE = _at_line_start(_key_named("clients"))
_EVENTS_LINE = _at_line_start(_key_named("events"))
_DIFF_LINE = _at_line_start(_key_named("diff"))


def file_kind(data: bytes, path: str) -> str:
    """What the file ``path`` whose bytes are ``data`` is, by the one rule:
    :data:`SCENARIO`, :data:`EXPORT` or :data:`NEITHER`.

    The bytes decide when they show the top-level keys; otherwise the file
    is parsed (a file that cannot be is neither: its loader says why)."""
    seen = _keys_at_line_starts(data)
    if seen is not None:
        return seen
    doc = Document(path)
    try:
        read(data, doc, "", [])
    except Exception:  # noqa: BLE001 - a bug in the reader is met again, and reported, by the load that follows
        return NEITHER
    return _kind(doc.root.index) if doc.root.__class__ is Mapping else NEITHER


def _kind(keys) -> str:
    """The rule, over a file's top-level keys."""
    folded = {key.lower() for key in keys}
    if "events" in folded:
        return SCENARIO
    if "diff" in folded:
        return DIFF
    if "clients" in folded and folded <= _EXPORT_KEYS:
        return EXPORT
    return NEITHER


def _keys_at_line_starts(data: bytes) -> str | None:
    """The rule over the keys that start lines of ``data``; None when it shows
    none, or a line at column 0 that is no key (only a parse can tell).

    The lines that hold an export's key are passed over by a search (at C
    speed); the first line and every other line at column 0 are looked at
    here, and the first of them that holds no export's key ends the look: a
    file of any size or shape costs a few searches."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    first = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    starts = (m.end() for m in _UNEXPECTED_LINE.finditer(data, first))
    if data[first:first + 1] not in b" \t\r\n#-":  # (b"" is in it: an empty file has no first line)
        starts = itertools.chain((first,), starts)
    keys = set()
    for at in starts:
        key = _KEY.match(data, at)
        if key is None:
            return None
        name = key[key.lastindex].decode("utf-8", "replace").lower()
        if name == "events":
            return SCENARIO
        if name not in _EXPORT_KEYS:  # neither, unless a scenario's or a diff fixture's key follows
            if _EVENTS_LINE.search(data, key.end() - 1):
                return SCENARIO
            return DIFF if name == "diff" or _DIFF_LINE.search(data, key.end() - 1) else NEITHER
        keys.add(name)  # the first line's
    # Every other line at column 0 holds one of an export's keys, if any.
    if "clients" in keys or _CLIENTS_LINE.search(data, first):
        return EXPORT
    return NEITHER if keys or _EXPORT_KEY_LINE.search(data, first) else None


def load_export_file(
    path: str, policy: ReadPolicy, cache: ExportCache | None = None, untrusted: bool = False
) -> LoadedExport:
    """The export file ``path``, loaded, or found unchanged in ``cache``.

    ``untrusted``: the file is named by a scenario, which may come from a
    pull request that a firm's CI checks. A file that :func:`file_kind` does
    not call an export is then reported as no export, without any message
    that could quote what it holds (the loader's messages quote keys and
    values).

    Raises :class:`~planner.load.files.FileRefused` when it cannot be read.
    """
    if cache is not None:
        found = cache.get(path)
        if found is not None:
            return found
    data, stamp = read_file(path, policy)
    with no_gc() as pause:
        if untrusted and file_kind(data, path) != EXPORT:
            export, problems, spent = None, [Problem(Mark(path, 1, 1), not_an_export())], 0
        else:
            export, problems, spent = read_export(data, path)
        pause.freeze = is_big(export)
    loaded = LoadedExport(stamp, data, export, tuple(problems), spent)
    if cache is not None:
        cache.put(path, loaded)
    return loaded


class ExportCache:
    """Export files already loaded, so that scenarios sharing one read it once.

    An entry is found by the file's real path (and the path as the scenario
    names it, which every message and ``Export.source`` carry) and used while
    the file's size, modification time and inode are unchanged. When the
    files held pass ``limit`` bytes, the least recently used are dropped.
    """

    def __init__(self, limit: int = 64 * 2**20) -> None:
        self.limit = limit
        self.entries: OrderedDict[tuple[str, str], LoadedExport] = OrderedDict()

    def get(self, path: str) -> LoadedExport | None:
        if "\0" in path:  # no file has such a name; read_file says so
            return None
        key = (os.path.realpath(path), path)
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            current = signature(os.stat(path))
        except OSError:
            return None
        if entry.signature != current:
            return None
        self.entries.move_to_end(key)
        return entry

    def put(self, path: str, entry: LoadedExport) -> None:
        key = (os.path.realpath(path), path)
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > 1 and sum(len(e.data) for e in self.entries.values()) > self.limit:
            self.entries.popitem(last=False)


class no_gc:
    """Pause the cyclic garbage collector while a big tree is being built.

    Building an export allocates millions of objects and no garbage cycles;
    left on, the collector would re-scan the growing tree again and again.

    Set ``freeze`` when what was built is a big export: it is then moved out
    of the collector's reach for good (``gc.freeze``). It holds no cycles,
    and reference counting still frees it; but left to the collector, its
    first full passes after loading, and the one at exit, would each walk the
    whole export again (on 100,000 contacts, half a second of a run).
    """

    def __init__(self) -> None:
        self.freeze = False

    def __enter__(self):
        self.was_enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc):
        if self.freeze and exc[0] is None:
            gc.freeze()
        if self.was_enabled:
            gc.enable()


def is_big(export: Export | None) -> bool:
    return export is not None and len(export.clients) + len(export.contacts) >= FREEZE_AT
