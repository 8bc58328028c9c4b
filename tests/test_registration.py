"""Registration lint and the office's work after the portal steps."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import EXPORTS, SCENARIOS, run_cli, run_here
from planner.rules import duplicate_person

from planner.load.loading import load_scenario
from planner.plan.followups import CONTACT_STATUS, GROUP, INTEGRATIONS_OFF, PARTNER, RETENTION, WWFT
from planner.plan.graph import plan
from planner.text.messages import translations

PROBLEMS = EXPORTS / "registration-problems.yaml"


def test_lint_reports_each_problem_at_its_record(tmp_path):
    result = run_cli("--lint", PROBLEMS, "--lang", "en")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    text = PROBLEMS.read_text(encoding="utf-8").splitlines()

    def line_of(record):
        return next(i for i, l in enumerate(text, start=1) if f"{{id: {record}," in l)

    assert lines[0].startswith(f"{PROBLEMS}:{line_of('A')}:5: [warning] client-without-user: ")
    assert lines[1].startswith(f"{PROBLEMS}:{line_of('T@B')}:5: [warning] contact-not-synced: ")
    assert lines[2].startswith(f"{PROBLEMS}:{line_of('P@C')}:5: [warning] duplicate-person: ")
    assert "Piet de Vries (P@C) looks like the same person as Piet de Vries (P)" in lines[2]
    assert lines[3] == "plan-removal: 1 file checked, 0 failed, 3 warnings; no configuration file"
    assert run_cli("--lint", "--strict", PROBLEMS).returncode == 1


def test_lint_finds_nothing_in_the_articles_situations():
    paths = [EXPORTS / f"situation-{n}.yaml" for n in (1, 2, 3, 4)]
    result = run_cli("--lint", "--strict", *paths)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "plan-removal: 4 bestanden gecontroleerd, 0 mislukt, 0 waarschuwingen; geen configuratiebestand"
    ]


def test_lint_of_a_broken_export_is_an_input_error(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("clients:\n  - {id: A, type: stichting, client_online: Ja}\n", encoding="utf-8")
    result = run_cli("--lint", broken)
    assert result.returncode == 2
    assert result.stdout.startswith(f"{broken}:2:")
    assert "Traceback" not in result.stderr


def test_a_checklist_reports_the_registration_of_what_its_request_involves():
    """Piet dies: his unlinked second record is about him; Alfa Bouw without
    a portal user and Bravo's contact are the office's, counted in one line."""
    scenario = SCENARIOS / "registration-problems.yaml"
    # What the checklist says in four formats: run in this process (conftest.run_here).
    doc = json.loads(run_here(scenario, "--format", "json").stdout)
    assert [(f["code"], f["subject"], f["step"]) for f in doc["registration"]] == [
        ("duplicate-person", "P@C", None),
    ]
    assert doc["registration_elsewhere"] == 2
    # staff read the finding's title, never its code
    title = translations("nl").gettext(duplicate_person.TITLE)
    for fmt in ("text", "markdown", "html"):
        out = run_here(scenario, "--format", fmt).stdout
        assert "Registratie in AuditCase" in out and title in out and "duplicate-person" not in out, fmt
        assert "client-without-user" not in out and "contact-not-synced" not in out, fmt
        sentence = "2 andere meldingen over de registratie van het kantoor, niet over dit verzoek: "
        assert sentence in out and "--lint" in out, fmt
        # the steps come before the registration notes
        assert out.index("Registratie in AuditCase") > out.index("client_off" if fmt == "json" else "Stap"), fmt


def followups(name):
    return [(t.kind, t.subject, t.others) for t in plan(load_scenario(str(SCENARIOS / f"{name}.yaml"))).followups]


def test_follow_ups_after_a_death():
    assert followups("follow-ups-after-a-death") == [
        (PARTNER, "P", ("W",)),
        (WWFT, "A", ("P",)),
        (INTEGRATIONS_OFF, "P", ("twinfield",)),
        (RETENTION, "P", ()),
    ]


def test_follow_ups_when_a_company_leaves():
    assert followups("follow-ups-when-a-company-leaves") == [
        (GROUP, "A", ("H",)),
        (INTEGRATIONS_OFF, "A", ("microsoft_office", "afas")),
        (RETENTION, "A", ()),
    ]


def test_a_company_taken_off_the_portal_without_ending_the_relationship_keeps_its_work(tmp_path):
    """remove_client alone takes the portal link away: the klant stays a
    klant, so no "Geen klant meer", and its other links and group stay."""
    scenario = (SCENARIOS / "follow-ups-when-a-company-leaves.yaml").read_text(encoding="utf-8")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "office-with-relations.yaml").write_bytes(
        (EXPORTS / "office-with-relations.yaml").read_bytes()
    )
    path = tmp_path / "portal-only.yaml"
    path.write_text(scenario.replace("{client: A, ends: true}", "{client: A}"), encoding="utf-8")
    assert plan(load_scenario(str(path))).followups == ()


def test_follow_ups_when_a_ubo_leaves_but_stays_a_client():
    # and, as for every leave, the contact's own status where the office keeps one
    assert followups("follow-ups-when-a-ubo-leaves") == [(WWFT, "B", ("Q",)), (CONTACT_STATUS, "Q@B", ())]


def test_no_follow_ups_without_relations_or_links():
    assert followups("situation-4-q-loses-b") == []


@pytest.mark.parametrize("name,tasks", [
    ("follow-ups-after-a-death", {("partner", "P"), ("wwft", "A"), ("integrations", "P")}),
    ("follow-ups-when-a-company-leaves", {("group", "A"), ("integrations", "A")}),
    ("follow-ups-when-a-ubo-leaves", {("wwft", "B")}),
])
def test_follow_ups_never_change_the_portal_plan(name, tasks):
    """The same request without any relation or Beheer-tab link plans the
    same steps with the same portal events."""
    scenario = load_scenario(str(SCENARIOS / f"{name}.yaml"))
    export = scenario.export
    bare = dataclasses.replace(
        export,
        clients={k: dataclasses.replace(c, integrations=()) for k, c in export.clients.items()},
        relations=(),
    )
    with_tasks = plan(scenario)
    without = plan(dataclasses.replace(scenario, export=bare))
    # only the retention reminder and a contact's own status need no relation or link
    assert {t.kind for t in without.followups} <= {RETENTION, CONTACT_STATUS}
    assert {(t.kind, t.subject) for t in with_tasks.followups if t.kind not in (RETENTION, CONTACT_STATUS)} == tasks
    assert [(s.step, s.after, s.events) for s in with_tasks.steps] == [
        (s.step, s.after, s.events) for s in without.steps
    ]


def test_follow_ups_come_after_the_steps_in_the_checklist():
    out = run_cli(SCENARIOS / "follow-ups-after-a-death.yaml", "--lang", "en").stdout
    assert out.rindex("After the portal steps") > out.index("Group 3")
    assert "“Geen klant meer”" in out and "do not delete" in out


def test_lint_reports_what_makes_an_export_unusable_as_findings(tmp_path):
    """main-not-person, main-cycle and dangling-reference: exit 1 under
    --lint (findings), exit 2 when planning (the export cannot be used)."""
    export = tmp_path / "export.yaml"
    export.write_text(
        "clients:\n"
        "  - {id: A, type: company, client_online: Ja}\n"
        "contacts:\n"
        "  - {id: C1, client: A, main: C2, client_online: Ja}\n"
        "  - {id: C2, client: A, main: C1, client_online: Ja}\n"
        "  - {id: C3, client: A, main: A, client_online: Ja}\n"
        "  - {id: C4, client: A, main: Z9, client_online: Ja}\n",
        encoding="utf-8",
    )
    result = run_cli("--lint", export)
    assert result.returncode == 1
    codes = [line.split("] ")[1].split(":")[0] for line in result.stdout.splitlines()[:-1]]
    assert codes == ["main-cycle", "main-not-person", "dangling-reference"]
    assert result.stdout.splitlines()[0].startswith(f"{export}:4:")
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text("export: export.yaml\nevents:\n  - revoke: {contact: C3}\n", encoding="utf-8")
    planned = run_cli(scenario)
    assert planned.returncode == 2 and f"{export}:4:" in planned.stderr
