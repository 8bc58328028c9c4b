"""Reading an Excel list (.xlsx) with python-calamine.

calamine parses the workbook in Rust and hands over a sheet's cells as
Python values in one call; on a 100,000-row list that is a fraction of what
openpyxl takes, which reads cell by cell in Python. The first sheet is the
list: AuditCase's "import excellijsten" hold one sheet each.
"""

from __future__ import annotations

import io
import itertools

import python_calamine

from planner.importer.places import CellPlace
from planner.importer.sheets.sheet import Sheet
from planner.text.errors import InputError, Problem

#: What a zip archive (and so every .xlsx file) starts with.
ZIP_MAGIC = b"PK\x03\x04"


def read_workbook(path: str, data: bytes) -> Sheet:
    """The first sheet of the workbook ``path`` whose bytes are ``data`` (read
    once already, to tell an empty or mislabelled file)."""
    if not data.startswith(ZIP_MAGIC):
        raise _unreadable(path, _what_it_looks_like(data))
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            names = workbook.sheet_names
            if not names:
                raise _unreadable(path, "it holds no sheet")
            sheet = workbook.get_sheet_by_index(0)
        finally:
            workbook.close()
    except python_calamine.PasswordError:
        raise _unreadable(path, "it is protected with a password; save it without one") from None
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise _unreadable(path, _reason(error)) from None
    return Sheet(path, sheet.name, *_rows(sheet))


def _rows(sheet) -> tuple:
    """The rows of ``sheet`` one by one, and the column of their first cell.

    Row by row rather than all at once (``to_python``): on a big list that
    saves holding every cell as a Python object next to calamine's own
    copy. calamine (0.9) yields every row from row 1, each from the first
    filled column on. Should that change, the first row tells: its length
    says whether it starts at column A, and a first row with something in
    it, where the filled area starts lower, says that the rows start there.
    """
    start = sheet.start
    if start is None:  # nothing in the sheet
        return iter(()), 0
    rows = sheet.iter_rows()
    first = next(rows, None)
    if first is None:
        return iter(()), 0
    base = start[1] if len(first) == sheet.width else 0
    lead = ()
    if start[0] > 0 and any(cell != "" for cell in first):
        lead = itertools.repeat([], start[0])
    return itertools.chain(lead, (first,), rows), base


def _unreadable(path: str, reason: str) -> InputError:
    return InputError(Problem(CellPlace(path), f"not readable as an Excel workbook (.xlsx): {reason}"))


def _what_it_looks_like(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "it is an old-style Excel 97-2003 file (.xls); save it as .xlsx"
    head = data[:2048]
    if b"\0" not in head and (b";" in head or b"," in head) and b"\n" in head:
        return "it looks like CSV text; name it .csv"
    return "it is not a zip archive, as every .xlsx file is"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    if len(text) > 160:
        text = text[:157] + "..."
    return f"the file is damaged or not a workbook ({text or type(error).__name__})"
