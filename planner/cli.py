"""The ``plan-removal`` command: thin click commands over load, plan, render.

This module is the only place that reads and writes files and decides the
exit status: 0 no error findings, 1 error findings, 2 invalid input or usage.
"""

from __future__ import annotations

import datetime
import os
import sys

import click

from planner import __version__
from planner.errors import InputError
from planner.i18n import DEFAULT_LANGUAGE, LANGUAGES

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
FORMATS = ("text", "json")


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


def fail_input(error: InputError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    sys.exit(EXIT_INPUT)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plan-removal")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
    help="Output format.",
)
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
    help="Language of the checklist (AuditCase's own labels stay Dutch).",
)
def main(scenario: str, fmt: str, lang: str) -> None:
    """Plan the removal described in SCENARIO.yaml and print the checklist.

    The steps are ordered so that Cliënt Online never mails new login details
    to someone who is leaving, and every step is simulated before it is shown.
    """
    from planner import jsonout, report, render
    from planner.loader import load_scenario
    from planner.planner import plan as make_plan

    try:
        loaded = load_scenario(scenario)
    except InputError as error:
        fail_input(error)
    plan = make_plan(loaded)
    if fmt == "json":
        click.echo(jsonout.dumps(jsonout.plan_document(plan)), nl=False)
    else:
        click.echo(render.render(report.build(plan, lang=lang, date=today()), "text"), nl=False)
    sys.exit(EXIT_OK)
