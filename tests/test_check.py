"""``plan-removal --check`` as a firm's CI runs it."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

from conftest import SCENARIOS, diff_fixtures, run_cli, scenario_files


def copy_scenarios(tmp_path):
    target = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, target)
    return target


def test_shipped_scenarios_pass_strictly():
    result = run_cli("--check", "--strict", SCENARIOS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 mislukt" in result.stdout.splitlines()[-1]


def test_a_wrong_expected_plan_fails_naming_the_fixture(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "situation-4-p-dies.yaml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("    - client_off: P\n", ""), encoding="utf-8")
    result = run_cli("--check", scenarios)
    assert result.returncode == 1
    (line,) = [l for l in result.stdout.splitlines() if "expect-plan" in l]
    assert line.startswith(f"{fixture}:")
    assert "[fout] expect-plan: het plan wijkt af van expect.plan bij stap 3" in line
    assert "1 mislukt" in result.stdout.splitlines()[-1]


def test_a_wrong_expected_finding_fails_at_its_line(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "proposed-unlink-first.yaml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("[new-login@1]", "[new-login@2]"), encoding="utf-8")
    line_no = text.splitlines().index("  findings: [new-login@1]") + 1
    result = run_cli("--check", scenarios, "--lang", "en")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(l.startswith(f"{fixture}:{line_no}:") and "expected new-login@2 did not occur" in l for l in lines)
    # the finding that does occur and is no longer listed is reported at the proposed step
    step_line = text.splitlines().index("proposed:") + 2
    assert any(l.startswith(f"{fixture}:{step_line}:") and "[error] new-login:" in l for l in lines)


def test_a_broken_fixture_is_reported_and_the_others_still_checked(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    (scenarios / "broken.yaml").write_text("events:\n  - death: {person: NOBODY}\nexport: exports/situation-4.yaml\n")
    result = run_cli("--check", scenarios)
    assert result.returncode == 1
    assert any(l.startswith(f"{scenarios / 'broken.yaml'}:2:") for l in result.stdout.splitlines())
    checked = len(scenario_files()) + len(diff_fixtures()) + 1
    assert f"{checked} bestanden gecontroleerd, 1 mislukt" in result.stdout.splitlines()[-1]


def test_a_misspelt_scenario_is_not_skipped(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    (scenarios / "typo.yaml").write_text("export: exports/situation-4.yaml\nevent:\n  - death: {person: P}\n")
    result = run_cli("--check", scenarios)
    assert result.returncode == 1
    assert f"{scenarios / 'typo.yaml'}:1:1: [fout] not-a-scenario" in result.stdout


def test_strict_makes_unlisted_warnings_fail(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "situation-1-last-user-dies-keep.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("  findings: [orphaned-client]\n", ""))
    assert run_cli("--check", scenarios).returncode == 0
    strict = run_cli("--check", "--strict", scenarios)
    assert strict.returncode == 1
    assert "[waarschuwing] orphaned-client" in strict.stdout


def test_github_annotations_and_junit_xml(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "situation-4-p-dies.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("    - client_off: P\n", ""))
    report = tmp_path / "junit.xml"
    result = run_cli("--check", "--format", "github", "--junit-xml", report, scenarios)
    assert result.returncode == 1
    assert any(l.startswith(f"::error file={fixture},line=") and "title=expect-plan::" in l for l in result.stdout.splitlines())
    suite = ET.parse(report).getroot()
    assert suite.get("tests") == str(len(scenario_files()) + len(diff_fixtures())) and suite.get("failures") == "1"
    (failed,) = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed.get("name") == str(fixture)


def test_check_without_paths_is_a_usage_error():
    result = run_cli("--check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_an_exports_registration_findings_are_reported_once_at_the_export(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "registration-problems.yaml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(
        text.replace("  findings: [client-without-user, contact-not-synced, duplicate-person]\n", ""),
        encoding="utf-8",
    )
    # a second scenario over the same export
    (scenarios / "second.yaml").write_text(
        text.replace("death: {person: P}", "revoke: {contact: S@C}").split("expect:")[0],
        encoding="utf-8",
    )
    export = scenarios / "exports" / "registration-problems.yaml"
    result = run_cli("--check", scenarios)
    assert result.returncode == 0
    lines = [l for l in result.stdout.splitlines() if "[waarschuwing]" in l]
    assert len(lines) == 3 and all(l.startswith(f"{export}:") for l in lines)
    strict = run_cli("--check", "--strict", scenarios)
    assert strict.returncode == 1
    assert "1 mislukt" in strict.stdout.splitlines()[-1]


# -- what a firm's CI log says, and where -------------------------------------------------

#: A decision the plan asks for, the event it is about well below line 1.
DECIDING = """\
# P dies; his wife still uses his private cliënt.
description: the plan asks staff to decide
export: exports/partner-on-private-client.yaml

