"""YAML double-quoted strings, as plan-removal writes them.

Every file plan-removal writes in YAML — an export imported from AuditCase's
lists (:mod:`planner.importer.exportyaml`) and a request saved as a
scenario (:mod:`planner.checklist.saved_scenario`) — writes ids and text as
double-quoted strings, so that no value is ever read back as anything else
(``0012``, ``yes``, ``1e3``, ``#``, ``: ``), and every character YAML would
not keep as it is as an escape.
"""

from __future__ import annotations

import re

# What a double-quoted scalar cannot hold as it is: the characters outside
# YAML's printable set (the loader refuses them), the quote and the
# backslash, and tab, the line breaks (line feed, carriage return, NEL, LS,
# PS) and the BOM, which a YAML reader folds or treats specially. They are
# written as escapes.
# And the second ``#`` of a CI runner's ``##[command]`` (``##vso[``), written
# ``\\x23``: the same text, which no runner reads as a command when the file
# is shown (planner.output.neutral).
ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|(?<=#)#(?=[A-Za-z]*\\[)')
_NAMED = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def _escape(found: re.Match) -> str:
    char = found.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def quote(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that reads back as exactly ``text``."""
    return f'"{escape_body(text)}"'


def escape_body(text: str) -> str:
    """What goes between the double quotes for ``text``."""
    if ESCAPE.search(text) is None:
        return text
    return ESCAPE.sub(_escape, text)


# What a comment line may hold: printable characters, no line break (YAML
# also ends a line at U+2028 and U+2029, and what followed would be read).
_NOT_FOR_COMMENT = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def comment(text: str) -> str:
    """``text`` made safe for a comment line: other characters become ``?``."""
    return _NOT_FOR_COMMENT.sub("?", text)
