"""Reading a scenario file: its export (a file next to it, or inline), its
events, options, proposed order and expectations.

The export file is read through :mod:`planner.load.export_file` (and its cache,
when many scenarios share one); an inline export goes through the same
record reading (:mod:`planner.load.records`), so both give equal exports. The
events are read by :mod:`planner.load.events`. Everything wrong is gathered into
one :class:`~planner.text.errors.InputError`.
"""

from __future__ import annotations

import hashlib
import os

from planner.load.events import EventReader, keys_got
from planner.load.export_file import ExportCache, LoadedExport, is_big, load_export_file, no_gc, root_mapping
from planner.load.fields import FieldChecks
from planner.load.files import STDIN_NAME, FileRefused, ReadPolicy, read_file
from planner.load.records import ExportRecords
from planner.load.schema import (
    DECISION_CHOICES,
    EXPECT_KEYS,
    FINDING_PATTERN,
    INLINE_EXPORT_KEYS,
    OPTION_KEYS,
    SCENARIO_KEYS,
    scenario_expected,
)
from planner.load.yaml.problems import Problems, describe, listed, shown
from planner.load.yaml.reader import Document, Mapping, Sequence, read
from planner.model.office import Export
from planner.model.scenario import ORPHANED_CLIENT_CHOICES, Expect, ExpectedFinding, Scenario
from planner.model.steps import ACTIONS, LINK, Step
from planner.text.errors import InputError
from planner.text.messages import LANGUAGES, N_, _
from planner.text.suggest import IdSuggestions, IdUnion
from planner.text.typography import number, quoted

#: The keys of a link step: ``- link: {contact: X, main: Y}``.
LINK_KEYS = ("contact", "main")


def load_scenario(
    path: str, exports: ExportCache | None = None, policy: ReadPolicy = ReadPolicy()
) -> Scenario:
    """Read the scenario file ``path`` and the export it names or holds.

    With ``exports``, an export file already loaded through the same cache
    (and unchanged since) is not read again: many scenarios can share one.
    """
    data, _stamp = read_file(path, policy)
    return ScenarioReader(path, policy, exports).read(data)


def read_standard_input(data: bytes, policy: ReadPolicy = ReadPolicy(), export: str | None = None) -> Scenario:
    """The scenario whose bytes came on standard input (``plan-removal -``).

    It has no folder to find an export file in: its export is inline, or
    the file ``export`` named on the command line (``--export FILE``).
    """
    reader = ScenarioReader(STDIN_NAME, policy, None, export)
    reader.standard_input = True
    return reader.read(data)


