"""Reading an Excel list (.xlsx) with python-calamine, once it is known to be safe.

calamine parses the workbook in Rust and hands over a sheet's cells as
Python values in one call; on a 100,000-row list that is a fraction of what
openpyxl takes, which reads cell by cell in Python. But what calamine is
given it reads without a bound, and a Rust allocation that fails ends the
process. So the workbook's parts are checked against the limits
(:mod:`planner.importer.sheets.package`, :mod:`planner.importer.sheets.scan`):
all of them before calamine reads, or, in a process of its own that may
end (``scan`` False), what the archive's directory says and the reach of
the cells calamine read.

The sheet read is the one Excel shows when it opens the workbook: the
active sheet, unless it is hidden, else the first visible one; or the one
named with ``--sheet``. A hidden sheet is read only when named. A formula
without a value Excel calculated is an error at its cell (calamine reads it
as empty, and the import does not calculate). The workbook's own date
(``dcterms:modified`` in ``docProps/core.xml``) is the list's date.
"""

from __future__ import annotations

import datetime
import io
import itertools
import xml.etree.ElementTree as ElementTree
from contextlib import contextmanager
from dataclasses import dataclass

import python_calamine

from planner.importer.places import CellPlace
from planner.importer.sheets.package import Package, Refused
from planner.importer.sheets.scan import (
    Beyond,
    ExactScan,
    reach_reason,
    ref_text,
    within,
)
from planner.importer.sheets.sheet import Sheet
from planner.text.errors import InputError, Problem

#: What a zip archive (and so every .xlsx file) starts with.
ZIP_MAGIC = b"PK\x03\x04"

_OFFICE_DOCUMENT = "/relationships/officeDocument"
_CORE_PROPERTIES = "/metadata/core-properties"


@dataclass(frozen=True)
class SheetEntry:
    """A sheet as the workbook lists it."""

    name: str
    hidden: bool
    worksheet: bool
    part: str | None


def read_workbook(path: str, data: bytes, sheets: tuple[str, ...] = (), scan: bool = True) -> Sheet:
    """The list in the workbook ``path`` whose bytes are ``data`` (read once
    already, to tell an empty or mislabelled file): the sheet Excel shows,
    or the one of ``sheets`` (the names given with ``--sheet``) it holds.

    ``scan``: every part is unpacked and scanned before calamine reads it.
    Without (in a process of its own, whose end cannot end the import:
    :mod:`planner.importer.importing`), only what the archive's directory
    says and the heads of the sheet and the shared strings are checked
    first, and the reach of the cells calamine read after; a workbook
    beyond a limit is then scanned for the message."""
    with _refusals(path) as where:
        package, chosen, notes, modified = _open(path, data, sheets, where)
        if scan:
            package.scan(where.part)
        else:
            package.check_heads(where.part)
    rows, base, (last_row, last_col) = _calamine_rows(path, data, chosen.name)
    if not within(last_row, last_col):
        with _refusals(path) as where:
            _place(where, package, chosen)
            package.scan(where.part)
        raise _too_big(
            CellPlace(path, chosen.name), reach_reason(last_row, last_col, f"cell {ref_text(last_row, last_col)}")
        )
    return Sheet(path, chosen.name, rows, base, date=modified, notes=notes)


def check_workbook(path: str, data: bytes, sheets: tuple[str, ...] = ()) -> None:
    """Every check of :func:`read_workbook` with ``scan``, without reading a
    cell: the :class:`InputError` that says why the workbook cannot be read
    (after its reader ended abnormally on it), or nothing."""
    with _refusals(path) as where:
        package, _chosen, _notes, _modified = _open(path, data, sheets, where)
        package.scan(where.part)


def _open(path: str, data: bytes, sheets: tuple[str, ...], where):
    """The workbook's package, the sheet to read (the one Excel shows, or
    the one ``--sheet`` names), the notes about that choice and the
    workbook's own date; ``where`` (of :func:`_refusals`) then names that
    sheet and its part in any refusal."""
    if not data.startswith(ZIP_MAGIC):
        raise _unreadable(path, _what_it_looks_like(data))
    package = Package(data)
    entries, active, modified = _book(package)
    chosen, notes = _choose(path, entries, active, sheets)
    _place(where, package, chosen)
    return package, chosen, notes, modified


def _place(where, package: Package, chosen) -> None:
    where.sheet, where.part = chosen.name, package.find(chosen.part) if chosen.part else None


