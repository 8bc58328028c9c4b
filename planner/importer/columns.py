"""Which column of a list holds which field of the export.

Built-in headers are AuditCase's own (formats.md, section 5); a COLUMNS.yaml
file changes them field by field::

    clients:   {id: Klantnummer, name: Naam, ...}
    contacts:  {id: Relatienummer, client: Klantnummer, ...}
    relations: {type: Relatiesoort, client: Klantnummer, related: Relatienummer, role: Rol}

A field set to ``null`` (``~``) says the lists have no such column. Headers
match whatever their case, accents and spacing (:func:`~planner.importer.text.fold`);
columns no field names are ignored, since AuditCase's lists carry many more.

The file is read with the project's strict YAML reader, so every mistake in
it is reported at its line and column.
"""

from __future__ import annotations

from planner.importer.report import Report
from planner.importer.sheets.sheet import Sheet
from planner.importer.text import fold
from planner.importer.values import cell_text
from planner.load.files import ReadPolicy, read_file
from planner.load.yaml.problems import listed
from planner.load.yaml.reader import Document, Mapping, read
from planner.model.office import INTEGRATIONS
from planner.text import typography
from planner.text.errors import InputError, Problem
from planner.text.messages import N_, _, n_
from planner.text.suggest import did_you_mean

CLIENTS, CONTACTS, RELATIONS = "clients", "contacts", "relations"

#: What each kind of list is called in messages (AuditCase's words, the
#: same in every language) and in the export's header.
LIST_NAMES = {CLIENTS: "klanten", CONTACTS: "contactpersonen", RELATIONS: "relaties"}

#: The other links on the Beheer tab, one Ja/Nee column each.
INTEGRATION_HEADERS = {name: f"Koppelen met {label}" for name, label in INTEGRATIONS.items()}

#: The built-in header of every field, per kind of list.
DEFAULT_HEADERS = {
    CLIENTS: {
        "id": "Klantnummer",
        "name": "Naam",
        "type": "Registratietype",
        "client_online": "Koppelen met Cliënt Online",
        "ended": "Klantstatus",
        "email": "E-mail",
        "birth_date": "Geboortedatum",
        **INTEGRATION_HEADERS,
    },
    CONTACTS: {
        "id": "Relatienummer",
        "client": "Klantnummer",
        "name": "Naam",
        "main": "Hoofd(contact)persoon",
        "client_online": "Koppelen met Cliënt Online",
        "ended": "Status",
        "email": "E-mail",
        "birth_date": "Geboortedatum",
    },
    RELATIONS: {
        "type": "Relatiesoort",
        "client": "Klantnummer",
        "related": "Relatienummer",
        "role": "Rol",
    },
}

#: Fields every list of the kind must have a column for; COLUMNS.yaml cannot
#: set them to null.
REQUIRED = {
    CLIENTS: ("id", "name", "type", "client_online"),
    CONTACTS: ("id", "client", "name", "client_online"),
    RELATIONS: ("type", "client", "related"),
}

#: Optional fields whose absence changes what a plan does: a list without
#: the column is read all the same, with a warning (unless COLUMNS.yaml sets
#: the field to null) that says what the list is read as without it.
MISSED = {
    (CLIENTS, "ended"): N_(
        "no column {header} ({field}): every klant in this list is read as not ended{suggestion}"
    ),
    (CONTACTS, "ended"): N_(
        "no column {header} ({field}): every contact in this list is read as not ended{suggestion}"
    ),
    (CONTACTS, "main"): N_(
        "no column {header} ({field}): no contact in this list is read as linked to a hoofd(contact)persoon{suggestion}"
    ),
}

#: Each kind of list's record, as "every ..." names it in a message.
RECORDS = {CLIENTS: N_("klant"), CONTACTS: N_("contact"), RELATIONS: N_("relation")}


def columns_expected() -> str:
    """What a COLUMNS.yaml file holds, as a message says it."""
    return _("a COLUMNS.yaml file: a mapping with clients, contacts and/or relations")


