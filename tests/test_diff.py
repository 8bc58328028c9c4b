"""``plan-removal diff``: what Cliënt Online did between two exports, as an
office reads it the same day, through the installed command."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import EXPORTS, SCENARIOS, run_cli

SITUATION_4 = EXPORTS / "situation-4.yaml"


def diff(*args, cwd=None, env=None):
    return run_cli("diff", *map(str, args), cwd=cwd, env=env)


def diff_json(*args, cwd=None) -> tuple[int, dict]:
    result = diff(*args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def codes(report: dict) -> list[tuple[str, str, str]]:
    return [(f["code"], f["severity"], f["subject"]) for f in report["findings"]]


def events(report: dict) -> set[tuple]:
    found = {(e["event"], e.get("login"), e.get("client")) for p in report["people"] for e in p["events"]}
    return found | {(e["event"], e.get("login"), e.get("client")) for e in report["clients"]}


def test_a_contact_unlinked_while_on_the_portal_is_an_error_naming_the_person_and_the_address():
    status, report = diff_json(SITUATION_4, EXPORTS / "situation-4-p-at-a-unlinked.yaml")
    assert status == 1
    assert codes(report) == [("login-for-known-person", "error", "P")]
    (person,) = report["people"]
    assert person["person"] == "P" and person["new"] is False
    assert {"event": "login-created", "login": "P@A", "email": "piet@alfabouw.nl"} in person["events"]
    assert report["changes"] == [{"record": "P@A", "field": "unlink", "before": "P"}]


def test_the_text_says_what_happened_and_what_to_do_in_dutch_without_codes():
    result = diff(SITUATION_4, EXPORTS / "situation-4-p-at-a-unlinked.yaml")
    assert result.returncode == 1
    text = result.stdout
    assert "piet@alfabouw.nl" in text and "Piet de Vries (P@A)" in text
    assert "Autoriteit Persoonsgegevens" in text and "72 uur" in text
    assert "login-for-known-person" not in text
    english = diff(SITUATION_4, EXPORTS / "situation-4-p-at-a-unlinked.yaml", "--lang", "en").stdout
    assert "72 hours" in english and "What to do" in english


def test_after_the_death_checklist_only_revocations_happened():
    before, after = SITUATION_4, EXPORTS / "situation-4-p-died.yaml"
    status, report = diff_json(before, after)
    assert events(report) == {
        ("access-revoked", "P", "A"), ("access-revoked", "P", "B"), ("access-revoked", "P", "P"),
        ("login-removed", "P", None), ("client-removed", None, "P"),
    }
    # Unlinked before switched off, either contact would have mailed: staff can look it up.
    assert status == 0 and codes(report) == [("order-could-mail", "warning", "P")] * 2
    assert {o["login"] for o in report["orders"]} == {"P@A", "P@B"}
    assert diff(before, after, "--strict").returncode == 1


def test_with_the_request_what_its_checklist_announced_is_expected():
    status, report = diff_json(SITUATION_4, EXPORTS / "situation-4-p-died.yaml",
                               "--request", SCENARIOS / "situation-4-p-dies.yaml")
    assert status == 0
    assert all(e["expected"] for p in report["people"] for e in p["events"])
    assert all(e["expected"] for e in report["clients"])
    assert {f["severity"] for f in report["findings"]} == {"info"}
    assert diff(SITUATION_4, EXPORTS / "situation-4-p-died.yaml", "--strict",
                "--request", SCENARIOS / "situation-4-p-dies.yaml").returncode == 0


def test_what_the_request_did_not_announce_keeps_its_level():
    status, report = diff_json(SITUATION_4, EXPORTS / "situation-4-p-ended-p-at-a-unlinked.yaml",
                               "--request", SCENARIOS / "situation-4-p-dies.yaml")
    assert status == 1
    assert ("login-for-leaver", "error", "P") in codes(report)
    created = [e for p in report["people"] for e in p["events"] if e["event"] == "login-created"]
    assert created == [{"event": "login-created", "login": "P@A", "email": "piet@alfabouw.nl", "expected": False}]


def test_a_klant_switched_back_on_gives_access_nobody_asked_for():
    status, report = diff_json(EXPORTS / "situation-4-b-off.yaml", SITUATION_4)
    assert status == 1
    assert codes(report) == [("access-without-change", "error", "P"), ("access-without-change", "error", "Q")]
    assert ("client-added", None, "B") in events(report)


def test_identical_exports_say_so(tmp_path):
    copy = tmp_path / "copy.yaml"
    shutil.copyfile(SITUATION_4, copy)
    status, report = diff_json(SITUATION_4, copy)
    assert status == 0 and report["identical"] is True and report["people"] == [] and report["changes"] == []
    assert report["before"]["fingerprint"] == report["after"]["fingerprint"]
    assert "dezelfde" in diff(SITUATION_4, copy).stdout


EXPORT = """format: auditcase-export/1
exported: {date}
clients:
{clients}
contacts:
{contacts}
"""


def write(path, clients, contacts, date="2026-12-06"):
    path.write_text(EXPORT.format(date=date, clients="\n".join(clients) or "  []",
                                  contacts="\n".join(contacts) or "  []"), encoding="utf-8")
    return path


def test_records_in_one_export_only_are_added_or_removed_and_ids_are_text(tmp_path):
    before = write(tmp_path / "before.yaml", [
        '  - {id: "0012", name: Piet, type: person, client_online: Ja, email: piet@example.nl}',
        '  - {id: A, name: Alfa, type: company, client_online: Ja}',
        '  - {id: Z, name: Zulu, type: company, client_online: Ja}',
    ], [
        '  - {id: X, client: A, name: Piet, main: "0012", client_online: Ja}',
        '  - {id: Y, client: Z, name: Yvonne, client_online: Ja}',
    ])
    after = write(tmp_path / "after.yaml", [
        '  - {id: "12", name: Piet, type: person, client_online: Ja, email: piet@example.nl}',
        '  - {id: A, name: Alfa, type: company, client_online: Ja}',
    ], [
        '  - {id: X, client: A, name: Piet, main: "12", client_online: Ja}',
    ], date="2026-12-07")
    status, report = diff_json(before, after)
    fields = {(c["record"], c["field"]) for c in report["changes"]}
    assert {("0012", "removed"), ("12", "added"), ("Z", "removed"), ("Y", "removed")} <= fields
    assert ("client-removed", None, "Z") in events(report) and ("client-added", None, "12") in events(report)
    assert report["before"]["exported"] == "2026-12-06" and report["after"]["exported"] == "2026-12-07"
    assert "6 december 2026" in diff(before, after).stdout


def test_a_new_contact_made_on_the_portal_before_it_is_linked_could_have_mailed(tmp_path):
    person = '  - {id: P, name: Piet, type: person, client_online: Ja, email: piet@example.nl}'
    company = '  - {id: A, name: Alfa, type: company, client_online: Ja}'
    before = write(tmp_path / "before.yaml", [person, company], [])
    after = write(tmp_path / "after.yaml", [person, company], [
        '  - {id: P@A, client: A, name: Piet, email: piet@alfa.nl, main: P, client_online: Ja}',
    ])
    status, report = diff_json(before, after)
    assert status == 0 and codes(report) == [("order-could-mail", "warning", "P@A")]
    (order,) = report["orders"]
    assert [c["field"] for c in order["changes"]] == ["added", "client_online"]
    assert ("access-granted", "P", "A") in events(report)


@pytest.mark.parametrize("broken, where", [
    ("format: auditcase-export/1\nclients: [{id: A, name: Alfa, type: company, client_online: Ja}\n", ":3:"),
    ("format: auditcase-export/1\nclients:\n  - {id: A, name: Alfa, type: firm, client_online: Ja}\n", ":3:"),
])
def test_an_unusable_export_is_exit_status_2_at_its_place(tmp_path, broken, where):
    path = tmp_path / "after.yaml"
    path.write_text(broken, encoding="utf-8")
    result = diff(SITUATION_4, path)
    assert result.returncode == 2 and result.stdout == ""
    assert f"{path}{where}" in result.stderr and "Traceback" not in result.stderr
    missing = diff(SITUATION_4, tmp_path / "nowhere.yaml")
    assert missing.returncode == 2 and "nowhere.yaml" in missing.stderr


def test_a_request_that_names_what_the_older_export_lacks_is_exit_status_2(tmp_path):
    result = diff(EXPORTS / "situation-1.yaml", SITUATION_4, "--request", SCENARIOS / "situation-4-p-dies.yaml")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_the_page_is_self_contained_and_shows_a_hostile_name_as_text(tmp_path):
    before = write(tmp_path / "before.yaml", [
        '  - {id: P, name: "<script>alert(1)</script>", type: person, client_online: Ja}',
        '  - {id: A, name: Alfa, type: company, client_online: Ja}',
    ], ['  - {id: P@A, client: A, name: "<img src=x onerror=alert(1)>", main: P, client_online: Ja}'])
    after = write(tmp_path / "after.yaml", [
        '  - {id: P, name: "<script>alert(1)</script>", type: person, client_online: Ja}',
        '  - {id: A, name: Alfa, type: company, client_online: Ja}',
    ], ['  - {id: P@A, client: A, name: "<img src=x onerror=alert(1)>", client_online: Ja}'])
    page = tmp_path / "diff.html"
    assert diff(before, after, "--format", "html", "-o", page).returncode == 1
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
    assert "Content-Security-Policy" in html and not re.search(r"""(src|href)=["']?https?:""", html)


