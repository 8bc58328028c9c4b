""""Did you mean …?": the nearest allowed key, or an id one typo away.

Bounded for any input: an id longer than :data:`MAX_LENGTH` gets no
suggestion, and one load looks up at most :data:`BUDGET` ids (each look-up
can scan every id of a small export).
"""

from __future__ import annotations

import difflib
import string

#: "Did you mean" look-ups of ids per load.
BUDGET = 50
#: The longest id a suggestion is looked for: real ids are a few dozen
#: characters, and the search grows with the square of the length.
MAX_LENGTH = 64
#: Characters tried when looking for an id one typo away.
ID_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_@.")
#: Ids compared one by one (difflib) only in exports this small.
COMPARE_UP_TO = 2000


def nearest_key(word: str, allowed) -> str:
    """``"; did you mean 'x'?"`` for a key close to one ``allowed``, else ``";"``."""
    close = difflib.get_close_matches(word[:MAX_LENGTH], list(allowed), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ";"


class IdSuggestions:
    """Suggestions for mistyped ids over one load, within :data:`BUDGET`."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.left = budget

    @property
    def spent(self) -> int:
        return self.budget - self.left

    def spend(self, count: int) -> None:
        """Look-ups made elsewhere for the same load (an export file's own)."""
        self.left -= count

    def nearest(self, word: str, pool) -> str:
        """``"; did you mean 'X'?"`` for a near-miss id in ``pool``, or ``""``."""
        if self.left <= 0 or not word or len(word) > MAX_LENGTH:
            return ""
        self.left -= 1
        # An id typed in the other case is what staff type most ('p' for 'P',
        # 'q@b' for 'Q@B'), and ids are compared exactly: say so first.
        for variant in (word.upper(), word.lower()):
            if variant != word and variant in pool:
                return f"; did you mean {variant!r}?"
        # One typo away first (a swapped or mistyped character is the usual
        # slip); it is also the only search that stays fast on a big export.
        # Every one-letter id is one typo away from every other: no hint.
        if len(word) > 1:
            for candidate in _one_typo_away(word, "".join(sorted(set(word) | ID_CHARACTERS))):
                if candidate != word and candidate in pool:
                    return f"; did you mean {candidate!r}?"
        if len(pool) <= COMPARE_UP_TO:
            close = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.6)
            if close:
                return f"; did you mean {close[0]!r}?"
        return ""


def _one_typo_away(word: str, alphabet: str):
    """Every string one typo away from ``word`` (Norvig's classic edits)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for char in alphabet:
            if right:
                yield left + char + right[1:]
            yield left + char + right


class IdUnion:
    """The ids of several dicts, as one pool for suggestions, without copying them."""

    def __init__(self, *parts) -> None:
        self.parts = parts

    def __contains__(self, key) -> bool:
        return any(key in part for part in self.parts)

    def __iter__(self):
        for part in self.parts:
            yield from part

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)
