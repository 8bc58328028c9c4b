"""``--check`` and ``--lint`` as CI systems read them: the JSON report,
SARIF 2.1.0 validated against the standard's schema, ``-o``, ``-q``.

What a report says is held with the command run in this process
(conftest.run_here); that the same fixtures give the same bytes, and what
``-o`` writes, through the installed command.

The SARIF log of the shipped scenarios is left in ``test-artifacts/`` (git
ignores it) for a person to open or upload.
"""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest
from conftest import (
    EXPORTS,
    ROOT,
    SCENARIOS,
    assert_valid_sarif,
    at,
    diff_fixtures,
    run_cli,
    run_here,
    sampled,
    scenario_files,
)

from planner.ci.catalogue import CODES

ARTIFACTS = ROOT / "test-artifacts"


def broken_copy(tmp_path) -> pathlib.Path:
    """The shipped scenarios with one wrong expectation and one misspelt key."""
    scenarios = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, scenarios)
    fixture = scenarios / "proposed-unlink-first.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("[new-login@1]", "[new-login@2]"), encoding="utf-8")
    typo = scenarios / "situation-2-p-dies.yaml"
    typo.write_text(typo.read_text(encoding="utf-8").replace("events:", "evnts:"), encoding="utf-8")
    return scenarios


def test_sarif_of_the_shipped_scenarios_validates_and_is_kept():
    result = run_here("--check", "--format", "sarif", "scenarios", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    log = assert_valid_sarif(result.stdout)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "plan-removal.sarif").write_text(result.stdout, encoding="utf-8")
    (run,) = log["runs"]
    assert run["results"] == [] and run["invocations"] == [{"executionSuccessful": True}]
    # one rule per code, with its --explain text as help and its default level
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c.id for c in CODES]
    explained = run_here("--explain", "new-login", "--lang", "en").stdout
    (new_login,) = [r for r in rules if r["id"] == "new-login"]
    assert new_login["help"]["text"].strip() == explained.strip()
    # plain text, and Markdown for a viewer that shows it: never reStructuredText
    for rule in rules:
        assert "``" not in rule["help"]["text"] + rule["fullDescription"]["text"] + rule["shortDescription"]["text"]
        assert "::\n" not in rule["help"]["text"] and "``" not in rule["help"]["markdown"].replace("```", "")
    assert new_login["defaultConfiguration"] == {"level": "error"}
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert levels["order"] == "warning" and levels["no-op"] == "note" and levels["unused-export"] == "note"


