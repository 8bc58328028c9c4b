"""The one layer every text passes through before it leaves plan-removal.

Names, ids and paths come from exports and scenario files, which a firm's CI
may take from a pull request. Written raw, a control character can retitle
or clear a terminal, a bidirectional override can reverse what a line says,
a newline can forge a checklist step or a line of CI output, and a line
that starts with ``::`` is a GitHub Actions workflow command. So:

* :func:`visible` shows every such character as a visible escape
  (``\\x1b``, ``\\u202e``, ``\\n``) and a byte of an undecodable file name as
  ``\\xff``: the text stays readable and says exactly what was there;
* :func:`line` does that for one line of terminal or CI output, which then
  never starts with ``::``;
* :func:`lines` does it for each line of a text of several (a traceback);
* :func:`json_text` escapes the same characters inside a JSON document as
  ``\\uXXXX``, which JSON reads back as the same text.

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


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def visible(text: str) -> str:
    """``text`` with every unsafe character as a visible escape."""
    return _UNSAFE.sub(_escape, text)


def line(text: str) -> str:
    """One line of output: visible, and never read as a workflow command."""
    text = visible(text)
    return "\\" + text if text.startswith("::") else text


def lines(text: str) -> str:
    """Each line of ``text`` as :func:`line` makes it, joined by newlines."""
    return "\n".join(line(part) for part in text.split("\n"))


def json_text(document: str) -> str:
    """A JSON document (from json.dumps) with the characters JSON leaves raw
    but a terminal would act on written as ``\\uXXXX``: the same data."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
