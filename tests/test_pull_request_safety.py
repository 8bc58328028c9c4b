"""What CI reads and writes is safe on a pull request (issue 28), tried
through the installed command as someone with write access to a branch
would: file names and keys that are CI runners' workflow commands, outputs
that are symbolic links, a configuration file above the repository, a
saved scenario checked from another folder, a proposed order that repeats
its steps twenty thousand times, a file name that is not UTF-8, and
``--find`` with an accent alone.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import pytest
from conftest import EXPORTS, assert_valid_sarif, installed_command, run_cli, sampled, write
from hypothesis import given, settings
from hypothesis import strategies as st

SITUATION_4 = EXPORTS / "situation-4.yaml"

# -- workflow commands ---------------------------------------------------------------------

#: What a runner trims before it looks for ``::`` (.NET's TrimStart takes
#: every Unicode space), and the invisible characters some trims also take.
TRIMMED = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + "\u180e\u200b\u200c\u200d\u2060\ufeff"
#: A command in the older form, anywhere in a line (GitHub ``##[…]``, Azure
#: Pipelines ``##vso[…]``), as runners match it: without regard to case.
BRACKET = re.compile(r"##[a-z]*\[", re.IGNORECASE)
#: One of our own annotations: every property escaped, then the message.
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^,:\n]*,line=\d+,col=\d+,title=[^,:\n]*::(.*)")


def runner_commands(text: str, annotations: bool = False) -> list[str]:
    """The lines of ``text`` a CI runner would read as a command; with
    ``annotations``, but for our own (whose messages must hold none)."""
    found = []
    for line in text.split("\n"):
        own = ANNOTATION.fullmatch(line) if annotations else None
        rest = own.group(2) if own else line
        if (not own and line.lstrip(TRIMMED).startswith("::")) or BRACKET.search(rest):
            found.append(line)
    return found


#: The three forms of the issue: ``::`` after a space, ``##[error]`` in a
#: key, ``##[stop-commands]`` in a key.
THE_THREE = {
    "colon": " ::warning title=Approved::fixture",
    "bracket": "##[error]forged",
    "stop": "##[stop-commands]TOKEN",
}


def a_fixture_for_each(folder, names: list[str]) -> None:
    """A failing fixture named after each name, and one with each as a key."""
    shutil.copy(SITUATION_4, folder / "export.yaml")
    for n, name in enumerate(names):
        (folder / f"{name}.yaml").write_text(
            "export: export.yaml\nevents:\n  - death: {person: P}\nexpect:\n  plan: []\n", encoding="utf-8"
        )
        (folder / f"key-{n}.yaml").write_text(
            f"export: export.yaml\nevents:\n  - death: {{person: P}}\n{json.dumps(name)}: 1\n", encoding="utf-8"
        )


def assert_no_runner_command_in_any_output(folder) -> None:
    text = run_cli("--check", ".", "--junit-xml", "junit.xml", cwd=folder)
    assert text.returncode == 1, text.stderr
    assert runner_commands(text.stdout) == [] and runner_commands(text.stderr) == []
    assert runner_commands((folder / "junit.xml").read_text(encoding="utf-8")) == []
    quiet = run_cli("--check", ".", "-q", cwd=folder)  # what the pre-commit hook shows, tersely
    assert runner_commands(quiet.stdout) == []
    github = run_cli("--check", ".", "--format", "github", cwd=folder)
    assert github.stdout.count("::error file=") >= 2
    assert runner_commands(github.stdout, annotations=True) == []
    for fmt in ("json", "sarif"):
        report = run_cli("--check", ".", "--format", fmt, cwd=folder)
        assert runner_commands(report.stdout) == []
        json.loads(report.stdout)


def test_the_three_forms_of_the_issue_reach_no_runner(tmp_path):
    a_fixture_for_each(tmp_path, list(THE_THREE.values()))
    assert_no_runner_command_in_any_output(tmp_path)
    lines = run_cli("--check", ".", cwd=tmp_path).stdout.splitlines()
    # Still readable, each: the name and the keys as they are, but for one backslash.
    assert " \\::warning title=Approved::fixture.yaml:5:9: [fout] expect-plan: " in lines[0]
    assert any("onbekende sleutel „##\\[error]forged”" in line for line in lines)
    assert any("onbekende sleutel „##\\[stop-commands]TOKEN”" in line for line in lines)


@pytest.mark.parametrize("fmt", sampled(["text", "markdown", "html", "json"], {"text"}))
def test_a_checklist_whose_description_starts_a_line_with_a_command(tmp_path, fmt):
    """A value the checklist puts at the start of a line (the description),
    on standard output and in a file."""
    shutil.copy(SITUATION_4, tmp_path / "export.yaml")
    write(tmp_path, "s.yaml", 'description: "  ::warning title=Approved::x ##[error]y ##vso[task.complete]"\n'
                              "export: export.yaml\nevents:\n  - death: {person: P}\n")
    shown = run_cli("s.yaml", "--format", fmt, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert runner_commands(shown.stdout) == []
    assert run_cli("s.yaml", "--format", fmt, "-o", f"out.{fmt}", cwd=tmp_path).returncode == 0
    assert runner_commands((tmp_path / f"out.{fmt}").read_text(encoding="utf-8")) == []


def test_a_saved_scenario_holds_ids_that_are_commands_as_the_same_text(tmp_path):
    """YAML the tool writes holds ``##[`` as ``#\\x23[``: the same id, read back."""
    (tmp_path / ".git").mkdir()
    write(tmp_path, "e.yaml", 'clients:\n  - {id: "##[error]P", name: Piet, type: person, client_online: Ja}\n'
                              '  - {id: A, name: Alfa, type: company, client_online: Ja}\ncontacts:\n'
                              '  - {id: P@A, client: A, name: Piet, main: "##[error]P", client_online: Ja}\n')
    saved = run_cli("e.yaml", "--death", "##[error]P", "--save-scenario", "s.yaml", cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert runner_commands(text) == [] and '"#\\x23[error]P"' in text
    assert run_cli("--check", "--strict", "s.yaml", cwd=tmp_path).returncode == 0


#: White space and invisible characters a runner may trim before ``::``.
WHITE = " \t\u00a0\u1680\u2003\u200a\u202f\u205f\u3000\u180e\u200b\u2060\ufeff"
VERBS = ["warning title=Approved", "error", "stop-commands", "notice", "add-mask", "set-output name=x",
         "group", "debug", "save-state name=s", "echo", "add-matcher"]
#: Text around a command in a name: anything a file name can hold.
AROUND = st.text(st.characters(exclude_characters="/\0\n", exclude_categories=("Cs",)), max_size=6)


@st.composite
def forged(draw) -> str:
    """A name built from a workflow-command form: ``::cmd`` after leading
    white space, or ``##[cmd]`` / ``##vso[cmd]`` anywhere."""
    verb = draw(st.sampled_from(VERBS))
    form = draw(st.sampled_from(["colon", "bracket", "vso"]))
    if form == "colon":
        return draw(st.text(st.sampled_from(WHITE), max_size=3)) + f"::{verb}::" + draw(AROUND)
    tag = "##vso[task.setvariable variable=x]" if form == "vso" else f"##[{verb}]"
    tag = "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in tag)
    return draw(AROUND) + tag + draw(AROUND)


@pytest.mark.slow
@settings(max_examples=12)
@given(st.lists(forged(), min_size=1, max_size=3, unique=True))
def test_names_and_keys_made_of_workflow_commands_reach_no_runner(names):
    names = [name for name in names if len(os.fsencode(name)) < 200 and name not in (".", "..")]
    with tempfile.TemporaryDirectory() as folder:
        a_fixture_for_each(pathlib.Path(folder), names)
        assert_no_runner_command_in_any_output(pathlib.Path(folder))


@settings(max_examples=200)
@given(st.lists(st.one_of(forged(), AROUND), min_size=1, max_size=4).map("".join))
def test_neutral_leaves_no_runner_command_in_a_line_a_document_or_json(text):
    """The one neutralising layer on its own, over many more names."""
    from planner.checklist.json_plan import dumps
    from planner.output import neutral

    assert runner_commands(neutral.line(text)) == []
    assert runner_commands(neutral.document(neutral.visible(text))) == []
    document = dumps({"path": text, "message": neutral.visible(text)})
    assert runner_commands(document) == []
    assert json.loads(document)["path"] == text  # JSON keeps the text as it is


# -- outputs that are symbolic links -------------------------------------------------------


@pytest.fixture
def checkout(tmp_path):
    """A repository checked out beside someone else's folder with a script in it."""
    repo, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    (repo / ".git").mkdir(parents=True)
    elsewhere.mkdir()
    deploy = elsewhere / "deploy.sh"
    deploy.write_text("#!/bin/sh\necho deploy\n")
    deploy.chmod(0o755)
    shutil.copy(SITUATION_4, repo / "export.yaml")
    write(repo, "s.yaml", "export: export.yaml\nevents:\n  - death: {person: P}\n")
    return repo


def links_in(repo) -> dict[str, str]:
    """Committed links: one to a file outside, one to a folder outside, and
    dangling ones (a file, a folder) whose targets would be made outside."""
    made = {
        "plan-removal.sarif": "../elsewhere/deploy.sh",
        "reports": "../elsewhere",
        "dangling.sarif": "../nowhere/new.sarif",
        "gone": "../nowhere",
    }
    for name, target in made.items():
        os.symlink(target, repo / name)
    return made


WAYS = {  # how each output option is given a path
    "-o": lambda path: ["--check", "s.yaml", "--format", "sarif", "-o", path],
    "--junit-xml": lambda path: ["--check", "s.yaml", "--junit-xml", path],
    "--save-scenario": lambda path: ["export.yaml", "--death", "P", "--save-scenario", path],
}


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("path", ["plan-removal.sarif", "reports/new.sarif", "dangling.sarif", "gone/new.sarif",
                                  "reports/deploy.sh"])
def test_no_output_through_a_link_out_of_the_tree_or_a_dangling_one(checkout, way, path):
    links_in(checkout)
    before = {p.name: (p.read_bytes(), p.stat().st_mode) for p in (checkout.parent / "elsewhere").iterdir()}
    result = run_cli(*WAYS[way](path), "--lang", "en", cwd=checkout)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert f"cannot write {path}: " in result.stderr, result.stderr  # the path, named
    assert "symbolic link" in result.stderr
    after = {p.name: (p.read_bytes(), p.stat().st_mode) for p in (checkout.parent / "elsewhere").iterdir()}
    assert after == before  # untouched: the same files, bytes and modes
    assert not (checkout.parent / "nowhere").exists()  # nothing made outside


def test_a_link_within_the_working_directory_is_written_through(checkout):
    (checkout / "reports").mkdir()
    (checkout / "reports" / "plan-removal.sarif").write_text("old")
    (checkout / "reports" / "plan-removal.sarif").chmod(0o640)
    os.symlink("reports/plan-removal.sarif", checkout / "plan-removal.sarif")
    os.symlink("reports", checkout / "out")
    assert run_cli("--check", "s.yaml", "--format", "sarif", "-o", "plan-removal.sarif", cwd=checkout).returncode == 0
    assert (checkout / "plan-removal.sarif").is_symlink()
    target = checkout / "reports" / "plan-removal.sarif"
    assert target.read_text().startswith("{") and target.stat().st_mode & 0o777 == 0o640
    assert run_cli("--check", "s.yaml", "--junit-xml", "out/junit.xml", cwd=checkout).returncode == 0
    assert (checkout / "reports" / "junit.xml").is_file()
    assert run_cli("--check", "s.yaml", "-o", os.devnull, cwd=checkout).returncode == 0  # the system's own links


# -- the configuration ---------------------------------------------------------------------

FAILING = """\
export: export.yaml
events:
  - death: {person: P}
proposed:
  - unlink: P@A
  - contact_off: P@A
  - contact_off: P@B
  - client_off: P
  - unlink: P@B
"""
SWITCH_OFF = "rules:\n  new-login: {level: off}\n"


@pytest.fixture
def nested(tmp_path):
    """someone/else/repo: a repository two folders below someone else's
    folder, with a failing fixture (a proposed order that mails a login)."""
    repo = tmp_path / "someone" / "else" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    shutil.copy(SITUATION_4, repo / "export.yaml")
    write(repo, "s.yaml", FAILING)
    return repo


def test_a_configuration_above_the_repository_is_not_obeyed(nested):
    write(nested.parent.parent, ".plan-removal.yaml", SWITCH_OFF)  # two folders above the checkout
    for folder, path in ((nested, "s.yaml"), (nested / "sub", "../s.yaml")):
        result = run_cli("--check", path, cwd=folder)
        assert result.returncode == 1 and "new-login" in result.stdout
        assert result.stdout.splitlines()[-1].endswith("; geen configuratiebestand")


def test_the_configuration_in_use_is_named_in_text_json_and_sarif(nested):
    write(nested, ".plan-removal.yaml", SWITCH_OFF)  # the repository's own, at its root
    text = run_cli("--check", "../s.yaml", cwd=nested / "sub")
    assert text.returncode == 0, text.stdout
    assert text.stdout.splitlines()[-1] == (
        "plan-removal: 1 bestand gecontroleerd, 0 mislukt, 0 waarschuwingen; configuratie: ../.plan-removal.yaml"
    )
    english = run_cli("--check", "../s.yaml", "--lang", "en", cwd=nested / "sub")
    assert english.stdout.splitlines()[-1] == (
        "plan-removal: 1 file checked, 0 failed, 0 warnings; configuration: ../.plan-removal.yaml"
    )
    report = json.loads(run_cli("--check", "../s.yaml", "--format", "json", cwd=nested / "sub").stdout)
    assert report["configuration"] == "../.plan-removal.yaml"
    sarif = assert_valid_sarif(run_cli("--check", "../s.yaml", "--format", "sarif", cwd=nested / "sub").stdout)
    assert sarif["runs"][0]["properties"] == {"configuration": "../.plan-removal.yaml"}
    given = run_cli("--check", "s.yaml", "--config", ".plan-removal.yaml", "--format", "json", cwd=nested)
    assert json.loads(given.stdout)["configuration"] == ".plan-removal.yaml"


def test_the_search_stops_at_the_home_folder_without_a_repository(tmp_path):
    home = tmp_path / "home" / "me"
    work = home / "work"
    work.mkdir(parents=True)
    shutil.copy(SITUATION_4, work / "export.yaml")
    write(work, "s.yaml", FAILING)
    write(tmp_path / "home", ".plan-removal.yaml", SWITCH_OFF)  # above the home folder: not read
    env = {**{k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}, "HOME": str(home)}
    assert run_cli("--check", "s.yaml", cwd=work, env=env).returncode == 1
    write(home, ".plan-removal.yaml", SWITCH_OFF)  # the home folder's own: read
    result = run_cli("--check", "s.yaml", cwd=work, env=env)
    assert result.returncode == 0 and result.stdout.endswith("; configuratie: ../.plan-removal.yaml\n")


def test_a_configuration_that_is_a_named_pipe(nested):
    os.mkfifo(nested.parent.parent / ".plan-removal.yaml")  # above the repository: never opened
    result = run_cli("--check", "s.yaml", cwd=nested, timeout=30)
    assert result.returncode == 1 and "; geen configuratiebestand" in result.stdout
    os.mkfifo(nested / ".plan-removal.yaml")  # the repository's own: an error naming it
    result = run_cli("--check", "s.yaml", "--lang", "en", cwd=nested, timeout=30)
    assert result.returncode == 2 and result.stdout == ""
    assert ".plan-removal.yaml: is a named pipe (FIFO); expected a configuration file" in result.stderr


# -- save, then check, from any folder -----------------------------------------------------


def saved_and_checked(root, save_from, scenario: str) -> list[tuple[str, int, str]]:
    """Save a request from folder ``save_from`` into ``scenario`` (relative to
    the root), run the command it prints where it printed it, and check the
    file from the root, from the scenario's folder and from the export's."""
    export = os.path.relpath(root / "exports" / "office.yaml", save_from)
    target = os.path.relpath(root / scenario, save_from)
    saved = run_cli(export, "--death", "P", "--save-scenario", target, "--lang", "en", cwd=save_from)
    assert saved.returncode == 0, saved.stderr
    printed = saved.stderr.rsplit("Check it with: ", 1)[1].strip()
    ran = [(f"{os.path.relpath(save_from, root)}$ {printed}",
            run_cli(*shlex.split(printed)[1:], cwd=save_from).returncode, "")]
    for folder in (root, (root / scenario).parent, root / "exports"):
        path = os.path.relpath(root / scenario, folder)
        for named in (path, os.path.dirname(path) or "."):
            result = run_cli("--check", "--strict", named, cwd=folder)
            ran.append((f"{os.path.relpath(folder, root)}$ plan-removal --check --strict {named}",
                        result.returncode, result.stdout))
    return ran


@pytest.fixture
def office_repository(tmp_path):
    root = tmp_path / "office"
    (root / ".git").mkdir(parents=True)
    write(root, "exports/office.yaml", SITUATION_4.read_text(encoding="utf-8"))
    (root / "plans" / "saved").mkdir(parents=True)
    return root


@pytest.mark.parametrize("save_from", sampled([".", "plans/saved", "exports"], {"."}))
def test_what_is_saved_passes_the_printed_command_and_check_from_every_folder(office_repository, save_from):
    root = office_repository
    for command, status, out in saved_and_checked(root, root / save_from, "plans/saved/q.yaml"):
        assert status == 0, (command, out)


@pytest.mark.slow
def test_a_scenario_gives_the_same_answer_from_every_folder(tmp_path):
    """Without a project mark the scenario's project is its own folder
    (outside the home folder): its export above it is refused from the root
    as from its own folder; with a .plan-removal.yaml at the root, allowed
    from both."""
    root = tmp_path / "office"
    write(root, "exports/office.yaml", SITUATION_4.read_text(encoding="utf-8"))
    write(root, "plans/q.yaml", "export: ../exports/office.yaml\nevents:\n  - death: {person: P}\n")
    env = {**{k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}, "HOME": str(tmp_path / "nohome")}
    answers = {run_cli("--check", os.path.relpath(root / "plans" / "q.yaml", folder), cwd=folder, env=env).returncode
               for folder in (root, root / "plans", root / "exports")}
    assert answers == {1}  # "leads outside", wherever it is run from
    refused = run_cli("--check", "plans/q.yaml", cwd=root, env=env)
    assert "leidt buiten" in refused.stdout and ".git of .plan-removal.yaml" in refused.stdout
    write(root, ".plan-removal.yaml", "# the office's project\n")
    answers = {run_cli("--check", os.path.relpath(root / "plans" / "q.yaml", folder), cwd=folder, env=env).returncode
               for folder in (root, root / "plans", root / "exports")}
    assert answers == {0}
    # The home folder counts as the project when there is no mark.
    os.unlink(root / ".plan-removal.yaml")
    home = {**env, "HOME": str(root)}
    assert run_cli("--check", "q.yaml", cwd=root / "plans", env=home).returncode == 0


def test_save_scenario_refuses_what_check_would_refuse(tmp_path):
    write(tmp_path, "exports/office.yaml", SITUATION_4.read_text(encoding="utf-8"))
    env = {**{k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}, "HOME": str(tmp_path / "nohome")}
    result = run_cli("exports/office.yaml", "--death", "P", "--save-scenario", "plans/q.yaml", cwd=tmp_path, env=env)
    assert result.returncode == 2 and result.stdout == ""
    assert "--save-scenario schrijft plans/q.yaml niet" in result.stderr
    assert "--save-scenario exports/q.yaml" in result.stderr  # what to do instead
    assert not (tmp_path / "plans").exists()
    assert run_cli("exports/office.yaml", "--death", "P", "--save-scenario", "exports/q.yaml",
                   cwd=tmp_path, env=env).returncode == 0
    assert run_cli("--check", "--strict", "q.yaml", cwd=tmp_path / "exports", env=env).returncode == 0


# -- a proposed order that repeats the plan 20,000 times -----------------------------------

REPEATS = 20_000


@pytest.fixture
def flood(tmp_path):
    """A revoke whose plan is one step, proposed 20,000 times (420 KB)."""
    shutil.copy(SITUATION_4, tmp_path / "export.yaml")
    body = "export: export.yaml\nevents:\n  - revoke: {contact: P@B}\nproposed:\n" + "  - contact_off: P@B\n" * REPEATS
    (tmp_path / "flood.yaml").write_text(body, encoding="utf-8")
    return tmp_path


def test_findings_at_repeated_steps_are_one_line_with_a_count(flood):
    result = run_cli("--check", "flood.yaml", cwd=flood)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.encode()) < 2 * 1024  # kilobytes, not megabytes
    assert result.stdout.splitlines() == [
        "flood.yaml:6:5: [info] no-op: stap 2 tot en met 20.000 herhalen eerdere stappen: 19.999 meldingen van "
        "deze soort daar, de eerste: Stap 2 verandert niets: Piet de Vries (P@B) is al zo ingesteld.",
        "plan-removal: 1 bestand gecontroleerd, 0 mislukt, 0 waarschuwingen, 19.999 opmerkingen; geen "
        "configuratiebestand",
    ]


