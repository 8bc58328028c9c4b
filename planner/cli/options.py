"""Every option of the command, declared once, as pip-tools declares its own:
each a click decorator held by a module-level name, which the main command
and ``import`` (:mod:`planner.cli.command`) stack as they need them; and the
one table of which options each mode takes (:data:`MODES`), with the one
check of an invocation against it (:func:`mode_of`), which names the mode to
enter or raises the usage problem (exit status 2).

A mode is asked for by its own option (``--check``, ``--find TEXT``, a
request's ``--death ID``, ...), or by the paths alone: a scenario file, or
``-`` for a scenario on standard input; ``import`` is the subcommand. The
table names each option by its parameter name (``fmt`` for ``--format``,
``max_mb`` for ``--max-input-size``); its messages name it as the user
writes it.

Also here: what an option's value is read into (``--decide``'s pairs, the
order a request's events were given in, the files after a list option of
``import``), and the formats each kind of run writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import click

from planner import __version__
from planner.cli.modes import STDIN, UsageProblem
from planner.load.files import DEFAULT_LIMIT
from planner.load.schema import DECISION_CHOICES
from planner.load.yaml.problems import one_of
from planner.model.scenario import ORPHANED_CLIENT_CHOICES
from planner.text.messages import DEFAULT_LANGUAGE, LANGUAGES, N_, _, speaking
from planner.text.typography import quoted, shown

#: What a checklist is written as; what --check and --lint write.
PLAN_FORMATS = ("text", "markdown", "html", "json")
CI_FORMATS = ("text", "github", "json", "sarif")

CONTEXT = {"help_option_names": ["-h", "--help"]}


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
            raise click.BadParameter(_(
                "--decide {value} is not SUBJECT=keep or SUBJECT=remove (SUBJECT: the id a decision is about)"
            ).format(value=shown(value)))
        taken[subject] = choice
    return tuple(taken.items())


_ORDER = "plan-removal.order"


class OrderedCommand(click.Command):
    """Keeps the order in which options were given, which click's values of
    a repeated option do not tell: a request's events are planned in it,
    and a usage mistake is reported about the first option that makes it."""

    def make_parser(self, ctx):
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def parse_args(args):
            try:
                opts, rest, order = parse(args=args)
            except click.UsageError as error:
                # click's parser leaves out the command, which the usage
                # line and the option's kind (a flag or not) are read from
                error.ctx = error.ctx or ctx
                raise
            ctx.meta[_ORDER] = [param.name for param in order]
            return opts, rest, order

        parser.parse_args = parse_args
        return parser

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The usage line (of ``--help`` and of every usage mistake) in the language spoken."""
        from planner.cli.usage import usage_pieces

        formatter.write_usage(ctx.command_path, usage_pieces(self.collect_usage_pieces(ctx)), prefix=_("Usage: "))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command's help, made when it is shown (help given as a function
        is written in the language spoken then)."""
        if not callable(self.help):
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(self.help())

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, each with its help and click's notes (default, range,
        environment variable) in the language spoken."""
        rows = [(param.get_help_spec(ctx), _option_help(param, ctx)) for param in self.get_params(ctx)
                if isinstance(param, click.Option) and not param.hidden]
        if rows:
            with formatter.section(_("Options")):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The epilog, made when the help is shown (an epilog given as a
        function is written in the language spoken then)."""
        if not callable(self.epilog):
            super().format_epilog(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(self.epilog())


def _option_help(param: click.Option, ctx: click.Context) -> str:
    """An option's help as ``--help`` shows it, with click's notes after it."""
    extra = param.get_help_extra(ctx)
    notes = []
    if "envvars" in extra:
        notes.append(_("environment variable: {name}").format(name=", ".join(extra["envvars"])))
    if "default" in extra:
        notes.append(_("default: {value}").format(value=extra["default"]))
    if "range" in extra:
        notes.append(str(extra["range"]))
    if "required" in extra:
        notes.append(_("required"))
    said = _(param.help) if param.help else ""
    return f"{said}  [{'; '.join(notes)}]" if notes else said


def given_order(ctx: click.Context) -> list[str]:
    """The parameter names of the options given, in the order given (one
    name for each time an option was given)."""
    return list(ctx.meta.get(_ORDER, ()))


# -- values, checked in the language spoken --------------------------------------------------


def named(param: click.Parameter, ctx: click.Context | None) -> str:
    """An option as a message names it: as the user writes it, or the
    environment variable its value came from."""
    source = ctx.get_parameter_source(param.name) if ctx is not None and param.name else None
    if source is click.core.ParameterSource.ENVIRONMENT and getattr(param, "envvar", None):
        return str(param.envvar)
    return param.opts[0] if param.opts else (param.human_readable_name or "")


class _Said:
    """A click type whose refusal of a value is said in the language spoken
    (:meth:`said`), instead of in click's English."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(self.said(named(param, ctx), shown(str(value))), param, ctx)


