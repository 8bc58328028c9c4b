"""The modes of the command on an export file (formats.md §5, "Requests on
the command line"): ``--find TEXT``, and a request given as options, planned
like a scenario (:func:`planner.cli.modes.write_plan`) or saved as one
(``--save-scenario``). Each writes through :mod:`planner.output.writer` and returns
an exit status; a scenario file given where an export is expected, or an
export without a request, is a usage problem.
"""

from __future__ import annotations

import os
import shlex

from planner.cli.exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from planner.cli.modes import STDIN, Options, UsageProblem, plan_scenario, planned, write_plan
from planner.cli.request import Request, RequestError, build
from planner.load.export_file import DIFF, EXPORT, SCENARIO, LoadedExport, file_kind, load_export_file
from planner.load.files import read_file
from planner.output.writer import Streams, check_links, write_file
from planner.text.errors import InputError
from planner.text.messages import _, translations
from planner.text.typography import number, shown


def plan_file(options: Options, streams: Streams) -> int:
    """A scenario file, planned; a sound export given without a request is a
    usage problem that says how to give one (any other file is read as a
    scenario, whose loader reports what is wrong with it). What a file is:
    :func:`planner.load.export_file.file_kind`."""
    (path,) = options.paths
    if path == STDIN:
        return plan_scenario(options, streams)
    try:
        data = read_file(path, options.policy)[0]
    except InputError:
        data = b""  # the loader reports why the file cannot be read
    kind = file_kind(data, path)
    if kind == EXPORT and not load_export_file(path, options.policy).problems:
        raise UsageProblem(_(
            "{path} is an export (it has no events:); name the request with options: "
            "--death ID, --leave ID[=CLIENT,...], --revoke CONTACT_ID or --remove-client ID "
            "(find an id by name with: {command}), or give a scenario file"
        ).format(path=path, command=f"plan-removal {shlex.quote(path)} --find NAME"))
    if kind == DIFF:
        raise UsageProblem(_(
            "{path} is a diff fixture (two exports and the findings expected), not a scenario; check it "
            "with: {check}, or compare two exports with: plan-removal diff BEFORE.yaml AFTER.yaml"
        ).format(path=path, check=f"plan-removal --check {shlex.quote(path)}"))
    return plan_scenario(options, streams)


def load_export_for(path: str, options: Options, what: str) -> LoadedExport:
    """The export file ``path`` that ``what`` (an option) goes with; a
    scenario file there is a usage problem."""
    loaded = load_export_file(path, options.policy)
    if loaded.problems:
        if file_kind(loaded.data, path) == SCENARIO:
            raise UsageProblem(_(
                "{path} is a scenario (it has its own events:); {what} goes with an export file "
                "(a scenario's request is in the file: plan it without request options)"
            ).format(path=path, what=what))
        raise InputError(list(loaded.problems))
    return loaded


def find_records(options: Options, text: str, streams: Streams) -> int:
    """``--find TEXT``: the table of records whose name or id holds the text;
    exit status 1 when there are none."""
    from planner.checklist.find import find, fold, table

    (path,) = options.paths
    catalog = translations(options.lang)
    _, n_ = catalog.gettext, catalog.ngettext
    if not fold(text).strip():  # spaces, or accents alone, which every name holds once folded
        raise UsageProblem(_("--find needs some text: part of a name or an id"))
    export = load_export_for(path, options, "--find").export
    groups = find(export, text)
    if not groups:
        streams.say(_("No client or contact in {export} has {text} in its name or id.").format(
            export=path, text=shown(text, lang=options.lang)))
        return EXIT_FINDINGS
    for line in table(export, groups, _):
        streams.say(line)
    found = sum(len(group) for group in groups)
    streams.say("")
    streams.say(n_("{n} client or contact found.", "{n} clients and contacts found.", found).format(n=number(found, options.lang)))
    streams.say(_(
        "Plan a request by the id of a person or record: {example} (also --leave, --revoke, --remove-client)"
    ).format(example=f"plan-removal {shlex.quote(path)} --death ID"))
    return EXIT_OK


def plan_request(options: Options, request: Request, save: str | None, streams: Streams) -> int:
    """A request given as options over the export file given: its plan, as
    :func:`planner.cli.modes.write_plan` writes it, or saved as a scenario file."""
    (path,) = options.paths
    loaded = load_export_for(path, options, _("a request given as options"))
    try:
        scenario = build(request, loaded.export, path, loaded.data, loaded.suggestions)
    except RequestError as error:
        for message in error.messages:
            streams.tell(_("plan-removal: {problem}").format(problem=message))
        return EXIT_INPUT
    if save is None:
        return write_plan(scenario, options, streams)
    return save_scenario(scenario, options, save, streams)


def save_scenario(scenario, options: Options, file: str, streams: Streams) -> int:
    """``--save-scenario FILE``: the request as a scenario file, with its plan
    as ``expect``; exit status 0 once it is written."""
    from planner.checklist.saved_scenario import expected_findings, scenario_text
    from planner.load.scenario_file import export_allowed, project_of
    from planner.plan.registration import lint

    source = scenario.export.source
    catalog = translations(options.lang)
    _ = catalog.gettext
    check_links(file)  # a link on the way out of the tree is the reason to give, before the project
    if not export_allowed(file, source):
        # What --check would refuse is never written: the command printed must pass.
        beside = os.path.join(os.path.dirname(source), os.path.basename(file))
        raise UsageProblem(_(
            "--save-scenario does not write {file}: its export {export} would be outside {project}, "
            "the project the scenario would be in (a scenario's export must be inside its project: "
            "the nearest folder at or above the scenario that holds .git or .plan-removal.yaml; "
            "without one, the home folder when the scenario is in it; else the scenario's own "
            "folder), so checking it would fail. Save it in the export's project, for instance "
            "beside the export: --save-scenario {beside}"
        ).format(file=file, export=source, project=project_of(file), beside=shlex.quote(beside)))
    export = os.path.relpath(os.path.abspath(source), os.path.dirname(os.path.abspath(file)))
    try:
        export.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageProblem(_(
            "the path from {file} to its export holds bytes that are not UTF-8 text, which a "
            "scenario file cannot name; rename the export file or folder"
        ).format(file=file)) from None
    plan, verdict = planned(scenario, options)
    registration = verdict.registration
    if verdict.registration_elsewhere:  # the export's others: --check reports them too
        registration = lint(scenario.export, catalog)
    text = scenario_text(
        plan.scenario, export, file, tuple(p.step for p in plan.steps),
        expected_findings(verdict.plan_findings, registration),
    )
    write_file(file, text.encode("utf-8"), [source])
    streams.tell(catalog.ngettext(
        "Saved the request in {file}, with its plan of {n} step as expect. Check it with: {command}",
        "Saved the request in {file}, with its plan of {n} steps as expect. Check it with: {command}",
        len(plan.steps),
    ).format(file=file, n=number(len(plan.steps), options.lang), command=f"plan-removal --check {shlex.quote(file)}"))
    return EXIT_OK
