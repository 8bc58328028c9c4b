"""The loader: exports and scenarios as staff write them, and every way of
getting them wrong, each reported at its line and column with what was
expected."""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib
import textwrap

import pytest
from conftest import assert_problem, at, input_error, write

from planner.load.loading import load_export, load_scenario
from planner.model.office import Client, Contact, Relation
from planner.model.steps import Step
from planner.plan.graph import plan
from planner.text.errors import InputError, Mark

# The article's situation 4 plus a contact R who is not on the portal:
# companies A and B, person clients P and Q, each a contact at A and B.
pytestmark = pytest.mark.usefixtures("every_input_reads_alike")  # each file written is read both ways

EXPORT = """\
format: auditcase-export/1
clients:
  - {id: A, name: Alfa Bouw B.V., type: company, client_online: true}
  - {id: B, name: Beta Handel B.V., type: company, client_online: true}
  - {id: P, name: Piet de Vries, type: person, client_online: true}
  - {id: Q, name: Kees Jansen, type: person, client_online: true}
contacts:
  - {id: P@A, client: A, main: P, client_online: true}
  - {id: P@B, client: B, main: P, client_online: true}
  - {id: Q@A, client: A, main: Q, client_online: true}
  - {id: Q@B, client: B, main: Q, client_online: true}
  - {id: R@A, client: A, client_online: false}
"""


def export_with(tmp_path, text: str) -> tuple[str, InputError]:
    path = write(tmp_path, "export.yaml", text)
    return path, input_error(load_export, path)


PREFIX = "export: exports/office.yaml\n"  # what scenario_with() puts first


def scenario_with(tmp_path, body: str, export: str = EXPORT) -> str:
    write(tmp_path, "exports/office.yaml", export)
    return write(tmp_path, "scenario.yaml", PREFIX + body)


# -- a sound export ------------------------------------------------------------


def test_export_builds_the_model_with_defaults(tmp_path):
    path = write(tmp_path, "export.yaml", EXPORT)
    export = load_export(path)
    assert export.source == path
    assert list(export.clients) == ["A", "B", "P", "Q"]
    assert export.clients["A"] == Client("A", "Alfa Bouw B.V.", "company", True)
    assert export.clients["P"].is_person
    assert export.contacts["P@A"] == Contact("P@A", "A", "P@A", True, main="P")
    assert export.contacts["R@A"].main is None and export.contacts["R@A"].ended is False
    assert export.mark("B") == Mark(path, 4, 5)
    assert export.mark("R@A") == Mark(path, *at(EXPORT, "{id: R@A"))
    assert export.root("P@B") == "P"
    assert export.relations == ()


def test_every_field_of_the_format(tmp_path):
    text = """\
    format: auditcase-export/1.4
    clients:
      - id: "10001"
        name: Alfa Bouw B.V.
        type: bedrijf
        client_online: Ja
        ended: Nee
        email: info@alfabouw.nl
        integrations: {twinfield: true, afas: Nee, microsoft_office: yes}
      - id: "10003"
        type: Persoon
        client_online: true
        birth_date: 1961-04-02
      - {id: "10004", type: PERSON, client_online: false, ended: true}
    contacts:
      - id: C-2001
        client: "10001"
        name: Piet de Vries
        email: piet@example.nl
        birth_date: 1961-04-02
        main: "10003"
        client_online: true
        ended: false
    relations:
      - {type: group, parent: "10001", member: "10003"}
      - {type: wwft, client: "10001", person: "10003", role: pseudo-ubo}
      - {type: wwft, client: "10001", person: C-2001}
      - {type: partner, persons: ["10003", "10004"]}
    """
    path = write(tmp_path, "export.yaml", textwrap.dedent(text))
    export = load_export(path)
    alfa = export.clients["10001"]
    assert (alfa.type, alfa.client_online, alfa.ended, alfa.email) == (
        "company", True, False, "info@alfabouw.nl")
    # In the order of model.INTEGRATIONS, however they were written.
    assert alfa.integrations == (("microsoft_office", True), ("twinfield", True), ("afas", False))
    assert alfa.name == "Alfa Bouw B.V."
    assert export.clients["10003"].name == "10003"  # no name: the id
    assert export.clients["10003"].birth_date == "1961-04-02"
    assert export.clients["10004"].type == "person" and export.clients["10004"].ended
    piet = export.contacts["C-2001"]
    assert (piet.email, piet.birth_date, piet.main, piet.ended) == (
        "piet@example.nl", "1961-04-02", "10003", False)
    assert [dataclasses.replace(r, mark=None) for r in export.relations] == [
        Relation("group", parent="10001", member="10003"),
        Relation("wwft", client="10001", person="10003", role="pseudo-ubo"),
        Relation("wwft", client="10001", person="C-2001"),
        Relation("partner", persons=("10003", "10004")),
    ]


