"""Every valid request plans, every hostile input ends fast.

Each case runs the command as a user or an attacker would and holds it to a
time bound (and, for the largest, a memory bound): a valid request ends in a
plan, an invalid one in exit status 2 with a message, and nothing ends in a
traceback, a hang or exit status 1 for something that is not a finding.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import threading

import pytest
from conftest import SCENARIOS, run_measured

import planner.plan.graph
from planner.cli.command import run
from planner.output.writer import Streams

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


def within(bound: float, *args, cwd=None, memory: float | None = None):
    """Run the command; it must end within ``bound`` seconds (and use at most
    ``memory`` MB), without a traceback and without exit status 3."""
    result, elapsed, peak = run_measured(*args, cwd=cwd, timeout=bound * 3)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode in (0, 1, 2), result.stderr[-2000:]
    assert elapsed < bound, f"took {elapsed:.1f} s; bound {bound} s"
    if memory is not None:
        assert peak < memory, f"used {peak:.0f} MB; bound {memory} MB"
    return result


def plan_json(tmp_path, text: str, *extra: str, bound: float = 5.0) -> dict:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    result = within(bound, path, "--format", "json", *extra)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert (result.returncode == 0) == document["ok"]
    return document


def refused(tmp_path, name: str, text: str | bytes, *fragments: str, bound: float = 5.0) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    result = within(bound, path)
    assert result.returncode == 2, result.stdout[-2000:]
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr[-2000:]
    return result.stderr


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
    document = plan_json(tmp_path, EXPORT.format(**ids) + "events:\n" + EVENTS[event].format(**ids))
    targets = {step["target"] for step in document["plan"]["steps"]}
    assert targets and targets <= set(ids.values())


def test_check_goes_on_past_every_id_shape(tmp_path):
    for n, ids in enumerate(ID_SHAPES.values()):
        text = EXPORT.format(**ids) + "events:\n" + EVENTS["leave and death of one person"].format(**ids)
        (tmp_path / f"s{n}.yaml").write_text(text, encoding="utf-8")
    result = within(10, "--check", tmp_path)
    assert result.returncode == 0, result.stdout
    assert f"{len(ID_SHAPES)} file(s) checked, 0 failed" in result.stdout


# -- numbers too long to matter ----------------------------------------------------------


def test_a_step_number_of_5000_digits_in_expect_is_an_input_error(tmp_path):
    ids = ID_SHAPES["an id and itself with an @"]
    text = EXPORT.format(**ids) + 'events: [{death: {person: P1}}]\nexpect:\n  findings: [new-login@' + "7" * 5000 + "]\n"
    refused(tmp_path, "s.yaml", text, "s.yaml:12:14:", "is not a finding", "step a positive number")


def test_an_export_format_of_5000_digits_is_an_input_error(tmp_path):
    ids = ID_SHAPES["an id and itself with an @"]
    (tmp_path / "office.yaml").write_text("format: auditcase-export/" + "1" * 5000 + "\n" + EXPORT.format(**ids))
    text = "export: office.yaml\nevents: [{death: {person: P1}}]\n"
    stderr = refused(tmp_path, "s.yaml", text, "office.yaml:1:9:", "is not supported")
    assert len(stderr) < 1000  # the message does not repeat the 5,000 digits


def test_two_thousand_independent_steps_count_their_orders_in_words(tmp_path):
    lines = ["clients:"] + [f"  - {{id: K{n}, type: company, client_online: Ja}}" for n in range(2000)]
    lines += ["contacts:"] + [f"  - {{id: X{n}, client: K{n}, client_online: Ja}}" for n in range(2000)]
    lines += [f"  - {{id: Y{n}, client: K{n}, client_online: Ja}}" for n in range(2000)]
    lines += ["events:"]
    lines += [f"  - revoke: {{contact: X{n}}}" for n in range(2000)]
    text = "\n".join(lines) + "\n"
    document = plan_json(tmp_path, text, bound=20)
    assert len(document["plan"]["steps"]) == 2000
    orders = document["plan"]["orders"]
    # 2,000! orders, every one proven safe: a count of 5,736 digits is not printed
    assert orders["complete"] and orders["all_safe"] and orders["total"] is None
    assert orders["more_than"] == "1e5735"
    (tmp_path / "scenario.yaml").write_text(text, encoding="utf-8")
    checklist = within(20, tmp_path / "scenario.yaml").stdout
    assert "meer dan 10^5735" in checklist


# -- what is read: regular files only, up to a size ----------------------------------


def test_a_nul_byte_in_the_export_path(tmp_path):
    refused(tmp_path, "s.yaml", 'export: "office\\0.yaml"\nevents: [{death: {person: P}}]\n',
            "s.yaml:1:9:", "NUL character")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_as_scenario_and_as_export(tmp_path, device):
    result = within(5, device)
    assert result.returncode == 2 and f"{device}: is a device" in result.stderr
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"export: {os.path.relpath(device, tmp_path)}\nevents: [{{death: {{person: P}}}}]\n")
    result = within(5, scenario, "--allow-export-outside")  # outside the scenario's tree
    assert result.returncode == 2 and "is a device" in result.stderr


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = within(5, fifo)
    assert result.returncode == 2 and "is a named pipe" in result.stderr
    scenario = tmp_path / "s.yaml"
    scenario.write_text("export: pipe.yaml\nevents: [{death: {person: P}}]\n")
    result = within(5, scenario)
    assert result.returncode == 2 and "s.yaml:1:9: the export file" in result.stderr
    result = within(5, "--check", fifo)
    assert result.returncode in (1, 2) and "is a named pipe" in result.stdout


def test_a_folder_is_refused(tmp_path):
    result = within(5, tmp_path)
    assert result.returncode == 2 and "is a folder" in result.stderr


def test_files_over_the_size_limit_are_refused_and_the_limit_can_be_raised(tmp_path):
    ids = ID_SHAPES["an id and itself with an @"]
    text = EXPORT.format(**ids) + "events: [{death: {person: P1}}]\n" + "# padding\n" * 150_000
    path = tmp_path / "s.yaml"
    path.write_text(text)
    result = within(5, path, "--max-input-size", "1")
    assert result.returncode == 2 and "is larger than 1.0 MB" in result.stderr
    assert "--max-input-size" in result.stderr
    assert within(5, path, "--max-input-size", "2").returncode == 0


# -- work that grew with the input's square, or worse -----------------------------------


def test_forty_thousand_unknown_keys(tmp_path):
    keys = ", ".join(f"k{n}: v" for n in range(40_000))
    text = f"clients:\n  - {{id: A, type: company, client_online: Ja, {keys}}}\nevents: [{{remove_client: {{client: A}}}}]\n"
    stderr = refused(tmp_path, "s.yaml", text, "unknown key 'k39999' in client", bound=8)
    assert stderr.count(": unknown key ") == 40_000


def test_forty_thousand_duplicate_keys(tmp_path):
    keys = ", ".join(f"k{n}: v" for n in range(20_000))
    text = f"clients:\n  - {{id: A, type: company, client_online: Ja, {keys}, {keys}}}\nevents: []\n"
    refused(tmp_path, "s.yaml", text, "duplicate key 'k19999': it is already at line 2", bound=8)


def test_an_unknown_id_of_three_thousand_distinct_characters(tmp_path):
    word = "".join(chr(0x4E00 + n) for n in range(3000))
    lines = ["clients:"] + [f"  - {{id: K{n}, type: company, client_online: Ja}}" for n in range(1500)]
    lines.append(f'events: [{{remove_client: {{client: "{word}"}}}}]')
    refused(tmp_path, "s.yaml", "\n".join(lines) + "\n", "there is no client with id")


def test_one_long_text_aliased_many_times(tmp_path):
    text = f'x: &a "{"A" * 500_000}"\nclients: [' + ", ".join(["{id: *a, type: company, client_online: Ja}"] * 3000)
    text += "]\nevents: [{remove_client: {client: A}}]\n"
    refused(tmp_path, "s.yaml", text, "alias *a makes the document longer than")


def big_company(tmp_path, contacts: int, unlink: bool) -> pathlib.Path:
    """A company whose contact persons are half their own Klant-Persoon's
    contact record, half contacts of the company alone."""
    clients = ['  - {id: BIG, name: Groot Bedrijf B.V., type: company, client_online: Ja}']
    records = []
    for n in range(contacts):
        if n % 2 == 0:
            clients.append(f"  - {{id: P{n}, type: person, client_online: Ja}}")
            records.append(f"  - {{id: C{n}, client: BIG, main: P{n}, client_online: Ja}}")
        else:
            records.append(f"  - {{id: C{n}, client: BIG, client_online: {'Nee' if n % 10 == 1 else 'Ja'}}}")
    export = tmp_path / "office.yaml"
    export.write_text("clients:\n" + "\n".join(clients) + "\ncontacts:\n" + "\n".join(records) + "\n")
    scenario = tmp_path / "remove.yaml"
    scenario.write_text(
        f"export: office.yaml\nevents:\n  - remove_client: {{client: BIG, unlink: {str(unlink).lower()}}}\n"
    )
    return scenario


def test_a_company_of_a_thousand_contacts_leaves_with_every_order_proven(tmp_path):
    result = within(4, big_company(tmp_path, 1000, unlink=True), "--format", "json")
    orders = json.loads(result.stdout)["plan"]["orders"]
    assert orders["complete"] and orders["all_safe"]


def test_a_company_of_twelve_thousand_contacts_leaves_in_bounded_time_and_memory(tmp_path):
    scenario = big_company(tmp_path, 12_000, unlink=True)
    result = within(10, scenario, "--format", "json", memory=1024)
    document = json.loads(result.stdout)
    assert len(document["plan"]["steps"]) == 10_800 + 1 + 6_000  # contacts on, the klant, links
    assert document["plan"]["orders"]["all_safe"]
    text = within(15, scenario, memory=1024).stdout
    assert "En nog " in text  # the access table stays small: the rest is counted


def test_a_proposed_order_of_twenty_thousand_steps(tmp_path):
    scenario = big_company(tmp_path, 12_000, unlink=False)
    proposed = [f"  - contact_off: C{n}" for n in range(12_000)] + [f"  - unlink: C{n}" for n in range(0, 16_000, 2)]
    with scenario.open("a") as handle:
        handle.write("proposed:\n" + "\n".join(proposed) + "\n")
    result = within(8, scenario, "--format", "json")
    assert result.returncode == 1  # the klant itself is never switched off: incomplete


# -- resuming a request --------------------------------------------------------------


def test_a_leave_resumes_after_staff_did_its_first_company(tmp_path):
    ids = ID_SHAPES["an id and itself with an @"]
    export = EXPORT.format(**ids).replace(
        '{id: "P1@C0", client: "C0", main: "P1", client_online: Ja}',
        '{id: "P1@C0", client: "C0", client_online: Nee}',
    )
    document = plan_json(tmp_path, export + 'events: [{leave: {person: P1, clients: [C0, C1]}}]\n')
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
    status = run(list(args), Streams(out, err))
    return status, out.getvalue(), err.getvalue()


def test_a_bug_exits_3_with_a_request_to_report_it(monkeypatch):
    monkeypatch.setattr(planner.plan.graph, "plan", broken_plan)
    status, _out, err = run_in_process(str(SCENARIOS / "situation-4-p-dies.yaml"))
    assert status == 3
    assert "internal error: this is a bug in plan-removal" in err
    assert "RuntimeError: a planted bug" in err


def test_check_reports_a_fixture_that_hits_a_bug_and_goes_on(monkeypatch, tmp_path):
    ids = ID_SHAPES["an id and itself with an @"]
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
    assert "bug.yaml:1:1: [error] internal-error:" in out
    assert "2 file(s) checked, 1 failed" in out
    assert "RuntimeError: a planted bug" in err
