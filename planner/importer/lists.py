"""The records of one list, read field by field from the columns the
layout found (:mod:`planner.importer.columns`).

A list is converted column by column (:mod:`planner.importer.values`):
taking the mapped cells of every row in one step and turning them into
columns keeps the per-cell work out of Python on lists of 100,000 rows.
Rows whose mapped cells are all empty are skipped: blank lines, and the
footer lines some lists end with.
"""

from __future__ import annotations

from operator import itemgetter

import planner.importer.values as values
from planner.importer.columns import CLIENTS, CONTACTS, RELATIONS, Layout
from planner.importer.places import CellPlace
from planner.importer.report import Report
from planner.importer.vocabulary import (
    CLIENT_STATUS,
    CLIENT_TYPES,
    CONTACT_STATUS,
    FLAGS,
    RELATION_TYPES,
    ROLES,
)
from planner.model.office import INTEGRATIONS

#: How each field of each kind of list is read: (converter, its arguments).
READERS = {
    CLIENTS: {
        "id": (values.ids, True, "klant"),
        "name": (values.texts,),
        "type": (values.words, CLIENT_TYPES, True, "klant"),
        "client_online": (values.words, FLAGS, True, "klant"),
        "ended": (values.words, CLIENT_STATUS, False, "klant"),
        "email": (values.texts,),
        "birth_date": (values.dates,),
        **{key: (values.words, FLAGS, False, "klant") for key in INTEGRATIONS},
    },
    CONTACTS: {
        "id": (values.ids, True, "contact"),
        "client": (values.ids, True, "contact"),
        "name": (values.texts,),
        "main": (values.ids, False, "contact"),
        "client_online": (values.words, FLAGS, True, "contact"),
        "ended": (values.words, CONTACT_STATUS, False, "contact"),
        "email": (values.texts,),
        "birth_date": (values.dates,),
    },
    RELATIONS: {
        "type": (values.words, RELATION_TYPES, True, "relation"),
        "client": (values.ids, True, "relation"),
        "related": (values.ids, True, "relation"),
        "role": (values.words, ROLES, False, "relation"),
    },
}


class ListRecords:
    """The records of one list: ``fields[name][i]`` is field ``name`` of the
    ``i``-th record (None when absent), which sits on sheet row ``rows[i]``.
    """

    __slots__ = ("kind", "file", "sheet", "date", "rows", "cols", "headers", "fields")

    def __init__(self, kind: str, layout: Layout) -> None:
        sheet = layout.sheet
        self.kind = kind
        self.file = sheet.file
        self.sheet = sheet.sheet
        self.date = sheet.date  # the list's own date (the workbook's, or its file's)
        self.rows: list[int] = []
        # field -> 1-based column, as Excel numbers it
        self.cols = {name: index + sheet.col_base + 1 for name, index in layout.fields.items()}
        self.headers = layout.headers  # field -> header as written
        self.fields: dict[str, list] = {}

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def name(self) -> str:
        """The list as a person names it: ``klanten.xlsx (Blad1)``, ``klanten.csv``."""
        return self.file if self.sheet is None else f"{self.file} ({self.sheet})"

    def place(self, index: int, field: str) -> CellPlace:
        """The cell of field ``field`` of the ``index``-th record."""
        return CellPlace(self.file, self.sheet, self.rows[index], self.cols[field])

    def header(self, field: str) -> str:
        return self.headers[field]

    def as_values(self, keep=None) -> tuple:
        """The records as plain values, for :meth:`from_values` in another
        process; ``keep``: the fields sent (all when None)."""
        fields = self.fields if keep is None else {name: self.fields[name] for name in keep}
        return (self.kind, self.file, self.sheet, self.date, self.rows, self.cols, self.headers, fields)

    @classmethod
    def from_values(cls, values: tuple) -> ListRecords:
        records = cls.__new__(cls)
        (
            records.kind, records.file, records.sheet, records.date,
            records.rows, records.cols, records.headers, records.fields,
        ) = values
        return records


def read_records(kind: str, layout: Layout, report: Report) -> ListRecords:
    """The records in the rows below the header row of ``layout``'s sheet."""
    records = ListRecords(kind, layout)
    sheet = layout.sheet
    names = list(layout.fields)
    indexes = [layout.fields[name] for name in names]
    rows = sheet.rows
    if sheet.sheet is None:
        # A CSV line may stop before its last empty cells.
        need = max(indexes) + 1
        rows = (row if len(row) >= need else row + [""] * (need - len(row)) for row in rows)
    if len(indexes) > 1:
        picked = list(map(itemgetter(*indexes), rows))
    else:
        picked = [(row[indexes[0]],) for row in rows]
    first = layout.row + 1  # the row number of the first row below the headers
    blank = ("",) * len(indexes)
    if blank in picked:
        numbers = [first + i for i, cells in enumerate(picked) if cells != blank]
        picked = [cells for cells in picked if cells != blank]
    else:
        numbers = list(range(first, first + len(picked)))
    records.rows = numbers
    columns = list(zip(*picked)) if picked else [()] * len(names)
    del picked
    readers = READERS[kind]
    for name, cells in zip(names, columns):
        column = values.Column(
            records.file, records.sheet, records.cols[name], layout.headers[name], cells, numbers, report
        )
        convert, *arguments = readers[name]
        records.fields[name] = convert(column, *arguments)
    nothing = [None] * len(numbers)
    for name in readers:
        records.fields.setdefault(name, nothing)
    return records
