"""The one layer every text passes through before it leaves plan-removal.

Names, ids and paths come from exports and scenario files, which a firm's CI
may take from a pull request. Written raw, a control character can retitle
or clear a terminal, a bidirectional override can reverse what a line says,
a newline can forge a checklist step or a line of CI output, and a CI
runner takes a line for a command of its own: GitHub Actions a line that
starts with ``::`` after any white space (``::warning``, ``::stop-commands``),
and its runner and Azure Pipelines ``##[…]`` and ``##vso[…]`` anywhere in a
line. So:

* :func:`visible` shows every such character as a visible escape
  (``\\x1b``, ``\\u202e``, ``\\n``) and a byte of an undecodable file name as
  ``\\xff``: the text stays readable and says exactly what was there; and it
  writes ``##[`` (``##vso[``, any ``##name[``) as ``##\\[``, which no runner
  reads as a command;
* :func:`line` does that for one line of terminal or CI output, which then
  never starts with ``::``, after white space or not (``\\::``);
* :func:`lines` does it for each line of a text of several (a traceback);
* :func:`document` neutralises the commands in each line of a rendered
  document whose values were already made visible (a checklist: a value
  may start a line of it);
* :func:`json_text` escapes the same characters inside a JSON document as
  ``\\uXXXX`` (``##[`` as ``#\\u0023[``), which JSON reads back as the same
  text; a byte of an undecodable file name, which no UTF-8 text can hold,
  becomes its visible escape (``\\xff``), as :func:`visible` shows it.

The rendered checklist applies :func:`visible` to every value it shows
(:mod:`planner.checklist.render`); the command line sends every line and document
through here (:mod:`planner.output.writer`).
"""

from __future__ import annotations

import re

# C0 controls (newline and tab included: in a value they forge lines), DEL,
# C1 controls, the Unicode line and paragraph separators, the bidirectional
# marks, embeddings, overrides and isolates, and the lone surrogates Python
# uses for the bytes of a file name that is not UTF-8.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# The same, less the JSON's own escapes (json.dumps writes C0 as \uXXXX).
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


# A workflow command in the older form, anywhere in a line: ``##[error]``
# (GitHub Actions), ``##vso[task.setvariable]`` (Azure Pipelines), and any
# other ``##name[`` a runner may read; matched without regard to case.
_BRACKET_COMMAND = re.compile(r"(##[A-Za-z]*)\[")
# A line a runner reads as a ``::command``: one that starts with ``::`` once
# the white space before it is trimmed (every Unicode space, and the
# invisible ones some trims also take: zero-width space, word joiner, BOM).
_COLON_COMMAND = re.compile("^([\\s\u180e\u200b-\u200d\u2060\ufeff]*)::")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def visible(text: str) -> str:
    """``text`` with every unsafe character as a visible escape, and no
    ``##[`` command anywhere in it."""
    text = _UNSAFE.sub(_escape, text)
    return _BRACKET_COMMAND.sub(r"\1\\[", text) if "##" in text else text


def _no_colon_command(text: str) -> str:
    """A line that no runner reads as a ``::command``: a backslash before
    ``::`` where nothing but white space comes before it."""
    return _COLON_COMMAND.sub(r"\1\\::", text, count=1) if "::" in text else text


def line(text: str) -> str:
    """One line of output: visible, and never read as a workflow command."""
    return _no_colon_command(visible(text))


def lines(text: str) -> str:
    """Each line of ``text`` as :func:`line` makes it, joined by newlines."""
    return "\n".join(line(part) for part in text.split("\n"))


def document(text: str) -> str:
    """A rendered document (its values already made visible) with no line a
    CI runner reads as a command, whatever a value put at the start of one."""
    if "::" not in text and "##" not in text:
        return text
    text = _BRACKET_COMMAND.sub(r"\1\\[", text)
    return "\n".join(_no_colon_command(part) for part in text.split("\n"))


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        # A lone surrogate (a byte of a file name that is not UTF-8) is no
        # text UTF-8 can carry: the JSON holds its visible escape instead.
        return "\\" + _escape(match)
    return f"\\u{code:04x}"


def json_text(document: str) -> str:
    """A JSON document (from json.dumps) with the characters JSON leaves raw
    but a terminal would act on written as ``\\uXXXX`` (the same data), a
    ``##[`` command as ``#\\u0023[`` (the same data, which no runner reads),
    and a byte no UTF-8 text can hold as its visible escape: valid UTF-8."""
    document = _JSON_UNSAFE.sub(_json_escape, document)
    return _BRACKET_COMMAND.sub(lambda m: "#\\u0023" + m.group(1)[2:] + "[", document) if "##" in document else document
