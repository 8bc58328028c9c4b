"""What the command says about its command line, in the language spoken:
its help (:func:`command_help`, :func:`import_help`; the options' own in
:mod:`planner.cli.options`), and, for a command line it cannot use, the
usage line, where to find help, and click's own errors (an option that does
not exist, an option without its value, or with a value it does not take)
in sentences of the catalogue, not click's English.

The values of options are checked by the types of :mod:`planner.cli.options`,
whose messages are the catalogue's already; the rest click finds while it
parses the words, before any option is read, so they are said here again
from what the error holds.
"""

from __future__ import annotations

import click

from planner.load.yaml.problems import one_of
from planner.text.messages import N_, _, n_
from planner.text.typography import quoted

#: The examples ``--help`` starts with: a command, and what it does (None:
#: the command says it).
EXAMPLES = (
    ("plan-removal EXPORT.yaml --find Vries", N_("find a person's ids by name")),
    ("plan-removal EXPORT.yaml --death ID", N_("the checklist for a request")),
    ("plan-removal SCENARIO.yaml", N_("the checklist (Dutch; --lang en)")),
    ("plan-removal SCENARIO.yaml --format json", N_("machine-readable")),
    ("plan-removal SCENARIO.yaml --format html -o checklist.html", None),
    ("plan-removal --check scenarios/", N_("CI: every fixture under the paths")),
    ("plan-removal --check --format sarif -o plan-removal.sarif scenarios/", None),
    ("plan-removal --lint EXPORT.yaml", N_("the registration in an export")),
    ("plan-removal --list-rules", N_("every code, with its level")),
    ("plan-removal --explain new-login", N_("what a code means")),
    ("plan-removal - --export EXPORT.yaml", N_("a scenario on standard input")),
    ("plan-removal import --clients K.xlsx --contacts C.xlsx -o EXPORT.yaml", N_("the export from AuditCase's own lists")),
)
#: Where the examples' explanations start.
EXAMPLE_WIDTH = 44


def command_help() -> str:
    """``plan-removal --help``'s text before the options."""
    examples = []
    for example, what in EXAMPLES:
        if what is None:
            examples.append(example)
        elif len(example) < EXAMPLE_WIDTH:
            examples.append(f"{example:<{EXAMPLE_WIDTH}}{_(what)}")
        else:
            examples += [example, " " * EXAMPLE_WIDTH + _(what)]
    return "\n\n".join([
        _("Plan the removal described in a scenario, or asked with options on an export, and print the checklist."),
        "\b\n" + "\n".join(examples),
        _("A .plan-removal.yaml in the working directory or a folder above it, up to the repository's root (the "
          "first folder holding .git) or the home folder (or --config FILE), sets the level of each code for "
          "--check and --lint ({rules}) and the files they leave out ({exclude}); their reports name it.").format(
            rules="rules: {CODE: {level: error|warning|info|off}}", exclude="exclude: [GLOB, ...]"),
        _("A scenario's export must be inside its project: the nearest folder at or above the scenario that holds "
          ".git or .plan-removal.yaml; without one, the home folder when the scenario is in it; else the "
          "scenario's own folder (--allow-export-outside lifts this for trusted local use)."),
        _("The steps are ordered so that Cliënt Online never mails new login details to someone who is leaving, "
          "and every order the checklist allows is simulated before it is shown."),
        _("Shell completion: {command} ({zsh} and {fish} for those shells).").format(
            command='eval "$(_PLAN_REMOVAL_COMPLETE=bash_source plan-removal)"', zsh="zsh_source", fish="fish_source"),
    ])


