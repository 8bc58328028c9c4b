"""``--check`` and ``--lint``: files under some paths, each held to what it should be.

``--check``: every scenario is planned and held to its ``expect``. A fixture
fails when it cannot be loaded, when its plan differs from ``expect.plan``,
when a finding listed in ``expect.findings`` does not occur, or when a
finding of severity error occurs that is not listed (with ``--strict``, an
unlisted warning too). ``expect.findings`` is about the proposed order when
the scenario has one, else about the plan. An export file's own registration
findings are reported once, at the export, whatever number of scenarios use
it; a scenario lists one (by its code alone) to accept it.

What each file is, scenario, export or neither, is the loading side's one
rule (:func:`planner.load.export_file.file_kind`). A YAML file under the
paths that is not a scenario (it has no top-level ``events:``) is the export
of one of the scenarios checked, or an export no scenario uses
(``unused-export``, a note), or else it is read as a scenario and everything
a single run would say about it is reported (``not-a-scenario``), so a
scenario whose ``events`` key is misspelt is never silently skipped and its
"did you mean" is kept.

``--lint``: the registration rules over each export file given, and over
each file under a folder given that the same rule calls an export.

``-`` alone (``--check -``, ``--lint -``): the one scenario, or export, on
standard input, read and named (``<stdin>``) as ``plan-removal -`` reads it.

A finding points at the line it is about (:class:`_Places`), so that a pull
request's annotation lands there: the event, or the ``decisions:`` entry it
follows from, not the file's first line.

Files the configuration excludes are never taken (``skip``), and the level
of each code can be changed afterwards (:func:`with_levels`). Findings at
steps of a proposed order that repeat earlier steps are one line per kind
(:mod:`planner.ci.repeats`), which keeps them all for the JSON report. The
outcomes are plain data; :mod:`planner.ci.reports` and :mod:`planner.ci.sarif`
write them.
"""

from __future__ import annotations

import os
import pathlib
import traceback
from dataclasses import dataclass, field, replace

from planner import parallel
from planner.ci import repeats as repeated
from planner.ci.config import OFF
from planner.diff.fixture import load_diff_fixture
from planner.load.export_file import DIFF, EXPORT, SCENARIO, file_kind, load_export_file, read_export
from planner.load.files import STDIN_NAME, ReadPolicy, read_file, read_stream
from planner.load.loading import ExportCache, load_export, load_scenario, read_standard_input
from planner.model.findings import ERROR, INFO, WARNING, Finding, as_values, from_values
from planner.model.office import Export
from planner.model.scenario import ExpectedFinding, Scenario
from planner.plan.graph import plan as make_plan
from planner.plan.proof import validate
from planner.plan.registration import RegistrationCache, lint, lint_refused
from planner.rules import BY_ID, REGISTRATION_CODES
from planner.text.errors import InputError, Mark
from planner.text.messages import N_, _, n_
from planner.text.suggest import did_you_mean
from planner.text.typography import number, shown

#: The messages of the check's own codes, translated where a line is made.
UNUSED = N_("no scenario checked uses this export, so nothing was checked against it (--lint checks its "
            "registration)")
BUG_MESSAGE = N_(
    "plan-removal met an internal error (a bug) while checking this file; the other files "
    "are still checked. Please report it with this file and the traceback"
)


@dataclass(frozen=True)
class Line:
    """One problem, as ``path:line:col: [level] code: message``."""

    mark: Mark
    level: str
    code: str
    message: str
    #: the lines one line of findings at repeated steps stands for (see
    #: planner.ci.repeats); none for a line that stands for itself
    repeats: tuple[Line, ...] = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.mark}: [{self.level}] {self.code}: {self.message}"


@dataclass
class Outcome:
    """What checking one file found."""

    path: str
    lines: list[Line] = field(default_factory=list)
    failed: bool = False
    #: an input could not be read at all (exit status 2), or, under --lint,
    #: the export was refused for anything but its registration
    input_error: bool = False
    #: the traceback of an internal error (a bug) met while checking the file
    bug: str | None = None
    #: a scenario over an export file of its own: the file's real path and
    #: path as named, and the registration codes the scenario lists (see
    #: CheckSession.export_outcomes)
    export_use: tuple[str, str, tuple[str, ...]] | None = field(default=None, compare=False, repr=False)
    #: a diff fixture: the files it compared, inputs no report may overwrite
    reads: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def add(self, line: Line, strict: bool) -> None:
        self.lines.append(line)
        self.failed |= fails(line.level, strict)


