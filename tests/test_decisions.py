"""Decisions staff take, proposed orders they can read, and advice that
agrees with the plan — what the command says to them, run in this process
(conftest.run_here: the same code from the arguments down), and through the
installed command where a test is about the process (a refusal's exit
status) or runs a command a checklist shows, as shown."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from html import unescape

import pytest
from conftest import CHAIN, SCENARIOS, only_user_at, run_cli, run_here, scenario_files

WIDOW = SCENARIOS / "partner-uses-private-client.yaml"
BANNERS = {
    "safe": ("Veilig",),
    "needs-decision": ("Eerst beslissen:",),
    "unsafe": ("Niet veilig", "Uw voorgestelde volgorde is niet veilig"),
}


def as_json(*args, run=run_here, **kwargs) -> dict:
    result = run(*args, "--format", "json", **kwargs)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def text(*args, run=run_here, **kwargs) -> str:
    result = run(*args, **kwargs)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def verdict_line(checklist: str) -> str:
    (line,) = [l for l in checklist.splitlines() if l.startswith("Oordeel: ")]
    return line.removeprefix("Oordeel: ")


@pytest.mark.parametrize("scenario", scenario_files(), ids=lambda p: p.stem)
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
    decided = as_json(*argv[1:], run=run_cli)  # the installed command, as shown
    assert decided["status"] == "safe"
    assert [s["action"] for s in decided["plan"]["steps"]] == ["contact_off", "unlink"]


def test_keep_leaves_the_cliënt_and_says_plainly_that_the_dead_mans_login_stays():
    document = as_json(WIDOW, "--decide", "P=keep")
    assert document["status"] == "safe" and document["ok"] is True
    assert [(s["action"], s["target"]) for s in document["plan"]["steps"]] == [
        ("contact_off", "P@A"), ("unlink", "P@A"),
    ]
    assert document["plan"]["decisions_taken"] == [{
        "subject": "P", "choice": "keep", "kind": "still-used", "step": {"client_off": "P"},
        # the part of the request not done, and the follow-up that needed it
        "request_not_done": [{"event": 1, "kind": "death", "part": "own_client"}],
        "followups_not_given": [{"kind": "retention", "subject": "P", "others": []}],
    }]
    # no "Geen klant meer" for a cliënt that stays on the portal
    assert [f["kind"] for f in document["plan"]["followups"]] == ["partner"]
    checklist = text(WIDOW, "--decide", "P=keep")
    assert verdict_line(checklist).startswith("Veilig met uw beslissingen")
    assert "De login van Piet de Vries (P) blijft op Cliënt Online bestaan, ook al is Piet de Vries (P) overleden" in checklist
    assert "vraag de beheerder van Cliënt Online deze gebruiker te blokkeren" in checklist
    # no "Geen klant meer" to do for a cliënt that stays; the checklist says it is left out
    assert "Geen klant meer" not in checklist.split("Na de stappen op de portal")[1]
    assert "Vervalt als vervolgtaak: de klantstatus van Piet de Vries (P) op „Geen klant meer” zetten" in checklist


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
        (("--decide", "X=keep"), "no client or contact with id “X”"),
        (("--decide", "P=maybe"), "is not SUBJECT=keep or SUBJECT=remove"),
        (("--decide", "=keep"), "is not SUBJECT=keep or SUBJECT=remove"),
        (("--decide", "P=keep", "--check"), "--decide goes with a SCENARIO.yaml, - (a scenario read"),
    ],
)
def test_a_decision_that_cannot_be_used_is_an_input_error(args, message):
    result = run_cli(WIDOW, *args, "--lang", "en")
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
    assert re.search(r"s\.yaml:\d+:\d+: decisions: er is geen klant of contactpersoon met id „Q”", result.stderr)


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


def page_data(html: str) -> dict:
    """What the page's script knows: every part the page holds, and more."""
    return json.loads(unescape(re.search(r'<main [^>]*data-page="([^"]*)"', html)[1]))


def test_the_html_page_holds_the_plan_for_every_answer():
    html = text(WIDOW, "--format", "html")
    assert sorted(page_data(html)["parts"]) == ["", "0:0=keep", "0:0=remove"]
    assert re.findall(r'<input type="radio" name="decision-0" id="decision-0-(\w+)"', html) == ["open", "keep", "remove"]
    # a decision is not a step one can tick
    (decide,) = re.findall(r'<li class="step is-decision"[^>]*>.*?</li>', html, re.S)
    assert 'data-key="decide P"' in decide and 'type="checkbox"' not in decide
    # a page without open decisions has one plan and no choices
    plain = text(SCENARIOS / "situation-4-p-dies.yaml", "--format", "html")
    assert 'name="decision-0"' not in plain
    assert list(page_data(plain)["parts"]) == [""]


