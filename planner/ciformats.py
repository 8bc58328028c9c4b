"""Writers for what ``--check`` and ``--lint`` found, for CI systems: GitHub
Actions annotations and a JUnit XML report (the text lines are
:class:`planner.checkrun.Line`'s own)."""

from __future__ import annotations

from planner.checkrun import Line, Outcome
from planner.findings import ERROR, INFO, WARNING

LEVEL_TO_GITHUB = {ERROR: "error", WARNING: "warning", INFO: "notice"}


def github_line(line: Line) -> str:
    """A GitHub Actions workflow command that annotates the line."""

    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
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
        case = ET.SubElement(suite, "testcase", classname="plan-removal", name=outcome.path)
        if outcome.failed:
            failure = ET.SubElement(
                case, "failure", message=f"{len(outcome.lines)} problem(s)", type="plan-removal"
            )
            failure.text = "\n".join(str(line) for line in outcome.lines)
        elif outcome.lines:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(str(line) for line in outcome.lines)
    ET.indent(suite)
    return ET.tostring(suite, encoding="utf-8", xml_declaration=True) + b"\n"
