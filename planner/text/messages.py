"""Message catalogs: English in the code, Dutch (the default) in ``locale/nl.po``.

The catalog is read with Babel and compiled in memory, so the repository holds
only the editable ``.po`` file and nothing built from it.

Renderers are handed a catalog for the language asked for. Messages built
deeper down, where no language is passed (an input's errors, the command's
usage errors, CI's framework lines), use :func:`_` and :func:`n_`: they speak
the *active* language, which the command line sets from ``--lang`` for
the length of the command (:func:`speaking`). Called as a library, the package speaks English, the
catalog's source language, unless told otherwise (:func:`speaking`).
"""

from __future__ import annotations

import contextvars
import gettext
import io
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

#: The language messages without a catalog of their own are written in.
_active = contextvars.ContextVar("plan_removal_language", default="en")


def active_language() -> str:
    """The language :func:`_` translates into."""
    return _active.get()


@contextmanager
def speaking(lang: str):
    """``lang`` as the active language inside the ``with`` block."""
    translations(lang)
    token = _active.set(lang)
    try:
        yield
    finally:
        _active.reset(token)


def _(message: str) -> str:
    """``message`` in the active language."""
    return translations(_active.get()).gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message, for ``n``, in the active language."""
    return translations(_active.get()).ngettext(singular, plural, n)


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
