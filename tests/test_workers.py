"""Work shared with a worker process comes to exactly what one process does.

``--check`` over many scenarios, half of them checked by a worker, reports
what checking them one by one reports: the same outcomes in the same order,
the same export files (each once, in the order first used), and the same
files protected from being overwritten by a report. A big plan whose orders
a worker proves gets the same verdict, and lists of contacts a worker reads
import to the same export. (An export read in two parts:
tests/test_splitread.py; every import test reads its contacts both ways:
tests/test_import.py.)
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import shutil
import sys

import networkx as nx
import pytest
from conftest import run_on_two_processors_and_one, scenario_files
from hypothesis import given
from strategies import scenarios

from planner import parallel
from planner.ci.check import CheckSession
from planner.load.loading import load_export, load_scenario
from planner.model.steps import UNLINK
from planner.parallel import available
from planner.plan import proof
from planner.plan.graph import plan as make_plan
from planner.text.messages import translations

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_export  # noqa: E402
import gen_lists  # noqa: E402

pytestmark = pytest.mark.skipif(not available(), reason="a worker process needs Linux and two processors")


def checked(folder: pathlib.Path, parallel_at: int, monkeypatch, files: bool = False) -> tuple[list, list, list[str]]:
    """The outcomes of ``--check`` over ``folder`` (or, with ``files``, over
    the YAML files directly in it), with their export uses, and the files the
    run read; a worker is used from ``parallel_at`` scenario files on."""
    monkeypatch.setitem(parallel.THRESHOLDS, "check", parallel_at)
    session = CheckSession(translations("nl"), strict=True)
    outcomes = session.paths(sorted(map(str, folder.glob("*.yaml"))) if files else [str(folder)])
    return outcomes, [o.export_use for o in outcomes], sorted(set(session.inputs))


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

    def broken(self, *args):
        raise RuntimeError("the worker's bug")

    monkeypatch.setattr(CheckSession, "_check_for_parent", broken)
    assert checked(tmp_path / "scenarios", 2, monkeypatch) == alone


def test_the_command_checks_alike_with_and_without_a_second_processor(tmp_path):
    gen_export.write(str(tmp_path), 2_000, 120)
    assert len(list((tmp_path / "scenarios").glob("*.yaml"))) >= parallel.THRESHOLDS["check"]
    two, one = run_on_two_processors_and_one("--check", "--format", "json", "scenarios", "office.yaml", cwd=tmp_path)
    assert two.returncode == one.returncode
    assert b'"path"' in two.stdout
    assert two.stdout == one.stdout and two.stderr == one.stderr


# -- a big plan's orders proven by a worker ----------------------------------


def verdicts(scenario, monkeypatch) -> tuple:
    """The verdict on ``scenario``'s plan proven here, and with its orders
    proven by a worker (whatever the plan's size)."""
    catalog = translations("nl")
    plan = make_plan(scenario)
    monkeypatch.setitem(parallel.THRESHOLDS, "proof", 10**9)
    alone = proof.validate(plan, catalog)
    monkeypatch.setitem(parallel.THRESHOLDS, "proof", 0)
    return alone, proof.validate(plan, catalog)


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_shipped_scenario_gets_the_same_verdict_with_a_worker(path, monkeypatch):
    alone, shared = verdicts(load_scenario(str(path)), monkeypatch)
    assert shared == alone


@pytest.mark.slow  # 150 generated plans, each proven twice, once by a forked worker
@given(scenario=scenarios(max_events=3))
def test_any_plan_gets_the_same_verdict_with_a_worker(scenario):
    with pytest.MonkeyPatch.context() as monkeypatch:
        alone, shared = verdicts(scenario, monkeypatch)
    assert shared == alone


def test_unsafe_orders_found_by_a_worker_are_the_ones_found_here(monkeypatch):
    # The graph without the edges that keep unlinking last: some orders unlink
    # a contact still on the portal (tests/test_rules.py checks these findings).
    scenario = load_scenario(str(ROOT / "scenarios" / "situation-4-p-dies.yaml"))
    plan = make_plan(scenario)
    loose = nx.DiGraph()
    loose.add_nodes_from(plan.graph.nodes)
    loose.add_edges_from((u, v) for u, v in plan.graph.edges if v.action != UNLINK)
    loose_plan = dataclasses.replace(plan, graph=loose)
    catalog = translations("en")
    monkeypatch.setitem(parallel.THRESHOLDS, "proof", 10**9)
    alone = proof.validate(loose_plan, catalog)
    monkeypatch.setitem(parallel.THRESHOLDS, "proof", 0)
    assert proof.validate(loose_plan, catalog) == alone
    assert alone.orders.findings and 0 < alone.orders.checked < alone.orders.total


def test_when_the_worker_fails_the_orders_are_proven_here(monkeypatch):
    scenario = load_scenario(str(scenario_files()[0]))
    alone, _ = verdicts(scenario, monkeypatch)

    def broken(orders):
        raise RuntimeError("the worker's bug")

    monkeypatch.setattr(proof, "_orders_as_values", broken)
    assert verdicts(scenario, monkeypatch)[1] == alone


# -- the contacts lists of an import read by a worker -------------------------


@pytest.mark.slow  # a 30,000-contact office generated, written as lists and imported twice
def test_the_command_imports_alike_with_and_without_a_second_processor(tmp_path):
    gen_export.write(str(tmp_path), 30_000)
    paths = gen_lists.write(load_export(str(tmp_path / "office.yaml")), str(tmp_path / "lists"), "csv")
    assert sum(os.path.getsize(p) for p in paths["clients"]) >= parallel.THRESHOLDS["import"]
    two, one = run_on_two_processors_and_one(
        "import", "--clients", *paths["clients"], "--contacts", *paths["contacts"],
        "--relations", *paths["relations"], cwd=tmp_path,
    )
    assert two.returncode == one.returncode == 0, (two.stderr, one.stderr)
    assert two.stdout.startswith(b"# AuditCase export")
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)


# -- the policy: whatever a worker does, this process carries on -------------------


@pytest.mark.skipif(not available(), reason="needs a second processor")
def test_a_worker_that_fails_in_any_way_gives_no_result():
    def out_of_memory():
        raise MemoryError

    def exits_with_a_status():
        raise SystemExit(5)

    assert parallel.Worker.start(lambda: {"fine": [1, 2]}).result() == {"fine": [1, 2]}
    assert parallel.Worker.start(out_of_memory).result() is None
    assert parallel.Worker.start(exits_with_a_status).result() is None
    assert parallel.Worker.start(lambda: os.kill(os.getpid(), 9)).result() is None


@pytest.mark.skipif(not available(), reason="needs a second processor")
def test_a_worker_never_starts_a_worker_and_jobs_1_starts_none(monkeypatch):
    assert parallel.Worker.start(parallel.available).result() is False
    monkeypatch.setattr(parallel, "_jobs", None)
    parallel.allow(1)
    try:
        assert not parallel.available()
        assert not parallel.worth("check", 10**9)
    finally:
        parallel.allow(None)
    assert parallel.worth("check", parallel.THRESHOLDS["check"])
    assert not parallel.worth("check", parallel.THRESHOLDS["check"] - 1)
