"""``--check`` over many scenarios, half of them checked by a worker process,
reports exactly what checking them one by one reports: the same outcomes in
the same order, the same export files (each once, in the order first used),
and the same files protected from being overwritten by a report."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from conftest import installed_command

from planner import checkrun
from planner.checkrun import CheckRun
from planner.i18n import translations
from planner.worker import available

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_export  # noqa: E402

pytestmark = pytest.mark.skipif(not available(), reason="a worker process needs Linux and two processors")


def checked(folder: pathlib.Path, parallel_at: int, monkeypatch, files: bool = False) -> tuple[list, list, list[str]]:
    """The outcomes of ``--check`` over ``folder`` (or, with ``files``, over
    the YAML files directly in it), with their export uses, and the files the
    run read; a worker is used from ``parallel_at`` scenario files on."""
    monkeypatch.setattr(checkrun, "PARALLEL_AT", parallel_at)
    run = CheckRun(translations("nl"), strict=True)
    outcomes = run.paths(sorted(map(str, folder.glob("*.yaml"))) if files else [str(folder)])
    return outcomes, [o.export_use for o in outcomes], sorted(set(run.inputs))


def assert_alike_with_a_worker(folder: pathlib.Path, monkeypatch, files: bool = False) -> list:
    alone = checked(folder, 10**9, monkeypatch, files)
    shared = checked(folder, 2, monkeypatch, files)
    assert shared == alone
    return alone[0]


def test_the_shipped_scenarios_check_alike_with_a_worker(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    outcomes = assert_alike_with_a_worker(tmp_path / "scenarios", monkeypatch)
    assert len(outcomes) > 20


def test_failing_scenarios_and_exports_only_the_worker_meets_are_reported_alike(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    folder = tmp_path / "scenarios"
    # An export only one scenario uses, in the worker's half (every other
    # file after the first), with a registration finding of its own.
    (folder / "exports" / "lonely.yaml").write_text(
        "clients:\n  - {id: A, name: Alfa B.V., type: company, client_online: true}\n"
        "  - {id: P, name: Piet, type: person, client_online: true, email: p@x.nl}\n"
        "  - {id: Q, name: Quirine, type: person, client_online: true}\n"
        "contacts:\n  - {id: P@A, client: A, main: P, client_online: true}\n"
        "  - {id: Q@A, client: A, client_online: true, email: p@x.nl}\n"
    )
    names = sorted(map(str, folder.glob("*.yaml")))
    (folder / (names[1][:-5] + "~lonely.yaml")).write_text(
        "export: exports/lonely.yaml\nevents:\n  - death: {person: P}\n"
    )
    # A scenario whose plan differs from its expectation, and one that cannot be read.
    (folder / "zz-wrong.yaml").write_text(
        "export: exports/situation-1.yaml\nevents:\n  - death: {person: P}\nexpect:\n  plan:\n    - end_client P\n"
    )
    (folder / "zz-broken.yaml").write_text("events: [\n")
    outcomes = assert_alike_with_a_worker(folder, monkeypatch)
    failed = {pathlib.Path(o.path).name for o in outcomes if o.failed}
    assert {"zz-wrong.yaml", "zz-broken.yaml", "lonely.yaml"} <= failed
    # Given the scenario files alone, the export files the worker's scenarios
    # read are still inputs no report may overwrite, and reported.
    outcomes = assert_alike_with_a_worker(folder, monkeypatch, files=True)
    lonely = str(folder / "exports" / "lonely.yaml")
    assert lonely in checked(folder, 2, monkeypatch, files=True)[2]
    assert any(o.path == lonely and o.failed for o in outcomes)


def test_when_the_worker_fails_its_scenarios_are_checked_here(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    alone = checked(tmp_path / "scenarios", 10**9, monkeypatch)

    def broken(self, paths):
        raise RuntimeError("the worker's bug")

    monkeypatch.setattr(CheckRun, "_check_for_parent", broken)
    assert checked(tmp_path / "scenarios", 2, monkeypatch) == alone


def test_the_command_checks_alike_with_and_without_a_second_processor(tmp_path):
    gen_export.write(str(tmp_path), 2_000, 120)
    assert len(list((tmp_path / "scenarios").glob("*.yaml"))) >= checkrun.PARALLEL_AT
    runs = []
    for processors in ({0, 1}, {0}):
        def pin(processors=processors):
            os.sched_setaffinity(0, processors)

        runs.append(
            subprocess.run(
                [installed_command(), "--check", "--format", "json", "scenarios", "office.yaml"],
                cwd=tmp_path, capture_output=True, preexec_fn=pin, timeout=300,
            )
        )
    two, one = runs
    assert two.returncode == one.returncode
    assert b'"path"' in two.stdout
    assert two.stdout == one.stdout and two.stderr == one.stderr
