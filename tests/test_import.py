"""Importing AuditCase's own lists (formats.md section 5): what staff rely on.

Lists made from an export import back to the same export; every spelling
AuditCase uses is read; every mistake is reported at its cell, as Excel
names it, with what was expected; a file that is not what its name says is
an error, never a traceback; the same lists always give the same bytes.
"""

from __future__ import annotations

import datetime
import os
import pathlib
import shutil
import sys

import pytest
from conftest import BENCHMARKS, EXPORTS, run_cli, write_csv, write_xlsx
from hypothesis import example, given
from hypothesis import strategies as st

from planner import parallel
from planner.importer import CellPlace, Imported, import_lists, import_text
from planner.importer.report import PER_COLUMN
from planner.load.loading import load_export
from planner.load.yaml.reader import Document, read
from planner.model.office import Export
from planner.output.yamltext import comment, quote
from planner.text.errors import InputError, Problem

sys.path.insert(0, str(BENCHMARKS))
import gen_export  # noqa: E402
import gen_lists  # noqa: E402

CLIENT_HEADERS = ["Klantnummer", "Naam", "Registratietype", "Koppelen met Cliënt Online", "Klantstatus"]
CONTACT_HEADERS = [
    "Relatienummer",
    "Klantnummer",
    "Naam",
    "Hoofd(contact)persoon",
    "Koppelen met Cliënt Online",
    "Status",
]
A = ["A", "Alfa Bouw B.V.", "Klant-Bedrijf", "Ja", "Klant"]
P = ["P", "Piet de Vries", "Klant-Persoon", "Ja", "Klant"]