def fails(level: str, strict: bool) -> bool:
    """Whether a problem of ``level`` fails the check: an error always, a
    warning with ``--strict``."""
    return level == ERROR or (strict and level == WARNING)


def _never(_path: str) -> bool:
    return False


def files_under(paths, skip=_never) -> list[pathlib.Path]:
    """The files given and the YAML files under the folders given, each
    folder's sorted; none that ``skip`` leaves out."""
    files: list[pathlib.Path] = []
    for given in paths:
        path = pathlib.Path(given)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            files.append(path)
    # A file given twice (itself and under its folder) is taken once.
    return [path for path in dict.fromkeys(files) if not skip(str(path))]


def discover(paths, policy: ReadPolicy = ReadPolicy(), skip=_never) -> tuple[list[str], list[str], set[str]]:
    """Scenario files (diff fixtures among them) and other YAML files under
    ``paths``, each sorted, and which of the first are diff fixtures
    (:func:`~planner.load.export_file.file_kind`)."""
    scenarios, others, diffs = [], [], set()
    for path in files_under(paths, skip):
        try:
            data = read_file(str(path), policy)[0]
        except InputError:
            scenarios.append(str(path))  # the loader reports why it cannot be read
            continue
        kind = file_kind(data, str(path))
        (scenarios if kind in (SCENARIO, DIFF) else others).append(str(path))
        if kind == DIFF:
            diffs.add(str(path))
    return scenarios, others, diffs


@dataclass
class _ExportFileSeen:
    """An export file that scenarios of this check use."""

    export: Export
    registration: tuple[Finding, ...]
    #: registration codes a scenario over it lists: accepted, not reported
    listed: set[str] = field(default_factory=set)


class _NamedExports(ExportCache):
    """A check's export cache, which also remembers every export file a
    scenario named, even one whose scenario then failed to load: such a
    file is in use, not an unused export."""

    def __init__(self) -> None:
        super().__init__()
        self.named: set[str] = set()

    def get(self, path: str):
        if "\0" not in path:
            self.named.add(os.path.realpath(path))
        return super().get(path)


