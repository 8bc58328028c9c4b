"""The ``plan-removal`` command: its options, and the one place that maps
errors to the exit statuses of :mod:`planner.cli.exits` (the same in every mode).

The modes themselves are in :mod:`planner.cli.modes` and, for CI,
:mod:`planner.cli.ci_modes`; every line leaves through :mod:`planner.output.writer`, made
safe by :mod:`planner.output.neutral`.
"""

from __future__ import annotations

import os
import sys
import traceback

import click
from click.core import ParameterSource

from planner import __version__
from planner.cli.exits import BUG_REPORT, EXIT_BUG, EXIT_INPUT, help_text
from planner.cli.export_modes import find_records, plan_file, plan_request
from planner.cli.modes import (
    STDIN,
    Options,
    UsageProblem,
    explain_code,
    import_export,
    report_input_error,
)
from planner.cli.request import Request, in_order
from planner.load.files import DEFAULT_LIMIT, ReadPolicy
from planner.load.schema import DECISION_CHOICES
from planner.load.yaml.problems import one_of
from planner.model.scenario import DEATH, LEAVE, ORPHANED_CLIENT_CHOICES, REMOVE_CLIENT, REVOKE
from planner.output.writer import OutputError, Streams, prepare_process
from planner.text.errors import InputError
from planner.text.messages import DEFAULT_LANGUAGE, LANGUAGES

PLAN_FORMATS = ("text", "markdown", "html", "json")
#: What --check and --lint write (planner.cli.ci_modes, imported only for those runs).
CI_FORMATS = ("text", "github", "json", "sarif")


def wants_colour(refused: bool = False) -> bool:
    """Colour as the ecosystem agrees: never with --no-color or NO_COLOR set
    (no-color.org), always with FORCE_COLOR set (force-color.org, for CI
    logs that show colours), else only on a terminal."""
    if refused or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty()


def complete_code(ctx, param, incomplete: str):
    """Shell completion for --explain: the codes."""
    from planner.ci.catalogue import BY_ID

    return [code for code in BY_ID if code.startswith(incomplete)]


def parse_decisions(ctx, param, values) -> tuple[tuple[str, str], ...]:
    """``SUBJECT=keep|remove`` pairs; the last word about a subject counts."""
    taken: dict[str, str] = {}
    for value in values:
        subject, equals, choice = value.rpartition("=")
        if not equals or not subject or choice not in DECISION_CHOICES:
            raise click.BadParameter(
                f"{value!r} is not SUBJECT=keep or SUBJECT=remove (SUBJECT: the id a decision is about)"
            )
        taken[subject] = choice
    return tuple(taken.items())


#: The options that add an event to a request on an export, by the event's kind.
EVENT_OPTIONS = {"death": DEATH, "leave": LEAVE, "revoke": REVOKE, "remove_client": REMOVE_CLIENT}
_ORDER = "plan-removal.order"


class _Command(click.Command):
    """Keeps the order in which options were given, which click's values of
    a repeated option do not tell: a request's events are planned in it."""

    def make_parser(self, ctx):
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def parse_args(args):
            opts, rest, order = parse(args=args)
            ctx.meta[_ORDER] = [param.name for param in order]
            return opts, rest, order

        parser.parse_args = parse_args
        return parser


def request_from(ctx, events: dict, end_client: bool, orphaned: str | None) -> Request:
    """The request the event options ask for, in the order they were given."""
    given = {EVENT_OPTIONS[name]: values for name, values in events.items()}
    order = [EVENT_OPTIONS[name] for name in ctx.meta.get(_ORDER, ()) if name in EVENT_OPTIONS]
    return Request(in_order(order, given), end_client, orphaned)