# -- helpers ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    """Lists are named as staff name them on the command line: relative to
    where the command runs."""
    monkeypatch.chdir(tmp_path)


def records(export: Export) -> tuple:
    """What an export holds, without where it was read from."""
    return export.clients, export.contacts, export.relations


def load_text(text: str, folder: pathlib.Path) -> Export:
    path = folder / "imported.yaml"
    path.write_text(text, encoding="utf-8")
    return load_export(str(path))


def lists(folder: pathlib.Path, clients, contacts=None, relations=None, fmt: str = "xlsx", **csv) -> dict:
    """Write the given rows (header row first) as lists; their paths."""
    paths = {}
    for kind, rows in (("clients", clients), ("contacts", contacts), ("relations", relations)):
        if rows is None:
            paths[kind] = []
            continue
        path = folder / f"{kind}.{fmt}"
        if fmt == "xlsx":
            write_xlsx(path, rows)
        else:
            write_csv(path, rows, **csv)
        paths[kind] = [os.path.relpath(path)]
    return paths


def import_every_way(clients, contacts, relations, columns=None) -> Imported:
    """``import_lists`` as it runs (a worker process reads the contacts only
    when they are big), and with a worker reading the contacts whatever their
    size: both must come to the same export and warnings, or the same
    problems in the same order."""
    outcomes = []
    for worker_at in (parallel.THRESHOLDS["import"], 0):
        with pytest.MonkeyPatch.context() as patch:
            patch.setitem(parallel.THRESHOLDS, "import", worker_at)
            try:
                outcomes.append(("imported", import_lists(clients, contacts, relations, columns), None))
            except InputError as error:
                outcomes.append(("refused", [str(p) for p in error.problems], error))
    (how, found, error), again = outcomes
    assert again[:2] == (how, found), "a worker reading the contacts changes the import"
    if error is not None:
        raise error
    return found


def imported(folder, clients, contacts=None, relations=None, fmt="xlsx", columns=None, **csv) -> Imported:
    paths = lists(folder, clients, contacts, relations, fmt, **csv)
    return import_every_way(paths["clients"], paths["contacts"], paths["relations"], columns)


def problems(folder, clients, contacts=None, relations=None, fmt="xlsx", columns=None, **csv) -> list[str]:
    with pytest.raises(InputError) as caught:
        imported(folder, clients, contacts, relations, fmt, columns, **csv)
    return [str(p) for p in caught.value.problems]


def one_problem(*args, **kwargs) -> str:
    found = problems(*args, **kwargs)
    assert len(found) == 1, found
    return found[0]


def import_written(paths: dict, columns=None) -> Imported:
    return import_every_way(paths["clients"], paths["contacts"], paths["relations"], columns)


# -- round trips: export -> lists -> import -> the same export ------------------------


SHIPPED = sorted(EXPORTS.glob("*.yaml"))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("export_path", SHIPPED, ids=lambda p: p.stem)
def test_the_shipped_exports_come_back_from_their_lists(export_path, fmt, tmp_path):
    export = load_export(str(export_path))
    # One list per kind as xlsx; one combined list in Windows-1252 as csv.
    paths = gen_lists.write(export, str(tmp_path / "lists"), fmt, combined=fmt == "csv", encoding="cp1252")
    result = import_written(paths)
    # Excel stores an id of digits as a number (the generator does too): the
    # import says so for each such cell, and still reads the id back exactly.
    assert all("cannot be recovered from a number" in str(w) for w in result.warnings), result.warnings
    assert records(load_text(result.text, tmp_path)) == records(export)


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> tuple[pathlib.Path, Export]:
    folder = tmp_path_factory.mktemp("office")
    (folder / "office.yaml").write_text(gen_export.export_text(gen_export.generate(3_000)), encoding="utf-8")
    return folder, load_export(str(folder / "office.yaml"))


@pytest.fixture(scope="module")
def office_lists(office) -> dict[str, list[str]]:
    """The office as .xlsx lists, one per kind, written once (Excel files of
    3,000 contacts take a while to write): read by several tests, written
    to by none."""
    folder, export = office
    return gen_lists.write(export, str(folder / "lists"))


@pytest.mark.parametrize("fmt, delimiter", [("xlsx", ";"), ("csv", ",")])
def test_a_generated_office_comes_back_from_its_lists(office, office_lists, fmt, delimiter, tmp_path):
    folder, export = office
    if fmt == "xlsx":
        paths = office_lists
    else:
        paths = gen_lists.write(export, str(tmp_path / "lists"), fmt, delimiter=delimiter)
    result = import_written(paths)
    assert (result.clients, result.contacts) == (len(export.clients), len(export.contacts))
    assert result.relations == len(export.relations) > 0
    assert records(load_text(result.text, tmp_path)) == records(export)


def test_numeric_klantnummers_come_back_as_their_digits_with_a_warning(tmp_path):
    source = tmp_path / "numbers.yaml"
    source.write_text(
        "clients:\n"
        '  - {id: "10001", name: Alfa, type: company, client_online: Ja}\n'
        '  - {id: "10002", name: Piet, type: person, client_online: Ja}\n'
        '  - {id: "0012", name: Nul, type: person, client_online: Nee}\n'
        "contacts:\n"
        '  - {id: "20001", client: "10001", name: Piet, main: "10002", client_online: Ja}\n'
        "relations:\n"
        '  - {type: wwft, client: "10001", person: "10002", role: ubo}\n',
        encoding="utf-8",
    )
    export = load_export(str(source))
    paths = gen_lists.write(export, "lists", "xlsx", combined=True)
    result = import_written(paths)
    assert records(load_text(result.text, tmp_path)) == records(export)
    # "0012" has a leading zero: written as text, so no warning for it.
    assert [str(w.mark) for w in result.warnings] == [
        "lists/klanten.xlsx:Blad1!A2",
        "lists/klanten.xlsx:Blad1!A3",
        "lists/contactpersonen.xlsx:Blad1!A2",
        "lists/contactpersonen.xlsx:Blad1!B2",
        "lists/contactpersonen.xlsx:Blad1!I2",
        "lists/relaties.xlsx:Blad1!B2",
        "lists/relaties.xlsx:Blad1!D2",
    ]


def test_the_situation_4_lists_import_to_its_export(tmp_path):
    result = import_lists(
        [str(EXPORTS / "situation-4-klanten.xlsx")], [str(EXPORTS / "situation-4-contactpersonen.xlsx")]
    )
    assert result.warnings == []
    assert records(load_text(result.text, tmp_path)) == records(
        load_export(str(EXPORTS / "situation-4.yaml"))
    )


def test_the_situation_4_lists_are_what_the_generator_makes(tmp_path):
    gen_lists.write(
        load_export(str(EXPORTS / "situation-4.yaml")), str(tmp_path), combined=True, prefix="situation-4-"
    )
    for name in ("situation-4-klanten.xlsx", "situation-4-contactpersonen.xlsx"):
        assert (tmp_path / name).read_bytes() == (EXPORTS / name).read_bytes(), name


def test_the_generator_writes_the_same_bytes_every_time(office, office_lists, tmp_path):
    _, export = office
    first = office_lists
    second = gen_lists.write(export, str(tmp_path / "second"))
    for a, b in zip(sum(first.values(), []), sum(second.values(), [])):
        assert pathlib.Path(a).read_bytes() == pathlib.Path(b).read_bytes()


def test_the_generator_writes_extra_columns_the_importer_ignores(office):
    _, export = office
    headers = gen_lists.tables(export)["clients"][0].headers
    assert {"Zoeknaam", "Plaats", "KvK-nummer", "Aangemaakt op"} <= set(headers)


# -- determinism ------------------------------------------------------------------


def test_the_same_lists_give_the_same_bytes(office_lists, tmp_path):
    shutil.copytree(pathlib.Path(office_lists["clients"][0]).parent, tmp_path / "here")
    paths = {k: [str(tmp_path / "here" / pathlib.Path(p).name) for p in v] for k, v in office_lists.items()}
    moved = tmp_path / "elsewhere"
    shutil.copytree(tmp_path / "here", moved)
    again = {k: [str(moved / pathlib.Path(p).name) for p in v] for k, v in paths.items()}
    text = import_written(paths).text
    assert import_written(paths).text == text
    assert import_written(again).text == text  # the header names the lists, not their folder


def test_the_export_starts_with_its_sources_and_format(tmp_path):
    text = imported(tmp_path, [CLIENT_HEADERS, A]).text
    lines = text.splitlines()
    assert lines[0].startswith("# ")
    assert "clients.xlsx (Blad1)" in text.split("format:")[0]
    assert "format: auditcase-export/1" in lines
    assert '  - id: "A"' in lines  # ids always double-quoted


# -- values as AuditCase shows them -------------------------------------------------


def test_every_spelling_of_type_flag_and_status(tmp_path):
    clients = [CLIENT_HEADERS + ["Koppelen met Twinfield"]]
    spellings = [
        ("Klant-Bedrijf", "Ja", "Klant", ""),
        ("klant-bedrijf", "nee", "Actief", "Ja"),
        ("KLANT-PERSOON", "JA", "", "Nee"),
        ("company", "true", "Geen klant meer", "true"),
        ("person", "False", "geen KLANT meer", "no"),
        ("bedrijf", "yes", "Prospect", "YES"),
        ("Persoon", "No", " Geen  klant meer ", ""),
        ("Klant-Bedrijf", "WAAR", "Klant", "onwaar"),
        ("Klant-Bedrijf", True, "Klant", False),
        ("Klant-Bedrijf", False, "Klant", True),
    ]
    for n, (kind, flag, status, twinfield) in enumerate(spellings):
        clients.append([f"K{n}", f"Klant {n}", kind, flag, status, twinfield])
    export = load_text(imported(tmp_path, clients).text, tmp_path)
    got = [
        (c.type, c.client_online, c.ended, dict(c.integrations).get("twinfield"))
        for c in export.clients.values()
    ]
    assert got == [
        ("company", True, False, None),
        ("company", False, False, True),
        ("person", True, False, False),
        ("company", True, True, True),
        ("person", False, True, False),
        ("company", True, False, True),
        ("person", False, True, None),
        ("company", True, False, False),
        ("company", True, False, False),
        ("company", False, False, True),
    ]


def test_contact_statuses(tmp_path):
    contacts = [CONTACT_HEADERS]
    statuses = [
        "Actief",
        "",
        "Klant",
        "Inactief",
        "niet actief",
        "Vertrokken",
        "Uit dienst",
        "Beëindigd",
        "beeindigd",
        "Overleden",
        "Geen klant meer",
        "Ja",
        "Nee",
    ]
    for n, status in enumerate(statuses):
        contacts.append([f"C{n}", "A", f"Contact {n}", "", "Ja", status])
    export = load_text(imported(tmp_path, [CLIENT_HEADERS, A], contacts).text, tmp_path)
    assert [c.ended for c in export.contacts.values()] == [
        False,
        False,
        False,
        True,
        True,
        True,
        True,
        True,
        True,
        True,
        True,
        True,
        False,
    ]


def test_an_unknown_contact_status_lists_the_accepted_ones(tmp_path):
    message = one_problem(
        tmp_path, [CLIENT_HEADERS, A], [CONTACT_HEADERS, ["C1", "A", "Rob", "", "Ja", "Weg"]]
    )
    assert message.startswith("contacts.xlsx:Blad1!F2: Status is “Weg”; expected a contact status: ")
    assert "Actief" in message and "Inactief" in message


def test_dates(tmp_path):
    headers = CLIENT_HEADERS + ["Geboortedatum"]
    written = [
        datetime.date(1961, 4, 2),
        datetime.datetime(1961, 4, 2),
        "1961-04-02",
        "02-04-1961",
        "2-4-1961",
        " 1961-4-2 ",
        "",
    ]
    rows = [headers] + [[f"P{n}", "Piet", "Klant-Persoon", "Ja", "", d] for n, d in enumerate(written)]
    export = load_text(imported(tmp_path, rows).text, tmp_path)
    assert [c.birth_date for c in export.clients.values()] == ["1961-04-02"] * 6 + [None]


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("31-02-1961", "Geboortedatum is “31-02-1961”, which is not a real date; expected a date"),
        (
            "1961/04/02",
            "Geboortedatum is “1961/04/02”; expected a date: an Excel date, or text YYYY-MM-DD or DD-MM-YYYY",
        ),
        (22373, "Geboortedatum is the number 22,373; expected a date"),
        (
            datetime.datetime(1961, 4, 2, 13, 30),
            "Geboortedatum is the date 2 April 1961 at 13:30; expected a date without a time",
        ),
    ],
)
def test_a_cell_that_is_no_date(tmp_path, cell, expected):
    rows = [CLIENT_HEADERS + ["Geboortedatum"], ["P", "Piet", "Klant-Persoon", "Ja", "", cell]]
    message = one_problem(tmp_path, rows)
    assert message.startswith("clients.xlsx:Blad1!F2: " + expected)


@pytest.mark.parametrize(
    "column, cell, expected",
    [
        (2, "Klant", "Registratietype is “Klant”; expected Klant-Bedrijf or Klant-Persoon"),
        (3, "Jaa", "Koppelen met Cliënt Online is “Jaa”; expected Ja or Nee"),
        (3, 1, "Koppelen met Cliënt Online is the number 1; expected Ja or Nee"),
        (3, "", "Koppelen met Cliënt Online is empty; every klant needs one (Ja or Nee"),
        (4, "Geen klant mer", "Klantstatus is “Geen klant mer”; did you mean “Geen klant meer”?"),
    ],
)
def test_a_value_that_means_nothing_is_an_error_at_its_cell(tmp_path, column, cell, expected):
    row = list(A)
    row[column] = cell
    message = one_problem(tmp_path, [CLIENT_HEADERS, row])
    assert message.startswith(f"clients.xlsx:Blad1!{'ABCDE'[column]}2: {expected}")


def test_an_empty_optional_cell_is_an_absent_field(tmp_path):
    headers = CLIENT_HEADERS + ["E-mail", "Geboortedatum"]
    text = imported(
        tmp_path, [headers, A + ["", None]], [CONTACT_HEADERS, ["C1", "A", "", "", "Nee", ""]]
    ).text
    assert "email" not in text and "birth_date" not in text and "main" not in text and "ended" not in text
    export = load_text(text, tmp_path)
    assert export.contacts["C1"].name == "C1"  # the loader names a record without a name by its id


def test_surrounding_spaces_are_not_part_of_a_value(tmp_path):
    rows = [
        CLIENT_HEADERS + ["E-mail"],
        [" A ", " Alfa Bouw ", " Klant-Bedrijf", "Ja ", "", " info@alfa.nl "],
    ]
    export = load_text(
        imported(tmp_path, rows, [CONTACT_HEADERS, ["C1", "A ", "Rob", "", "Ja", ""]]).text, tmp_path
    )
    assert export.clients["A"].name == "Alfa Bouw" and export.clients["A"].email == "info@alfa.nl"
    assert export.contacts["C1"].client == "A"


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path):
    rows = [CLIENT_HEADERS, A, [None] * 5, ["B", "Bravo", "Klant-Bedrijf", "Jaa", ""]]
    assert one_problem(tmp_path, rows).startswith("clients.xlsx:Blad1!D4: ")


def test_cells_are_named_where_a_list_starts_below_and_right_of_a1(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Klanten"
    for r, row in enumerate([CLIENT_HEADERS, A, ["B", "Bravo", "Klant-Bedrijf", "Jaa", ""]], start=3):
        for c, value in enumerate(row, start=3):
            sheet.cell(row=r, column=c, value=value)
    workbook.save("klanten.xlsx")
    with pytest.raises(InputError) as caught:
        import_lists(["klanten.xlsx"], [])
    assert [str(p) for p in caught.value.problems] == [
        "klanten.xlsx:Klanten!F5: Koppelen met Cliënt Online is “Jaa”; expected Ja or Nee "
        "(also true/false, yes/no, WAAR/ONWAAR, or an Excel truth value)"
    ]


# -- ids ----------------------------------------------------------------------------


def test_a_whole_number_id_becomes_its_digits_with_a_warning_naming_the_cell(tmp_path):
    clients = [
        CLIENT_HEADERS,
        [10001, "Alfa", "Klant-Bedrijf", "Ja", ""],
        [10002.0, "Piet", "Klant-Persoon", "Ja", ""],
    ]
    contacts = [CONTACT_HEADERS, [20001, 10001, "Piet", 10002, "Ja", ""]]
    result = imported(tmp_path, clients, contacts)
    export = load_text(result.text, tmp_path)
    assert list(export.clients) == ["10001", "10002"]
    assert export.contacts["20001"].client == "10001" and export.contacts["20001"].main == "10002"
    shown = [str(w) for w in result.warnings]
    assert shown[0] == (
        "clients.xlsx:Blad1!A2: Klantnummer 10001 is stored as a number; read as the text “10001”. "
        "Leading zeros, if the id had any, cannot be recovered from a number: check it, or format "
        "the column as text"
    )
    assert [str(w.mark) for w in result.warnings] == [
        "clients.xlsx:Blad1!A2",
        "clients.xlsx:Blad1!A3",
        "contacts.xlsx:Blad1!A2",
        "contacts.xlsx:Blad1!B2",
        "contacts.xlsx:Blad1!D2",
    ]


@pytest.mark.parametrize("cell", [10001.5, -3, True, datetime.date(2020, 1, 1)])
def test_any_other_value_in_an_id_column_is_an_error_naming_the_cell(tmp_path, cell):
    message = one_problem(tmp_path, [CLIENT_HEADERS, A], [CONTACT_HEADERS, ["C1", cell, "Rob", "", "Ja", ""]])
    assert message.startswith("contacts.xlsx:Blad1!B2: Klantnummer is ")
    assert message.endswith("; expected an id: text, or a whole number")


def test_a_column_of_numeric_ids_warns_cell_by_cell_then_counts_the_rest(tmp_path):
    rows = [CLIENT_HEADERS] + [[10000 + n, f"Klant {n}", "Klant-Bedrijf", "Ja", ""] for n in range(25)]
    warnings = imported(tmp_path, rows).warnings
    assert len(warnings) == PER_COLUMN + 1
    assert str(warnings[-1]) == (
        f"clients.xlsx:Blad1!A{PER_COLUMN + 2}: and {25 - PER_COLUMN} more cells in column A from "
        "here on with the same problem (id stored as a number)"
    )


def test_the_rest_of_a_column_is_counted_alike_in_every_list(tmp_path):
    # Numeric ids in the klanten and in the contacts, both past the cells
    # reported one by one: each list's column is counted on its own (and the
    # same when a worker process reads the contacts, see import_every_way).
    clients = [CLIENT_HEADERS] + [[10000 + n, f"Klant {n}", "Klant-Bedrijf", "Ja", ""] for n in range(15)]
    contacts = [CONTACT_HEADERS] + [[20000 + n, "10000", f"Contact {n}", "", "Ja", ""] for n in range(25)]
    warnings = [str(w) for w in imported(tmp_path, clients, contacts).warnings]
    assert len(warnings) == 2 * PER_COLUMN + 2
    assert warnings[-2:] == [
        f"{name}.xlsx:Blad1!A{PER_COLUMN + 2}: and {rows - PER_COLUMN} more cells in column A from "
        "here on with the same problem (id stored as a number)"
        for name, rows in (("clients", 15), ("contacts", 25))
    ]


def test_an_empty_id_is_an_error(tmp_path):
    message = one_problem(tmp_path, [CLIENT_HEADERS, ["", "Alfa", "Klant-Bedrijf", "Ja", ""]])
    assert message == "clients.xlsx:Blad1!A2: Klantnummer is empty; every klant needs one"


def test_a_duplicate_id_is_reported_at_its_second_cell_naming_the_first(tmp_path):
    clients = [CLIENT_HEADERS, A, P]
    contacts = [
        CONTACT_HEADERS,
        ["C1", "A", "Rob", "", "Ja", ""],
        ["C1", "A", "Rob", "", "Ja", ""],
        ["P", "A", "Piet", "", "Ja", ""],
    ]
    assert problems(tmp_path, clients, contacts) == [
        "contacts.xlsx:Blad1!A3: Relatienummer “C1” is used twice: it is already the id of the contact at "
        "contacts.xlsx:Blad1!A2; an export needs every id once, across klanten and contactpersonen",
        "contacts.xlsx:Blad1!A4: Relatienummer “P” is used twice: it is already the id of the klant at "
        "clients.xlsx:Blad1!A3; an export needs every id once, across klanten and contactpersonen",
    ]


def test_a_duplicate_across_two_client_lists(tmp_path):
    write_xlsx("bedrijf.xlsx", [CLIENT_HEADERS, A])
    write_xlsx("persoon.xlsx", [CLIENT_HEADERS, P, ["A", "Anna", "Klant-Persoon", "Ja", ""]])
    with pytest.raises(InputError) as caught:
        import_lists(["bedrijf.xlsx", "persoon.xlsx"], [])
    assert [str(p.mark) for p in caught.value.problems] == ["persoon.xlsx:Blad1!A3"]
    assert "bedrijf.xlsx:Blad1!A2" in caught.value.problems[0].message


def test_a_contact_whose_klant_is_in_no_klanten_list(tmp_path):
    contacts = [CONTACT_HEADERS, ["C1", "B", "Rob", "", "Ja", ""], ["C2", "C1", "Rob", "", "Ja", ""]]
    assert problems(tmp_path, [CLIENT_HEADERS, A], contacts) == [
        "contacts.xlsx:Blad1!B2: Klantnummer “B” is in none of the klanten lists (clients.xlsx (Blad1)); "
        "expected the klantnummer of a Klant-Bedrijf or Klant-Persoon",
        "contacts.xlsx:Blad1!B3: Klantnummer “C1” is a contactpersoon (at contacts.xlsx:Blad1!A2), not a "
        "klant; expected the klantnummer of a Klant-Bedrijf or Klant-Persoon",
    ]


def test_a_main_person_that_is_a_company_or_nobody(tmp_path):
    contacts = [
        CONTACT_HEADERS,
        ["C1", "A", "Rob", "A", "Ja", ""],
        ["C2", "A", "Rob", "X9", "Ja", ""],
        ["C3", "A", "Piet", "P", "Ja", ""],
        ["C4", "A", "Rob", "C1", "Ja", ""],
    ]
    assert problems(tmp_path, [CLIENT_HEADERS, A, P], contacts) == [
        "contacts.xlsx:Blad1!D2: Hoofd(contact)persoon “A” is a Klant-Bedrijf (at clients.xlsx:Blad1!A2); "
        "a hoofd(contact)persoon is a Klant-Persoon or a contactpersoon",
        "contacts.xlsx:Blad1!D3: Hoofd(contact)persoon “X9” is in none of the lists; expected the "
        "klantnummer of a Klant-Persoon or the relatienummer of a contactpersoon",
    ]


def test_a_control_character_or_line_break_in_a_cell_is_refused(tmp_path):
    clients = [
        CLIENT_HEADERS,
        ["A", "Alfa\x01Bouw", "Klant-Bedrijf", "Ja", ""],
        ["B", "Bravo\nTransport", "Klant-Bedrijf", "Ja", ""],
    ]
    assert problems(tmp_path, clients, fmt="csv") == [
        "clients.csv!B2: Naam holds the control character U+0001, which an export cannot hold; remove it",
        "clients.csv!B3: Naam holds a line break; write the value on one line",
    ]


# -- relations ----------------------------------------------------------------------


RELATION_HEADERS = ["Relatiesoort", "Klantnummer", "Relatienummer", "Rol"]


def test_relations_by_the_default_layout(tmp_path):
    clients = [
        CLIENT_HEADERS,
        A,
        P,
        ["H", "Holding", "Klant-Bedrijf", "Nee", ""],
        ["W", "Wilma", "Klant-Persoon", "Ja", ""],
    ]
    relations = [
        RELATION_HEADERS,
        ["Groep", "H", "A", ""],
        ["Wwft", "A", "P", "UBO"],
        ["wwft", "A", "W", ""],
        ["Levenspartner", "P", "W", ""],
        ["Concern", "H", "A", None],
        ["Wwft", "A", "W", "Vertegenwoordiger"],
    ]
    export = load_text(imported(tmp_path, clients, None, relations).text, tmp_path)
    assert [(r.type, r.ids(), r.role) for r in export.relations] == [
        ("group", ("H", "A"), None),
        ("wwft", ("A", "P"), "ubo"),
        ("wwft", ("A", "W"), None),
        ("partner", ("P", "W"), None),
        ("group", ("H", "A"), None),
        ("wwft", ("A", "W"), "representative"),
    ]


def test_relation_mistakes(tmp_path):
    relations = [
        RELATION_HEADERS,
        ["Groep", "A", "P", "UBO"],
        ["Vriendschap", "A", "P", ""],
        ["Wwft", "A", "Z", ""],
    ]
    assert problems(tmp_path, [CLIENT_HEADERS, A, P], None, relations) == [
        "relations.xlsx:Blad1!D2: Rol is set on a group relation; only a Wwft relation has a role "
        "(UBO, Pseudo-UBO, Vertegenwoordiger): leave it empty",
        "relations.xlsx:Blad1!A3: Relatiesoort is “Vriendschap”; expected Groep (also Groepsstructuur, "
        "Concern, group), Wwft (also Wwft-structuur) or Partner (also Levenspartner, Partnerrelatie)",
        "relations.xlsx:Blad1!C4: Relatienummer “Z” is in none of the klanten and contactpersonen lists; "
        "a relation links records of the export",
    ]


# -- headers --------------------------------------------------------------------------


def test_headers_match_whatever_their_case_accents_and_spaces(tmp_path):
    headers = ["  KLANTNUMMER", "naam ", "Registratie type", "koppelen met CLIENT online", "Klantstatus"]
    headers[2] = "REGISTRATIETYPE"
    export = load_text(imported(tmp_path, [headers, A]).text, tmp_path)
    assert list(export.clients) == ["A"]


def test_extra_columns_are_ignored(tmp_path):
    headers = ["Zoeknaam"] + CLIENT_HEADERS + ["KvK-nummer", "Aangemaakt op"]
    row = ["ALFA"] + A + [12345678, datetime.date(2001, 1, 1)]
    assert list(load_text(imported(tmp_path, [headers, row]).text, tmp_path).clients) == ["A"]


def test_a_missing_column_lists_the_headers_found_and_suggests_the_nearest(tmp_path):
    headers = ["Klantnr", "Naam", "Registratietype", "Koppelen met Cliënt Online", "Klantstatus"]
    assert one_problem(tmp_path, [headers, A]) == (
        "clients.xlsx:Blad1!A1: no column “Klantnummer” (the id of each klant) in the header row; "
        "found: “Klantnr”, “Naam”, “Registratietype”, “Koppelen met Cliënt Online”, “Klantstatus”; "
        "did you mean “Klantnr”?"
    )


def test_a_missing_optional_column_with_a_near_header_is_a_warning(tmp_path):
    warnings = imported(tmp_path, [CLIENT_HEADERS + ["Email"], A + ["info@alfa.nl"]]).warnings
    assert [str(w) for w in warnings] == [
        "clients.xlsx:Blad1!A1: no column “E-mail” (email), so no email is read from this list; "
        "did you mean “Email”?"
    ]


def test_a_list_without_a_header_row_says_so(tmp_path):
    assert one_problem(tmp_path, [[10001, "Alfa", "Klant-Bedrijf", "Ja", "Klant"]]) == (
        "clients.xlsx:Blad1!A1: row 1 has none of the headers of a list of klanten (Klantnummer, Naam, "
        "Registratietype, Koppelen met Cliënt Online); found: “10001”, “Alfa”, “Klant-Bedrijf”, “Ja”, "
        "“Klant” (it holds numbers or dates: it looks like data; the list needs a header row)"
    )


def test_two_columns_with_one_header(tmp_path):
    message = one_problem(tmp_path, [CLIENT_HEADERS + ["naam"], A + ["x"]])
    assert message.startswith("clients.xlsx:Blad1!F1: a second column headed “Naam”; the first is B1")


def test_a_missing_status_or_main_column_is_a_warning(tmp_path):
    result = imported(
        tmp_path,
        [CLIENT_HEADERS[:4], A[:4]],
        [CONTACT_HEADERS[:3] + ["Koppelen met Cliënt Online"], ["C1", "A", "Rob", "Ja"]],
    )
    assert [str(w) for w in result.warnings] == [
        "clients.xlsx:Blad1!A1: no column “Klantstatus” (ended): every klant in this list is read as not ended",
        "contacts.xlsx:Blad1!A1: no column “Hoofd(contact)persoon” (main): no contact in this list is read "
        "as linked to a hoofd(contact)persoon",
        "contacts.xlsx:Blad1!A1: no column “Status” (ended): every contact in this list is read as not ended",
    ]


# -- COLUMNS.yaml ----------------------------------------------------------------------


def test_columns_yaml_names_other_headers(tmp_path):
    columns = tmp_path / "COLUMNS.yaml"
    columns.write_text(
        "clients: {id: Nummer, type: Soort, ended: ~}\ncontacts: {main: null, ended: null}\n",
        encoding="utf-8",
    )
    clients = [["Nummer", "Naam", "Soort", "Koppelen met Cliënt Online"], ["A", "Alfa", "bedrijf", "Ja"]]
    result = imported(
        tmp_path,
        clients,
        [CONTACT_HEADERS[:3] + ["Koppelen met Cliënt Online"], ["C1", "A", "Rob", "Ja"]],
        columns=str(columns),
    )
    assert result.warnings == []  # null: the lists have no such column, on purpose
    assert "headers: " + str(columns) in result.text
    assert list(load_text(result.text, tmp_path).clients) == ["A"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "clients:\n  naam: Naam\n",
            "COLUMNS.yaml:2:3: unknown field “naam” under clients; did you mean “name”? expected one of: id, name,",
        ),
        (
            "klanten: {id: Nummer}\n",
            "COLUMNS.yaml:1:1: unknown list “klanten”; expected one of: clients, contacts, relations",
        ),
        (
            "contacts:\n  id: ~\n",
            "COLUMNS.yaml:2:7: contacts.id has no header; every list of contactpersonen needs a column for id, so "
            "give its header (the default is “Relatienummer”)",
        ),
        ("clients:\n  id: [a, b]\n", "COLUMNS.yaml:2:7: clients.id must be the header of a column (text)"),
        ("clients: {id: Nummer\n", "COLUMNS.yaml:2:1: "),
        (
            "relations: {relatie: X}\n",
            "COLUMNS.yaml:1:13: unknown field “relatie” under relations; did you mean “related”?",
        ),
    ],
)
def test_columns_yaml_mistakes_name_their_line_and_column(tmp_path, text, expected):
    columns = tmp_path / "COLUMNS.yaml"
    columns.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        imported(tmp_path, [CLIENT_HEADERS, A], columns=str(columns))
    assert str(caught.value.problems[0]).startswith(
        str(tmp_path / expected.split(":", 1)[0]) + ":" + expected.split(":", 1)[1]
    )


# -- files --------------------------------------------------------------------------------


def _only_problem(path: pathlib.Path) -> str:
    with pytest.raises(InputError) as caught:
        import_lists([str(path)], [])
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.mark == CellPlace(str(path))
    return str(problem)


def test_a_truncated_workbook(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", [CLIENT_HEADERS, A]).read_bytes()
    (tmp_path / "klanten.xlsx").write_bytes(whole[: len(whole) // 2])
    assert _only_problem(tmp_path / "klanten.xlsx").startswith(
        f"{tmp_path / 'klanten.xlsx'}: not readable as an Excel workbook (.xlsx): the file is damaged"
    )


def test_binary_garbage_named_csv(tmp_path):
    (tmp_path / "klanten.csv").write_bytes(bytes(range(256)) * 8)
    assert _only_problem(tmp_path / "klanten.csv") == (
        f"{tmp_path / 'klanten.csv'}: not readable as a CSV list: it holds binary data, not text"
    )


def test_a_workbook_named_csv_and_csv_named_xlsx(tmp_path):
    write_xlsx(tmp_path / "klanten.csv", [CLIENT_HEADERS, A])
    assert _only_problem(tmp_path / "klanten.csv").endswith(
        "it is an Excel workbook (a zip archive); name it .xlsx"
    )
    write_csv(tmp_path / "klanten.xlsx", [CLIENT_HEADERS, A])
    assert _only_problem(tmp_path / "klanten.xlsx").endswith("it looks like CSV text; name it .csv")


@pytest.mark.parametrize("name", ["klanten.xlsx", "klanten.csv"])
def test_an_empty_file(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    assert _only_problem(tmp_path / name).endswith(
        ": the file is empty; expected "
        + (
            "an Excel workbook with a header row"
            if name.endswith("xlsx")
            else "a CSV text file with a header row"
        )
    )


def test_an_empty_sheet_and_a_csv_of_blank_lines(tmp_path):
    write_xlsx(tmp_path / "klanten.xlsx", [])
    assert problems_of([tmp_path / "klanten.xlsx"]) == [
        f"{tmp_path / 'klanten.xlsx'}:Blad1: the list of klanten is empty; expected a header row "
        "(Klantnummer, Naam, Registratietype, Koppelen met Cliënt Online) and a row per klant"
    ]
    (tmp_path / "klanten.csv").write_bytes(b"\r\n;;;\r\n\r\n")
    assert _only_problem(tmp_path / "klanten.csv").endswith(
        "it has no header row; expected a first row naming the columns"
    )


def problems_of(clients) -> list[str]:
    with pytest.raises(InputError) as caught:
        import_lists([str(p) for p in clients], [])
    return [str(p) for p in caught.value.problems]


def test_a_missing_file_and_an_unknown_extension(tmp_path):
    # read as every input is: a regular file within the size limit
    with pytest.raises(InputError) as caught:
        import_lists([str(tmp_path / "weg.xlsx")], [])
    assert [str(p) for p in caught.value.problems] == [f"plan-removal: {tmp_path / 'weg.xlsx'}: no such file"]
    (tmp_path / "map.csv").mkdir()
    with pytest.raises(InputError) as caught:
        import_lists([str(tmp_path / "map.csv")], [])
    assert str(caught.value.problems[0]).endswith("map.csv: is a folder; expected a CSV text file")
    (tmp_path / "klanten.ods").write_bytes(b"x")
    assert _only_problem(tmp_path / "klanten.ods").endswith(
        "cannot read a list from a .ods file; expected an Excel workbook (.xlsx) or a CSV file (.csv)"
    )


def test_problems_in_several_lists_are_reported_together(tmp_path):
    (tmp_path / "leeg.csv").write_bytes(b"")
    write_xlsx(tmp_path / "klanten.xlsx", [CLIENT_HEADERS, ["A", "Alfa", "Klant-Bedrijf", "Jaa", ""]])
    found = problems_of([tmp_path / "klanten.xlsx", tmp_path / "leeg.csv"])
    assert len(found) == 2


# -- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_csv_in_every_encoding_and_delimiter_excel_writes(tmp_path, delimiter, encoding):
    clients = [CLIENT_HEADERS, ["A", "Café Zoë, B.V.", "Klant-Bedrijf", "Ja", "Klant"], P]
    contacts = [CONTACT_HEADERS, ["C1", "A", 'Renée "Ria" Smit', "P", "Ja", "Actief"]]
    result = imported(tmp_path, clients, contacts, fmt="csv", delimiter=delimiter, encoding=encoding)
    export = load_text(result.text, tmp_path)
    assert export.clients["A"].name == "Café Zoë, B.V."
    assert export.contacts["C1"].name == 'Renée "Ria" Smit' and export.contacts["C1"].main == "P"


def test_a_csv_row_stopping_short_has_empty_cells(tmp_path):
    (tmp_path / "klanten.csv").write_text(
        ";".join(CLIENT_HEADERS + ["E-mail"]) + "\nA;Alfa;Klant-Bedrijf;Ja\n", encoding="utf-8"
    )
    export = load_text(import_lists([str(tmp_path / "klanten.csv")], []).text, tmp_path)
    assert export.clients["A"].email is None and export.clients["A"].ended is False


def test_a_csv_quote_left_open_names_its_line(tmp_path):
    (tmp_path / "klanten.csv").write_text(
        ";".join(CLIENT_HEADERS) + '\nA;"Alfa"x;Klant-Bedrijf;Ja;\n', encoding="utf-8"
    )
    assert _only_problem(tmp_path / "klanten.csv").startswith(
        f"{tmp_path / 'klanten.csv'}: not readable as a CSV list: line 2: "
    )


def test_text_that_is_neither_utf8_nor_windows_1252(tmp_path):
    (tmp_path / "klanten.csv").write_bytes(
        ";".join(CLIENT_HEADERS).encode("cp1252") + b"\r\nA;Alfa\x81;Klant-Bedrijf;Ja;\r\n"
    )
    assert _only_problem(tmp_path / "klanten.csv").endswith(
        "line 2: byte 0x81 is neither UTF-8 nor Windows-1252 text; save the list as “CSV UTF-8”"
    )


# -- writing the export ---------------------------------------------------------------------


HARD_NAMES = [
    'Piet "de Baas" de Vries',
    "C:\\klanten\\piet",
    "Alfa: Bouw",
    "Bravo # Transport",
    "#hashtag",
    "- dash",
    "  leading spaces",
    "trailing: ",
    "Zoë Çelik-Yılmaz",
    "tab\there",
    "null",
    "0012",
    "yes",
    "'t Hart",
    "emoji \U0001f600",
    "line\u2028separator",
    "nel\x85",
    "bom\ufeffinside",
    "@home",
    "{flow}",
    "[list]",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "|literal",
    ">folded",
    "",
]


def _read_back(scalar: str) -> str:
    doc = Document("t.yaml")
    read(f"value: {scalar}\n".encode("utf-8"), doc, "a value", [])
    return doc.root.index["value"]


@pytest.mark.parametrize("name", HARD_NAMES)
def test_quote_reads_back_as_the_same_text(name):
    assert _read_back(quote(name)) == name


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_quote_reads_back_any_text(text):
    assert _read_back(quote(text)) == text


@given(st.text(st.characters(blacklist_categories=("Cs",))))
@example("Blad1\u2028value: injected")
@example("x\u2029clients: []\r\n\x85")
def test_a_comment_holds_any_text_on_its_line(text):
    # The export's header names the lists; nothing in a name may start a line of YAML.
    doc = Document("t.yaml")
    read(f"# {comment(text)}\nvalue: x\n".encode("utf-8"), doc, "a value", [])
    assert doc.root.index == {"value": "x"}


def test_names_with_yaml_characters_survive_the_import(tmp_path):
    # (an invisible character is taken out of a name, with a warning: test_import_hostile.py)
    names = [n for n in HARD_NAMES if n.strip() == n and n and "\t" not in n and "\x85" not in n and "\ufeff" not in n]
    rows = [CLIENT_HEADERS] + [[f"K{n}", name, "Klant-Bedrijf", "Ja", ""] for n, name in enumerate(names)]
    for fmt in ("xlsx", "csv"):
        export = load_text(imported(tmp_path, rows, fmt=fmt).text, tmp_path)
        assert [c.name for c in export.clients.values()] == names


# -- the entry points -------------------------------------------------------------------------


def test_run_gives_the_text_and_the_warnings(tmp_path, capsys):
    paths = lists(tmp_path, [CLIENT_HEADERS, [1, "Alfa", "Klant-Bedrijf", "Ja", ""]])
    text, warnings = import_text(paths["clients"], [])
    assert text.startswith("# ") and [str(w.mark) for w in warnings] == ["clients.xlsx:Blad1!A2"]
    assert all(isinstance(w, Problem) for w in warnings)
    assert capsys.readouterr() == ("", "")  # prints nothing
    assert sorted(tmp_path.iterdir()) == [tmp_path / "clients.xlsx"]  # writes nothing


def test_a_cell_place_reads_as_excel_names_the_cell():
    assert str(CellPlace("klanten.xlsx", "Blad1", 12, 3)) == "klanten.xlsx:Blad1!C12"
    assert str(CellPlace("klanten.csv", None, 12, 28)) == "klanten.csv!AB12"
    assert str(CellPlace("klanten.xlsx", "Blad1")) == "klanten.xlsx:Blad1"
    assert str(Problem(CellPlace("k.csv", None, 2, 1), "what is wrong")) == "k.csv!A2: what is wrong"
    assert sorted([CellPlace("k.xlsx", "B", 10, 1), CellPlace("k.xlsx", "B", 9, 2), CellPlace("k.xlsx")]) == [
        CellPlace("k.xlsx"),
        CellPlace("k.xlsx", "B", 9, 2),
        CellPlace("k.xlsx", "B", 10, 1),
    ]


def test_plan_removal_import(tmp_path):
    paths = lists(tmp_path, [CLIENT_HEADERS, A], [CONTACT_HEADERS, ["C1", "B", "Rob", "", "Ja", ""]])
    command = ["import", "--clients", *paths["clients"], "--contacts", *paths["contacts"]]
    failed = run_cli(*command, "--lang", "en", cwd=os.getcwd())
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith(f"{paths['contacts'][0]}:Blad1!B2: Klantnummer “B” is in none")
    write_xlsx(paths["contacts"][0], [CONTACT_HEADERS, ["C1", "A", "Rob", "", "Ja", ""]])
    export = tmp_path / "export.yaml"
    done = run_cli(*command, "-o", export, "--lang", "en", cwd=os.getcwd())
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr == f"plan-removal: {export}: 1 klant, 1 contactpersoon and 0 relaties imported\n"
    assert list(load_export(str(export)).contacts) == ["C1"]
    # standard output when no -o; never over one of the lists
    assert run_cli(*command, cwd=os.getcwd()).stdout == export.read_text(encoding="utf-8")
    refused = run_cli(*command, "-o", paths["clients"][0], "--lang", "en", cwd=os.getcwd())
    assert refused.returncode == 2 and "would overwrite the input file" in refused.stderr
    assert run_cli("import", "--contacts", *paths["contacts"], cwd=os.getcwd()).returncode == 2  # --clients is required


def test_a_list_option_takes_several_files(tmp_path):
    # formats.md: --clients FILE… --contacts FILE…; both spellings give the same export
    first = write_xlsx(tmp_path / "bedrijven.xlsx", [CLIENT_HEADERS, A])
    second = write_xlsx(tmp_path / "personen.xlsx", [CLIENT_HEADERS, ["P", "Piet", "Klant-Persoon", "Ja", ""]])
    contacts = write_xlsx(tmp_path / "contacten.xlsx", [CONTACT_HEADERS, ["C1", "A", "Rob", "", "Ja", ""]])
    listed = run_cli("import", "--clients", first, second, "--contacts", contacts)
    repeated = run_cli("import", "--contacts", contacts, "--clients", first, "--clients", second)
    assert listed.returncode == repeated.returncode == 0, listed.stderr + repeated.stderr
    assert listed.stdout == repeated.stdout
    assert list(load_text(listed.stdout, tmp_path).clients) == ["A", "P"]


def test_the_import_speaks_dutch_unless_asked_for_english(tmp_path):
    # --lang as every other mode takes it: Dutch by default, English with --lang en
    write_xlsx("klanten.xlsx", [CLIENT_HEADERS, A, [10002, "Piet", "Klant-Persoon", "Jaa", ""]])
    write_csv("contacten.csv", [CONTACT_HEADERS, ["C1", "B", "Rob", "", "Ja", ""]])
    command = ["import", "--clients", "klanten.xlsx", "--contacts", "contacten.csv"]
    dutch = run_cli(*command, cwd=os.getcwd())
    assert dutch.returncode == 2
    assert dutch.stderr == (
        "contacten.csv!B2: Klantnummer „B” staat in geen van de lijsten met klanten (klanten.xlsx (Blad1)); "
        "verwacht: het klantnummer van een Klant-Bedrijf of Klant-Persoon\n"
        "klanten.xlsx:Blad1!D3: Koppelen met Cliënt Online is „Jaa”; verwacht: Ja of Nee (ook true/false, yes/no, "
        "WAAR/ONWAAR of een waarheidswaarde van Excel)\n"
    )
    english = run_cli(*command, "--lang", "en", cwd=os.getcwd())
    assert english.returncode == 2
    assert english.stderr == (
        "contacten.csv!B2: Klantnummer “B” is in none of the klanten lists (klanten.xlsx (Blad1)); "
        "expected the klantnummer of a Klant-Bedrijf or Klant-Persoon\n"
        "klanten.xlsx:Blad1!D3: Koppelen met Cliënt Online is “Jaa”; expected Ja or Nee (also true/false, yes/no, "
        "WAAR/ONWAAR, or an Excel truth value)\n"
    )
    # a warning and the summary, in Dutch: the id Excel stored as a number, the counts
    write_xlsx("klanten.xlsx", [CLIENT_HEADERS, A, [10002, "Piet", "Klant-Persoon", True, ""]])
    write_csv("contacten.csv", [CONTACT_HEADERS, ["C1", "A", "Rob", "", "Ja", ""]])
    done = run_cli(*command, "-o", "export.yaml", cwd=os.getcwd())
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "klanten.xlsx:Blad1!A3: waarschuwing: Klantnummer 10002 is als getal opgeslagen en wordt gelezen als de "
        "tekst „10002”. Nullen waarmee het id begon, zijn uit een getal niet terug te halen: controleer het id, "
        "of geef de kolom in Excel de opmaak Tekst\n"
        "plan-removal: export.yaml: 2 klanten, 1 contactpersoon en 0 relaties ingelezen\n"
    )


@pytest.mark.parametrize(
    "value, dutch, english",
    [
        ("Jan", "„Jan”", "“Jan”"),
        (True, "de waarheidswaarde WAAR", "the truth value TRUE"),
        (False, "de waarheidswaarde ONWAAR", "the truth value FALSE"),
        (12, "het getal 12", "the number 12"),
        (22373.0, "het getal 22.373", "the number 22,373"),
        (10001.5, "het getal 10.001,5", "the number 10,001.5"),
        (datetime.date(2026, 12, 6), "de datum 6 december 2026", "the date 6 December 2026"),
        (datetime.datetime(1961, 4, 2, 13, 30), "de datum 2 april 1961 om 13:30", "the date 2 April 1961 at 13:30"),
    ],
)
def test_a_cell_is_shown_in_the_language_of_the_message(value, dutch, english):
    from planner.importer.values import shown
    from planner.text.messages import speaking

    with speaking("nl"):
        assert shown(value) == dutch
    with speaking("en"):
        assert shown(value) == english