def test_contacts_and_relations_may_be_left_out(tmp_path):
    path = write(tmp_path, "export.yaml", "clients:\n  - {id: A, type: company, client_online: no}\n")
    export = load_export(path)
    assert export.contacts == {} and export.relations == ()
    path = write(tmp_path, "empty-lists.yaml", "clients: []\ncontacts: []\nrelations: []\n")
    assert load_export(path).clients == {}


@pytest.mark.parametrize("written", ["0012", '"0012"', "'0012'", "010", "007", "1e3", "1_000", "0x1F", "1.50"])
def test_ids_keep_their_text(tmp_path, written):
    expected = written.strip("\"'")
    text = f"""\
clients:
  - {{id: {written}, type: company, client_online: true}}
  - {{id: P{expected}, type: person, client_online: true}}
contacts:
  - {{id: C{expected}, client: {written}, main: P{expected}, client_online: true}}
relations:
  - {{type: group, parent: {written}, member: {written}}}
"""
    export = load_export(write(tmp_path, "export.yaml", text))
    assert expected in export.clients
    assert export.clients[expected].name == expected
    assert export.contacts[f"C{expected}"].client == expected
    assert export.relations[0].parent == expected


FLAG_SPELLINGS = [
    ("true", True), ("false", False), ("True", True), ("FALSE", False),
    ("Ja", True), ("Nee", False), ("ja", True), ("NEE", False), ("jA", True), ("nEe", False),
    ("yes", True), ("no", False), ("Yes", True), ("NO", False),
    ('"Ja"', True), ("'nee'", False), ('"true"', True), ("'yes'", True),
]


@pytest.mark.parametrize("written,meaning", FLAG_SPELLINGS)
def test_flags_in_every_accepted_spelling(tmp_path, written, meaning):
    text = f"""\
clients:
  - {{id: A, type: company, client_online: {written}, ended: {written}, integrations: {{qics: {written}}}}}
contacts:
  - {{id: C, client: A, client_online: {written}, ended: {written}}}
"""
    export = load_export(write(tmp_path, "export.yaml", text))
    client, contact = export.clients["A"], export.contacts["C"]
    assert (client.client_online, client.ended, contact.client_online, contact.ended) == (meaning,) * 4
    assert client.integrations == (("qics", meaning),)


@pytest.mark.parametrize("written,meaning", [
    ("company", "company"), ("person", "person"), ("bedrijf", "company"), ("persoon", "person"),
    ("Company", "company"), ("PERSOON", "person"), ("BeDrIjF", "company"), ('"person"', "person"),
])
def test_client_types_in_every_accepted_spelling(tmp_path, written, meaning):
    text = f"clients:\n  - {{id: A, type: {written}, client_online: true}}\n"
    assert load_export(write(tmp_path, "export.yaml", text)).clients["A"].type == meaning


def test_null_means_left_out(tmp_path):
    text = "clients:\n  - {id: A, name: ~, type: company, client_online: true, ended: null, email: }\n"
    client = load_export(write(tmp_path, "export.yaml", text)).clients["A"]
    assert (client.name, client.ended, client.email) == ("A", False, None)


def test_a_quoted_null_is_text(tmp_path):
    text = 'clients:\n  - {id: "null", name: "~", type: company, client_online: true}\n'
    client = load_export(write(tmp_path, "export.yaml", text)).clients["null"]
    assert client.name == "~"


def test_windows_line_endings_and_a_bom(tmp_path):
    text = EXPORT.replace("\n", "\r\n")
    export = load_export(write(tmp_path, "export.yaml", b"\xef\xbb\xbf" + text.encode()))
    assert export.mark("B").line == 4
    assert export.contacts["R@A"].name == "R@A"


# -- wrong values and keys -------------------------------------------------------


