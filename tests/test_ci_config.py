"""``.plan-removal.yaml``: found as yamllint finds its configuration, or
given with ``--config``; it raises, lowers or switches off a code and
leaves files out; a mistake in it is ``file:line:col`` and exit status 2."""

from __future__ import annotations

import shutil

import pytest
from conftest import EXPORTS, SCENARIOS, at, run_cli, run_here

#: A proposed order that warns (order): it passes, and fails with --strict.
WARNS = """\
export: exports/situation-4.yaml
events: [{death: {person: P}}]
proposed: [{contact_off: P@A}, {contact_off: P@B}, {unlink: P@A}, {unlink: P@B}, {client_off: P}]
"""


@pytest.fixture
def project(tmp_path):
    """A firm's repository: scenarios in a folder, the command run from a
    folder below the configuration."""
    (tmp_path / "scenarios" / "exports").mkdir(parents=True)
    shutil.copy(EXPORTS / "situation-4.yaml", tmp_path / "scenarios" / "exports")
    (tmp_path / "scenarios" / "warns.yaml").write_text(WARNS, encoding="utf-8")
    (tmp_path / "work").mkdir()
    return tmp_path


def check(project, *args, cwd=None):
    """``--check`` as a firm runs it from a folder below the configuration,
    run in this process (conftest.run_here): what it reports is the point."""
    return run_here("--check", *args, "../scenarios", cwd=cwd or project / "work")


def test_the_fixture_warns_without_a_configuration(project):
    result = check(project)
    assert result.returncode == 0 and "[waarschuwing] order:" in result.stdout
    assert check(project, "--strict").returncode == 1


def test_found_in_a_folder_above_the_working_directory(project):
    (project / ".plan-removal.yaml").write_text("rules:\n  order: {level: error}\n", encoding="utf-8")
    result = check(project)
    assert result.returncode == 1 and "[fout] order:" in result.stdout
    # the nearest one wins, as yamllint's does
    (project / "work" / ".plan-removal.yaml").write_text("rules:\n  order: {level: off}\n", encoding="utf-8")
    result = check(project, "--strict")
    assert result.returncode == 0 and "order" not in result.stdout


def test_config_option_names_one_instead(project):
    (project / ".plan-removal.yaml").write_text("rules:\n  order: {level: error}\n", encoding="utf-8")
    (project / "lenient.yaml").write_text("rules:\n  order: {level: info}\n", encoding="utf-8")
    result = check(project, "--strict", "--config", "../lenient.yaml")
    assert result.returncode == 0 and "[info] order:" in result.stdout
    missing = check(project, "--config", "../nowhere.yaml")
    assert missing.returncode == 2 and "nowhere.yaml: bestand niet gevonden" in missing.stderr


def test_levels_apply_to_lint_and_list_rules(tmp_path):
    (tmp_path / ".plan-removal.yaml").write_text(
        "rules:\n  duplicate-person: {level: error}\n  client-without-user: {level: 'OFF'}\n", encoding="utf-8"
    )
    export = EXPORTS / "registration-problems.yaml"
    result = run_cli("--lint", export, cwd=tmp_path)
    assert result.returncode == 1
    assert "[fout] duplicate-person" in result.stdout and "client-without-user" not in result.stdout
    listed = run_cli("--list-rules", cwd=tmp_path).stdout.splitlines()
    (line,) = [line for line in listed if line.startswith("duplicate-person ")]
    assert line.split()[1] == "error" and line.endswith("(standaard warning)")
    listed = run_cli("--list-rules", "--lang", "en", cwd=tmp_path).stdout.splitlines()
    (line,) = [line for line in listed if line.startswith("duplicate-person ")]
    assert line.split()[1] == "error" and line.endswith("(default warning)")
    (line,) = [line for line in listed if line.startswith("client-without-user ")]
    assert line.split()[1] == "off"


def test_exclude_leaves_files_out_and_the_configuration_is_never_a_fixture(project):
    drafts = project / "scenarios" / "drafts"
    drafts.mkdir()
    (drafts / "half.yaml").write_text("events: [{death: {person: NOBODY}}]\n", encoding="utf-8")
    (project / "scenarios" / "old.draft.yaml").write_text("not: a scenario\n", encoding="utf-8")
    assert check(project).returncode == 1  # both fail
    config = "exclude:\n  - drafts\n  - '*.draft.yaml'\n"
    (project / ".plan-removal.yaml").write_text(config, encoding="utf-8")
    # a configuration under the paths checked is not taken for a fixture either
    (project / "scenarios" / ".plan-removal.yaml").write_text(config, encoding="utf-8")
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert "1 bestand gecontroleerd" in result.stdout.splitlines()[-1]
    # a pattern with a '/' is matched from the configuration's folder
    (project / "scenarios" / ".plan-removal.yaml").unlink()
    (project / ".plan-removal.yaml").write_text("exclude: [scenarios/drafts/*, scenarios/old*]\n", encoding="utf-8")
    assert check(project).returncode == 0
    (project / ".plan-removal.yaml").write_text("exclude: [work/drafts/*]\n", encoding="utf-8")
    assert check(project).returncode == 1


