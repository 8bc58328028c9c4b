"""How numbers, quotations and dates are written, per language: the one place
that decides it.

Dutch quotes with „…” and inside a quotation with ‘…’, groups thousands with
a dot (617.760) and writes a date as "6 december 2026"; English quotes with
“…” and ‘…’, groups with a comma (617,760) and writes "6 December 2026".
Every message and every staff output takes these forms from here, so a page
never mixes three kinds of quotation marks.

Each function takes the language, or uses the active one
(:func:`planner.text.messages.active_language`).
"""

from __future__ import annotations

import datetime

from planner.text.messages import N_, active_language

#: (open, close, inner open, inner close) per language.
QUOTES = {"nl": ("„", "”", "‘", "’"), "en": ("“", "”", "‘", "’")}

#: The thousands separator per language.
THOUSANDS = {"nl": ".", "en": ","}

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def quoted(text: str, lang: str | None = None) -> str:
    """``text`` in the language's quotation marks."""
    opening, closing, _, _ = QUOTES[lang or active_language()]
    return f"{opening}{text}{closing}"


def shown(value: str, limit: int = 40, lang: str | None = None) -> str:
    """A value from an input as a message quotes it: in quotation marks, cut
    short (an input may hold a megabyte where a name should be), and with
    characters that do not print written as escapes, as Python writes them."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return quoted(text, lang)


def inner(text: str, lang: str | None = None) -> str:
    """``text`` in the quotation marks used inside a quotation."""
    _, _, opening, closing = QUOTES[lang or active_language()]
    return f"{opening}{text}{closing}"


def number(value: int, lang: str | None = None) -> str:
    """A whole number with its thousands grouped: 617.760 or 617,760."""
    return f"{value:,}".replace(",", THOUSANDS[lang or active_language()])


def decimal(value: float, digits: int = 1, lang: str | None = None) -> str:
    """A number with ``digits`` decimals: 1.234,5 in Dutch, 1,234.5 in English."""
    text = f"{value:,.{digits}f}"
    if (lang or active_language()) == "nl":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


#: How a list of things ends: "A, B and C" (marked for the catalogue).
AND = N_("{first} and {last}")


def joined(parts, gettext) -> str:
    """Things as a sentence lists them, "A, B and C" ("1, 2 en 4"), the
    "and" said by ``gettext`` (a catalogue's, or the active language's ``_``)."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return gettext(AND).format(first=", ".join(parts[:-1]), last=parts[-1])


def day(date: datetime.date, lang: str | None = None) -> str:
    """A date as a person reads it: 6 december 2026, or 6 December 2026."""
    return f"{date.day} {MONTHS[lang or active_language()][date.month - 1]} {date.year}"
