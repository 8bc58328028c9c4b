"""The modes of the command a firm's CI runs: ``--check`` (fixtures),
``--lint`` (exports) and ``--list-rules``.

Each reads the configuration (``.plan-removal.yaml``, or ``--config``),
works out what every file holds (:mod:`planner.ci.check`), writes the report
in the format asked for — text, GitHub annotations, JSON or SARIF — on
standard output or atomically into ``-o FILE`` through the one writer, and
returns the exit status from the one table (:mod:`planner.cli.exits`).
"""

from __future__ import annotations

import os
import sys

from planner.ci.config import Config, find_config, load_config
from planner.cli.exits import BUG_REPORT, EXIT_OK, of_outcomes
from planner.cli.modes import STDIN
from planner.output import neutral
from planner.output.writer import Streams, write_file
from planner.text.messages import _, translations


def ci_config(options) -> Config:
    """The configuration a CI run follows: ``--config FILE``, else the
    nearest ``.plan-removal.yaml`` up to the repository's root or the home
    folder (:func:`planner.ci.config.find_config`), else none."""
    path = options.config if options.config is not None else find_config(os.getcwd())
    return load_config(path, options.policy)


def check_fixtures(options, streams: Streams) -> int:
    """``--check``: every scenario under the paths, held to its ``expect``;
    ``--check -``: the one scenario on standard input (its export inline, or
    the file ``--export`` names), as ``plan-removal -`` reads it."""
    from planner.ci.check import CheckSession, with_levels
    from planner.ci.reports import junit_xml

    config = ci_config(options)
    session = CheckSession(translations(options.lang), options.strict, options.policy, skip=config.excluded,
                           lang=options.lang)
    if options.paths == (STDIN,):
        found = session.standard_input(sys.stdin, options.export)
    else:
        found = session.paths(options.paths)
    outcomes = with_levels(found, config.levels, options.strict)
    _write_report(outcomes, options, streams, config, session.inputs)
    if options.junit:
        write_file(options.junit, junit_xml(outcomes), session.inputs)
    if not outcomes:
        streams.tell(_("plan-removal: no scenario found under the paths given"))
    _report_bugs(outcomes, streams)
    return of_outcomes(outcomes)


def lint_exports(options, streams: Streams) -> int:
    """``--lint``: the registration rules over the exports given, and those
    found under the folders given; ``--lint -``: over the export on standard input."""
    from planner.ci.check import lint_paths, lint_standard_input, with_levels

    config = ci_config(options)
    catalog = translations(options.lang)
    if options.paths == (STDIN,):
        found = lint_standard_input(sys.stdin, catalog, options.strict, options.policy)
    else:
        found = lint_paths(options.paths, catalog, options.strict, options.policy, config.excluded)
    outcomes = with_levels(found, config.levels, options.strict)
    _write_report(outcomes, options, streams, config, [o.path for o in outcomes])
    if not outcomes:
        streams.tell(_("plan-removal: no export found under the paths given"))
    return of_outcomes(outcomes)


def list_rules(options, streams: Streams) -> int:
    """``--list-rules``: every code either mode can report, at the level the
    configuration gives it."""
    from planner.ci.catalogue import listing

    for line in listing(ci_config(options).levels):
        streams.say(line)
    return EXIT_OK


def _write_report(outcomes, options, streams: Streams, config: Config, inputs) -> None:
    from planner.ci.reports import check_json, text_report

    if options.fmt == "json":
        text = check_json(outcomes, config.path)
    elif options.fmt == "sarif":
        from planner.ci.sarif import sarif

        text = sarif(outcomes, config.levels, config.path)
    else:
        colour = options.colour and options.fmt == "text" and options.output is None
        text = text_report(outcomes, options.fmt, options.quiet, colour, config.path)
    annotations = options.fmt == "github"  # workflow commands on purpose, their values escaped
    if options.output is None:
        streams.document(text, commands=annotations)
    else:
        write_file(options.output, (text if annotations else neutral.document(text)).encode("utf-8"), inputs)


def _report_bugs(outcomes, streams: Streams) -> None:
    """The tracebacks of files that hit a bug, on standard error."""
    for outcome in outcomes:
        if outcome.bug:
            streams.tell(_(BUG_REPORT))
            streams.tell(f"{outcome.path}:")
            streams.tell_block(outcome.bug)
