"""Decisions staff take, proposed orders they can read, and advice that
agrees with the plan — through the installed command, as staff use it."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
from conftest import SCENARIOS, run_cli

WIDOW = SCENARIOS / "partner-uses-private-client.yaml"
BANNERS = {
    "safe": ("Veilig",),
    "needs-decision": ("Eerst beslissen:",),
    "unsafe": ("Niet veilig", "Uw voorgestelde volgorde is niet veilig"),
}


def as_json(*args, **kwargs) -> dict:
    result = run_cli(*args, "--format", "json", **kwargs)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def text(*args, **kwargs) -> str:
    result = run_cli(*args, **kwargs)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def verdict_line(checklist: str) -> str:
    (line,) = [l for l in checklist.splitlines() if l.startswith("Oordeel: ")]
    return line.removeprefix("Oordeel: ")


@pytest.mark.parametrize("scenario", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_status_and_the_verdict_agree_for_every_shipped_scenario(scenario):
    document = as_json(scenario)
    status = document["status"]
    decisions = [s for s in document["plan"]["steps"] if s["action"] == "decide"]
    assert status == ("unsafe" if not document["ok"] else "needs-decision" if decisions else "safe")
    assert verdict_line(text(scenario)).startswith(BANNERS[status])
    html = text(scenario, "--format", "html")
    banner = {"safe": "safe", "needs-decision": "decide", "unsafe": "unsafe"}[status]
    assert re.search(rf'<p class="banner {banner}" role="status">', html)


def test_an_open_decision_shows_its_answers_and_the_commands_that_take_them():
    checklist = text(WIDOW)
    assert verdict_line(checklist).startswith("Eerst beslissen:")
    assert "Laat Klant-Persoon Piet de Vries (P) op Cliënt Online staan: Wilma de Vries (W@P) houdt toegang" in checklist
    assert "Haal Klant-Persoon Piet de Vries (P) toch van de portal: Wilma de Vries (W@P) verliest dan ook" in checklist
    for answer in ("keep", "remove"):
        assert f"plan-removal {WIDOW} --decide P={answer}" in checklist
    markdown = text(WIDOW, "--format", "markdown")
    assert f"`plan-removal {WIDOW} --decide P=keep`" in markdown
    # the retention follow-up waits for the decision, and says so
    document = as_json(WIDOW)
    (retention,) = [f for f in document["plan"]["followups"] if f["kind"] == "retention"]
    assert retention["after_decision"] == 2
    assert "Alleen als u bij stap 2 beslist om Piet de Vries (P) van de portal te halen." in checklist


def test_the_command_shown_for_an_answer_runs_as_shown(tmp_path):
    folder = tmp_path / "map met spaties"
    shutil.copytree(SCENARIOS, folder / "scenarios")
    scenario = folder / "scenarios" / WIDOW.name
    checklist = text(scenario)
    (command,) = [l.strip() for l in checklist.splitlines() if l.strip().endswith("--decide P=keep")]
    argv = shlex.split(command)
    assert argv[:2] == ["plan-removal", str(scenario)]
    decided = as_json(*argv[1:])
    assert decided["status"] == "safe"
    assert [s["action"] for s in decided["plan"]["steps"]] == ["contact_off", "unlink"]


def test_keep_leaves_the_cliënt_and_says_plainly_that_the_dead_mans_login_stays():
    document = as_json(WIDOW, "--decide", "P=keep")
    assert document["status"] == "safe" and document["ok"] is True
    assert [(s["action"], s["target"]) for s in document["plan"]["steps"]] == [
        ("contact_off", "P@A"), ("unlink", "P@A"),
    ]
    assert document["plan"]["decisions_taken"] == [{"subject": "P", "choice": "keep", "kind": "still-used"}]
    # no "Geen klant meer" for a cliënt that stays on the portal
    assert [f["kind"] for f in document["plan"]["followups"]] == ["partner"]
    checklist = text(WIDOW, "--decide", "P=keep")
    assert verdict_line(checklist).startswith("Veilig met uw beslissingen")
    assert "De login van Piet de Vries (P) blijft op Cliënt Online bestaan, ook al is Piet de Vries (P) overleden" in checklist
    assert "vraag de beheerder van Cliënt Online deze gebruiker te blokkeren" in checklist
    assert "Geen klant meer" not in checklist


def test_remove_takes_the_cliënt_off_and_lists_the_widows_loss_as_accepted():
    document = as_json(WIDOW, "--decide", "P=remove")
    assert document["status"] == "safe" and document["ok"] is True
    steps = document["plan"]["steps"]
    assert [(s["action"], s["target"]) for s in steps] == [
        ("contact_off", "P@A"), ("client_off", "P"), ("unlink", "P@A"),
    ]
    assert {"event": "client-removed", "client": "P"} in steps[1]["events"]
    (accepted,) = document["plan"]["findings"]
    assert (accepted["code"], accepted["severity"], accepted["step"], accepted["subject"]) == (
        "accepted-loss", "info", 2, "W@P",
    )
    (retention,) = [f for f in document["plan"]["followups"] if f["kind"] == "retention"]
    assert "after_decision" not in retention
    checklist = text(WIDOW, "--decide", "P=remove")
    assert "Wilma de Vries (W@P) verliest de toegang tot Piet de Vries (P), zoals u besloot." in checklist
    assert "Piet de Vries (P) verdwijnt van Cliënt Online." in checklist


def test_a_decision_on_the_command_line_is_the_same_as_one_in_the_scenario():
    for answer in ("keep", "remove"):
        by_option = as_json(WIDOW, "--decide", f"P={answer}")
        by_scenario = as_json(SCENARIOS / f"partner-uses-private-client-{answer}.yaml")
        assert by_option["plan"] == by_scenario["plan"]
        assert by_option["status"] == by_scenario["status"]


def test_a_decision_the_plan_does_not_ask_is_said_to_be_unused():
    scenario = SCENARIOS / "situation-4-p-dies.yaml"
    document = as_json(scenario, "--decide", "A=keep")
    assert document["plan"]["decisions_unused"] == ["A"] and document["plan"]["decisions_taken"] == []
    assert as_json(scenario)["plan"]["steps"] == document["plan"]["steps"]
    assert "U hebt een beslissing over Alfa Bouw B.V. (A) genomen, maar dit plan vraagt die beslissing niet" in text(
        scenario, "--decide", "A=keep"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (("--decide", "X=keep"), "no client or contact with id 'X'"),
        (("--decide", "P=maybe"), "is not SUBJECT=keep or SUBJECT=remove"),
        (("--decide", "=keep"), "is not SUBJECT=keep or SUBJECT=remove"),
        (("--decide", "P=keep", "--check"), "--decide goes with a SCENARIO.yaml, - (a scenario read"),
    ],
)
def test_a_decision_that_cannot_be_used_is_an_input_error(args, message):
    result = run_cli(WIDOW, *args)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_decision_about_an_unknown_record_in_a_scenario_names_it(tmp_path):
    scenario = tmp_path / "s.yaml"
    shutil.copytree(SCENARIOS / "exports", tmp_path / "exports")
    scenario.write_text(
        WIDOW.read_text(encoding="utf-8").replace("expect:", "decisions: {Q: keep}\nexpect:"), encoding="utf-8"
    )
    result = run_cli(scenario)
    assert result.returncode == 2
    assert re.search(r"s\.yaml:\d+:\d+: decisions: there is no client or contact with id 'Q'", result.stderr)


def test_a_proposed_order_is_listed_as_written_with_each_finding_at_its_step():
    checklist = text(SCENARIOS / "proposed-unlink-first.yaml")
    assert verdict_line(checklist) == (
        "Uw voorgestelde volgorde is niet veilig: zie de meldingen bij de stappen. "
        "Het plan hieronder is wel veilig: werk daarmee."
    )
    section = checklist.split("Uw voorgestelde volgorde\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section[0] == "  1. Ontkoppel Piet de Vries (P@A) van de hoofd(contact)persoon"
    assert "Doe eerst stap 2: Zet contactpersoon Piet de Vries (P@A) op Nee." in section[1]
    assert [l.strip() for l in section[2:]] == [
        "2. Zet contactpersoon Piet de Vries (P@A) op Nee",
        "3. Zet contactpersoon Piet de Vries (P@B) op Nee",
        "4. Zet Klant-Persoon Piet de Vries (P) op Nee",
        "5. Ontkoppel Piet de Vries (P@B) van de hoofd(contact)persoon",
    ]
    # the proposed order comes before the plan's own steps
    assert checklist.index("Uw voorgestelde volgorde") < checklist.index("\nStappen\n")


def test_a_fix_in_a_later_step_names_that_step_by_what_it_does():
    document = as_json(SCENARIOS / "proposed-person-client-first.yaml", "--lang", "en")
    messages = [f["message"] for f in document["proposed"]["findings"] if f["code"] == "orphaned-link"]
    assert messages and all(
        re.search(r"Do (step \d+ first: |these steps first: step \d+: )Set contact person ", m) for m in messages
    )


def test_follow_ups_agree_with_what_the_plan_takes_off():
    # a company taken off the portal stays a client: no "Geen klant meer"
    removed = text(SCENARIOS / "situation-4-remove-company.yaml")
    assert "Alfa Bouw B.V. (A) verdwijnt van Cliënt Online." in removed
    assert "Geen klant meer" not in removed
    # ... unless its relationship ends
    ends = as_json(SCENARIOS / "follow-ups-when-a-company-leaves.yaml")
    assert "retention" in [f["kind"] for f in ends["plan"]["followups"]]


def test_the_html_page_holds_the_plan_for_every_answer():
    html = text(WIDOW, "--format", "html")
    keys = re.findall(r'<div class="variant steps-part" data-key="([^"]*)"', html)
    assert keys == ["", "0=keep", "0=remove"]
    assert re.findall(r'<input type="radio" name="decision-0" id="decision-0-(\w+)"', html) == ["open", "keep", "remove"]
    # a decision is not a step one can tick
    assert 'data-key="decide P"' not in html and "data-decision=\"2\"" in html
    # a page without open decisions has one plan and no choices
    plain = text(SCENARIOS / "situation-4-p-dies.yaml", "--format", "html")
    assert 'name="decision-0"' not in plain
    assert re.findall(r'<div class="variant steps-part" data-key="([^"]*)"', plain) == [""]


def test_the_page_takes_three_decisions_and_gives_the_command_for_the_rest(tmp_path):
    # P is the only portal user of four companies: four cliënten left without users
    companies = "".join(f"  - {{id: K{i}, type: company, client_online: Ja}}\n" for i in range(1, 5))
    contacts = "".join(
        f"  - {{id: P@K{i}, client: K{i}, main: P, client_online: Ja}}\n" for i in range(1, 5)
    )
    scenario = tmp_path / "four.yaml"
    scenario.write_text(
        "clients:\n  - {id: P, type: person, client_online: Ja}\n" + companies
        + "contacts:\n" + contacts + "events:\n  - leave: {person: P}\n",
        encoding="utf-8",
    )
    document = as_json(scenario)
    assert [s["target"] for s in document["plan"]["steps"] if s["action"] == "decide"] == ["K1", "K2", "K3", "K4"]
    html = text(scenario, "--format", "html")
    assert re.findall(r'<fieldset class="decision choice" data-subject="(\w+)"', html) == ["K1", "K2", "K3"]
    keys = re.findall(r'<div class="variant steps-part" data-key="([^"]*)"', html)
    assert len(keys) == 27 and len(set(keys)) == 27  # open, keep or remove for each of three
    # the fourth is shown in every plan, with the commands that answer it
    assert html.count("--decide K4=keep") == 27
    # every plan on the page was proven: no plan with all three answered asks them again
    last = html.split('<div class="variant steps-part" data-key="0=remove,1=remove,2=remove"', 1)[1]
    last = last.split('<div class="variant', 1)[0]
    assert last.count('class="step is-decision"') == 1 and "Beslis over Klant-Bedrijf K4" in last
