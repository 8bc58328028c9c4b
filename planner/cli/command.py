"""The ``plan-removal`` command: thin. It parses the arguments (each option
is declared once, in :mod:`planner.cli.options`), checks them against the one
table of which options each mode takes (:func:`planner.cli.options.mode_of`)
and enters that mode; :func:`exit_status` is the one place that maps errors
to the exit statuses of :mod:`planner.cli.exits` (the same in every mode).

The modes themselves are in :mod:`planner.cli.modes`,
:mod:`planner.cli.export_modes` and, for CI, :mod:`planner.cli.ci_modes`;
every line leaves through :mod:`planner.output.writer`, made safe by
:mod:`planner.output.neutral`.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from planner import parallel
from planner.cli import options as option
from planner.cli.diff_mode import run_diff
from planner.cli.exits import BUG_REPORT, EXIT_BUG, EXIT_INPUT, help_text
from planner.cli.export_modes import find_records, plan_file, plan_request
from planner.cli.modes import (
    Options,
    UsageProblem,
    explain_code,
    import_export,
    report_input_error,
)
from planner.cli.options import Invocation, mode_of
from planner.cli.request import Request, in_order
from planner.cli.usage import command_help, diff_help, import_help
from planner.load.files import ReadPolicy
from planner.model.scenario import DEATH, LEAVE, REMOVE_CLIENT, REVOKE
from planner.output.writer import OutputError, Streams, prepare_process
from planner.text.errors import InputError
from planner.text.messages import _, speaking

#: The options that add an event to a request on an export, by the event's kind.
EVENT_OPTIONS = {"death": DEATH, "leave": LEAVE, "revoke": REVOKE, "remove_client": REMOVE_CLIENT}


def wants_colour(refused: bool = False) -> bool:
    """Colour as the ecosystem agrees: never with --no-color or NO_COLOR set
    (no-color.org), always with FORCE_COLOR set (force-color.org, for CI
    logs that show colours), else only on a terminal."""
    if refused or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty()


def invocation(ctx: click.Context, subcommand: str | None = None) -> Invocation:
    """What the command line gave, as :func:`planner.cli.options.mode_of` checks it."""
    spelled = {param.name: param.opts[0] for param in ctx.command.params}
    given = tuple(name for name in dict.fromkeys(option.given_order(ctx)) if name != "paths")
    values = ctx.params
    return Invocation(
        # import has no paths, but takes the words left over, for mode_of to refuse in the language spoken
        given=given, spelled=spelled, paths=tuple(values.get("paths", ctx.args)), fmt=values.get("fmt", "text"),
        subcommand=subcommand,
    )


def options_from(values: dict) -> Options:
    """The options a mode reads, from the command line's values."""
    policy = ReadPolicy(limit=values["max_mb"] * 2**20, allow_export_outside=values["allow_export_outside"])
    return Options(
        paths=values["paths"], fmt=values["fmt"], lang=values["lang"], strict=values["strict"],
        output=values["output"], junit=values["junit"], policy=policy, colour=wants_colour(values["no_colour"]),
        decide=values["decide"], config=values["config"], quiet=values["quiet"], export=values["export"],
    )


def request_from(ctx: click.Context, values: dict) -> Request:
    """The request the event options ask for, in the order they were given."""
    given = {kind: values[name] for name, kind in EVENT_OPTIONS.items()}
    order = [EVENT_OPTIONS[name] for name in option.given_order(ctx) if name in EVENT_OPTIONS]
    return Request(in_order(order, given), values["end_client"], values["orphaned_clients"])


def enter(mode: str, ctx: click.Context, streams: Streams) -> int:
    """Mode ``mode`` (a key of :data:`planner.cli.options.MODES`), once the
    command line is found to suit it; its exit status."""
    values = ctx.params
    parallel.allow(values["jobs"])
    if mode == "explain":
        return explain_code(values["explain"], streams)
    options = options_from(values)
    if mode in ("check", "lint", "list-rules"):
        from planner.cli import ci_modes  # CI's modules: imported only for its modes

        enter_ci = {"check": ci_modes.check_fixtures, "lint": ci_modes.lint_exports, "list-rules": ci_modes.list_rules}
        return enter_ci[mode](options, streams)
    if mode == "find":
        return find_records(options, values["find"], streams)
    if mode in ("request", "save"):
        return plan_request(options, request_from(ctx, values), values["save"], streams)
    return plan_file(options, streams)  # a scenario file, or - for one on standard input