def test_a_page_takes_every_decision_and_stays_small(tmp_path):
    scenario = only_user_at(12, tmp_path)
    companies = [f"K{i}" for i in range(1, 13)]
    document = as_json(scenario)
    assert [s["target"] for s in document["plan"]["steps"] if s["action"] == "decide"] == companies
    html = text(scenario, "--format", "html")
    # every decision is taken on the page: none is left to the command line alone
    assert re.findall(r'<fieldset class="decision choice" id="decision-\d+" data-subject="(\w+)"', html) == companies
    # decisions that do not touch are answered each on its own: 1 + 2 * 12 plans, not 3 ** 12
    parts = page_data(html)["parts"]
    assert len(parts) == 25 and all(status == "needs-decision" for status, *_rest in parts.values())
    assert len(html.encode("utf-8")) < 250_000


@pytest.mark.parametrize("seed", range(6))
def test_any_combination_of_answers_is_the_plan_the_planner_makes_and_is_safe(tmp_path, seed):
    """What the page shows for answers to several groups is the open plan with
    each group's part replaced by its own: that is the plan planned for all
    those answers at once, and it is proven safe."""
    import random
    from dataclasses import replace

    from planner.load.loading import load_scenario
    from planner.plan.answers import _Answering, answer_groups, composed, signatures
    from planner.plan.graph import plan as make_plan
    from planner.plan.proof import validate
    from planner.text.messages import translations

    scenario = load_scenario(str(only_user_at(5, tmp_path)))
    plan = make_plan(scenario)
    answers = answer_groups(plan, translations("en"))
    assert [g.subjects for g in answers.groups] == [(f"K{i}",) for i in range(1, 6)] and not answers.left
    pick = random.Random(seed)
    chosen = [pick.choice(g.answered).choices if pick.random() < 0.8 else () for g in answers.groups]
    together = dict(c for choices in chosen for c in choices)
    planned = make_plan(replace(scenario, decisions=together))
    answering = _Answering(plan, translations("en"), None)
    assert signatures(planned) == composed(answering, [c for c in chosen if c])
    assert validate(planned, translations("en")).ok


def test_decisions_that_touch_are_planned_together():
    from planner.load.loading import load_scenario
    from planner.plan.answers import answer_groups
    from planner.plan.graph import plan as make_plan
    from planner.text.messages import translations

    # unlinking P@B waits for both decisions below it
    plan = make_plan(load_scenario(str(SCENARIOS / "unlinking-waits-for-the-decisions-below.yaml")))
    (group,) = answer_groups(plan, translations("en")).groups
    assert group.subjects == ("A", "B") and len(group.answered) == 8  # 3 ** 2 - 1


def test_an_answer_that_opens_a_decision_brings_its_answers(tmp_path):
    """The chain: taking P@A off anyway leaves Alfa Bouw without a user, a
    decision the open plan does not ask; the page holds the plans for it."""
    scenario = tmp_path / "chain.yaml"
    scenario.write_text(CHAIN, encoding="utf-8")
    html = text(scenario, "--format", "html")
    assert re.findall(r'data-subject="([^"]+)"', html)[:2] == ["P@A", "A"]
    assert sorted(page_data(html)["parts"]) == ["", "0:0=keep", "0:0=remove", "0:0=remove,1=keep", "0:0=remove,1=remove"]
    # the decision an answer opens shows only with that answer
    (fieldset,) = re.findall(r'<fieldset class="decision choice gone" id="decision-1"[^>]*>', html)
    assert 'data-when="{&#34;0&#34;: [&#34;0=remove&#34;, &#34;0=remove,1=keep&#34;, &#34;0=remove,1=remove&#34;]}"' in fieldset


KEEPS = {
    "situation-4-remove-person-client-keep": ("„Piet de Vries (P) verdwijnt van Cliënt Online.”", "P"),
    "situation-4-q-leaves-b-and-stops-keep": ("„Quirine Jansen (Q) stopt ook als klant.”", "Q"),
}


