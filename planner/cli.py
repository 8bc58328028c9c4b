"""The ``plan-removal`` command: thin click commands over load, plan, render.

This module is the only place that reads and writes files and decides the
exit status: 0 no error findings, 1 error findings, 2 invalid input or usage.
"""

from __future__ import annotations

import sys

import click

from planner import __version__
from planner.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def fail_input(error: InputError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    sys.exit(EXIT_INPUT)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plan-removal")
@click.argument("scenario", type=click.Path(dir_okay=False))
def main(scenario: str) -> None:
    """Plan the removal described in SCENARIO.yaml."""
    from planner.loader import load_scenario

    try:
        loaded = load_scenario(scenario)
    except InputError as error:
        fail_input(error)
    click.echo(f"{loaded.path}: {len(loaded.events)} event(s)")
