"""Reading one list file by its extension: an Excel workbook or a CSV file.

``.xlsx`` is read through :mod:`~planner.importer.sheets.workbook` (the first
sheet), ``.csv`` through :mod:`~planner.importer.sheets.csv_file`. A file that
cannot be read as what its name says is an
:class:`~planner.text.errors.InputError` naming the file.
"""

from __future__ import annotations

import os

from planner.importer.places import CellPlace
from planner.importer.sheets.csv_file import read_csv
from planner.importer.sheets.sheet import Sheet
from planner.importer.sheets.workbook import read_workbook
from planner.load.files import ReadPolicy, read_file
from planner.text.errors import InputError, Problem

#: The extensions a list may have, and what each is read as.
KINDS = {".xlsx": "an Excel workbook", ".csv": "a CSV text file"}


def read_list(path: str, policy: ReadPolicy = ReadPolicy()) -> Sheet:
    """The sheet in the list file ``path``, read as :mod:`planner.load.files`
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
        return read_workbook(path, data)
    return read_csv(path, data)
