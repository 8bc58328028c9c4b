"""What a file is — scenario, export or neither — by the one rule
(``planner.load.export_file.file_kind``): a top-level ``events`` key makes a
scenario; top-level keys that are an export's alone, ``clients`` among them,
make an export; case plays no part. Held at its edges through the installed
command, in every mode that asks; and the quick look at the bytes held to
the parsed tree."""

from __future__ import annotations

import pytest
from conftest import BENCHMARKS, run_cli, write

from planner.load import export_file
from planner.load.export_file import EXPORT, NEITHER, SCENARIO, file_kind
from planner.load.yaml.reader import Document, read

OFFICE = """\
clients:
  - {id: A, name: Alfa Bouw, type: company, client_online: Ja}
  - {id: P, name: Piet de Vries, type: person, client_online: Ja}
contacts:
  - {id: P@A, client: A, name: Piet de Vries, main: P, client_online: Ja}
"""
DEATH = "  - death: {person: P}\n"
#: An export one of whose clients has a key 'events' (nested: no scenario's).
NESTED = OFFICE.replace(
    "  - {id: A, name: Alfa Bouw, type: company, client_online: Ja}\n",
    "  - id: A\n    name: Alfa Bouw\n    type: company\n    client_online: Ja\n    events: [feest]\n",
)


def said(output: str, place: str, fragment: str) -> bool:
    """Whether a line of ``output`` starts at ``place`` (``file:line:col:``)
    and says ``fragment`` (whatever a report puts between them)."""
    return any(line.startswith(place) and fragment in line for line in output.splitlines())


def refused(*args, cwd) -> str:
    """The message of a run refused as invalid input or usage (exit 2, no traceback)."""
    result = run_cli(*args, cwd=cwd)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr


# -- a key nested in a record, or text that holds 'events:' ---------------------------------


def test_an_events_key_nested_in_a_client_leaves_an_export_an_export(tmp_path):
    write(tmp_path, "office.yaml", NESTED)
    message = refused("office.yaml", "--death", "P", cwd=tmp_path)
    # In Dutch, the language a run speaks unless told otherwise.
    assert "office.yaml:6:5: onbekende sleutel „events” in klant „A”" in message
    assert "is a scenario" not in message and "is een scenario" not in message
    linted = run_cli("--lint", ".", cwd=tmp_path)  # under a folder, it is an export to lint
    assert said(linted.stdout, "office.yaml:6:5:", "onbekende sleutel „events” in klant „A”")


def test_text_that_holds_events_leaves_an_export_an_export(tmp_path):
    write(tmp_path, "office.yaml", OFFICE.replace("name: Alfa Bouw,", 'name: "Feest, events: x",'))
    assert "office.yaml is een export (zonder events:)" in refused("office.yaml", cwd=tmp_path)
    assert run_cli("office.yaml", "--death", "P", cwd=tmp_path).returncode in (0, 1)


# -- a key in another case ------------------------------------------------------------------


def test_events_in_another_case_is_a_scenario_whose_reader_names_the_slip(tmp_path):
    write(tmp_path, "case.yaml", OFFICE + "Events:\n" + DEATH)
    write(tmp_path, "office.yaml", OFFICE)
    slip = "onbekende sleutel „Events” in het scenario; bedoelde u „events”?"
    assert slip in refused("case.yaml", cwd=tmp_path)
    assert "case.yaml is een scenario (met eigen events:)" in refused("case.yaml", "--death", "P", cwd=tmp_path)
    checked = run_cli("--check", ".", cwd=tmp_path)
    assert checked.returncode == 1 and said(checked.stdout, "case.yaml:6:1:", slip)
    linted = run_cli("--lint", ".", cwd=tmp_path)
    assert linted.returncode == 0 and "case.yaml" not in linted.stdout + linted.stderr


def test_clients_in_another_case_is_an_export_whose_reader_names_the_slip(tmp_path):
    write(tmp_path, "office.yaml", OFFICE.replace("clients:", "Clients:", 1))
    write(tmp_path, "scenario.yaml", "export: office.yaml\nevents:\n" + DEATH)
    slip = "office.yaml:1:1: onbekende sleutel „Clients” in de export; bedoelde u „clients”?"
    assert slip in refused("scenario.yaml", cwd=tmp_path)  # named by a scenario, not refused unread
    assert slip in refused("office.yaml", "--death", "P", cwd=tmp_path)


# -- a file with both -----------------------------------------------------------------------


def test_a_file_with_both_events_and_clients_is_a_scenario(tmp_path):
    write(tmp_path, "both.yaml", OFFICE + "events:\n" + DEATH)
    write(tmp_path, "office.yaml", OFFICE)
    assert run_cli("both.yaml", cwd=tmp_path).returncode in (0, 1)
    assert "both.yaml is een scenario (met eigen events:)" in refused("both.yaml", "--find", "Piet", cwd=tmp_path)
    linted = run_cli("--lint", ".", cwd=tmp_path)
    assert linted.returncode == 0 and "both.yaml" not in linted.stdout
    checked = run_cli("--check", ".", cwd=tmp_path)
    assert "not-a-scenario" not in checked.stdout and "2 bestanden gecontroleerd" in checked.stdout


