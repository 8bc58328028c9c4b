"""One list as read from its file: the rows of a sheet, and how to name a cell.

Made by :mod:`~planner.importer.sheets.workbook` and
:mod:`~planner.importer.sheets.csv_file`; :mod:`~planner.importer.sheets.reading`
chooses between them.
"""

from __future__ import annotations

from planner.importer.places import CellPlace


class Sheet:
    """The rows of one list, as read: cells are ``str`` (an empty cell is
    ``""``), or, from a workbook, ``float``, ``int``, ``bool``,
    ``datetime.date``, ``datetime.datetime`` and the like.

    ``rows`` is an iterator that yields each row as a list, from row 1 of
    the sheet; it is read once, so that a big list's rows need not all be
    held at a time. The first cell of every row is in column ``col_base + 1``
    (a workbook's cells start at its first filled column); rows may differ in
    length in a CSV file.

    ``date`` is the list's own date (``YYYY-MM-DD``): the workbook's, or the
    file's modification time, the day it was saved; ``notes`` are warnings
    about how it was read (:class:`~planner.text.errors.Problem` s).
    """

    __slots__ = ("file", "sheet", "rows", "col_base", "date", "notes")

    def __init__(
        self, file: str, sheet: str | None, rows, col_base: int = 0, date: str | None = None, notes=()
    ) -> None:
        self.file = file
        self.sheet = sheet  # None for a CSV file
        self.rows = rows
        self.col_base = col_base
        self.date = date
        self.notes = list(notes)

    def place(self, row: int | None = None, index: int | None = None) -> CellPlace:
        """The place of 1-based ``row`` and of the cell at 0-based ``index`` in
        its row (or of the whole row, or sheet)."""
        return CellPlace(self.file, self.sheet, row, None if index is None else index + self.col_base + 1)
