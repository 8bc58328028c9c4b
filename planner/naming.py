"""Sorting ids the way people read them: "C-9" before "C-10"."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """A sort key that compares runs of digits by value, the rest by text.

    The text itself is the last element, so "010" and "10" still sort apart
    and the order is total.
    """
    parts = _DIGITS.split(text)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p) + (text,)
