"""Writers for what ``--check`` and ``--lint`` found, for CI systems: GitHub
Actions annotations and a JUnit XML report (the text lines are
:class:`planner.checkrun.Line`'s own).

Every value from the input is made visible first (:mod:`planner.neutral`),
then escaped as each format requires.
"""

from __future__ import annotations

import re

from planner.checkrun import Line, Outcome
from planner.findings import ERROR, INFO, WARNING
from planner.neutral import visible

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