def test_unknown_key_with_a_suggestion(tmp_path):
    text = "clients:\n  - id: A\n    type: company\n    clients_online: true\n"
    path, error = export_with(tmp_path, text)
    problem = assert_problem(error, path, 4, 5, "unknown key “clients_online” in client “A”; did you mean “client_online”?")
    assert "expected one of: id, name, type, client_online, ended, email, birth_date, integrations" in problem.message


def test_unknown_keys_everywhere_in_an_export(tmp_path):
    text = """\
formaat: auditcase-export/1
clients:
  - {id: A, type: company, client_online: true, integrations: {twinfeld: true}}
contacts:
  - {id: C, client: A, client_online: true, mian: A}
relations:
  - {type: group, parent: A, member: A, child: A}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, 1, 1, "unknown key “formaat” in the export; did you mean “format”?")
    assert_problem(error, path, *at(text, "twinfeld"), "did you mean “twinfield”?", "microsoft_office")
    assert_problem(error, path, *at(text, "mian"), "unknown key “mian” in contact “C”; did you mean “main”?")
    assert_problem(error, path, *at(text, "child"), "unknown key “child” in a group relation")


def test_wrong_values_name_what_is_allowed(tmp_path):
    text = """\
clients:
  - {id: A, type: stichting, client_online: misschien}
  - {id: B, type: company, client_online: true, ended: 1}
  - {id: P, type: person, client_online: true, birth_date: 1961-02-30}
  - {id: Q, type: person, client_online: true, birth_date: 2-4-1961}
  - {id: R, type: person, client_online: true, name: [Piet]}
  - {id: S, type: person, client_online: true, email: {home: s@example.nl}}
  - {id: [T], type: company, client_online: true}
contacts:
  - {id: C, client: A, client_online: ja}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, *at(text, "stichting"), "“stichting”", "expected company or person (also bedrijf, persoon)")
    assert_problem(error, path, *at(text, "misschien"), "“misschien”", "expected true/false (also Ja/Nee, yes/no)")
    assert_problem(error, path, at(text, "ended: 1")[0], None, "“ended” of client “B” is “1”", "expected true/false")
    assert_problem(error, path, *at(text, "1961-02-30"), "not a real date", "YYYY-MM-DD")
    assert_problem(error, path, *at(text, "2-4-1961"), "“2-4-1961”", "expected a date YYYY-MM-DD")
    assert_problem(error, path, *at(text, "[Piet]"), "“name” of client “R” is a list; expected text")
    assert_problem(error, path, *at(text, "{home"), "“email” of client “S” is a mapping; expected text")
    assert_problem(error, path, *at(text, "[T]"), "“id” of a client is a list; expected an id")


def test_missing_required_fields(tmp_path):
    text = """\
clients:
  - {name: Nameless, type: company, client_online: true}
  - {id: B, client_online: true}
  - {id: C, type: company}
  - {id: D, type: company, client_online: ~}
contacts:
  - {id: E, client_online: true}
  - {id: F, client: B}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, 2, 5, "a client has no “id”; expected an id")
    assert_problem(error, path, 3, 5, "client “B” has no “type”; expected company or person")
    assert_problem(error, path, 4, 5, "client “C” has no “client_online”; expected true/false")
    assert_problem(error, path, *at(text, "~"), "“client_online” of client “D” has no value")
    assert_problem(error, path, 7, 5, "contact “E” has no “client”; expected an id")
    assert_problem(error, path, 8, 5, "contact “F” has no “client_online”")


def test_export_level_shape(tmp_path):
    path, error = export_with(tmp_path, "contacts: []\n")
    assert_problem(error, path, 1, 1, "the export has no “clients”; expected a list")
    path, error = export_with(tmp_path, "clients: {id: A}\n")
    assert_problem(error, path, 1, 10, "“clients” of the export is a mapping; expected a list")
    path, error = export_with(tmp_path, "clients:\n  - A\n  - [B]\n")
    assert_problem(error, path, 2, 5, "each client is a mapping", "got “A”")
    assert_problem(error, path, 3, 5, "each client is a mapping", "got a list")
    path, error = export_with(tmp_path, "- {id: A}\n")
    assert_problem(error, path, 1, 1, "expected an AuditCase export", "got a list")


@pytest.mark.parametrize("written,message", [
    ("auditcase-export/2", "“auditcase-export/2” is not supported: this version reads auditcase-export/1"),
    ("auditcase-export/0.9", "is not supported"),
    ("auditcase/1", "expected auditcase-export/1"),
    ("1", "expected auditcase-export/1"),
])
def test_format_versions(tmp_path, written, message):
    path, error = export_with(tmp_path, f"format: {written}\nclients: []\n")
    assert_problem(error, path, 1, 9, message)


def test_duplicate_ids_across_clients_and_contacts(tmp_path):
    text = """\
