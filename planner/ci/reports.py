"""Writers for what ``--check`` and ``--lint`` found, for people and CI
systems: the text report (one line per problem, as
:class:`planner.ci.check.Line` writes it, and a summary), GitHub Actions
annotations, the JSON report (``plan-removal-check/1``) and a JUnit XML
report. SARIF has a module of its own (:mod:`planner.ci.sarif`).

Every value from the input is made visible first (:mod:`planner.output.neutral`),
then escaped as each format requires. Each report names the configuration
file the run followed (the text in its summary line, JSON at its top level;
SARIF in the run's properties). A line that stands for findings at repeated
steps of a proposed order (:mod:`planner.ci.repeats`) is one line in every
report but JSON, which lists every finding it stands for; the counts of the
summary count them all.
"""

from __future__ import annotations

import os
import re
import urllib.parse

import click

from planner.checklist.json_plan import dumps
from planner.ci.check import Line, Outcome
from planner.model.findings import ERROR, INFO, SEVERITIES, WARNING
from planner.output import neutral
from planner.output.neutral import visible
from planner.text.messages import _, n_
from planner.text.typography import number

CHECK_FORMAT = "plan-removal-check/1"

#: The colour of a level's tag in the text report on a terminal.
LEVEL_COLOUR = {ERROR: "red", WARNING: "yellow", INFO: "cyan"}

# What XML 1.0 cannot hold at all, once visible() has escaped the controls.
_NOT_XML = re.compile("[\ufffe\uffff]")

LEVEL_TO_GITHUB = {ERROR: "error", WARNING: "warning", INFO: "notice"}


def github_line(line: Line) -> str:
    """A GitHub Actions workflow command that annotates the line."""

    def escape(text: str, prop: bool = False) -> str:
        # As the workflow command format requires; after visible() no CR or
        # LF is left, but the escapes stay should that ever change.
        text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    m = line.mark
    return (
        f"::{LEVEL_TO_GITHUB[line.level]} file={escape(m.file, True)},line={m.line},"
        f"col={m.col},title={escape(line.code, True)}::{escape(line.message)}"
    )


def problems(outcomes: list[Outcome]) -> list[Line]:
    """Every problem found, each once, in the order the files were checked
    (an export's line may come from each scenario over it)."""
    return list(dict.fromkeys(line for outcome in outcomes for line in outcome.lines))


def every_problem(outcomes: list[Outcome]) -> list[Line]:
    """:func:`problems`, with every line a line of repeats stands for."""
    return [each for line in problems(outcomes) for each in (line.repeats or (line,))]


def summary(outcomes: list[Outcome]) -> dict:
    """How many files were checked and failed, and the problems per level
    (each finding a line of repeats stands for counted)."""
    counts = {level: 0 for level in SEVERITIES}
    for line in problems(outcomes):
        counts[line.level] += len(line.repeats) or 1
    return {"files": len(outcomes), "failed": sum(1 for o in outcomes if o.failed), **counts}


def summary_line(outcomes: list[Outcome], config: str | None = None) -> str:
    """The last line of the text report, in the language spoken: the counts,
    and the configuration file the run followed (``config``), or that it
    followed none."""
    counts = summary(outcomes)
    parts = [
        n_("{n} file checked", "{n} files checked", counts["files"]),
        n_("{n} failed", "{n} failed", counts["failed"]),
        n_("{n} warning", "{n} warnings", counts[WARNING]),
    ]
    numbers = [counts["files"], counts["failed"], counts[WARNING]]
    if counts[INFO]:
        parts.append(n_("{n} note", "{n} notes", counts[INFO]))
        numbers.append(counts[INFO])
    said = ", ".join(part.format(n=number(n)) for part, n in zip(parts, numbers))
    if config is None:
        return _("plan-removal: {counts}; no configuration file").format(counts=said)
    return _("plan-removal: {counts}; configuration: {file}").format(counts=said, file=config)


def text_report(outcomes: list[Outcome], fmt: str = "text", quiet: bool = False, colour: bool = False,
                config: str | None = None) -> str:
    """The report as lines (``fmt`` text, or github for annotations) and the
    summary, which names ``config``; ``quiet``: the errors and warnings alone."""
    out = []
    for line in problems(outcomes):
        if quiet and line.level == INFO:
            continue
        out.append(neutral.visible(github_line(line)) if fmt == "github" else text_line(line, colour))
    if not quiet:
        out.append(neutral.line(summary_line(outcomes, config)))
    return "".join(f"{text}\n" for text in out)


def text_line(line: Line, colour: bool = False) -> str:
    """``path:line:col: [level] code: message``, the level in the language
    spoken, made safe to show; on a terminal the level's tag in its colour
    (the only escapes are ours)."""
    if not colour:
        return neutral.line(f"{line.mark}: [{_(line.level)}] {line.code}: {line.message}")
    tag = click.style(f"[{_(line.level)}]", fg=LEVEL_COLOUR[line.level], bold=True)
    return f"{neutral.line(f'{line.mark}:')} {tag} {visible(f'{line.code}: {line.message}')}"


def check_json(outcomes: list[Outcome], config: str | None = None) -> str:
    """The JSON report, format ``plan-removal-check/1`` (formats.md §5):
    paths as they are (JSON escapes what a terminal would act on; a name
    that is not UTF-8 as :func:`uri` writes it), messages made visible like
    every line of the text report, every finding at repeated steps of a
    proposed order listed, and the configuration file the run followed."""
    document = {
        "format": CHECK_FORMAT,
        "configuration": None if config is None else json_path(config),
        "problems": [
            {
                "path": json_path(line.mark.file),
                "line": line.mark.line,
                "column": line.mark.col,
                "code": line.code,
                "severity": line.level,
                "message": visible(line.message),
            }
            for line in every_problem(outcomes)
        ],
        "summary": summary(outcomes),
    }
    return dumps(document)


def json_path(path: str) -> str:
    """A path as a JSON report holds it: as it is when it is UTF-8 text, else
    (a file name with bytes that are not) as the URI reference SARIF writes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return uri(path)
    return path


def uri(path: str) -> str:
    """A file's path as a URI reference: relative paths stay relative (code
    scanning resolves them against the repository), an absolute one is a
    ``file:`` URI. Every byte but letters, digits and ``/-._~`` is
    percent-encoded, the bytes of a name that is not UTF-8 included."""
    raw = os.fsencode(path).replace(os.fsencode(os.sep), b"/")
    quoted = urllib.parse.quote(raw, safe="/")
    return "file://" + quoted if os.path.isabs(path) else quoted


def junit_xml(outcomes: list[Outcome]) -> bytes:
    """A JUnit XML report: one test case per file checked."""
    import xml.etree.ElementTree as ET

    suite = ET.Element(
        "testsuite",
        name="plan-removal",
        tests=str(len(outcomes)),
        failures=str(sum(o.failed for o in outcomes)),
        errors="0",
    )
    for outcome in outcomes:
        case = ET.SubElement(suite, "testcase", classname="plan-removal", name=_xml(outcome.path))
        text = "\n".join(_xml(text_line(line)) for line in outcome.lines)
        if outcome.failed:
            count = len(outcome.lines)
            failure = ET.SubElement(
                case, "failure", message=n_("{n} problem", "{n} problems", count).format(n=number(count)),
                type="plan-removal",
            )
            failure.text = text
        elif outcome.lines:
            ET.SubElement(case, "system-out").text = text
    ET.indent(suite)
    return ET.tostring(suite, encoding="utf-8", xml_declaration=True) + b"\n"


def _xml(text: str) -> str:
    """A value as XML can hold it: visible, and no character XML refuses."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))