class CheckSession:
    """One ``--check``: what the scenarios share is worked out once — each
    export file is read once (:class:`ExportCache`) and its registration
    findings are worked out and reported once (:class:`RegistrationCache`)."""

    def __init__(self, catalog, strict: bool = False, policy: ReadPolicy = ReadPolicy(), skip=_never,
                 lang: str = "nl") -> None:
        self.catalog = catalog
        #: the language of the catalog, for the numbers its lines hold
        self.lang = lang
        self.strict = strict
        self.policy = policy
        #: files the configuration excludes
        self.skip = skip
        self.exports = _NamedExports()
        self.registrations = RegistrationCache()
        #: the export files scenarios use, by real path
        self.export_files: dict[str, Export] = {}
        #: every file this check read: what no report of it may overwrite
        self.inputs: list[str] = []
        #: the files under the paths that are diff fixtures (planner.diff.fixture)
        self.diffs: set[str] = set()

    def paths(self, paths) -> list[Outcome]:
        scenarios, others, self.diffs = discover(paths, self.policy, self.skip)
        self.inputs += scenarios + others
        outcomes = self.scenarios(scenarios)
        unused = [path for path in others if os.path.realpath(path) not in self.exports.named]
        exports = {path for path in unused if self.export_shaped(path)}
        # A file with no 'events:' that is no export is read as a scenario
        # first: it may name one of the exports, which is then in use.
        found = {path: self.file(path, "not-a-scenario") for path in unused if path not in exports}
        for path in unused:
            if path in exports and os.path.realpath(path) not in self.exports.named:
                found[path] = self.unused_export(path)
        read_as_scenarios = outcomes + list(found.values())
        self.inputs += [o.export_use[1] for o in read_as_scenarios if o.export_use is not None]
        self.inputs += [path for o in outcomes for path in o.reads]
        outcomes += self.export_outcomes(read_as_scenarios)
        return outcomes + [found[path] for path in unused if path in found]

    def scenarios(self, paths: list[str]) -> list[Outcome]:
        """Each scenario file checked, in order.

        With many, a worker process (:mod:`planner.parallel`) takes part, once
        the first scenario has loaded what the rest most likely share, its
        export: the worker checks every other scenario, or, when there is
        such an export, every third and that export's registration (which
        the export's own outcome reports). If the worker fails, its part is
        done here; the outcomes are the same either way."""
        if not parallel.worth("check", len(paths)):
            return [self.file(path) for path in paths]
        first = self.file(paths[0])
        shared = list(self.export_files.values())
        every = 3 if shared else 2
        theirs = set(range(every, len(paths), every))
        done, sent = parallel.alongside(
            lambda: self._check_for_parent([paths[n] for n in sorted(theirs)], shared),
            lambda: {n: self.file(paths[n]) for n in range(1, len(paths)) if n not in theirs},
        )
        if sent is None:
            done.update((n, self.file(paths[n])) for n in sorted(theirs))
        else:
            named, plain, registrations = sent
            self.exports.named.update(named)
            done.update(zip(sorted(theirs), map(_outcome, plain)))
            for export, findings in zip(shared, registrations):
                self.registrations.put(export, self.catalog, tuple(map(from_values, findings)))
        return [first, *(done[n] for n in range(1, len(paths)))]

    def _check_for_parent(self, paths: list[str], shared: list[Export]) -> tuple:
        """In the worker: the export files the scenarios ``paths`` named, their
        outcomes, and the registration findings of the ``shared`` exports,
        as plain values."""
        plain = [_plain(self.file(path)) for path in paths]
        registrations = [[as_values(f) for f in self.registrations.findings(export, self.catalog)]
                         for export in shared]
        return sorted(self.exports.named), plain, registrations

    def export_shaped(self, path: str) -> bool:
        """Whether a file is an export (a file it cannot read is read as a
        scenario, which says why).

        An export file is loaded once, here, and kept in the check's cache
        for :meth:`unused_export` (put, not looked up: looking it up would
        count it as named by a scenario). A sound export is one (the loader
        refuses any top-level key an export has not); only for a file the
        loader refuses is :func:`~planner.load.export_file.file_kind` asked.
        """
        try:
            loaded = load_export_file(path, self.policy)
        except InputError:
            return False
        except Exception:  # noqa: BLE001 - a bug in the loader is reported by reading it as a scenario
            return False
        if loaded.export is None and file_kind(loaded.data, path) != EXPORT:
            return False
        self.exports.put(path, loaded)
        return True

    def unused_export(self, path: str) -> Outcome:
        """An export file no scenario checked uses: a note, or what makes
        it no export."""
        outcome = Outcome(path)
        try:
            loaded = load_export_file(path, self.policy, self.exports)
        except InputError as error:
            loaded = None
            problems = error.problems
            outcome.input_error = error.unreadable
        except Exception:  # noqa: BLE001 - a bug in one file must not end the check
            return _bug_outcome(path)
        else:
            problems = loaded.problems
        for problem in problems:
            outcome.add(Line(problem.mark or Mark(path, 1, 1), ERROR, problem.code or "input", problem.message),
                        self.strict)
        if loaded is not None and not problems:
            outcome.add(Line(Mark(path, 1, 1), INFO, "unused-export", _(UNUSED)), self.strict)
        return outcome

    def file(self, path: str, code: str = "input") -> Outcome:
        """One scenario file (or diff fixture), its problems reported under
        ``code``; a bug met while checking it fails it alone."""
        if path in self.diffs:
            try:
                return self.diff_fixture(path)
            except InputError as error:
                return self.refused(path, error, code)
            except Exception:  # noqa: BLE001 - a bug in one fixture must not end the check
                return _bug_outcome(path)
        return self.loaded(path, lambda: load_scenario(path, self.exports, self.policy), code)

    def standard_input(self, stream, export: str | None = None) -> list[Outcome]:
        """``--check -``: the one scenario on standard input, named as a
        single run names it (``<stdin>``), with its export inline or the
        file ``export`` (``--export``); and that file's own outcome."""

        def load() -> Scenario:
            return read_standard_input(read_stream(stream, self.policy), self.policy, export)

        outcome = self.loaded(STDIN_NAME, load)
        self.inputs.append(STDIN_NAME)
        if outcome.export_use is None:
            return [outcome]
        self.inputs.append(outcome.export_use[1])
        return [outcome, *self.export_outcomes([outcome])]

    def loaded(self, path: str, load, code: str = "input") -> Outcome:
        """The scenario ``load`` reads (from ``path``), checked; its problems
        reported under ``code``."""
        try:
            scenario = load()
        except InputError as error:
            return self.refused(path, error, code)
        except Exception:  # noqa: BLE001 - a bug in one fixture must not end the check
            return _bug_outcome(path)
        try:
            return self.scenario(scenario)
        except Exception:  # noqa: BLE001
            return _bug_outcome(path)

    def refused(self, path: str, error: InputError, code: str) -> Outcome:
        """A fixture that could not be used: each problem at its place, under ``code``."""
        outcome = Outcome(path, input_error=error.unreadable)
        for problem in error.problems:
            outcome.add(Line(problem.mark or Mark(path, 1, 1), ERROR, code, problem.message), self.strict)
        return outcome

    def diff_fixture(self, path: str) -> Outcome:
        """A diff fixture (:mod:`planner.diff.fixture`): ``plan-removal
        diff`` of its two exports, held to the findings it expects. Its
        exports are in use; what is wrong in one is reported at its place."""
        from planner.diff.compare import compare_files
        from planner.diff.report import build

        fixture = load_diff_fixture(path, self.policy)
        for named in (fixture.before, fixture.after):
            self.exports.named.add(os.path.realpath(named))
        compared = compare_files(fixture.before, fixture.after, self.policy, fixture.request)
        found = build(compared, self.lang, self.strict).reading_findings
        outcome = Outcome(path, reads=tuple(p for p in (fixture.before, fixture.after, fixture.request) if p))
        listed = list(fixture.expected or ())
        for line in _unmet(listed, found):
            outcome.add(line, self.strict)
        for f in found:
            if not any(_matches(e, f) for e in listed):
                outcome.add(Line(fixture.mark, f.severity, f.code, f.message), self.strict)
        return outcome

    def scenario(self, scenario: Scenario) -> Outcome:
        outcome = Outcome(scenario.path)
        plan = make_plan(scenario)
        # Every order is proven, as for a checklist; the count of them is
        # not printed here, so not worked out.
        verdict = validate(plan, self.catalog, count_orders=False, registration=False)
        expect = scenario.expect
        strict = self.strict

        if expect is not None and expect.plan is not None:
            got, wanted = [p.step for p in plan.steps], list(expect.plan)
            if got != wanted:
                mark = expect.plan_mark or scenario.mark
                outcome.add(Line(mark, ERROR, "expect-plan", _plan_difference(wanted, got)), strict)

        proposed = verdict.proposed_findings is not None
        findings = list(verdict.proposed_findings if proposed else verdict.plan_findings)
        places = _Places(scenario, plan)
        if proposed:
            # The planner's own plan must be clean whatever the proposal says.
            for f in verdict.plan_findings:
                if f.severity == ERROR:
                    mark = places.of(f, False)
                    outcome.add(Line(mark, ERROR, f.code, _("plan: {message}").format(message=f.message)),
                                strict)

        listed = list(expect.findings) if expect is not None and expect.findings is not None else []
        export = scenario.export
        real = os.path.realpath(export.source)
        own_file = real != os.path.realpath(scenario.path)
        # The export's own registration findings, all of them, can be listed
        # too (code alone). Worked out once per export, and only when needed:
        # to meet what is listed, or to report them here, for an export in
        # the scenario itself.
        registration = self.registrations.findings(export, self.catalog) if listed or not own_file else ()
        for line in _unmet(listed, findings + list(registration)):
            outcome.add(line, strict)
        unlisted = [(f, Line(places.of(f, proposed), f.severity, f.code, f.message))
                    for f in findings if not any(_matches(e, f) for e in listed)]
        for line in self.condensed(unlisted, repeated.repeated_steps(scenario.proposed) if proposed else set()):
            outcome.add(line, strict)

        if own_file:
            # An export file of its own is reported once, as its own file
            # (export_outcomes): here only what this scenario lists is noted.
            self.export_files.setdefault(real, export)
            outcome.export_use = (real, export.source, tuple(sorted({e.code for e in listed if e.step is None})))
            return outcome
        self.inputs.append(export.source)
        for f in registration:
            if not any(_matches(e, f) for e in listed):
                mark = export.mark(f.subject) if f.subject in export else None
                mark = mark or places.of(f, proposed)
                outcome.add(Line(mark, f.severity, f.code, f.message), strict)
        return outcome

    def condensed(self, found: list[tuple[Finding, Line]], repeats: set[int]) -> list[Line]:
        """The lines of ``found``, those at steps in ``repeats`` (steps of a
        proposed order that repeat earlier ones) one per kind, which keeps
        the lines it stands for (:mod:`planner.ci.repeats`)."""
        def counted(n: int) -> str:
            return number(n, self.lang)

        lines = []
        for item in repeated.grouped(found, repeats):
            if isinstance(item, tuple):
                lines.append(item[1])
                continue
            first = item[0][1]
            message = repeated.summary([f for f, _pair in item], self.catalog, counted)
            lines.append(Line(first.mark, first.level, first.code, message, tuple(line for _finding, line in item)))
        return lines

    def export_outcomes(self, scenarios: list[Outcome]) -> list[Outcome]:
        """One outcome per export file the ``scenarios`` use, in the order
        they first use them, with its registration findings that no scenario
        over it lists."""
        used: dict[str, _ExportFileSeen] = {}
        for outcome in scenarios:
            if outcome.export_use is None:
                continue
            real, source, listed = outcome.export_use
            seen = used.get(real)
            if seen is None:
                export = self.export_files.get(real) or self._export_loaded(source)
                if export is None:
                    continue
                seen = used[real] = _ExportFileSeen(export, self.registrations.findings(export, self.catalog))
            seen.listed.update(listed)
        outcomes = []
        for seen in used.values():
            outcome = Outcome(seen.export.source)
            for f in seen.registration:
                if f.code in seen.listed:
                    continue
                mark = f.mark or (seen.export.mark(f.subject) if f.subject in seen.export else None)
                outcome.add(Line(mark or Mark(seen.export.source, 1, 1), f.severity, f.code, f.message),
                            self.strict)
            if outcome.lines:
                outcomes.append(outcome)
        return outcomes

    def _export_loaded(self, path: str) -> Export | None:
        """An export file only the worker's scenarios used, loaded here too
        (None if it can no longer be: the scenarios said what was wrong)."""
        try:
            return load_export_file(path, self.policy, self.exports).export
        except Exception:  # noqa: BLE001 - changed or gone since: its scenarios were checked
            return None


