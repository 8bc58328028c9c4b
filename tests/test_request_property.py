"""A property over the real path: a request given as options on an export
plans exactly what the equivalent scenario file plans, and what the scenario
``--save-scenario`` writes for it plans the same again and passes
``--check --strict``.

Each example writes a generated export (tests/yaml_strategies.py: ids such
as ``0012``, ``1e3``, ``José``, ``P²``, thousands of digits; flags and
layouts every way the formats allow) and, independently of the product, the
scenario file that names the same request; then runs the installed command
four ways and compares the JSON plans, byte for byte but for what names the
input (the scenario's path and the fingerprint). Every event kind the
options can ask for is drawn: ``death``, ``leave`` (every company, or a
list; with ``--end-client`` when each person leaving is a Klant-Persoon's),
``revoke`` by contact, ``remove_client``; with ``--orphaned-clients``.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, note
from hypothesis import strategies as st
from test_real_path import budget, last_lines, write
from yaml_strategies import EXPORT_PATHS, SCENARIO, Case, offices, styles

# Each example runs the installed command five times: the quick loop leaves it to CI.
pytestmark = pytest.mark.slow

OPTION = {"death": "--death", "leave": "--leave", "revoke": "--revoke", "remove_client": "--remove-client"}


@st.composite
def option_requests(draw, office) -> dict:
    """A request the options can say: one to three events, in order."""
    people = office.people()
    contacts = [c["id"] for c in office.contacts]
    kinds = ["remove_client"] + (["death", "leave", "leave"] if people else []) + (["revoke"] if contacts else [])
    events = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(kinds))
        if kind == "remove_client":
            events.append({"kind": kind, "client": draw(st.sampled_from([c["id"] for c in office.clients]))})
        elif kind == "revoke":
            events.append({"kind": kind, "contact": draw(st.sampled_from(contacts))})
        elif kind == "death":
            events.append({"kind": kind, "person": draw(st.sampled_from(people))})
        else:
            person = draw(st.sampled_from(people))
            companies = [k for k in office.contact_clients(person) if office.is_company(k)]
            clients = None
            if companies and draw(st.booleans()):
                clients = draw(st.lists(st.sampled_from(companies), min_size=1, max_size=len(companies), unique=True))
            events.append({"kind": kind, "person": person, "clients": clients})
    leaves = [e for e in events if e["kind"] == "leave"]
    end_client = bool(leaves) and all(office.root(e["person"]) in office.client_ids for e in leaves)
    end_client = end_client and draw(st.booleans())
    for event in leaves:
        event["end_client"] = end_client or None
    return {"events": events, "orphaned_clients": draw(st.sampled_from([None, "ask", "disconnect", "keep"]))}


def options(request: dict) -> list[str]:
    """The command line's words for the request."""
    words: list[str] = []
    for event in request["events"]:
        kind = event["kind"]
        value = event.get("person") or event.get("contact") or event.get("client")
        if kind == "leave" and event["clients"] is not None:
            value += "=" + ",".join(event["clients"])
        words += [OPTION[kind], value]
    if any(event.get("end_client") for event in request["events"]):
        words.append("--end-client")
    if request["orphaned_clients"] is not None:
        words += ["--orphaned-clients", request["orphaned_clients"]]
    return words


@st.composite
def option_cases(draw) -> Case:
    office = draw(offices())
    style = draw(styles(office))
    # the export in a file of its own, which the options are given with
    style = replace(style, export_path=draw(st.sampled_from(EXPORT_PATHS)))
    return Case(office, draw(option_requests(office)), style)


def planned(*args, cwd) -> tuple[int, str]:
    """Exit status and the JSON plan without the scenario's path and fingerprint."""
    result = run_cli(*args, "--format", "json", cwd=cwd)
    assert "Traceback" not in result.stderr, last_lines(result.stderr)
    assert result.returncode in (0, 1), (result.returncode, last_lines(result.stderr))
    document = json.loads(result.stdout)
    del document["scenario"], document["fingerprint"]
    return result.returncode, json.dumps(document, ensure_ascii=False, indent=2)


@budget(25)
@given(option_cases())
def test_options_the_scenario_file_and_the_saved_scenario_plan_byte_for_byte_alike(case):
    words = options(case.request)
    export = case.style.export_path
    note("plan-removal " + " ".join([repr(export), *map(repr, words)]))
    with tempfile.TemporaryDirectory() as folder:
        write(case, folder)
        Path(folder, ".git").mkdir()  # a firm's repository: the scenario's project
        from_options = planned(export, *words, cwd=folder)
        assert from_options == planned(SCENARIO, cwd=folder)
        saved = Path(folder, "saved", "request.yaml")
        result = run_cli(export, *words, "--save-scenario", saved, cwd=folder)
        assert result.returncode == 0, last_lines(result.stderr)
        note(saved.read_text(encoding="utf-8"))
        assert planned(saved, cwd=folder) == from_options
        check = run_cli("--check", "--strict", saved, cwd=folder)
        assert check.returncode == 0, check.stdout
