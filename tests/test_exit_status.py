"""One table of exit statuses for every mode, as a firm's CI reads them:
0 ok, 1 findings or a failed fixture, 2 an input that cannot be used or a
usage mistake (also under --check and --lint), 3 a bug — never 1."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import EXPORTS, ROOT, SCENARIOS, diff_fixtures, run_cli, scenario_files

from planner.cli.exits import TABLE
from planner.text.messages import translations

SCENARIO = SCENARIOS / "situation-4-p-dies.yaml"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_table_is_in_the_readme_and_in_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    helped = flat(run_cli("--help", "--lang", "en").stdout)
    dutch = flat(run_cli("--help").stdout)
    assert "Exit status, the same in every mode:" in helped and "Afsluitstatus, in elke modus dezelfde:" in dutch
    for status, meaning in TABLE:
        assert f"| {status} | {meaning} |" in readme
        assert flat(f"{status} {meaning}") in helped
        assert flat(f"{status} {translations('nl').gettext(meaning)}") in dutch


@pytest.mark.parametrize(
    "args",
    [("{missing}",), ("--check", "{missing}"), ("--check", "{missing}", "{scenarios}"),
     ("--lint", "{missing}"), ("--lint", "{missing}", "{export}")],
    ids=["plan", "check", "check among others", "lint", "lint among others"],
)
def test_a_missing_file_is_2_in_every_mode(tmp_path, args):
    values = {"missing": tmp_path / "missing.yaml", "scenarios": SCENARIOS, "export": EXPORTS / "situation-4.yaml"}
    result = run_cli(*(a.format(**values) for a in args))
    assert result.returncode == 2
    said = result.stdout + result.stderr
    assert f"{tmp_path / 'missing.yaml'}: bestand niet gevonden" in said and "Traceback" not in said
    if "{scenarios}" in args:  # the others were still checked
        assert f"{len(scenario_files()) + len(diff_fixtures()) + 1} bestanden gecontroleerd" in result.stdout


def test_a_fixture_naming_a_missing_or_unreadable_export_is_2_under_check(tmp_path):
    (tmp_path / "gone.yaml").write_text("export: gone-export.yaml\nevents: [{death: {person: P}}]\n")
    os.mkfifo(tmp_path / "pipe-export.yaml")
    (tmp_path / "pipe.yaml").write_text("export: pipe-export.yaml\nevents: [{death: {person: P}}]\n")
    for name in ("gone.yaml", "pipe.yaml"):
        single = run_cli(tmp_path / name)
        checked = run_cli("--check", tmp_path / name)
        assert single.returncode == checked.returncode == 2, checked.stdout
        assert "export: " not in checked.stdout and ":1:9: [fout] input:" in checked.stdout


def test_a_broken_fixture_fails_the_check_while_a_single_run_refuses_it(tmp_path):
    (tmp_path / "typo.yaml").write_text(
        "export: exports/situation-4.yaml\nevents: [{death: {persn: P}}]\n", encoding="utf-8"
    )
    shutil.copytree(EXPORTS, tmp_path / "exports")
    assert run_cli(tmp_path / "typo.yaml").returncode == 2
    checked = run_cli("--check", tmp_path / "typo.yaml")
    assert checked.returncode == 1
    assert "bedoelde u „person”?" in checked.stdout


def test_a_named_pipe_given_to_lint_is_2(tmp_path):
    os.mkfifo(tmp_path / "export.yaml")
    result = run_cli("--lint", tmp_path / "export.yaml", "--lang", "en")
    assert result.returncode == 2 and "is a named pipe" in result.stdout


def test_lint_takes_folders_like_check(tmp_path):
    shutil.copytree(SCENARIOS, tmp_path / "scenarios")
    (tmp_path / "scenarios" / "notes.yaml").write_text("agenda: [one, two]\n")  # no export: not linted
    result = run_cli("--lint", "scenarios", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    linted = len(list(EXPORTS.glob("*.yaml")))
    # registration-problems.yaml has 3; situation-4-b-off.yaml (company B off) leaves 2 contacts unsynced
    assert f"{linted} bestanden gecontroleerd, 0 mislukt, 5 waarschuwingen" in result.stdout
    (tmp_path / "scenarios" / "exports" / "cycle.yaml").write_text(
        "clients: [{id: P, type: person, client_online: Ja}]\n"
        "contacts:\n"
        "  - {id: X, client: P, main: Y, client_online: Ja}\n"
        "  - {id: Y, client: P, main: X, client_online: Ja}\n"
    )
    result = run_cli("--lint", "scenarios", cwd=tmp_path)
    assert result.returncode == 1 and "[fout] main-cycle" in result.stdout
    assert run_cli("--lint", tmp_path / "scenarios" / "notes.yaml").returncode == 2  # given, it is linted
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("--lint", empty)
    assert result.returncode == 2 and "geen export gevonden onder de gegeven paden" in result.stderr


#: Runs the command as its console script does, with the planner broken.
BROKEN = """
import sys
import planner.ci.check, planner.plan.graph
def boom(*args, **kwargs):
    raise RuntimeError("a bug planted by the test")
