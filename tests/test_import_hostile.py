"""Lists that must not crash the import, flood memory or change data silently.

Each hostile workbook is small, written here part by part with the standard
library's zipfile (the ones that unpack big are packed as they are
written), and imported through the installed command in a process that may
not use more than 2 GB (``RLIMIT_AS``): every one is refused with exit
status 2 naming the file (and the sheet or cell), never a signal or a
traceback. The rest hold the import to what Excel shows: the sheet it
opens on, the value a formula last had, the lines of a Mac's CSV file, an
id without characters nobody sees, and the date of the lists.
"""

from __future__ import annotations

import datetime
import io
import os
import pathlib
import resource
import signal
import subprocess
import zipfile

import pytest
from conftest import installed_command, run_cli, write_xlsx

from planner import parallel
from planner.importer import import_lists
from planner.importer.importing import READER_MEMORY
from planner.importer.sheets import scan
from planner.importer.sheets.package import Package
from planner.load.loading import load_export
from planner.text.errors import InputError

CLIENT_HEADERS = ["Klantnummer", "Naam", "Registratietype", "Koppelen met Cliënt Online", "Klantstatus"]
CONTACT_HEADERS = ["Relatienummer", "Klantnummer", "Naam", "Hoofd(contact)persoon", "Koppelen met Cliënt Online"]
A = ["A", "Alfa Bouw B.V.", "Klant-Bedrijf", "Ja", "Klant"]
P = ["P", "Piet de Vries", "Klant-Persoon", "Ja", "Klant"]

GIGABYTE = 2**30
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


# -- writing workbooks part by part ------------------------------------------------------


def cells(rows, first_row: int = 1, references: bool = True) -> str:
    """``rows`` as the <row> elements of a sheet, text cells written inline."""
    out = []
    for number, row in enumerate(rows, start=first_row):
        row_cells = []
        for col, value in enumerate(row, start=1):
            ref = f' r="{scan.ref_text(number, col)}"' if references else ""
            row_cells.append(f'<c{ref} t="inlineStr"><is><t>{value}</t></is></c>')
        out.append(f'<row{f" r={chr(34)}{number}{chr(34)}" if references else ""}>{"".join(row_cells)}</row>')
    return "".join(out)


def sheet_xml(body: str, dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dim}<sheetData>{body}</sheetData></worksheet>'.encode()


def workbook(
    path, sheets, active: int = 0, modified: str | None = "2024-03-01T09:30:00Z", shared: bytes | None = None
) -> pathlib.Path:
    """A workbook of ``sheets``: (name, sheet XML, state) each."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE_RELS}">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
        )
        if modified:
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:modified>'
                f"{modified}</dcterms:modified></cp:coreProperties>",
            )
        listed = "".join(
            f'<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>'
            for n, (name, _xml, state) in enumerate(sheets, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView activeTab="{active}"/>'
            f"</bookViews><sheets>{listed}</sheets></workbook>",
        )
        targets = "".join(
            f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(sheets) + 1)
        )
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PACKAGE_RELS}">{targets}</Relationships>')
        for n, (_name, xml, _state) in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", xml)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return pathlib.Path(path)


def klanten(path, body: str = "", **kwargs) -> pathlib.Path:
    """A valid list of klanten (A and P), and ``body`` after its rows."""
    return workbook(path, [("Blad1", sheet_xml(cells([CLIENT_HEADERS, A, P]) + body, kwargs.pop("dimension", None)), "visible")], **kwargs)


def refused_within_2_gb(*args: str) -> tuple[str, float]:
    """The installed command run on ``args`` in a process limited to 2 GB of
    address space: it must end with exit status 2 and no traceback; what it
    said, and its peak memory in MB."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * GIGABYTE, 2 * GIGABYTE))

    with open("out.txt", "w+b") as out, open("err.txt", "w+b") as err:
        process = subprocess.Popen([installed_command(), *args], stdout=out, stderr=err, preexec_fn=limit)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        said = err.read().decode("utf-8")
    peak = usage.ru_maxrss / 1024
    assert process.returncode == 2, (process.returncode, said)
    assert "Traceback" not in said and "panicked" not in said, said
    assert peak < 2048
    return said, peak


# -- too big: refused before the Excel reader reads a cell -------------------------------------