def test_sarif_results_point_at_file_line_and_column(tmp_path):
    scenarios = broken_copy(tmp_path)
    result = run_here("--check", "--format", "sarif", "scenarios", cwd=tmp_path)
    assert result.returncode == 1
    log = assert_valid_sarif(result.stdout)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    located = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    }
    text = (scenarios / "proposed-unlink-first.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index("  findings: [new-login@2]") + 1
    assert ("expect-findings", "scenarios/proposed-unlink-first.yaml", line) in located
    assert ("not-a-scenario", "scenarios/situation-2-p-dies.yaml", 1) in located
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    # the single run's "did you mean" is in the message
    assert any("bedoelde u „events”?" in r["message"]["text"] for r in run["results"])


def test_sarif_says_how_the_configuration_changed_levels(tmp_path):
    broken_copy(tmp_path)
    (tmp_path / ".plan-removal.yaml").write_text(
        "rules:\n  not-a-scenario: {level: warning}\n  expect-findings: {level: off}\n  new-login: {level: warning}\n"
    )
    result = run_here("--check", "--format", "sarif", "scenarios", cwd=tmp_path)
    log = assert_valid_sarif(result.stdout)
    (run,) = log["runs"]
    overrides = {o["descriptor"]["id"]: o["configuration"] for o in run["invocations"][0]["ruleConfigurationOverrides"]}
    assert overrides == {"new-login": {"level": "warning"}, "not-a-scenario": {"level": "warning"},
                         "expect-findings": {"enabled": False}}
    assert {r["ruleId"] for r in run["results"]} == {"new-login", "not-a-scenario"}
    assert all(r["level"] == "warning" for r in run["results"])
    assert result.returncode == 0  # nothing of level error is left
    assert run_here("--check", "--strict", "scenarios", cwd=tmp_path).returncode == 1


def test_sarif_of_lint_and_of_a_file_that_cannot_be_read(tmp_path):
    result = run_here("--lint", "--format", "sarif", EXPORTS / "registration-problems.yaml", tmp_path / "nowhere.yaml")
    assert result.returncode == 2
    (run,) = assert_valid_sarif(result.stdout)["runs"]
    assert run["invocations"][0]["executionSuccessful"] is False
    codes = [r["ruleId"] for r in run["results"]]
    assert codes.count("input") == 1 and {"client-without-user", "duplicate-person"} <= set(codes)
    absolute = [r for r in run["results"] if r["ruleId"] == "input"][0]
    assert absolute["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")


def test_json_report_is_the_documented_format(tmp_path):
    scenarios = broken_copy(tmp_path)
    result = run_here("--check", "--format", "json", "scenarios", cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"format", "configuration", "problems", "summary"}
    assert report["format"] == "plan-removal-check/1"
    assert report["configuration"] is None  # no .plan-removal.yaml up to the temporary folder
    assert report["summary"] == {"files": len(scenario_files()) + len(diff_fixtures()), "failed": 2, "error": 4, "warning": 0, "info": 0}
    for problem in report["problems"]:
        assert set(problem) == {"path", "line", "column", "code", "severity", "message"}
    (wrong,) = [p for p in report["problems"] if p["code"] == "expect-findings"]
    assert wrong["path"] == str(pathlib.Path("scenarios") / "proposed-unlink-first.yaml")
    line, column = at((scenarios / "proposed-unlink-first.yaml").read_text(encoding="utf-8"), "new-login@2")
    assert (wrong["line"], wrong["column"], wrong["severity"]) == (line, column, "error")
    # stable English codes and keys; the message in the language asked for (Dutch by default)
    assert "de verwachte melding new-login@2 kwam niet voor" in wrong["message"]
    english = json.loads(run_here("--check", "--format", "json", "--lang", "en", "scenarios", cwd=tmp_path).stdout)
    (wrong,) = [p for p in english["problems"] if p["code"] == "expect-findings"]
    assert "expected new-login@2 did not occur" in wrong["message"]
    # the text report says the same, line for line
    text = run_here("--check", "--lang", "en", "scenarios", cwd=tmp_path).stdout.splitlines()
    assert [f"{p['path']}:{p['line']}:{p['column']}: [{p['severity']}] {p['code']}: {p['message']}"
            for p in english["problems"]] == text[:-1]


def test_lint_json_of_a_folder():
    result = run_here("--lint", "--format", "json", EXPORTS)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(list(EXPORTS.glob("*.yaml")))
    assert {p["code"] for p in report["problems"]} == {"client-without-user", "contact-not-synced", "duplicate-person"}


@pytest.mark.parametrize("fmt", sampled(["text", "github", "json", "sarif"], {"sarif"}))
def test_same_fixtures_same_bytes(tmp_path, fmt):
    broken_copy(tmp_path)
    first = run_cli("--check", "--format", fmt, "scenarios", cwd=tmp_path)
    second = run_cli("--check", "--format", fmt, "scenarios", cwd=tmp_path)
    assert first.returncode == 1 and first.stdout == second.stdout


def test_output_file_for_a_report_and_never_over_an_input(tmp_path):
    broken_copy(tmp_path)
    result = run_cli("--check", "--format", "sarif", "-o", "out/plan-removal.sarif", "scenarios", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert_valid_sarif((tmp_path / "out" / "plan-removal.sarif").read_text(encoding="utf-8"))
    fixture = tmp_path / "scenarios" / "situation-4-p-dies.yaml"
    before = fixture.read_bytes()
    refused = run_cli("--check", "-o", fixture, "scenarios", cwd=tmp_path)
    assert refused.returncode == 2 and "dat zou het invoerbestand scenarios/" in refused.stderr
    export = EXPORTS / "registration-problems.yaml"
    refused = run_cli("--lint", "-o", export, export, "--lang", "en")
    assert refused.returncode == 2 and "would overwrite the input file" in refused.stderr
    assert fixture.read_bytes() == before


def test_quiet_prints_the_problems_alone(tmp_path):
    broken_copy(tmp_path)
    shutil.copy(EXPORTS / "situation-2.yaml", tmp_path / "scenarios" / "spare.yaml")
    loud = run_here("--check", "scenarios", cwd=tmp_path).stdout.splitlines()
    quiet = run_here("--check", "-q", "scenarios", cwd=tmp_path)
    assert quiet.returncode == 1
    assert any("[info] unused-export" in line for line in loud) and loud[-1].startswith("plan-removal:")
    assert quiet.stdout.splitlines() == [line for line in loud[:-1] if "[info]" not in line]
    assert run_here("-q", SCENARIOS / "situation-2-p-dies.yaml").returncode == 2  # a checklist is not a report


def test_check_formats_are_refused_for_a_checklist_and_the_reverse():
    result = run_here(SCENARIOS / "situation-2-p-dies.yaml", "--format", "sarif", "--lang", "en")
    assert result.returncode == 2 and "--format sarif goes with --check or --lint" in result.stderr
    result = run_here("--check", "--format", "html", SCENARIOS, "--lang", "en")
    assert result.returncode == 2 and "not --check (which writes text, github, json or sarif)" in result.stderr
    result = run_here("--check", "--format", "html", SCENARIOS)
    assert result.stderr == ("Fout: --format html hoort bij een SCENARIO.yaml, - (een scenario via standaardinvoer), "
                             "een verzoek op een EXPORT.yaml of plan-removal diff, niet bij --check (dat schrijft "
                             "text, github, json of sarif)\n")