def _plain_line(line: Line) -> tuple:
    return (line.mark.file, line.mark.line, line.mark.col, line.level, line.code, line.message,
            [_plain_line(each) for each in line.repeats])


def _line(values: tuple) -> Line:
    f, n, c, level, code, message, repeats = values
    return Line(Mark(f, n, c), level, code, message, tuple(map(_line, repeats)))


def _plain(outcome: Outcome) -> tuple:
    """An outcome as plain values, as a worker sends it."""
    lines = [_plain_line(line) for line in outcome.lines]
    return (outcome.path, lines, outcome.failed, outcome.input_error, outcome.bug, outcome.export_use, outcome.reads)


def _outcome(values: tuple) -> Outcome:
    """An outcome again from :func:`_plain`'s values."""
    path, lines, failed, input_error, bug, export_use, reads = values
    outcome = Outcome(path, [_line(line) for line in lines], failed, input_error, bug)
    outcome.export_use, outcome.reads = export_use, reads
    return outcome


def with_levels(outcomes: list[Outcome], levels: dict[str, str], strict: bool) -> list[Outcome]:
    """The outcomes with each code at the level the configuration gives it
    (``off``: not reported), and whether each file failed worked out again."""
    if not levels:
        return outcomes
    judged = []
    for outcome in outcomes:
        again = Outcome(outcome.path, failed=outcome.bug is not None, input_error=outcome.input_error,
                        bug=outcome.bug)
        for line in outcome.lines:
            level = levels.get(line.code, line.level)
            if level != OFF:
                kept = tuple(replace(each, level=level) for each in line.repeats)
                again.add(replace(line, level=level, repeats=kept), strict)
        judged.append(again)
    return judged


