"""Every finding code has a rule module whose documentation is tested: its
failing example makes the rule fire, its passing example does not."""

from __future__ import annotations

import inspect
import itertools
import os
import pathlib
import re
import shutil

import networkx as nx
import pytest
import yaml
from conftest import EXPORTS, ROOT, SCENARIOS, run_cli, scenario_files
from planner.rules import BY_ID, RULES, access_gained

from planner.ci.catalogue import markdown
from planner.diff.compare import compare_files
from planner.diff.report import build
from planner.load.loading import load_export, load_scenario
from planner.model.findings import ERROR, SEVERITIES
from planner.model.steps import UNLINK, Step
from planner.plan.graph import plan
from planner.plan.orders import verify_orders
from planner.plan.proof import validate
from planner.plan.registration import lint, lint_refused
from planner.plan.rule_check import Trial
from planner.portal.projection import ACCESS_GRANTED, PortalEvent
from planner.portal.simulate import Moment, Trace
from planner.portal.state import State
from planner.text.errors import InputError
from planner.text.messages import translations

#: The published catalogue of codes, made from the rule modules (README links it).
CATALOGUE = ROOT / "docs" / "rules.md"
ENGLISH = translations("en")
#: Rules whose failing example cannot be written as a scenario (see their docs).
ILLUSTRATED = {"access-gained"}


def test_the_published_catalogue_is_the_rule_modules_documentation():
    """docs/rules.md is what the modules say; a changed code, level or text
    shows as a diff of it (PLAN_REMOVAL_GOLDEN=update writes it anew)."""
    made = markdown()
    if os.environ.get("PLAN_REMOVAL_GOLDEN") == "update":
        CATALOGUE.write_text(made, encoding="utf-8")
    assert CATALOGUE.read_text(encoding="utf-8") == made
    rows = dict(re.findall(r"^\| \[`([a-z-]+)`\]\(#[a-z-]+\) \| (\w+) \|", made, re.M))
    assert {code: rows[code] for code in BY_ID} == {code: rule.SEVERITY for code, rule in BY_ID.items()}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_rule_is_documented_with_both_examples(rule):
    doc = inspect.getdoc(rule)
    assert doc.startswith(f"{rule.ID} ({rule.SEVERITY}):")
    assert rule.SEVERITY in SEVERITIES and rule.SCOPE in ("step", "sequence", "end", "export", "diff")
    kinds = [kind for kind, _ in examples(rule)]
    assert kinds == ["Fails", "Passes"]


def test_explain_prints_the_rule_documentation():
    result = run_cli("--explain", "new-login", "--lang", "en")
    assert result.returncode == 0
    assert result.stdout.startswith("new-login (error):")
    assert "Fails" in result.stdout and "Passes" in result.stdout
    dutch = run_cli("--explain", "new-login").stdout
    assert dutch.startswith("new-login (fout): ") and "Gaat mis" in dutch and "Gaat goed" in dutch
    assert "Fails" not in dutch and "the" not in dutch.split()
    wrong = run_cli("--explain", "new-logins")
    assert wrong.returncode == 2 and "bedoelde u „new-login”" in wrong.stderr


def examples(rule):
    doc = inspect.getdoc(rule) + "\n"
    found = re.findall(r"^(Fails|Passes)[^\n]*::\n\n((?:(?:    [^\n]*)?\n)+)", doc, re.M)
    return [(kind, inspect.cleandoc(block)) for kind, block in found]


def findings_of(text: str, tmp_path: pathlib.Path, scope: str = "sequence"):
    data = yaml.safe_load(text)
    if scope == "diff":  # two exports of the shipped scenarios, as a diff: fixture names them
        files = data
        request = files.get("request")
        compared = compare_files(str(SCENARIOS / files["before"]), str(SCENARIOS / files["after"]),
                                 request=None if request is None else str(SCENARIOS / request))
        return build(compared, "en").reading_findings
    if scope == "export":
        path = tmp_path / "export.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return lint(load_export(str(path)), ENGLISH)
        except InputError as error:
            found = lint_refused(error, ENGLISH)
            assert found is not None, error
            return found
    export = data.pop("export", "situation-4")
    shutil.copyfile(EXPORTS / f"{export}.yaml", tmp_path / "export.yaml")
    data["export"] = "export.yaml"
    path = tmp_path / "example.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    scenario = load_scenario(str(path))
    verdict = validate(plan(scenario), ENGLISH)
    if verdict.proposed_findings is not None:
        return verdict.proposed_findings
    return verdict.plan_findings


