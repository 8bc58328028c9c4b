"""A request without YAML: finding people by name (``--find``), the request
as options on an export, and ``--save-scenario`` — through the installed
command, as staff use it (formats.md §5, "Requests on the command line");
where a test holds only what the command says (a plan's JSON, a refusal), the
same code run in this process (conftest.run_here)."""

from __future__ import annotations

import json
import os
import re
import shlex

import pytest
from conftest import EXPORTS, SCENARIOS, run_cli, run_here, sampled, write

SITUATION_4 = EXPORTS / "situation-4.yaml"


def plan_json(*args, **kwargs) -> tuple[int, dict]:
    """Exit status and JSON plan, without what names the input (the
    scenario's path and the fingerprint of the files)."""
    result = run_here(*args, "--format", "json", **kwargs)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    del document["scenario"], document["fingerprint"]
    return result.returncode, document


def refused(*args, **kwargs) -> str:
    """The message of a run refused as invalid input or usage (exit 2, no traceback)."""
    result = run_here(*args, **kwargs)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    return result.stderr


# -- --find ------------------------------------------------------------------------------


def test_find_lists_a_persons_records_together_with_the_id_a_request_names():
    result = run_cli(SITUATION_4, "--find", "Vries")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "naam", "soort", "klant", "Cliënt", "Online", "persoon"]
    rows = [line.split("  ") for line in lines[1:4]]
    assert [[cell.strip() for cell in row if cell.strip()] for row in rows] == [
        ["P", "Piet de Vries", "Klant-Persoon", "Piet de Vries (P)", "Ja", "Piet de Vries (P)"],
        ["P@A", "Piet de Vries", "contactpersoon", "Alfa Bouw B.V. (A)", "Ja", "Piet de Vries (P)"],
        ["P@B", "Piet de Vries", "contactpersoon", "Bravo Transport B.V. (B)", "Ja", "Piet de Vries (P)"],
    ]
    assert "3 klanten en contactpersonen gevonden." in result.stdout
    assert f"plan-removal {SITUATION_4} --death ID" in result.stdout
    english = run_cli(SITUATION_4, "--find", "Vries", "--lang", "en").stdout
    assert english.splitlines()[0].split()[:3] == ["id", "name", "kind"]
    assert "contact person" in english and "Yes" in english


OFFICE = """\
clients:
  - {id: "0012", name: "Jansen Holding B.V.", type: company, client_online: Ja}
  - {id: "10003", name: "José Çelik", type: person, client_online: Ja}
  - {id: "10004", name: "Mieke  JANSEN", type: person, client_online: Nee}
  - {id: "K\\u001b[2J", name: "Wis \\u202eB.V.", type: company, client_online: Ja}
contacts:
  - {id: "J-1", client: "0012", name: "Jose Celik", main: "10003", client_online: Ja}
  - {id: "M-1", client: "0012", name: "Mieke Jansen", main: "10004", client_online: Nee}
  - {id: "J-2", client: "K\\u001b[2J", name: "José Çelik", main: "J-1", client_online: Ja}
"""


@pytest.mark.parametrize("text", ["jose", "JOSÉ", "çelik", "Celik", "jOsE cElIk"])
def test_find_ignores_case_and_accents_and_groups_by_the_top_of_the_main_links(tmp_path, text):
    export = write(tmp_path, "office.yaml", OFFICE)
    result = run_cli(export, "--find", text)
    assert result.returncode == 0, result.stderr
    rows = [line.split()[0] for line in result.stdout.splitlines()[1:4]]
    # the person's own record first, then the others; J-2 hangs under J-1, which hangs under 10003
    assert rows == ["10003", "J-1", "J-2"]
    assert all(line.rstrip().endswith("José Çelik (10003)") for line in result.stdout.splitlines()[1:4])


def test_find_matches_ids_and_names_with_runs_of_spaces_and_shows_values_safely(tmp_path):
    export = write(tmp_path, "office.yaml", OFFICE)
    result = run_cli(export, "--find", "mieke jansen")
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:3]] == ["10004", "M-1"]
    assert " Nee " in result.stdout
    assert run_cli(export, "--find", "0012").stdout.splitlines()[1].startswith("0012 ")
    shown = run_cli(export, "--find", "wis")
    assert shown.returncode == 0
    assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout
    assert "K\\x1b[2J" in shown.stdout and "Wis \\u202eB.V." in shown.stdout


