"""Rendering a report with the Jinja2 templates in ``planner.templates``.

HTML is autoescaped, and its only script and stylesheet are the project's
own, inlined and allowed by hash in a Content-Security-Policy that forbids
any network access. Markdown escapes what Markdown would read as markup.
Text output carries no control characters or bidirectional overrides from
the data, so an export cannot forge what the terminal shows.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources

import click
import jinja2
from markupsafe import Markup

from planner.i18n import translations
from planner.report import Report

TEMPLATES = {"text": "checklist.txt.j2", "markdown": "checklist.md.j2", "html": "checklist.html.j2"}

# C0 and C1 controls (bar newline and tab, which the templates own) and the
# Unicode bidi controls that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>|~&])")


class Painted(str):
    """Text already made safe and coloured: the terminal escapes are ours."""


#: The colours the text checklist uses, by role.
PAINT = {"ok": {"fg": "green", "bold": True}, "bad": {"fg": "red", "bold": True},
         "warn": {"fg": "yellow", "bold": True}, "head": {"bold": True}}


def neutralise(value: object) -> object:
    """Show unsafe characters as visible escapes (``\\x1b``, ``\\u202e``)."""
    if not isinstance(value, str) or isinstance(value, Painted):
        return value
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def _paint(colour: bool):
    def paint(value: object, role: str) -> str:
        text = neutralise(str(value))
        return Painted(click.style(text, **PAINT[role]) if colour else text)

    return paint


def markdown_escape(value: object) -> object:
    """Neutralised, on one line, with Markdown's markup characters escaped."""
    if not isinstance(value, str):
        return value
    text = neutralise(value.replace("\r", " ").replace("\n", " "))
    return _MARKDOWN.sub(r"\\\1", text)


@lru_cache(maxsize=None)
def environment(fmt: str, lang: str, colour: bool = False) -> jinja2.Environment:
    finalize = {"text": neutralise, "markdown": markdown_escape}.get(fmt)
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
