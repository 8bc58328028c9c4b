"""The YAML the real-path strategies write says what their data says.

tests/test_real_path.py holds the command's output against a naive model
computed from the generated data, never from the generated text; that is
only sound if the text says exactly the same. These tests hold the scalar
writer against libyaml itself and the project's own reader, and a whole
generated scenario against what the loader makes of it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml_strategies import (
    SCENARIO,
    cases,
    double_quoted,
    plain_is_safe,
    scalar,
    single_quoted,
)

from planner.load.loading import load_scenario
from planner.load.yaml import reader

Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar stays text

# Text that is hard to write as YAML: indicators, the words YAML treats
# specially, spaces at the ends, line breaks, non-ASCII and control characters.
HARD_CHARACTERS = "-?:,[]{}#&*!|>'\"%@` ~\t\n.0aZé²\x85\u2028\ufeff\x07"
awkward = st.one_of(
    st.text(alphabet=st.sampled_from(list(HARD_CHARACTERS)), max_size=6),
    st.text(max_size=8),
    st.sampled_from(["yes", "No", "1e3", "0012", "010", "~", "null", "Null", "NULL", "", ".inf", "-1"]),
    st.sampled_from(["a: b", "a #b", "a:", "- a", "? a", "a\tb", " a", "a "]),
)


def read_back(value: str, flow: bool):
    """What libyaml and the project's reader make of ``value`` written as a mapping value."""
    document = f"k: [{value}]\n" if flow else f"k: {value}\n"
    by_libyaml = yaml.load(document, Loader=Loader)["k"]
    doc = reader.read(document.encode(), reader.Document("t.yaml"), "a test", [])
    by_project = doc.root.index["k"]
    if flow:
        by_libyaml, by_project = by_libyaml[0], by_project.items[0]
    return by_libyaml, by_project


@pytest.mark.parametrize(
    "text", ["0012", "010", "10003", "1e3", "yes", "P²", "José", "Jan Jansen", "C-2001", "P@A"]
)
def test_ids_that_yaml_keeps_as_text_are_written_plain(text):
    assert plain_is_safe(text) and plain_is_safe(text, flow=True)


@pytest.mark.parametrize(
    "text", ["~", "null", "NULL", "", "-1", "@A", "'a", "a: b", "a #b", "x ", " x", "a:", "*a", "!t"]
)
def test_values_yaml_would_change_or_refuse_are_quoted(text):
    assert not plain_is_safe(text)


@pytest.mark.parametrize("text", ["a,b", "a[1]", "a{b}", "a?b", "a:b", "a#b"])
def test_flow_breakers_are_quoted_inside_flow_collections(text):
    assert plain_is_safe(text) and not plain_is_safe(text, flow=True)


@settings(max_examples=300)
@given(awkward, st.booleans())
def test_a_value_written_plain_reads_back_as_the_same_text(text, flow):
    if plain_is_safe(text, flow):
        assert read_back(text, flow) == (text, text)


@settings(max_examples=300)
@given(awkward, st.booleans())
def test_a_quoted_value_reads_back_as_the_same_text(text, flow):
    assert read_back(double_quoted(text), flow) == (text, text)
    single = single_quoted(text)
    if single is not None:
        assert read_back(single, flow) == (text, text)


@given(awkward, st.sampled_from(["plain", "single", "double"]), st.booleans())
def test_scalar_always_keeps_the_text(text, how, flow):
    assert read_back(scalar(text, how, flow), flow) == (text, text)


@settings(max_examples=60)
@given(cases())
def test_the_generated_files_say_what_the_generated_data_says(case):
    with tempfile.TemporaryDirectory() as folder:
        for name, text in case.files.items():
            path = Path(folder, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        scenario = load_scenario(str(Path(folder, SCENARIO)))
    export, office = scenario.export, case.office
    assert list(export.clients) == [c["id"] for c in office.clients]
    assert list(export.contacts) == [c["id"] for c in office.contacts]
    for c in office.clients:
        loaded = export.clients[c["id"]]
        assert (loaded.type, loaded.client_online, loaded.ended) == (
            c["type"], c["client_online"], c["ended"],
        )
        assert loaded.name == (c["name"] if c["name"] is not None else c["id"])
    for c in office.contacts:
        loaded = export.contacts[c["id"]]
        assert (loaded.client, loaded.main, loaded.client_online, loaded.ended) == (
            c["client"], c["main"], c["client_online"], c["ended"],
        )
    assert len(scenario.events) == len(case.request["events"])
    for loaded, event in zip(scenario.events, case.request["events"]):
        assert loaded.kind == event["kind"]
        for key in ("person", "contact", "client"):
            assert getattr(loaded, key) == event.get(key)
        assert loaded.clients == (tuple(event["clients"]) if event.get("clients") else None)
        assert loaded.end_client == bool(event.get("end_client"))
        unlink = event["unlink"] if event["unlink"] is not None else event["kind"] in ("death", "leave")
        assert loaded.unlink == unlink
    assert scenario.orphaned_clients == (case.request["orphaned_clients"] or "ask")
