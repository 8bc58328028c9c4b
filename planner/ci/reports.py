"""Writers for what ``--check`` and ``--lint`` found, for people and CI
systems: the text report (one line per problem, as
:class:`planner.ci.check.Line` writes it, and a summary), GitHub Actions
annotations, the JSON report (``plan-removal-check/1``) and a JUnit XML
report. SARIF has a module of its own (:mod:`planner.ci.sarif`).

Every value from the input is made visible first (:mod:`planner.output.neutral`),
then escaped as each format requires.
"""

from __future__ import annotations

import re

import click

from planner.checklist.json_plan import dumps
from planner.ci.check import Line, Outcome
from planner.model.findings import ERROR, INFO, SEVERITIES, WARNING
from planner.output import neutral
from planner.output.neutral import visible

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


def summary(outcomes: list[Outcome]) -> dict:
    """How many files were checked and failed, and the problems per level."""
    counts = {level: 0 for level in SEVERITIES}
    for line in problems(outcomes):
        counts[line.level] += 1
    return {"files": len(outcomes), "failed": sum(1 for o in outcomes if o.failed), **counts}


def summary_line(outcomes: list[Outcome]) -> str:
    counts = summary(outcomes)
    line = (
        f"plan-removal: {counts['files']} file(s) checked, {counts['failed']} failed, "
        f"{counts[WARNING]} warning(s)"
    )
    return line + (f", {counts[INFO]} note(s)" if counts[INFO] else "")


def text_report(outcomes: list[Outcome], fmt: str = "text", quiet: bool = False, colour: bool = False) -> str:
    """The report as lines (``fmt`` text, or github for annotations) and the
    summary; ``quiet``: the errors and warnings alone."""
    out = []
    for line in problems(outcomes):
        if quiet and line.level == INFO:
            continue
        out.append(neutral.visible(github_line(line)) if fmt == "github" else text_line(line, colour))
    if not quiet:
        out.append(neutral.line(summary_line(outcomes)))
    return "".join(f"{text}\n" for text in out)


def text_line(line: Line, colour: bool = False) -> str:
    """``path:line:col: [level] code: message``, made safe to show; on a
    terminal the level's tag in its colour (the only escapes are ours)."""
    if not colour:
        return neutral.line(str(line))
    tag = click.style(f"[{line.level}]", fg=LEVEL_COLOUR[line.level], bold=True)
    return f"{neutral.line(f'{line.mark}:')} {tag} {visible(f'{line.code}: {line.message}')}"


def check_json(outcomes: list[Outcome]) -> str:
    """The JSON report, format ``plan-removal-check/1`` (formats.md §5):
    paths as they are (JSON escapes what a terminal would act on), messages
    made visible like every line of the text report."""
    document = {
        "format": CHECK_FORMAT,
        "problems": [
            {
                "path": line.mark.file,
                "line": line.mark.line,
                "column": line.mark.col,
                "code": line.code,
                "severity": line.level,
                "message": visible(line.message),
            }
            for line in problems(outcomes)
        ],
        "summary": summary(outcomes),
    }
    return dumps(document)


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
        text = "\n".join(_xml(str(line)) for line in outcome.lines)
        if outcome.failed:
            failure = ET.SubElement(
                case, "failure", message=f"{len(outcome.lines)} problem(s)", type="plan-removal"
            )
            failure.text = text
        elif outcome.lines:
            ET.SubElement(case, "system-out").text = text
    ET.indent(suite)
    return ET.tostring(suite, encoding="utf-8", xml_declaration=True) + b"\n"


def _xml(text: str) -> str:
    """A value as XML can hold it: visible, and no character XML refuses."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))
