"""Every valid request plans, every hostile input ends with bounded work.

Each case runs the command on an input a user or an attacker could give it
(in this process, counted: tests/work.py) and holds it to a bound on its
work, counted in units, never in seconds: an input ten times larger costs
at most about ten times the YAML events, records, simulated steps, order
search, "did you mean" comparisons and main links (or stays within the
search's documented budget), and an id's shape or a number's length changes
no count at all. A valid request ends in a plan, an invalid one in exit
status 2 with a message, and nothing ends in a traceback, a hang (the hang
guard of tests/work.py) or exit status 1 for something that is not a
finding. The largest export is also held to a memory bound, in a process of
its own. How long these inputs take: benchmarks/hostile.py.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import sys
import threading

import pytest
from conftest import SCENARIOS
from work import Work, assert_grows_at_most_linearly, run_counted, run_counted_apart

import planner.plan.graph
from planner.cli.command import exit_status
from planner.output.writer import Streams
from planner.plan.orders import SEARCH_LIMIT

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "benchmarks"))
import gen_hostile  # noqa: E402

EXPORT = """\
clients:
  - {{id: "{p}", name: Piet de Vries, type: person, client_online: Ja}}
  - {{id: "{a}", name: Alfa Bouw B.V., type: company, client_online: Ja}}
  - {{id: "{b}", name: Bravo B.V., type: company, client_online: Ja}}
contacts:
  - {{id: "{pa}", client: "{a}", main: "{p}", client_online: Ja}}
  - {{id: "{pb}", client: "{b}", main: "{p}", client_online: Ja}}
  - {{id: "{ra}", client: "{a}", client_online: Ja}}
  - {{id: "{rb}", client: "{b}", client_online: Ja}}