class Choice(_Said, click.Choice):
    """click's choice of words."""

    def said(self, option: str, value: str) -> str:
        return _("{option} takes {choices}, not {value}").format(option=option, choices=one_of(self.choices),
                                                                  value=value)


class IntRange(_Said, click.IntRange):
    """click's whole number of at least some minimum."""

    def said(self, option: str, value: str) -> str:
        return _("{option} takes a whole number of at least {minimum}, not {value}").format(
            option=option, minimum=self.min, value=value)


class Path(click.Path):
    """A path; a folder where a file is expected is said in the language
    spoken. Whether a file can be read is for the mode to say, as it reads."""

    def __init__(self, dir_okay: bool = True) -> None:
        super().__init__(dir_okay=dir_okay, readable=False)

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            if os.path.isdir(value):
                self.fail(_("{option} takes a file, and {value} is a folder").format(
                    option=named(param, ctx), value=quoted(os.fsdecode(value))), param, ctx)
            raise


# -- the main command ---------------------------------------------------------------------

def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``: the version, said in the language spoken, and nothing else."""
    if not value or ctx.resilient_parsing:
        return
    said = _("{prog}, version {version}").format(prog="plan-removal", version=__version__)
    ctx.obj.say(said) if ctx.obj is not None else click.echo(said)
    ctx.exit()


version = click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
    help=N_("Show the version and exit."),
)

#: The help of -h and --help, which click adds: translated as every option's is.
HELP_OPTION = N_("Show this message and exit.")

paths = click.argument("paths", nargs=-1, type=Path())

fmt = click.option(
    "--format", "fmt", type=Choice(sorted(set(PLAN_FORMATS + CI_FORMATS))),
    default="text", show_default=True,
    help=N_("Output format; with --check and --lint: text, github (annotations), json or sarif."),
)

def _speak(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Every message after this one is in the language asked for: --lang is
    read first (eager), so even a mistake in another option is reported in it.
    The language holds until the command's context closes; the streams keep
    it for the errors reported after that (:func:`planner.cli.command.exit_status`)."""
    ctx.with_resource(speaking(value))
    if ctx.obj is not None:
        ctx.obj.lang = value
    return value


def language_asked(args: list[str]) -> str:
    """The language a command line asks for, read before click parses it, for
    what is said before ``--lang`` is read (a mistake click meets parsing
    the options, ``--help``): the last ``--lang`` given, when it names a
    language, else the default."""
    asked = DEFAULT_LANGUAGE
    for at, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang="):] if arg.startswith("--lang=") else None
        if arg == "--lang" and at + 1 < len(args):
            value = args[at + 1]
        if value in LANGUAGES:
            asked = value
    return asked


lang = click.option(
    "--lang", type=Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
    is_eager=True, callback=_speak,
    help=N_("Language of the checklist and messages (AuditCase's own labels stay Dutch)."),
)

def _both(first, second):
    """Two click decorators as one."""
    return lambda f: first(second(f))


before_after = _both(
    click.argument("before", type=Path(), metavar="BEFORE.yaml"),
    click.argument("after", type=Path(), metavar="AFTER.yaml"),
)

request = click.option(
    "--request", type=Path(dir_okay=False), metavar="SCENARIO.yaml",
    help=N_("diff: a request planned on BEFORE (e.g. a saved scenario); what its checklist announced is expected."),
)

check = click.option("--check", is_flag=True, help=N_("CI: check every scenario under the PATHS given."))

strict = click.option("--strict", is_flag=True, help=N_("Warnings fail too."))

junit_xml = click.option(
    "--junit-xml", "junit", type=Path(dir_okay=False),
    help=N_("With --check: also write a JUnit XML report to this file."),
)

output = click.option(
    "-o", "--output", type=Path(dir_okay=False), metavar="FILE",
    help=N_("Write the checklist, the report of --check or --lint, or the export import makes, to this file "
    "(atomically) instead of standard output."),
)

