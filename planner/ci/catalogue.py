"""Every code plan-removal reports, in one catalogue: the finding codes of the
rules (:mod:`planner.rules`, documented by their modules' docstrings) and
the codes of ``--check`` and ``--lint`` themselves
(:mod:`planner.ci.check_codes`).

``--list-rules``, ``--explain``, the configuration (``.plan-removal.yaml``),
SARIF's rules and the published catalogue (``docs/rules.md``, made by
:func:`markdown`) all read it here, so a new rule module registered in
``rules/__init__.py`` appears in each of them without more work.
"""

from __future__ import annotations

import inspect
import re

from planner.ci.check_codes import CHECK_CODES, Code
from planner.rules import RULES
from planner.text.messages import _, active_language

#: The sections of the catalogue: which codes each holds, by the rule's scope
#: (None: the codes of --check and --lint themselves).
SECTIONS = (
    ("Order rules", "checked on every step of a plan or a proposed order, by simulation",
     ("step", "sequence", "end")),
    ("Registration rules", "checked on the export itself, by --lint and under every plan", ("export",)),
    ("Rules of plan-removal diff", "what Cliënt Online did between two exports of one office", ("diff",)),
    ("Codes of --check and --lint", "what is wrong with the files a CI run was given", (None,)),
)


def _from_rule(rule) -> Code:
    # A rule about the registration is reported by --lint as well.
    modes = {"export": ("check", "lint"), "diff": ("diff", "check")}.get(rule.SCOPE, ("check",))
    return Code(rule.ID, rule.SEVERITY, modes, inspect.cleandoc(rule.__doc__) + "\n", rule.TITLE)


#: Every code, the rules first in the order rules.md lists them.
CODES: tuple[Code, ...] = tuple(_from_rule(rule) for rule in RULES) + CHECK_CODES

BY_ID: dict[str, Code] = {code.id: code for code in CODES}

#: The codes whose level .plan-removal.yaml may change.
CONFIGURABLE = tuple(code.id for code in CODES if code.configurable)


def listing(levels: dict[str, str]) -> list[str]:
    """``--list-rules``: a line per code with the level a run reports it at
    (``levels``: those a configuration set, as it writes them), the modes
    that report it, and what it is about: in English the first line of its
    documentation, in another language its title, which the catalogue
    translates (the documentation itself is English)."""
    width = max(len(code.id) for code in CODES)
    english = active_language() == "en"
    lines = []
    for code in CODES:
        level = levels.get(code.id, code.level)
        about = plain(code.about) if english else _(code.title)
        if level != code.level:
            about = _("{about} (default {level})").format(about=about, level=code.level)
        modes = ",".join(code.modes)
        lines.append(f"{code.id:<{width}}  {level:<7}  {modes:<11}  {about}")
    return lines


#: reStructuredText's inline markup: a literal, or a role such as :mod:`x` (or :mod:`~a.x`).
_LITERAL = re.compile(r"``([^`]+)``")
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def plain(doc: str) -> str:
    """A reStructuredText docstring as plain text: a literal and a role
    written as their text alone, and a paragraph that ends in ``::`` (the
    example after it) ending in ``:``, the example kept as it is indented."""
    out = []
    block = False
    for line in doc.split("\n"):
        if block and line and not line.startswith((" ", "\t")):
            block = False
        if block:
            out.append(line)
            continue
        text = _ROLE.sub(r"\1", _LITERAL.sub(r"\1", line))
        if text.rstrip().endswith("::"):
            stripped = text.rstrip()[:-2].rstrip()
            text = f"{stripped}:" if stripped else ""
            block = True
        out.append(text)
    return "\n".join(out)


def _scope(code: Code) -> str | None:
    rule = RULES_BY_ID.get(code.id)
    return rule.SCOPE if rule is not None else None


RULES_BY_ID = {rule.ID: rule for rule in RULES}


def markdown() -> str:
    """The catalogue as one Markdown page (``docs/rules.md``): a table of
    every code, then each code's documentation, its examples as YAML."""
    lines = [
        "# Finding codes",
        "",
        "Every code plan-removal reports. One code, one rule module in `rules/` (or, for the",
        "codes of `--check` and `--lint`, one entry in `planner/ci/check_codes.py`); this page",
        "is made from their documentation (`plan-removal --explain CODE` prints one entry).",
        "A level can be changed per run (`--strict`, `.plan-removal.yaml`), never the meaning",
        "of a code.",
    ]
    for title, about, scopes in SECTIONS:
        codes = [code for code in CODES if _scope(code) in scopes]
        lines += ["", f"## {title}", "", f"{about[0].upper()}{about[1:]}.", "",
                  "| code | level | reported when |", "|---|---|---|"]
        lines += [f"| [`{code.id}`](#{code.id}) | {code.level} | {code.summary} |" for code in codes]
    for code in CODES:
        lines += ["", f"## {code.id}", "", *_markdown_doc(code.doc)]
    return "\n".join(lines).rstrip() + "\n"


def _markdown_doc(doc: str) -> list[str]:
    """A reStructuredText docstring as Markdown: ````x```` as `x`, a
    paragraph ending in ``::`` followed by an indented YAML block."""
    out: list[str] = []
    block = False
    for line in doc.rstrip().split("\n"):
        if block and line and not line.startswith("    "):
            _close(out)
            out.append("")
            block = False
        if block:
            out.append(line[4:])
            continue
        text = re.sub(r"``([^`]+)``", r"`\1`", line)
        if text.endswith("::"):
            out += [text[:-1] if not text.endswith(" ::") else text[:-3], "", "```yaml"]
            block = True
            continue
        out.append(text)
    if block:
        _close(out)
    return [line for index, line in enumerate(out) if not (line == "" and out[index - 1] == "```yaml")]


def markdown_doc(doc: str) -> str:
    """A code's documentation as Markdown (SARIF's help for viewers that show it)."""
    return "\n".join(_markdown_doc(doc)) + "\n"


def _close(out: list[str]) -> None:
    """End a code block, without the blank lines that ended its text."""
    while out[-1] == "":
        out.pop()
    out.append("```")