def _bug_outcome(path: str) -> Outcome:
    """A fixture that hit a bug fails on its own; the check goes on."""
    outcome = Outcome(path, failed=True, bug=traceback.format_exc())
    outcome.lines.append(Line(Mark(path, 1, 1), ERROR, "internal-error", _(BUG_MESSAGE)))
    return outcome


def _matches(expected: ExpectedFinding, finding: Finding) -> bool:
    return finding.code == expected.code and (expected.step is None or finding.step == expected.step)


def _unmet(listed: list[ExpectedFinding], found: list[Finding]):
    """A line for each listed finding that names no code, or did not occur."""
    for expected in listed:
        if expected.code not in BY_ID:
            hint = did_you_mean(expected.code, BY_ID)
            yield Line(expected.mark, ERROR, "expect-findings",
                       _("unknown finding code {code}{hint}").format(code=shown(expected.code), hint=hint))
        elif not any(_matches(expected, f) for f in found):
            yield Line(expected.mark, ERROR, "expect-findings",
                       _("expected {expected} did not occur (found: {found})").format(
                           expected=expected, found=_labels(found)))


#: The most findings an unmet expectation names; it counts the others.
LABELS_NAMED = 20


def _labels(found: list[Finding]) -> str:
    """The findings that did occur, as ``code@step``: each once, the first
    :data:`LABELS_NAMED`, then how many more (a proposed order of thousands
    of repeated steps makes thousands)."""
    labels = list(dict.fromkeys(f.label for f in found))
    if not labels:
        return _("none")
    more = len(labels) - LABELS_NAMED
    if more <= 0:
        return ", ".join(labels)
    return n_("{labels} and {n} more", "{labels} and {n} others", more).format(
        labels=", ".join(labels[:LABELS_NAMED]), n=number(more))