lint = click.option(
    "--lint", is_flag=True, help=N_("Check the registration in the EXPORT files, or folders, given.")
)

explain = click.option(
    "--explain", metavar="CODE", shell_complete=complete_code,
    help=N_("Print the documentation of a code (--list-rules lists them)."),
)

list_rules = click.option(
    "--list-rules", "listing", is_flag=True, help=N_("List every code --check and --lint can report, with its level.")
)

config = click.option(
    "--config", type=Path(dir_okay=False), metavar="FILE",
    help=N_("With --check, --lint or --list-rules: follow this configuration instead of the "
    "nearest .plan-removal.yaml."),
)

quiet = click.option(
    "-q", "--quiet", is_flag=True, help=N_("With --check or --lint: the problems alone, no notes or summary.")
)

no_color = click.option(
    "--no-color", "no_colour", is_flag=True,
    help=N_("No colours, even on a terminal (as NO_COLOR=1 does; FORCE_COLOR=1 forces them)."),
)

export = click.option(
    "--export", type=Path(dir_okay=False), metavar="FILE",
    help=N_("With - (a scenario read from standard input, also under --check -): the export file it applies to."),
)

max_input_size = click.option(
    "--max-input-size", "max_mb", type=IntRange(min=1), metavar="MB",
    default=DEFAULT_LIMIT // 2**20, show_default=True,
    help=N_("Refuse input files larger than this many megabytes."),
)

jobs = click.option(
    "--jobs", "jobs", type=IntRange(min=1), metavar="N", envvar="PLAN_REMOVAL_JOBS", show_envvar=True,
    help=N_("Use at most N processes; 1 runs everything in this one (but for the import's Excel reader, "
    "always apart). The output is the same for "
    "every N. Default: a second process for big jobs where a second processor is free."),
)

allow_export_outside = click.option(
    "--allow-export-outside", is_flag=True,
    help=N_("Let a scenario name an export outside its project, the folder that holds .git or "
    ".plan-removal.yaml above it (trusted local use only)."),
)

decide = click.option(
    "--decide", "decide", multiple=True, metavar="SUBJECT=keep|remove", callback=parse_decisions,
    help=N_("Take a decision the plan asks for (repeatable): keep leaves SUBJECT on the portal, "
    "remove takes it off anyway."),
)

find = click.option(
    "--find", metavar="TEXT", help=N_("List the clients and contacts in EXPORT whose name or id holds TEXT.")
)

death = click.option(
    "--death", multiple=True, metavar="ID", help=N_("Request on EXPORT: this person died (repeatable).")
)

leave = click.option(
    "--leave", multiple=True, metavar="ID[=CLIENT,...]",
    help=N_("Request on EXPORT: this person leaves every company, or the klanten listed after the last = sign."),
)

end_client = click.option("--end-client", is_flag=True, help=N_("Every --leave also ends the person's own klant."))

revoke = click.option(
    "--revoke", multiple=True, metavar="CONTACT_ID", help=N_("Request on EXPORT: this contact record goes.")
)

remove_client = click.option(
    "--remove-client", multiple=True, metavar="ID", help=N_("Request on EXPORT: this klant leaves the portal.")
)

orphaned_clients = click.option(
    "--orphaned-clients", type=Choice(ORPHANED_CLIENT_CHOICES),
    help=N_("Request on EXPORT: what to do with a cliënt left without users (default: ask)."),
)

save_scenario = click.option(
    "--save-scenario", "save", type=Path(dir_okay=False), metavar="FILE",
    help=N_("Write the request on EXPORT as a scenario file, with its plan as expect, instead of the checklist."),
)

# -- import ---------------------------------------------------------------------------------

clients = click.option(
    "--clients", multiple=True, required=True, metavar="FILE",
    help=N_("A list of klanten (Klant-Bedrijf, Klant-Persoon): .xlsx or .csv; repeatable."),
)

contacts = click.option(
    "--contacts", multiple=True, metavar="FILE", help=N_("A list of contactpersonen; repeatable.")
)

relations = click.option(
    "--relations", multiple=True, metavar="FILE", help=N_("A list of relaties (Relatie-Bedrijf); repeatable.")
)

columns = click.option(
    "--columns", metavar="COLUMNS.yaml", help=N_("Which header holds which field, if not AuditCase's own.")
)

