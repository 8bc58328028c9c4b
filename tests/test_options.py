"""The command's options are declared once (planner/cli/options.py), and one
table says which options each mode takes (planner/cli/options.py): the table
and the commands agree, and every usage mistake is worded from the table."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT, run_cli

from planner.cli.command import command, import_command
from planner.cli.modes import UsageProblem
from planner.cli.options import MODES, Invocation, mode_of
from planner.text.messages import speaking


def parameters(click_command) -> set[str]:
    return {param.name for param in click_command.params if param.name not in ("help", "version")}


def test_the_table_names_every_option_of_the_command_and_no_other():
    main = {key: mode for key, mode in MODES.items() if mode.subcommand is None}
    named = set().union(*(mode.takes | set(mode.asked_by) for mode in main.values()))
    named |= {"fmt", "paths"}  # --format: by each mode's formats; the paths: by each mode's paths
    assert named == parameters(command)
    assert MODES["import"].takes == parameters(import_command)


def test_each_option_is_declared_once_in_options_py():
    for path in sorted((ROOT / "planner").rglob("*.py")):
        if path.name == "options.py" and path.parent.name == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in ("option", "argument"), f"{path}:{node.lineno} declares an option"


SPELLED = {param.name: param.opts[0] for param in command.params}


def check(*given: str, paths=("x.yaml",), fmt="text") -> str:
    return mode_of(Invocation(given=given, spelled=SPELLED, paths=paths, fmt=fmt))


@pytest.mark.parametrize(
    ("given", "paths", "mode"),
    [
        ((), ("x.yaml",), "plan"),
        (("export",), ("-",), "stdin"),
        (("death", "leave", "decide"), ("x.yaml",), "request"),
        (("death", "save"), ("x.yaml",), "save"),
        (("save", "end_client"), ("x.yaml",), "save"),
        (("find", "lang"), ("x.yaml",), "find"),
        (("check", "junit", "quiet"), ("a", "b"), "check"),
        (("lint", "config"), ("a",), "lint"),
        (("listing", "config"), (), "list-rules"),
        (("explain", "no_colour"), (), "explain"),
    ],
)
def test_each_mode_takes_its_options(given, paths, mode):
    assert check(*given, paths=paths) == mode


@pytest.mark.parametrize(
    ("given", "paths", "message"),
    [
        (("find", "death"), ("x.yaml",), "--find and --death are two runs: give one of them"),
        (("leave", "check", "death"), ("x",), "--leave and --check are two runs: give one of them"),
        (("explain", "listing"), (), "--explain and --list-rules are two runs: give one of them"),
        (("lint", "junit"), ("x",), "--junit-xml goes with --check, not --lint"),
        (("listing", "output"), (), ("-o goes with a SCENARIO.yaml, - (a scenario read from standard input), "
                                     "a request on an EXPORT.yaml, --check or --lint, not --list-rules")),
        (("quiet",), ("x.yaml",), "-q goes with --check or --lint, not a SCENARIO.yaml"),
        (("strict", "find"), ("x.yaml",), ("--strict goes with a SCENARIO.yaml, - (a scenario read from standard "
                                           "input), a request on an EXPORT.yaml, --check or --lint, not --find")),
        (("allow_export_outside", "lint"), ("x",), ("--allow-export-outside goes with a SCENARIO.yaml, - (a scenario "
                                                    "read from standard input) or --check, not --lint")),
        (("save",), ("x.yaml",), "--save-scenario saves a request: give it as options (--death ID, --leave ID, ...)"),
        (("death",), ("-",), ("- (standard input) goes with a single scenario, --check or --lint, not a request on "
                              "an EXPORT.yaml")),
        (("check",), ("-", "x"), "--check reads - (standard input) alone: give - for one file on standard input"),
        (("check", "export"), ("x",), "--export goes with - (a scenario read from standard input): --check - --export"),
        (("lint", "export"), ("-",), "--export goes with - (a scenario read from standard input) or --check, not --lint"),
        (("explain",), ("x",), "--explain takes no paths"),
        ((), ("a", "b"), "give exactly one SCENARIO.yaml or EXPORT.yaml, or - for a scenario on standard input"),
    ],
)
def test_a_usage_mistake_is_worded_from_the_table(given, paths, message):
    with pytest.raises(UsageProblem) as raised:
        check(*given, paths=paths)
    assert str(raised.value).startswith(message)


def test_standard_input_is_one_file_for_check_and_lint():
    assert check("check", paths=("-",)) == "check"
    assert check("check", "export", paths=("-",)) == "check"
    assert check("lint", paths=("-",)) == "lint"


def test_a_usage_mistake_is_worded_in_the_language_spoken():
    with speaking("nl"), pytest.raises(UsageProblem) as raised:
        check("quiet", paths=("x.yaml",))
    assert str(raised.value) == "-q hoort bij --check of --lint, niet bij een SCENARIO.yaml"


def test_a_format_is_checked_against_the_mode():
    with pytest.raises(UsageProblem, match=r"--format html goes with .*, not --lint \(which writes text, github"):
        check("lint", "fmt", fmt="html")
    assert check("check", "fmt", fmt="sarif") == "check"


def test_help_is_in_the_language_asked_for():
    dutch = run_cli("--help")
    assert dutch.returncode == 0
    assert dutch.stdout.startswith("Gebruik: plan-removal [OPTIES] [PADEN]...\n\n  Plan de afmelding die een scenario")
    assert "\nOpties:\n" in dutch.stdout and "Toon deze hulp en stop." in dutch.stdout
    flat = " ".join(dutch.stdout.split())
    assert "[standaard: text]" in flat and "[omgevingsvariabele: PLAN_REMOVAL_JOBS; x>=1]" in flat
    english = run_cli("--help", "--lang", "en")
    assert english.stdout.startswith("Usage: plan-removal [OPTIONS] [PATHS]...\n\n  Plan the removal described")
    assert "\nOptions:\n" in english.stdout and "[default: text]" in english.stdout
    assert run_cli("import", "--help").stdout.startswith("Gebruik: plan-removal import [OPTIES]\n\n  Maak van de eigen")
    assert run_cli("--version").stdout.startswith("plan-removal, versie ")
    assert run_cli("--version", "--lang", "en").stdout.startswith("plan-removal, version ")