class _Places:
    """Where each finding about one scenario points, so that a pull
    request's annotation lands on the line it is about: a registration
    finding at its record in the export; a finding at a step of a proposed
    order at that step; any other at the ``decisions:`` entry it follows
    from, else at the event it is about; else where the fixture's
    expectations are; else at the events; line 1 only for a scenario with
    no place at all (a request given as options)."""

    def __init__(self, scenario: Scenario, plan) -> None:
        self.scenario = scenario
        #: the ``decisions:`` entry behind each record or klant a decision taken there is about
        self.decided: dict[str, Mark] = {}
        marks = scenario.decision_marks
        for taken in plan.taken:
            decision = taken.decision
            mark = marks.get(decision.replaces.target)
            if mark is not None:
                for subject in (decision.replaces.target, decision.subject, *decision.others):
                    self.decided.setdefault(subject, mark)
        self.events = [event for event in scenario.events if event.mark is not None]

    def of(self, finding: Finding, proposed: bool) -> Mark:
        scenario = self.scenario
        export = scenario.export
        if finding.step is None and finding.subject in export and finding.code in REGISTRATION_CODES:
            mark = export.mark(finding.subject)
            if mark is not None:
                return mark
        if proposed and finding.step is not None and scenario.proposed:
            step = scenario.proposed[finding.step - 1]
            if step.mark is not None:
                return step.mark
        mark = self.decided.get(finding.subject) or self.event(finding.subject)
        if mark is not None:
            return mark
        expect = scenario.expect
        if not proposed and finding.step is not None and expect is not None and expect.plan:
            if finding.step <= len(expect.plan) and expect.plan[finding.step - 1].mark is not None:
                return expect.plan[finding.step - 1].mark
        if expect is not None and expect.findings_mark is not None:
            return expect.findings_mark
        if self.events:
            return self.events[0].mark
        return scenario.mark or Mark(scenario.path, 1, 1)

    def event(self, subject: str | None) -> Mark | None:
        """The event a finding about ``subject`` is about: the only one, or the
        one that names it, else its person (the root of its main links),
        else its klant."""
        if len(self.events) == 1:
            return self.events[0].mark
        if subject is None:
            return None
        export = self.scenario.export
        nearest = [subject]
        if subject in export:
            nearest += [export.root(subject), export.client_of(subject)]
        for record in nearest:
            for event in self.events:
                if record in (event.person, event.contact, event.client, *(event.clients or ())):
                    return event.mark
        return None


