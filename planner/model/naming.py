"""How records are named to people: ids sorted as people read them ("C-9"
before "C-10"), and a record shown by its name with its id."""

from __future__ import annotations

import re

# ASCII digits only: "²" or "٣" are letters of an id here, never a number.
_DIGITS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple:
    """A sort key that compares runs of digits by value, the rest by text.

    Every part is a triple of the same shape, so keys of any two strings
    compare without error (one id may be another plus a suffix: "10003" and
    "10003-1"). A run of digits compares by its length without leading zeros,
    then by its digits: its value, without turning thousands of digits into
    an int. The text itself comes last, so "010" and "10" still sort apart
    and the order is total.
    """
    parts = []
    for position, part in enumerate(_DIGITS.split(text)):
        if not part:
            continue
        if position % 2:  # split() puts the captured digit runs at odd positions
            value = part.lstrip("0")
            parts.append((0, len(value), value))
        else:
            parts.append((1, 0, part))
    return (tuple(parts), text)


def label(export, record_id: str | None) -> str:
    """A record as people read it: "Piet de Vries (10003)", or its id alone
    when it has no name of its own (or is not in the export)."""
    if record_id is None or record_id not in export:
        return str(record_id)
    name = export.name(record_id)
    return record_id if name == record_id else f"{name} ({record_id})"
