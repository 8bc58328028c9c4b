"""Properties over the real path: YAML text in, the installed command, JSON out.

Each example writes a generated export and scenario (tests/yaml_strategies.py)
to a fresh folder, runs the installed ``plan-removal SCENARIO --format json``
there, and holds the JSON against tests/naive_portal.py, computed from the
generated data and never from the product's reading of the text. Ids come
in every shape a firm's export holds (``0012``, ``10003`` beside
``10003-1``, ``José``, ``P²``, thousands of digits), which the model-level
properties in test_properties.py, with their ``K0``/``P0``/``C0``, never
reach.

Every run must keep the command-line contract: exit 0 or 1, never a
traceback, JSON on stdout, exit 1 exactly when ``ok`` is false; and a
request the formats spec calls valid is planned with ``ok`` true. Beyond
that, the properties are:

* each step's JSON ``events`` are the events the naive portal shows;
* replayed on the naive portal, the plan mails no login, removes no main
  user under linked users, grants no access and takes no access the request
  does not name; it reaches the goal but for what a ``decide`` step names,
  and a ``decide`` step is there only where the step it stands for would
  do harm (or leave a cliënt nobody uses);
* after staff did the first steps and exported again, the same request
  (each person named by the top of their main links) plans exactly the
  steps not yet done;
* the command and the library (load_scenario, plan, validate,
  plan_document) give the same JSON.

Budgets: one run of the command costs about 0.2 s, so each property sets
its own number of examples for the "ci" profile (the default, derandomized)
and scales it up under HYPOTHESIS_PROFILE=thorough (see :func:`budget`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import Phase, given, note, settings
from hypothesis import event as tally
from hypothesis import strategies as st
from naive_portal import events as naive_events
from naive_portal import fields, portal
from yaml_strategies import SCENARIO, Case, Office, cases, named_by_root

from planner.checklist import json_plan
from planner.load.loading import load_scenario
from planner.plan.graph import plan
from planner.plan.proof import validate
from planner.text.messages import DEFAULT_LANGUAGE, translations

# Each example runs the installed command once or more: some 170 examples,
# a minute and more of the suite's time. The quick loop leaves them to CI.
pytestmark = pytest.mark.slow

#: The events of formats.md §4; ``client-removed`` (§5) is checked on its own.
PORTAL_EVENTS = {"login-created", "login-removed", "access-granted", "access-revoked", "main-user-removed"}


def budget(ci_examples: int) -> settings:
    """Settings for one property: ``ci_examples`` examples under the ci
    profile, and as many times more under another profile as that profile
    runs over ci's. Hypothesis's "explain" phase is left out: it re-runs a
    failure many times over, at 0.2 s a run, to say little a person needs."""
    scale = settings.default.max_examples / settings.get_profile("ci").max_examples
    return settings(
        max_examples=max(1, round(ci_examples * scale)),
        phases=[p for p in settings.default.phases if p is not Phase.explain],
    )


# -- running the command ---------------------------------------------------------


def write(case: Case, folder: str) -> None:
    for name, text in case.files.items():
        path = Path(folder, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def last_lines(text: str, count: int = 3) -> str:
    return "\n".join(text.strip().splitlines()[-count:])


def ran_cleanly(result) -> dict:
    """The JSON of a run that kept the command-line contract (formats.md §3)."""
    crashed = "Traceback (most recent call last)" in result.stderr
    assert not crashed, "the command crashed:\n" + last_lines(result.stderr)
    assert result.returncode in (0, 1), f"exit {result.returncode}: {last_lines(result.stderr)}"
    document = json.loads(result.stdout)
    assert (result.returncode == 1) == (document["ok"] is False), (result.returncode, document["ok"])
    return document


#: Runs already made, by the files they were given: shrinking a failure
#: writes the same files again and again, and the command is deterministic.
_RUNS: dict = {}


def run_command(case: Case):
    """``plan-removal scenario.yaml --format json`` in a fresh folder holding the case's files."""
    files = case.files
    key = tuple(sorted(files.items()))
    if key not in _RUNS:
        if len(_RUNS) > 2_000:
            _RUNS.clear()
        with tempfile.TemporaryDirectory() as folder:
            write(case, folder)
            _RUNS[key] = run_cli(SCENARIO, "--format", "json", cwd=folder)
    return _RUNS[key]