def test_a_scenario_named_as_an_export_is_refused_without_showing_what_it_holds(tmp_path):
    write(tmp_path, "both.yaml", OFFICE.replace("Piet de Vries", "Geheim Naam") + "events:\n" + DEATH)
    write(tmp_path, "scenario.yaml", "export: both.yaml\nevents:\n" + DEATH)
    message = refused("scenario.yaml", cwd=tmp_path)
    assert "both.yaml:1:1: dit bestand is geen AuditCase-export" in message
    assert "Geheim" not in message and "„events”" not in message


def test_a_yaml_file_that_is_no_export_is_refused_unread_when_a_scenario_names_it(tmp_path):
    write(tmp_path, "settings.yaml", "token: hunter2\nclients_seen: 3\n")
    write(tmp_path, "scenario.yaml", "export: settings.yaml\nevents:\n" + DEATH)
    message = refused("scenario.yaml", cwd=tmp_path)
    assert "dit bestand is geen AuditCase-export" in message
    assert "hunter2" not in message and "token" not in message


# -- the top level in flow style; a file the reader refuses ----------------------------------


FLOW = (
    "{clients: [{id: A, name: Alfa, type: company, client_online: Ja}, "
    "{id: P, name: Piet, type: person, client_online: Ja}], "
    "contacts: [{id: P@A, client: A, name: Piet, main: P, client_online: Ja}]}\n"
)


def test_a_top_level_in_flow_style_is_told_by_its_parsed_tree(tmp_path):
    write(tmp_path, "office.yaml", FLOW)
    write(tmp_path, "scenario.yaml", "{export: office.yaml, events: [{death: {person: P}}]}\n")
    assert "office.yaml is een export (zonder events:)" in refused("office.yaml", cwd=tmp_path)
    assert run_cli("scenario.yaml", cwd=tmp_path).returncode in (0, 1)
    checked = run_cli("--check", ".", cwd=tmp_path)
    assert "not-a-scenario" not in checked.stdout and "unused-export" not in checked.stdout


def test_an_export_the_reader_refuses_is_reported_as_an_export_under_check(tmp_path):
    write(tmp_path, "office.yaml", OFFICE.replace("{id: A, name:", "{id: A, id: B, name:"))
    checked = run_cli("--check", ".", cwd=tmp_path)
    assert checked.returncode == 1
    assert said(checked.stdout, "office.yaml:2:13:", "dubbele sleutel „id”")
    assert "not-a-scenario" not in checked.stdout


# -- the quick look and the parsed tree ------------------------------------------------------


KINDS = [
    (OFFICE, EXPORT),
    ("format: auditcase-export/1\n" + OFFICE + "relations: []\n", EXPORT),
    (OFFICE + "events:\n" + DEATH, SCENARIO),
    ("export: office.yaml\nevents:\n" + DEATH, SCENARIO),
    ('"events":\n' + DEATH + "export: x.yaml\n", SCENARIO),
    ("description: x\n" + OFFICE + "EVENTS:\n" + DEATH, SCENARIO),
    (OFFICE + "Events:\n" + DEATH, SCENARIO),
    (OFFICE.replace("clients:", "Clients:", 1), EXPORT),
    (NESTED, EXPORT),
    (OFFICE + "evnts:\n" + DEATH, NEITHER),
    ("contacts: []\n", NEITHER),
    ("token: x\n", NEITHER),
    ("\ufeff# an export\n" + OFFICE.replace("\n", "\r\n"), EXPORT),
    ("---\n" + OFFICE + "...\n", EXPORT),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_the_bytes_of_a_block_style_file_tell_its_kind_without_a_parse(text, kind, monkeypatch):
    data = text.encode("utf-8")
    assert _parsed_kind(data) == kind  # the rule, over the parsed tree

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(export_file, "read", no_parse)
    assert file_kind(data, "x.yaml") == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [(FLOW, EXPORT), ("{events: []}\n", SCENARIO), ("- a\n", NEITHER), ("", NEITHER), ("# no keys\n", NEITHER)],
)
def test_a_file_whose_bytes_show_no_top_level_key_is_parsed(text, kind):
    assert file_kind(text.encode("utf-8"), "x.yaml") == kind
    assert file_kind(OFFICE.encode("utf-16"), "x.yaml") == EXPORT


def test_a_big_export_is_told_by_its_bytes(monkeypatch):
    import sys

    sys.path.insert(0, str(BENCHMARKS))
    import gen_export

    data = gen_export.export_text(gen_export.generate(2_000)).encode("utf-8")
    monkeypatch.setattr(export_file, "read", None)  # a parse would fail
    assert file_kind(data, "office.yaml") == EXPORT


def _parsed_kind(data: bytes) -> str:
    doc = Document("x.yaml")
    read(data, doc, "", [])
    return export_file._kind(doc.root.index)