clients:
  - {id: A, type: company, client_online: true}
  - {id: P, type: person, client_online: true}
contacts:
  - {id: P, client: A, client_online: true}
  - {id: C, client: A, client_online: true}
  - {id: C, client: A, client_online: true}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, 5, 10, "duplicate id “P”: already used by the client at line 3")
    assert_problem(error, path, 7, 10, "duplicate id “C”: already used by the contact at line 6")
    assert len(error.problems) == 2


def test_every_dangling_reference_is_reported_with_suggestions(tmp_path):
    text = """\
clients:
  - {id: "10001", type: company, client_online: true}
  - {id: "10003", type: person, client_online: true}
contacts:
  - {id: C-2001, client: "10010", client_online: true}
  - {id: C-2002, client: "10001", main: "10030", client_online: true}
  - {id: C-2003, client: C-2001, client_online: true}
relations:
  - {type: group, parent: "10001", member: "1001"}
  - {type: wwft, client: "10001", person: C-2009}
  - {type: partner, persons: ["10003", "99999"]}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, *at(text, '"10010"'), "“client” of contact “C-2001”: there is no client with id “10010”; did you mean “10001”?")
    assert_problem(error, path, *at(text, '"10030"'), "“main” of contact “C-2002”: there is no client or contact with id “10030”; did you mean “10003”?")
    assert_problem(error, path, *at(text, "C-2001,", 2), "“C-2001” is a contact, not a client")
    assert_problem(error, path, *at(text, '"1001"'), "“member” of a group relation", "“1001”")
    assert_problem(error, path, *at(text, "C-2009"), "“person” of a wwft relation", "did you mean")
    assert_problem(error, path, *at(text, '"99999"'), "“persons” of a partner relation", "“99999”")
    assert len(error.problems) == 6


def test_an_id_typed_in_the_other_case_is_suggested_as_it_is_written(tmp_path):
    text = """\
clients:
  - {id: AB-1, type: company, client_online: true}
  - {id: AB-2, type: person, client_online: true}
contacts:
  - {id: c-7, client: ab-2, client_online: true}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, *at(text, "ab-2"), "there is no client with id “ab-2”; did you mean “AB-2”?")


def test_main_must_not_name_a_company(tmp_path):
    text = """\
clients:
  - {id: "10001", name: Alfa Bouw B.V., type: company, client_online: true}
contacts:
  - {id: C-2001, client: "10001", main: "10001", client_online: true}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(
        error, path, *at(text, '"10001"', 3),
        "“main” of contact “C-2001” must name a person client or a contact; “10001” is a company (Klant-Bedrijf)",
    )


def test_cycles_of_main_links_are_listed_once_each(tmp_path):
    text = """\
clients:
  - {id: A, type: company, client_online: true}
contacts:
  - {id: C-1, client: A, main: C-2, client_online: true}
  - {id: C-2, client: A, main: C-1, client_online: true}
  - {id: C-3, client: A, main: C-3, client_online: true}
  - {id: C-4, client: A, main: C-6, client_online: true}
  - {id: C-5, client: A, main: C-4, client_online: true}
  - {id: C-6, client: A, main: C-5, client_online: true}
  - {id: C-7, client: A, main: C-4, client_online: true}
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, 4, 32, "main links form a cycle: “C-1” → “C-2” → “C-1”")
    assert_problem(error, path, 6, 32, "main links form a cycle: “C-3” → “C-3”")
    assert_problem(error, path, 7, 32, "main links form a cycle: “C-4” → “C-6” → “C-5” → “C-4”")
    assert len(error.problems) == 3  # C-7 hangs under a cycle but is not on it


