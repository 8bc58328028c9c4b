"""``--check``: every scenario under some paths, held to its ``expect``.

A fixture fails when it cannot be loaded, when its plan differs from
``expect.plan``, when a finding listed in ``expect.findings`` does not occur,
or when a finding of severity error occurs that is not listed (with
``--strict``, an unlisted warning too). ``expect.findings`` is about the
proposed order when the scenario has one, else about the plan.

A YAML file under the paths that is not a scenario (it has no top-level
``events:``) must be the export of one of the scenarios checked; otherwise
it is reported, so a scenario whose ``events`` key is misspelt is never
silently skipped.
"""

from __future__ import annotations

import difflib
import os
import pathlib
import re
import traceback
from dataclasses import dataclass, field

from planner.errors import InputError, Mark
from planner.inputfiles import ReadPolicy, read_file
from planner.findings import ERROR, INFO, WARNING, Finding
from planner.lint import lint, lint_refused
from planner.loader import ExportCache, load_export, load_scenario
from planner.planner import plan as make_plan
from planner.rules import BY_ID, REGISTRATION_CODES
from planner.scenario import ExpectedFinding, Scenario
from planner.validate import validate

_SCENARIO = re.compile(rb"^events\s*:", re.MULTILINE)


@dataclass(frozen=True)
class Line:
    """One problem, as ``path:line:col: [level] code: message``."""

    mark: Mark
    level: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.mark}: [{self.level}] {self.code}: {self.message}"

    def __hash__(self) -> int:
        # Lines are hashed to print each once, and the lines of an export's
        # registration findings recur in every scenario over it: keep it.
        value = self.__dict__.get("_hash")
        if value is None:
            value = self.__dict__["_hash"] = hash((self.mark, self.level, self.code, self.message))
        return value


@dataclass
class Outcome:
    path: str
    lines: list[Line] = field(default_factory=list)
    failed: bool = False
    #: the file could not be read as what it should be
    input_error: bool = False
    #: the traceback of an internal error (a bug) met while checking the file
    bug: str | None = None


def discover(paths, policy: ReadPolicy = ReadPolicy()) -> tuple[list[str], list[str]]:
    """Scenario files and other YAML files under ``paths``, each sorted."""
    files: list[pathlib.Path] = []
    for given in paths:
        path = pathlib.Path(given)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            files.append(path)
    scenarios, others = [], []
    for path in files:
        try:
            head = read_file(str(path), policy)[0]
        except InputError:
            scenarios.append(str(path))  # the loader reports why it cannot be read
            continue
        (scenarios if _SCENARIO.search(head) else others).append(str(path))
    return scenarios, others


def _matches(expected: ExpectedFinding, finding: Finding) -> bool:
    return finding.code == expected.code and (expected.step is None or finding.step == expected.step)


def _finding_mark(scenario: Scenario, finding: Finding, proposed: bool) -> Mark:
    """Where a finding points: the record it is about for a registration
    finding, its proposed step, else the expectation."""
    if finding.step is None and finding.subject in scenario.export:
        mark = scenario.export.mark(finding.subject)
        if mark is not None and finding.code in REGISTRATION_CODES:
            return mark
    if proposed and finding.step is not None and scenario.proposed:
        step = scenario.proposed[finding.step - 1]
        if step.mark is not None:
            return step.mark
    expect = scenario.expect
    if not proposed and finding.step is not None and expect is not None and expect.plan:
        if finding.step <= len(expect.plan) and expect.plan[finding.step - 1].mark is not None:
            return expect.plan[finding.step - 1].mark
    if expect is not None and expect.findings_mark is not None:
        return expect.findings_mark
    return scenario.mark or Mark(scenario.path, 1, 1)


def _registration_lines(scenario: Scenario, registration, shared: dict | None):
    """(finding, line) for each of the export's registration findings; the
    line, where it points at the export's own record, is the same for every
    scenario over that export and is made once (``shared``), since a big
    export can hold a thousand such findings. None where the line depends on
    the scenario."""
    found = shared.get(id(registration)) if shared is not None else None
    if found is None or found[0] is not registration:
        export, pairs = scenario.export, []
        for f in registration:
            line = None
            if f.step is None and f.code in REGISTRATION_CODES and f.subject in export:
                mark = export.mark(f.subject)
                if mark is not None:
                    line = Line(mark, f.severity, f.code, f.message)
            pairs.append((f, line))
        found = (registration, pairs)  # the findings kept alive: their id stays theirs
        if shared is not None:
            shared[id(registration)] = found
    return found[1]


