"""Reading an export file, once: quickly when it is sound, carefully when not.

Exports are big (100,000 contacts, 22 MB), so an export file is first read
without the marks of its keys and values, which makes reading markedly
faster; only when that read finds something to report is the file read
again, keeping marks, to say where. :func:`read_export` is the one place
that decides this.

An :class:`ExportCache`, owned by whoever loads many scenarios (``--check``),
keeps each export file as loaded, so that scenarios sharing one read it once.
"""

from __future__ import annotations

import gc
import os
import re
from collections import OrderedDict
from dataclasses import dataclass

from planner import parallel
from planner.load import export_split
from planner.load.fields import FieldChecks
from planner.load.files import ReadPolicy, read_file, signature
from planner.load.records import ExportRecords
from planner.load.schema import EXPORT_EXPECTED, EXPORT_KEYS, FORMAT_MAJOR, FORMAT_PATTERN, FREEZE_AT
from planner.load.yaml.problems import Problems, describe, shown
from planner.load.yaml.reader import Document, Mapping, read
from planner.model.office import Export
from planner.text.errors import InputError, Mark, Problem
from planner.text.suggest import IdSuggestions


def _key(name: bytes) -> re.Pattern:
    """A key ``name`` at the start of a line or after ``{`` or ``,``, in any
    case, quoted or not: in block or flow style."""
    return re.compile(rb"""(?:^|[{,])[ \t]*["']?""" + name + rb"""["']?[ \t]*:""", re.IGNORECASE | re.MULTILINE)


# Every export has a key "clients" (matched in any case, so that a misspelt
# one is still reported as such), in block or flow style.
_NAMES_CLIENTS = _key(b"clients")
# A scenario has "events"; an export has not. Seen in a file, it is a hint
# for a message, never what decides whether a file that loads is used.
_NAMES_EVENTS = _key(b"events")
NOT_AN_EXPORT = (
    "this file is not an AuditCase export: it has no 'clients' list (what it holds is not shown); "
    f"expected {EXPORT_EXPECTED}"
)


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


def names_clients(data: bytes) -> bool:
    """Whether a file's bytes hold a key "clients", as every export does (a
    quick look, before anything is parsed)."""
    return _NAMES_CLIENTS.search(data) is not None


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
    where = export_split.cut(data) if parallel.available() else None
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
    if where is not None:
        export_split.read(data, where, doc, EXPORT_EXPECTED, records)
    else:
        read(data, doc, EXPORT_EXPECTED, problems.kept, records.hooks(), keep_marks=not quick)
    if doc.needs_marks:
        return None, problems, 0, doc
    root = root_mapping(doc, EXPORT_EXPECTED, problems)
    checks = FieldChecks(problems, doc)
    checks.keys(root, EXPORT_KEYS, "the export")
    check_format(checks, root)
    export = records.finish(root, path)
    return export, problems, suggestions.spent, doc


def root_mapping(doc: Document, expected: str, problems: Problems) -> Mapping:
    """The document's top-level mapping; anything else ends the load."""
    root = doc.root
    if root.__class__ is Mapping:
        return root
    raise problems.stop(Problem(doc.mark(doc.root_ymark), f"expected {expected}; got {describe(root)}"))


def check_format(checks: FieldChecks, m: Mapping) -> None:
    value = m.index.get("format")
    if value is None:
        return
    found = FORMAT_PATTERN.fullmatch(value) if value.__class__ is str else None
    if found is None:
        checks.wrong(m, "format", "the export", f"auditcase-export/{FORMAT_MAJOR}")
    elif found[1].lstrip("0") != str(FORMAT_MAJOR):  # no int(): it may have 5,000 digits
        checks.problems.at_value(
            checks.doc, m, "format",
            f"export format {shown(value)} is not supported: this version reads "
            f"auditcase-export/{FORMAT_MAJOR} (major version {FORMAT_MAJOR})",
        )


def looks_like_export(data: bytes) -> bool:
    """Whether a file seems to be an export: it has a ``clients`` key and
    nothing that could be the ``events`` key of a scenario."""
    return bool(_NAMES_CLIENTS.search(data)) and not _NAMES_EVENTS.search(data)


def looks_like_scenario(data: bytes) -> bool:
    """Whether a file seems to be a scenario: it has an ``events`` key."""
    return bool(_NAMES_EVENTS.search(data))


def load_export_file(
    path: str, policy: ReadPolicy, cache: ExportCache | None = None, untrusted: bool = False
) -> LoadedExport:
    """The export file ``path``, loaded, or found unchanged in ``cache``.

    ``untrusted``: the file is named by a scenario, which may come from a
    pull request that a firm's CI checks. A file that does not even have a
    ``clients`` key is then reported as no export, without any message that
    could quote what it holds (the loader's messages quote keys and values).

    Raises :class:`~planner.load.files.FileRefused` when it cannot be read.
    """
    if cache is not None:
        found = cache.get(path)
        if found is not None:
            return found
    data, stamp = read_file(path, policy)
    with no_gc() as pause:
        if untrusted and not names_clients(data):
            export, problems, spent = None, [Problem(Mark(path, 1, 1), NOT_AN_EXPORT)], 0
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
