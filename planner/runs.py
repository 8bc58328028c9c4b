"""What each mode of the command does: plan one scenario, check fixtures, lint
exports, explain a code. Each run writes through the one writer and the
output streams (:mod:`planner.writer`) and returns an exit status; the
command line (:mod:`planner.cli`) chose the run and maps errors to statuses.
"""

from __future__ import annotations

import datetime
import difflib
import inspect
import os
from dataclasses import dataclass

from planner.errors import InputError
from planner.i18n import translations
from planner.inputfiles import ReadPolicy
from planner.writer import Streams, write_file

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
BUG_REPORT = (
    "plan-removal: internal error: this is a bug in plan-removal, not a problem with your "
    "input. Please report it with the command and the files it was given, and the traceback below."
)


class UsageProblem(Exception):
    """Options that do not go together, or a value the command cannot use (exit status 2)."""


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    paths: tuple[str, ...]
    fmt: str = "text"
    lang: str = "nl"
    strict: bool = False
    output: str | None = None
    junit: str | None = None
    policy: ReadPolicy = ReadPolicy()
    colour: bool = False
    #: decisions taken on the command line (--decide): (subject, keep | remove)
    decide: tuple[tuple[str, str], ...] = ()


def today() -> str:
    """The date printed on a checklist; SOURCE_DATE_EPOCH fixes it for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageProblem(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
        return moment.date().isoformat()
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def file_date(path: str) -> str:
    """The date a file was last written (UTC), clamped to SOURCE_DATE_EPOCH
    as reproducible builds clamp file times, so a checklist made twice is
    the same bytes; "" when the file cannot be looked at."""
    try:
        mtime = os.stat(path).st_mtime
    except (OSError, ValueError):
        return ""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.isdigit():
        mtime = min(mtime, int(epoch))
    return datetime.datetime.fromtimestamp(mtime, tz=datetime.timezone.utc).date().isoformat()


def report_input_error(error: InputError, streams: Streams) -> int:
    for problem in error.problems:
        streams.tell(str(problem))
    return EXIT_INPUT


def explain_code(code: str, streams: Streams) -> int:
    from planner.rules import BY_ID

    rule = BY_ID.get(code)
    if rule is None:
        near = difflib.get_close_matches(code, list(BY_ID), n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise UsageProblem(f"unknown finding code {code!r}{hint} Known codes: {', '.join(BY_ID)}")
    streams.say_block(inspect.cleandoc(rule.__doc__))
    return EXIT_OK


def plan_scenario(options: Options, streams: Streams) -> int:
    """One scenario: the checklist, or the JSON, on standard output or in a file."""
    from planner.loader import load_scenario

    (path,) = options.paths
    try:
        scenario = load_scenario(path, policy=options.policy)
    except InputError as error:
        return report_input_error(error, streams)
    return write_plan(scenario, options, streams)


def planned(scenario, options: Options):
    """The plan for ``scenario`` with the decisions taken on the command line, and its verdict."""
    from planner.planner import plan as make_plan
    from planner.validate import validate

    plan = make_plan(with_decisions(scenario, options.decide))
    return plan, validate(plan, translations(options.lang))


def write_plan(scenario, options: Options, streams: Streams) -> int:
    """The checklist, or the JSON, for a loaded scenario (from a file, or a
    request given as options), on standard output or in a file."""
    from planner import jsonout
    from planner.findings import WARNING

    plan, verdict = planned(scenario, options)
    if options.fmt == "json":
        text = jsonout.dumps(jsonout.plan_document(plan, verdict))
    else:
        from planner import render, report  # Jinja2 and the wording: not for JSON

        colour = options.colour and options.fmt == "text" and options.output is None
        others = ()
        if options.fmt == "html":  # the page lets staff take the decisions
            from planner.variants import variants

            others = tuple(variants(plan, translations(options.lang)))
        exported = file_date(scenario.export.source) or file_date(path)
        built = report.build(
            plan, verdict, lang=options.lang, date=today(), export_date=exported, variants=others
        )
        text = render.render(built, options.fmt, colour)
    if options.output is None:
        streams.document(text)
    else:
        write_file(options.output, text.encode("utf-8"), [scenario.path, scenario.export.source])
    if not verdict.ok:
        return EXIT_FINDINGS
    if options.strict and any(f.severity == WARNING for f in verdict.every):
        return EXIT_FINDINGS
    return EXIT_OK


def with_decisions(scenario, decide: tuple[tuple[str, str], ...]):
    """The scenario with the decisions taken on the command line added
    (they win over the scenario's own ``decisions:``)."""
    if not decide:
        return scenario
    from dataclasses import replace

    from planner.suggest import IdSuggestions, IdUnion

    export = scenario.export
    for subject, _choice in decide:
        if subject not in export:
            near = IdSuggestions().nearest(subject, IdUnion(export.clients, export.contacts))
            raise UsageProblem(f"--decide: there is no client or contact with id {subject!r} in the export{near}")
    return replace(scenario, decisions={**scenario.decisions, **dict(decide)})


def _print_lines(outcomes, fmt: str, streams: Streams) -> None:
    """Each problem line once."""
    from planner.ciformats import github_line

    seen = set()
    for outcome in outcomes:
        for line in outcome.lines:
            if line not in seen:
                seen.add(line)
                if fmt == "github":
                    streams.command(github_line(line))
                else:
                    streams.say(str(line))


def _summary(outcomes) -> str:
    failed = sum(1 for o in outcomes if o.failed)
    warnings = len({line for o in outcomes for line in o.lines if line.level == "warning"})
    return f"plan-removal: {len(outcomes)} file(s) checked, {failed} failed, {warnings} warning(s)"


def _report_bugs(outcomes, streams: Streams) -> bool:
    """The tracebacks of files that hit a bug, on stderr; whether there were any."""
    bugs = [o for o in outcomes if o.bug]
    for outcome in bugs:
        streams.tell(BUG_REPORT)
        streams.tell(f"{outcome.path}:")
        streams.tell_block(outcome.bug)
    return bool(bugs)


def lint_exports(options: Options, streams: Streams) -> int:
    from planner.checkrun import lint_paths

    outcomes = lint_paths(options.paths, translations(options.lang), options.strict, options.policy)
    _print_lines(outcomes, options.fmt, streams)
    streams.say(_summary(outcomes))
    if any(o.input_error for o in outcomes):
        return EXIT_INPUT
    return EXIT_FINDINGS if any(o.failed for o in outcomes) else EXIT_OK


def check_fixtures(options: Options, streams: Streams) -> int:
    from planner.checkrun import CheckRun
    from planner.ciformats import junit_xml

    run = CheckRun(translations(options.lang), options.strict, options.policy)
    outcomes = run.paths(options.paths)
    _print_lines(outcomes, options.fmt, streams)
    streams.say(_summary(outcomes))
    if options.junit:
        write_file(options.junit, junit_xml(outcomes), run.inputs)
    if not outcomes:
        streams.tell("plan-removal: no scenario found under the paths given")
        return EXIT_INPUT
    if _report_bugs(outcomes, streams):
        return EXIT_BUG
    return EXIT_FINDINGS if any(o.failed for o in outcomes) else EXIT_OK


def import_export(
    clients: tuple[str, ...],
    contacts: tuple[str, ...],
    relations: tuple[str, ...],
    columns: str | None,
    output: str | None,
    policy: ReadPolicy,
    streams: Streams,
) -> int:
    """``plan-removal import``: AuditCase's lists to an export, on standard
    output or in a file that is never one of the lists."""
    from planner.importer import import_lists

    try:
        imported = import_lists(list(clients), list(contacts), list(relations), columns, policy)
    except InputError as error:
        return report_input_error(error, streams)
    for warning in imported.warnings:
        streams.tell(f"{warning.mark}: warning: {warning.message}")
    if output is None:
        streams.document(imported.text)
        return EXIT_OK
    inputs = [*clients, *contacts, *relations, *([columns] if columns else [])]
    write_file(output, imported.text.encode("utf-8"), inputs)
    streams.tell(
        f"plan-removal: {output}: {imported.clients} klanten, {imported.contacts} contactpersonen, "
        f"{imported.relations} relaties"
    )
    return EXIT_OK
