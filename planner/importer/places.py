"""Where a value came from in AuditCase's lists: file, sheet and cell.

Staff find a mistake in Excel, not in the export the importer writes, so
every problem the importer reports names the cell as Excel shows it:
``klanten.xlsx:Blad1!C12`` for a workbook (file, sheet, cell) and
``klanten.csv!C12`` for a CSV file, which has no sheets. A CSV row number
counts records as Excel shows them when it opens the file (a quoted value
that spans lines is one row). A place without a cell names the sheet (or the
file) as a whole.
"""

from __future__ import annotations

from functools import total_ordering

from planner.text.errors import Mark


def column_letters(col: int) -> str:
    """Excel's name for 1-based column ``col``: 1 → A, 27 → AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@total_ordering
class CellPlace:
    """A place in a list, usable as :attr:`planner.text.errors.Problem.mark`.

    ``sheet`` is None for a CSV file; ``row`` and ``col`` count from 1, as
    Excel does, and are None for a place that is a whole file or sheet.
    """

    __slots__ = ("file", "sheet", "row", "col")

    def __init__(
        self, file: str, sheet: str | None = None, row: int | None = None, col: int | None = None
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.row = row
        self.col = col

    @property
    def cell(self) -> str | None:
        """The cell in A1 notation (``C12``), or None for a whole file or sheet."""
        if self.row is None:
            return None
        return f"{column_letters(self.col)}{self.row}" if self.col else str(self.row)

    def __str__(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}:{self.sheet}"
        cell = self.cell
        return where if cell is None else f"{where}!{cell}"

    def __repr__(self) -> str:
        return f"CellPlace({str(self)!r})"

    # Problems are sorted by their place (planner.text.errors.InputError): in a
    # file and sheet, row by row. A place may be sorted among the loader's
    # marks (file, line, col) too, so both compare by the same kind of key.
    def _key(self) -> tuple:
        return (self.file, self.sheet or "", self.row or 0, self.col or 0)

    def __eq__(self, other) -> bool:
        if other.__class__ is CellPlace:
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other) -> bool:
        key = _key_of(other)
        return NotImplemented if key is None else self._key() < key

    def __gt__(self, other) -> bool:
        key = _key_of(other)
        return NotImplemented if key is None else self._key() > key


def _key_of(other) -> tuple | None:
    if other.__class__ is CellPlace:
        return other._key()
    if isinstance(other, Mark):
        return (other.file, "", other.line, other.col)
    return None