class ScenarioReader:
    """Reads one scenario file, gathering every problem in it."""

    def __init__(
        self, path: str, policy: ReadPolicy, exports: ExportCache | None, given_export: str | None = None
    ) -> None:
        self.policy = policy
        self.exports = exports
        #: the export file named on the command line (--export), if any
        self.given_export = given_export
        #: the export file the scenario names could not be read at all
        self.export_unreadable = False
        #: the scenario came on standard input: it has no folder of its own
        self.standard_input = False
        self.problems = Problems()
        self.suggestions = IdSuggestions()
        self.doc = Document(path)
        self.checks = FieldChecks(self.problems, self.doc)
        #: the bytes the fingerprint covers: the scenario's, then its export file's
        self.sources: list[bytes] = []
        self.loaded_big = False  # the export file is big (see exportfile.no_gc)

    def read(self, data: bytes) -> Scenario:
        self.sources.append(data)
        doc, problems = self.doc, self.problems
        with no_gc() as pause:
            inline = ExportRecords(problems, doc, self.suggestions)
            expected = scenario_expected()
            read(data, doc, expected, problems.kept, inline.hooks())
            root = root_mapping(doc, expected, problems)
            self.checks.keys(root, SCENARIO_KEYS, _("the scenario"))
            export = self.export(root, inline)
            scenario = self.scenario(root, export)
            pause.freeze = self.loaded_big
        try:
            problems.raise_if_any()
        except InputError as error:
            error.unreadable = self.export_unreadable
            raise
        return scenario

    # -- the export --

    def export(self, root: Mapping, inline: ExportRecords) -> Export | None:
        """The scenario's export, from its file or inline; None when unusable."""
        idx = root.index
        given = [key for key in INLINE_EXPORT_KEYS if key in idx]
        if self.given_export is not None:
            return self.command_line_export(root, ["export"] if "export" in idx else given)
        if "export" in idx and given:
            self.problems.at_key(
                self.doc, root, given[0],
                lambda: _(
                    "the scenario has both {export} (line {line}) and an inline {key}; "
                    "give the export either as a file or inline, not both"
                ).format(export=quoted("export"), line=root.key_ymark("export").line + 1, key=quoted(given[0])),
            )
            return None
        if "export" not in idx:
            if not given:
                self.problems.at_node(self.doc, root, _no_export(self.standard_input))
                return None
            before = len(self.problems)
            export = inline.finish(root, self.doc.name)
            return export if len(self.problems) == before else None
        value = idx["export"]
        if value.__class__ is not str or not value:
            self.checks.wrong(root, "export", _("the scenario"), _("the path of an export file"))
            return None
        return self.export_file(root, value)

    def export_path(self, root: Mapping, value: str, key: str = "export") -> str | None:
        """The file a scenario's ``export:`` names (or ``key`` of ``root``:
        a diff fixture's ``before:`` and ``after:``), relative to the scenario.

        Scenarios may come from a pull request that a firm's CI checks, so
        the export must resolve (after symlinks) inside the project that
        holds the scenario (:func:`project_of`, formats.md §6); anything
        else — an absolute path, a path out of the project — is reported
        unless ``--allow-export-outside`` lifts it for trusted local use.
        The working directory plays no part: a scenario gives the same
        answer from any folder.
        """
        if "\0" in value:
            self.problems.at_value(
                self.doc, root, key, _("the export path has a NUL character, which no file name can hold")
            )
            return None
        path = os.path.normpath(os.path.join(os.path.dirname(self.doc.name), value))
        if self.policy.allow_export_outside:
            return path
        if os.path.isabs(value):
            self.problems.at_value(self.doc, root, key, _outside(value))
            return None
        top = project_of(self.doc.name)
        if not _within(os.path.realpath(path), top):
            self.problems.at_value(self.doc, root, key, _outside(value, top))
            return None
        return path

    def command_line_export(self, root: Mapping, named: list[str]) -> Export | None:
        """The export file given with ``--export`` (a path the person running
        the command chose, so not confined); the scenario must hold none."""
        if named:
            self.problems.at_key(
                self.doc, root, named[0],
                _(
                    "the export is given with --export; expected a scenario without {key} "
                    "(an export file or an inline export, not both)"
                ).format(key=quoted(named[0])),
            )
            return None
        # A file that cannot be read ends the run with its own message (exit status 2).
        return self.take(load_export_file(self.given_export, self.policy, self.exports))

    def export_file(self, root: Mapping, value: str) -> Export | None:
        if self.standard_input:
            self.problems.at_value(
                self.doc, root, "export",
                _(
                    "a scenario read from standard input has no folder to find its export file in; "
                    "expected the export inline ({clients}, {contacts}, {relations}) or given with --export FILE"
                ).format(**_inline_keys()),
            )
            return None
        export_path = self.export_path(root, value)
        if export_path is None:
            return None
        try:
            loaded = load_export_file(export_path, self.policy, self.exports, untrusted=True)
        except FileRefused as refused:
            self.export_unreadable = True
            self.problems.at_value(self.doc, root, "export", _unread(value, export_path, refused))
            return None
        return self.take(loaded)

    def take(self, loaded: LoadedExport) -> Export | None:
        """The scenario's export file as loaded; its problems are the scenario's."""
        self.sources.append(loaded.data)
        # Its problems, if any, are reported with the scenario's own.
        self.problems.extend(loaded.problems)
        self.suggestions.spend(loaded.suggestions)
        self.loaded_big = is_big(loaded.export)
        return loaded.export

    # -- the rest of the scenario --

    def scenario(self, root: Mapping, export: Export | None) -> Scenario | None:
        checks, what = self.checks, _("the scenario")
        description = self.description(root)
        events = EventReader(checks, self.suggestions).events(root, export)
        orphaned = "ask"
        options = checks.mapping(root, "options", what)
        if options is not None:
            checks.keys(options, OPTION_KEYS, quoted("options"))
            orphaned = checks.choice(options, "orphaned_clients", quoted("options"), ORPHANED_CLIENT_CHOICES, "ask")
        decisions = self.decisions(root, export)
        proposed = None
        seq = checks.sequence(root, "proposed", what)
        if seq is not None:
            proposed = self.steps(seq, "proposed")
        expect = None
        node = checks.mapping(root, "expect", what)
        if node is not None:
            expect = self.expect(node)
        if self.problems.kept or export is None:
            return None
        return Scenario(
            path=self.doc.name,
            export=export,
            events=events,
            fingerprint=fingerprint(self.sources),
            orphaned_clients=orphaned,
            decisions=decisions,
            decision_marks=self.decision_marks,
            proposed=proposed,
            expect=expect,
            description=description,
            mark=self.doc.mark(root.ymark),
        )

    def description(self, root: Mapping) -> dict[str, str]:
        """``description``: one text, or a text per language (``{nl: …, en: …}``);
        a single text is shown in every language, under the key ""."""
        value = root.index.get("description")
        if value is None:
            return {}
        if value.__class__ is str:
            return {"": value}
        node = self.checks.mapping(root, "description", _("the scenario"))
        if node is None:
            return {}
        where = quoted("description")
        self.checks.keys(node, LANGUAGES, where)
        texts = {lang: self.checks.text(node, lang, where) for lang in LANGUAGES}
        return {lang: text for lang, text in texts.items() if text is not None}

    def decisions(self, root: Mapping, export: Export | None) -> dict[str, str]:
        """``decisions: {SUBJECT: keep | remove}``: each subject a record or
        klant of the export (a decide step's target)."""
        self.decision_marks = {}  # where each is, for CI to point at it
        node = self.checks.mapping(root, "decisions", _("the scenario"))
        if node is None:
            return {}
        taken = {}
        for subject in node.index:
            about = _("the decision about {subject}").format(subject=shown(subject))
            choice = self.checks.choice(node, subject, about, DECISION_CHOICES, None)
            if export is not None and subject not in export:
                self.problems.at_key(
                    self.doc, node, subject,
                    lambda subject=subject: _("decisions: there is no client or contact with id {id}").format(
                        id=shown(subject)
                    ) + self.suggestions.nearest(subject, IdUnion(export.clients, export.contacts)),
                )
            elif choice is not None:
                taken[subject] = choice
                self.decision_marks[subject] = self.doc.mark(node.key_ymark(subject))
        return taken

    def steps(self, seq: Sequence, what: str) -> tuple[Step, ...]:
        """The steps listed in ``seq``, the list under the key (path) ``what``."""
        steps = []
        for position, item in enumerate(seq.items):
            if item.__class__ is not Mapping or len(item.index) != 1:
                self.problems.at_item(
                    self.doc, seq, position,
                    lambda item=item: _(
                        "{what}: expected a step {example} (or {link}) with action one of {actions}; got {value}"
                    ).format(
                        what=what, example="{action: id}", link="{link: {contact: id, main: id}}",
                        actions=listed(ACTIONS), value=keys_got(item),
                    ),
                )
                continue
            (action, target), = item.index.items()
            if action not in ACTIONS:
                self.checks.unknown_key(item, action, ACTIONS, quoted(what), kind="action")
                continue
            if action == LINK:
                step = self.link_step(item, what)
                if step is not None:
                    steps.append(step)
                continue
            if target.__class__ is not str or not target:
                self.problems.at_value(
                    self.doc, item, action,
                    _("{action} in {what} needs an id; got {value}").format(
                        action=quoted(action), what=quoted(what), value=describe(target)
                    ),
                )
                continue
            steps.append(Step(action, target, mark=self.doc.mark(item.ymark)))
        return tuple(steps)

    def link_step(self, item: Mapping, what: str) -> Step | None:
        """``- link: {contact: X, main: Y}``: the one step with two ids."""
        checks = self.checks
        body = checks.mapping(item, LINK, quoted(what))
        if body is None:
            return None  # reported: a link names its contact and its main
        where = _("the link step in {what}").format(what=quoted(what))
        checks.keys(body, LINK_KEYS, where)
        contact = checks.ident(body, "contact", where)
        main = checks.ident(body, "main", where)
        if contact is None or main is None:
            return None
        return Step(LINK, contact, main, mark=self.doc.mark(item.ymark))

    def expect(self, m: Mapping) -> Expect:
        checks, doc = self.checks, self.doc
        expect = quoted("expect")
        checks.keys(m, EXPECT_KEYS, expect)
        plan = findings = plan_mark = findings_mark = None
        seq = checks.sequence(m, "plan", expect)
        if seq is not None:
            plan = self.steps(seq, "expect.plan")
            plan_mark = doc.mark(seq.ymark)
        seq = checks.sequence(m, "findings", expect)
        if seq is not None:
            findings_mark = doc.mark(seq.ymark)
            found = []
            for position, item in enumerate(seq.items):
                match = FINDING_PATTERN.fullmatch(item) if item.__class__ is str else None
                if match is None:
                    self.problems.at_item(
                        doc, seq, position,
                        lambda item=item: _(
                            "expect.findings: {value} is not a finding; expected code or code@step, e.g. new-login "
                            "or new-login@3 (code in kebab-case, step a positive number below {limit})"
                        ).format(value=describe(item), limit=number(1_000_000_000)),
                    )
                    continue
                # The pattern admits no leading zero and at most nine digits.
                step = int(match[2]) if match[2] else None
                found.append(ExpectedFinding(match[1], step, doc.mark(seq.item_ymark(position))))
            findings = tuple(found)
        return Expect(plan, findings, plan_mark, findings_mark)


