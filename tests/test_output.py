"""What every output format guarantees: same input, same bytes; no data that
can forge the terminal; every message translated."""

from __future__ import annotations

import json
import os
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import HOSTILE, ROOT, SCENARIOS, run_cli, sampled

FORMATS = ["text", "markdown", "html", "json"]


@pytest.mark.parametrize(
    "lang, fmt",
    sampled([(lang, fmt) for lang in ("nl", "en") for fmt in FORMATS], {("nl", "text")}, unpack=True),
)
def test_same_scenario_same_bytes(fmt, lang):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764288000"}
    path = SCENARIOS / "situation-4-two-events.yaml"
    first = run_cli(path, "--format", fmt, "--lang", lang, env=env)
    second = run_cli(path, "--format", fmt, "--lang", lang, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    if fmt != "json":
        assert ("28 november 2025" if lang == "nl" else "28 November 2025") in first.stdout


def test_terminal_output_carries_no_escape_or_override(tmp_path):
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(HOSTILE, encoding="utf-8")
    for fmt in ("text", "markdown"):
        result = run_cli(scenario, "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
        assert "\\x1b" in result.stdout and "\\u202e" in result.stdout


def test_markdown_escapes_markup_from_the_data(tmp_path):
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(HOSTILE, encoding="utf-8")
    result = run_cli(scenario, "--format", "markdown")
    assert re.search(r"(?<!\\)[<>]", result.stdout) is None
    assert r"\<script\>" in result.stdout


def test_english_on_request_and_auditcase_labels_stay_dutch():
    result = run_cli(SCENARIOS / "situation-4-p-dies.yaml", "--lang", "en")
    assert "has died" in result.stdout
    assert "“Koppelen met Cliënt Online” → Nee" in result.stdout
    assert "“Ontkoppel hoofd (contact)persoon”" in result.stdout
    dutch = run_cli(SCENARIOS / "situation-4-p-dies.yaml")
    assert "is overleden" in dutch.stdout
    assert "„Koppelen met Cliënt Online” → Nee" in dutch.stdout


def test_json_is_the_documented_format():
    result = run_cli(SCENARIOS / "proposed-unlink-first.yaml", "--format", "json")
    assert result.returncode == 1  # the proposed order has an error finding
    doc = json.loads(result.stdout)
    assert set(doc) == {
        "format", "scenario", "fingerprint", "ok", "status", "registration", "registration_elsewhere", "plan",
        "proposed",
    }
    assert doc["registration"] == [] and doc["registration_elsewhere"] == 0
    assert doc["format"] == "plan-removal/1" and doc["ok"] is False and doc["status"] == "unsafe"
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", doc["fingerprint"])
    assert doc["plan"]["orders"] == {"checked": 4, "total": 4, "complete": True, "all_safe": True}
    step = doc["plan"]["steps"][2]
    assert {k: step[k] for k in ("n", "group", "action", "target", "client", "after")} == {
        "n": 3, "group": 2, "action": "client_off", "target": "P", "client": "P", "after": [1, 2],
    }
    assert step["events"] == [
        {"event": "access-revoked", "login": "P", "client": "P"},
        {"event": "login-removed", "login": "P"},
        {"event": "client-removed", "client": "P"},
    ]
    (finding,) = doc["proposed"]["findings"]
    assert finding == {
        "code": "new-login", "severity": "error", "step": 1, "subject": "P@A",
        "message": finding["message"],
    }
    assert "nieuwe login" in finding["message"]


def test_output_file_never_overwrites_an_input(tmp_path):
    scenario = SCENARIOS / "situation-4-p-dies.yaml"
    before = scenario.read_bytes()
    result = run_cli(scenario, "-o", scenario)
    assert result.returncode == 2 and "dat zou het invoerbestand" in result.stderr
    result = run_cli(scenario, "-o", SCENARIOS / "exports" / "situation-4.yaml")
    assert result.returncode == 2
    assert scenario.read_bytes() == before
    out = tmp_path / "out.md"
    assert run_cli(scenario, "--format", "markdown", "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Afmeldlijst")
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_every_message_has_a_dutch_translation():
    with open(ROOT / "planner" / "text" / "locale" / "nl.po", "rb") as handle:
        catalog = read_po(handle)
    missing = []
    # as babel.cfg has it: --explain's paragraphs come from their own extractor (planner/ci/explain.py)
    method_map = [("planner/ci/explain.py", "plan-removal-explain"), ("planner/**.py", "python"),
                  ("rules/**.py", "python"), ("templates/**.j2", "jinja2")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map=options, keywords={"_": None, "n_": (1, 2), "N_": None}
    ):
        entry = catalog.get(message[0] if isinstance(message, tuple) else message)
        # A fuzzy entry is left out when the catalog is compiled: Dutch staff would read English.
        if entry is None or entry.fuzzy or not all(_strings(entry.string)):
            missing.append(message)
            continue
        expected = set(re.findall(r"\{(\w+)\}", " ".join(_strings(message))))
        for translated in _strings(entry.string):
            if not set(re.findall(r"\{(\w+)\}", translated)) <= expected or len(translated) < 2:
                missing.append((message, translated))
    assert missing == []


def _strings(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def run_on_terminal(*args: str, env: dict) -> str:
    """Run the command with its output on a pseudo-terminal, as in a shell."""
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", *map(str, args)],
        stdout=follower, stderr=follower, env=env, cwd=ROOT / "tests",
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(HOSTILE, encoding="utf-8")
    coloured = run_on_terminal(scenario, env=env)
    assert "\x1b[" in coloured
    # colour is ours alone: the export's own escape is still shown as text
    assert "\\x1b[31m" in coloured and "\x1b[31mred" not in coloured
    assert "\x1b[" not in run_on_terminal(scenario, env={**env, "NO_COLOR": "1"})
    assert "\x1b[" not in run_cli(scenario, env=env).stdout  # a pipe is no terminal