@pytest.mark.parametrize(
    "cell, rows, cols",
    [("XFD1048576", 1_048_576, 16_384), ("ZZ200000", 200_000, 702)],
)
def test_one_far_cell_is_refused_naming_the_file_sheet_and_cell(tmp_path, cell, rows, cols):
    # 1.8 KB: calamine would ask for 549 GB (XFD1048576) or 4.4 GB (ZZ200000)
    path = klanten("klanten.xlsx", f'<row r="{rows}"><c r="{cell}"><v>1</v></c></row>')
    assert path.stat().st_size < 2_000
    said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx")  # in Dutch, the default
    dotted = {"rows": f"{rows:,}", "cols": f"{cols:,}", "cells": f"{rows * cols:,}"}
    dotted = {key: value.replace(",", ".") for key, value in dotted.items()}
    assert said == (
        f"klanten.xlsx:Blad1: te groot om als lijst in te lezen: door cel {cell} beslaat het blad {dotted['rows']} "
        f"rijen van {dotted['cols']} kolommen ({dotted['cells']} cellen vanaf A1); een lijst beslaat vanaf A1 "
        "hoogstens 10.000.000 cellen (bijvoorbeeld 100.000 rijen van 100 kolommen)\n"
    )
    said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
    assert said == (
        f"klanten.xlsx:Blad1: too big to import as a list: cell {cell} takes the sheet to {rows:,} rows of "
        f"{cols:,} columns ({rows * cols:,} cells from A1); a list may span at most 10,000,000 cells from A1 "
        "(such as 100,000 rows of 100 columns)\n"
    )


def test_a_far_cell_written_otherwise_is_found_too(tmp_path):
    # cells without references, a namespace prefix, a second reference, a small letter
    for body in (
        '<row r="3"><c r="A3"><v>1</v></c>' + "<c><v>1</v></c>" * 16_384 + "</row>",
        f'<x:row xmlns:x="{MAIN}" r="9"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>',
        '<row r="9"><c r="A9" r="XFD1048576"><v>1</v></c></row>',
        '<row r="9"><c s="0" r ="XFD1048576"><v>1</v></c></row>',
        '<row r="9"><c r="xfd1048576"><v>1</v></c></row>',
    ):
        klanten("klanten.xlsx", body)
        said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
        assert said.startswith("klanten.xlsx:Blad1: too big to import as a list: ") or "damaged" in said, said


def test_a_declared_dimension_beyond_the_limit_is_refused(tmp_path):
    klanten("klanten.xlsx", dimension="A1:XFD1048576")
    said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
    assert said.startswith(
        "klanten.xlsx:Blad1: too big to import as a list: it declares its cells span A1:XFD1048576 (1,048,576 rows of "
    )


