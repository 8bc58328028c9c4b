"""From AuditCase's lists to the export: read, check, write.

Each list is read, its columns found and its cells converted, its records
written as the export holds them, and its rows dropped before the next list
is read, so that no more than one list's cells are held at a time in a
process. Each kind of list is read in a process of its own where one can be
started (:func:`planner.parallel.apart`), with a bound on its memory: the
Excel reader may abort on a workbook no check before it ruled out, and then
only that process ends, and this one says why. Big lists of klanten and
the contacts are read at once. What comes back is what the checks between
lists read (:mod:`planner.importer.references`) and the written records;
the export is put together only when nothing was wrong. A file given twice
(as two kinds of list, or twice as one) is one error, before anything is
read. The export carries the date of the lists: the oldest of their own
dates (:mod:`planner.importer.sheets.reading`).
"""

from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass, field

from planner import parallel
from planner.importer.columns import (
    CLIENTS,
    CONTACTS,
    LIST_NAMES,
    RELATIONS,
    default_columns,
    locate,
    read_columns,
)
from planner.importer.exportyaml import WRITERS, export_text
from planner.importer.lists import ListRecords, read_records
from planner.importer.places import CellPlace
from planner.importer.references import check
from planner.importer.report import Report
from planner.importer.sheets.reading import check_list, formulas_in, read_list
from planner.load.files import ReadPolicy
from planner.text import typography
from planner.text.errors import InputError, Problem
from planner.text.messages import _


@dataclass(frozen=True)
class Imported:
    """The export written from the lists, and what was read with a warning."""

    text: str
    warnings: list[Problem] = field(default_factory=list)
    clients: int = 0
    contacts: int = 0
    relations: int = 0


#: The memory (address space) the process that reads a list may take on:
#: the Excel reader and the records it reads. A list of 100,000 rows takes
#: a fifth of it; a list within every limit of planner.importer.sheets, less
#: than two thirds.
READER_MEMORY = 1536 * 2**20

#: The fields of each kind of list the checks between lists read (the rest
#: is written into the export where the list is read).
CHECKED = {
    CLIENTS: ("id", "type"),
    CONTACTS: ("id", "client", "main"),
    RELATIONS: ("type", "client", "related", "role"),
}


def import_lists(
    clients: list[str],
    contacts: list[str],
    relations: list[str] = (),
    columns: str | None = None,
    policy: ReadPolicy = ReadPolicy(),
    sheets: tuple[str, ...] = (),
) -> Imported:
    """The export (formats.md section 1) made from AuditCase's lists.

    ``clients``, ``contacts`` and ``relations`` are the paths of the lists
    of each kind (.xlsx or .csv), read in the order given; ``columns`` is the
    path of a COLUMNS.yaml file, or None for the built-in headers; ``sheets``
    the names given with ``--sheet`` (a workbook's list is the one of them it
    holds; without any, the sheet Excel shows). Raises
    :class:`~planner.text.errors.InputError` with every problem found; prints
    and writes nothing.
    """
    if not clients:
        raise InputError(Problem(None, _("no klanten list given; expected at least one list of klanten")))
    _refuse_doubles(clients, contacts, relations)
    headers = read_columns(columns, policy) if columns is not None else default_columns()
    paths = {CLIENTS: clients, CONTACTS: contacts, RELATIONS: relations}
    report = Report()
    # Building the columns allocates millions of objects and no cycles; the
    # cyclic collector would only walk them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        read, formulas, pending = _read_lists(paths, headers, policy, sheets)
        lists: dict[str, list[ListRecords]] = {}
        written: dict[str, list[str] | None] = {}
        complete = True
        for kind in (CLIENTS, CONTACTS, RELATIONS):  # each kind's problems after the kind before
            found, problems, texts, _workbooks = read[kind]
            report.take(problems)
            complete &= None not in found
            lists[kind] = [ListRecords.from_values(values) for values in found if values is not None]
            written[kind] = texts
        if not relations:
            written[RELATIONS] = None

        def rest():
            if complete:
                check(lists[CLIENTS], lists[CONTACTS], lists[RELATIONS], report)
            return export_text(_header(relations, columns, lists), written, _lists_date(lists))

        text, more = _with_formulas(pending, rest, policy, _size(clients))
        report.errors += formulas + more
        report.finish()
        if report.errors:
            raise InputError(report.errors)
    finally:
        if collecting:
            gc.enable()
    return Imported(
        text,
        report.warnings,
        sum(map(len, lists[CLIENTS])),
        sum(map(len, lists[CONTACTS])),
        sum(map(len, lists[RELATIONS])),
    )