"""


def command(*args, cwd=None):
    """The command run here and counted: no traceback, no exit status 3."""
    result = run_counted(*args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode in (0, 1, 2), result.stderr[-2000:]
    return result


def plan_json(tmp_path, text: str, *extra: str) -> tuple[dict, Work]:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    result = command(path, "--format", "json", *extra)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert (result.returncode == 0) == document["ok"]
    return document, result.work


def refused(tmp_path, name: str, text: str | bytes, *fragments: str):
    """The command's refusal of a file: exit status 2, saying ``fragments``
    (in Dutch, the language of a run not told otherwise)."""
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    result = command(path)
    assert result.returncode == 2, result.stdout[-2000:]
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr[-2000:]
    return result


def sized(tmp_path, n: int, files: dict[str, str], *args: str):
    """The command on ``files`` written to a folder of their own (for size
    ``n``), run there on ``args``."""
    folder = tmp_path / str(n)
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return command(*args, cwd=folder)


# -- ids of every shape sort, plan and print ---------------------------------------------


ID_SHAPES = {
    "a number and itself with a suffix": dict(p="10003", a="10003-1", b="10003-2", pa="10003-1-1",
                                              pb="10003-2-1", ra="10003-1a", rb="10003-2b"),
    "an id and itself with an @": dict(p="P1", a="C0", b="C1", pa="P1@C0", pb="P1@C1", ra="R1@C0",
                                       rb="R1@C1"),
    "a letter after digits": dict(p="C1", a="C1b", b="C1c", pa="C1b1", pb="C1c1", ra="C1bb", rb="C1cc"),
    "leading zeros": dict(p="0012", a="012", b="12", pa="00012", pb="0012-1", ra="12-0", rb="012-0"),
    "superscript digits": dict(p="P²", a="A²", b="A³", pa="P²@A²", pb="P²@A³", ra="R²", rb="R³"),
    "a digit run of 5,000 digits": dict(p="9" * 5000, a="9" * 4999, b="8" * 5000, pa="9" * 5001,
                                        pb="P" + "9" * 5000, ra="R" + "9" * 4999, rb="R1"),
    "spaces and letters": dict(p="Piet de Vries", a="José Çelik B.V.", b="Zoë", pa="Piet @ José",
                               pb="Piet @ Zoë", ra="Ria", rb="Rob"),
}

#: The shape the others' work is compared with: short ids of letters and digits.
PLAIN = "an id and itself with an @"

EVENTS = {
    "death": '  - death: {{person: "{p}"}}\n',
    "leave": '  - leave: {{person: "{p}", clients: ["{a}", "{b}"], end_client: true}}\n',
    "leave and death of one person": '  - leave: {{person: "{p}", clients: ["{a}"]}}\n'
                                     '  - death: {{person: "{p}"}}\n',
    "death and revoke": '  - death: {{person: "{p}"}}\n  - revoke: {{contact: "{ra}"}}\n',
    "revoke by person and client": '  - revoke: {{person: "{p}", client: "{b}"}}\n',
    "remove a company": '  - remove_client: {{client: "{a}", unlink: true}}\n',
}


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("shape", ID_SHAPES)
def test_every_id_shape_plans(tmp_path, shape, event):
    ids = ID_SHAPES[shape]
    document, work = plan_json(tmp_path, EXPORT.format(**ids) + "events:\n" + EVENTS[event].format(**ids))
    targets = {step["target"] for step in document["plan"]["steps"]}
    assert targets and targets <= set(ids.values())
    # Ids of 5,000 digits, accents or spaces: the same work as short plain ids.
    plain = ID_SHAPES[PLAIN]
    expected = plan_json(tmp_path, EXPORT.format(**plain) + "events:\n" + EVENTS[event].format(**plain))[1]
    assert work == expected


def test_check_goes_on_past_every_id_shape(tmp_path):
    for n, ids in enumerate(ID_SHAPES.values()):
        text = EXPORT.format(**ids) + "events:\n" + EVENTS["leave and death of one person"].format(**ids)
        (tmp_path / f"s{n}.yaml").write_text(text, encoding="utf-8")
    result = command("--check", tmp_path)
    assert result.returncode == 0, result.stdout
    assert f"{len(ID_SHAPES)} bestanden gecontroleerd, 0 mislukt" in result.stdout
    assert result.work.records == 7 * len(ID_SHAPES)  # each file read once


# -- numbers too long to matter ----------------------------------------------------------


def test_a_step_number_of_5000_digits_in_expect_is_an_input_error(tmp_path):
    ids = ID_SHAPES[PLAIN]
    text = EXPORT.format(**ids) + 'events: [{death: {person: P1}}]\nexpect:\n  findings: [new-login@' + "7" * 5000 + "]\n"
    result = refused(tmp_path, "s.yaml", text, "s.yaml:12:14:", "is geen bevinding", "de stap een positief getal")
    assert result.work.steps == result.work.search == 0  # refused as read: nothing planned


def test_an_export_format_of_5000_digits_is_an_input_error(tmp_path):
    ids = ID_SHAPES[PLAIN]
    (tmp_path / "office.yaml").write_text("format: auditcase-export/" + "1" * 5000 + "\n" + EXPORT.format(**ids))
    text = "export: office.yaml\nevents: [{death: {person: P1}}]\n"
    result = refused(tmp_path, "s.yaml", text, "office.yaml:1:9:", "wordt niet ondersteund")
    assert len(result.stderr) < 1000  # the message does not repeat the 5,000 digits
    assert result.work.steps == result.work.search == 0


def test_two_thousand_independent_steps_count_their_orders_in_words(tmp_path):
    small = plan_json(tmp_path, gen_hostile.independent_steps(200))[1]
    text = gen_hostile.independent_steps(2000)
    document, work = plan_json(tmp_path, text)
    assert len(document["plan"]["steps"]) == 2000
    orders = document["plan"]["orders"]
    # 2,000! orders, every one proven safe: a count of 5,736 digits is not printed
    assert orders["complete"] and orders["all_safe"] and orders["total"] is None
    assert orders["more_than"] == "1e5735"
    assert_grows_at_most_linearly(small, work, 10)
    (tmp_path / "scenario.yaml").write_text(text, encoding="utf-8")
    checklist = command(tmp_path / "scenario.yaml")
    assert "meer dan 10^5735" in checklist.stdout
    assert_grows_at_most_linearly(small, checklist.work, 10)


# -- what is read: regular files only, up to a size ----------------------------------
#
# Each is refused without reading a byte of it (at most the YAML events of an
# empty file are read); a named pipe without waiting for a writer (else the
# hang guard of tests/work.py stops it).

#: The YAML events of an empty file: the stream's start and end.
NOTHING_READ = 2


def test_a_nul_byte_in_the_export_path(tmp_path):
    refused(tmp_path, "s.yaml", 'export: "office\\0.yaml"\nevents: [{death: {person: P}}]\n',
            "s.yaml:1:9:", "NUL-teken")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_as_scenario_and_as_export(tmp_path, device):
    result = command(device)
    assert result.returncode == 2 and f"{device}: is een apparaat" in result.stderr
    assert result.work.yaml_events <= NOTHING_READ
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"export: {os.path.relpath(device, tmp_path)}\nevents: [{{death: {{person: P}}}}]\n")
    result = command(scenario, "--allow-export-outside")  # outside the scenario's tree
    assert result.returncode == 2 and "is een apparaat" in result.stderr
    assert result.work.records == 0


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = command(fifo)
    assert result.returncode == 2 and "is een named pipe" in result.stderr
    assert result.work.yaml_events <= NOTHING_READ
    scenario = tmp_path / "s.yaml"
    scenario.write_text("export: pipe.yaml\nevents: [{death: {person: P}}]\n")
    result = command(scenario)
    assert result.returncode == 2 and "s.yaml:1:9: het exportbestand" in result.stderr
    assert result.work.records == 0
    result = command("--check", fifo)
    assert result.returncode in (1, 2) and "is een named pipe" in result.stdout
    assert result.work.yaml_events <= NOTHING_READ


def test_a_folder_is_refused(tmp_path):
    result = command(tmp_path)
    assert result.returncode == 2 and "is een map" in result.stderr
    assert result.work.yaml_events <= NOTHING_READ


def test_files_over_the_size_limit_are_refused_and_the_limit_can_be_raised(tmp_path):
    ids = ID_SHAPES[PLAIN]
    text = EXPORT.format(**ids) + "events: [{death: {person: P1}}]\n" + "# padding\n" * 150_000
    path = tmp_path / "s.yaml"
    path.write_text(text)
    result = command(path, "--max-input-size", "1")
    assert result.returncode == 2 and "is groter dan 1,0 MB" in result.stderr
    assert "--max-input-size" in result.stderr
    assert result.work.yaml_events <= NOTHING_READ
    assert command(path, "--max-input-size", "2").returncode == 0


# -- work that grew with the input's square, or worse -----------------------------------


@pytest.mark.slow  # 40,000 problems reported (as many lines): a few seconds
def test_forty_thousand_unknown_keys(tmp_path):
    small = refused(tmp_path, "small.yaml", gen_hostile.unknown_keys(4_000)).work
    result = refused(tmp_path, "s.yaml", gen_hostile.unknown_keys(40_000), "onbekende sleutel „k39999” in klant")
    assert result.stderr.count(": onbekende sleutel ") == 40_000
    assert result.work.compared > 0  # each got a "did you mean": within the linear bound
    assert_grows_at_most_linearly(small, result.work, 10)


@pytest.mark.slow  # 20,000 problems reported (as many lines): a few seconds
def test_forty_thousand_duplicate_keys(tmp_path):
    small = refused(tmp_path, "small.yaml", gen_hostile.duplicate_keys(2_000)).work
    result = refused(tmp_path, "s.yaml", gen_hostile.duplicate_keys(20_000),
                     "dubbele sleutel „k19999”: die staat al op regel 2")
    assert_grows_at_most_linearly(small, result.work, 10)


def test_an_unknown_id_of_three_thousand_distinct_characters(tmp_path):
    small = refused(tmp_path, "small.yaml", gen_hostile.unknown_long_id(150)).work
    result = refused(tmp_path, "s.yaml", gen_hostile.unknown_long_id(1500), "er is geen klant met id")
    assert_grows_at_most_linearly(small, result.work, 10)
    # The id's length adds nothing to the search for a suggestion.
    short = refused(tmp_path, "short.yaml", gen_hostile.unknown_long_id(1500, length=3)).work
    assert result.work.compared <= short.compared


def test_one_long_text_aliased_many_times(tmp_path):
    few = refused(tmp_path, "few.yaml", gen_hostile.aliased_long_text(300), "alias „*a” maakt het document langer dan")
    many = refused(tmp_path, "s.yaml", gen_hostile.aliased_long_text(3000), "alias „*a” maakt het document langer dan")
    # Refused at the same alias however many follow it: no more read, nothing copied.
    assert many.work == few.work


def test_a_company_of_a_thousand_contacts_leaves_with_every_order_proven(tmp_path):
    files = {"office.yaml": gen_hostile.big_company(1000), "s.yaml": gen_hostile.big_company_leaves(1000, unlink=True)}
    result = sized(tmp_path, 1000, files, "s.yaml", "--format", "json")
    orders = json.loads(result.stdout)["plan"]["orders"]
    assert orders["complete"] and orders["all_safe"]
    assert result.work.search <= SEARCH_LIMIT


def company(contacts: int, unlink: bool = True, proposed: bool = False) -> dict[str, str]:
    return {
        "office.yaml": gen_hostile.big_company(contacts),
        "s.yaml": gen_hostile.big_company_leaves(contacts, unlink, proposed),
    }


@pytest.mark.slow  # 12,000 contacts planned and proven twice, in a process of its own: seconds of work
def test_a_company_of_twelve_thousand_contacts_leaves_with_work_in_proportion_and_within_a_gigabyte(tmp_path):
    small = sized(tmp_path, 1_200, company(1_200), "s.yaml", "--format", "json")
    for name, text in company(12_000).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (plan, checklist), peak = run_counted_apart(["s.yaml", "--format", "json"], ["s.yaml"], cwd=tmp_path)
    for result in (plan, checklist):
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert_grows_at_most_linearly(small.work, result.work, 10)
    document = json.loads(plan.stdout)
    assert len(document["plan"]["steps"]) == 10_800 + 1 + 6_000  # contacts on, the klant, links
    assert document["plan"]["orders"]["all_safe"]
    assert "En nog " in checklist.stdout  # the access table stays small: the rest is counted
    assert peak < 1024, f"used {peak:.0f} MB; bound 1024 MB"


@pytest.mark.slow  # 20,000 proposed steps simulated: seconds of work
def test_a_proposed_order_of_twenty_thousand_steps(tmp_path):
    small = sized(tmp_path, 1_200, company(1_200, unlink=False, proposed=True), "s.yaml", "--format", "json")
    result = sized(tmp_path, 12_000, company(12_000, unlink=False, proposed=True), "s.yaml", "--format", "json")
    assert result.returncode == 1  # the klant itself is never switched off: incomplete
    assert_grows_at_most_linearly(small.work, result.work, 10)


# -- resuming a request --------------------------------------------------------------


def test_a_leave_resumes_after_staff_did_its_first_company(tmp_path):
    ids = ID_SHAPES[PLAIN]
    export = EXPORT.format(**ids).replace(
        '{id: "P1@C0", client: "C0", main: "P1", client_online: Ja}',
        '{id: "P1@C0", client: "C0", client_online: Nee}',
    )
    document, _work = plan_json(tmp_path, export + 'events: [{leave: {person: P1, clients: [C0, C1]}}]\n')
    steps = [(s["action"], s["target"]) for s in document["plan"]["steps"]]
    assert steps == [("contact_off", "P1@C1"), ("unlink", "P1@C1")]
    assert document["plan"]["already_done"] == [{"person": "P1", "client": "C0"}]


# -- a bug is a bug: exit status 3, never 1 -------------------------------------------


def broken_plan(scenario):
    raise RuntimeError("a planted bug")


def run_in_process(*args: str) -> tuple[int, str, str]:
    """The command run here, so that a bug can be planted in it: its exit
    status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    status = exit_status(list(args), Streams(out, err))
    return status, out.getvalue(), err.getvalue()