def formula_problems(path: str, data: bytes, sheet: str) -> list[Problem]:
    """The cells of sheet ``sheet`` of the workbook ``path`` that hold a
    formula without a value Excel calculated (calamine reads them as empty
    cells, and the import does not calculate). The sheet and the shared
    strings are unpacked whole for it, and so held to the limits of their
    sizes (:class:`InputError`), whatever the archive's directory said."""
    with _refusals(path) as where:
        package = Package(data)
        entries, _active, _modified = _book(package)
        chosen = next((entry for entry in entries if entry.name == sheet), None)
        where.sheet, where.part = sheet, package.find(chosen.part) if chosen and chosen.part else None
        for info in package.members:
            if info.filename.lower().endswith("sharedstrings.xml"):
                for _chunk in package.unpack(info):
                    pass
        found = package.formulas(where.part) if where.part is not None else None
    return _formulas(path, sheet, found) if found is not None and found.formulas else []


class _Where:
    """The sheet and part a refusal is about, as far as known."""

    sheet = part = None


@contextmanager
def _refusals(path: str):
    """:class:`Refused` and :class:`Beyond` as the :class:`InputError` that
    names the file, and the sheet when the part is the sheet read."""
    where = _Where()
    try:
        yield where
    except Refused as refused:
        if refused.damaged:
            raise _unreadable(path, refused.reason) from None
        raise _too_big(CellPlace(path), refused.reason) from None
    except Beyond as beyond:
        part = where.part
        if beyond.damaged:
            raise _unreadable(path, beyond.reason) from None
        if part is not None and beyond.part == part.filename:
            raise _too_big(CellPlace(path, where.sheet), beyond.reason) from None
        raise _too_big(CellPlace(path), f"its part {beyond.part}: {beyond.reason}") from None


def _book(package: Package) -> tuple[list[SheetEntry], int, str | None]:
    """The sheets the workbook lists, the active one's index, and the
    workbook's own date; found as calamine finds them."""
    root_rels = package.find("_rels/.rels")
    if root_rels is None:
        raise Refused("the file is damaged or not a workbook (it has no _rels/.rels)", damaged=True)
    relations = _relationships(package, root_rels)
    document = next((t for kind, t in relations.values() if kind.endswith(_OFFICE_DOCUMENT)), None)
    if document is None:
        raise Refused("the file is damaged or not a workbook (it names no workbook part)", damaged=True)
    folder = document.lstrip("/").rpartition("/")[0]
    folder = f"{folder}/" if folder else ""
    core = next((t for kind, t in relations.values() if kind.endswith(_CORE_PROPERTIES)), "docProps/core.xml")
    modified = _modified(package, core.lstrip("/"))
    book = package.find(f"{folder}workbook.xml")
    rels = package.find(f"{folder}_rels/workbook.xml.rels")
    if book is None:
        return [], 0, modified
    if rels is None:
        raise Refused(f"the file is damaged (it has no {folder}_rels/workbook.xml.rels)", damaged=True)
    targets = _relationships(package, rels)
    entries, active, viewed = [], 0, False
    for element in _parse(package, book).iter():
        tag = _local(element.tag)
        if tag == "sheet":
            rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            kind, target = targets.get(rel_id, ("", ""))
            part = target[1:] if target.startswith("/") else f"{folder}{target}" if target else None
            state = element.get("state", "visible")
            entries.append(SheetEntry(element.get("name", ""), state != "visible", kind.endswith("/worksheet"), part))
        elif tag == "workbookView" and not viewed:  # the first window's
            viewed = True
            active = int(element.get("activeTab", "0")) if element.get("activeTab", "0").isdigit() else 0
    return entries, active, modified