def planned(case: Case) -> dict:
    """The JSON plan the installed command gives for a valid request."""
    document = ran_cleanly(run_command(case))
    errors = [
        f for f in document["registration"] + document["plan"]["findings"] if f["severity"] == "error"
    ]
    assert document["ok"] is True, errors
    assert errors == []
    steps = document["plan"]["steps"]
    assert [s["n"] for s in steps] == list(range(1, len(steps) + 1))
    note("plan: " + ", ".join(f"{s['action']} {s['target'][:40]}" for s in steps))
    return document


def steps_of(document: dict) -> list[dict]:
    return sorted(document["plan"]["steps"], key=lambda s: s["n"])


def change(step: dict) -> tuple:
    """A step as the naive portal takes it: (action, target), and a link's main."""
    return (step["action"], step["target"]) + ((step["main"],) if "main" in step else ())


def non_decide(steps) -> set[tuple[str, str]]:
    return {change(s) for s in steps if s["action"] != "decide"}


def decided(steps) -> set[str]:
    return {s["target"] for s in steps if s["action"] == "decide"}


# -- what the request names, from the formats spec ------------------------------------


def named_losses(office: Office, request: dict):
    """Which (login, cliënt) losses the request names (formats.md §2), for a
    request of several events; a login is the person at the top of its main
    links in the export as given, so a login split off halfway still counts
    as that person."""

    def may_lose(login: str, client: str) -> bool:
        person = office.root(login)
        for event in request["events"]:
            kind = event["kind"]
            if kind == "remove_client":
                if event["client"] == client:
                    return True
            elif kind == "revoke":
                contact = event.get("contact")
                subject = contact if contact is not None else event["person"]
                target = office.client_of(contact) if contact is not None else event["client"]
                if office.root(subject) == person and client == target:
                    return True
            elif office.root(event["person"]) == person:
                if kind == "death":
                    return True
                if event.get("end_client") and client == person:
                    return True
                if event.get("clients") is None:
                    if office.is_company(client):
                        return True
                elif client in event["clients"]:
                    return True
        return False

    return may_lose


def scope(office: Office, event: dict) -> list[str]:
    """The records an event (not remove_client) takes off the portal."""
    kind = event["kind"]
    contacts = office.contact_ids
    if kind == "revoke" and event.get("contact") is not None:
        return [event["contact"]]
    person = office.root(event["person"])
    tree = office.tree(person)
    if kind == "death":
        return tree
    if kind == "revoke":
        return [r for r in tree if r in contacts and contacts[r]["client"] == event["client"]]
    wanted = event.get("clients")
    records = [
        r for r in tree
        if r in contacts
        and (office.is_company(contacts[r]["client"]) if wanted is None else contacts[r]["client"] in wanted)
    ]
    if event.get("end_client"):
        records.append(person)
    return records


def unlinks_asked(event: dict) -> bool:
    given = event.get("unlink")
    return given if given is not None else event["kind"] in ("death", "leave")


def on_portal(office: Office, done) -> set[str]:
    """The cliënts on the portal after the steps ``done``."""
    client_on, _, _ = fields(office.naive(), done)
    return {c["id"] for c in office.clients if client_on[c["id"]] and not c["ended"]}


# -- the properties -------------------------------------------------------------------


@budget(40)
@given(cases())
def test_a_valid_request_is_planned_without_error_and_each_step_shows_the_portals_events(case):
    document = planned(case)
    export = case.office.naive()
    done: list[tuple[str, str]] = []
    for step in steps_of(document):
        before = list(done)
        if step["action"] != "decide":
            done.append(change(step))
        expected = naive_events(export, before, done)
        shown = [(e["event"], e.get("login"), e.get("client")) for e in step["events"]]
        assert len(shown) == len(set(shown)), (step["n"], shown)
        assert set(shown) == expected, (step["n"], change(step))
        # client-removed (formats.md §5) names exactly the cliënten that leave at this step
        left = on_portal(case.office, before) - on_portal(case.office, done)
        assert {e[2] for e in shown if e[0] == "client-removed"} == left, step["n"]
        assert {e[0] for e in shown} <= PORTAL_EVENTS | {"client-removed"}, shown