def test_a_bug_exits_3_with_a_request_to_report_it(monkeypatch):
    monkeypatch.setattr(planner.plan.graph, "plan", broken_plan)
    status, _out, err = run_in_process(str(SCENARIOS / "situation-4-p-dies.yaml"))
    assert status == 3
    assert "interne fout: dit is een fout in plan-removal" in err
    assert "RuntimeError: a planted bug" in err


def test_check_reports_a_fixture_that_hits_a_bug_and_goes_on(monkeypatch, tmp_path):
    ids = ID_SHAPES[PLAIN]
    (tmp_path / "good.yaml").write_text(EXPORT.format(**ids) + "events: [{death: {person: P1}}]\n")
    (tmp_path / "bug.yaml").write_text(EXPORT.format(**ids) + "events: [{death: {person: P1}}]\n")
    real = planner.plan.graph.plan
    lock = threading.Lock()
    calls = []

    def sometimes_broken(scenario):
        with lock:
            calls.append(scenario.path)
        if scenario.path.endswith("bug.yaml"):
            raise RuntimeError("a planted bug")
        return real(scenario)

    monkeypatch.setattr(planner.plan.graph, "plan", sometimes_broken)
    monkeypatch.setattr("planner.ci.check.make_plan", sometimes_broken)
    status, out, err = run_in_process("--check", str(tmp_path))
    assert status == 3
    assert len(calls) == 2  # the fixture after the broken one was still checked
    assert "bug.yaml:1:1: [fout] internal-error:" in out
    assert "2 bestanden gecontroleerd, 1 mislukt" in out
    assert "RuntimeError: a planted bug" in err
