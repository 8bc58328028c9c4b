"""How the importer compares what people typed: headers and words like
``Ja``, ``Klant-Persoon`` or ``Geen klant meer`` match whatever their case,
accents and surrounding or doubled spaces; and which characters a cell may
hold that nobody sees (:data:`INVISIBLE`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from planner.text.messages import N_, _

#: Characters that show as nothing: Unicode's format characters (category
#: Cf: the byte order mark, zero-width space and joiners, the bidirectional
#: controls, the soft hyphen, tags), and the fillers and the grapheme joiner
#: that show as nothing too. ``P`` followed by one is another id than ``P``.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


#: The invisible characters lists hold most, by the name a message gives
#: them (Unicode's, translated); the rest go by Unicode's name alone.
NAMES = {
    "\ufeff": N_("ZERO WIDTH NO-BREAK SPACE"),  # the byte order mark
    "\u200b": N_("ZERO WIDTH SPACE"),
    "\u200c": N_("ZERO WIDTH NON-JOINER"),
    "\u200d": N_("ZERO WIDTH JOINER"),
    "\u200e": N_("LEFT-TO-RIGHT MARK"),
    "\u200f": N_("RIGHT-TO-LEFT MARK"),
    "\u2060": N_("WORD JOINER"),
    "\u00ad": N_("SOFT HYPHEN"),
}


def invisible_named(text: str) -> str:
    """The different invisible characters in ``text``, as a message names
    them: ``U+200B (ZERO WIDTH SPACE)``, in the active language where the
    catalog has the name."""
    found = dict.fromkeys(INVISIBLE.findall(text))
    return ", ".join(f"U+{ord(char):04X} ({_name(char)})" for char in found)


def invisible_count(text: str) -> int:
    """How many different invisible characters ``text`` holds."""
    return len(set(INVISIBLE.findall(text)))


def _name(char: str) -> str:
    name = NAMES.get(char)
    return _(name) if name is not None else unicodedata.name(char, _("format character"))


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` as compared: accents dropped, case folded, runs of white
    space made one space, and the ends trimmed (``" Cliënt  Online"`` →
    ``"client online"``)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(text.split()).casefold()