def test_the_same_input_gives_the_same_bytes(tmp_path):
    env_args = ("--format", "markdown")
    import os
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795824000"}
    first = diff(SITUATION_4, EXPORTS / "situation-4-p-died.yaml", *env_args, env=env).stdout
    again = diff(SITUATION_4, EXPORTS / "situation-4-p-died.yaml", *env_args, env=env).stdout
    assert first == again and "28 november 2026" in first


def test_an_id_that_changes_kind_is_refused_at_the_newer_record(tmp_path):
    person = '  - {id: P, name: Piet, type: person, client_online: Ja}'
    company = '  - {id: A, name: Alfa, type: company, client_online: Ja}'
    xena = '  - {id: X, name: Xena, type: person, client_online: Ja}'
    before = write(tmp_path / "before.yaml", [person, company, xena], [])
    after = write(tmp_path / "after.yaml", [person, company],
                  ['  - {id: X, client: A, name: Xena, main: P, client_online: Ja}'])
    result = diff(before, after)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{after}:7:5: „X” is in de ene export een klant en in de andere een contactpersoon" in result.stderr


def fixture_project(tmp_path, text: str):
    """A project (a .git folder) with situation 4's exports and one diff fixture."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(EXPORTS, tmp_path / "exports")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_diff_fixture_fails_under_check_at_the_lines_it_is_about(tmp_path):
    path = fixture_project(tmp_path, (
        "description: P@A ontkoppeld\n"
        "diff:\n"
        "  before: exports/situation-4.yaml\n"
        "  after: exports/situation-4-p-at-a-unlinked.yaml\n"
        "expect:\n"
        "  findings: [access-without-change]\n"
    ))
    result = run_cli("--check", path, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{path}:6:14: [error] expect-findings: expected access-without-change did not occur " \
           "(found: login-for-known-person)" in lines
    assert any(line.startswith(f"{path}:4:3: [error] login-for-known-person: ") for line in lines)
    # the exports it compares are in use: no unused-export note for them
    folder = run_cli("--check", tmp_path, "--lang", "en", cwd=tmp_path).stdout
    assert "situation-4-p-at-a-unlinked.yaml:1:1: [info] unused-export" not in folder
    assert "situation-1.yaml:1:1: [info] unused-export" in folder
    held = path.read_text(encoding="utf-8").replace("access-without-change", "login-for-known-person")
    path.write_text(held, encoding="utf-8")
    assert run_cli("--check", "--strict", path, cwd=tmp_path).returncode == 0


def test_a_diff_fixture_with_a_missing_export_is_exit_status_2_and_is_no_scenario(tmp_path):
    path = fixture_project(tmp_path, "diff:\n  before: exports/situation-4.yaml\n  after: exports/gone.yaml\n")
    result = run_cli("--check", path, cwd=tmp_path)
    assert result.returncode == 2 and "gone.yaml" in result.stdout and "Traceback" not in result.stdout
    (tmp_path / "elsewhere" / ".git").mkdir(parents=True)
    outside = tmp_path / "elsewhere" / "case.yaml"
    outside.write_text("diff:\n  before: ../exports/situation-4.yaml\n  after: ../exports/situation-4.yaml\n")
    refused = run_cli("--check", outside, cwd=tmp_path)
    assert refused.returncode == 1 and "buiten" in refused.stdout, refused.stdout
    alone = run_cli(path, cwd=tmp_path)
    assert alone.returncode == 2 and "is een diff-fixture" in alone.stderr


def test_the_diff_command_helps_and_refuses_in_the_language_spoken():
    dutch = diff("--help")
    assert dutch.returncode == 0 and "Wat Cliënt Online deed tussen twee exports" in dutch.stdout
    assert "What Cliënt Online did" in diff("--help", "--lang", "en").stdout
    missing = diff(SITUATION_4)
    assert missing.returncode == 2 and missing.stderr.endswith("Fout: AFTER.yaml is verplicht\n")
    wrong = diff(SITUATION_4, SITUATION_4, "--format", "sarif")
    assert wrong.returncode == 2 and "plan-removal diff" in wrong.stderr


def test_a_person_with_many_changes_has_each_change_tried_first_and_last_and_says_so(tmp_path):
    clients = ['  - {id: P, name: Piet, type: person, client_online: Ja}'] + [
        f'  - {{id: K{n}, name: Bedrijf {n}, type: company, client_online: Ja}}' for n in range(6)]
    contacts = [f'  - {{id: P@K{n}, client: K{n}, name: Piet, main: P, client_online: Ja}}' for n in range(6)]
    before = write(tmp_path / "before.yaml", clients, contacts)
    after = write(tmp_path / "after.yaml", clients, [c.replace("main: P, client_online: Ja", "client_online: Nee")
                                                      for c in contacts])
    status, report = diff_json(before, after)  # twelve changes: more than every order is tried for
    assert status == 0 and report["orders_partly_tried"] == ["P"]
    # unlinked before switched off, each contact would have mailed: each one is found
    assert sorted(o["login"] for o in report["orders"]) == [f"P@K{n}" for n in range(6)]
    assert "is niet elke volgorde geprobeerd" in diff(before, after).stdout
