"""Every channel plan-removal writes to, driven with the same hostile corpus.

Names, ids, keys and file names that try to retitle or clear a terminal,
reverse a line with a bidirectional override, forge a checklist step with a
newline, or start a GitHub Actions workflow command: in the checklist (text,
Markdown, HTML, JSON), in ``--check`` and ``--lint`` lines, GitHub
annotations, a JUnit report and every message on standard error, each
arrives as visible escapes, and no line starts a workflow command.

Also what the one writer promises: it never overwrites an input, writes
into a named pipe rather than replacing it, keeps an existing file's mode,
gives a new one the umask's, creates missing folders, and leaves nothing
behind when a write fails.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import SCENARIOS, assert_valid_sarif, installed_command, run_cli, sampled

# What must never reach a terminal or a CI log raw: C0 controls (a newline
# only as our own line break), DEL, C1, line separators and bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# The corpus, as YAML double-quoted strings (escapes and all).
ATTACKS = {
    "title": r"\e]0;owned\a",
    "clear": r"\e[2J\e[H",
    "colour": r"\e[31mred\e[0m",
    "override": r"\u202eevil\u202c",
    "isolate": r"\u2066left\u2069",
    "forged step": r"x\n[ ] 99. FAKE STEP\nGroep 9",
    "workflow": r"x\n::error file=a.yaml,line=1::forged\n::stop-commands::token",
    "c1": r"\x9b31m\x85",
    "separator": r"a\u2028b",
    "nul": r"a\0b",
}


def export_text(attack: str) -> str:
    return (
        "clients:\n"
        f'  - {{id: "A", name: "Alfa {attack}", type: company, client_online: Ja}}\n'
        f'  - {{id: "P", name: "Piet {attack}", type: person, client_online: Ja}}\n'
        f'  - {{id: "B", name: "Bravo {attack}", type: company, client_online: Nee}}\n'
        "contacts:\n"
        f'  - {{id: "P@A", client: "A", name: "Piet {attack}", main: "P", client_online: Ja}}\n'
        f'  - {{id: "S@A", client: "A", name: "Sanne {attack}", client_online: Ja}}\n'
        # a contact on the portal under a klant that is not: a registration finding naming it
        f'  - {{id: "X@B", client: "B", name: "Xander {attack}", main: "P", client_online: Ja}}\n'
    )


def assert_safe(text: str, commands: bool = False) -> None:
    """Nothing raw, and no line a workflow command (unless ``commands``:
    then every line is one of ours)."""
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in output: ...{text[max(0, found.start() - 60):found.end() + 20]!r}"
    for line in text.splitlines():
        if commands:
            assert re.match(r"::(error|warning|notice) file=", line) or line.startswith("plan-removal:"), line
        else:
            assert not line.lstrip().startswith("::"), line
    assert "[ ] 99. FAKE STEP" not in text.splitlines()


#: The attack the quick loop tries: a line break forging a CI workflow command
#: (escape sequences and a bidi override reach the quick loop through
#: test_output.py's HOSTILE scenario). CI tries every one.
QUICK_ATTACKS = {"workflow"}


@pytest.fixture(params=sampled(sorted(ATTACKS), QUICK_ATTACKS), ids=str)
def attack(request) -> str:
    return ATTACKS[request.param]


@pytest.fixture
def office(tmp_path, attack):
    (tmp_path / "export.yaml").write_text(export_text(attack), encoding="utf-8")
    (tmp_path / "death.yaml").write_text(
        "export: export.yaml\nevents: [{death: {person: P}}]\n"
        f'description: "Piet {attack}"\n',
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_checklist_in_every_format(office, fmt):
    result = run_cli("death.yaml", "--format", fmt, cwd=office)
    assert result.returncode in (0, 1), result.stderr
    assert "Piet" in result.stdout
    assert_safe(result.stdout)


def test_json_escapes_what_a_terminal_would_act_on_and_keeps_the_text(office, attack):
    result = run_cli("death.yaml", "--format", "json", cwd=office)
    assert_safe(result.stdout)
    document = json.loads(result.stdout)
    original = yaml.safe_load(f'"Xander {attack}"')  # the name as the export holds it
    assert any(original in f["message"] for f in document["registration"])


def test_check_lines_annotations_and_junit(office):
    result = run_cli("--check", ".", "--junit-xml", "report.xml", cwd=office)
    assert "contact-not-synced" in result.stdout
    assert_safe(result.stdout)
    assert_safe(result.stderr)
    report = (office / "report.xml").read_text(encoding="utf-8")
    assert_safe(report)
    ET.fromstring(report.encode("utf-8"))  # XML parsers take it
    github = run_cli("--check", ".", "--format", "github", cwd=office)
    assert "::warning file=" in github.stdout
    assert_safe(github.stdout, commands=True)


def test_lint_lines_and_annotations(office):
    for fmt in ("text", "github"):
        result = run_cli("--lint", "export.yaml", "--format", fmt, cwd=office)
        assert "Xander" in result.stdout
        assert_safe(result.stdout, commands=fmt == "github")


@pytest.mark.parametrize("mode, target", [("--check", "."), ("--lint", "export.yaml")])
def test_json_and_sarif_reports(office, attack, mode, target):
    """Every message in them is visible escapes, even once JSON is decoded:
    a CI system that prints one forges nothing."""
    report = run_cli(mode, target, "--format", "json", cwd=office)
    assert_safe(report.stdout)
    messages = [p["message"] for p in json.loads(report.stdout)["problems"]]
    sarif = run_cli(mode, target, "--format", "sarif", cwd=office)
    assert_safe(sarif.stdout)
    (run,) = assert_valid_sarif(sarif.stdout)["runs"]
    messages += [r["message"]["text"] for r in run["results"]]
    assert any("Xander" in m for m in messages) and len(messages) >= 2
    for message in messages:
        assert_safe(message)


def test_messages_on_standard_error(tmp_path, attack):
    # a key and a value nobody meant, in an input error
    (tmp_path / "bad.yaml").write_text(
        f'clients:\n  - {{id: "A {attack}", "{attack}": 1, type: company, client_online: "{attack}"}}\n'
        f'events: [{{remove_client: {{client: "{attack}"}}}}]\n',
        encoding="utf-8",
    )
    result = run_cli("bad.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert_safe(result.stderr)
    # a value the command line echoes back (an argument cannot hold a NUL)
    value = yaml.safe_load(f'"{attack}"').replace("\0", "")
    result = run_cli("--explain", value, cwd=tmp_path)
    assert result.returncode == 2
    assert_safe(result.stderr)


def test_file_names_that_try_to_forge_lines(tmp_path):
    """A fixture's own file name is data too."""
    name = "x\n::error file=a.yaml::forged\x1b]0;t\a.yaml"
    (tmp_path / name).write_text("export: missing.yaml\nevents: [{death: {person: P}}]\n", encoding="utf-8")
    result = run_cli("--check", ".", cwd=tmp_path)
    assert result.returncode in (1, 2)
    assert "x\\n::error" in result.stdout
    assert_safe(result.stdout)
    sarif = run_cli("--check", ".", "--format", "sarif", cwd=tmp_path)
    (run,) = assert_valid_sarif(sarif.stdout)["runs"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "x%0A%3A%3Aerror%20file%3Da.yaml%3A%3Aforged%1B%5D0%3Bt%07.yaml" in uris
    report = run_cli("--check", ".", "--format", "json", cwd=tmp_path)
    assert_safe(report.stdout)
    assert {p["path"] for p in json.loads(report.stdout)["problems"]} == {name}  # the name as it is


def test_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsencode(tmp_path) + b"/sc\xff\xfe.yaml"
    with open(name, "wb") as handle:
        handle.write(b"export: missing.yaml\nevents: [{death: {person: P}}]\n")
    result = subprocess.run([installed_command(), name], capture_output=True, cwd=tmp_path)
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8")  # what the command wrote is UTF-8
    assert "sc\\xff\\xfe.yaml" in stderr and "Traceback" not in stderr
    sarif = run_cli("--check", ".", "--format", "sarif", cwd=tmp_path)
    (run,) = assert_valid_sarif(sarif.stdout)["runs"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sc%FF%FE.yaml"


# -- the one writer ------------------------------------------------------------------------


SCENARIO = SCENARIOS / "situation-4-p-dies.yaml"


def test_a_report_never_overwrites_an_input(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(SCENARIO.read_bytes().replace(b"exports/situation-4.yaml", b"export.yaml"))
    (tmp_path / "export.yaml").write_bytes((SCENARIOS / "exports" / "situation-4.yaml").read_bytes())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for target in ("s.yaml", "export.yaml"):
        result = run_cli("--check", ".", "--junit-xml", target, cwd=tmp_path)
        assert result.returncode == 2 and "dat zou het invoerbestand" in result.stderr
        result = run_cli("s.yaml", "-o", target, "--lang", "en", cwd=tmp_path)
        assert result.returncode == 2 and "would overwrite the input file" in result.stderr
    os.symlink("s.yaml", tmp_path / "link.txt")  # a path that resolves to an input
    assert run_cli("s.yaml", "-o", "link.txt", cwd=tmp_path).returncode == 2
    os.unlink(tmp_path / "link.txt")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_named_pipe_is_written_into_and_stays_a_pipe(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = run_cli(SCENARIO, "-o", fifo)
    received = reader.communicate(timeout=30)[0]
    assert result.returncode == 0, result.stderr
    assert received.startswith("Afmeldlijst".encode())
    assert fifo.is_fifo()


def test_dev_null_stays_a_device():
    assert run_cli(SCENARIO, "-o", os.devnull).returncode == 0
    assert not os.path.isfile(os.devnull)


def test_modes_missing_folders_and_a_folder_in_the_way(tmp_path):
    old = os.umask(0o027)
    try:
        assert run_cli(SCENARIO, "-o", tmp_path / "new" / "deeper" / "c.txt").returncode == 0
    finally:
        os.umask(old)
    made = tmp_path / "new" / "deeper" / "c.txt"
    assert made.stat().st_mode & 0o777 == 0o640  # 0666 less the umask, not 0600
    made.chmod(0o644)
    assert run_cli(SCENARIO, "-o", made).returncode == 0
    assert made.stat().st_mode & 0o777 == 0o644  # a colleague can still read it
    result = run_cli(SCENARIO, "-o", tmp_path / "new")
    assert result.returncode == 2 and f"Fout: -o verwacht een bestand, en „{tmp_path / 'new'}” is een map" in result.stderr
    (tmp_path / "plain").write_text("x")
    result = run_cli("--check", SCENARIO, "--junit-xml", tmp_path / "plain" / "r.xml", "--lang", "en")
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert run_cli(SCENARIO, "-o", "").returncode == 2


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    result = subprocess.run(
        [installed_command(), str(SCENARIO), "--format", "html", "-o", "out.html"],
        cwd=tmp_path, capture_output=True, text=True, preexec_fn=small_files,
    )
    assert result.returncode == 2 and "kan out.html niet schrijven: het bestand zou groter worden dan" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_closed_or_full_standard_output_is_one_line(tmp_path):
    closed = subprocess.run([installed_command(), str(SCENARIO)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, close_fds=True,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2
    assert closed.stderr == "plan-removal: kan niet naar standaarduitvoer schrijven: die is gesloten\n"
    with open("/dev/full", "w") as full:
        result = subprocess.run([installed_command(), str(SCENARIO)], stdout=full, stderr=subprocess.PIPE, text=True)
        english = subprocess.run([installed_command(), str(SCENARIO), "--lang", "en"], stdout=full,
                                 stderr=subprocess.PIPE, text=True)
    assert result.returncode == english.returncode == 2
    assert result.stderr == "plan-removal: kan niet naar standaarduitvoer schrijven: geen ruimte meer op de schijf\n"
    assert english.stderr == "plan-removal: cannot write to standard output: No space left on device\n"
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run([installed_command(), str(SCENARIO), "--lang", "en"], stdout=writer,
                                stderr=subprocess.PIPE, text=True)
    finally:
        os.close(writer)
    assert result.returncode == 2
    assert result.stderr == "plan-removal: cannot write to standard output: Broken pipe\n"