def default_columns() -> dict[str, dict[str, str | None]]:
    return {kind: dict(headers) for kind, headers in DEFAULT_HEADERS.items()}


def read_columns(path: str, policy: ReadPolicy = ReadPolicy()) -> dict[str, dict[str, str | None]]:
    """The headers to look for: the defaults, changed by the COLUMNS.yaml file ``path``."""
    data, _signature = read_file(path, policy)
    problems: list[Problem] = []
    doc = Document(path)
    read(data, doc, columns_expected(), problems)
    root = doc.root
    if root.__class__ is not Mapping:
        message = _("expected {expected}").format(expected=columns_expected())
        raise InputError(problems + [Problem(doc.mark(doc.root_ymark), message)])
    columns = default_columns()
    for kind, node in root.index.items():
        if kind not in DEFAULT_HEADERS:
            problems.append(
                Problem(
                    doc.mark(root.key_ymark(kind)),
                    _("unknown list {key}{suggestion} expected one of: {keys}").format(
                        key=typography.shown(str(kind)),
                        suggestion=did_you_mean(str(kind), DEFAULT_HEADERS, otherwise=";"),
                        keys=listed(DEFAULT_HEADERS),
                    ),
                )
            )
            continue
        if node is None:
            continue
        if node.__class__ is not Mapping:
            problems.append(
                Problem(
                    doc.mark(root.value_ymark(kind)),
                    _("{key} must be a mapping of field to header ({example}, …)").format(
                        key=kind, example="{}: {}".format(*next(iter(DEFAULT_HEADERS[kind].items())))
                    ),
                )
            )
            continue
        for field, header in node.index.items():
            fields = DEFAULT_HEADERS[kind]
            if field not in fields:
                problems.append(
                    Problem(
                        doc.mark(node.key_ymark(field)),
                        _("unknown field {field} under {key}{suggestion} expected one of: {fields}").format(
                            field=typography.shown(str(field)),
                            key=kind,
                            suggestion=did_you_mean(str(field), fields, otherwise=";"),
                            fields=listed(fields),
                        ),
                    )
                )
            elif header is None:
                if field in REQUIRED[kind]:
                    problems.append(
                        Problem(
                            doc.mark(node.value_ymark(field)),
                            _(
                                "{key}.{field} has no header; every list of {lists} needs a column for "
                                "{field}, so give its header (the default is {default})"
                            ).format(
                                key=kind, field=field, lists=LIST_NAMES[kind], default=typography.quoted(fields[field])
                            ),
                        )
                    )
                else:
                    columns[kind][field] = None
            elif header.__class__ is not str or not header.strip():
                problems.append(
                    Problem(
                        doc.mark(node.value_ymark(field)),
                        _(
                            "{key}.{field} must be the header of a column (text), or null when the lists have "
                            "no such column"
                        ).format(key=kind, field=field),
                    )
                )
            else:
                columns[kind][field] = header
    if problems:
        raise InputError(problems)
    return columns


# -- finding the columns in a sheet ---------------------------------------------


class Layout:
    """Where a list's fields are: its header row and each field's column.

    ``row`` is the header row's number (1-based); ``sheet.rows`` goes on
    with the row below it. ``fields`` maps each field found to the 0-based
    index of its cell in a row; ``headers`` holds each found field's header
    as written in the list.
    """

    __slots__ = ("sheet", "row", "fields", "headers")

    def __init__(self, sheet: Sheet, row: int, fields: dict[str, int], headers: dict[str, str]) -> None:
        self.sheet = sheet
        self.row = row
        self.fields = fields
        self.headers = headers