def import_text(
    clients: list[str],
    contacts: list[str],
    relations: list[str] = (),
    columns: str | None = None,
) -> tuple[str, list[Problem]]:
    """The export text and the warnings; :func:`import_lists` for a command line."""
    imported = import_lists(clients, contacts, relations, columns)
    return imported.text, imported.warnings


def _read_lists(paths: dict, headers: dict, policy: ReadPolicy, sheets: tuple[str, ...]) -> tuple:
    """Each kind's lists read (:func:`_reader`), each kind in a process of
    its own where one can be started (:func:`planner.parallel.apart`): an
    abort or exhaustion of the Excel reader there ends only that process,
    and the import then says why (:func:`_crashed`). The klanten and the
    contacts are read at once where a second processor is free and they are
    big enough (``THRESHOLDS["import"]``), the relations once the klanten
    are in; else one kind after the other.

    Also the formulas without a value found so far (those of the klanten's
    workbooks, looked at here while the contacts are read, where they are
    read at once), and the workbooks whose formulas are still to be looked
    at (:func:`_with_formulas`)."""
    if not parallel.isolatable():
        read = {kind: _reader(paths[kind], kind, headers[kind], policy, sheets, scan=True)() for kind in paths}
        return read, [], [book for kind in (CLIENTS, CONTACTS, RELATIONS) for book in read[kind][3]]
    together = bool(paths[CONTACTS]) and parallel.worth("import", _size(paths[CLIENTS]))
    order = [CLIENTS, RELATIONS, CONTACTS] if together else [CLIENTS, CONTACTS, RELATIONS]
    read, running, formulas = {}, {}, None

    def start(kind):
        job = _reader(paths[kind], kind, headers[kind], policy, sheets, scan=False)
        running[kind] = parallel.apart(job, READER_MEMORY) if paths[kind] else None

    def collect(kind):
        worker = running.pop(kind)
        read[kind] = _collect(worker, paths[kind], kind, headers[kind], policy, sheets) if paths[kind] else job_of(kind)

    def job_of(kind):
        return _reader((), kind, headers[kind], policy, sheets, scan=False)()

    try:
        if together:
            start(CLIENTS)
            start(CONTACTS)
            collect(CLIENTS)
            start(RELATIONS)  # on the processor the klanten had
            formulas = _formulas(read[CLIENTS][3], policy)
        for kind in order:
            if kind not in read:
                if kind not in running:
                    start(kind)
                collect(kind)
    finally:
        for worker in running.values():
            if worker is not None:
                worker.close()
    looked = () if formulas is None else (CLIENTS,)
    pending = [book for kind in (CLIENTS, CONTACTS, RELATIONS) if kind not in looked for book in read[kind][3]]
    return read, formulas or [], pending


def _collect(worker, paths, kind: str, headers: dict, policy: ReadPolicy, sheets) -> tuple:
    """What the process reading ``kind``'s lists sent; when it could not be
    started or failed, the lists read here, scanned first; when it was
    ended by a signal or ran out of memory, an :class:`InputError` saying why."""
    sent = worker.result() if worker is not None else None
    if sent is None and worker is not None and worker.crash is not None:
        raise _crashed(paths, worker.crash, policy, sheets)
    if sent is None:
        sent = _reader(paths, kind, headers, policy, sheets, scan=True)()
    return sent


def _reader(paths, kind: str, headers: dict, policy: ReadPolicy, sheets, scan: bool):
    """The job of reading ``kind``'s lists: for each list its records (the
    fields the checks between lists read, :data:`CHECKED`), or None when it
    could not be read; the problems; each list's records as the export
    writes them; and the (file, sheet) of each workbook, for its formulas."""

    def job():
        report = Report()
        found, texts, workbooks = [], [], []
        for path in paths:
            records = _read(path, kind, headers, report, policy, sheets, scan)
            if records is None:
                found.append(None)
                continue
            # (A list with errors is not written: the import fails.)
            texts.append("" if report.errors else WRITERS[kind](records.fields))
            found.append(records.as_values(CHECKED[kind]))
            if records.sheet is not None:
                workbooks.append((records.file, records.sheet))
        return found, report.as_values(), texts, workbooks

    return job


def _crashed(paths, how: str, policy: ReadPolicy, sheets) -> InputError:
    """Why the lists ``paths`` ended their reader: what the checks before
    reading find in them, or, when they find nothing, how it ended."""
    problems = []
    for path in paths:
        try:
            check_list(path, policy, sheets)
        except InputError as error:
            problems += error.problems
    if problems:
        return InputError(problems)
    message = _("the Excel reader ended on this list: {how}").format(how=_ended(how))
    return InputError([Problem(CellPlace(path), message) for path in paths])


