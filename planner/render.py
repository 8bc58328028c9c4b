"""Rendering a report with the Jinja2 templates in ``planner.templates``.

Text output carries no control characters or bidirectional overrides from
the data, so an export cannot forge what the terminal shows.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2

from planner.i18n import translations
from planner.report import Report

TEMPLATES = {"text": "checklist.txt.j2"}

# C0 and C1 controls (bar newline and tab, which the templates own) and the
# Unicode bidi controls that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def neutralise(value: object) -> object:
    """Show unsafe characters as visible escapes (``\\x1b``, ``\\u202e``)."""
    if not isinstance(value, str):
        return value
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


@lru_cache(maxsize=None)
def environment(fmt: str, lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("planner.templates", "."),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=neutralise if fmt == "text" else None,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)
    return env


def render(report: Report, fmt: str) -> str:
    return environment(fmt, report.lang).get_template(TEMPLATES[fmt]).render(report=report)