def locate(sheet: Sheet, kind: str, wanted: dict[str, str | None], report: Report) -> Layout | None:
    """The layout of ``sheet``, a list of ``kind``; None when a required
    column is missing (reported)."""
    row, cells = _header_row(sheet)
    if row is None:
        report.error(
            sheet.place(),
            _("the list of {lists} is empty; expected a header row ({headers}) and a row per {record}").format(
                lists=LIST_NAMES[kind], headers=_example_headers(kind, wanted), record=_(RECORDS[kind])
            ),
        )
        return None
    found: dict[str, list[int]] = {}
    for col, cell in enumerate(cells):
        if cell.__class__ is str and cell.strip():
            found.setdefault(fold(cell), []).append(col)
    headers_shown = [text for text in (cell_text(c).strip() for c in cells) if text]
    if not any(header is not None and fold(header) in found for header in wanted.values()):
        if _looks_like_data(cells):
            message = _(
                "row {row} has none of the headers of a list of {lists} ({headers}); found: {found} (it holds "
                "numbers or dates: it looks like data; the list needs a header row)"
            )
        else:
            message = _("row {row} has none of the headers of a list of {lists} ({headers}); found: {found}")
        report.error(
            sheet.place(row, 0),
            message.format(
                row=row, lists=LIST_NAMES[kind], headers=_example_headers(kind, wanted),
                found=_shown(headers_shown),
            ),
        )
        return None
    fields: dict[str, int] = {}
    headers: dict[str, str] = {}
    missing = False
    for field, header in wanted.items():
        if header is None:
            continue
        cols = found.get(fold(header))
        if cols is None:
            near = _nearest(header, cells, wanted)
            named = {"header": typography.quoted(header), "field": field, "suggestion": near}
            if field in REQUIRED[kind]:
                missing = True
                report.error(
                    sheet.place(row, 0),
                    _("no column {header} (the {field} of each {record}) in the header row; found: {found}{suggestion}")
                    .format(record=_(RECORDS[kind]), found=_shown(headers_shown), **named),
                )
            elif (kind, field) in MISSED:
                report.warning(sheet.place(row, 0), _(MISSED[kind, field]).format(**named))
            elif near:
                report.warning(
                    sheet.place(row, 0),
                    _("no column {header} ({field}), so no {field} is read from this list{suggestion}").format(**named),
                )
            continue
        if len(cols) > 1:
            missing = True
            report.error(
                sheet.place(row, cols[1]),
                _(
                    "a second column headed {header}; the first is {cell}: rename one, so that the {field} is "
                    "read from one column"
                ).format(header=typography.quoted(header), cell=sheet.place(row, cols[0]).cell, field=field),
            )
            continue
        fields[field] = cols[0]
        headers[field] = cells[cols[0]].strip()
    return None if missing else Layout(sheet, row, fields, headers)


def _header_row(sheet: Sheet) -> tuple[int | None, list]:
    """The number and cells of the first row with anything in it."""
    for number, row in enumerate(sheet.rows, start=1):
        for cell in row:
            if cell != "" and not (cell.__class__ is str and cell.isspace()):
                return number, row
    return None, []


def _nearest(header: str, cells: list, wanted: dict) -> str:
    """``"; did you mean 'X'?"`` for the header in ``cells`` nearest to ``header``."""
    taken = {fold(h) for h in wanted.values() if h is not None}
    candidates = {}
    for cell in cells:
        if cell.__class__ is str and cell.strip() and fold(cell) not in taken:
            candidates.setdefault(fold(cell), cell.strip())
    return did_you_mean(fold(header), candidates, show=candidates.get)


def _looks_like_data(cells: list) -> bool:
    """Whether the first row holds values (numbers, dates) rather than headers."""
    return any(cell.__class__ is not str for cell in cells if cell != "")


#: The headers a message names one by one.
HEADERS_SHOWN = 40


def _shown(headers: list[str]) -> str:
    """The headers found, as a message lists them."""
    if not headers:
        return _("no headers")
    shown = ", ".join(typography.shown(h) for h in headers[:HEADERS_SHOWN])
    more = len(headers) - HEADERS_SHOWN
    if more <= 0:
        return shown
    return n_("{headers} and {n} more", "{headers} and {n} more", more).format(
        headers=shown, n=typography.number(more)
    )


def _example_headers(kind: str, wanted: dict) -> str:
    return ", ".join(wanted[field] for field in REQUIRED[kind] if wanted.get(field))