def _choose(path: str, entries: list[SheetEntry], active: int, wanted: tuple[str, ...]):
    """The sheet to read, and the warnings about the choice."""
    if not entries:
        raise Refused("it holds no sheet", damaged=True)
    names = [entry.name for entry in entries]
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise Refused(f"the file is damaged (two sheets are named {doubled[0]!r})", damaged=True)
    listed = ", ".join(f"{e.name!r}{' (hidden)' if e.hidden else ''}" for e in entries)
    if wanted:
        named = [entry for entry in entries if entry.name in wanted]
        if not named:
            shown = " or ".join(repr(name) for name in wanted)
            raise InputError(Problem(CellPlace(path), f"the workbook has no sheet {shown}; its sheets: {listed}"))
        if len(named) > 1:
            raise InputError(
                Problem(
                    CellPlace(path),
                    f"the workbook has sheets {named[0].name!r} and {named[1].name!r}, both named with --sheet; "
                    "name the one to read from it",
                )
            )
        return named[0], []
    shown = [entry for entry in entries if not entry.hidden and entry.worksheet]
    if not shown:
        raise InputError(
            Problem(CellPlace(path), f"the workbook shows no sheet (its sheets: {listed}); name the one to read with --sheet")
        )
    chosen = entries[active] if active < len(entries) and entries[active] in shown else shown[0]
    notes = []
    if len(entries) > 1:
        hidden = sum(entry.hidden for entry in entries)
        notes.append(
            Problem(
                CellPlace(path, chosen.name),
                f"the workbook has {len(entries)} sheets ({listed}); the list is read from {chosen.name!r}, "
                "the one Excel shows when it opens the workbook"
                + (" (a hidden sheet is read only when named)" if hidden else "")
                + "; name another with --sheet",
            )
        )
    return chosen, notes


def _relationships(package: Package, info) -> dict[str, tuple[str, str]]:
    """A relationships part: id -> (type, target)."""
    found = {}
    for element in _parse(package, info).iter():
        if _local(element.tag) == "Relationship" and element.get("Id") is not None:
            found[element.get("Id")] = (element.get("Type", ""), element.get("Target", ""))
    return found


def _modified(package: Package, name: str) -> str | None:
    """The workbook's own date (UTC) from its core properties, if it gives one."""
    info = package.find(name)
    if info is None:
        return None
    try:
        root = _parse(package, info)
    except Refused:
        return None  # only the date is lost: the file's time stands in
    for element in root.iter():
        if _local(element.tag) == "modified" and element.text:
            try:
                moment = datetime.datetime.fromisoformat(element.text.strip().replace("Z", "+00:00"))
            except ValueError:
                return None
            if moment.tzinfo is not None:
                moment = moment.astimezone(datetime.timezone.utc)
            return moment.date().isoformat()
    return None


def _parse(package: Package, info) -> ElementTree.Element:
    data = package.read_small(info)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise Refused(f"its part {info.filename} declares a document type, which Excel never writes", damaged=True)
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise Refused(f"the file is damaged (its part {info.filename}: {error})", damaged=True) from None


def _local(name: str) -> str:
    return name.rpartition("}")[2].rpartition(":")[2]


def _formulas(path: str, sheet: str, scan: ExactScan) -> list[Problem]:
    problems = [
        Problem(
            CellPlace(path, sheet, row, col),
            "is a formula without a value Excel calculated; the import does not calculate formulas: "
            "open the list in Excel and save it again, or copy the column and paste it as values",
        )
        for row, col in scan.formulas
    ]
    if scan.more_formulas:
        row, col = scan.formulas[-1]
        problems.append(
            Problem(
                CellPlace(path, sheet),
                f"and {scan.more_formulas:,} more formula cell(s) without a value after {ref_text(row, col)}",
            )
        )
    return problems


def _calamine_rows(path: str, data: bytes, name: str) -> tuple:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            sheet = workbook.get_sheet_by_name(name)
        finally:
            workbook.close()
    except python_calamine.PasswordError:
        raise _unreadable(path, "it is protected with a password; save it without one") from None
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise _unreadable(path, _reason(error)) from None
    except MemoryError:
        raise _unreadable(path, "there is not enough memory to read it") from None
    except BaseException as error:  # a panic in the Rust reader: pyo3's PanicException is no Exception
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        text = " ".join(str(error).split())[:160] or type(error).__name__
        raise _unreadable(path, f"the Excel reader failed on it ({text})") from None
    end = sheet.end
    return (*_rows(sheet), (end[0] + 1, end[1] + 1) if end is not None else (0, 0))


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


def _too_big(place: CellPlace, reason: str) -> InputError:
    return InputError(Problem(place, f"too big to import as a list: {reason}"))


def _what_it_looks_like(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "it is an old-style Excel 97-2003 file (.xls); save it as .xlsx"
    head = data[:2048]
    if b"\0" not in head and (b";" in head or b"," in head) and b"\n" in head:
        return "it looks like CSV text; name it .csv"
    return "it is not a zip archive, as every .xlsx file is"


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())
    if len(text) > 160:
        text = text[:157] + "..."
    return f"the file is damaged or not a workbook ({text or type(error).__name__})"