@pytest.mark.slow
def test_the_full_list_of_findings_at_repeated_steps_stays_in_json(flood):
    github = run_cli("--check", "flood.yaml", "--format", "github", "--lang", "en", cwd=flood)
    assert len(github.stdout.encode()) < 2 * 1024 and "steps 2 to 20,000 repeat earlier steps: 19,999" in github.stdout
    report = json.loads(run_cli("--check", "flood.yaml", "--format", "json", cwd=flood).stdout)
    assert len(report["problems"]) == REPEATS - 1 == report["summary"]["info"]
    assert report["problems"][-1]["message"].startswith(f"Stap {REPEATS} verandert niets")
    sarif = assert_valid_sarif(run_cli("--check", "flood.yaml", "--format", "sarif", cwd=flood).stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["properties"] == {"findings": REPEATS - 1}
    junit = run_cli("--check", "flood.yaml", "--junit-xml", "junit.xml", cwd=flood)
    assert junit.returncode == 0 and (flood / "junit.xml").stat().st_size < 2 * 1024
    ET.parse(flood / "junit.xml")


@pytest.mark.slow
def test_an_expectation_that_does_not_occur_names_the_first_findings_only(flood):
    text = (flood / "flood.yaml").read_text(encoding="utf-8") + "expect:\n  findings: [new-login@1]\n"
    (flood / "flood.yaml").write_text(text, encoding="utf-8")
    result = run_cli("--check", "flood.yaml", cwd=flood)
    assert result.returncode == 1 and len(result.stdout.encode()) < 4 * 1024
    assert "de verwachte melding new-login@1 kwam niet voor (gevonden: no-op@2, no-op@3," in result.stdout
    assert "en nog 19.979)" in result.stdout


# -- JSON is UTF-8; --find refuses what folds to nothing -----------------------------------


def test_a_file_name_that_is_not_utf8_in_the_json_report(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/sc\xff\xfe.yaml", "wb") as handle:
        handle.write(b"export: missing.yaml\nevents: [{death: {person: P}}]\n")
    result = subprocess.run([installed_command(), "--check", ".", "--format", "json"], capture_output=True,
                            cwd=tmp_path)
    assert result.returncode == 2
    text = result.stdout.decode("utf-8")  # strict: valid UTF-8
    assert "\\ud" not in text.lower()  # no lone surrogate escapes either, which strict parsers refuse
    (problem,) = json.loads(text)["problems"]
    assert problem["path"] == "sc%FF%FE.yaml"  # as SARIF writes it


def test_a_scenario_named_in_bytes_that_are_not_utf8_plans_to_valid_json(tmp_path):
    shutil.copy(SITUATION_4, tmp_path / "export.yaml")
    with open(os.fsencode(tmp_path) + b"/p\xe9.yaml", "wb") as handle:
        handle.write(b"export: export.yaml\nevents: [{death: {person: P}}]\n")
    result = subprocess.run([installed_command(), b"p\xe9.yaml", "--format", "json"], capture_output=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout.decode("utf-8"))
    assert document["scenario"] == "p\\xe9.yaml"  # its visible escape


@pytest.mark.parametrize("text", [" ", "\u0301", "\u0308\u0301", " \u0301 "])
def test_find_refuses_text_that_folds_to_nothing(text):
    result = run_cli(SITUATION_4, "--find", text)
    assert result.returncode == 2 and result.stdout == ""
    assert "--find heeft tekst nodig: een deel van een naam of een id" in result.stderr


def test_a_line_of_repeats_comes_back_whole_from_a_worker_process():
    """A worker (planner.parallel) sends outcomes as plain values: a line
    of repeats keeps every line it stands for, and a level the configuration
    sets applies to them all."""
    from planner.ci.check import Line, Outcome, _outcome, _plain, with_levels
    from planner.text.errors import Mark

    each = tuple(Line(Mark("f.yaml", n, 5), "info", "no-op", f"Stap {n - 4}") for n in range(6, 9))
    outcome = Outcome("f.yaml", [Line(each[0].mark, "info", "no-op", "stap 2 tot en met 4 …", each)])
    again = _outcome(_plain(outcome))
    assert again == outcome and again.lines[0].repeats == each
    (raised,) = with_levels([again], {"no-op": "error"}, strict=False)
    assert raised.failed and {line.level for line in raised.lines[0].repeats} == {"error"}