def _ended(how: str) -> str:
    """How the reader's process ended (:attr:`planner.parallel.Worker.crash`,
    in English), as the message says it in the active language."""
    if how == "it ran out of memory":
        return _("reading it needs more than {mb} MB").format(mb=typography.number(READER_MEMORY // 2**20))
    signal = re.fullmatch(r"it was ended by signal (\d+) \((\w+)\)", how)
    if signal is not None:
        return _("it was ended by signal {number} ({name})").format(number=signal[1], name=signal[2])
    return how


def _with_formulas(workbooks, rest, policy: ReadPolicy, size: int) -> tuple:
    """``rest()`` (the checks between lists and the export), and the cells
    of the workbooks read that hold a formula without a value; the formulas
    are looked for by a worker meanwhile where one is worth it."""

    def job():
        return [(p.mark.file, p.mark.sheet, p.mark.row, p.mark.col, p.message) for p in _formulas(workbooks, policy)]

    if not workbooks:
        return rest(), []
    ours, sent = parallel.alongside(job if parallel.worth("import", size) else None, rest)
    if sent is None:
        sent = job()
    return ours, [Problem(CellPlace(file, sheet, row, col), message) for file, sheet, row, col, message in sent]


def _formulas(workbooks, policy: ReadPolicy) -> list[Problem]:
    """The formula cells without a value in the sheets ``workbooks`` (file, sheet) read."""
    found = []
    for path, sheet in workbooks:
        try:
            found += formulas_in(path, sheet, policy)
        except InputError as error:
            found += error.problems
    return found


def _read(
    path: str, kind: str, headers: dict, report: Report, policy: ReadPolicy, sheets=(), scan: bool = True
) -> ListRecords | None:
    """One list's records; None when the file or its header row is unusable
    (reported)."""
    try:
        sheet = read_list(path, policy, sheets, scan)
        report.warnings.extend(sheet.notes)
        layout = locate(sheet, kind, headers, report)
        if layout is None:
            return None
        return read_records(kind, layout, report)
    except InputError as error:  # the file, or a line of it, cannot be read
        report.errors.extend(error.problems)
        return None


def _size(paths) -> int:
    try:
        return sum(os.path.getsize(path) for path in paths)
    except (OSError, ValueError):  # reading them says what is wrong
        return 0


def _refuse_doubles(clients, contacts, relations) -> None:
    """One error for each file given a second time (the same file, by any
    path): its records would each be reported as its own duplicate."""
    seen: dict[tuple, tuple[str, str]] = {}
    problems = []
    for option, paths in (("--clients", clients), ("--contacts", contacts), ("--relations", relations)):
        for path in paths:
            try:
                status = os.stat(path)
            except (OSError, ValueError):
                continue  # reading it says what is wrong
            key = (status.st_dev, status.st_ino)
            first = seen.get(key)
            if first is None:
                seen[key] = (option, path)
            else:
                problems.append(
                    Problem(
                        CellPlace(path),
                        _(
                            "the same file is given twice, as {first_option} {first_path} and as {option} {path}; "
                            "give each list once"
                        ).format(first_option=first[0], first_path=first[1], option=option, path=path),
                    )
                )
    if problems:
        raise InputError(problems)


def _lists_date(lists: dict) -> str | None:
    """The date of the lists: the oldest of their own dates."""
    dates = [records.date for kind in lists.values() for records in kind if records.date]
    return min(dates) if dates else None


def _header(relations, columns, lists) -> list[str]:
    def named(kind: str) -> str:
        return ", ".join(_basename(records) for records in lists[kind]) or "none"

    lines = ["AuditCase export, imported by plan-removal from AuditCase's own lists"]
    lines.append(f"{LIST_NAMES[CLIENTS]}: {named(CLIENTS)}")
    lines.append(f"{LIST_NAMES[CONTACTS]}: {named(CONTACTS)}")
    if relations:
        lines.append(f"{LIST_NAMES[RELATIONS]}: {named(RELATIONS)}")
    lines.append(f"headers: {columns}" if columns is not None else "headers: the built-in defaults")
    return lines


def _basename(records: ListRecords) -> str:
    # The file's name, not its path: the same lists give the same export
    # wherever they are kept.
    name = os.path.basename(records.file)
    return name if records.sheet is None else f"{name} ({records.sheet})"
