"""``plan-removal --check`` as a firm's CI runs it."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

from conftest import SCENARIOS, run_cli, scenario_files


def copy_scenarios(tmp_path):
    target = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, target)
    return target


def test_shipped_scenarios_pass_strictly():
    result = run_cli("--check", "--strict", SCENARIOS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 failed" in result.stdout.splitlines()[-1]


def test_a_wrong_expected_plan_fails_naming_the_fixture(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "situation-4-p-dies.yaml"
    text = fixture.read_text(encoding="utf-8")
    fixture.write_text(text.replace("    - client_off: P\n", ""), encoding="utf-8")
    result = run_cli("--check", scenarios)
    assert result.returncode == 1
    (line,) = [l for l in result.stdout.splitlines() if "expect-plan" in l]
    assert line.startswith(f"{fixture}:")
    assert "[error] expect-plan: the plan differs from expect.plan at step 3" in line
    assert "1 failed" in result.stdout.splitlines()[-1]


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
    checked = len(scenario_files()) + 1
    assert f"{checked} file(s) checked, 1 failed" in result.stdout.splitlines()[-1]


def test_a_misspelt_scenario_is_not_skipped(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    (scenarios / "typo.yaml").write_text("export: exports/situation-4.yaml\nevent:\n  - death: {person: P}\n")
    result = run_cli("--check", scenarios)
    assert result.returncode == 1
    assert f"{scenarios / 'typo.yaml'}:1:1: [error] not-a-scenario" in result.stdout


def test_strict_makes_unlisted_warnings_fail(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "situation-1-last-user-dies-keep.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("  findings: [orphaned-client]\n", ""))
    assert run_cli("--check", scenarios).returncode == 0
    strict = run_cli("--check", "--strict", scenarios)
    assert strict.returncode == 1
    assert "[warning] orphaned-client" in strict.stdout


def test_github_annotations_and_junit_xml(tmp_path):
    scenarios = copy_scenarios(tmp_path)
    fixture = scenarios / "situation-4-p-dies.yaml"
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("    - client_off: P\n", ""))
    report = tmp_path / "junit.xml"
    result = run_cli("--check", "--format", "github", "--junit-xml", report, scenarios)
    assert result.returncode == 1
    assert any(l.startswith(f"::error file={fixture},line=") and "title=expect-plan::" in l for l in result.stdout.splitlines())
    suite = ET.parse(report).getroot()
    assert suite.get("tests") == str(len(scenario_files())) and suite.get("failures") == "1"
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
    lines = [l for l in result.stdout.splitlines() if "[warning]" in l]
    assert len(lines) == 3 and all(l.startswith(f"{export}:") for l in lines)
    strict = run_cli("--check", "--strict", scenarios)
    assert strict.returncode == 1
    assert "1 failed" in strict.stdout.splitlines()[-1]
