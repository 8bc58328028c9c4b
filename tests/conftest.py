"""Shared fixtures: the shipped scenarios and a way to run the command."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EXPORTS = SCENARIOS / "exports"


BENCHMARKS = ROOT / "benchmarks"


def write_xlsx(path, rows, sheet: str = "Blad1") -> pathlib.Path:
    """A workbook of one sheet holding ``rows`` from A1 (None leaves a cell empty)."""
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)
    return pathlib.Path(path)


def write_csv(path, rows, delimiter: str = ";", encoding: str = "utf-8-sig") -> pathlib.Path:
    """``rows`` as CSV the way Excel saves it (``\\r\\n``, a BOM for UTF-8)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    pathlib.Path(path).write_bytes(buffer.getvalue().encode(encoding))
    return pathlib.Path(path)


def scenario_files() -> list[pathlib.Path]:
    return sorted(p for p in SCENARIOS.rglob("*.yaml") if EXPORTS not in p.parents)


def run_cli(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    """Run ``python -m planner`` as a user would, capturing text output.

    It runs outside the repository's root by default, so it exercises the
    installed package, not the source folders next to it.
    """
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or pathlib.Path(__file__).parent,
    )


@pytest.fixture(params=scenario_files(), ids=lambda p: p.stem)
def scenario_path(request) -> pathlib.Path:
    return request.param


# Property-test budgets: "ci" (the default) keeps the suite quick and
# deterministic; HYPOTHESIS_PROFILE=thorough searches far longer.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=150, derandomize=True, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=5_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
