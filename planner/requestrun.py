"""The modes of the command on an export file (formats.md §5, "Requests on
the command line"): ``--find TEXT``. Each writes through :mod:`planner.writer`
and returns an exit status; a scenario file given where an export is
expected is a usage problem.
"""

from __future__ import annotations

import shlex

from planner.errors import InputError
from planner.exportfile import LoadedExport, load_export_file, looks_like_scenario
from planner.i18n import translations
from planner.runs import EXIT_FINDINGS, EXIT_OK, Options, UsageProblem
from planner.writer import Streams


def load_export_for(path: str, options: Options, what: str) -> LoadedExport:
    """The export file ``path`` that ``what`` (an option) goes with; a
    scenario file there is a usage problem."""
    loaded = load_export_file(path, options.policy)
    if loaded.problems:
        if looks_like_scenario(loaded.data):
            raise UsageProblem(
                f"{path} is a scenario (it has its own events:); {what} goes with an export file "
                "(a scenario's request is in the file: plan it without request options)"
            )
        raise InputError(list(loaded.problems))
    return loaded


def find_records(options: Options, text: str, streams: Streams) -> int:
    """``--find TEXT``: the table of records whose name or id holds the text;
    exit status 1 when there are none."""
    from planner.find import find, table

    (path,) = options.paths
    if not text.strip():
        raise UsageProblem("--find needs some text: part of a name or an id")
    export = load_export_for(path, options, "--find").export
    catalog = translations(options.lang)
    _, n_ = catalog.gettext, catalog.ngettext
    groups = find(export, text)
    if not groups:
        streams.say(_('No client or contact in {export} has "{text}" in its name or id.').format(
            export=path, text=text))
        return EXIT_FINDINGS
    for line in table(export, groups, _):
        streams.say(line)
    found = sum(len(group) for group in groups)
    streams.say("")
    streams.say(n_("{n} client or contact found.", "{n} clients and contacts found.", found).format(n=found))
    streams.say(_(
        "Plan a request by the id of a person or record: {example} (also --leave, --revoke, --remove-client)"
    ).format(example=f"plan-removal {shlex.quote(path)} --death ID"))
    return EXIT_OK