@click.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]}, epilog=help_text())
@click.version_option(__version__, prog_name="plan-removal")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(sorted(set(PLAN_FORMATS + CI_FORMATS))),
    default="text", show_default=True,
    help="Output format; with --check and --lint: text, github (annotations), json or sarif.",
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
    help="Write the checklist, or the report of --check or --lint, to this file (atomically) "
    "instead of standard output.",
)
@click.option("--lint", is_flag=True, help="Check the registration in the EXPORT files, or folders, given.")
@click.option(
    "--explain", metavar="CODE", shell_complete=complete_code,
    help="Print the documentation of a code (--list-rules lists them).",
)
@click.option(
    "--list-rules", "listing", is_flag=True, help="List every code --check and --lint can report, with its level."
)
@click.option(
    "--config", type=click.Path(dir_okay=False), metavar="FILE",
    help="With --check, --lint or --list-rules: follow this configuration instead of the "
    "nearest .plan-removal.yaml.",
)
@click.option("-q", "--quiet", is_flag=True, help="With --check or --lint: the problems alone, no notes or summary.")
@click.option(
    "--no-color", "no_colour", is_flag=True,
    help="No colours, even on a terminal (as NO_COLOR=1 does; FORCE_COLOR=1 forces them).",
)
@click.option(
    "--export", type=click.Path(dir_okay=False), metavar="FILE",
    help="With - (a scenario read from standard input): the export file it applies to.",
)
@click.option(
    "--max-input-size", "max_mb", type=click.IntRange(min=1), metavar="MB",
    default=DEFAULT_LIMIT // 2**20, show_default=True,
    help="Refuse input files larger than this many megabytes.",
)
@click.option(
    "--allow-export-outside", is_flag=True,
    help="Let a scenario name an export outside its own folder tree (trusted local use only).",
)
@click.option(
    "--decide", "decide", multiple=True, metavar="SUBJECT=keep|remove", callback=parse_decisions,
    help="Take a decision the plan asks for (repeatable): keep leaves SUBJECT on the portal, "
    "remove takes it off anyway.",
)
@click.option("--find", metavar="TEXT", help="List the clients and contacts in EXPORT whose name or id holds TEXT.")
@click.option("--death", multiple=True, metavar="ID", help="Request on EXPORT: this person died (repeatable).")
@click.option(
    "--leave", multiple=True, metavar="ID[=CLIENT,...]",
    help="Request on EXPORT: this person leaves every company, or the klanten listed after the last '='.",
)
@click.option("--end-client", is_flag=True, help="Every --leave also ends the person's own klant.")
@click.option("--revoke", multiple=True, metavar="CONTACT_ID", help="Request on EXPORT: this contact record goes.")
@click.option("--remove-client", multiple=True, metavar="ID", help="Request on EXPORT: this klant leaves the portal.")
@click.option(
    "--orphaned-clients", type=click.Choice(ORPHANED_CLIENT_CHOICES),
    help="Request on EXPORT: what to do with a cliënt left without users (default: ask).",
)
@click.option(
    "--save-scenario", "save", type=click.Path(dir_okay=False), metavar="FILE",
    help="Write the request on EXPORT as a scenario file, with its plan as expect, instead of the checklist.",
)
@click.pass_obj
def command(
    streams, paths, fmt, lang, check, strict, junit, output, lint, explain, max_mb, allow_export_outside, decide,
    find, death, leave, end_client, revoke, remove_client, orphaned_clients, save,
    listing, config, quiet, no_colour, export,
):
    """Plan the removal described in a scenario, or asked with options on an
    export, and print the checklist.

    \b
    plan-removal EXPORT.yaml --find Vries       find a person's ids by name
    plan-removal EXPORT.yaml --death ID         the checklist for a request
    plan-removal SCENARIO.yaml                  the checklist (Dutch; --lang en)
    plan-removal SCENARIO.yaml --format json    machine-readable
    plan-removal SCENARIO.yaml --format html -o checklist.html
    plan-removal --check scenarios/             CI: every fixture under the paths
    plan-removal --check --format sarif -o plan-removal.sarif scenarios/
    plan-removal --lint EXPORT.yaml             the registration in an export
    plan-removal --list-rules                   every code, with its level
    plan-removal --explain new-login            what a code means
    plan-removal - --export EXPORT.yaml         a scenario on standard input
    plan-removal import --clients K.xlsx --contacts C.xlsx -o EXPORT.yaml
                                                the export from AuditCase's own lists

    A .plan-removal.yaml in the working directory or a folder above it (or
    --config FILE) sets the level of each code for --check and --lint
    (rules: {CODE: {level: error|warning|info|off}}) and the files they
    leave out (exclude: [GLOB, ...]).

    The steps are ordered so that Cliënt Online never mails new login details
    to someone who is leaving, and every order the checklist allows is
    simulated before it is shown.

    Shell completion: eval "$(_PLAN_REMOVAL_COMPLETE=bash_source plan-removal)"
    (zsh_source and fish_source for those shells).
    """
    policy = ReadPolicy(limit=max_mb * 2**20, allow_export_outside=allow_export_outside)
    options = Options(
        paths, fmt, lang, strict, output, junit, policy, wants_colour(no_colour), decide, config, quiet, export
    )
    ctx = click.get_current_context()
    events = {"death": death, "leave": leave, "revoke": revoke, "remove_client": remove_client}
    request = request_from(ctx, events, end_client, orphaned_clients)
    on_export = find is not None or bool(request) or save is not None
    if on_export and (check or lint or explain is not None or listing):
        raise UsageProblem(
            "--find and a request's options go with one EXPORT.yaml, not --check, --lint, --list-rules or --explain"
        )
    if decide and (check or lint or explain is not None or listing):
        raise UsageProblem("--decide goes with a single scenario, not --check, --lint, --list-rules or --explain")
    if listing:
        if paths or check or lint or explain is not None:
            raise UsageProblem("--list-rules takes no paths and goes with no other mode")
        from planner.cli.ci_modes import list_rules

        return list_rules(options, streams)
    if explain is not None:
        if paths or check or lint:
            raise UsageProblem("--explain takes a code and nothing else")
        return explain_code(explain, streams)
    if check or lint:
        return ci_run(options, check, lint, streams)
    if config is not None:
        raise UsageProblem("--config goes with --check, --lint or --list-rules")
    if quiet:
        raise UsageProblem("-q goes with --check or --lint")
    if junit:
        raise UsageProblem("--junit-xml goes with --check")
    if len(paths) != 1:
        raise UsageProblem(
            "give exactly one SCENARIO.yaml or EXPORT.yaml, or - for a scenario on standard input "
            "(or --check PATH...)"
        )
    if export is not None and paths != (STDIN,):
        raise UsageProblem("--export goes with - (a scenario read from standard input)")
    if on_export and paths == (STDIN,):
        raise UsageProblem("--find and a request's options go with an EXPORT.yaml file, not - (standard input)")
    if fmt not in PLAN_FORMATS:
        raise UsageProblem(f"--format {fmt} goes with --check or --lint")
    if find is not None:
        if request or save is not None or decide or output or fmt != "text":
            raise UsageProblem("--find prints a table of records and goes with EXPORT.yaml and --lang only")
        return find_records(options, find, streams)
    if save is not None:
        if not request:
            raise UsageProblem("--save-scenario saves a request: give it as options (--death ID, --leave ID, ...)")
        if output or ctx.get_parameter_source("fmt") == ParameterSource.COMMANDLINE:
            raise UsageProblem("--save-scenario writes the scenario, not the checklist: leave out -o and --format")
    if request:
        return plan_request(options, request, save, streams)
    return plan_file(options, streams)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--clients", multiple=True, required=True, metavar="FILE",
    help="A list of klanten (Klant-Bedrijf, Klant-Persoon): .xlsx or .csv; repeatable.",
)
@click.option("--contacts", multiple=True, metavar="FILE", help="A list of contactpersonen; repeatable.")
@click.option("--relations", multiple=True, metavar="FILE", help="A list of relaties (Relatie-Bedrijf); repeatable.")
@click.option("--columns", metavar="COLUMNS.yaml", help="Which header holds which field, if not AuditCase's own.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), metavar="EXPORT.yaml",
    help="Write the export to this file (atomically) instead of standard output.",
)
@click.option(
    "--max-input-size", "max_mb", type=click.IntRange(min=1), metavar="MB",
    default=DEFAULT_LIMIT // 2**20, show_default=True, help="Refuse list files larger than this many megabytes.",
)
@click.pass_obj
def import_command(streams, clients, contacts, relations, columns, output, max_mb):
    """Turn AuditCase's own lists ("import excellijst met data", one per kind)
    into the export plan-removal reads.

    \b
    plan-removal import --clients klanten.xlsx --contacts contactpersonen.xlsx -o export.yaml

    Headers are matched case- and accent-insensitively to AuditCase's own
    (Klantnummer, Naam, Registratietype, ...); --columns names others.
    Every problem is reported at its cell (klanten.xlsx:Blad1!C12), exit 2.
    """
    policy = ReadPolicy(limit=max_mb * 2**20)
    return import_export(clients, contacts, relations, columns, output, policy, streams)