def check_scenario(scenario: Scenario, catalog, strict: bool, shared: dict | None = None) -> Outcome:
    """``shared``: a dict kept over the scenarios of one check, for what they share."""
    outcome = Outcome(scenario.path)
    plan = make_plan(scenario)
    verdict = validate(plan, catalog)
    expect = scenario.expect
    fails = (ERROR, WARNING) if strict else (ERROR,)

    def add(mark, level, code, message):
        outcome.lines.append(Line(mark, level, code, message))
        if level in fails:
            outcome.failed = True

    if expect is not None and expect.plan is not None:
        got = [p.step for p in plan.steps]
        wanted = list(expect.plan)
        if got != wanted:
            mark = expect.plan_mark or scenario.mark
            add(mark, ERROR, "expect-plan", _plan_difference(wanted, got))

    proposed = verdict.proposed_findings is not None
    findings = list(verdict.proposed_findings if proposed else verdict.plan_findings)
    if proposed:
        # The planner's own plan must be clean whatever the proposal says.
        for f in verdict.plan_findings:
            if f.severity == ERROR:
                add(_finding_mark(scenario, f, False), ERROR, f.code, f"plan: {f.message}")

    # The export's own registration findings can be listed too (code alone).
    every = findings + list(verdict.registration)
    listed = list(expect.findings) if expect is not None and expect.findings is not None else []
    for expected in listed:
        if expected.code not in BY_ID:
            near = difflib.get_close_matches(expected.code, list(BY_ID), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            add(expected.mark, ERROR, "expect-findings", f"unknown finding code '{expected.code}'{hint}")
        elif not any(_matches(expected, f) for f in every):
            got = ", ".join(f.label for f in every) or "none"
            add(expected.mark, ERROR, "expect-findings", f"expected {expected} did not occur (found: {got})")
    for f in findings:
        if any(_matches(e, f) for e in listed):
            continue
        add(_finding_mark(scenario, f, proposed), f.severity, f.code, f.message)
    source = scenario.export.source
    separate = shared is not None and os.path.realpath(source) != os.path.realpath(scenario.path)
    if separate:
        # An export file of its own is reported once, as its own file, by
        # check_paths: here only what this scenario lists is noted.
        key = ("export", os.path.realpath(source))
        entry = shared.setdefault(key, (scenario.export, verdict.registration, set()))
        entry[2].update(e.code for e in listed if e.step is None)
        return outcome
    for f, line in _registration_lines(scenario, verdict.registration, shared):
        if listed and any(_matches(e, f) for e in listed):
            continue
        if line is None:
            add(_finding_mark(scenario, f, proposed), f.severity, f.code, f.message)
        else:
            outcome.lines.append(line)
            outcome.failed |= line.level in fails
    return outcome


def _export_outcomes(shared: dict, strict: bool) -> list[Outcome]:
    """One outcome per export file the scenarios share, with its registration
    findings that no scenario over it lists."""
    fails = (ERROR, WARNING) if strict else (ERROR,)
    outcomes = []
    for key, entry in shared.items():
        if not (isinstance(key, tuple) and key[0] == "export"):
            continue
        export, registration, listed = entry
        outcome = Outcome(export.source)
        for f in registration:
            if f.code in listed:
                continue
            mark = f.mark
            if mark is None and f.subject in export:
                mark = export.mark(f.subject)
            mark = mark or Mark(export.source, 1, 1)
            outcome.lines.append(Line(mark, f.severity, f.code, f.message))
            outcome.failed |= f.severity in fails
        if outcome.lines:
            outcomes.append(outcome)
    return outcomes


def _plan_difference(wanted, got) -> str:
    for n, (w, g) in enumerate(zip(wanted, got), start=1):
        if w != g:
            return f"the plan differs from expect.plan at step {n}: expected {w}, planned {g}"
    if len(wanted) > len(got):
        return f"the plan has {len(got)} steps; expect.plan lists {len(wanted)} (missing {wanted[len(got)]})"
    return f"the plan has {len(got)} steps; expect.plan lists {len(wanted)} (extra {got[len(wanted)]})"


BUG_MESSAGE = (
    "plan-removal met an internal error (a bug) while checking this file; the other files "
    "are still checked. Please report it with this file and the traceback"
)


def _bug_outcome(path: str) -> Outcome:
    """A fixture that hit a bug fails on its own; the check goes on."""
    outcome = Outcome(path, failed=True, bug=traceback.format_exc())
    outcome.lines.append(Line(Mark(path, 1, 1), ERROR, "internal-error", BUG_MESSAGE))
    return outcome


def check_paths(paths, catalog, strict: bool = False, policy: ReadPolicy = ReadPolicy()) -> list[Outcome]:
    scenarios, others = discover(paths, policy)
    outcomes: list[Outcome] = []
    used: set[str] = set()
    # Fixtures usually share a few exports: each is read once.
    exports = ExportCache()
    shared: dict = {}
    for path in scenarios:
        try:
            scenario = load_scenario(path, exports, policy)
        except InputError as error:
            outcome = Outcome(path, failed=True)
            for problem in error.problems:
                mark = problem.mark or Mark(path, 1, 1)
                outcome.lines.append(Line(mark, ERROR, "input", problem.message))
            outcomes.append(outcome)
            continue
        except Exception:  # noqa: BLE001 - a bug in one fixture must not end the check
            outcomes.append(_bug_outcome(path))
            continue
        if scenario.export.source:
            used.add(os.path.realpath(scenario.export.source))
        try:
            outcomes.append(check_scenario(scenario, catalog, strict, shared))
        except Exception:  # noqa: BLE001
            outcomes.append(_bug_outcome(path))
    outcomes += _export_outcomes(shared, strict)
    for path in others:
        if os.path.realpath(path) not in used:
            outcome = Outcome(path, failed=True)
            outcome.lines.append(
                Line(
                    Mark(path, 1, 1),
                    ERROR,
                    "not-a-scenario",
                    "this file has no top-level 'events:' and no scenario checked uses it as its export",
                )
            )
            outcomes.append(outcome)
    return outcomes


def lint_paths(paths, catalog, strict: bool = False, policy: ReadPolicy = ReadPolicy()) -> list[Outcome]:
    """``--lint``: the registration rules over each export file given."""
    fails = (ERROR, WARNING) if strict else (ERROR,)
    outcomes = []
    for path in paths:
        outcome = Outcome(str(path))
        try:
            export = load_export(str(path), policy)
            findings = lint(export, catalog)
        except InputError as error:
            export, findings = None, lint_refused(error, catalog)
            if findings is None:
                outcome.failed = outcome.input_error = True
                for problem in error.problems:
                    mark = problem.mark or Mark(str(path), 1, 1)
                    outcome.lines.append(Line(mark, ERROR, "input", problem.message))
                outcomes.append(outcome)
                continue
        for finding in findings:
            mark = finding.mark
            if mark is None and export is not None and finding.subject in export:
                mark = export.mark(finding.subject)
            mark = mark or Mark(str(path), 1, 1)
            outcome.lines.append(Line(mark, finding.severity, finding.code, finding.message))
            outcome.failed |= finding.severity in fails
        outcome.lines.sort(key=lambda line: line.mark)
        outcomes.append(outcome)
    return outcomes


LEVEL_TO_GITHUB = {ERROR: "error", WARNING: "warning", INFO: "notice"}


def github_line(line: Line) -> str:
    """A GitHub Actions workflow command that annotates the line."""

    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    m = line.mark
    return (
        f"::{LEVEL_TO_GITHUB[line.level]} file={escape(m.file, True)},line={m.line},"
        f"col={m.col},title={escape(line.code, True)}::{escape(line.message)}"
    )


def junit_xml(outcomes: list[Outcome]) -> bytes:
    """A JUnit XML report: one test case per file checked."""
    import xml.etree.ElementTree as ET

    suite = ET.Element(
        "testsuite",
        name="plan-removal",
        tests=str(len(outcomes)),
        failures=str(sum(o.failed for o in outcomes)),
        errors="0",
    )
    for outcome in outcomes:
        case = ET.SubElement(suite, "testcase", classname="plan-removal", name=outcome.path)
        if outcome.failed:
            failure = ET.SubElement(
                case, "failure", message=f"{len(outcome.lines)} problem(s)", type="plan-removal"
            )
            failure.text = "\n".join(str(line) for line in outcome.lines)
        elif outcome.lines:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(str(line) for line in outcome.lines)
    ET.indent(suite)
    return ET.tostring(suite, encoding="utf-8", xml_declaration=True) + b"\n"
