"""Loading scenarios and exports: strict schema, references, then the model.

:func:`load_export` reads an AuditCase export file; :func:`load_scenario`
reads a scenario whose export is either a file next to it (``export:
path``) or written inline (``clients``, ``contacts``, ``relations``). Both
exports go through the same code (:class:`planner.records.ExportParts`), so an inline
export and the same records in a file give equal :class:`Export` objects
(but for ``Export.source``, the file each came from).

Everything wrong with an input is an :class:`InputError`: a list of
problems, each at a line and column of the file that holds the mistake and
saying what was expected. The loader reports as much as it can find in one
go (every schema error in a file, every dangling reference) rather than
stopping at the first; checks that need a sound export (the ids named by
events) run only once the export itself is sound, so that one mistake does
not echo as many.

Reading is done by :mod:`planner.yamlread`; this module never sees YAML
syntax, only text values, :class:`~planner.yamlread.Mapping` and
:class:`~planner.yamlread.Sequence`. What the formats allow is in
:mod:`planner.schema`; the export's records are taken in by
:mod:`planner.records`. The per-record code is written for
100,000-contact exports: each record is checked as soon as the reader has
it, with inline checks on the common path and messages built only when
something is wrong; an export file is first read without marks and read
again with them only if it has a problem to report.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import os
from collections import OrderedDict

from planner.errors import InputError, Problem
from planner.inputfiles import FileRefused, ReadPolicy, read_file, signature
from planner.model import (
    INTEGRATIONS,
    PERSON,
    Export,
)
from planner.records import (
    ExportParts,
    IdUnion,
)
from planner.scenario import (
    DEATH,
    EVENT_KINDS,
    LEAVE,
    ORPHANED_CLIENT_CHOICES,
    REMOVE_CLIENT,
    REVOKE,
    UNLINK_BY_DEFAULT,
    Event,
    Expect,
    ExpectedFinding,
    Scenario,
)
from planner.schema import (
    DATE_PATTERN,
    EVENT_KEYS,
    EXPECT_KEYS,
    EXPORT_EXPECTED,
    EXPORT_KEYS,
    FINDING_PATTERN,
    FLAG_EXPECTED,
    FLAG_WORDS,
    FLAGS,
    FORMAT_MAJOR,
    FORMAT_PATTERN,
    FREEZE_AT,
    ID_CHARACTERS,
    INLINE_EXPORT_KEYS,
    OPTION_KEYS,
    SCENARIO_EXPECTED,
    SCENARIO_KEYS,
    SUGGEST_MAX_LENGTH,
    SUGGESTION_BUDGET,
    TYPE_EXPECTED,
    TYPE_WORDS,
    describe,
    one_of,
    quote_all,
    real_date,
)
from planner.steps import ACTIONS, Step
from planner.yamlread import Document, Mapping, NeedMarks, Sequence, read

__all__ = ["ExportCache", "load_export", "load_scenario"]

# -- public API ---------------------------------------------------------------


def load_export(path: str, policy: ReadPolicy = ReadPolicy()) -> Export:
    """Read the AuditCase export file ``path`` (``Export.source`` is ``path``)."""
    loader = _Loader(policy=policy)
    data = loader.read_bytes(path)
    with _no_gc() as pause:
        export = loader.export_file(data, path)
        pause.freeze = _is_big(export)
    loader.raise_if_any()
    return export


def load_scenario(
    path: str, exports: ExportCache | None = None, policy: ReadPolicy = ReadPolicy()
) -> Scenario:
    """Read the scenario file ``path`` and the export it names or holds.

    With ``exports``, an export file already loaded through the same cache
    (and unchanged since) is not read again: many scenarios can share one.
    """
    loader = _Loader(exports, policy)
    data = loader.read_bytes(path)
    sources = [data]  # the bytes the fingerprint covers: scenario, then export file
    with _no_gc() as pause:
        doc = Document(path)
        inline = ExportParts(loader, doc)
        loader.parse(data, doc, SCENARIO_EXPECTED, inline.hooks())
        root = loader.root_mapping(doc, SCENARIO_EXPECTED)
        loader.check_keys(doc, root, SCENARIO_KEYS, "a scenario")
        export = loader.scenario_export(doc, root, inline, sources)
        scenario = loader.scenario(doc, root, export, _fingerprint(sources))
        pause.freeze = loader.loaded_big
    loader.raise_if_any()
    return scenario


class ExportCache:
    """Export files already loaded, so that scenarios sharing one read it once.

    An entry is found by the file's real path (and the path as the scenario
    names it, which every message and ``Export.source`` carry) and used while
    the file's size, modification time and inode are unchanged. It holds the
    file's bytes, for each scenario's fingerprint, and the export or the
    problems found in it. When the files held pass ``limit`` bytes, the
    least recently used entries are dropped.
    """

    def __init__(self, limit: int = 64 * 2**20) -> None:
        self.limit = limit
        self.entries: OrderedDict[tuple[str, str], _ExportFile] = OrderedDict()

    def get(self, path: str) -> _ExportFile | None:
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

    def put(self, path: str, entry: _ExportFile) -> None:
        self.entries[(os.path.realpath(path), path)] = entry
        self.entries.move_to_end((os.path.realpath(path), path))
        while len(self.entries) > 1 and sum(len(e.data) for e in self.entries.values()) > self.limit:
            self.entries.popitem(last=False)


class _ExportFile:
    """One export file as loaded: its bytes, and the export or its problems."""

    __slots__ = ("signature", "data", "export", "problems", "suggestions")

    def __init__(self, signature, data: bytes, export, problems: list, suggestions: int) -> None:
        self.signature = signature
        self.data = data
        self.export = export  # None when it has problems
        self.problems = problems
        self.suggestions = suggestions  # "did you mean" look-ups spent on it


# -- helpers that need no state -----------------------------------------------


class _no_gc:
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


def _is_big(export: Export | None) -> bool:
    return export is not None and len(export.clients) + len(export.contacts) >= FREEZE_AT


def _fingerprint(sources: list[bytes]):
    """The scenario's fingerprint, computed when first read: sha256 over each
    file's length and bytes, the scenario's first (see Scenario)."""

    def compute() -> str:
        digest = hashlib.sha256()
        for data in sources:
            _feed(digest, data)
        return "sha256:" + digest.hexdigest()

    return compute


def _feed(digest, data: bytes) -> None:
    # A length prefix per file: no two different pairs of files hash alike.
    digest.update(len(data).to_bytes(8, "big"))
    digest.update(data)


def _edits1(word: str, alphabet: str):
    """Every string one typo away from ``word`` (Norvig's classic edits)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for char in alphabet:
            if right:
                yield left + char + right[1:]
            yield left + char + right


# -- the loader ---------------------------------------------------------------


class _Loader:
    """Collects problems over one load; knows nothing about the command line."""

    def __init__(self, exports: ExportCache | None = None, policy: ReadPolicy = ReadPolicy()) -> None:
        self.policy = policy
        self.problems: list[Problem] = []
        # True during a quick read of an export: the first problem raises
        # NeedMarks, and the export is read again with marks (see yamlread).
        self.quick = False
        self.suggestions_left = SUGGESTION_BUDGET
        self.exports = exports
        self.loaded_big = False  # this load read a big export file (see _no_gc)

    # -- reporting --

    def add(self, doc: Document, ymark, message: str, code: str | None = None) -> None:
        if self.quick:
            raise NeedMarks
        self.problems.append(Problem(doc.mark(ymark), message, code))

    def raise_if_any(self) -> None:
        if self.problems:
            # An aliased node is walked once per alias: report each thing once.
            raise InputError(list(dict.fromkeys(self.problems)))

    def suggest_key(self, word: str, allowed) -> str:
        close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
        return f"; did you mean {close[0]!r}?" if close else ";"

    def suggest_id(self, word: str, pool) -> str:
        """``"; did you mean 'X'?"`` for a near-miss id in ``pool``, or ``""``.

        Bounded for any input: an id longer than SUGGEST_MAX_LENGTH gets no
        suggestion (nobody mistypes one character of a 3,000-character id,
        and trying every one-typo variant of it would take minutes)."""
        if self.suggestions_left <= 0 or not word or len(word) > SUGGEST_MAX_LENGTH:
            return ""
        self.suggestions_left -= 1
        # One typo away first (a swapped or mistyped character is the usual
        # slip); it is also the only search that stays fast on a big export.
        # Every one-letter id is one typo away from every other: no hint.
        if len(word) > 1:
            for candidate in _edits1(word, "".join(sorted(set(word) | ID_CHARACTERS))):
                if candidate != word and candidate in pool:
                    return f"; did you mean {candidate!r}?"
        if len(pool) <= 2000:
            close = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.6)
            if close:
                return f"; did you mean {close[0]!r}?"
        return ""

    # -- files --

    def read_bytes(self, path: str) -> bytes:
        return read_file(path, self.policy)[0]

    def parse(self, data: bytes, doc: Document, expected: str, records=None) -> Document:
        return read(data, doc, expected, self.problems, records, keep_marks=not self.quick)

    def export_file(self, data: bytes, path: str) -> Export | None:
        """The export in file ``path`` whose bytes are ``data``.

        Exports are big, so the first read keeps no marks; only when it
        finds a problem is the file read again, with marks, to report it.
        """
        self.quick = True
        try:
            return self._export_file(data, path)
        except NeedMarks:
            pass
        finally:
            self.quick = False
        return self._export_file(data, path)

    def _export_file(self, data: bytes, path: str) -> Export | None:
        doc = Document(path)
        parts = ExportParts(self, doc)
        self.parse(data, doc, EXPORT_EXPECTED, parts.hooks())
        root = self.root_mapping(doc, EXPORT_EXPECTED)
        self.check_keys(doc, root, EXPORT_KEYS, "the export")
        self.export_format(doc, root)
        return parts.finish(root, path)

    def root_mapping(self, doc: Document, expected: str) -> Mapping:
        root = doc.root
        if root.__class__ is Mapping:
            return root
        raise InputError(
            self.problems
            + [Problem(doc.mark(doc.root_ymark), f"expected {expected}; got {describe(root)}")]
        )

    # -- generic field checks (each reports and returns a usable value) --

    def check_keys(self, doc: Document, m: Mapping, allowed, what: str) -> None:
        for key in m.index:
            if key not in allowed:
                self.unknown_key(doc, m, key, allowed, what)

    def unknown_key(self, doc: Document, m: Mapping, key: str, allowed, what: str) -> None:
        self.add(
            doc,
            m.key_ymark(key),
            f"unknown key {key!r} in {what}{self.suggest_key(key, allowed)} "
            f"expected one of: {quote_all(allowed)}",
        )

    def missing(self, doc: Document, m: Mapping, key: str, what: str, expected: str) -> None:
        if key in m.index:
            self.add(doc, m.value_ymark(key), f"{key!r} of {what} has no value; expected {expected}")
        else:
            self.add(doc, m.ymark, f"{what} has no {key!r}; expected {expected}")

    def wrong(self, doc: Document, m: Mapping, key: str, what: str, expected: str) -> None:
        value = m.index.get(key)
        self.add(
            doc, m.value_ymark(key), f"{key!r} of {what} is {describe(value)}; expected {expected}"
        )

    def text(self, doc: Document, m: Mapping, key: str, what: str, required: bool = False):
        """A text value or None; non-empty when ``required``."""
        value = m.index.get(key)
        if value is None:
            if required:
                self.missing(doc, m, key, what, "text")
            return None
        if value.__class__ is not str:
            self.wrong(doc, m, key, what, "text")
            return None
        return value

    def ident(self, doc: Document, m: Mapping, key: str, what: str, required: bool = True):
        """An id: text, kept exactly as written, not empty."""
        value = m.index.get(key)
        if value is None:
            if required:
                self.missing(doc, m, key, what, "an id")
            return None
        if value.__class__ is not str or not value:
            self.wrong(doc, m, key, what, "an id")
            return None
        return value

    def flag(self, doc: Document, m: Mapping, key: str, what: str, default):
        """A flag; ``default`` None makes it required."""
        value = m.index.get(key)
        if value is None:
            if default is None:
                self.missing(doc, m, key, what, FLAG_EXPECTED)
            return default
        found = FLAGS.get(value)
        if found is None and value.__class__ is str:
            found = FLAG_WORDS.get(value.lower())
        if found is None:
            self.wrong(doc, m, key, what, FLAG_EXPECTED)
            return default
        return found

    def date(self, doc: Document, m: Mapping, key: str, what: str):
        value = m.index.get(key)
        if value is None:
            return None
        if value.__class__ is not str:
            self.wrong(doc, m, key, what, "a date YYYY-MM-DD")
            return None
        if real_date(value):
            return value
        if DATE_PATTERN.fullmatch(value):
            self.add(
                doc,
                m.value_ymark(key),
                f"{key!r} of {what} is {value!r}, which is not a real date; expected YYYY-MM-DD",
            )
        else:
            self.wrong(doc, m, key, what, "a date YYYY-MM-DD")
        return None

    def choice(self, doc: Document, m: Mapping, key: str, what: str, choices, default):
        value = m.index.get(key)
        if value is None:
            if default is None:
                self.missing(doc, m, key, what, one_of(choices))
            return default
        if value in choices:
            return value
        if value.__class__ is str and value.lower() in choices:
            return value.lower()
        self.wrong(doc, m, key, what, one_of(choices))
        return default

    def container(self, doc: Document, m: Mapping, key: str, what: str, kind, required=False):
        """The list or mapping (``kind``) under ``key``, or None (absent, or
        reported as wrong)."""
        expected = "a list" if kind is Sequence else "a mapping"
        value = m.index.get(key)
        if value is None:
            if required:
                self.missing(doc, m, key, what, expected)
            return None
        if value.__class__ is not kind:
            self.wrong(doc, m, key, what, expected)
            return None
        return value

    def sequence(self, doc: Document, m: Mapping, key: str, what: str, required: bool):
        return self.container(doc, m, key, what, Sequence, required)

    def mapping(self, doc: Document, m: Mapping, key: str, what: str):
        return self.container(doc, m, key, what, Mapping)

    # -- the export --

    def export_format(self, doc: Document, m: Mapping) -> None:
        value = m.index.get("format")
        if value is None:
            return
        found = FORMAT_PATTERN.fullmatch(value) if value.__class__ is str else None
        if found is None:
            self.wrong(doc, m, "format", "the export", f"auditcase-export/{FORMAT_MAJOR}")
        elif found[1].lstrip("0") != str(FORMAT_MAJOR):  # no int(): it may have 5,000 digits
            self.add(
                doc,
                m.value_ymark("format"),
                f"export format {describe(value)} is not supported: this version reads "
                f"auditcase-export/{FORMAT_MAJOR} (major version {FORMAT_MAJOR})",
            )

    def client_type(self, doc: Document, m: Mapping, what: str):
        value = m.index.get("type")
        if value.__class__ is str and value.lower() in TYPE_WORDS:
            return TYPE_WORDS[value.lower()]
        if value is None:
            self.missing(doc, m, "type", what, TYPE_EXPECTED)
        else:
            self.wrong(doc, m, "type", what, TYPE_EXPECTED)
        return None

    def integrations(self, doc: Document, m: Mapping, what: str) -> tuple:
        node = self.mapping(doc, m, "integrations", what)
        if node is None:
            return ()
        found = {}
        for key in node.index:
            if key not in INTEGRATIONS:
                self.unknown_key(doc, node, key, INTEGRATIONS, "integrations")
                continue
            value = self.flag(doc, node, key, f"the integrations of {what}", None)
            if value is not None:
                found[key] = value
        # Canonical order, so that two exports that say the same are equal.
        return tuple((key, found[key]) for key in INTEGRATIONS if key in found)

    def ids(self, doc: Document, seq: Sequence, label: str, expected: str) -> list[str]:
        """The ids listed in ``seq``; each item that is no id is reported."""
        ids = []
        for position, value in enumerate(seq.items):
            if value.__class__ is not str or not value:
                self.add(doc, seq.item_ymark(position), f"{label}: expected {expected}, got {describe(value)}")
            else:
                ids.append(value)
        return ids

    def partners(self, doc: Document, m: Mapping, what: str) -> tuple:
        seq = self.sequence(doc, m, "persons", what, required=True)
        if seq is None:
            return ()
        ids = self.ids(doc, seq, f"persons of {what}", "an id")
        if len(seq.items) != 2:
            self.add(
                doc,
                m.value_ymark("persons"),
                f"persons of {what} lists {len(seq.items)} id(s); expected exactly two",
            )
        return tuple(ids)

    def reference_problem(
        self, doc, ymark, what: str, target: str, clients, contacts, broken, want: str,
        registration: bool = False,
    ):
        """Report a reference to ``target`` that is not a ``want`` ("client",
        "person", "record"); returns False when it is fine. ``registration``:
        a reference between records of the export, reported under the codes
        main-not-person and dangling-reference."""
        if target in broken and not (want == "client" and broken[target] == "contact"):
            return False  # the record itself is reported already
        if target in clients:
            client = clients[target]
            if want == "client" or want == "record":
                return False
            if want == "person" and client.type == PERSON:
                return False
            self.add(
                doc,
                ymark,
                f"{what} must name a person client or a contact; {target} is a company "
                "(Klant-Bedrijf)",
                "main-not-person" if registration else None,
            )
            return True
        if target in contacts or target in broken:
            if want != "client":
                return False
            self.add(
                doc,
                ymark,
                f"{what}: {target!r} is a contact, not a client; expected the id of a client "
                "(Klant-Bedrijf or Klant-Persoon)",
            )
            return True
        pool = clients if want == "client" else IdUnion(clients, contacts, broken)
        kind = "client" if want == "client" else "client or contact"
        self.add(
            doc,
            ymark,
            f"{what}: there is no {kind} with id {target!r}{self.suggest_id(target, pool)}",
            "dangling-reference" if registration else None,
        )
        return True

    # -- the scenario --

    def scenario_export(self, doc: Document, root: Mapping, inline, sources: list) -> Export | None:
        """The scenario's export, from its file or inline; None when unusable.

        The bytes of an export file are appended to ``sources``.
        """
        idx = root.index
        given = [key for key in INLINE_EXPORT_KEYS if key in idx]
        if "export" in idx and given:
            self.add(
                doc,
                root.key_ymark(given[0]),
                f"the scenario has both 'export' (line {root.key_ymark('export').line + 1}) and "
                f"an inline {given[0]!r}; give the export either as a file or inline, not both",
            )
            return None
        if "export" not in idx:
            if not given:
                self.add(
                    doc,
                    root.ymark,
                    "the scenario has no export; expected 'export: <file>' or inline "
                    "'clients' (with 'contacts' and 'relations')",
                )
                return None
            errors = len(self.problems)
            export = inline.finish(root, doc.name)
            return export if len(self.problems) == errors else None
        value = idx["export"]
        if value.__class__ is not str or not value:
            self.wrong(doc, root, "export", "the scenario", "the path of an export file")
            return None
        export_path = os.path.normpath(os.path.join(os.path.dirname(doc.name), value))
        try:
            loaded = self.export_file_entry(export_path)
        except FileRefused as refused:
            if refused.missing:
                message = (
                    f"export file not found: {value} (looked for {export_path}); "
                    "the path is relative to the scenario file"
                )
            else:
                message = f"the export file {refused.path} {refused.reason}"
            self.add(doc, root.value_ymark("export"), message)
            return None
        sources.append(loaded.data)
        # Its problems, if any, are reported with the scenario's own.
        self.problems.extend(loaded.problems)
        self.suggestions_left -= loaded.suggestions
        return loaded.export

    def export_file_entry(self, path: str) -> _ExportFile:
        """The export file ``path``, loaded, or found unchanged in the cache."""
        cache = self.exports
        if cache is not None:
            entry = cache.get(path)
            if entry is not None:
                return entry
        data, signature = read_file(path, self.policy)
        # A loader of its own, so that what the file holds does not depend
        # on the scenario that names it (an entry serves many).
        loader = _Loader(policy=self.policy)
        try:
            export = loader.export_file(data, path)
        except InputError as error:
            # The export cannot be read at all: its problems are reported and
            # the scenario's own checks go on.
            loader.problems[:] = error.problems
            export = None
        problems = loader.problems
        entry = _ExportFile(
            signature,
            data,
            None if problems else export,
            list(problems),
            SUGGESTION_BUDGET - loader.suggestions_left,
        )
        self.loaded_big = _is_big(entry.export)
        if cache is not None:
            cache.put(path, entry)
        return entry

    def scenario(self, doc, root: Mapping, export, fingerprint) -> Scenario | None:
        what = "the scenario"
        description = self.text(doc, root, "description", what)
        events = self.events(doc, root, export)
        orphaned = "ask"
        options = self.mapping(doc, root, "options", what)
        if options is not None:
            self.check_keys(doc, options, OPTION_KEYS, "options")
            orphaned = self.choice(
                doc, options, "orphaned_clients", "options", ORPHANED_CLIENT_CHOICES, "ask"
            )
        proposed = None
        seq = self.sequence(doc, root, "proposed", what, required=False)
        if seq is not None:
            proposed = self.steps(doc, seq, "proposed")
        expect = None
        node = self.mapping(doc, root, "expect", what)
        if node is not None:
            expect = self.expect(doc, node)
        if self.problems or export is None:
            return None
        return Scenario(
            path=doc.name,
            export=export,
            events=events,
            fingerprint=fingerprint,
            orphaned_clients=orphaned,
            proposed=proposed,
            expect=expect,
            description=description,
            mark=doc.mark(root.ymark),
        )

    def steps(self, doc: Document, seq: Sequence, what: str) -> tuple[Step, ...]:
        steps = []
        expected = "a step {action: id} with action one of " + quote_all(ACTIONS)
        for position, item in enumerate(seq.items):
            ymark = seq.item_ymark(position)
            if item.__class__ is not Mapping or len(item.index) != 1:
                if item.__class__ is Mapping:
                    got = f"a mapping with {len(item.index)} keys"
                else:
                    got = describe(item)
                self.add(doc, ymark, f"{what}: expected {expected}; got {got}")
                continue
            (action, target), = item.index.items()
            if action not in ACTIONS:
                self.add(
                    doc,
                    item.key_ymark(action),
                    f"unknown action {action!r} in {what}{self.suggest_key(action, ACTIONS)} "
                    f"expected one of: {quote_all(ACTIONS)}",
                )
                continue
            if target.__class__ is not str or not target:
                self.add(
                    doc,
                    item.value_ymark(action),
                    f"{action} in {what} needs an id; got {describe(target)}",
                )
                continue
            steps.append(Step(action, target, doc.mark(item.ymark)))
        return tuple(steps)

    def expect(self, doc: Document, m: Mapping) -> Expect:
        self.check_keys(doc, m, EXPECT_KEYS, "expect")
        plan = findings = plan_mark = findings_mark = None
        seq = self.sequence(doc, m, "plan", "expect", required=False)
        if seq is not None:
            plan = self.steps(doc, seq, "expect.plan")
            plan_mark = doc.mark(seq.ymark)
        seq = self.sequence(doc, m, "findings", "expect", required=False)
        if seq is not None:
            findings_mark = doc.mark(seq.ymark)
            found = []
            for position, item in enumerate(seq.items):
                ymark = seq.item_ymark(position)
                match = FINDING_PATTERN.fullmatch(item) if item.__class__ is str else None
                # The pattern admits no leading zero and at most nine digits.
                step = int(match[2]) if match and match[2] else None
                if match is None:
                    self.add(
                        doc,
                        ymark,
                        f"expect.findings: {describe(item)} is not a finding; expected "
                        "code or code@step, e.g. new-login or new-login@3 (code in kebab-case, "
                        "step a positive number below 1,000,000,000)",
                    )
                    continue
                found.append(ExpectedFinding(match[1], step, doc.mark(ymark)))
            findings = tuple(found)
        return Expect(plan, findings, plan_mark, findings_mark)

    # -- events --

    def events(self, doc: Document, root: Mapping, export: Export | None) -> tuple[Event, ...]:
        seq = self.sequence(doc, root, "events", "the scenario", required=True)
        if seq is None:
            return ()
        if not seq.items:
            self.add(
                doc,
                root.value_ymark("events"),
                "the scenario has no events; expected at least one of: " + quote_all(EVENT_KINDS),
            )
            return ()
        events = []
        for position, item in enumerate(seq.items):
            event = self.event(doc, item, seq.item_ymark(position), export)
            if event is not None:
                events.append(event)
        return tuple(events)

    def event(self, doc: Document, item, ymark, export: Export | None) -> Event | None:
        expected = "an event {kind: {...}} with kind one of " + quote_all(EVENT_KINDS)
        if item.__class__ is not Mapping or len(item.index) != 1:
            got = f"a mapping with {len(item.index)} keys" if item.__class__ is Mapping else describe(item)
            self.add(doc, ymark, f"expected {expected}; got {got}")
            return None
        (kind, body), = item.index.items()
        if kind not in EVENT_KINDS:
            self.add(
                doc,
                item.key_ymark(kind),
                f"unknown event {kind!r}{self.suggest_key(kind, EVENT_KINDS)} "
                f"expected one of: {quote_all(EVENT_KINDS)}",
            )
            return None
        if body.__class__ is not Mapping:
            self.add(
                doc,
                item.value_ymark(kind),
                f"{kind} needs a mapping of its details, e.g. "
                + _EVENT_EXAMPLE[kind]
                + f"; got {describe(body)}",
            )
            return None
        errors = len(self.problems)
        what = f"the {kind} event"
        self.check_keys(doc, body, EVENT_KEYS[kind], what)
        unlink = self.flag(doc, body, "unlink", what, kind in UNLINK_BY_DEFAULT)
        mark = doc.mark(item.ymark)
        if kind == DEATH:
            event = Event(kind, person=self.ident(doc, body, "person", what), unlink=unlink, mark=mark)
        elif kind == LEAVE:
            clients = None
            seq = self.sequence(doc, body, "clients", what, required=False)
            if seq is not None:
                clients = self.ids(doc, seq, f"clients of {what}", "a client id")
                if not seq.items:
                    self.add(
                        doc,
                        body.value_ymark("clients"),
                        f"clients of {what} is empty; leave it out to mean every company, "
                        "or list client ids",
                    )
                clients = tuple(clients)
            event = Event(
                kind,
                person=self.ident(doc, body, "person", what),
                clients=clients,
                end_client=self.flag(doc, body, "end_client", what, False),
                unlink=unlink,
                mark=mark,
            )
        elif kind == REVOKE:
            idx = body.index
            if "contact" in idx and ("person" in idx or "client" in idx):
                other = "person" if "person" in idx else "client"
                self.add(
                    doc,
                    body.key_ymark(other),
                    f"{what} takes either 'contact' or 'person' with 'client', not both",
                )
                return None
            if "contact" in idx:
                event = Event(
                    kind, contact=self.ident(doc, body, "contact", what), unlink=unlink, mark=mark
                )
            elif "person" in idx or "client" in idx:
                event = Event(
                    kind,
                    person=self.ident(doc, body, "person", what),
                    client=self.ident(doc, body, "client", what),
                    unlink=unlink,
                    mark=mark,
                )
            else:
                self.add(
                    doc,
                    body.ymark,
                    f"{what} names no one; expected {{contact: ID}} or {{person: ID, client: ID}}",
                )
                return None
        else:
            event = Event(kind, client=self.ident(doc, body, "client", what), unlink=unlink, mark=mark)
        if len(self.problems) != errors:
            return None
        if export is not None:
            self.check_event_ids(doc, event, body, export)
        return event

    def check_event_ids(self, doc: Document, event: Event, body: Mapping, export: Export) -> None:
        clients, contacts = export.clients, export.contacts
        kind = event.kind
        what = kind

        def person_ok(key: str) -> bool:
            return not self.reference_problem(
                doc, body.value_ymark(key), f"{key} of {what}", getattr(event, key),
                clients, contacts, {}, "person",
            )

        def client_ok(target: str, ymark, label: str) -> bool:
            return not self.reference_problem(
                doc, ymark, label, target, clients, contacts, {}, "client"
            )

        if kind == REMOVE_CLIENT:
            client_ok(event.client, body.value_ymark("client"), f"client of {what}")
            return
        if kind == REVOKE and event.contact is not None:
            if event.contact not in contacts:
                if event.contact in clients:
                    self.add(
                        doc,
                        body.value_ymark("contact"),
                        f"contact of {what}: {event.contact!r} is a client, not a contact; "
                        "expected a contact id (or give {person: ID, client: ID})",
                    )
                else:
                    self.add(
                        doc,
                        body.value_ymark("contact"),
                        f"contact of {what}: there is no contact with id {event.contact!r}"
                        + self.suggest_id(event.contact, contacts),
                    )
            return
        if not person_ok("person"):
            return
        root = export.root(event.person)
        # A client where the person has no contact record (any more) is not
        # an error: after staff switched that record off and unlinked it, a
        # fresh export no longer links it to the person, and the request,
        # re-run, resumes (the plan notes that nothing is left to do there).
        if kind == REVOKE:
            client_ok(event.client, body.value_ymark("client"), f"client of {what}")
        if kind == LEAVE:
            if event.clients is not None:
                seq = body.index["clients"]
                for position, target in enumerate(seq.items):
                    client_ok(target, seq.item_ymark(position), f"clients of {what}")
            if event.end_client and root not in clients:
                why = (
                    "it is a contact without a main link to a person client"
                    if root == event.person
                    else f"its main links end at contact {root}"
                )
                self.add(
                    doc,
                    body.value_ymark("end_client"),
                    f"end_client: {event.person} is not a Klant-Persoon ({why}); "
                    "only a person client can be ended",
                )


_EVENT_EXAMPLE = {
    DEATH: "{person: ID}",
    LEAVE: "{person: ID, clients: [ID, ...], end_client: true}",
    REVOKE: "{contact: ID} or {person: ID, client: ID}",
    REMOVE_CLIENT: "{client: ID}",
}