def test_find_says_plainly_when_nothing_matches(tmp_path):
    result = run_cli(SITUATION_4, "--find", "de Boer")
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"Geen klant of contactpersoon in {SITUATION_4} heeft „de Boer” in de naam of het id."
    )
    english = run_cli(SITUATION_4, "--find", "de Boer", "--lang", "en")
    assert english.returncode == 1 and f"No client or contact in {SITUATION_4} has “de Boer” in" in english.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((SCENARIOS / "situation-4-p-dies.yaml", "--find", "Vries"), "is a scenario (it has its own events:)"),
        ((SITUATION_4, "--find", " "), "--find needs some text"),
        ((SITUATION_4, "--find", "Vries", "--death", "P"), "--find and --death are two runs: give one of them"),
        ((SITUATION_4, "--find", "Vries", "--format", "json"), "--format goes with a SCENARIO.yaml, "),
        ((SITUATION_4, "--find", "Vries", "--format", "json"), ", --check or --lint, not --find"),
        ((SITUATION_4, "--find", "Vries", "--decide", "P=keep"), "or --save-scenario, not --find"),
        (("--check", SCENARIOS, "--find", "Vries"), "--check and --find are two runs: give one of them"),
    ],
)
def test_find_goes_with_an_export_alone(args, message):
    assert message in refused(*args, "--lang", "en")


def test_a_usage_mistake_of_find_is_dutch_by_default():
    assert refused(SITUATION_4, "--find", " ") == "Fout: --find heeft tekst nodig: een deel van een naam of een id\n"


# -- the request as options -------------------------------------------------------------

#: Each shipped scenario over an export, and the options that ask the same.
EQUIVALENT = [
    ("situation-4-p-dies.yaml", ["--death", "P"]),
    ("situation-4-q-leaves-and-stops.yaml", ["--leave", "Q=A,B", "--end-client"]),
    ("situation-4-q-loses-b.yaml", ["--revoke", "Q@B"]),
    ("situation-4-remove-company.yaml", ["--remove-client", "A"]),
    ("situation-4-two-events.yaml", ["--death", "P", "--revoke", "Q@B"]),
    ("situation-1-last-user-dies-disconnect.yaml", ["--death", "P@A", "--orphaned-clients", "disconnect"]),
    ("situation-1-last-user-dies-keep.yaml", ["--death", "P@A", "--orphaned-clients", "keep"]),
    ("partner-uses-private-client-remove.yaml", ["--death", "P", "--decide", "P=remove"]),
]


#: The requests the quick loop tries as options (a death; two events); CI every one.
QUICK_EQUIVALENT = {"situation-4-p-dies.yaml", "situation-4-two-events.yaml"}
QUICK_EQUIVALENT_PARAMS = sampled(EQUIVALENT, QUICK_EQUIVALENT, key=lambda pair: pair[0], unpack=True)


def export_of(scenario: str):
    for line in (SCENARIOS / scenario).read_text(encoding="utf-8").splitlines():
        if line.startswith("export: "):
            return SCENARIOS / line.removeprefix("export: ")
    raise AssertionError(scenario)


@pytest.mark.parametrize(("scenario", "options"), QUICK_EQUIVALENT_PARAMS, ids=[s for s, _ in EQUIVALENT])
def test_options_plan_what_the_equivalent_scenario_file_plans(scenario, options):
    assert plan_json(export_of(scenario), *options) == plan_json(SCENARIOS / scenario)