def _inline_keys() -> dict[str, str]:
    """The keys of an inline export, quoted, for a message."""
    return {key: quoted(key) for key in INLINE_EXPORT_KEYS}


def _no_export(standard_input: bool) -> str:
    """What a scenario without an export is told (one on standard input has no file beside it)."""
    where = "--export FILE" if standard_input else quoted(_("export: <file>"))
    return _(
        "the scenario has no export; expected {where} or inline {clients} (with {contacts} and {relations})"
    ).format(where=where, **_inline_keys())


def _outside(value: str, top: str | None = None) -> str:
    """Why the export path ``value`` is refused: absolute, or (``top``) out of the project."""
    if top is None:
        message = _(
            "the export path {path} is absolute; a scenario names its export relative to itself, "
            "inside its project ({rule}); give --allow-export-outside to allow it (for trusted local use)"
        )
    else:
        message = _(
            "the export path {path} leads outside {top}, the project the scenario is in ({rule}); "
            "give --allow-export-outside to allow it (for trusted local use)"
        )
    return message.format(path=shown(value), top=top, rule=_(PROJECT_RULE))


def _unread(value: str, path: str, refused: FileRefused) -> str:
    """Why the export file ``value`` (at ``path``) could not be read."""
    if refused.missing:
        return _(
            "export file not found: {value} (looked for {path}); the path is relative to the scenario file"
        ).format(value=shown(value), path=path)
    return _("the export file {path} {reason}").format(path=refused.path, reason=refused.reason)


