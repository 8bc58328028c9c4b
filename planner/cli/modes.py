"""What each mode of the command does: plan one scenario, explain a code
(the modes a CI runs, ``--check``, ``--lint`` and ``--list-rules``, are in
:mod:`planner.cli.ci_modes`). Each run writes through the one writer and the
output streams (:mod:`planner.output.writer`) and returns an exit status from the
one table (:mod:`planner.cli.exits`); the command line (:mod:`planner.cli.command`)
chose the run and maps errors to statuses.
"""

from __future__ import annotations

import datetime
import os
import sys
from dataclasses import dataclass

from planner.cli.exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from planner.load.files import ReadPolicy
from planner.output import neutral
from planner.output.writer import Streams, write_file
from planner.text.errors import InputError
from planner.text.messages import _, translations
from planner.text.typography import shown

#: The scenario argument that means standard input.
STDIN = "-"


class UsageProblem(Exception):
    """Options that do not go together, or a value the command cannot use (exit status 2)."""


@dataclass(frozen=True, kw_only=True)
class Options:
    """What the command line asked for (built by keyword: Options(paths=..., fmt=...))."""

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
    #: CI runs: the configuration file (--config); None to look for one
    config: str | None = None
    #: CI runs: the problems alone, no notes or summary (-q)
    quiet: bool = False
    #: the export of a scenario read from standard input (--export)
    export: str | None = None


def today() -> str:
    """The date printed on a checklist; SOURCE_DATE_EPOCH fixes it for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageProblem(_("SOURCE_DATE_EPOCH={value} is not a whole number of seconds").format(
                value=shown(epoch))) from None
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
    """The documentation of any code either mode reports (planner.ci.catalogue),
    as plain text."""
    from planner.ci.catalogue import BY_ID
    from planner.ci.explain import explained
    from planner.text.suggest import did_you_mean

    known = BY_ID.get(code)
    if known is None:
        unknown = _("unknown code {code}").format(code=shown(code)) + did_you_mean(code, BY_ID)
        # Two sentences: the first ends with its question, or a full stop.
        unknown += "" if unknown.endswith("?") else "."
        raise UsageProblem(f"{unknown} " + _("Known codes: {codes}.").format(codes=", ".join(BY_ID)))
    streams.say_block(explained(known))
    return EXIT_OK


def plan_scenario(options: Options, streams: Streams) -> int:
    """One scenario: the checklist, or the JSON, on standard output or in a file."""
    from planner.load.loading import load_scenario

    (path,) = options.paths
    try:
        scenario = load_scenario(path, policy=options.policy) if path != STDIN else standard_input(options)
    except InputError as error:
        return report_input_error(error, streams)
    return write_plan(scenario, options, streams)


def planned(scenario, options: Options):
    """The plan for ``scenario`` with the decisions taken on the command line, and its verdict."""
    from planner.plan.graph import plan as make_plan
    from planner.plan.proof import validate

    plan = make_plan(with_decisions(scenario, options.decide))
    return plan, validate(plan, translations(options.lang))


def write_plan(scenario, options: Options, streams: Streams) -> int:
    """The checklist, or the JSON, for a loaded scenario (from a file, or a
    request given as options), on standard output or in a file."""
    from planner.checklist import json_plan
    from planner.model.findings import WARNING

    plan, verdict = planned(scenario, options)
    if options.fmt == "json":
        text = json_plan.dumps(json_plan.plan_document(plan, verdict))
    else:
        from planner.checklist import (
            content,  # Jinja2 and the wording: not for JSON
            render,
        )

        colour = options.colour and options.fmt == "text" and options.output is None
        # The date of AuditCase's lists an imported export carries, else its file's.
        exported = scenario.export.exported or file_date(scenario.export.source) or file_date(scenario.path)
        if options.fmt == "html":  # the page lets staff take the decisions
            from planner.checklist.page import html_report
            from planner.plan.answers import answer_groups

            answers = answer_groups(plan, translations(options.lang))
            built = html_report(plan, verdict, answers, lang=options.lang, date=today(), export_date=exported)
        else:
            built = content.build(plan, verdict, lang=options.lang, date=today(), export_date=exported)
        text = render.render(built, options.fmt, colour)
    if options.output is None:
        streams.document(text)
    else:
        # As on standard output: no line of it a CI runner reads as a command.
        write_file(options.output, neutral.document(text).encode("utf-8"), [scenario.path, scenario.export.source])
    if not verdict.ok:
        return EXIT_FINDINGS
    if options.strict and any(f.severity == WARNING for f in verdict.every):
        return EXIT_FINDINGS
    return EXIT_OK


def standard_input(options: Options):
    """The scenario on standard input (``plan-removal -``)."""
    from planner.load.files import read_stream
    from planner.load.loading import read_standard_input

    return read_standard_input(read_stream(sys.stdin, options.policy), options.policy, options.export)


def with_decisions(scenario, decide: tuple[tuple[str, str], ...]):
    """The scenario with the decisions taken on the command line added
    (they win over the scenario's own ``decisions:``)."""
    if not decide:
        return scenario
    from dataclasses import replace

    from planner.text.suggest import IdSuggestions, IdUnion

    export = scenario.export
    for subject, _choice in decide:
        if subject not in export:
            near = IdSuggestions().nearest(subject, IdUnion(export.clients, export.contacts))
            raise UsageProblem(_("--decide: there is no client or contact with id {subject} in the export{near}").format(
                subject=shown(subject), near=near))
    return replace(scenario, decisions={**scenario.decisions, **dict(decide)})


def import_export(
    clients: tuple[str, ...],
    contacts: tuple[str, ...],
    relations: tuple[str, ...],
    columns: str | None,
    output: str | None,
    policy: ReadPolicy,
    streams: Streams,
    sheets: tuple[str, ...] = (),
) -> int:
    """``plan-removal import``: AuditCase's lists to an export, on standard
    output or in a file that is never one of the lists."""
    from planner.importer import import_lists
    from planner.text.messages import _, n_
    from planner.text.typography import number

    try:
        imported = import_lists(list(clients), list(contacts), list(relations), columns, policy, tuple(sheets))
    except InputError as error:
        return report_input_error(error, streams)
    for warning in imported.warnings:
        streams.tell(_("{place}: warning: {message}").format(place=warning.mark, message=warning.message))
    if output is None:
        streams.document(imported.text)
        return EXIT_OK
    inputs = [*clients, *contacts, *relations, *([columns] if columns else [])]
    write_file(output, imported.text.encode("utf-8"), inputs)
    streams.tell(
        _("plan-removal: {output}: {clients}, {contacts} and {relations} imported").format(
            output=output,
            clients=n_("{n} klant", "{n} klanten", imported.clients).format(n=number(imported.clients)),
            contacts=n_("{n} contactpersoon", "{n} contactpersonen", imported.contacts).format(
                n=number(imported.contacts)
            ),
            relations=n_("{n} relatie", "{n} relaties", imported.relations).format(n=number(imported.relations)),
        )
    )
    return EXIT_OK