@pytest.mark.parametrize("fmt", sampled(["text", "markdown", "html", "json"], {"text", "json"}))
def test_a_request_as_options_is_written_in_every_format_as_its_saved_scenario_is(tmp_path, fmt):
    write(tmp_path, "exports/office.yaml", SITUATION_4.read_text(encoding="utf-8"))
    request = ["exports/office.yaml", "--death", "P", "--leave", "Q=B"]
    assert run_cli(*request, "--save-scenario", "request.yaml", cwd=tmp_path).returncode == 0
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1800000000"}
    outputs = []
    for args in (request, ["request.yaml"]):
        result = run_cli(*args, "--format", fmt, "-o", f"checklist.{fmt}", env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        text = (tmp_path / f"checklist.{fmt}").read_text(encoding="utf-8")
        # what names the input: its path, and the fingerprint of the files
        text = re.sub(r"sha256:[0-9a-f]{64}", "sha256:…", text.replace(args[0], "INPUT"))
        outputs.append(text.replace(" --death P --leave Q=B --decide", " --decide"))
    assert "Piet de Vries (P@A)" in outputs[0] or fmt == "json"
    if fmt != "json":
        # The header names where the request came from: the command that asked
        # for it (staff can run it again), or the scenario file.
        assert "Verzoek: plan-removal INPUT --death P --leave Q=B" in outputs[0].replace("**", "")
        assert "Scenario: INPUT" in outputs[1].replace("**", "")
        outputs = [re.sub(r"(Verzoek|Scenario):(\*\*)? (plan-removal INPUT --death P --leave Q=B|INPUT)", "SOURCE", o)
                   for o in outputs]
    assert outputs[0] == outputs[1]


def test_a_decision_asked_for_a_request_on_the_command_line_names_the_whole_request(tmp_path):
    export = EXPORTS / "partner-on-private-client.yaml"
    result = run_cli(export, "--death", "P")
    assert result.returncode == 0, result.stderr
    (command,) = [l.strip() for l in result.stdout.splitlines() if l.strip().endswith("--decide P=keep")]
    argv = shlex.split(command)
    assert argv == ["plan-removal", str(export), "--death", "P", "--decide", "P=keep"]
    code, decided = plan_json(*argv[1:])
    assert decided["status"] == "safe"
    assert decided == plan_json(SCENARIOS / "partner-uses-private-client-keep.yaml")[1]


def test_the_options_are_planned_in_the_order_given(tmp_path):
    saved = tmp_path / "saved.yaml"
    export = write(tmp_path, "situation-4.yaml", SITUATION_4.read_text(encoding="utf-8"))  # beside it
    result = run_cli(export, "--revoke", "Q@B", "--death", "P", "--remove-client", "B", "--leave", "Q",
                     "--death", "Q", "--save-scenario", saved)
    assert result.returncode == 0, result.stderr
    events = [line.split(":")[0].strip(" -") for line in saved.read_text().splitlines()
              if line.startswith("  - ")]
    assert events == ["revoke", "death", "remove_client", "leave", "death"]


@pytest.mark.parametrize(
    ("args", "messages"),
    [
        (["--death", "PP"], ["--death “PP”: there is no client or contact with id “PP”; did you mean “P”?"]),
        (["--death", "p"], ["--death “p”: there is no client or contact with id “p”; did you mean “P”?"]),
        (["--revoke", "q@b"], ["--revoke “q@b”: there is no contact with id “q@b”; did you mean “Q@B”?"]),
        (["--death", "A"], ["--death “A” must name a person client or a contact; “A” is a company (Klant-Bedrijf)"]),
        (["--revoke", "Q"], ["--revoke “Q”: “Q” is a client, not a contact; expected a contact id"]),
        (["--revoke", "Q@C"], ["--revoke “Q@C”: there is no contact with id “Q@C”; did you mean “Q@"]),
        (["--remove-client", "P@A"], ["--remove-client “P@A”: “P@A” is a contact, not a client"]),
        (["--leave", "Q=A,C"], ["--leave “Q=A,C”: there is no client with id “C”"]),
        (["--leave", "Q=A,,B"], ["--leave “Q=A,,B”: expected ID or ID=CLIENT,CLIENT"]),
        (["--leave", "Q=A", "--death", "X", "--end-client"], ["--death “X”: there is no client or contact"]),
        (["--end-client"], ["--end-client goes with --leave"]),
        (["--death", ""], ["--death needs an id"]),
    ],
)
def test_a_wrong_id_is_an_input_error_with_the_help_a_scenario_gets(args, messages):
    message = refused("--lang", "en", SITUATION_4, *args)
    for expected in messages:
        assert expected in message
    assert message.rstrip().endswith(f"find an id by name with: plan-removal {SITUATION_4} --find NAME")


def test_a_wrong_id_is_said_in_dutch_unless_told_otherwise():
    """The scenario reader's words for a wrong id, through the installed
    command: Dutch by default, English with --lang en, each in its own
    quotation marks."""
    dutch = run_cli(SITUATION_4, "--death", "p")
    assert dutch.returncode == 2
    assert dutch.stderr.startswith(
        "plan-removal: --death „p”: er is geen klant of contactpersoon met id „p”; bedoelde u „P”?\n"
    )
    english = run_cli("--lang", "en", SITUATION_4, "--death", "p")
    assert english.returncode == 2
    assert english.stderr.startswith(
        "plan-removal: --death “p”: there is no client or contact with id “p”; did you mean “P”?\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((SITUATION_4,), "is an export (it has no events:); name the request with options"),
        ((SCENARIOS / "situation-4-p-dies.yaml", "--death", "P"), "is a scenario (it has its own events:)"),
        ((SCENARIOS / "situation-4-p-dies.yaml", "--orphaned-clients", "keep"), "is a scenario"),
        ((SCENARIOS / "situation-4-p-dies.yaml", "--save-scenario", "x.yaml"), "--save-scenario saves a request"),
        ((SITUATION_4, "--death", "P", "--save-scenario", "x.yaml", "-o", "y.txt"), "-o goes with a SCENARIO.yaml"),
        ((SITUATION_4, "--death", "P", "--save-scenario", "x.yaml", "-o", "y.txt"), "not --save-scenario"),
        ((SITUATION_4, "--death", "P", "--save-scenario", "x.yaml", "--format", "json"), "not --save-scenario"),
        (("--check", SCENARIOS, "--death", "P"), "--check and --death are two runs: give one of them"),
        ((SITUATION_4, "--orphaned-clients", "never", "--death", "P"),
         "--orphaned-clients takes ask, disconnect or keep, not “never”"),
    ],
)
def test_options_that_do_not_go_together_are_a_usage_error(args, message):
    assert message in refused(*args, "--lang", "en")


