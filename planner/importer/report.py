"""The errors and warnings of one import, each at the cell it is about.

A slip made once is usually made in a whole column (every klantnummer typed
as a number, a Ja/Nee column filled with 1 and 0), and thousands of lines
saying the same thing hide the one that matters. So a column gets at most
:data:`PER_COLUMN` problems of one kind at their own cells, then one line
that counts the rest and names the first of them.
"""

from __future__ import annotations

from planner.importer.places import CellPlace, column_letters
from planner.text import typography
from planner.text.errors import Mark, Problem
from planner.text.messages import _, n_

#: Problems of one kind reported cell by cell in one column of one sheet.
PER_COLUMN = 10


class Report:
    """Collects :class:`~planner.text.errors.Problem` s; ``errors`` make the import fail.

    A problem's ``kind`` is an English phrase marked for the catalog
    (``N_("not a date")``): the same in every process, it groups the
    problems of a column, and is translated where a count names it."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        # (errors or warnings, file, sheet, column, kind) -> [count, first held back]
        self._held: dict[tuple, list] = {}

    def error(self, place: CellPlace, message: str, kind: str | None = None) -> None:
        self._add(self.errors, place, message, kind)

    def warning(self, place: CellPlace, message: str, kind: str | None = None) -> None:
        self._add(self.warnings, place, message, kind)

    def _add(self, problems: list[Problem], place: CellPlace, message: str, kind: str | None) -> None:
        if kind is None or place.col is None:
            problems.append(Problem(place, message))
            return
        key = (id(problems), place.file, place.sheet, place.col, kind)
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = [0, None, problems, kind]
        held[0] += 1
        if held[0] <= PER_COLUMN:
            problems.append(Problem(place, message))
        elif held[1] is None:
            held[1] = place

    def finish(self) -> None:
        """Add one line per column whose problems were held back."""
        for count, first, problems, kind in self._held.values():
            if first is not None:
                more = count - PER_COLUMN
                message = n_(
                    "and {n} more cell in column {column} from here on with the same problem ({problem})",
                    "and {n} more cells in column {column} from here on with the same problem ({problem})",
                    more,
                )
                problems.append(
                    Problem(
                        first,
                        message.format(n=typography.number(more), column=column_letters(first.col), problem=_(kind)),
                    )
                )
        self._held.clear()

    # -- sent between processes (planner.importer.importing) -------------------

    def as_values(self) -> tuple:
        """What this report holds so far, as plain values, for :meth:`take`."""
        held = [
            (problems is self.errors, file, sheet, col, kind, count, _place_values(first))
            for (_list, file, sheet, col, _kind), (count, first, problems, kind) in self._held.items()
        ]
        return [_problem_values(p) for p in self.errors], [_problem_values(p) for p in self.warnings], held

    def take(self, values: tuple) -> None:
        """Add what another report (:meth:`as_values`) held, as if it had been
        found here: its problems after the ones here, and its held-back counts."""
        errors, warnings, held = values
        self.errors += map(_problem, errors)
        self.warnings += map(_problem, warnings)
        for is_error, file, sheet, col, kind, count, first in held:
            problems = self.errors if is_error else self.warnings
            key = (id(problems), file, sheet, col, kind)
            assert key not in self._held, key  # the lists of the two reports are not the same files
            self._held[key] = [count, _place(first), problems, kind]


def _place_values(place) -> tuple | None:
    if place is None:
        return None
    if place.__class__ is CellPlace:
        return ("cell", place.file, place.sheet, place.row, place.col)
    return ("mark", place.file, place.line, place.col)


def _place(values: tuple | None):
    if values is None:
        return None
    kind, *rest = values
    return CellPlace(*rest) if kind == "cell" else Mark(*rest)


def _problem_values(problem: Problem) -> tuple:
    return (_place_values(problem.mark), problem.message, problem.code)


def _problem(values: tuple) -> Problem:
    place, message, code = values
    return Problem(_place(place), message, code)