def harm(seen, may_lose) -> list[tuple]:
    """The events of one step that harm someone: a login mailed, a main user
    removed under linked users, access granted, or access lost that the
    request does not name."""
    return [
        (event, login, client)
        for event, login, client in seen
        if event in ("login-created", "main-user-removed", "access-granted")
        or (event == "access-revoked" and not may_lose(login, client))
    ]


def assert_goal_reached(office: Office, request: dict, done, asked: set[str]) -> None:
    """Every record the request takes off is off, every klant it removes is
    gone and every link it breaks is broken, but for what a decide step names."""
    export = office.naive()
    end = portal(export, done)
    _, _, main = fields(export, done)
    for event in request["events"]:
        if event["kind"] == "remove_client":
            klant = event["client"]
            gone = not any(k == klant for _, k in end["memberships"])
            assert gone or klant in asked, ("still on the portal", klant)
            records = [c["id"] for c in office.contacts if c["client"] == klant]
        else:
            records = scope(office, event)
            left = {r for r in records if r in end["users"]}
            assert left <= asked, ("still users", event["kind"], left - asked)
        if unlinks_asked(event):
            contacts = office.contact_ids
            linked = {r for r in records if r in contacts and contacts[r]["main"] is not None}
            still = {r for r in linked if main[r] is not None}
            assert still <= asked, ("still linked", event["kind"], still - asked)


def assert_decisions_needed(office: Office, steps, done, may_lose) -> None:
    """Each decide step says which step it stands for, and is there only
    where that step, taken after the plan, would harm someone, or
    (orphaned) would take off a cliënt nobody uses any more."""
    decide_steps = [s for s in steps if s["action"] == "decide"]
    export = office.naive()
    end = portal(export, done)
    for step in decide_steps:
        assert step.get("decisions"), step["n"]
        for decision in step["decisions"]:
            (action, target), = decision["replaces"].items()
            if decision["kind"] == "orphaned":
                assert target in on_portal(office, done), (step["n"], decision)
                assert not any(k == target for _, k in end["memberships"]), (step["n"], decision)
            else:
                seen = naive_events(export, done, done + [(action, target)])
                assert harm(seen, may_lose), (step["n"], decision, seen)


@budget(40)
@given(cases())
def test_the_plan_harms_no_one_the_request_does_not_name_and_reaches_its_goal(case):
    document = planned(case)
    office, request = case.office, case.request
    export, may_lose = office.naive(), named_losses(office, request)
    steps = steps_of(document)
    done: list[tuple[str, str]] = []
    for step in steps:
        if step["action"] != "decide":
            seen = naive_events(export, done, done + [change(step)])
            done.append(change(step))
            assert not harm(seen, may_lose), (step["n"], change(step), harm(seen, may_lose))
    assert_goal_reached(office, request, done, decided(steps))
    assert_decisions_needed(office, steps, done, may_lose)
    flagged = {f["step"] for f in document["plan"]["findings"] if f["code"] == "decision-needed"}
    assert flagged == {s["n"] for s in steps if s["action"] == "decide"}


@budget(40)
@given(st.data())
def test_re_running_after_some_steps_plans_exactly_the_rest(data):
    case = data.draw(cases())
    steps = steps_of(planned(case))
    # counted from the end, and half the time all done: the unlinks come last,
    # and an export in which they are done is the one that no longer says who was whose
    remaining = st.one_of(st.just(0), st.integers(0, len(steps)))
    cut = len(steps) - data.draw(remaining, label="steps not yet done")
    office = case.office
    for step in steps[:cut]:
        if step["action"] != "decide":
            office = office.after(*change(step))
    resumed = case.resumed(office, named_by_root(case.office, case.request))
    note(f"re-run after steps 1-{cut}, on:\n{resumed!r}")
    again = steps_of(planned(resumed))
    rest = steps[cut:]
    # exactly the steps not yet done ...
    assert non_decide(again) == non_decide(rest)
    # ... every decision still ahead, and none the first plan did not ask for
    # (one already passed may be asked again: the export cannot show it was taken)
    assert decided(rest) <= decided(again) <= decided(steps)


@contextlib.contextmanager
def inside(folder: str):
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