#: The import's options that take several files each, as formats.md writes them.
LIST_OPTIONS = ("--clients", "--contacts", "--relations")


def spread_lists(args: list[str]) -> list[str]:
    """``--clients a.xlsx b.xlsx`` as click reads repeated options
    (``--clients a.xlsx --clients b.xlsx``): the words after a list option
    up to the next option are its files (a file whose name starts with "-"
    is given as ``--clients=-name.xlsx`` or ``./-name.xlsx``)."""
    spread, option = [], None
    for arg in args:
        if arg in LIST_OPTIONS:
            option = arg
        elif arg.startswith("-"):
            option = None
            spread.append(arg)
        elif option is not None:
            spread += [option, arg]
        else:
            spread.append(arg)
    return spread


def ci_run(options: Options, check: bool, lint: bool, streams) -> int:
    """``--check`` or ``--lint``, once their options are found to go together."""
    mode = "--lint" if lint else "--check"
    if check and lint:
        raise UsageProblem("--check and --lint are two runs: give one of them")
    if not options.paths:
        raise UsageProblem(f"{mode} needs at least one path")
    if STDIN in options.paths:
        raise UsageProblem(f"- (standard input) goes with a single scenario, not {mode}")
    if options.export is not None:
        raise UsageProblem("--export goes with - (a scenario read from standard input)")
    if options.fmt not in CI_FORMATS:
        raise UsageProblem(f"{mode} writes {one_of(CI_FORMATS)}, not {options.fmt}")
    from planner.cli.ci_modes import check_fixtures, lint_exports

    if lint:
        if options.junit:
            raise UsageProblem("--junit-xml goes with --check")
        return lint_exports(options, streams)
    return check_fixtures(options, streams)


