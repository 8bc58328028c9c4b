"""How the importer compares what people typed: headers and words like
``Ja``, ``Klant-Persoon`` or ``Geen klant meer`` match whatever their case,
accents and surrounding or doubled spaces."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` as compared: accents dropped, case folded, runs of white
    space made one space, and the ends trimmed (``" Cliënt  Online"`` →
    ``"client online"``)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(text.split()).casefold()
