"""``plan-removal diff BEFORE.yaml AFTER.yaml``: what Cliënt Online did
between two exports of one office, and what to do about it.

The subcommand itself is declared with the others in
:mod:`planner.cli.command`; this is what it does. It reads both exports with
the loader the checklist uses (same errors, same limits) and writes through
the one writer. Exit statuses as in every mode: 0 nothing flagged, 1 an
error finding (with ``--strict`` a warning too), 2 an input that cannot be
used.
"""

from __future__ import annotations

from planner.cli.exits import EXIT_FINDINGS, EXIT_OK
from planner.cli.modes import today
from planner.load.files import ReadPolicy
from planner.output import neutral
from planner.output.writer import Streams, write_file


def run_diff(before: str, after: str, request: str | None, *, fmt: str, lang: str, strict: bool,
             output: str | None, colour: bool, policy: ReadPolicy, streams: Streams) -> int:
    """The diff of two export files, written as ``fmt``; its exit status."""
    from planner.diff import render
    from planner.diff.compare import compare_files
    from planner.diff.report import build

    report = build(compare_files(before, after, policy, request), lang, strict)
    text = render.render(report, fmt, colour and fmt == "text" and output is None, today())
    if output is None:
        streams.document(text)
    else:
        inputs = [before, after] + ([request] if request else [])
        write_file(output, neutral.document(text).encode("utf-8"), inputs)
    return EXIT_FINDINGS if report.failed else EXIT_OK
