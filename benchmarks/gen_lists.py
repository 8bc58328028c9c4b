"""AuditCase's own lists, made from an export: what ``plan-removal import`` reads.

Usage::

    python benchmarks/gen_lists.py EXPORT.yaml --out DIR [--format xlsx|csv] [--combined]
                                   [--prefix NAME] [--encoding utf-8|cp1252] [--delimiter ';'|',']

AuditCase's Export en Import module hands out one list per kind, and so does
this script by default: ``klant-bedrijf``, ``klant-persoon``,
``contact-bij-klant-bedrijf``, ``contact-bij-klant-persoon`` and
``relatie-bedrijf`` (the last only when the export has relations), each
``.xlsx`` (sheet ``Blad1``) or ``.csv``. With ``--combined`` the klanten of
both kinds share one list, ``klanten``, as do the contacts,
``contactpersonen``, and the relations are in ``relaties``; the records then
keep the export's order exactly. ``--prefix`` is put before every file name.

The lists look like AuditCase's: Dutch headers (the importer's defaults),
``Klant-Bedrijf``/``Klant-Persoon``, ``Ja``/``Nee``, ``Geen klant meer``,
birth dates as Excel dates (``DD-MM-YYYY`` text in CSV), and columns the
importer must ignore (Zoeknaam, Plaats, Telefoon, KvK-nummer, Functie, a
creation date, ...), filled from a seeded generator. A klantnummer or
relatienummer that is all digits without a leading zero is written as a
number in a workbook, as Excel stores a typed klantnummer; any other id is
text, so that importing the lists gives the export back exactly.

The same export gives the same bytes: workbooks are written with fixed
document dates and zip entry times. CSV is written as Excel writes it:
``\\r\\n`` line ends, UTF-8 with a byte order mark ("CSV UTF-8"), or
``--encoding cp1252`` (Excel's Dutch "CSV (gescheiden door
lijstscheidingsteken)"), which fails on names Windows-1252 cannot hold.

:func:`tables` returns the lists as headers and rows; :func:`write` writes
them and returns their paths per kind (clients, contacts, relations).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import random
import re
import zipfile
from dataclasses import dataclass, field

from planner.importer.columns import INTEGRATION_HEADERS
from planner.load.loading import load_export
from planner.model.office import COMPANY, INTEGRATIONS, Export

# Headers of a klanten list; the columns the importer reads are marked by
# the field they hold, the others (None) are there to be ignored.
CLIENT_COLUMNS = (
    ("Klantnummer", "id"),
    ("Zoeknaam", None),
    ("Naam", "name"),
    ("Registratietype", "type"),
    ("Klantstatus", "ended"),
    ("Plaats", None),
    ("Telefoon", None),
    ("E-mail", "email"),
    ("Geboortedatum", "birth_date"),
    ("KvK-nummer", None),
    ("Koppelen met Cliënt Online", "client_online"),
    *((header, key) for key, header in INTEGRATION_HEADERS.items()),
    ("Aangemaakt op", None),
)
CONTACT_COLUMNS = (
    ("Relatienummer", "id"),
    ("Klantnummer", "client"),
    ("Klantnaam", None),
    ("Naam", "name"),
    ("Functie", None),
    ("Telefoon", None),
    ("E-mail", "email"),
    ("Geboortedatum", "birth_date"),
    ("Hoofd(contact)persoon", "main"),
    ("Koppelen met Cliënt Online", "client_online"),
    ("Status", "ended"),
)
RELATION_COLUMNS = (
    ("Relatiesoort", "type"),
    ("Klantnummer", "client"),
    ("Klantnaam", None),
    ("Relatienummer", "related"),
    ("Relatienaam", None),
    ("Rol", "role"),
    ("Ingangsdatum", None),
)

TYPE_WORDS = {COMPANY: "Klant-Bedrijf", "person": "Klant-Persoon"}
RELATION_WORDS = {"group": "Groep", "wwft": "Wwft", "partner": "Partner"}
ROLE_WORDS = {"ubo": "UBO", "pseudo-ubo": "Pseudo-UBO", "representative": "Vertegenwoordiger"}
PLACES = (
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Zwolle",
    "Groningen",
    "Eindhoven",
    "Leeuwarden",
    "Tilburg",
    "Delft",
)
FUNCTIONS = ("Directeur", "Eigenaar", "Administratie", "Bestuurder", "Office manager", "Controller", "")

# Written as a number in a workbook: digits, no leading zero, and few enough
# of them that Excel's floating point keeps the number exact.
_NUMERIC_ID = re.compile(r"[1-9][0-9]{0,14}")

#: The document date and zip entry time of every workbook written.
FIXED_TIME = datetime.datetime(2024, 1, 1)


@dataclass
class Table:
    """One list: its file stem, headers and rows (cells as Python values)."""

    stem: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def tables(export: Export, combined: bool = False, seed: int = 1) -> dict[str, list[Table]]:
    """The lists of ``export`` per kind: ``{"clients": [...], "contacts": [...],
    "relations": [...]}`` (relations empty when the export has none)."""
    rnd = random.Random(seed)
    kinds = (("klanten", None),) if combined else (("klant-bedrijf", COMPANY), ("klant-persoon", "person"))
    clients = []
    for stem, kind in kinds:
        table = Table(stem, [h for h, _ in CLIENT_COLUMNS])
        for client in export.clients.values():
            if kind is None or client.type == kind:
                table.rows.append(_client_row(client, rnd))
        clients.append(table)
    contact_kinds = (
        (("contactpersonen", None),)
        if combined
        else (("contact-bij-klant-bedrijf", COMPANY), ("contact-bij-klant-persoon", "person"))
    )
    contacts = []
    for stem, kind in contact_kinds:
        table = Table(stem, [h for h, _ in CONTACT_COLUMNS])
        for contact in export.contacts.values():
            klant = export.clients[contact.client]
            if kind is None or klant.type == kind:
                table.rows.append(_contact_row(contact, klant, rnd))
        contacts.append(table)
    relations = []
    if export.relations:
        table = Table("relaties" if combined else "relatie-bedrijf", [h for h, _ in RELATION_COLUMNS])
        for relation in export.relations:
            table.rows.append(_relation_row(relation, export, rnd))
        relations.append(table)
    return {"clients": clients, "contacts": contacts, "relations": relations}


def _id_cell(value: str | None):
    if value is None:
        return ""
    return int(value) if _NUMERIC_ID.fullmatch(value) else value


def _flag(value: bool) -> str:
    return "Ja" if value else "Nee"


def _date(text: str | None):
    return datetime.date.fromisoformat(text) if text else ""


def _client_row(client, rnd: random.Random) -> list:
    links = dict(client.integrations)
    values = {
        "id": _id_cell(client.id),
        "name": client.name,
        "type": TYPE_WORDS[client.type],
        "ended": "Geen klant meer" if client.ended else rnd.choice(("Klant", "Klant", "Klant", "")),
        "email": client.email or "",
        "birth_date": _date(client.birth_date),
        "client_online": _flag(client.client_online),
        **{key: _flag(links[key]) if key in links else "" for key in INTEGRATIONS},
    }
    extras = {
        "Zoeknaam": client.name.upper()[:12],
        "Plaats": rnd.choice(PLACES),
        "Telefoon": f"0{rnd.randint(10, 79)}-{rnd.randint(1000000, 9999999)}",
        "KvK-nummer": rnd.randint(10000000, 99999999) if client.type == COMPANY else "",
        "Aangemaakt op": datetime.date(2000, 1, 1) + datetime.timedelta(days=rnd.randint(0, 9000)),
    }
    return [values[key] if key else extras[header] for header, key in CLIENT_COLUMNS]


def _contact_row(contact, klant, rnd: random.Random) -> list:
    values = {
        "id": _id_cell(contact.id),
        "client": _id_cell(contact.client),
        "name": contact.name,
        "email": contact.email or "",
        "birth_date": _date(contact.birth_date),
        "main": _id_cell(contact.main),
        "client_online": _flag(contact.client_online),
        "ended": "Inactief" if contact.ended else rnd.choice(("Actief", "Actief", "")),
    }
    extras = {
        "Klantnaam": klant.name,
        "Functie": rnd.choice(FUNCTIONS),
        "Telefoon": f"06-{rnd.randint(10000000, 99999999)}",
    }
    return [values[key] if key else extras[header] for header, key in CONTACT_COLUMNS]


def _relation_row(relation, export: Export, rnd: random.Random) -> list:
    if relation.type == "group":
        first, second = relation.parent, relation.member
    elif relation.type == "wwft":
        first, second = relation.client, relation.person
    else:
        first, second = relation.persons
    values = {
        "type": RELATION_WORDS[relation.type],
        "client": _id_cell(first),
        "related": _id_cell(second),
        "role": ROLE_WORDS[relation.role] if relation.role else "",
    }
    extras = {
        "Klantnaam": export.name(first),
        "Relatienaam": export.name(second),
        "Ingangsdatum": datetime.date(2010, 1, 1) + datetime.timedelta(days=rnd.randint(0, 5000)),
    }
    return [values[key] if key else extras[header] for header, key in RELATION_COLUMNS]


# -- writing ------------------------------------------------------------------


def write_xlsx(path: str, table: Table, sheet: str = "Blad1") -> None:
    """``table`` as a workbook of one sheet, the same bytes every time."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(table.headers)
    for row in table.rows:
        # An empty cell is left out, as Excel leaves it out.
        worksheet.append([None if cell == "" else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with open(path, "wb") as handle:
        handle.write(_fixed_times(buffer.getvalue()))


def _fixed_times(data: bytes) -> bytes:
    """The workbook ``data`` with its document dates and zip times fixed."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def write_csv(path: str, table: Table, delimiter: str = ";", encoding: str = "utf-8") -> None:
    """``table`` as CSV the way Excel saves it (UTF-8 with a byte order mark,
    or ``cp1252``); dates as ``DD-MM-YYYY``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    data = buffer.getvalue().encode(
        "utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding
    )
    with open(path, "wb") as handle:
        handle.write(data)


def _csv_cell(cell) -> str:
    if isinstance(cell, datetime.date):
        return cell.strftime("%d-%m-%Y")
    return str(cell)


def write(
    export: Export,
    directory: str,
    fmt: str = "xlsx",
    combined: bool = False,
    prefix: str = "",
    encoding: str = "utf-8",
    delimiter: str = ";",
    seed: int = 1,
) -> dict[str, list[str]]:
    """Write the lists of ``export`` under ``directory``; their paths per kind."""
    os.makedirs(directory, exist_ok=True)
    paths: dict[str, list[str]] = {}
    for kind, lists in tables(export, combined, seed).items():
        paths[kind] = []
        for table in lists:
            path = os.path.join(directory, f"{prefix}{table.stem}.{fmt}")
            if fmt == "xlsx":
                write_xlsx(path, table)
            else:
                write_csv(path, table, delimiter, encoding)
            paths[kind].append(path)
    return paths


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", help="an AuditCase export (YAML)")
    parser.add_argument("--out", required=True, help="folder for the lists")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--combined", action="store_true", help="one list of klanten, one of contacts")
    parser.add_argument("--prefix", default="", help="put before every file name")
    parser.add_argument("--encoding", default="utf-8", help="CSV: utf-8 (with BOM) or cp1252")
    parser.add_argument("--delimiter", default=";", choices=(";", ","), help="CSV: the delimiter")
    parser.add_argument("--seed", type=int, default=1, help="for the columns the importer ignores")
    args = parser.parse_args(argv)
    paths = write(
        load_export(args.export),
        args.out,
        args.format,
        args.combined,
        args.prefix,
        args.encoding,
        args.delimiter,
        args.seed,
    )
    for kind, files in paths.items():
        for path in files:
            print(f"{kind}: {path}")


if __name__ == "__main__":
    main()