#: Where a scenario's export may be, in one sentence (formats.md §6), as
#: messages, ``--help`` and the README say it (translated where shown).
PROJECT_RULE = N_(
    "a scenario's export must be inside its project: the nearest folder at or above the "
    "scenario that holds .git or .plan-removal.yaml; without one, the home folder when the "
    "scenario is in it; else the scenario's own folder"
)
#: What marks the folder of a project: a repository, or a configuration.
PROJECT_MARKS = (".git", ".plan-removal.yaml")


def export_allowed(scenario: str, export: str) -> bool:
    """Whether a scenario file at ``scenario`` (which may not exist yet) may
    name the export file ``export`` without ``--allow-export-outside`` (see
    :meth:`ScenarioReader.export_path`), from whatever folder it is run."""
    return _within(os.path.realpath(export), project_of(scenario))


def project_of(scenario: str) -> str:
    """The folder a scenario's export must be in (formats.md §6, "Where a
    scenario's export may be"): the nearest folder at or above the
    scenario's own that holds ``.git`` or ``.plan-removal.yaml``; without
    one, the home folder when the scenario is inside it; else the
    scenario's own folder. Real paths (after symlinks); the working
    directory plays no part."""
    own = os.path.realpath(os.path.dirname(os.path.abspath(scenario)))
    folder = own
    while True:
        if any(os.path.lexists(os.path.join(folder, mark)) for mark in PROJECT_MARKS):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    home = os.path.realpath(os.path.expanduser("~"))
    return home if home != os.sep and _within(own, home) else own


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def fingerprint(sources: list[bytes]):
    """The scenario's fingerprint, computed when first read: sha256 over each
    file's length and bytes, the scenario's first (see Scenario)."""

    def compute() -> str:
        digest = hashlib.sha256()
        for data in sources:
            # A length prefix per file: no two different pairs of files hash alike.
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return "sha256:" + digest.hexdigest()

    return compute