sheet = click.option(
    "--sheet", "sheets", multiple=True, metavar="NAME",
    help=N_("Read each workbook's list from the sheet NAME (repeatable: each workbook holds one of them), "
    "not the sheet Excel shows; a hidden sheet is read only when named."),
)

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


# -- which mode takes which option ---------------------------------------------------------

#: The paths a mode takes: none, exactly one file, exactly "-", at least one file or folder.
NO_PATHS, ONE_FILE, STANDARD_INPUT, SOME_PATHS = "none", "one file", "-", "some"

#: The options of a request on an export (formats.md §5), in the order they are documented.
REQUEST = ("death", "leave", "revoke", "remove_client", "end_client", "orphaned_clients")


@dataclass(frozen=True, kw_only=True)
class Mode:
    """One mode of the command, and what it takes."""

    #: how a message names it ("not --check"), in English: marked for the
    #: catalogue where it holds words, and said through :meth:`said`
    name: str
    #: the options that ask for it; none: the paths do
    asked_by: tuple[str, ...] = ()
    #: the subcommand that is it, if any
    subcommand: str | None = None
    #: every other option it takes (``--format``: see formats)
    takes: frozenset[str]
    #: NO_PATHS, ONE_FILE, STANDARD_INPUT or SOME_PATHS
    paths: str
    #: the values of ``--format`` it writes; empty: it takes no ``--format``
    formats: tuple[str, ...] = ()
    #: options one of which it cannot do without, and what to say when none is given
    needs: tuple[tuple[str, ...], str] | None = None

    def said(self) -> str:
        """Its name in the language spoken."""
        return _(self.name)  # an option's name is in no catalogue: it stays as it is


#: What every mode of the main command takes: how its messages read.
GENERAL = ("lang", "no_colour", "jobs")
#: A checklist's options.
CHECKLIST = ("max_mb", "strict", "output", "decide")

#: The modes, in the order messages list them.
MODES: dict[str, Mode] = {
    "plan": Mode(
        name=N_("a SCENARIO.yaml"), paths=ONE_FILE, formats=PLAN_FORMATS,
        takes=frozenset({*GENERAL, *CHECKLIST, "allow_export_outside"}),
    ),
    "stdin": Mode(
        name=N_("- (a scenario read from standard input)"), paths=STANDARD_INPUT, formats=PLAN_FORMATS,
        takes=frozenset({*GENERAL, *CHECKLIST, "allow_export_outside", "export"}),
    ),
    "request": Mode(
        name=N_("a request on an EXPORT.yaml"), asked_by=REQUEST, paths=ONE_FILE, formats=PLAN_FORMATS,
        takes=frozenset({*GENERAL, *CHECKLIST}),
    ),
    "save": Mode(
        name="--save-scenario", asked_by=("save",), paths=ONE_FILE,
        takes=frozenset({*GENERAL, *REQUEST, "max_mb", "decide"}),
        needs=(REQUEST, N_("--save-scenario saves a request: give it as options (--death ID, --leave ID, ...)")),
    ),
    "find": Mode(name="--find", asked_by=("find",), paths=ONE_FILE, takes=frozenset({*GENERAL, "max_mb"})),
    "check": Mode(
        name="--check", asked_by=("check",), paths=SOME_PATHS, formats=CI_FORMATS,
        takes=frozenset({
            *GENERAL, "max_mb", "strict", "output", "config", "quiet", "junit", "allow_export_outside", "export",
        }),
    ),
    "lint": Mode(
        name="--lint", asked_by=("lint",), paths=SOME_PATHS, formats=CI_FORMATS,
        takes=frozenset({*GENERAL, "max_mb", "strict", "output", "config", "quiet"}),
    ),
    "list-rules": Mode(
        name="--list-rules", asked_by=("listing",), paths=NO_PATHS, takes=frozenset({*GENERAL, "max_mb", "config"}),
    ),
    "explain": Mode(name="--explain", asked_by=("explain",), paths=NO_PATHS, takes=frozenset(GENERAL)),
    "diff": Mode(
        name="plan-removal diff", subcommand="diff", paths=NO_PATHS, formats=PLAN_FORMATS,
        takes=frozenset({*GENERAL, "before", "after", "request", "strict", "output", "max_mb"}),
    ),
    "import": Mode(
        name="plan-removal import", subcommand="import", paths=NO_PATHS,
        takes=frozenset({"clients", "contacts", "relations", "columns", "sheets", "output", "max_mb", "jobs", "lang"}),
    ),
}


