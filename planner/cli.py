"""The ``plan-removal`` command: thin click commands over load, plan, render.

This module is the only place that writes output and decides the exit
status: 0 no error findings, 1 error findings (or a failed fixture under
``--check``), 2 invalid input or usage, 3 an internal error (a bug).
"""

from __future__ import annotations

import datetime
import difflib
import inspect
import os
import sys
import tempfile
import traceback

import click

from planner import __version__
from planner.errors import InputError
from planner.i18n import DEFAULT_LANGUAGE, LANGUAGES, translations
from planner.inputfiles import DEFAULT_LIMIT, ReadPolicy

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
BUG_REPORT = (
    "plan-removal: internal error: this is a bug in plan-removal, not a problem with your "
    "input. Please report it with the command and the files it was given, and the traceback below."
)
PLAN_FORMATS = ("text", "markdown", "html", "json")
CHECK_FORMATS = ("text", "github")


def today() -> str:
    """The date printed on a checklist; SOURCE_DATE_EPOCH fixes it for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise click.UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds")
        return moment.date().isoformat()
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def wants_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def report_input_error(error: InputError) -> int:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    return EXIT_INPUT


def print_explanation(code: str) -> int:
    from planner.rules import BY_ID

    rule = BY_ID.get(code)
    if rule is None:
        near = difflib.get_close_matches(code, list(BY_ID), n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise click.UsageError(f"unknown finding code '{code}'{hint} Known codes: {', '.join(BY_ID)}")
    click.echo(inspect.cleandoc(rule.__doc__))
    return EXIT_OK


def write_output(text: str, output: str | None, inputs: list[str]) -> None:
    """Print, or write ``output`` atomically; never over one of the inputs."""
    if output is None:
        click.echo(text, nl=False)
        return
    target = os.path.realpath(output)
    for given in inputs:
        if os.path.realpath(given) == target:
            raise click.UsageError(f"-o {output} would overwrite the input file {given}")
    folder = os.path.dirname(target)
    try:
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=folder, prefix=".plan-removal-", delete=False
        )
        with handle:
            handle.write(text)
        os.replace(handle.name, target)
    except OSError as error:
        raise click.UsageError(f"cannot write {output}: {error.strerror or error}")


def run_plan(
    scenario_path: str, fmt: str, lang: str, strict: bool, output: str | None, policy: ReadPolicy
) -> int:
    from planner import jsonout, render, report
    from planner.findings import WARNING
    from planner.loader import load_scenario
    from planner.planner import plan as make_plan
    from planner.validate import validate

    try:
        scenario = load_scenario(scenario_path, policy=policy)
    except InputError as error:
        return report_input_error(error)
    plan = make_plan(scenario)
    verdict = validate(plan, translations(lang))
    if fmt == "json":
        text = jsonout.dumps(jsonout.plan_document(plan, verdict))
    else:
        colour = fmt == "text" and output is None and wants_colour()
        text = render.render(report.build(plan, verdict, lang=lang, date=today()), fmt, colour)
    write_output(text, output, [scenario_path, scenario.export.source])
    if not verdict.ok:
        return EXIT_FINDINGS
    if strict and any(f.severity == WARNING for f in verdict.every):
        return EXIT_FINDINGS
    return EXIT_OK


def print_lines(outcomes, fmt: str) -> None:
    """Each problem line once: scenarios sharing an export share its findings."""
    from planner.ciformats import github_line

    seen = set()
    for outcome in outcomes:
        for line in outcome.lines:
            if line not in seen:
                seen.add(line)
                click.echo(github_line(line) if fmt == "github" else str(line))


def summary(outcomes) -> str:
    failed = sum(1 for o in outcomes if o.failed)
    warnings = len({line for o in outcomes for line in o.lines if line.level == "warning"})
    return f"plan-removal: {len(outcomes)} file(s) checked, {failed} failed, {warnings} warning(s)"


def run_lint(paths, fmt: str, lang: str, strict: bool, policy: ReadPolicy) -> int:
    from planner.checkrun import lint_paths

    outcomes = lint_paths(paths, translations(lang), strict=strict, policy=policy)
    print_lines(outcomes, fmt)
    click.echo(summary(outcomes))
    if any(o.input_error for o in outcomes):
        return EXIT_INPUT
    return EXIT_FINDINGS if any(o.failed for o in outcomes) else EXIT_OK


def report_bugs(outcomes) -> bool:
    """The tracebacks of fixtures that hit a bug, on stderr; whether there were any."""
    bugs = [o for o in outcomes if o.bug]
    for outcome in bugs:
        click.echo(f"{BUG_REPORT}\n{outcome.path}:\n{outcome.bug}", err=True)
    return bool(bugs)


def run_check(paths, fmt: str, lang: str, strict: bool, junit: str | None, policy: ReadPolicy) -> int:
    from planner.checkrun import check_paths
    from planner.ciformats import junit_xml

    outcomes = check_paths(paths, translations(lang), strict=strict, policy=policy)
    print_lines(outcomes, fmt)
    failed = [o for o in outcomes if o.failed]
    click.echo(summary(outcomes))
    if junit:
        with open(junit, "wb") as handle:
            handle.write(junit_xml(outcomes))
    if not outcomes:
        click.echo("plan-removal: no scenario found under the paths given", err=True)
        return EXIT_INPUT
    if report_bugs(outcomes):
        return EXIT_BUG
    return EXIT_FINDINGS if failed else EXIT_OK


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plan-removal")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(sorted(set(PLAN_FORMATS + CHECK_FORMATS))),
    default="text", show_default=True,
    help="Output format; 'github' writes annotations with --check.",
)
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
    help="Language of the checklist and messages (AuditCase's own labels stay Dutch).",
)
@click.option("--check", is_flag=True, help="CI: check every scenario under the PATHS given.")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option(
    "--junit-xml", "junit", type=click.Path(dir_okay=False),
    help="With --check: also write a JUnit XML report to this file.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False),
    help="Write the checklist to this file (atomically) instead of standard output.",
)
@click.option("--lint", is_flag=True, help="Check the registration in the EXPORT files given.")
@click.option("--explain", metavar="CODE", help="Print the documentation of a finding code.")
@click.option(
    "--max-input-size", "max_mb", type=click.IntRange(min=1), metavar="MB",
    default=DEFAULT_LIMIT // 2**20, show_default=True,
    help="Refuse input files larger than this many megabytes.",
)
def main(paths, fmt, lang, check, strict, junit, output, lint, explain, max_mb) -> None:
    """Plan the removal described in a scenario and print the checklist.

    \b
    plan-removal SCENARIO.yaml                  the checklist (Dutch; --lang en)
    plan-removal SCENARIO.yaml --format json    machine-readable
    plan-removal SCENARIO.yaml --format html -o checklist.html
    plan-removal --check scenarios/             CI: every fixture under the paths
    plan-removal --lint EXPORT.yaml             the registration in an export
    plan-removal --explain new-login            what a finding code means

    The steps are ordered so that Cliënt Online never mails new login details
    to someone who is leaving, and every order the checklist allows is
    simulated before it is shown. Exit status: 0 no error findings, 1 error
    findings or a failed fixture, 2 invalid input or usage, 3 an internal
    error (a bug).
    """
    policy = ReadPolicy(limit=max_mb * 2**20)
    try:
        status = _dispatch(paths, fmt, lang, check, strict, junit, output, lint, explain, policy)
    except click.exceptions.ClickException:
        raise  # usage errors: click prints them and exits 2
    except Exception:  # noqa: BLE001 - the one place a bug becomes exit status 3
        click.echo(BUG_REPORT, err=True)
        click.echo(traceback.format_exc(), err=True, nl=False)
        status = EXIT_BUG
    sys.exit(status)


def _dispatch(paths, fmt, lang, check, strict, junit, output, lint, code, policy) -> int:
    if code is not None:
        if paths or check or lint:
            raise click.UsageError("--explain takes a finding code and nothing else")
        return print_explanation(code)
    if lint:
        if check or output or junit:
            raise click.UsageError("--lint goes with export files only")
        if not paths:
            raise click.UsageError("--lint needs at least one EXPORT.yaml")
        if fmt not in CHECK_FORMATS:
            raise click.UsageError(f"--lint writes {' or '.join(CHECK_FORMATS)}, not {fmt}")
        return run_lint(paths, fmt, lang, strict, policy)
    if check:
        if output:
            raise click.UsageError("-o goes with a single scenario, not --check")
        if not paths:
            raise click.UsageError("--check needs at least one path")
        if fmt not in CHECK_FORMATS:
            raise click.UsageError(f"--check writes {' or '.join(CHECK_FORMATS)}, not {fmt}")
        return run_check(paths, fmt, lang, strict, junit, policy)
    if junit:
        raise click.UsageError("--junit-xml goes with --check")
    if len(paths) != 1:
        raise click.UsageError("give exactly one SCENARIO.yaml (or --check PATH...)")
    if fmt not in PLAN_FORMATS:
        raise click.UsageError(f"--format {fmt} goes with --check")
    return run_plan(paths[0], fmt, lang, strict, output, policy)