def test_relations_are_checked(tmp_path):
    text = """\
clients:
  - {id: A, type: company, client_online: true}
  - {id: P, type: person, client_online: true}
relations:
  - {type: cousin, persons: [A, P]}
  - {type: wwft, client: A, person: P, role: boss}
  - {type: partner, persons: [P, P, A]}
  - {type: group, parent: A}
  - A
"""
    path, error = export_with(tmp_path, text)
    assert_problem(error, path, *at(text, "cousin"), "“cousin”", "expected group, wwft or partner")
    assert_problem(error, path, *at(text, "boss"), "expected ubo, pseudo-ubo or representative")
    assert_problem(error, path, *at(text, "[P, P, A]"), "lists 3 ids; expected exactly two")
    assert_problem(error, path, 8, 5, "a group relation has no “member”")
    assert_problem(error, path, 9, 5, "each relation is a mapping")


def test_a_broken_record_does_not_echo_as_dangling_references(tmp_path):
    text = """\
clients:
  - {id: A, type: stichting, client_online: true}
contacts:
  - {id: C, client: A, client_online: true}
"""
    path, error = export_with(tmp_path, text)
    assert [p.mark.line for p in error.problems] == [2]


def test_a_missing_or_unreadable_export_file(tmp_path):
    error = input_error(load_export, str(tmp_path / "nowhere.yaml"))
    assert "nowhere.yaml: no such file" in str(error)
    error = input_error(load_export, str(tmp_path))
    assert f"{tmp_path}: is a folder" in str(error)


# -- scenarios ----------------------------------------------------------------------


def test_scenario_with_a_referenced_export(tmp_path):
    path = scenario_with(tmp_path, """\
description: Piet overlijdt
events:
  - death: {person: P}
""")
    scenario = load_scenario(path)
    assert scenario.path == path
    assert scenario.described("nl") == scenario.described("en") == "Piet overlijdt"
    assert scenario.export.source == str(tmp_path / "exports" / "office.yaml")
    assert scenario.export.contacts["Q@B"].main == "Q"
    assert scenario.orphaned_clients == "ask"
    assert scenario.proposed is None and scenario.expect is None
    assert scenario.mark == Mark(path, 1, 1)
    (death,) = scenario.events
    assert (death.kind, death.person, death.unlink) == ("death", "P", True)
    assert death.mark == Mark(path, 4, 5)


def test_scenario_path_is_kept_as_given(tmp_path, monkeypatch):
    scenario_with(tmp_path, "events:\n  - death: {person: P}\n")
    monkeypatch.chdir(tmp_path)
    scenario = load_scenario("scenario.yaml")
    assert scenario.path == "scenario.yaml"
    assert scenario.export.source == "exports/office.yaml"


def test_the_export_path_is_relative_to_the_scenario(tmp_path, monkeypatch):
    # The export may be in a folder above the scenario, within its project
    # (here the folder holding .git); the working directory plays no part.
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "..")
    write(tmp_path, "exports/office.yaml", EXPORT)
    path = write(tmp_path, "fixtures/deep/scenario.yaml", "export: ../../exports/office.yaml\nevents: [{death: {person: P}}]\n")
    assert load_scenario(path).export.source == str(tmp_path / "exports" / "office.yaml")


def test_inline_and_referenced_exports_are_equal(tmp_path):
    events = "events:\n  - death: {person: P}\n"
    referenced = load_scenario(scenario_with(tmp_path, events))
    inline_path = write(tmp_path, "inline.yaml", EXPORT.replace("format: auditcase-export/1\n", "") + events)
    inline = load_scenario(inline_path)
    assert inline.export.source == inline_path
    assert dataclasses.replace(inline.export, source=referenced.export.source) == referenced.export
    assert inline.events == referenced.events


def test_inline_export_errors_are_reported_in_the_scenario(tmp_path):
    text = "clients:\n  - {id: A, type: company}\nevents:\n  - remove_client: {client: A}\n"
    path = write(tmp_path, "inline.yaml", text)
    error = input_error(load_scenario, path)
    assert_problem(error, path, 2, 5, "client “A” has no “client_online”")


