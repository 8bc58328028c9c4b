"""From AuditCase's lists to the export: read, check, write.

Each list is read, its columns found and its cells converted, and its rows
are dropped before the next list is read, so that no more than one list's
cells are held at a time in a process. Big lists of klanten are read by a
worker process (:mod:`planner.parallel`) while this one reads the contacts.
Checks between lists follow once every list is in
(:mod:`planner.importer.references`); the export is written only when
nothing was wrong.
"""

from __future__ import annotations

import gc
import os
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
from planner.importer.exportyaml import client_records, export_text
from planner.importer.lists import ListRecords, read_records
from planner.importer.references import check
from planner.importer.report import Report
from planner.importer.sheets.reading import read_list
from planner.load.files import ReadPolicy
from planner.text.errors import InputError, Problem

#: The smallest size in bytes of the lists of klanten that a worker process
#: (planner.parallel) reads while this one reads the contacts: below it,
#: starting one costs more than it saves.
WORKER_AT = 2 * 2**20


@dataclass(frozen=True)
class Imported:
    """The export written from the lists, and what was read with a warning."""

    text: str
    warnings: list[Problem] = field(default_factory=list)
    clients: int = 0
    contacts: int = 0
    relations: int = 0


def import_lists(
    clients: list[str],
    contacts: list[str],
    relations: list[str] = (),
    columns: str | None = None,
    policy: ReadPolicy = ReadPolicy(),
) -> Imported:
    """The export (formats.md section 1) made from AuditCase's lists.

    ``clients``, ``contacts`` and ``relations`` are the paths of the lists
    of each kind (.xlsx or .csv), read in the order given; ``columns`` is the
    path of a COLUMNS.yaml file, or None for the built-in headers. Raises
    :class:`~planner.text.errors.InputError` with every problem found; prints
    and writes nothing.
    """
    if not clients:
        raise InputError(Problem(None, "no klanten list given; expected at least one list of klanten"))
    headers = read_columns(columns, policy) if columns is not None else default_columns()
    report = Report()
    lists: dict[str, list[ListRecords]] = {CLIENTS: [], CONTACTS: [], RELATIONS: []}
    complete = True
    # Building the columns allocates millions of objects and no cycles; the
    # cyclic collector would only walk them again and again.
    collecting = gc.isenabled()
    gc.disable()
    job = _klanten_job(clients, contacts, relations, headers[CLIENTS], policy)
    written = None  # the lists of klanten as the export holds them, when the worker wrote them
    try:
        if job is None:
            for kind, paths in ((CLIENTS, clients), (CONTACTS, contacts), (RELATIONS, relations)):
                complete &= _read_all(paths, kind, headers[kind], report, policy, lists[kind])
        else:
            # The contacts here while the worker reads the klanten; each
            # kind's problems still follow the kind before.
            contacts_report = Report()
            read, sent = parallel.alongside(
                job,
                lambda: _read_all(contacts, CONTACTS, headers[CONTACTS], contacts_report, policy, lists[CONTACTS]),
            )
            complete &= read
            if sent is None:
                complete &= _read_all(clients, CLIENTS, headers[CLIENTS], report, policy, lists[CLIENTS])
            else:
                found, problems, written = sent
                report.take(problems)
                complete &= None not in found
                lists[CLIENTS] += [ListRecords.from_values(r) for r in found if r is not None]
            report.take(contacts_report.as_values())
            complete &= _read_all(relations, RELATIONS, headers[RELATIONS], report, policy, lists[RELATIONS])
        if complete:
            check(lists[CLIENTS], lists[CONTACTS], lists[RELATIONS], report)
        report.finish()
        if report.errors:
            raise InputError(report.errors)
        text = export_text(
            _header(relations, columns, lists),
            lists[CLIENTS],
            lists[CONTACTS],
            lists[RELATIONS] if relations else None,
            written,
        )
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


def _klanten_job(clients, contacts, relations, headers: dict, policy: ReadPolicy):
    """The job of a worker process reading the lists of klanten while this
    one reads the contacts: when they are big enough to be worth it, and
    none of them is also given as a list of another kind (each list's
    problems are then its own). None when the klanten are read here."""
    try:
        size = sum(os.path.getsize(path) for path in clients)
        others = {os.path.realpath(path) for path in (*contacts, *relations)}
        shared = any(os.path.realpath(path) in others for path in clients)
    except (OSError, ValueError):  # reading them here says what is wrong
        return None
    if size < WORKER_AT or not contacts or shared or not parallel.available():
        return None

    def job():
        report = Report()
        found = [_read(path, CLIENTS, headers, report, policy) for path in clients]
        # Also written as the export will hold them, should the import succeed.
        written = [client_records(r.fields) for r in found if r is not None]
        return [None if r is None else r.as_values() for r in found], report.as_values(), written

    return job


def _read_all(paths, kind: str, headers: dict, report: Report, policy: ReadPolicy, into: list) -> bool:
    """Each list of ``paths`` read into ``into``; whether all could be."""
    complete = True
    for path in paths:
        records = _read(path, kind, headers, report, policy)
        if records is None:
            complete = False
        else:
            into.append(records)
    return complete


def _read(path: str, kind: str, headers: dict, report: Report, policy: ReadPolicy) -> ListRecords | None:
    """One list's records; None when the file or its header row is unusable
    (reported)."""
    try:
        sheet = read_list(path, policy)
        layout = locate(sheet, kind, headers, report)
        if layout is None:
            return None
        return read_records(kind, layout, report)
    except InputError as error:  # the file, or a line of it, cannot be read
        report.errors.extend(error.problems)
        return None


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