@click.command(cls=option.OrderedCommand, context_settings=option.CONTEXT, help=command_help, epilog=help_text)
@option.version
@option.paths
@option.fmt
@option.lang
@option.check
@option.strict
@option.junit_xml
@option.output
@option.lint
@option.explain
@option.list_rules
@option.config
@option.quiet
@option.no_color
@option.export
@option.max_input_size
@option.jobs
@option.allow_export_outside
@option.decide
@option.find
@option.death
@option.leave
@option.end_client
@option.revoke
@option.remove_client
@option.orphaned_clients
@option.save_scenario
@click.pass_context
def command(ctx: click.Context, **values):
    """Plan the removal described in a scenario, or asked with options on an
    export, and print the checklist (its help: :func:`planner.cli.usage.command_help`)."""
    return enter(mode_of(invocation(ctx)), ctx, ctx.obj)


@click.command(
    cls=option.OrderedCommand, context_settings={**option.CONTEXT, "allow_extra_args": True}, help=import_help
)
@option.clients
@option.contacts
@option.relations
@option.columns
@option.sheet
@option.output
@option.max_input_size
@option.jobs
@option.lang
@click.pass_context
def import_command(ctx: click.Context, clients, contacts, relations, columns, sheets, output, max_mb, jobs, lang):
    """Turn AuditCase's own lists into the export plan-removal reads (its
    help: :func:`planner.cli.usage.import_help`)."""
    mode_of(invocation(ctx, subcommand="import"))
    parallel.allow(jobs)
    policy = ReadPolicy(limit=max_mb * 2**20)
    return import_export(clients, contacts, relations, columns, output, policy, ctx.obj, sheets)


@click.command(cls=option.OrderedCommand, context_settings=option.CONTEXT, help=diff_help)
@option.before_after
@option.request
@option.fmt
@option.lang
@option.strict
@option.output
@option.no_color
@option.max_input_size
@option.jobs
@click.pass_context
def diff_command(ctx: click.Context, **values):
    """``plan-removal diff`` (its help: :func:`planner.cli.usage.diff_help`)."""
    mode_of(invocation(ctx, subcommand="diff"))
    parallel.allow(values["jobs"])
    return run_diff(
        values["before"], values["after"], values["request"], fmt=values["fmt"], lang=values["lang"],
        strict=values["strict"], output=values["output"], colour=wants_colour(values["no_colour"]),
        policy=ReadPolicy(limit=values["max_mb"] * 2**20), streams=ctx.obj,
    )


#: The subcommands, by the word that names them: a scenario file of that
#: name is given as ./import or ./diff.
SUBCOMMANDS = {"import": import_command, "diff": diff_command}


def main(argv: list[str] | None = None) -> None:
    """The console script: the command's exit status, as the process's."""
    prepare_process()
    sys.exit(exit_status(argv, Streams()))


def parse_and_enter(args: list[str], streams: Streams) -> int:
    """The command, or its subcommand ``import``, on ``args``: click's own
    errors, usage problems and input errors are raised, not mapped."""
    if args[:1] and args[0] in SUBCOMMANDS:
        word = args[0]
        return SUBCOMMANDS[word].main(
            args=option.spread_lists(args[1:]) if word == "import" else args[1:],
            prog_name=f"plan-removal {word}", standalone_mode=False, obj=streams,
        )
    return command.main(args=args, prog_name="plan-removal", standalone_mode=False, obj=streams)


def exit_status(argv: list[str] | None, streams: Streams) -> int:
    """The command's exit status for ``argv``; every error ends here, said in
    the language asked for: the one the command line names, until ``--lang``
    is read; then the one ``--lang`` gave, which the streams keep after the
    command's own context (and the language it set) has closed."""
    args = list(sys.argv[1:] if argv is None else argv)
    if streams.lang is None:
        streams.lang = option.language_asked(args)
    try:
        with speaking(streams.lang):
            try:
                return parse_and_enter(args, streams)
            except Exception as error:  # noqa: BLE001 - mapped, each kind to its status, below
                with speaking(streams.lang):
                    return _reported(error, streams)
    except OutputError:
        return EXIT_INPUT  # even the error could not be written: the status says it


def _reported(error: Exception, streams: Streams) -> int:
    """Say what went wrong; the exit status it makes."""
    if isinstance(error, click.exceptions.Abort):
        streams.tell(_("plan-removal: interrupted"))
        return 130
    if isinstance(error, click.exceptions.ClickException):
        from planner.cli.usage import problem_lines

        for line in problem_lines(error):
            streams.tell(line)
        return EXIT_INPUT
    if isinstance(error, UsageProblem):
        streams.tell(_("Error: {problem}").format(problem=error))
        return EXIT_INPUT
    if isinstance(error, InputError):
        return report_input_error(error, streams)
    if isinstance(error, OutputError):
        streams.tell(_("plan-removal: {problem}").format(problem=error.said(_)))
        return EXIT_INPUT
    # The one place a bug becomes exit status 3.
    streams.tell(_(BUG_REPORT))
    streams.tell_block("".join(traceback.format_exception(error)))
    return EXIT_BUG