@pytest.mark.parametrize("name", sorted(KEEPS))
def test_keep_says_what_stays_what_is_not_done_and_why_never_that_it_was_done(name):
    scenario = SCENARIOS / f"{name}.yaml"
    part, subject = KEEPS[name]
    checklist = text(scenario).split("Wat er gevraagd wordt", 1)[1]  # not the description
    assert verdict_line(checklist).startswith("Veilig met uw beslissingen, maar niet alles wat gevraagd is, wordt gedaan")
    taken = checklist.split("Genomen beslissingen\n", 1)[1].split("\n\n", 1)[0]
    assert "u koos „Laat Klant-Persoon" in taken and "blijft bestaan" in taken
    assert f"Daarom niet gedaan: {part}" in taken and "\n     Waarom: " in taken
    # nothing of what stays is a follow-up: no "Geen klant meer" for the klant kept
    assert "al gedaan" not in checklist and "Zet de klantstatus" not in checklist
    # who sees what, also for a login that stays as it is
    assert "Wie ziet welke cliënt, voor → na" in checklist
    english = text(scenario, "--lang", "en").split("What is asked", 1)[1]
    assert "Decisions taken" in english and "already" not in english
    markdown = text(scenario, "--format", "markdown")
    assert "## Genomen beslissingen" in markdown and f"  - Daarom niet gedaan: {part}" in markdown
    (taken,) = as_json(scenario)["plan"]["decisions_taken"]
    assert taken["subject"] == subject and taken["choice"] == "keep" and taken["request_not_done"]
    html = text(scenario, "--format", "html")
    assert "Genomen beslissingen" in html and f"Daarom niet gedaan: {part}" in html
    # the drawing has its boxes, and the table its rows
    after = html.split('<figcaption id="fig-2">', 1)[1].split("</svg>", 1)[0]
    assert after.count("<rect ") >= 3 and '<table class="access">' in html


def test_a_stop_as_client_that_is_kept_drops_its_follow_up_and_says_so():
    checklist = text(SCENARIOS / "situation-4-q-leaves-b-and-stops-keep.yaml")
    assert "Zet de klantstatus" not in checklist
    assert "Vervalt als vervolgtaak: de klantstatus van Quirine Jansen (Q) op „Geen klant meer” zetten, want " in checklist


def test_a_leave_advises_the_contact_status_where_the_contact_is_not_ended(tmp_path):
    leaves = SCENARIOS / "situation-4-q-leaves-and-stops.yaml"
    checklist = text(leaves)
    assert (
        "Zet in AuditCase ook de status van contactpersoon Quirine Jansen (Q@B) bij Bravo Transport B.V. (B) "
        "op beëindigd, bijvoorbeeld „Vertrokken” of „Inactief”, als uw kantoor die status bijhoudt."
    ) in checklist
    followups = as_json(leaves)["plan"]["followups"]
    assert [f["subject"] for f in followups if f["kind"] == "contact-status"] == ["Q@A", "Q@B"]
    english = text(leaves, "--lang", "en")
    assert "Also set the status of contact person Quirine Jansen (Q@A) at Alfa Bouw B.V. (A) in AuditCase" in english
    # a contact the export has ended already needs nothing
    export = (SCENARIOS / "exports" / "situation-4.yaml").read_text(encoding="utf-8")
    ended = "main: Q, client_online: Ja, ended: true}"
    export = export.replace("quirine@bravo.nl, main: Q, client_online: Ja}", "quirine@bravo.nl, " + ended)
    (tmp_path / "export.yaml").write_text(export, encoding="utf-8")
    scenario = tmp_path / "leave.yaml"
    scenario.write_text("export: export.yaml\nevents:\n  - leave: {person: Q}\n", encoding="utf-8")
    followups = as_json(scenario)["plan"]["followups"]
    assert [f["subject"] for f in followups if f["kind"] == "contact-status"] == ["Q@A"]
    # a death is no leave: the office keeps its own records of that
    died = as_json(SCENARIOS / "situation-4-p-dies.yaml")["plan"]["followups"]
    assert "contact-status" not in [f["kind"] for f in died]


def test_a_plan_that_is_not_safe_has_no_boxes_to_tick():
    from dataclasses import replace

    from planner.checklist import content, page, render
    from planner.load.loading import load_scenario
    from planner.model.findings import ERROR, Finding
    from planner.plan.answers import Answers
    from planner.plan.graph import plan as make_plan
    from planner.plan.proof import validate
    from planner.text.messages import translations

    plan = make_plan(load_scenario(str(SCENARIOS / "situation-4-p-dies.yaml")))
    verdict = validate(plan, translations("nl"))
    broken = replace(verdict, plan_findings=(Finding("new-login", ERROR, 3, "P@A", "Zo niet."),))
    checklist = render.render(content.build(plan, broken, lang="nl", date="2026-01-01"), "text")
    assert "[ ]" not in checklist and "Voer deze stappen niet uit: dit plan is niet veilig" in checklist
    markdown = render.render(content.build(plan, broken, lang="nl", date="2026-01-01"), "markdown")
    assert "[ ]" not in markdown
    html = render.render(page.html_report(plan, broken, Answers(), lang="nl", date="2026-01-01"), "html")
    assert '<main class="no-ticks"' in html and "Voer deze stappen niet uit" in html
    assert "[ ]" in render.render(content.build(plan, verdict, lang="nl", date="2026-01-01"), "text")
