"""The README's sessions are what the installed command prints.

Every ```console block of the README is run as written: each ``$ `` line is
a command (run in a copy of the shipped scenarios, with the date fixed by
SOURCE_DATE_EPOCH as the README shows it), and the lines after it, up to the
next command, are its standard output and standard error. A change to the
wording, the steps or the options shows here as a README that no longer
tells the truth.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

import pytest
from conftest import ROOT, SCENARIOS, installed_command

#: The date the README's sessions were made on (2026-11-28).
EPOCH = "1795824000"

_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def sessions() -> list[str]:
    return _BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def commands(session: str) -> list[tuple[str, str]]:
    """Each command of a session, with what the README says it prints."""
    steps: list[tuple[str, list[str]]] = []
    for line in session.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"a README session starts with a command, not {line!r}"
            steps[-1][1].append(line)
    return [(command, "".join(f"{out}\n" for out in printed)) for command, printed in steps]


def test_the_readme_has_sessions():
    assert len(sessions()) >= 2


@pytest.mark.parametrize("number", range(len(sessions())), ids=lambda n: f"session-{n + 1}")
def test_a_readme_session_prints_what_the_readme_shows(tmp_path, number):
    shutil.copytree(SCENARIOS, tmp_path / "scenarios")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    for command, expected in commands(sessions()[number]):
        words = shlex.split(command)
        assert words[0] == "plan-removal", command
        result = subprocess.run(
            [installed_command(), *words[1:]], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
        )
        assert result.stdout + result.stderr == expected, command
