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
from planner.load.yaml.problems import one_of
from planner.text.errors import InputError, Problem
from planner.text.messages import _, n_
from planner.text.typography import number, shown

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
        raise _too_big(CellPlace(path, chosen.name), reach_reason(last_row, last_col, ref_text(last_row, last_col)))
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
        raise _too_big(
            CellPlace(path), _("its part {part}: {reason}").format(part=beyond.part, reason=beyond.reason)
        ) from None


def _book(package: Package) -> tuple[list[SheetEntry], int, str | None]:
    """The sheets the workbook lists, the active one's index, and the
    workbook's own date; found as calamine finds them."""
    root_rels = package.find("_rels/.rels")
    if root_rels is None:
        reason = _("the file is damaged or not a workbook (it has no {part})").format(part="_rels/.rels")
        raise Refused(reason, damaged=True)
    relations = _relationships(package, root_rels)
    document = next((t for kind, t in relations.values() if kind.endswith(_OFFICE_DOCUMENT)), None)
    if document is None:
        raise Refused(_("the file is damaged or not a workbook (it names no workbook part)"), damaged=True)
    folder = document.lstrip("/").rpartition("/")[0]
    folder = f"{folder}/" if folder else ""
    core = next((t for kind, t in relations.values() if kind.endswith(_CORE_PROPERTIES)), "docProps/core.xml")
    modified = _modified(package, core.lstrip("/"))
    book = package.find(f"{folder}workbook.xml")
    rels = package.find(f"{folder}_rels/workbook.xml.rels")
    if book is None:
        return [], 0, modified
    if rels is None:
        raise Refused(
            _("the file is damaged (it has no {part})").format(part=f"{folder}_rels/workbook.xml.rels"), damaged=True
        )
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
        raise Refused(_("it holds no sheet"), damaged=True)
    names = [entry.name for entry in entries]
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        reason = _("the file is damaged (two sheets are named {name})").format(name=shown(doubled[0]))
        raise Refused(reason, damaged=True)
    listed = ", ".join(map(_sheet_shown, entries))
    if wanted:
        named = [entry for entry in entries if entry.name in wanted]
        if not named:
            message = _("the workbook has no sheet {names}; its sheets: {sheets}").format(
                names=one_of(shown(name) for name in wanted), sheets=listed
            )
            raise InputError(Problem(CellPlace(path), message))
        if len(named) > 1:
            message = _(
                "the workbook has sheets {first} and {second}, both named with --sheet; name the one to read from it"
            ).format(first=shown(named[0].name), second=shown(named[1].name))
            raise InputError(Problem(CellPlace(path), message))
        return named[0], []
    visible = [entry for entry in entries if not entry.hidden and entry.worksheet]
    if not visible:
        message = _("the workbook shows no sheet (its sheets: {sheets}); name the one to read with --sheet")
        raise InputError(Problem(CellPlace(path), message.format(sheets=listed)))
    chosen = entries[active] if active < len(entries) and entries[active] in visible else visible[0]
    notes = []
    if len(entries) > 1:
        if any(entry.hidden for entry in entries):
            message = n_(
                "the workbook has {n} sheet ({sheets}); the list is read from {sheet}, the one Excel shows when it "
                "opens the workbook (a hidden sheet is read only when named); name another with --sheet",
                "the workbook has {n} sheets ({sheets}); the list is read from {sheet}, the one Excel shows when it "
                "opens the workbook (a hidden sheet is read only when named); name another with --sheet",
                len(entries),
            )
        else:
            message = n_(
                "the workbook has {n} sheet ({sheets}); the list is read from {sheet}, the one Excel shows when it "
                "opens the workbook; name another with --sheet",
                "the workbook has {n} sheets ({sheets}); the list is read from {sheet}, the one Excel shows when it "
                "opens the workbook; name another with --sheet",
                len(entries),
            )
        message = message.format(n=number(len(entries)), sheets=listed, sheet=shown(chosen.name))
        notes.append(Problem(CellPlace(path, chosen.name), message))
    return chosen, notes


def _sheet_shown(entry: SheetEntry) -> str:
    """A sheet as a list of the workbook's sheets names it."""
    return _("{sheet} (hidden)").format(sheet=shown(entry.name)) if entry.hidden else shown(entry.name)


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
        raise Refused(
            _("its part {part} declares a document type, which Excel never writes").format(part=info.filename),
            damaged=True,
        )
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise Refused(
            _("the file is damaged (its part {part}: {error})").format(part=info.filename, error=error), damaged=True
        ) from None


def _local(name: str) -> str:
    return name.rpartition("}")[2].rpartition(":")[2]


def _formulas(path: str, sheet: str, scan: ExactScan) -> list[Problem]:
    message = _(
        "the cell holds a formula without a value Excel calculated; the import does not calculate formulas: open "
        "the list in Excel and save it again, or copy the column and paste it as values"
    )
    problems = [Problem(CellPlace(path, sheet, row, col), message) for row, col in scan.formulas]
    if scan.more_formulas:
        row, col = scan.formulas[-1]
        more = n_(
            "and {n} more formula cell without a value after {cell}",
            "and {n} more formula cells without a value after {cell}",
            scan.more_formulas,
        )
        problems.append(
            Problem(CellPlace(path, sheet), more.format(n=number(scan.more_formulas), cell=ref_text(row, col)))
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
        raise _unreadable(path, _("it is protected with a password; save it without one")) from None
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise _unreadable(path, _reason(error)) from None
    except MemoryError:
        raise _unreadable(path, _("there is not enough memory to read it")) from None
    except BaseException as error:  # a panic in the Rust reader: pyo3's PanicException is no Exception
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        text = " ".join(str(error).split())[:160] or type(error).__name__
        raise _unreadable(path, _("the Excel reader failed on it ({error})").format(error=text)) from None
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
    message = _("not readable as an Excel workbook (.xlsx): {reason}").format(reason=reason)
    return InputError(Problem(CellPlace(path), message))


def _too_big(place: CellPlace, reason: str) -> InputError:
    return InputError(Problem(place, _("too big to import as a list: {reason}").format(reason=reason)))


def _what_it_looks_like(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _("it is an old-style Excel 97-2003 file (.xls); save it as .xlsx")
    head = data[:2048]
    if b"\0" not in head and (b";" in head or b"," in head) and b"\n" in head:
        return _("it looks like CSV text; name it .csv")
    return _("it is not a zip archive, as every .xlsx file is")


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())
    if len(text) > 160:
        text = text[:159] + "…"
    return _("the file is damaged or not a workbook ({error})").format(error=text or type(error).__name__)