def import_help() -> str:
    """``plan-removal import --help``'s text before the options."""
    return "\n\n".join([
        _("Turn AuditCase's own lists ({name}, one per kind) into the export plan-removal reads.").format(
            name=quoted("import excellijst met data")),
        "\b\nplan-removal import --clients klanten.xlsx --contacts contactpersonen.xlsx -o export.yaml",
        _("Headers are matched case- and accent-insensitively to AuditCase's own (Klantnummer, Naam, "
          "Registratietype, ...); --columns names others. Every problem is reported at its cell ({cell}), "
          "exit status 2.").format(cell="klanten.xlsx:Blad1!C12"),
    ])


def diff_help() -> str:
    """``plan-removal diff --help``'s text before the options."""
    return "\n\n".join([
        _("What Cliënt Online did between two exports of one office (yesterday's and today's, or before and "
          "after a checklist): new logins and the address their login details were mailed to, logins removed, "
          "access granted and revoked, cliënten added and removed, per person."),
        "\b\n" + "\n".join([
            "plan-removal diff yesterday.yaml today.yaml",
            "plan-removal diff before.yaml after.yaml --request p-dies.yaml",
            "plan-removal diff before.yaml after.yaml --format html -o diff.html",
        ]),
        _("An error is a login made for someone who had one or is leaving, or access granted to a login none of "
          "whose records changed; a warning is an order of the same changes in which the portal would have "
          "mailed login details. With --request (a scenario planned on BEFORE) what that request's checklist "
          "announced is reported as expected."),
    ])


def usage_pieces(pieces: list[str]) -> str:
    """click's ``[OPTIONS] [PATHS]...`` in the language spoken."""
    said = {"[OPTIONS]": _("[OPTIONS]"), "[PATHS]...": _("[PATHS]...")}
    return " ".join(said.get(piece, piece) for piece in pieces)


def problem_lines(error: click.ClickException) -> list[str]:
    """What the command prints for one of click's errors: the usage line and
    where help is, when click knows the command, then the problem."""
    lines = []
    context = getattr(error, "ctx", None)
    if context is not None:
        lines.append(context.get_usage())
        lines.append(_("Try {command} for help.").format(command=quoted(f"{context.command_path} -h")))
    lines.append(_("Error: {problem}").format(problem=problem(error)))
    return lines


def problem(error: click.ClickException) -> str:
    """The problem a click error is about, as a sentence of the catalogue;
    a kind this command never meets keeps click's words."""
    if isinstance(error, click.exceptions.NoSuchOption):
        return _no_such_option(error)
    if isinstance(error, click.exceptions.BadOptionUsage):
        return _bad_option_usage(error)
    if isinstance(error, click.exceptions.MissingParameter) and error.param is not None:
        return _("{option} is required").format(option=_spelled(error.param))
    if isinstance(error, click.exceptions.BadParameter):
        return error.message  # the types of planner.cli.options say it in the language spoken
    return error.format_message()


def _no_such_option(error: click.exceptions.NoSuchOption) -> str:
    said = _("there is no option {option}").format(option=error.option_name)
    if not error.possibilities:
        return said
    return n_(
        "{problem}; did you mean {option}?",
        "{problem}; did you mean one of {option}?",
        len(error.possibilities),
    ).format(problem=said, option=one_of(error.possibilities))


def _bad_option_usage(error: click.exceptions.BadOptionUsage) -> str:
    """An option given without its value, or a flag given one (``--check=x``)."""
    param = _param_named(error.ctx, error.option_name)
    if param is not None and getattr(param, "is_flag", False):
        return _("{option} takes no value").format(option=error.option_name)
    return _("{option} needs a value").format(option=error.option_name)


def _param_named(ctx: click.Context | None, spelled: str) -> click.Parameter | None:
    """The parameter of ``ctx``'s command written ``spelled`` on the command line."""
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if spelled in (*param.opts, *param.secondary_opts):
            return param
    return None


def _spelled(param: click.Parameter) -> str:
    if isinstance(param, click.Argument) and param.metavar:
        return param.metavar  # BEFORE.yaml, not "before"
    return param.opts[0] if param.opts else (param.human_readable_name or "")