@dataclass(frozen=True, kw_only=True)
class Invocation:
    """What a command line gave, as parsed."""

    #: the parameter names of the options given, in the order given
    given: tuple[str, ...]
    #: how the user writes each option ("-o", "--format")
    spelled: dict[str, str]
    paths: tuple[str, ...] = ()
    fmt: str = "text"
    subcommand: str | None = None


def mode_of(invocation: Invocation) -> str:
    """The mode ``invocation`` asks for, once it is found to take every
    option and path given; else the usage problem, about the first option
    (in the order given) it does not take."""
    key = _asked(invocation)
    mode = MODES[key]
    for name in invocation.given:
        if not _takes(mode, name):
            raise UsageProblem(_("{option} goes with {modes}, not {mode}").format(
                option=invocation.spelled[name], modes=_where(name), mode=mode.said()))
    if mode.formats and invocation.fmt not in mode.formats:
        where = one_of(m.said() for m in MODES.values() if invocation.fmt in m.formats)
        raise UsageProblem(_("--format {format} goes with {modes}, not {mode} (which writes {formats})").format(
            format=invocation.fmt, modes=where, mode=mode.said(), formats=one_of(mode.formats)))
    _check_paths(mode, invocation)
    if mode.needs is not None and not set(mode.needs[0]) & set(invocation.given):
        raise UsageProblem(_(mode.needs[1]))
    return key


def _asked(invocation: Invocation) -> str:
    """The mode the subcommand, or the options, or else the paths ask for.
    Two modes asked for at once are a usage problem; a mode that takes the
    options asking for another (--save-scenario a request's) is the one."""
    if invocation.subcommand is not None:
        return next(key for key, mode in MODES.items() if mode.subcommand == invocation.subcommand)
    given = set(invocation.given)
    asked = [key for key, mode in MODES.items() if given & set(mode.asked_by)]
    asked = [
        key for key in asked
        if not any(given & set(MODES[key].asked_by) <= MODES[other].takes for other in asked if other != key)
    ]
    if len(asked) > 1:
        given_at = sorted(min(at for at, name in enumerate(invocation.given) if name in MODES[key].asked_by)
                          for key in asked)
        one, other = (invocation.spelled[invocation.given[at]] for at in given_at[:2])
        raise UsageProblem(_("{one} and {other} are two runs: give one of them").format(one=one, other=other))
    if asked:
        return asked[0]
    return "stdin" if invocation.paths == (STDIN,) else "plan"


def _takes(mode: Mode, name: str) -> bool:
    """Whether ``mode`` takes option ``name`` (its own included)."""
    return name in mode.takes or name in mode.asked_by or (name == "fmt" and bool(mode.formats))


def _where(name: str) -> str:
    """The modes of the main command that take option ``name``, as a message lists them."""
    return one_of(mode.said() for mode in MODES.values() if mode.subcommand is None and _takes(mode, name))


def _check_paths(mode: Mode, invocation: Invocation) -> None:
    """The paths ``mode`` takes; ``-`` (standard input) names one scenario,
    or, alone, the one file ``--check`` or ``--lint`` reads."""
    paths = invocation.paths
    if mode.paths == NO_PATHS:
        if paths:
            raise UsageProblem(_("{mode} takes no paths").format(mode=mode.said()))
        return
    if mode.paths == SOME_PATHS and not paths:
        raise UsageProblem(_("{mode} needs at least one path").format(mode=mode.said()))
    if mode.paths != SOME_PATHS and len(paths) != 1:
        raise UsageProblem(_(
            "give exactly one SCENARIO.yaml or EXPORT.yaml, or - for a scenario on standard input "
            "(or --check PATH...)"
        ))
    if STDIN in paths and mode.paths == SOME_PATHS and len(paths) > 1:
        raise UsageProblem(_(
            "{mode} reads - (standard input) alone: give - for one file on standard input, or the paths"
        ).format(mode=mode.said()))
    if STDIN in paths and mode.paths not in (STANDARD_INPUT, SOME_PATHS):
        raise UsageProblem(_(
            "- (standard input) goes with a single scenario, --check or --lint, not {mode}"
        ).format(mode=mode.said()))
    if "export" in invocation.given and mode.paths == SOME_PATHS and paths != (STDIN,):
        raise UsageProblem(_(
            "--export goes with - (a scenario read from standard input): {mode} - --export FILE; "
            "a scenario file names its own export"
        ).format(mode=mode.said()))
