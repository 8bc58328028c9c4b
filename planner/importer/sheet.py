"""One list as read from its file: the rows of a sheet, and how to name a cell.

:func:`read_list` reads a file by its extension: ``.xlsx`` through
:mod:`planner.importer.workbook` (the first sheet), ``.csv`` through
:mod:`planner.importer.csvfile`. A file that cannot be read as what its name
says is an :class:`~planner.errors.InputError` naming the file.
"""

from __future__ import annotations

import os

from planner.inputfiles import ReadPolicy, read_file
from planner.errors import InputError, Problem
from planner.importer.places import CellPlace

#: The extensions a list may have, and what each is read as.
KINDS = {".xlsx": "an Excel workbook", ".csv": "a CSV text file"}


class Sheet:
    """The rows of one list, as read: cells are ``str`` (an empty cell is
    ``""``), or, from a workbook, ``float``, ``int``, ``bool``,
    ``datetime.date``, ``datetime.datetime`` and the like.

    ``rows`` is an iterator that yields each row as a list, from row 1 of
    the sheet; it is read once, so that a big list's rows need not all be
    held at a time. The first cell of every row is in column ``col_base + 1``
    (a workbook's cells start at its first filled column); rows may differ in
    length in a CSV file.
    """

    __slots__ = ("file", "sheet", "rows", "col_base")

    def __init__(self, file: str, sheet: str | None, rows, col_base: int = 0) -> None:
        self.file = file
        self.sheet = sheet  # None for a CSV file
        self.rows = rows
        self.col_base = col_base

    def place(self, row: int | None = None, index: int | None = None) -> CellPlace:
        """The place of 1-based ``row`` and of the cell at 0-based ``index`` in
        its row (or of the whole row, or sheet)."""
        return CellPlace(self.file, self.sheet, row, None if index is None else index + self.col_base + 1)


def read_list(path: str, policy: ReadPolicy = ReadPolicy()) -> Sheet:
    """The sheet in the list file ``path``, read as :mod:`planner.inputfiles`
    reads every input (a regular file, within the size limit)."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in KINDS:
        raise InputError(
            Problem(
                CellPlace(path),
                f"cannot read a list from a {extension or 'file without an extension'}; "
                "expected an Excel workbook (.xlsx) or a CSV file (.csv)",
            )
        )
    data, _signature = read_file(path, policy, KINDS[extension])
    if not data:
        raise InputError(
            Problem(CellPlace(path), f"the file is empty; expected {KINDS[extension]} with a header row")
        )
    if extension == ".xlsx":
        from planner.importer.workbook import read_workbook

        return read_workbook(path, data)
    from planner.importer.csvfile import read_csv

    return read_csv(path, data)