def main(argv: list[str] | None = None) -> None:
    """The console script: run the command and exit with its status."""
    prepare_process()
    sys.exit(run(argv, Streams()))


def run(argv: list[str] | None, streams: Streams) -> int:
    """The command's exit status for ``argv``; every error ends here."""
    try:
        try:
            args = list(sys.argv[1:] if argv is None else argv)
            if args[:1] == ["import"]:  # the one subcommand: a scenario named "import" is ./import
                return import_command.main(
                    args=spread_lists(args[1:]), prog_name="plan-removal import", standalone_mode=False, obj=streams
                )
            return command.main(args=args, prog_name="plan-removal", standalone_mode=False, obj=streams)
        except click.exceptions.Abort:
            streams.tell("plan-removal: interrupted")
            return 130
        except click.exceptions.ClickException as error:
            context = getattr(error, "ctx", None)
            if context is not None:
                streams.tell(context.get_usage())
                streams.tell("Try 'plan-removal -h' for help.")
            streams.tell(f"Error: {error.format_message()}")
            return EXIT_INPUT
        except UsageProblem as error:
            streams.tell(f"Error: {error}")
            return EXIT_INPUT
        except InputError as error:
            return report_input_error(error, streams)
        except OutputError as error:
            streams.tell(f"plan-removal: {error}")
            return EXIT_INPUT
        except Exception:  # noqa: BLE001 - the one place a bug becomes exit status 3
            streams.tell(BUG_REPORT)
            streams.tell_block(traceback.format_exc())
            return EXIT_BUG
    except OutputError:
        return EXIT_INPUT  # even the error could not be written: the status says it