events:
  - death: {person: P}
"""


def failing_fixtures(tmp_path):
    """A folder a firm's CI could meet: a decision to take, a wrong expected
    plan, an unknown code, a misspelt key and an export nobody uses."""
    folder = copy_scenarios(tmp_path)
    (folder / "decide.yaml").write_text(DECIDING, encoding="utf-8")
    fixture = folder / "situation-4-p-dies.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("    - client_off: P\n", ""), encoding="utf-8")
    (folder / "unknown-code.yaml").write_text(
        "export: exports/situation-4.yaml\nevents: [{death: {person: P}}]\nexpect:\n  findings: [new-logn@2]\n")
    (folder / "typo.yaml").write_text("export: exports/situation-4.yaml\nevent:\n  - death: {person: P}\n")
    (folder / "unused.yaml").write_text((folder / "exports" / "situation-1.yaml").read_text(encoding="utf-8"))
    return folder


#: English words of the check's own lines, none of which a Dutch log holds.
ENGLISH = ("checked", "failed", "warning", "[error]", "[info] unused-export: no", "expected", "unknown",
           "did you mean", "configuration file", "differs", "scenario checked", "note")


def test_a_check_log_is_dutch_by_default_and_english_when_asked(tmp_path):
    folder = failing_fixtures(tmp_path)
    dutch = run_cli("--check", folder)
    assert dutch.returncode == 1
    said = "\n".join(re.sub(r"^\S+:\d+:\d+: ", "", line) for line in dutch.stdout.splitlines())
    for word in ENGLISH:
        assert word not in said, word
    assert dutch.stdout.splitlines()[-1] == (
        f"plan-removal: {len(scenario_files()) + len(diff_fixtures()) + 4} bestanden gecontroleerd, 3 mislukt, 1 waarschuwing, "
        "1 opmerking; geen configuratiebestand"
    )
    assert "[fout] expect-findings: onbekende meldingscode „new-logn”; bedoelde u „new-login”?" in dutch.stdout
    assert "[info] unused-export: geen gecontroleerd scenario gebruikt deze export" in dutch.stdout
    english = run_cli("--check", folder, "--lang", "en")
    assert "[error] expect-findings: unknown finding code “new-logn”; did you mean “new-login”?" in english.stdout
    assert english.stdout.splitlines()[-1].endswith("3 failed, 1 warning, 1 note; no configuration file")


def test_a_finding_is_reported_at_the_event_it_is_about_in_every_format(tmp_path):
    folder = copy_scenarios(tmp_path)
    fixture = folder / "decide.yaml"
    fixture.write_text(DECIDING, encoding="utf-8")
    line = DECIDING.splitlines().index("  - death: {person: P}") + 1
    text = run_cli("--check", fixture)
    assert f"{fixture}:{line}:5: [waarschuwing] decision-needed: " in text.stdout
    github = run_cli("--check", fixture, "--format", "github")
    assert f"::warning file={fixture},line={line},col=5,title=decision-needed::" in github.stdout
    (problem,) = json.loads(run_cli("--check", fixture, "--format", "json").stdout)["problems"]
    assert (problem["code"], problem["line"], problem["column"]) == ("decision-needed", line, 5)
    (result,) = json.loads(run_cli("--check", fixture, "--format", "sarif").stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": line, "startColumn": 5}


def test_a_finding_of_several_events_is_at_its_own_and_a_decision_taken_at_its_entry(tmp_path):
    folder = copy_scenarios(tmp_path)
    two = folder / "two.yaml"
    two.write_text(
        "export: exports/partner-on-private-client.yaml\n"
        "events:\n"
        "  - revoke: {contact: S@A}\n"
        "  - death: {person: P}\n",
        encoding="utf-8",
    )
    lines = run_cli("--check", two, "--lang", "en").stdout.splitlines()
    assert any(l.startswith(f"{two}:4:5: [warning] decision-needed:") for l in lines), lines
    decided = folder / "decided.yaml"
    decided.write_text(DECIDING + "decisions:\n  P: remove\n", encoding="utf-8")
    entry = len(DECIDING.splitlines()) + 2
    lines = run_cli("--check", decided, "--lang", "en").stdout.splitlines()
    losses = [l for l in lines if "accepted-loss" in l]
    assert losses and all(l.startswith(f"{decided}:{entry}:3: [info] accepted-loss:") for l in losses), lines
