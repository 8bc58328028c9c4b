"""What the command offers a CI script and a shell beside the reports:
a scenario on standard input, colours as the ecosystem agrees on them,
shell completion, and the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess

import yaml
from conftest import EXPORTS, HOSTILE, ROOT, SCENARIOS, installed_command, run_cli

SCENARIO = SCENARIOS / "situation-4-p-dies.yaml"
WITHOUT_EXPORT = "".join(
    line for line in SCENARIO.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("export:")
)


def plan_of(output: str) -> list:
    return [(s["action"], s["target"]) for s in json.loads(output)["plan"]["steps"]]


# -- standard input ----------------------------------------------------------------------


def test_a_scenario_with_its_export_inline_on_standard_input():
    result = run_cli("-", "--lang", "en", input=HOSTILE)
    assert result.returncode == 0, result.stderr
    assert "Scenario: <stdin>" in result.stdout


def test_standard_input_with_export_plans_as_the_file_does():
    from_file = run_cli(SCENARIO, "--format", "json")
    from_stdin = run_cli("-", "--export", EXPORTS / "situation-4.yaml", "--format", "json", input=WITHOUT_EXPORT)
    assert from_stdin.returncode == from_file.returncode == 0, from_stdin.stderr
    assert plan_of(from_stdin.stdout) == plan_of(from_file.stdout)
    assert json.loads(from_stdin.stdout)["scenario"] == "<stdin>"


def test_standard_input_cannot_name_an_export_file():
    text = SCENARIO.read_text(encoding="utf-8")
    result = run_cli("-", input=text)
    assert result.returncode == 2
    line = text.splitlines().index("export: exports/situation-4.yaml") + 1
    assert result.stderr.startswith(f"<stdin>:{line}:9: een scenario van standaardinvoer heeft geen map")
    assert "--export FILE" in result.stderr
    both = run_cli("-", "--export", EXPORTS / "situation-4.yaml", input=text)
    assert both.returncode == 2 and f"<stdin>:{line}:1: de export is gegeven met --export" in both.stderr
    nothing = run_cli("-", input="events: [{death: {person: P}}]\n")
    assert nothing.returncode == 2 and "verwacht: --export FILE of „clients” in het scenario zelf" in nothing.stderr


def test_standard_input_mistakes_are_2():
    missing = run_cli("-", "--export", "nowhere.yaml", input=WITHOUT_EXPORT)
    assert missing.returncode == 2 and "nowhere.yaml: bestand niet gevonden" in missing.stderr
    big = run_cli("-", "--max-input-size", "1", input=HOSTILE + "#" * 2**20)
    assert big.returncode == 2 and "<stdin>: is groter dan 1,0 MB" in big.stderr
    assert run_cli("-", input="").returncode == 2
    alone = run_cli(SCENARIO, "--export", EXPORTS / "situation-4.yaml")
    assert alone.returncode == 2 and "--export hoort bij -" in alone.stderr
    closed = subprocess.run([installed_command(), "-"], capture_output=True, text=True, preexec_fn=lambda: os.close(0))
    assert closed.returncode == 2 and closed.stderr == "plan-removal: <stdin>: kan niet worden gelezen: de invoer is gesloten\n"


def test_check_reads_one_scenario_on_standard_input_as_the_scenario_form_does():
    warns = HOSTILE.replace("client_online: Ja}\n", "client_online: Nee}\n", 1)
    inline = run_cli("--check", "-", "--lang", "en", input=warns)
    assert inline.returncode == 0, inline.stdout + inline.stderr
    assert inline.stdout.startswith("<stdin>:") and "[warning] contact-not-synced" in inline.stdout
    assert inline.stdout.splitlines()[-1].startswith("plan-removal: 1 file checked, 0 failed, ")
    # its export given with --export, as plan-removal - --export takes it; a wrong expectation fails it
    text = SCENARIO.read_text(encoding="utf-8")
    given = run_cli("--check", "-", "--export", EXPORTS / "situation-4.yaml", "--format", "json",
                    input=WITHOUT_EXPORT.replace("    - client_off: P\n", ""))
    assert given.returncode == 1, given.stderr
    (problem,) = json.loads(given.stdout)["problems"]
    assert (problem["path"], problem["code"]) == ("<stdin>", "expect-plan")
    assert run_cli("--check", "-", "--export", EXPORTS / "situation-4.yaml", input=WITHOUT_EXPORT).returncode == 0
    # a scenario on standard input has no folder to find its export file in: said as the scenario form says it
    named = run_cli("--check", "-", input=text)
    line = text.splitlines().index("export: exports/situation-4.yaml") + 1
    assert named.returncode == 1 and named.stdout.startswith(f"<stdin>:{line}:9: [fout] input: een scenario van ")


def test_lint_reads_one_export_on_standard_input():
    export = (EXPORTS / "registration-problems.yaml").read_text(encoding="utf-8")
    linted = run_cli("--lint", "-", input=export)
    from_file = run_cli("--lint", EXPORTS / "registration-problems.yaml")
    assert linted.returncode == from_file.returncode == 0
    assert linted.stdout == from_file.stdout.replace(str(EXPORTS / "registration-problems.yaml"), "<stdin>")
    assert "[waarschuwing] duplicate-person" in linted.stdout
    broken = run_cli("--lint", "-", input="clients: [\n")
    assert broken.returncode == 2 and broken.stdout.startswith("<stdin>:2:1: [fout] input: ")


def test_standard_input_goes_alone_and_export_with_it():
    mixed = run_cli("--check", "-", SCENARIO)
    assert mixed.returncode == 2
    assert mixed.stderr == ("Fout: --check leest - (standaardinvoer) alleen zonder andere paden: geef - voor één "
                            "bestand via standaardinvoer, of de paden\n")
    export = run_cli("--check", SCENARIO, "--export", EXPORTS / "situation-4.yaml", "--lang", "en")
    assert export.returncode == 2 and "--export goes with - (a scenario read from standard input)" in export.stderr
    lint = run_cli("--lint", "-", "--export", EXPORTS / "situation-4.yaml", "--lang", "en")
    assert lint.returncode == 2 and "not --lint" in lint.stderr
    find = run_cli("-", "--find", "Vries", "--lang", "en")
    assert find.stderr == "Error: - (standard input) goes with a single scenario, --check or --lint, not --find\n"


# -- colour ------------------------------------------------------------------------------


def environment(**values) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, **values}


def test_force_color_colours_check_lines_in_a_ci_log(tmp_path):
    (tmp_path / "hostile.yaml").write_text(HOSTILE.replace("client_online: Ja}\n", "client_online: Nee}\n", 1))
    forced = run_cli("--check", "hostile.yaml", cwd=tmp_path, env=environment(FORCE_COLOR="1"))
    assert "hostile.yaml:5:5: \x1b[33m\x1b[1m[waarschuwing]\x1b[0m contact-not-synced: " in forced.stdout
    # the colours are ours alone: the data's own escape is still shown as text
    assert "\\x1b[31m" in forced.stdout and "\x1b[31mred" not in forced.stdout
    plain = run_cli("--check", "hostile.yaml", cwd=tmp_path, env=environment())
    assert "\x1b" not in plain.stdout
    assert re.sub("\x1b\\[[0-9;]*m", "", forced.stdout) == plain.stdout
    refused = ((environment(FORCE_COLOR="1", NO_COLOR="1"), ()), (environment(FORCE_COLOR="1"), ("--no-color",)))
    for env, args in refused:
        assert "\x1b" not in run_cli("--check", "hostile.yaml", *args, cwd=tmp_path, env=env).stdout
    # never into a file or a machine-readable report
    run_cli("--check", "hostile.yaml", "-o", "report.txt", cwd=tmp_path, env=environment(FORCE_COLOR="1"))
    assert "\x1b" not in (tmp_path / "report.txt").read_text(encoding="utf-8")
    report = run_cli("--check", "hostile.yaml", "--format", "json", cwd=tmp_path, env=environment(FORCE_COLOR="1"))
    assert "\x1b" not in report.stdout


def test_force_color_and_no_color_for_the_checklist():
    assert "\x1b[" in run_cli(SCENARIO, env=environment(FORCE_COLOR="1")).stdout
    assert "\x1b[" not in run_cli(SCENARIO, "--no-color", env=environment(FORCE_COLOR="1")).stdout
    assert "\x1b[" not in run_cli(SCENARIO, env=environment(FORCE_COLOR="")).stdout  # empty is unset


# -- shell completion --------------------------------------------------------------------


def test_shell_completion_as_the_readme_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_PLAN_REMOVAL_COMPLETE=bash_source plan-removal)"' in readme
    script = run_cli(env=environment(_PLAN_REMOVAL_COMPLETE="bash_source"))
    assert script.returncode == 0 and "complete -o" in script.stdout and "plan-removal" in script.stdout
    codes = run_cli(env=environment(
        _PLAN_REMOVAL_COMPLETE="bash_complete", COMP_WORDS="plan-removal --explain expect-", COMP_CWORD="2"
    ))
    assert codes.stdout.split() == ["plain,expect-plan", "plain,expect-findings"]
    options = run_cli(env=environment(
        _PLAN_REMOVAL_COMPLETE="bash_complete", COMP_WORDS="plan-removal --list", COMP_CWORD="1"
    ))
    assert "plain,--list-rules" in options.stdout.split()


# -- pre-commit --------------------------------------------------------------------------


def test_the_pre_commit_hook_runs_the_installed_command_green():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "plan-removal" and hook["language"] == "python"
    assert hook["entry"] == "plan-removal" and hook["pass_filenames"] is False
    command = [installed_command(), *shlex.split(" ".join(hook.get("args", [])))]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
