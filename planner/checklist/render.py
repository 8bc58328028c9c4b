"""Rendering a report with the Jinja2 templates in ``planner.templates``.

HTML is autoescaped, and its only script and stylesheet are the project's
own, inlined and allowed by hash in a Content-Security-Policy that forbids
any network access. Markdown escapes what Markdown would read as markup.
No format carries control characters, bidirectional controls or newlines
from the data (:mod:`planner.output.neutral`), so an export cannot forge a line or
change what a terminal shows.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from functools import lru_cache
from importlib import resources

import click
import jinja2
from markupsafe import Markup

from planner.checklist.content import Report
from planner.output.neutral import visible
from planner.text import typography
from planner.text.messages import translations

TEMPLATES = {"text": "checklist.txt.j2", "markdown": "checklist.md.j2", "html": "checklist.html.j2"}

_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>|~&])")


class Painted(str):
    """Text already made safe and coloured: the terminal escapes are ours."""


#: The colours the text checklist uses, by role.
PAINT = {"ok": {"fg": "green", "bold": True}, "bad": {"fg": "red", "bold": True},
         "warn": {"fg": "yellow", "bold": True}, "head": {"bold": True}}


def neutralise(value: object) -> object:
    """A value as any checklist shows it: control characters, bidirectional
    controls and newlines as visible escapes (:func:`planner.output.neutral.visible`).
    Our own colours and inlined assets are left as they are."""
    if not isinstance(value, str) or isinstance(value, (Painted, Markup)):
        return value
    return visible(value)


def _paint(colour: bool):
    def paint(value: object, role: str) -> str:
        text = neutralise(str(value))
        return Painted(click.style(text, **PAINT[role]) if colour else text)

    return paint


def markdown_escape(value: object) -> object:
    """Neutralised, with Markdown's markup characters escaped."""
    if not isinstance(value, str) or isinstance(value, Painted):
        return value
    return _MARKDOWN.sub(r"\\\1", neutralise(value))


def markdown_code(value: object) -> Painted:
    """A code span: neutralised, between more backticks than it holds in a
    row, so nothing in it is read as markup (CommonMark §6.1)."""
    text = str(neutralise(str(value)))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Painted(f"{fence}{pad}{text}{pad}{fence}")


def _day(lang: str):
    def day(value: object) -> object:
        """A date (or YYYY-MM-DD) as a person reads it: 6 december 2026."""
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return value  # not a date: shown as it is
        return typography.day(value, lang) if isinstance(value, datetime.date) else value

    return day


def typography_of(lang: str) -> dict:
    """The filters (and globals) that write numbers, quotations and dates in
    ``lang`` (:mod:`planner.text.typography`): the one way a template writes
    them; ``thousands`` is the separator the page's script groups counts with."""
    return {
        "number": lambda n: typography.number(n, lang),
        "quoted": lambda text: typography.quoted(text, lang),
        "inner": lambda text: typography.inner(text, lang),
        "day": _day(lang),
        "thousands": typography.THOUSANDS[lang],
    }


@lru_cache(maxsize=None)
def environment(fmt: str, lang: str, colour: bool = False) -> jinja2.Environment:
    finalize = markdown_escape if fmt == "markdown" else neutralise
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("planner.templates", "."),
        autoescape=fmt == "html",
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.filters["paint"] = _paint(colour)
    env.filters["code"] = markdown_code
    written = typography_of(lang)
    env.filters.update((name, f) for name, f in written.items() if callable(f))
    env.globals.update(written)
    return env


@lru_cache(maxsize=None)
def _asset(name: str) -> tuple[Markup, str]:
    """One of the page's own assets, and its CSP hash source."""
    text = resources.files("planner.templates").joinpath(name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"sha256-{digest}"


def render(report: Report, fmt: str, colour: bool = False) -> str:
    """The report in ``fmt``; ``colour`` adds terminal colours to text output."""
    template = environment(fmt, report.lang, colour and fmt == "text").get_template(TEMPLATES[fmt])
    if fmt != "html":
        return template.render(report=report)
    css, css_hash = _asset("checklist.css")
    js, js_hash = _asset("checklist.js")
    return template.render(report=report, css=css, css_hash=css_hash, js=js, js_hash=js_hash)