planner.ci.check.make_plan = boom
planner.ci.check.lint = boom
planner.plan.graph.plan = boom
sys.argv = ["plan-removal", *sys.argv[1:]]
from planner.cli.command import main
main()
"""


def run_broken(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BROKEN, *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("args", [(SCENARIO,), ("--check", SCENARIOS), ("--lint", EXPORTS / "situation-4.yaml")],
                         ids=["plan", "check", "lint"])
def test_a_bug_is_3_with_one_line_asking_for_a_report_and_the_traceback(args):
    result = run_broken(*args)
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    assert lines[0].startswith("plan-removal: interne fout: dit is een fout in plan-removal zelf")
    assert "Meld de fout alstublieft" in lines[0]
    english = run_broken(*args, "--lang", "en").stderr.splitlines()
    assert english[0].startswith("plan-removal: internal error: this is a bug in plan-removal")
    assert "Please report it" in english[0]
    assert "Traceback (most recent call last):" in result.stderr
    assert "RuntimeError: a bug planted by the test" in result.stderr


def test_a_bug_under_check_leaves_a_valid_report(tmp_path):
    result = run_broken("--check", "--format", "json", SCENARIOS)
    assert result.returncode == 3
    report = json.loads(result.stdout)
    assert {p["code"] for p in report["problems"]} == {"internal-error"}
    # every file that plans fails: the scenarios, and the diff fixtures with a request
    planning = [f for f in diff_fixtures() if "\n  request:" in f.read_text(encoding="utf-8")]
    assert report["summary"]["failed"] == len(scenario_files()) + len(planning)


@pytest.mark.parametrize(
    "args, message",
    [
        (("--check",), "--check needs at least one path"),
        (("--lint",), "--lint needs at least one path"),
        (("--check", "--lint", "x"), "--check and --lint are two runs"),
        (("--list-rules", "x.yaml"), "--list-rules takes no paths"),
        (("--check", "-", "x"), "--check reads - (standard input) alone"),
        (("--find", "x", "-"), "- (standard input) goes with a single scenario, --check or --lint, not --find"),
        (("--lint", "--junit-xml", "r.xml", "x"), "--junit-xml goes with --check"),
        (("--bogus",), "there is no option --bogus"),
        (("--format", "pdf", "x"), "--format takes github, html, json, markdown, sarif or text, not “pdf”"),
        (("--check=yes", "x"), "--check takes no value"),
        (("x", "--death"), "--death needs a value"),
        (("--jobs", "0", "x"), "--jobs takes a whole number of at least 1, not “0”"),
        (("import", "--contacts", "c.csv"), "--clients is required"),
        (("import", "extra.yaml", "--clients", "k.csv"), "plan-removal import takes no paths"),
    ],
)
def test_usage_mistakes_are_2_without_a_traceback(args, message):
    subcommand = args[:1] if args[:1] == ("import",) else ()
    result = run_cli(*subcommand, "--lang", "en", *args[len(subcommand):])
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_usage_mistake_is_said_in_dutch_by_default_and_in_english_when_asked():
    dutch = run_cli("--bogus", "x")
    assert dutch.returncode == 2
    assert dutch.stderr == (
        "Gebruik: plan-removal [OPTIES] [PADEN]...\n"
        "Zie „plan-removal -h” voor hulp.\n"
        "Fout: de optie --bogus bestaat niet; bedoelde u --jobs?\n"
    )
    # --lang is read from the command line even when click stops before it
    english = run_cli("--bogus", "x", "--lang", "en")
    assert english.returncode == 2
    assert english.stderr == (
        "Usage: plan-removal [OPTIONS] [PATHS]...\n"
        "Try “plan-removal -h” for help.\n"
        "Error: there is no option --bogus; did you mean --jobs?\n"
    )
    wrong = run_cli("--check", "--lint", "x")
    assert wrong.stderr == "Fout: --check en --lint zijn twee verschillende opdrachten: geef er één\n"
    request = run_cli(EXPORTS / "situation-4.yaml", "--revoke", "Q")
    assert request.returncode == 2 and request.stderr.startswith(
        "plan-removal: --revoke „Q”: „Q” is een klant, geen contactpersoon")


def test_check_keeps_the_single_runs_did_you_mean(tmp_path):
    text = "export: exports/situation-4.yaml\nevnts:\n  - death: {person: P}\n"
    (tmp_path / "typo.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(EXPORTS, tmp_path / "exports")
    single = run_cli("typo.yaml", cwd=tmp_path).stderr.splitlines()
    checked = run_cli("--check", ".", cwd=tmp_path)
    assert checked.returncode == 1
    for said in single:
        mark, message = re.match(r"(\S+:\d+:\d+): (.*)", said).groups()
        assert f"{mark}: [fout] not-a-scenario: {message}" in checked.stdout.splitlines()
    assert any("bedoelde u „events”?" in said for said in single)