def test_a_request_on_an_export_with_mistakes_reports_the_export(tmp_path):
    export = write(tmp_path, "office.yaml", "clients:\n  - {id: A, type: company}\n")
    message = refused(export, "--death", "A")
    assert f"{export}:2:5:" in message and "client_online" in message


# -- --save-scenario ---------------------------------------------------------------------


@pytest.mark.parametrize(("scenario", "options"), QUICK_EQUIVALENT_PARAMS, ids=[s for s, _ in EQUIVALENT])
def test_a_saved_request_is_a_fixture_that_plans_the_same_and_passes_check(tmp_path, scenario, options):
    (tmp_path / ".git").mkdir()  # a repository: the project of what is saved in it (formats.md §6)
    export = write(tmp_path, "exports/office.yaml", export_of(scenario).read_text(encoding="utf-8"))
    saved = tmp_path / "nested" / "request.yaml"
    result = run_cli(export, *options, "--save-scenario", saved)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"plan-removal --check {saved}" in result.stderr
    text = saved.read_text(encoding="utf-8")
    assert "expect:\n  plan:\n" in text
    assert plan_json(saved) == plan_json(export, *options)
    check = run_cli("--check", "--strict", saved)
    assert check.returncode == 0, check.stdout


def test_the_saved_scenario_names_its_export_relative_to_its_own_folder(tmp_path):
    folder = tmp_path / "kantoor"
    export = write(folder, "exports/situation 4.yaml", SITUATION_4.read_text(encoding="utf-8"))
    (folder / ".git").mkdir()  # the office's repository: the scenario's project
    saved = folder / "requests" / "death.yaml"
    result = run_cli(export, "--death", "P", "--save-scenario", saved, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert 'export: "../exports/situation 4.yaml"' in saved.read_text(encoding="utf-8")
    assert run_cli("--check", "--strict", "requests", cwd=folder).returncode == 0
    assert plan_json(saved, cwd=folder) == plan_json(export, "--death", "P", cwd=folder)


def test_a_scenario_whose_export_would_be_outside_its_project_is_not_saved(tmp_path):
    """What --check would refuse is never written (formats.md §6): the
    refusal says why and where to save it instead."""
    saved = tmp_path / "elsewhere" / "death.yaml"
    result = run_cli(SITUATION_4, "--death", "P", "--save-scenario", saved, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"does not write {saved}" in result.stderr and "outside" in result.stderr
    assert f"--save-scenario {SITUATION_4.parent / 'death.yaml'}" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_save_scenario_never_writes_over_the_export():
    before = SITUATION_4.read_bytes()
    assert "dat zou het invoerbestand" in refused(SITUATION_4, "--death", "P", "--save-scenario", SITUATION_4)
    assert SITUATION_4.read_bytes() == before


def test_a_saved_unsafe_or_undecided_plan_lists_its_findings_so_check_holds_it(tmp_path):
    saved = tmp_path / "request.yaml"
    export = write(tmp_path, "situation-1.yaml", (EXPORTS / "situation-1.yaml").read_text(encoding="utf-8"))
    result = run_cli(export, "--death", "P@A", "--save-scenario", saved)
    assert result.returncode == 0
    text = saved.read_text(encoding="utf-8")
    assert '    - decide: "A"' in text and "findings: [decision-needed@" in text
    assert run_cli("--check", "--strict", saved).returncode == 0


# -- hostile ids ---------------------------------------------------------------------------

HOSTILE = """\
clients:
  - {id: "0012", name: "Jansen Holding B.V.", type: company, client_online: Ja}
  - {id: "1e3", name: "Bakkerij Één", type: company, client_online: Ja}
  - {id: "K,1", name: "Komma B.V.", type: company, client_online: Ja}
  - {id: "a=b", name: "José Çelik", type: person, client_online: Ja}
  - {id: "yes", name: "Zoë 't Hart", type: person, client_online: Ja}
contacts:
  - {id: "a=b@0012", client: "0012", name: "José Çelik", main: "a=b", client_online: Ja}
  - {id: "a=b@1e3", client: "1e3", name: "José Çelik", main: "a=b", client_online: Ja}
  - {id: "Z \\"Q\\" 1", client: "0012", name: "Zoë 't Hart", main: "yes", client_online: Ja}
  - {id: "zoë@K,1", client: "K,1", name: "Zoë 't Hart", main: "yes", client_online: Ja}
  - {id: "S 1", client: "0012", name: Sanne, client_online: Ja}
  - {id: "S 2", client: "1e3", name: Sanne, client_online: Ja}
  - {id: "S 3", client: "K,1", name: Sanne, client_online: Ja}
"""

#: Options, and the events a scenario file writes for them.
HOSTILE_REQUESTS = [
    (["--leave", "a=b=0012,1e3"], '  - leave: {person: "a=b", clients: ["0012", "1e3"]}'),
    (["--leave", "a=b"], '  - leave: {person: "a=b"}'),
    (["--leave", "a=b", "--end-client"], '  - leave: {person: "a=b", end_client: true}'),
    (["--death", "a=b@1e3"], '  - death: {person: "a=b@1e3"}'),
    (["--revoke", 'Z "Q" 1'], '  - revoke: {contact: "Z \\"Q\\" 1"}'),
    (["--revoke", "zoë@K,1"], '  - revoke: {contact: "zoë@K,1"}'),
    (["--remove-client", "0012"], '  - remove_client: {client: "0012"}'),
    (["--death", "yes", "--remove-client", "K,1"], '  - remove_client: {client: "K,1"}'),
]


@pytest.mark.parametrize(
    ("options", "event"),
    # the quick loop: a leave of listed klanten, and a contact id with quotes and spaces
    sampled(HOSTILE_REQUESTS, {HOSTILE_REQUESTS[0][1], HOSTILE_REQUESTS[4][1]}, key=lambda pair: pair[1], unpack=True),
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_hostile_ids_keep_their_text_from_the_options_to_the_saved_scenario(tmp_path, options, event):
    export = write(tmp_path, "office.yaml", HOSTILE)
    saved = tmp_path / "request.yaml"
    result = run_cli(export, *options, "--save-scenario", saved)
    assert result.returncode == 0, result.stderr
    text = saved.read_text(encoding="utf-8")
    assert event in text.splitlines()
    assert plan_json(saved) == plan_json(export, *options)
    assert run_cli("--check", "--strict", saved).returncode == 0


def test_a_leave_that_could_mean_two_things_is_refused_not_guessed(tmp_path):
    export = write(tmp_path, "office.yaml", """\
clients:
  - {id: a, type: person, client_online: Ja}
  - {id: b, type: company, client_online: Ja}
contacts:
  - {id: "a=b", client: b, main: a, client_online: Ja}
""")
    message = refused(export, "--leave", "a=b")
    assert "--leave „a=b” is dubbelzinnig" in message and "schrijf het verzoek in een scenariobestand" in message


def test_end_client_names_a_leave_whose_person_is_no_klant_persoon(tmp_path):
    export = write(tmp_path, "office.yaml", HOSTILE)
    message = refused(export, "--leave", "a=b", "--leave", "S 1", "--end-client")
    assert "--end-client: „S 1” is geen Klant-Persoon (het is een contactpersoon zonder hoofdkoppeling" in message
    assert "a=b" not in message  # its main links end at Klant-Persoon a=b: it can be ended


def test_a_klant_whose_id_holds_a_comma_cannot_be_listed_and_the_error_says_so(tmp_path):
    export = write(tmp_path, "office.yaml", HOSTILE)
    message = refused(export, "--leave", "yes=K,1")
    assert "--leave „yes=K,1”: er is geen klant met id „K”" in message
    assert "een klant met „,” of „=” in het id kan daar niet genoemd worden; schrijf het verzoek in een" in message