def test_fingerprint_covers_scenario_and_export_bytes(tmp_path):
    body = "events:\n  - death: {person: P}\n"
    path = scenario_with(tmp_path, body)
    scenario_bytes = pathlib.Path(path).read_bytes()
    export_bytes = EXPORT.encode()
    expected = hashlib.sha256()
    for data in (scenario_bytes, export_bytes):
        expected.update(len(data).to_bytes(8, "big"))
        expected.update(data)
    first = load_scenario(path).fingerprint
    assert first == "sha256:" + expected.hexdigest()
    # Any change in the export changes it, the scenario unchanged.
    write(tmp_path, "exports/office.yaml", EXPORT.replace("Piet de Vries", "Piet de Vries Jr."))
    assert load_scenario(path).fingerprint != first
    inline = write(tmp_path, "inline.yaml", EXPORT.replace("format: auditcase-export/1\n", "") + body)
    assert load_scenario(inline).fingerprint.startswith("sha256:")
    assert len(load_scenario(inline).fingerprint) == len("sha256:") + 64


def test_export_and_inline_together_or_neither(tmp_path):
    write(tmp_path, "exports/office.yaml", EXPORT)
    text = "export: exports/office.yaml\nclients: []\nevents: [{death: {person: P}}]\n"
    path = write(tmp_path, "both.yaml", text)
    assert_problem(input_error(load_scenario, path), path, 2, 1, "both “export” (line 1)", "not both")
    path = write(tmp_path, "neither.yaml", "events: [{death: {person: P}}]\n")
    assert_problem(input_error(load_scenario, path), path, 1, 1, "the scenario has no export")


def test_a_missing_export_file_is_reported_at_the_export_value(tmp_path):
    text = "description: x\nexport: exports/ofice.yaml\nevents: [{death: {person: P}}]\n"
    path = write(tmp_path, "scenario.yaml", text)
    error = input_error(load_scenario, path)
    assert_problem(error, path, 2, 9, "export file not found: “exports/ofice.yaml”")


def test_errors_inside_the_export_name_that_file(tmp_path):
    path = scenario_with(tmp_path, "events:\n  - death: {person: P}\n",
                         export=EXPORT.replace("client: B, main: P", "client: B, main: X"))
    error = input_error(load_scenario, path)
    export_path = str(tmp_path / "exports" / "office.yaml")
    assert_problem(error, export_path, 9, 32, "“main” of contact “P@B”: there is no client or contact with id “X”")
    # Also when the export is not even YAML; the scenario is still checked.
    path = scenario_with(tmp_path, "events:\n  - dead: {person: P}\n", export="clients: [\n")
    error = input_error(load_scenario, path)
    assert any(p.mark.file == export_path and p.mark.line == 2 for p in error.problems)
    assert_problem(error, path, 3, 5, "unknown event “dead”")


def test_unknown_scenario_keys_and_options(tmp_path):
    text = """\
events:
  - death: {person: P}
option: {orphaned_clients: keep}
options: {orphaned_client: keep, }
"""
    path = scenario_with(tmp_path, text)
    error = input_error(load_scenario, path)
    assert_problem(error, path, 4, 1, "unknown key “option” in the scenario; did you mean “options”?")
    assert_problem(error, path, 5, 11, "unknown key “orphaned_client” in “options”; did you mean “orphaned_clients”?")


@pytest.mark.parametrize("choice", ["ask", "disconnect", "keep"])
def test_orphaned_clients_option(tmp_path, choice):
    path = scenario_with(tmp_path, f"events: [{{death: {{person: P}}}}]\noptions: {{orphaned_clients: {choice}}}\n")
    assert load_scenario(path).orphaned_clients == choice


def test_orphaned_clients_option_names_its_choices(tmp_path):
    path = scenario_with(tmp_path, "events: [{death: {person: P}}]\noptions: {orphaned_clients: later}\n")
    assert_problem(input_error(load_scenario, path), path, 3, 29, "“later”", "expected ask, disconnect or keep")


# -- events -----------------------------------------------------------------------


def test_every_event_kind_and_the_unlink_defaults(tmp_path):
    path = scenario_with(tmp_path, """\
events:
  - death: {person: P}
  - leave: {person: Q, clients: [A, B], end_client: true}
  - leave: {person: Q@A, unlink: false}
  - revoke: {contact: Q@B}
  - revoke: {person: P, client: A, unlink: true}
  - remove_client: {client: B}
  - death: {person: P@A, unlink: Nee}
""")
    events = load_scenario(path).events
    assert [(e.kind, e.unlink) for e in events] == [
        ("death", True), ("leave", True), ("leave", False), ("revoke", False),
        ("revoke", True), ("remove_client", False), ("death", False),
    ]
    assert (events[1].clients, events[1].end_client) == (("A", "B"), True)
    assert (events[2].clients, events[2].end_client) == (None, False)
    assert events[3].contact == "Q@B"
    assert (events[4].person, events[4].client) == ("P", "A")
    assert events[5].client == "B"
    assert [e.mark.line for e in events] == list(range(3, 10))