def _plan_difference(wanted, got) -> str:
    """Where the plan and ``expect.plan`` part: the first step that differs,
    or the first step one has and the other lacks (steps as a scenario writes them)."""
    for n, (w, g) in enumerate(zip(wanted, got), start=1):
        if w != g:
            return _("the plan differs from expect.plan at step {n}: expected {expected}, planned {planned}").format(
                n=number(n), expected=w, planned=g)
    planned = n_("the plan has {n} step", "the plan has {n} steps", len(got)).format(n=number(len(got)))
    if len(wanted) > len(got):
        return _("{planned}; expect.plan lists {n} (missing {step})").format(
            planned=planned, n=number(len(wanted)), step=wanted[len(got)])
    return _("{planned}; expect.plan lists {n} (extra {step})").format(
        planned=planned, n=number(len(wanted)), step=got[len(wanted)])


def exports_under(paths, policy: ReadPolicy = ReadPolicy(), skip=_never) -> list[str]:
    """The files given, and the files under the folders given that are
    exports (:func:`~planner.load.export_file.file_kind`)."""
    found = []
    given = {str(pathlib.Path(p)) for p in paths}
    for path in map(str, files_under(paths, skip)):
        # Under a folder, only what is an export is linted.
        if path in given or _is_export(path, policy):
            found.append(path)
    return found


def _is_export(path: str, policy: ReadPolicy) -> bool:
    try:
        data = read_file(path, policy)[0]
    except InputError:
        return True  # linting it says why it cannot be read
    return file_kind(data, path) == EXPORT


def lint_paths(paths, catalog, strict: bool = False, policy: ReadPolicy = ReadPolicy(), skip=_never) -> list[Outcome]:
    """``--lint``: the registration rules over each export file given or
    found under a folder given."""
    return [_linted(path, lambda path=path: load_export(path, policy), catalog, strict)
            for path in exports_under(paths, policy, skip)]


def lint_standard_input(stream, catalog, strict: bool = False, policy: ReadPolicy = ReadPolicy()) -> list[Outcome]:
    """``--lint -``: the registration rules over the export on standard
    input, named ``<stdin>`` as every message about standard input names it."""

    def load() -> Export:
        export, problems, _spent = read_export(read_stream(stream, policy), STDIN_NAME)
        if problems:
            raise InputError(list(problems))
        return export

    return [_linted(STDIN_NAME, load, catalog, strict)]


def _linted(path: str, load, catalog, strict: bool) -> Outcome:
    """The registration findings of the export ``load`` reads (from ``path``),
    or why it cannot be read."""
    outcome = Outcome(path)
    try:
        export = load()
        findings = lint(export, catalog)
    except InputError as error:
        export, findings = None, lint_refused(error, catalog)
        if findings is None:
            outcome.input_error = True
            for problem in error.problems:
                outcome.add(Line(problem.mark or Mark(path, 1, 1), ERROR, "input", problem.message), strict)
            return outcome
    for finding in findings:
        mark = finding.mark
        if mark is None and export is not None and finding.subject in export:
            mark = export.mark(finding.subject)
        outcome.add(Line(mark or Mark(path, 1, 1), finding.severity, finding.code, finding.message), strict)
    outcome.lines.sort(key=lambda line: line.mark)
    return outcome
