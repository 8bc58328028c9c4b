"""Message catalogs: English in the code, Dutch (the default) in ``locale/nl.po``.

The catalog is read with Babel and compiled in memory, so the repository holds
only the editable ``.po`` file and nothing built from it.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from importlib import resources

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def N_(message: str) -> str:
    """Mark a message for the catalog where it is defined (a rule's title);
    it is translated where it is shown."""
    return message


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The translations for ``lang``; English is the catalog's source language."""
    if lang == "en":
        return gettext.NullTranslations()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = resources.files("planner.text").joinpath("locale", f"{lang}.po")
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
