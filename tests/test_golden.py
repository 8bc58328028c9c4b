"""The text checklist of every shipped scenario, in Dutch and English, kept
under tests/golden/ and compared byte for byte: every change to what staff
read shows up as a diff to review.

After a deliberate change of wording, write the files again with

    PLAN_REMOVAL_GOLDEN=update pytest tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import ROOT, installed_command, sampled, scenario_files

from planner.text.messages import LANGUAGES

GOLDEN = ROOT / "tests" / "golden"
SCENARIOS = [p for p in scenario_files() if p.parent == ROOT / "scenarios"]
UPDATE = os.environ.get("PLAN_REMOVAL_GOLDEN") == "update"
#: The checklists the quick loop compares (a plan, a decision, an unsafe
#: proposed order); CI, and pytest tests/test_golden.py, compare every one.
QUICK = {"situation-4-p-dies", "partner-uses-private-client", "proposed-unlink-first"}


def checklist(scenario, lang: str) -> bytes:
    """The checklist as staff get it on a terminal-less run, dated by
    SOURCE_DATE_EPOCH, from the repository's root so the path reads as in
    the README."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [installed_command(), str(scenario.relative_to(ROOT)), "--lang", lang],
        capture_output=True, cwd=ROOT, env=env, timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scenario", sampled(SCENARIOS, QUICK, key=lambda p: p.stem), ids=lambda p: p.stem)
def test_the_checklist_reads_as_reviewed(scenario, lang):
    golden = GOLDEN / f"{scenario.stem}.{lang}.txt"
    made = checklist(scenario, lang)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(made)
    assert golden.exists(), f"no golden file {golden.name}: run PLAN_REMOVAL_GOLDEN=update pytest {__file__}"
    assert made.decode("utf-8") == golden.read_text(encoding="utf-8")
    assert made == golden.read_bytes()


def test_every_golden_file_belongs_to_a_shipped_scenario():
    expected = {f"{s.stem}.{lang}.txt" for s in SCENARIOS for lang in LANGUAGES}
    assert {p.name for p in GOLDEN.glob("*.txt")} == expected
