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


_MEASURED = """
import atexit, resource, sys
atexit.register(lambda: print(f"\\n@maxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}",
                              file=sys.stderr))
sys.argv = ["plan-removal", *sys.argv[1:]]
from planner.cli import main
main()
"""


def run_measured(*args: str, cwd=None, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run the command as :func:`run_cli` does, and return also its wall time
    in seconds and its peak memory in MB, as the process itself counts it
    (a count taken from outside would include what the test runner held
    before the command started)."""
    import time

    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *map(str, args)],
        capture_output=True, text=True, cwd=cwd or pathlib.Path(__file__).parent, timeout=timeout,
    )
    elapsed = time.perf_counter() - started
    stderr, _, peak = result.stderr.rpartition("\n@maxrss=")
    result = subprocess.CompletedProcess(result.args, result.returncode, result.stdout, stderr)
    return result, elapsed, int(peak) / 1024


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
