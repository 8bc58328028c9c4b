"""A request without YAML: finding people by name (``--find``) — through the
installed command, as staff use it (formats.md §5, "Requests on the command
line")."""

from __future__ import annotations

import json

import pytest
from conftest import EXPORTS, SCENARIOS, run_cli, write

SITUATION_4 = EXPORTS / "situation-4.yaml"


def plan_json(*args, **kwargs) -> tuple[int, dict]:
    """Exit status and JSON plan, without what names the input (the
    scenario's path and the fingerprint of the files)."""
    result = run_cli(*args, "--format", "json", **kwargs)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    del document["scenario"], document["fingerprint"]
    return result.returncode, document


def refused(*args, **kwargs) -> str:
    """The message of a run refused as invalid input or usage (exit 2, no traceback)."""
    result = run_cli(*args, **kwargs)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    return result.stderr


# -- --find ------------------------------------------------------------------------------


def test_find_lists_a_persons_records_together_with_the_id_a_request_names():
    result = run_cli(SITUATION_4, "--find", "Vries")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "naam", "soort", "klant", "Cliënt", "Online", "persoon"]
    rows = [line.split("  ") for line in lines[1:4]]
    assert [[cell.strip() for cell in row if cell.strip()] for row in rows] == [
        ["P", "Piet de Vries", "Klant-Persoon", "Piet de Vries (P)", "Ja", "Piet de Vries (P)"],
        ["P@A", "Piet de Vries", "contactpersoon", "Alfa Bouw B.V. (A)", "Ja", "Piet de Vries (P)"],
        ["P@B", "Piet de Vries", "contactpersoon", "Bravo Transport B.V. (B)", "Ja", "Piet de Vries (P)"],
    ]
    assert "3 klanten en contactpersonen gevonden." in result.stdout
    assert f"plan-removal {SITUATION_4} --death ID" in result.stdout
    english = run_cli(SITUATION_4, "--find", "Vries", "--lang", "en").stdout
    assert english.splitlines()[0].split()[:3] == ["id", "name", "kind"]
    assert "contact person" in english and "Yes" in english


OFFICE = """\
clients:
  - {id: "0012", name: "Jansen Holding B.V.", type: company, client_online: Ja}
  - {id: "10003", name: "José Çelik", type: person, client_online: Ja}
  - {id: "10004", name: "Mieke  JANSEN", type: person, client_online: Nee}
  - {id: "K\\u001b[2J", name: "Wis \\u202eB.V.", type: company, client_online: Ja}
contacts:
  - {id: "J-1", client: "0012", name: "Jose Celik", main: "10003", client_online: Ja}
  - {id: "M-1", client: "0012", name: "Mieke Jansen", main: "10004", client_online: Nee}
  - {id: "J-2", client: "K\\u001b[2J", name: "José Çelik", main: "J-1", client_online: Ja}
"""


@pytest.mark.parametrize("text", ["jose", "JOSÉ", "çelik", "Celik", "jOsE cElIk"])
def test_find_ignores_case_and_accents_and_groups_by_the_top_of_the_main_links(tmp_path, text):
    export = write(tmp_path, "office.yaml", OFFICE)
    result = run_cli(export, "--find", text)
    assert result.returncode == 0, result.stderr
    rows = [line.split()[0] for line in result.stdout.splitlines()[1:4]]
    # the person's own record first, then the others; J-2 hangs under J-1, which hangs under 10003
    assert rows == ["10003", "J-1", "J-2"]
    assert all(line.rstrip().endswith("José Çelik (10003)") for line in result.stdout.splitlines()[1:4])


def test_find_matches_ids_and_names_with_runs_of_spaces_and_shows_values_safely(tmp_path):
    export = write(tmp_path, "office.yaml", OFFICE)
    result = run_cli(export, "--find", "mieke jansen")
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:3]] == ["10004", "M-1"]
    assert " Nee " in result.stdout
    assert run_cli(export, "--find", "0012").stdout.splitlines()[1].startswith("0012 ")
    shown = run_cli(export, "--find", "wis")
    assert shown.returncode == 0
    assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout
    assert "K\\x1b[2J" in shown.stdout and "Wis \\u202eB.V." in shown.stdout


def test_find_says_plainly_when_nothing_matches(tmp_path):
    result = run_cli(SITUATION_4, "--find", "de Boer")
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f'Geen klant of contactpersoon in {SITUATION_4} heeft "de Boer" in de naam of het id.'
    )
    english = run_cli(SITUATION_4, "--find", "de Boer", "--lang", "en")
    assert english.returncode == 1 and "No client or contact in" in english.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((SCENARIOS / "situation-4-p-dies.yaml", "--find", "Vries"), "is a scenario (it has its own events:)"),
        ((SITUATION_4, "--find", " "), "--find needs some text"),
        ((SITUATION_4, "--find", "Vries", "--format", "json"), "--find prints a table"),
        ((SITUATION_4, "--find", "Vries", "--decide", "P=keep"), "--find prints a table"),
        (("--check", SCENARIOS, "--find", "Vries"), "not --check"),
    ],
)
def test_find_goes_with_an_export_alone(args, message):
    assert message in refused(*args)