def test_events_are_required(tmp_path):
    path = scenario_with(tmp_path, "description: nothing happens\n")
    assert_problem(input_error(load_scenario, path), path, 1, 1, "the scenario has no “events”; expected a list")
    path = scenario_with(tmp_path, "events: []\n")
    assert_problem(input_error(load_scenario, path), path, 2, 9, "the scenario has no events")


def test_malformed_events(tmp_path):
    text = """\
events:
  - deaht: {person: P}
  - {death: {person: P}, leave: {person: Q}}
  - death: P
  - leave: {person: Q, client: A}
  - revoke: {contact: Q@B, client: B}
  - revoke: {person: P}
  - revoke: {unlink: true}
  - leave: {person: Q, clients: []}
  - remove_client: {client: B, unlink: misschien}
  - death
"""
    path = scenario_with(tmp_path, text)
    error = input_error(load_scenario, path)
    assert_problem(error, path, 3, 5, "unknown event “deaht”; did you mean “death”?", "expected one of: death, leave, revoke, remove_client")
    assert_problem(error, path, 4, 5, "a mapping with 2 keys")
    assert_problem(error, path, 5, 12, "“death” needs a mapping of its details, e.g. {person: ID}; got “P”")
    assert_problem(error, path, 6, 24, "unknown key “client” in the “leave” event; did you mean “clients”?")
    assert_problem(error, path, 7, 28, "either “contact” or “person” with “client”, not both")
    assert_problem(error, path, 8, 13, "the “revoke” event has no “client”")
    assert_problem(error, path, 9, 13, "the “revoke” event names no one")
    assert_problem(error, path, 10, 33, "“clients” of the “leave” event is empty")
    assert_problem(error, path, 11, 40, "“misschien”", "expected true/false")
    assert_problem(error, path, 12, 5, "expected an event", "got “death”")


def test_event_ids_must_exist_and_be_the_right_kind(tmp_path):
    text = """\
events:
  - death: {person: PP}
  - death: {person: A}
  - revoke: {contact: Q@C}
  - revoke: {contact: Q}
  - remove_client: {client: P@A}
  - remove_client: {client: Z}
  - leave: {person: A}
"""
    path = scenario_with(tmp_path, text)
    error = input_error(load_scenario, path)
    full = PREFIX + text
    assert_problem(error, path, *at(full, "PP"), "“person” of the “death” event: there is no client or contact with id “PP”; did you mean “P”?")
    assert_problem(error, path, *at(full, "A}"), "“person” of the “death” event must name a person client or a contact; “A” is a company (Klant-Bedrijf)")
    assert_problem(error, path, *at(full, "Q@C"), "“contact” of the “revoke” event: there is no contact with id “Q@C”; did you mean “Q@")
    assert_problem(error, path, *at(full, "Q}"), "“contact” of the “revoke” event: “Q” is a client, not a contact")
    assert_problem(error, path, *at(full, "P@A}"), "“client” of the “remove_client” event: “P@A” is a contact, not a client")
    problem = assert_problem(error, path, *at(full, "Z}"), "“client” of the “remove_client” event: there is no client with id “Z”")
    assert "did you mean" not in problem.message  # one letter off any other one-letter id
    assert_problem(error, path, 9, 21, "“person” of the “leave” event must name a person client or a contact")


def test_event_clients_must_be_clients(tmp_path):
    export = EXPORT + "  - {id: X@B, client: B, client_online: true}\n"
    text = """\
events:
  - revoke: {person: R@A, client: B}
  - revoke: {person: P@A, client: B}
  - leave: {person: Q, clients: [A, C, P]}
  - leave: {person: X@B, end_client: true}
  - leave: {person: P@A, end_client: true}
"""
    path = scenario_with(tmp_path, text, export=export)
    error = input_error(load_scenario, path)
    full = PREFIX + text
    assert_problem(error, path, *at(full, "C,"), "“clients” of the “leave” event: there is no client with id “C”")
    assert_problem(error, path, *at(full, "true}"), "“end_client”: “X@B” is not a Klant-Persoon")
    # R@A has no record at B, nor Q at P: not an error, a request resumed
    # after those records were switched off and unlinked (see below).
    assert len(error.problems) == 2  # P@A's root is person client P: fine


