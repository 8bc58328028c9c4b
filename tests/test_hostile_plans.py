"""Hostile inputs that are valid YAML: each ends in a clear file:line:col
error or a correct plan, with work in proportion to the input (counted in
units: tests/work.py) or within the order search's documented budget, never
a traceback or a hang."""

from __future__ import annotations

import json
import pathlib
import sys

import pytest
from conftest import run_cli
from work import assert_grows_at_most_linearly, run_counted

from planner.plan.orders import COUNT_LIMIT, SEARCH_LIMIT

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "benchmarks"))
import gen_hostile  # noqa: E402


def ran(*args):
    """The installed command, as a user runs it (its timeout a hang guard)."""
    result = run_cli(*args)
    assert "Traceback" not in result.stderr
    return result


def counted(tmp_path, name: str, text: str, *args: str):
    """The command on ``text`` written to ``name``, run here and counted."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_counted(path, *args)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return path, result


def test_ids_with_spaces_and_unicode_plan_correctly(tmp_path):
    scenario = tmp_path / "unicode.yaml"
    scenario.write_text(
        """\
clients:
  - {id: "Ünïcødé B.V. 01", name: "Çafé Zoë", type: company, client_online: Ja}
  - {id: " 10 03 ", name: "Piet 🐘", type: person, client_online: Ja}
contacts:
  - {id: "Piet @ Café", client: "Ünïcødé B.V. 01", main: " 10 03 ", client_online: Ja}
  - {id: "Zoë", client: "Ünïcødé B.V. 01", client_online: Ja}
events:
  - death: {person: " 10 03 "}
""",
        encoding="utf-8",
    )
    result = ran(scenario, "--format", "json")
    assert result.returncode == 0, result.stderr
    steps = [(s["action"], s["target"]) for s in json.loads(result.stdout)["plan"]["steps"]]
    assert steps == [
        ("contact_off", "Piet @ Café"),
        ("client_off", " 10 03 "),
        ("unlink", "Piet @ Café"),
    ]


def test_huge_scalars_are_carried_not_choked_on(tmp_path):
    _, smaller = counted(tmp_path, "smaller.yaml", gen_hostile.huge_name(200_000), "--format", "json")
    _, result = counted(tmp_path, "huge.yaml", gen_hostile.huge_name(2_000_000), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plan"]["steps"][0]["target"] == "C"
    assert result.work == smaller.work  # a name ten times longer: not a unit more work


def test_a_ten_thousand_deep_main_chain_is_refused_at_its_line(tmp_path):
    _, small = counted(tmp_path, "shallower.yaml", gen_hostile.deep_main_chain(1_000))
    scenario, result = counted(tmp_path, "deep.yaml", gen_hostile.deep_main_chain(10_000))
    assert result.returncode == 2
    last_contact_line = 4 + 10_000
    assert result.stderr.startswith(f"{scenario}:{last_contact_line}:")
    assert "een keten van 10.000 koppelingen" in result.stderr
    assert result.work.main_links > 10_000  # the chain was followed, each link a few times at most
    assert_grows_at_most_linearly(small.work, result.work, 10)


@pytest.mark.slow  # the order search runs to its budget: a second or more of work
def test_a_person_at_a_thousand_companies_plans_within_the_search_budget(tmp_path):
    _, small = counted(tmp_path, "narrow.yaml", gen_hostile.person_at_companies(100), "--format", "json")
    assert json.loads(small.stdout)["plan"]["orders"]["complete"]  # a hundred: every order proven
    _, result = counted(tmp_path, "wide.yaml", gen_hostile.person_at_companies(1000), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["plan"]["steps"]) == 2001
    # far too many orders to search: the plan says so instead of claiming them
    assert doc["plan"]["orders"] == {
        "checked": 1, "total": None, "complete": False, "all_safe": False,
    }
    # The search stopped at its budget (one step's cost past it at most) ...
    assert SEARCH_LIMIT <= result.work.search <= SEARCH_LIMIT + COUNT_LIMIT
    # ... and everything else grew in proportion to the companies.
    assert_grows_at_most_linearly(small.work, result.work, 10, only=["yaml_events", "records", "steps"])