def test_an_unused_export_is_a_note_unless_the_firm_makes_it_an_error(project):
    shutil.copy(EXPORTS / "situation-4.yaml", project / "scenarios" / "office.yaml")
    result = check(project, "--strict")
    assert result.returncode == 1  # the order warning, not the note
    assert "office.yaml:1:1: [info] unused-export" in result.stdout
    (project / ".plan-removal.yaml").write_text(
        "rules:\n  order: {level: off}\n  unused-export: {level: error}\n", encoding="utf-8"
    )
    result = check(project)
    assert result.returncode == 1 and "[fout] unused-export" in result.stdout


BAD = [
    ("rules:\n  new-logn: {level: error}\n", "new-logn", "unknown code “new-logn” under “rules”; did you mean “new-login”?"),
    ("rules:\n  order: {level: never}\n", "never", "expected error, warning, info or off"),
    ("rules:\n  order: off\n", "off", "expected a mapping {level: error | warning | info | off}"),
    ("rules:\n  order: {levle: off}\n", "levle", "unknown key “levle” in “rules: order”; did you mean “level”?"),
    ("rules:\n  input: {level: off}\n", "input", "the level of “input” cannot be changed"),
    ("exclude: [drafts, [nested]]\n", "[nested]", "“exclude”: expected a file pattern"),
    ("exclude: drafts/*\n", "drafts/*", "“exclude” of the configuration is “drafts/*”; expected a list"),
    ("- rules\n", "-", "expected a plan-removal configuration"),
    ("rule:\n  order: {level: off}\n", "rule", "unknown key “rule” in the configuration; did you mean “rules”?"),
    ("rules: {order: {level: off}\n", None, "plan-removal.yaml:2:"),
    ("rules: !!python/object:os.system {}\n", "!!python", "explicit YAML tags are not supported"),
]


@pytest.mark.parametrize("text, needle, message", BAD, ids=[b[2][:30] for b in BAD])
def test_a_bad_configuration_is_exit_status_2_at_its_line(project, text, needle, message):
    (project / ".plan-removal.yaml").write_text(text, encoding="utf-8")
    for args in (("--check", "../scenarios"), ("--lint", str(EXPORTS / "situation-4.yaml")), ("--list-rules",)):
        result = run_here(*args, "--lang", "en", cwd=project / "work")  # in this process: three runs each
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        (said,) = [said for said in result.stderr.splitlines() if message in said]
        if needle is not None:
            line, col = at(text, needle)
            assert said.startswith(f"../.plan-removal.yaml:{line}:{col}: "), result.stderr


def test_an_empty_or_commented_configuration_sets_nothing(project):
    for text in ("", "# nothing yet\n\n#rules:\n"):
        (project / ".plan-removal.yaml").write_text(text, encoding="utf-8")
        result = check(project)
        assert result.returncode == 0 and "[waarschuwing] order:" in result.stdout


def test_a_bad_configuration_is_said_in_dutch_by_default(project):
    (project / ".plan-removal.yaml").write_text("rules:\n  new-logn: {level: error}\n  input: {level: off}\n")
    said = run_here("--list-rules", cwd=project / "work").stderr.splitlines()
    assert said[0].startswith("../.plan-removal.yaml:2:3: onbekende code „new-logn” onder „rules”; bedoelde u ")
    assert said[1].startswith("../.plan-removal.yaml:3:3: het niveau van „input” kan niet veranderd worden")


def test_a_configuration_never_changes_a_checklist(project):
    """Staff follow the checklist: a CI policy that lowers a code must not
    make an unsafe order look safe."""
    (project / ".plan-removal.yaml").write_text("rules:\n  new-login: {level: off}\n", encoding="utf-8")
    unsafe = SCENARIOS / "proposed-unlink-first.yaml"
    assert run_cli(unsafe, "--lang", "en", cwd=project / "work").returncode == 1
    result = run_cli(unsafe, "--config", "../.plan-removal.yaml", cwd=project / "work")
    assert result.returncode == 2 and "--config hoort bij --check, --lint of --list-rules" in result.stderr