def _bomb(path, size: int, lie: bool = False) -> pathlib.Path:
    """A list whose shared strings are one string of ``size`` bytes, packed
    as they are written; ``lie``: the archive's directory says 1 KB."""
    klanten(path, '<row r="4"><c r="B4" t="s"><v>0</v></c></row>')
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode())
            block = b"a" * 2**20
            for _ in range(size // len(block)):
                part.write(block)
            part.write(b"</t></si></sst>")
    if lie:  # the size in the part's local header and in the directory
        data = bytearray(pathlib.Path(path).read_bytes())
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/sharedStrings.xml")
        data[info.header_offset + 22 : info.header_offset + 26] = (1024).to_bytes(4, "little")
        entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/sharedStrings.xml"))
        data[entry + 24 : entry + 28] = (1024).to_bytes(4, "little")
        assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/sharedStrings.xml").file_size == 1024
        pathlib.Path(path).write_bytes(bytes(data))
    return pathlib.Path(path)


@pytest.mark.parametrize("lie", [False, True], ids=["told", "hidden"])
def test_shared_strings_that_unpack_far_beyond_their_size_are_refused(tmp_path, lie):
    _bomb("klanten.xlsx", 20 * 2**20, lie)
    said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
    assert said.startswith("klanten.xlsx: too big to import as a list: its part xl/sharedStrings.xml unpacks to more than 100 times its packed size"), said


@pytest.mark.slow
def test_the_1_2_gb_string_of_a_1_2_mb_workbook_is_refused(tmp_path):
    path = _bomb("klanten.xlsx", 1200 * 2**20)
    assert path.stat().st_size < 2 * 2**20
    said, peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
    assert said.startswith("klanten.xlsx: too big to import as a list: its part xl/sharedStrings.xml unpacks to more than 256 MB")
    assert peak < 200


def test_a_declared_count_of_shared_strings_beyond_the_limit_is_refused(tmp_path):
    klanten("klanten.xlsx", shared=f'<sst xmlns="{MAIN}" uniqueCount="1000000000000"><si><t>x</t></si></sst>'.encode())
    said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
    assert said == (
        "klanten.xlsx: too big to import as a list: its part xl/sharedStrings.xml: it declares "
        "1,000,000,000,000 shared strings; a list's workbook holds at most 10,000,000\n"
    )


def test_a_workbook_of_too_many_parts_or_a_sheet_in_utf16_is_refused(tmp_path):
    path = klanten("klanten.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        for n in range(10_001 - len(archive.namelist())):
            archive.writestr(f"xl/media/x{n}.bin", b"")
    said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
    assert said == "klanten.xlsx: too big to import as a list: it holds 10,001 parts; a workbook read as a list holds at most 10,000\n"
    workbook("klanten.xlsx", [("Blad1", sheet_xml(cells([CLIENT_HEADERS, A])).decode().encode("utf-16"), "visible")])
    said, _peak = refused_within_2_gb("import", "--clients", "klanten.xlsx", "--lang", "en")
    assert said.endswith("its part xl/worksheets/sheet1.xml is UTF-16 text; Excel writes a workbook's parts in UTF-8\n")


def test_the_quick_way_and_the_exact_way_agree(tmp_path):
    """A list written as Excel writes it is scanned the quick way; written
    without references, the exact way; both find the same reach, and the
    two lists import alike."""
    rows = [CLIENT_HEADERS, A, P]
    for references in (True, False):
        xml = sheet_xml(cells(rows, references=references))
        quick = scan.QuickScan("xl/worksheets/sheet1.xml", len(xml), True)
        if references:
            quick.feed(xml)
            quick.finish()
        else:
            with pytest.raises(scan.NeedsExact):
                quick.feed(xml)
        exact = scan.ExactScan("xl/worksheets/sheet1.xml", len(xml), True)
        exact.feed(xml)
        exact.finish()
        assert (exact.rows, exact.cols, exact.cells) == (3, 5, 15)
        workbook(f"k{references}.xlsx", [("Blad1", xml, "visible")])
        Package(pathlib.Path(f"k{references}.xlsx").read_bytes()).scan(None)
    a, b = (import_lists([f"k{r}.xlsx"], []).text for r in (True, False))
    assert a.replace("kTrue", "kFalse") == b


# -- what Excel shows ------------------------------------------------------------------------------


def test_the_sheet_excel_shows_is_read_and_a_hidden_one_only_when_named(tmp_path):
    hidden = sheet_xml(cells([CLIENT_HEADERS, ["H", "Verborgen B.V.", "Klant-Bedrijf", "Ja", ""]]))
    shown = sheet_xml(cells([CLIENT_HEADERS, A]))
    workbook("klanten.xlsx", [("Oud", hidden, "hidden"), ("Klanten", shown, "visible")], active=0)
    done = run_cli("import", "--clients", "klanten.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert list(load_text(done.stdout).clients) == ["A"]
    assert done.stderr == (
        "klanten.xlsx:Klanten: waarschuwing: de werkmap heeft 2 bladen („Oud” (verborgen), „Klanten”); de lijst "
        "wordt gelezen uit „Klanten”, het blad dat Excel toont als het de werkmap opent (een verborgen blad wordt "
        "alleen gelezen als het met --sheet is genoemd); kies met --sheet een ander blad\n"
    )
    english = run_cli("import", "--clients", "klanten.xlsx", "--lang", "en", cwd=tmp_path)
    assert english.stderr == (
        "klanten.xlsx:Klanten: warning: the workbook has 2 sheets (“Oud” (hidden), “Klanten”); the list is read "
        "from “Klanten”, the one Excel shows when it opens the workbook (a hidden sheet is read only when named); "
        "name another with --sheet\n"
    )
    named = run_cli("import", "--clients", "klanten.xlsx", "--sheet", "Oud", cwd=tmp_path)
    assert named.returncode == 0 and list(load_text(named.stdout).clients) == ["H"], named.stderr
    missing = run_cli("import", "--clients", "klanten.xlsx", "--sheet", "Blad9", "--sheet", "Blad8", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == (
        "klanten.xlsx: de werkmap heeft geen blad „Blad9” of „Blad8”; de bladen zijn: „Oud” (verborgen), „Klanten”\n"
    )
    workbook("klanten.xlsx", [("Oud", hidden, "hidden"), ("Ook oud", shown, "veryHidden")])
    none = run_cli("import", "--clients", "klanten.xlsx", "--lang", "en", cwd=tmp_path)
    assert none.returncode == 2 and none.stderr == (
        "klanten.xlsx: the workbook shows no sheet (its sheets: “Oud” (hidden), “Ook oud” (hidden)); "
        "name the one to read with --sheet\n"
    )


def test_the_active_sheet_is_read(tmp_path):
    first = sheet_xml(cells([CLIENT_HEADERS, A]))
    second = sheet_xml(cells([CLIENT_HEADERS, P]))
    workbook("klanten.xlsx", [("Een", first, "visible"), ("Twee", second, "visible")], active=1)
    assert list(load_text(import_lists(["klanten.xlsx"], []).text).clients) == ["P"]


def test_a_formula_without_a_value_is_an_error_at_its_cell(tmp_path):
    # openpyxl writes a formula as Excel would before it calculates: no value
    write_xlsx("klanten.xlsx", [CLIENT_HEADERS, ["A", "Alfa", "Klant-Bedrijf", "Ja", '="Geen klant meer"']])
    failed = run_cli("import", "--clients", "klanten.xlsx", cwd=tmp_path)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert failed.stderr == (
        "klanten.xlsx:Blad1!E2: de cel bevat een formule zonder waarde die Excel heeft berekend; bij het inlezen "
        "worden geen formules berekend: open de lijst in Excel en sla hem opnieuw op, of kopieer de kolom en plak "
        "hem als waarden\n"
    )
    english = run_cli("import", "--clients", "klanten.xlsx", "--lang", "en", cwd=tmp_path)
    assert english.stderr == (
        "klanten.xlsx:Blad1!E2: the cell holds a formula without a value Excel calculated; the import does not "
        "calculate formulas: open the list in Excel and save it again, or copy the column and paste it as values\n"
    )


def test_a_formula_with_the_value_excel_calculated_is_read_as_that_value(tmp_path):
    body = cells([CLIENT_HEADERS]) + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>Alfa</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>Klant-Bedrijf</t></is></c><c r="D2" t="inlineStr"><is><t>Ja</t></is></c>'
        '<c r="E2" t="str"><f>"Geen klant meer"</f><v>Geen klant meer</v></c></row>'
    )
    workbook("klanten.xlsx", [("Blad1", sheet_xml(body), "visible")])
    assert load_text(import_lists(["klanten.xlsx"], []).text).clients["A"].ended is True


def test_a_csv_file_with_carriage_returns_alone_and_commas(tmp_path):
    # Excel for Mac's "CSV (Macintosh)"
    text = "\r".join(",".join(row) for row in [CLIENT_HEADERS, A, P]) + "\r"
    pathlib.Path("klanten.csv").write_bytes(text.encode("cp1252"))
    export = load_text(import_lists(["klanten.csv"], []).text)
    assert list(export.clients) == ["A", "P"] and export.clients["A"].name == "Alfa Bouw B.V."


def test_the_delimiter_is_found_on_the_first_lines(tmp_path):
    # a header that splits alike both ways: the rows below decide
    pathlib.Path("klanten.csv").write_text(
        "Klantnummer;Naam,Registratietype;Koppelen met Cliënt Online\nA;Alfa, Bouw;Klant-Bedrijf;Ja\n", encoding="utf-8"
    )
    from planner.importer.sheets.csv_file import sniff_delimiter

    assert sniff_delimiter(pathlib.Path("klanten.csv").read_text(encoding="utf-8")) == ";"
    assert sniff_delimiter("a,b;c\n1,2\n3,4\n") == ","  # a tie on the header: the rows agree on ','
    assert sniff_delimiter("a,b;c\r1;2\r3;4\r") == ";"


# -- characters nobody sees, line breaks, a list given twice -------------------------------------


def test_an_invisible_character_in_an_id_is_an_error_and_in_a_name_it_is_removed(tmp_path):
    # a byte order mark in mid-file (two CSV files put together), a zero-width space
    text = "\r\n".join(";".join(row) for row in [CLIENT_HEADERS, A, ["P\u200b", "Piet", "Klant-Persoon", "Ja", ""]])
    text += "\r\n\ufeffQ;Q\u200bzwart;Klant-Persoon;Ja;\r\n"
    pathlib.Path("klanten.csv").write_bytes(text.encode("utf-8"))
    failed = run_cli("import", "--clients", "klanten.csv", "--lang", "en", cwd=tmp_path)
    assert failed.returncode == 2
    assert failed.stderr == (
        "klanten.csv!A3: Klantnummer “P\\u200b” holds the invisible character U+200B (ZERO WIDTH SPACE): it shows as "
        "“P” but is another id; remove it\n"
        "klanten.csv!A4: Klantnummer “\\ufeffQ” holds the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE): it "
        "shows as “Q” but is another id; remove it\n"
    )
    dutch = run_cli("import", "--clients", "klanten.csv", cwd=tmp_path)
    assert dutch.stderr.splitlines()[1] == (
        "klanten.csv!A4: Klantnummer „\\ufeffQ” bevat het onzichtbare teken U+FEFF (bytevolgordemarkering (BOM)): "
        "het ziet eruit als „Q”, maar is een ander id; haal het teken weg"
    )
    text = text.replace("P\u200b", "P").replace("\ufeffQ", "Q")
    pathlib.Path("klanten.csv").write_bytes(text.encode("utf-8"))
    done = run_cli("import", "--clients", "klanten.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert load_text(done.stdout).clients["Q"].name == "Qzwart"
    assert done.stderr == (
        "klanten.csv!B4: waarschuwing: Naam „Q\\u200bzwart” bevatte het onzichtbare teken U+200B (spatie zonder "
        "breedte); dat is weggehaald\n"
    )


def test_an_id_with_a_line_break_is_one_error(tmp_path):
    write_xlsx("klanten.xlsx", [CLIENT_HEADERS, ["A\nB", "Alfa", "Klant-Bedrijf", "Ja", ""]])
    with pytest.raises(InputError) as caught:
        import_lists(["klanten.xlsx"], [])
    assert [str(p) for p in caught.value.problems] == [
        "klanten.xlsx:Blad1!A2: Klantnummer holds a line break; write the value on one line"
    ]


def test_a_file_given_twice_is_one_error(tmp_path):
    write_xlsx("klanten.xlsx", [CLIENT_HEADERS, A, P])
    os.link("klanten.xlsx", "ook.xlsx")
    failed = run_cli("import", "--clients", "klanten.xlsx", "--contacts", "ook.xlsx", "--lang", "en", cwd=tmp_path)
    assert failed.returncode == 2
    assert failed.stderr == (
        "ook.xlsx: the same file is given twice, as --clients klanten.xlsx and as --contacts ook.xlsx; "
        "give each list once\n"
    )
    again = run_cli("import", "--clients", "klanten.xlsx", "klanten.xlsx", cwd=tmp_path)
    assert again.stderr.count("twee keer opgegeven") == 1


# -- the date of the lists --------------------------------------------------------------------------


def test_the_export_carries_the_date_of_the_oldest_list_and_the_checklist_shows_it(tmp_path):
    workbook("klanten.xlsx", [("Blad1", sheet_xml(cells([CLIENT_HEADERS, A, P])), "visible")], modified="2024-03-01T23:30:00-02:00")
    contacts = pathlib.Path("contacten.csv")
    contacts.write_text(";".join(CONTACT_HEADERS) + "\nC1;A;Piet;P;Ja\n", encoding="utf-8")
    day = datetime.datetime(2024, 2, 14, 12, tzinfo=datetime.timezone.utc).timestamp()
    os.utime(contacts, (day, day))
    done = run_cli("import", "--clients", "klanten.xlsx", "--contacts", "contacten.csv", "-o", "office.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\nexported: 2024-02-14\n" in pathlib.Path("office.yaml").read_text(encoding="utf-8")
    assert load_export("office.yaml").exported == "2024-02-14"
    os.utime(contacts, (day + 30 * 86400, day + 30 * 86400))  # the workbook's own date (UTC) is older now
    run_cli("import", "--clients", "klanten.xlsx", "--contacts", "contacten.csv", "-o", "office.yaml", cwd=tmp_path)
    assert load_export("office.yaml").exported == "2024-03-02"
    for fmt, line in (("text", "Export van: 2 maart 2024"), ("markdown", "**Export van:** 2 maart 2024")):
        checklist = run_cli("office.yaml", "--death", "P", "--format", fmt, cwd=tmp_path)
        assert line in checklist.stdout, checklist.stdout[:400]


def test_an_export_date_that_is_no_date_is_reported_by_the_loader(tmp_path):
    pathlib.Path("office.yaml").write_text(
        "format: auditcase-export/1\nexported: 2024-02-30\nclients:\n"
        '  - {id: "A", type: company, client_online: true}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_export("office.yaml")
    problem = str(caught.value.problems[0])
    assert "exported" in problem and "2024-02-30" in problem and "not a real date" in problem, problem


# -- a worker that dies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "end, how",
    [
        (lambda: os.kill(os.getpid(), signal.SIGABRT), "it was ended by signal 6 (SIGABRT)"),
        (lambda: bytearray(2 * READER_MEMORY), "reading it needs more than 1,536 MB"),
    ],
    ids=["abort", "memory"],
)
def test_a_reader_that_dies_is_exit_2_naming_its_lists(tmp_path, monkeypatch, end, how):
    """Where a list's reader ends abnormally and the checks find nothing
    wrong with the list, the import says how it ended, naming the list."""
    if not parallel.isolatable():
        pytest.skip("lists are read in this process here")
    write_xlsx("klanten.xlsx", [CLIENT_HEADERS, A, P])
    write_xlsx("contacten.xlsx", [CONTACT_HEADERS, ["C1", "A", "Piet", "P", "Ja"]])
    from planner.importer import importing

    reader = importing._reader
    monkeypatch.setattr(
        importing, "_reader", lambda paths, kind, *rest, scan: end if not scan and kind == "clients" else reader(paths, kind, *rest, scan=scan)
    )
    with pytest.raises(InputError) as caught:
        import_lists(["klanten.xlsx"], ["contacten.xlsx"])
    assert [str(p) for p in caught.value.problems] == [f"klanten.xlsx: the Excel reader ended on this list: {how}"]


def load_text(text: str):
    pathlib.Path("imported.yaml").write_text(text, encoding="utf-8")
    return load_export("imported.yaml")


@pytest.mark.skipif(not parallel.isolatable(), reason="no process of its own here")
def test_a_process_apart_has_its_memory_bounded_and_says_how_it_ended():
    fine = parallel.apart(lambda: {"read": [1, 2]}, 64 * 2**20)
    assert (fine.result(), fine.crash) == ({"read": [1, 2]}, None)
    greedy = parallel.apart(lambda: len(bytearray(256 * 2**20)), 64 * 2**20)
    assert (greedy.result(), greedy.crash) == (None, "it ran out of memory")
    aborted = parallel.apart(lambda: os.kill(os.getpid(), signal.SIGABRT), 64 * 2**20)
    assert (aborted.result(), aborted.crash) == (None, "it was ended by signal 6 (SIGABRT)")
    failed = parallel.apart(lambda: 1 / 0, 64 * 2**20)
    assert (failed.result(), failed.crash) == (None, None)  # a bug: read here again, and reported


HOSTILE = {
    "far cell": '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    "far cell without references": '<row r="3"><c r="A3"><v>1</v></c>' + "<c><v>1</v></c>" * 16_384 + "</row>",
    "second reference": '<row r="9"><c r="A9" r="XFD1048576"><v>1</v></c></row>',
    "formula without a value": '<row r="4"><c r="E4"><f>"Geen klant meer"</f><v/></c></row>',
    "nothing": "",
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_reader_apart_and_the_scan_first_give_the_same_answer(tmp_path, monkeypatch, body):
    """On Linux each list is read in a process of its own and a workbook is
    scanned when that process ends abnormally; elsewhere it is scanned
    first: the same export, or the same problems, either way."""
    klanten("klanten.xlsx", body)
    outcomes = []
    for apart in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            if not apart:
                patch.setattr(parallel, "isolatable", lambda: False)
            try:
                outcomes.append(import_lists(["klanten.xlsx"], []).text)
            except InputError as error:
                outcomes.append([str(p) for p in error.problems])
    assert outcomes[0] == outcomes[1]