def test_a_client_where_the_person_has_no_record_any_more_is_done_already(tmp_path):
    """Staff switched Q@A off and unlinked it, exported again and re-ran the
    request: A is done, B is what is left, and the plan says so."""
    export = EXPORT.replace(
        "{id: Q@A, client: A, main: Q, client_online: true}", "{id: Q@A, client: A, client_online: false}"
    )
    assert export != EXPORT
    path = scenario_with(tmp_path, "events:\n  - leave: {person: Q, clients: [A, B]}\n", export=export)
    scenario = load_scenario(path)
    made = plan(scenario)
    assert [str(p.step) for p in made.steps if p.action != "decide"] == ["contact_off Q@B", "unlink Q@B"]
    assert made.intent.nothing_at == (("Q", "A"),)


def test_sound_event_ids_through_main_links(tmp_path):
    path = scenario_with(tmp_path, """\
events:
  - revoke: {person: P@A, client: B}
  - leave: {person: Q@B, clients: [A], end_client: true}
""")
    steps = {str(p.step) for p in plan(load_scenario(path)).steps}
    # P's record at B, found through P@A; Q's at A and Q's own klant, through Q@B
    assert {"contact_off P@B", "contact_off Q@A"} <= steps
    assert "decide Q" in steps  # Q@B stays, linked under Q: staff decide


def test_event_ids_are_not_checked_against_a_broken_export(tmp_path):
    path = scenario_with(tmp_path, "events:\n  - death: {person: P}\n",
                         export=EXPORT.replace("id: P, name", "id: P, type: person, name"))
    error = input_error(load_scenario, path)
    assert {p.mark.file for p in error.problems} == {str(tmp_path / "exports" / "office.yaml")}


# -- proposed orders and expectations -------------------------------------------------


def test_proposed_and_expected_steps(tmp_path):
    path = scenario_with(tmp_path, """\
events: [{death: {person: P}}]
proposed:
  - contact_off: P@A
  - {client_off: P}
  - unlink: NOBODY
expect:
  plan: [{contact_off: P@A}, {decide: A}]
  findings: [new-login@1, order, orphaned-client@12]
""")
    scenario = load_scenario(path)
    assert scenario.proposed == (Step("contact_off", "P@A"), Step("client_off", "P"), Step("unlink", "NOBODY"))
    assert [s.mark.line for s in scenario.proposed] == [4, 5, 6]
    assert scenario.expect.plan == (Step("contact_off", "P@A"), Step("decide", "A"))
    assert [str(f) for f in scenario.expect.findings] == ["new-login@1", "order", "orphaned-client@12"]
    assert scenario.expect.findings[1].step is None
    assert scenario.expect.findings[2].mark == Mark(path, 9, 34)
    assert scenario.expect.plan_mark == Mark(path, 8, 9)
    assert scenario.expect.findings_mark == Mark(path, 9, 13)


def test_bad_steps_and_findings(tmp_path):
    text = """\
events: [{death: {person: P}}]
proposed:
  - contact_of: P@A
  - {client_off: P, unlink: P@A}
  - unlink
  - decide: ~
expect:
  plan: {contact_off: P@A}
  findings: [New-Login, new-login@0, new-login@x, "@3", [order]]
  result: ok
"""
    path = scenario_with(tmp_path, text)
    error = input_error(load_scenario, path)
    assert_problem(error, path, 4, 5, "unknown action “contact_of” in “proposed”; did you mean “contact_off”?",
                   "expected one of: contact_off, client_off, unlink, decide")
    assert_problem(error, path, 5, 5, "a mapping with 2 keys")
    assert_problem(error, path, 6, 5, "got “unlink”")
    assert_problem(error, path, 7, 13, "“decide” in “proposed” needs an id; got no value")
    assert_problem(error, path, 9, 9, "“plan” of “expect” is a mapping; expected a list")
    for needle in ("New-Login", "new-login@0", "new-login@x", '"@3"', "[order]"):
        assert_problem(error, path, *at(PREFIX + text, needle), "is not a finding", "code or code@step")
    assert_problem(error, path, 11, 3, "unknown key “result” in “expect”")
