"""Reading one list file by its extension: an Excel workbook or a CSV file.

``.xlsx`` is read through :mod:`~planner.importer.sheets.workbook` (the sheet
Excel shows, or the one named with ``--sheet``), ``.csv`` through
:mod:`~planner.importer.sheets.csv_file`. A file that cannot be read as what
its name says is an :class:`~planner.text.errors.InputError` naming the file.

A list's date is the workbook's own, else the day its file was last
written (UTC, and no later than ``SOURCE_DATE_EPOCH`` when that is set, as
reproducible builds clamp file times, so that the same lists give the same
export).
"""

from __future__ import annotations

import datetime
import os

from planner.importer.places import CellPlace
from planner.importer.sheets.csv_file import read_csv
from planner.importer.sheets.sheet import Sheet
from planner.importer.sheets.workbook import (
    check_workbook,
    formula_problems,
    read_workbook,
)
from planner.load.files import ReadPolicy, read_file
from planner.text.errors import InputError, Problem
from planner.text.messages import N_, _

#: The extensions a list may have, and what each is read as (translated
#: where a message says it).
KINDS = {".xlsx": N_("an Excel workbook"), ".csv": N_("a CSV text file")}


def read_list(path: str, policy: ReadPolicy = ReadPolicy(), sheets: tuple[str, ...] = (), scan: bool = True) -> Sheet:
    """The sheet in the list file ``path``, read as :mod:`planner.load.files`
    reads every input (a regular file, within the size limit); ``sheets``:
    the names given with ``--sheet``; ``scan``: a workbook is scanned whole
    before the Excel reader reads it (:func:`~planner.importer.sheets.workbook.read_workbook`)."""
    extension, data, signature = _file(path, policy)
    sheet = read_workbook(path, data, sheets, scan) if extension == ".xlsx" else read_csv(path, data)
    if sheet.date is None:
        sheet.date = written_on(signature[1])
    return sheet


def check_list(path: str, policy: ReadPolicy = ReadPolicy(), sheets: tuple[str, ...] = ()) -> None:
    """The checks a workbook gets before it is read (for why its reader
    ended); nothing for a CSV file."""
    extension, data, _signature = _file(path, policy)
    if extension == ".xlsx":
        check_workbook(path, data, sheets)


def formulas_in(path: str, sheet: str, policy: ReadPolicy = ReadPolicy()) -> list[Problem]:
    """The cells of sheet ``sheet`` of the workbook ``path`` that hold a
    formula without a value Excel calculated."""
    _extension, data, _signature = _file(path, policy)
    return formula_problems(path, data, sheet)


def _file(path: str, policy: ReadPolicy) -> tuple[str, bytes, tuple]:
    extension = os.path.splitext(path)[1].lower()
    if extension not in KINDS:
        if extension:
            message = _(
                "cannot read a list from a {extension} file; expected an Excel workbook (.xlsx) or a CSV file (.csv)"
            ).format(extension=extension)
        else:
            message = _(
                "cannot read a list from a file without an extension; expected an Excel workbook (.xlsx) or a CSV "
                "file (.csv)"
            )
        raise InputError(Problem(CellPlace(path), message))
    kind = _(KINDS[extension])
    data, signature = read_file(path, policy, kind)
    if not data:
        message = _("the file is empty; expected {kind} with a header row").format(kind=kind)
        raise InputError(Problem(CellPlace(path), message))
    return extension, data, signature


def written_on(mtime_ns: int) -> str:
    """The day (UTC) of a file's modification time, clamped to SOURCE_DATE_EPOCH."""
    seconds = mtime_ns / 1e9
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        seconds = min(seconds, int(epoch))
    try:
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return "1970-01-01"
