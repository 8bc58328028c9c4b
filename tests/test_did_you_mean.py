""""Did you mean": one place (planner.text.suggest), one cutoff, for every
word the tool does not know (keys, codes, headers, values) and, with a
case variant and a one-typo edit first, for ids — the loader's and the
import's alike."""

from __future__ import annotations

from conftest import run_cli, write_csv

from planner.text.suggest import CUTOFF, MAX_LENGTH, IdSuggestions, did_you_mean


def test_a_word_gets_the_nearest_candidate_near_enough():
    assert did_you_mean("evnts", ["events", "export"]) == "; did you mean “events”?"
    assert did_you_mean("relatie", ["client", "related"]) == "; did you mean “related”?"
    assert did_you_mean("zzz", ["events"]) == ""
    assert did_you_mean("zzz", ["events"], otherwise=";") == ";"


def test_the_cutoff_is_the_one_for_every_word():
    # 'mian' and 'main' share three of four characters: ratio 0.75; 'ab' and 'ac' 0.5.
    assert 0.5 < CUTOFF <= 0.75
    assert did_you_mean("mian", ["main"]) == "; did you mean “main”?"
    assert did_you_mean("ab", ["ac"]) == ""


def test_a_folded_candidate_is_shown_as_written():
    written = {"geen klant meer": "Geen klant meer"}
    assert did_you_mean("geen klant mer", written, show=written.get) == "; did you mean “Geen klant meer”?"


def test_a_long_word_is_compared_by_its_start():
    # The comparison grows with the square of the length: a word of a
    # million characters costs what its first MAX_LENGTH cost.
    long_key = "k" * MAX_LENGTH
    assert did_you_mean("k" * 1_000_000, [long_key, "clients"]) == f"; did you mean “{long_key}”?"
    assert IdSuggestions().nearest("P" * (MAX_LENGTH + 1), {"P": 1}) == ""


def test_an_id_is_tried_in_the_other_case_then_one_typo_away_then_compared():
    ids = {"Q@B": 1, "Q@A": 2, "10001": 3}
    assert IdSuggestions().nearest("q@b", ids) == "; did you mean “Q@B”?"
    assert IdSuggestions().nearest("10010", ids) == "; did you mean “10001”?"  # two characters swapped
    assert IdSuggestions().nearest("1000", ids) == "; did you mean “10001”?"
    assert IdSuggestions(budget=1).nearest("x", ids) == ""


CLIENTS = [["Klantnummer", "Naam", "Registratietype", "Koppelen met Cliënt Online", "Klantstatus"],
           ["A1", "Alfa Bouw B.V.", "Klant-Bedrijf", "Ja", "Klant"]]
CONTACTS = [["Relatienummer", "Klantnummer", "Naam", "Hoofd(contact)persoon", "Koppelen met Cliënt Online", "Status"],
            ["C1", "a1", "Rob", "", "Ja", ""]]


def test_the_import_suggests_an_id_as_the_loader_does(tmp_path):
    write_csv(tmp_path / "klanten.csv", CLIENTS)
    write_csv(tmp_path / "contactpersonen.csv", CONTACTS)
    result = run_cli("import", "--clients", "klanten.csv", "--contacts", "contactpersonen.csv", cwd=tmp_path)
    assert result.returncode == 2
    # The same words as the loader's, in the run's language (Dutch unless told).
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("contactpersonen.csv!B2: ")]
    assert "„a1”" in line and "; bedoelde u „A1”?" in line
