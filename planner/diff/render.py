"""The diff written out: text, Markdown, JSON or a self-contained HTML page,
with the checklist's templates' environment (autoescaped HTML, neutralised
text, escaped Markdown; :mod:`planner.checklist.render`)."""

from __future__ import annotations

import json

from planner.checklist import render as checklist_render
from planner.diff.report import DiffReport

TEMPLATES = {"text": "diff.txt.j2", "markdown": "diff.md.j2", "html": "diff.html.j2"}


def render(report: DiffReport, fmt: str, colour: bool = False, date: str | None = None) -> str:
    if fmt == "json":
        return json.dumps(report.document(), indent=2, ensure_ascii=False) + "\n"
    env = checklist_render.environment(fmt, report.lang, colour)
    template = env.get_template(TEMPLATES[fmt])
    if fmt != "html":
        return template.render(report=report, date=date)
    css, css_hash = checklist_render._asset("checklist.css")
    return template.render(report=report, date=date, css=css, css_hash=css_hash)