@pytest.mark.parametrize(
    "rule, kind, text",
    [
        (rule, kind, text)
        for rule in RULES
        for kind, text in examples(rule)
        if not (kind == "Fails" and rule.ID in ILLUSTRATED)
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else getattr(v, "ID", None),
)
def test_documented_example(rule, kind, text, tmp_path):
    codes = {f.code for f in findings_of(text, tmp_path, rule.SCOPE)}
    if kind == "Fails":
        assert rule.ID in codes
    else:
        assert rule.ID not in codes


def test_access_gained_fires_when_an_existing_login_sees_a_new_client():
    """The model's steps cannot grant access, so the event is made by hand."""
    scenario = load_scenario(str(SCENARIOS / "situation-4-p-dies.yaml"))
    start = State(scenario.export)
    grant = PortalEvent(ACCESS_GRANTED, "Q", "P")
    moment = Moment(Step(UNLINK, "P@A"), (grant,), frozenset({"Q"}))
    trial = Trial(scenario.export, plan(scenario).intent, Trace(start, (moment,), start), (1,), ENGLISH)
    (finding,) = access_gained.check(trial)
    assert (finding.code, finding.step, finding.subject) == ("access-gained", 1, "Q")
    # a login the step itself creates is new-login's business, not this rule's
    fresh = PortalEvent(ACCESS_GRANTED, "P@A", "A")
    moment = Moment(Step(UNLINK, "P@A"), (fresh,), frozenset({"P@A"}))
    trial = Trial(scenario.export, plan(scenario).intent, Trace(start, (moment,), start), (1,), ENGLISH)
    assert [f for f in access_gained.check(trial) if f.subject == "Q"] == []


def linear_extensions(graph: nx.DiGraph):
    nodes = list(graph.nodes)
    for order in itertools.permutations(nodes):
        position = {n: i for i, n in enumerate(order)}
        if all(position[u] < position[v] for u, v in graph.edges):
            yield order


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_all_orders_count_agrees_with_brute_force(path):
    scenario = load_scenario(str(path))
    p = plan(scenario)
    if len(p.steps) > 7:
        pytest.skip("too many steps to enumerate by brute force")
    orders = validate(p, ENGLISH).orders
    assert orders.total == sum(1 for _ in linear_extensions(p.graph))
    assert orders.checked == orders.total


def test_an_unsafe_grouping_is_caught_by_the_all_orders_search():
    """Drop the edges that keep unlinking last: some orders now unlink a
    contact that is still on the portal."""
    scenario = load_scenario(str(SCENARIOS / "situation-4-p-dies.yaml"))
    p = plan(scenario)
    loose = nx.DiGraph()
    loose.add_nodes_from(p.graph.nodes)
    loose.add_edges_from((u, v) for u, v in p.graph.edges if v.action != UNLINK)
    number = {s.step: s.n for s in p.steps}
    orders = verify_orders(scenario.export, p.intent, loose, number, ENGLISH)
    assert orders.total == sum(1 for _ in linear_extensions(loose))
    assert 0 < orders.checked < orders.total
    assert {(f.code, f.step) for f in orders.findings} == {("new-login", 4), ("new-login", 5)}
    assert all(f.severity == ERROR for f in orders.findings)


def test_a_search_too_large_says_so_instead_of_claiming():
    scenario = load_scenario(str(SCENARIOS / "situation-4-p-dies.yaml"))
    p = plan(scenario)
    number = {s.step: s.n for s in p.steps}
    orders = verify_orders(scenario.export, p.intent, p.graph, number, ENGLISH, limit=2)
    assert orders.total is None and not orders.complete
    assert orders.as_dict()["complete"] is False
