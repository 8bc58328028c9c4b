"""``--explain`` in the language spoken: a code's documentation, paragraph by
paragraph, through the one catalogue.

A code's documentation is English, written once (a rule module's docstring,
a :class:`~planner.ci.check_codes.Code`'s ``doc``), and its examples run as
tests. Each of its paragraphs of prose, the summary on its first line and the
line that introduces an example are messages of the catalogue, so that
``--explain`` reads Dutch in Dutch; the examples themselves (YAML) stay as
they are. :func:`extract` hands those paragraphs to Babel (``babel.cfg``
names it for this file), so ``pybabel extract`` finds them with the rest.
"""

from __future__ import annotations

import textwrap
from typing import Iterator

from planner.ci.catalogue import CODES, plain
from planner.ci.check_codes import Code
from planner.text.messages import _, active_language

#: The width --explain wraps a translated paragraph to.
WIDTH = 76

SUMMARY, PROSE, INTRO, EXAMPLE = "summary", "prose", "intro", "example"


def parts(doc: str) -> list[tuple[str, str]]:
    """A documentation as (kind, text): its first line's summary, each
    paragraph of prose (its lines joined), each line that introduces an
    example (without its ``::``) and each example (as indented), in order."""
    found: list[tuple[str, str]] = []
    first, _sep, rest = doc.strip("\n").partition("\n")
    found.append((SUMMARY, " ".join(plain(first.split("): ", 1)[1]).split())))
    for block in rest.strip("\n").split("\n\n"):
        if not block.strip():
            continue
        if block.startswith((" ", "\t")):
            if found and found[-1][0] == EXAMPLE:  # an example with a blank line in it
                found[-1] = (EXAMPLE, found[-1][1] + "\n\n" + block)
            else:
                found.append((EXAMPLE, block))
            continue
        text = " ".join(block.split())
        if text.endswith("::"):
            found.append((INTRO, plain(text[:-2].rstrip())))
        else:
            found.append((PROSE, plain(text)))
    return found


def explained(code: Code) -> str:
    """What ``--explain`` prints: the code's documentation as plain text, in
    the language spoken (English as written)."""
    if active_language() == "en":
        return plain(code.doc)
    out = []
    for kind, text in parts(code.doc):
        if kind == SUMMARY:
            out.append(f"{code.id} ({_(code.level)}): {_(text)}")
        elif kind == EXAMPLE:
            out.append(text)
        elif kind == INTRO:
            out.append(_wrap(_(text) + ":"))
        else:
            out.append(_wrap(_(text)))
    return "\n\n".join(out) + "\n"


def _wrap(text: str) -> str:
    """A paragraph wrapped to :data:`WIDTH`, never inside a name with a hyphen (plan-removal, Klant-Persoon)."""
    return textwrap.fill(text, WIDTH, break_on_hyphens=False, break_long_words=False)


def messages() -> Iterator[str]:
    """Every paragraph of every code's documentation that the catalogue translates."""
    seen = set()
    for code in CODES:
        for kind, text in parts(code.doc):
            if kind != EXAMPLE and text not in seen:
                seen.add(text)
                yield text


def extract(fileobj, keywords, comment_tags, options):
    """A Babel extractor for this module: its own messages, as Babel's Python
    extractor finds them, and every paragraph of every code's documentation."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    for text in messages():
        yield 0, None, text, []
