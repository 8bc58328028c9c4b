"""A request written as a scenario file (``--save-scenario FILE``), so that a
request staff planned on the command line can be kept, re-run and checked in
CI unchanged.

The file names its export relative to its own folder, writes every id as a
double-quoted YAML string (:func:`planner.output.yamltext.quote`: ``"0012"``,
``"1e3"`` and ``"yes"`` keep their text; a character YAML would read as a
line break, or could not hold, is escaped), and holds the plan as it was
made in ``expect``: the steps, and the findings ``--check`` (also with
``--strict``) would otherwise fail on —
the plan's errors and warnings as ``code@step``, the export's registration
errors and warnings by code. So it is a ready fixture: ``plan-removal
--check FILE`` passes until the export or plan-removal changes the plan,
from any folder — ``--save-scenario`` writes it only where its export is
inside its project (:func:`planner.load.scenario_file.project_of`).
"""

from __future__ import annotations

import shlex
import textwrap

from planner.model.findings import ERROR, WARNING, Finding
from planner.model.scenario import UNLINK_BY_DEFAULT, Event, Scenario
from planner.model.steps import Step
from planner.output.yamltext import comment, quote
from planner.text.messages import _


def header(file: str) -> list[str]:
    """The comment lines that open the file, in the active language: what it
    is, the commands that plan and check it, and what ``expect`` holds."""
    lines = [
        _("A removal request for plan-removal, saved with --save-scenario."),
        _("Plan it: {command}").format(command=f"plan-removal {file}"),
        _("Check it: {command}").format(command=f"plan-removal --check {file}"),
        *textwrap.wrap(_(
            "Under expect: the plan as it was made when the request was saved, and the findings "
            "--check would otherwise fail on; --check holds the request to them."
        ), 78, break_on_hyphens=False),
    ]
    return ["# " + comment(line) for line in lines]


def scenario_text(scenario: Scenario, export: str, file: str, expect_plan: tuple[Step, ...],
                  expect_findings: list[str]) -> str:
    """The scenario file for ``scenario``: ``export`` is its export's path as
    the file names it (relative to the file's folder), ``file`` the path the
    header's commands name."""
    lines = [*header(shlex.quote(file)), f"export: {quote(export)}", "events:"]
    lines += [f"  - {event.kind}: {{{_event_body(event)}}}" for event in scenario.events]
    if scenario.orphaned_clients != "ask":
        lines += ["options:", f"  orphaned_clients: {scenario.orphaned_clients}"]
    if scenario.decisions:
        lines.append("decisions:")
        lines += [f"  {quote(subject)}: {choice}" for subject, choice in scenario.decisions.items()]
    lines += ["expect:", "  plan:" if expect_plan else "  plan: []"]
    lines += [_step_line(step) for step in expect_plan]
    if expect_findings:
        lines.append("  findings: [" + ", ".join(expect_findings) + "]")
    return "\n".join(lines) + "\n"


def _step_line(step) -> str:
    """One step of ``expect.plan``, as a scenario writes it."""
    if step.main:  # a link names the record it goes under
        return f"    - {step.action}: {{contact: {quote(step.target)}, main: {quote(step.main)}}}"
    return f"    - {step.action}: {quote(step.target)}"


def _event_body(event: Event) -> str:
    """An event's details in flow style: the ids it names and the flags that
    are not the defaults."""
    pairs = [(key, quote(getattr(event, key))) for key in ("person", "contact", "client")
             if getattr(event, key) is not None]
    if event.clients is not None:
        pairs.append(("clients", "[" + ", ".join(quote(k) for k in event.clients) + "]"))
    if event.end_client:
        pairs.append(("end_client", "true"))
    if event.ends:
        pairs.append(("ends", "true"))
    if event.unlink != (event.kind in UNLINK_BY_DEFAULT):
        pairs.append(("unlink", "true" if event.unlink else "false"))
    return ", ".join(f"{key}: {value}" for key, value in pairs)


def expected_findings(plan_findings, registration: tuple[Finding, ...]) -> list[str]:
    """What ``expect.findings`` lists: each error and warning of the plan at
    its step, then the codes of the export's registration errors and warnings."""
    listed = [f.label for f in plan_findings if f.severity in (ERROR, WARNING)]
    listed += sorted({f.code for f in registration if f.severity in (ERROR, WARNING)})
    return list(dict.fromkeys(listed))
