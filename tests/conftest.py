"""Shared fixtures: the shipped scenarios and a way to run the command."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EXPORTS = SCENARIOS / "exports"


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


def installed_command() -> str:
    """The ``plan-removal`` console script installed next to this Python."""
    beside = pathlib.Path(sys.executable).with_name("plan-removal")
    if beside.exists():
        return str(beside)
    found = shutil.which("plan-removal")
    if found is None:
        pytest.fail("the plan-removal command is not installed; run pip install -e '.[test]'")
    return found


def run_installed(*args: str, cwd) -> subprocess.CompletedProcess:
    """Run the installed ``plan-removal`` command in ``cwd``, as a user would."""
    return subprocess.run(
        [installed_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
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
