""""Did you mean …?", the one place that says it: for a word (a key, a code,
a header, a value), :func:`did_you_mean`; for an id, :class:`IdSuggestions`.

Both find the nearest candidate the same way, with one :data:`CUTOFF`. An id
is first tried in the other case and one typo away, which finds what staff
mistype on an export of any size.

Bounded for any input: a word is compared by its first :data:`MAX_LENGTH`
characters, an id longer than that gets no suggestion, and one load looks
up at most :data:`BUDGET` ids (each look-up can scan every id of a small
export).
"""

from __future__ import annotations

import difflib
import string

from planner.text import typography
from planner.text.messages import _

#: How alike a candidate must be to be suggested (difflib's ratio: twice the
#: characters in common over the characters of both). Lower, and short words
#: are near too many others; higher, and a word with two slips ("relatie"
#: for "related") is not recognised.
CUTOFF = 0.6
#: "Did you mean" look-ups of ids per load.
BUDGET = 50
#: The longest id a suggestion is looked for: real ids are a few dozen
#: characters, and the search grows with the square of the length.
MAX_LENGTH = 64
#: Characters tried when looking for an id one typo away.
ID_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_@.")
#: Ids compared one by one (difflib) only in exports this small.
COMPARE_UP_TO = 2000
#: The longest suggestion shown in full (a candidate is the input's own text).
SHOWN = 80


def suggestion(candidate: str) -> str:
    """``"; did you mean “x”?"`` for ``candidate``, in the active language:
    appended to the sentence about what was not found."""
    return _("; did you mean {candidate}?").format(candidate=typography.shown(candidate, SHOWN))


def did_you_mean(word: str, candidates, otherwise: str = "", show=None) -> str:
    """``"; did you mean “x”?"`` (:func:`suggestion`) for the one of ``candidates`` nearest to
    ``word``, if any is near enough (:data:`CUTOFF`); else ``otherwise``.

    ``show``: what to show for the candidate found (its text as written,
    where the candidates are folded for comparing); without it, the
    candidate itself.
    """
    close = difflib.get_close_matches(word[:MAX_LENGTH], list(candidates), n=1, cutoff=CUTOFF)
    if not close:
        return otherwise
    return suggestion(close[0] if show is None else show(close[0]))


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
        """``"; did you mean “X”?"`` for a near-miss id in ``pool``, or ``""``."""
        if self.left <= 0 or not word or len(word) > MAX_LENGTH:
            return ""
        self.left -= 1
        # An id typed in the other case is what staff type most ('p' for 'P',
        # 'q@b' for 'Q@B'), and ids are compared exactly: say so first.
        for variant in (word.upper(), word.lower()):
            if variant != word and variant in pool:
                return suggestion(variant)
        # One typo away first (a swapped or mistyped character is the usual
        # slip); it is also the only search that stays fast on a big export.
        # Every one-letter id is one typo away from every other: no hint.
        if len(word) > 1:
            for candidate in _one_typo_away(word, "".join(sorted(set(word) | ID_CHARACTERS))):
                if candidate != word and candidate in pool:
                    return suggestion(candidate)
        return did_you_mean(word, pool) if len(pool) <= COMPARE_UP_TO else ""


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