@budget(8)
@given(cases())
def test_the_command_and_the_library_give_the_same_json(case):
    # Both read the same files by the same relative path, so even the
    # scenario path and the fingerprint must agree.
    with tempfile.TemporaryDirectory() as folder:
        write(case, folder)
        by_command = ran_cleanly(run_cli(SCENARIO, "--format", "json", cwd=folder))
        with inside(folder):
            scenario = load_scenario(SCENARIO)
            the_plan = plan(scenario)
            verdict = validate(the_plan, translations(DEFAULT_LANGUAGE))
            by_library = json.loads(json_plan.dumps(json_plan.plan_document(the_plan, verdict)))
    assert by_command == by_library


def decided_run(case: Case, answers: dict[str, str]):
    """The command with ``--decide SUBJECT=ANSWER`` for each answer."""
    args = [arg for subject, answer in answers.items() for arg in ("--decide", f"{subject}={answer}")]
    key = (tuple(sorted(case.files.items())), tuple(args))
    if key not in _RUNS:
        with tempfile.TemporaryDirectory() as folder:
            write(case, folder)
            _RUNS[key] = run_cli(SCENARIO, "--format", "json", *args, cwd=folder)
    return _RUNS[key]


@budget(30)
@given(st.data())
def test_every_answer_to_the_decisions_is_a_safe_plan(data):
    """Staff answer every open decision, and each decision an answer opens
    in turn, keep or remove: the command says ``safe`` and exits 0.
    Replayed on the naive portal, computed from the generated office: a
    loss the request does not name is one staff accepted (accepted-loss at
    its step) or access that moves to the same person's new login; a new
    login is made only for a person who keeps access, announced at its step
    (announced-login); and nobody gains access to a cliënt they could not
    see before."""
    case = data.draw(cases())
    first = planned(case)
    subjects = sorted(decided(steps_of(first)))
    tally(f"open decisions: {min(len(subjects), 2)}{'+' if len(subjects) > 2 else ''}")
    if subjects:
        answers: dict[str, str] = {}
        document = first
        for _round in range(6):  # an answer can open another decision
            open_now = sorted(decided(steps_of(document)) - set(answers))
            if not open_now:
                break
            answers.update({s: data.draw(st.sampled_from(["keep", "remove"]), label=s) for s in open_now})
            result = decided_run(case, answers)
            document = ran_cleanly(result)
    else:  # a decision the plan does not ask is recorded as unused
        answers = {case.office.contacts[0]["id"] if case.office.contacts else case.office.clients[0]["id"]: "keep"}
        result = decided_run(case, answers)
        document = ran_cleanly(result)
    steps = steps_of(document)
    assert not decided(steps)
    assert document["status"] == "safe" and result.returncode == 0, document["plan"]["findings"]
    taken = {d["subject"]: d["choice"] for d in document["plan"]["decisions_taken"]}
    assert set(taken) | set(document["plan"]["decisions_unused"]) == set(answers)
    office, export = case.office, case.office.naive()
    may_lose = named_losses(office, case.request)
    findings = {(f["code"], f["step"], f["subject"]) for f in document["plan"]["findings"]}
    start = portal(export, [])["memberships"]
    had = {(office.root(i), k) for i, k in start}
    done: list[tuple] = []
    harmed = False
    for step in steps:
        seen = naive_events(export, done, done + [change(step)])
        done.append(change(step))
        moved = {(office.root(i), k) for e, i, k in seen if e == "access-granted"}
        for event, login, client in harm(seen, may_lose):
            if event == "access-revoked" and (office.root(login), client) in moved:
                continue  # to the same person's new login, in the same step
            harmed = True
            if event == "access-revoked":
                assert ("accepted-loss", step["n"], login) in findings, (step["n"], login, client)
            elif event == "login-created":
                assert ("announced-login", step["n"], login) in findings, (step["n"], login)
                # mailed only about access its person keeps: never to someone losing it
                sees = {k for i, k in portal(export, done)["memberships"] if i == login}
                assert sees and all(not may_lose(login, k) for k in sees), (step["n"], login, sees)
            elif event == "access-granted":
                assert (office.root(login), client) in had, (step["n"], login, client)
            else:
                raise AssertionError((step["n"], event, login))
    if all(a == "keep" for a in answers.values()):
        assert not harmed
