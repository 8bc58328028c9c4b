"""Input nobody meant to write, or someone meant to hurt with: every file is
either loaded or refused with an InputError naming file, line and column;
nothing else escapes, nothing is executed, and nothing makes the reader do
more work than the file's own size warrants (counted in YAML events read:
tests/work.py)."""

from __future__ import annotations

import pathlib
import sys

import pytest
from conftest import assert_problem, assert_reads_agree, input_error, run_cli, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from work import counting

from planner.load.loading import load_export, load_scenario
from planner.load.yaml import reader
from planner.text.errors import InputError

pytestmark = pytest.mark.usefixtures("every_input_reads_alike")

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_hostile  # noqa: E402

GOOD = """\
clients:
  - {id: A, name: Alfa Bouw B.V., type: company, client_online: true}
  - {id: P, name: Piet de Vries, type: person, client_online: true}
contacts:
  - {id: P@A, client: A, main: P, client_online: true}
"""


# -- aliases ------------------------------------------------------------------------

BILLION_LAUGHS = """\
clients: []
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def events_read(load, path: str) -> int:
    """The YAML events ``load`` read of ``path`` before refusing it."""
    with counting() as work:
        input_error(load, path)
    return work.yaml_events


def test_the_billion_laughs_here_is_the_generators():
    assert gen_hostile.laughs() == BILLION_LAUGHS  # benchmarks/hostile.py times the same file


@pytest.mark.parametrize("load", [load_export, load_scenario])
def test_billion_laughs_is_refused_quickly(tmp_path, load):
    path = write(tmp_path, "bomb.yaml", BILLION_LAUGHS)
    error = input_error(load, path)
    (problem,) = [p for p in error.problems if "billion laughs" in p.message]
    # Nine aliases of 9**5 nodes each pass the budget on line 7.
    assert (problem.mark.file, problem.mark.line) == (path, 7)
    assert str(problem).startswith(f"{path}:7:")
    # Refused there: a bomb of twenty levels is read no further (not a node
    # of it is expanded; each read that reports it stops at line 7).
    bigger = write(tmp_path, "bigger.yaml", gen_hostile.laughs(levels=20))
    assert events_read(load, bigger) == events_read(load, path)


def test_one_big_node_aliased_many_times_is_refused(tmp_path):
    path = write(tmp_path, "wide.yaml", gen_hostile.one_node_aliased(200))
    assert_problem(input_error(load_export, path), path, 53, 6, "alias “*big”", "once aliases are expanded")
    # Refused at the same alias however many follow it: the 1,800 more
    # aliases (3,600 events) are not read.
    more = write(tmp_path, "wider.yaml", gen_hostile.one_node_aliased(2000))
    assert events_read(load_export, more) < events_read(load_export, path) + 100


def test_ordinary_aliases_are_fine(tmp_path):
    # A shared mapping reused by every client of a big export fits the budget.
    clients = "\n".join(
        f"  - {{id: K{n}, type: company, client_online: true, integrations: *usual}}"
        for n in range(3000)
    )
    text = f"clients:\n  - {{id: K, type: company, client_online: true, integrations: &usual {{twinfield: true}}}}\n{clients}\n"
    export = load_export(write(tmp_path, "shared.yaml", text))
    assert export.clients["K2999"].integrations == (("twinfield", True),)


def test_an_aliased_record_is_a_duplicate(tmp_path):
    text = "clients:\n  - &a {id: A, type: company, client_online: true}\n  - *a\n"
    path = write(tmp_path, "export.yaml", text)
    assert_problem(input_error(load_export, path), path, 2, 13, "duplicate id “A”")


def test_undefined_and_recursive_aliases(tmp_path):
    path = write(tmp_path, "undefined.yaml", "clients: *nothing\n")
    assert_problem(input_error(load_export, path), path, 1, 10, "alias “*nothing” refers to no anchor; expected “&nothing” earlier")
    path = write(tmp_path, "recursive.yaml", "clients: &c [*c]\n")
    assert_problem(input_error(load_export, path), path, 1, 14, "alias “*c” is inside the node “&c”", "recursive")


def test_merge_keys_are_refused(tmp_path):
    text = "clients:\n  - &base {id: A, type: company, client_online: true}\n  - <<: *base\n    id: B\n"
    path = write(tmp_path, "merge.yaml", text)
    assert_problem(input_error(load_export, path), path, 3, 5, "merge keys (“<<”) are not supported")


# -- tags: refused, never executed ---------------------------------------------------------


@pytest.mark.parametrize("value,shown", [
    ('!!python/object/apply:os.system ["touch {marker}"]', "!!python/object/apply:os.system"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ('!!python/object/new:os.system ["touch {marker}"]', "!!python/object/new:os.system"),
    ("!foo bar", "!foo"),
    ("!!str 10001", "!!str"),
    ("!<tag:yaml.org,2002:str> 10001", "!!str"),
    ("!!map {id: A}", "!!map"),
])
def test_explicit_tags_are_refused_and_nothing_runs(tmp_path, value, shown):
    marker = tmp_path / "executed"
    text = "clients:\n  - {id: A, type: company, client_online: true}\nrelations:\n  - " + value.replace("{marker}", str(marker)) + "\n"
    path = write(tmp_path, "tags.yaml", text)
    assert_problem(input_error(load_export, path), path, 4, 5, "explicit YAML tags are not supported", shown)
    assert not marker.exists()


def test_a_tag_on_a_key_is_refused(tmp_path):
    path = write(tmp_path, "keytag.yaml", "!!str clients: []\n")
    assert_problem(input_error(load_export, path), path, 1, 1, "explicit YAML tags are not supported (“!!str”)")


# -- structure --------------------------------------------------------------------------------


def test_duplicate_keys_name_both_lines(tmp_path):
    text = "clients:\n  - id: A\n    type: company\n    client_online: true\n    type: person\n"
    path = write(tmp_path, "dup.yaml", text)
    assert_problem(input_error(load_export, path), path, 5, 5, "duplicate key “type”: it is already at line 3")
    text = "clients: []\ncontacts: []\nclients: []\n"
    path = write(tmp_path, "dup-top.yaml", text)
    assert_problem(input_error(load_export, path), path, 3, 1, "duplicate key “clients”: it is already at line 1")


def test_keys_that_are_not_text_are_refused(tmp_path):
    path = write(tmp_path, "complex.yaml", "clients: []\n? [a, b]\n: c\n")
    assert_problem(input_error(load_export, path), path, 2, 3, "a key must be plain text, not a list")


@pytest.mark.parametrize("depth", [51, 1000, 100_000])
def test_deep_flow_nesting_is_refused_without_recursion(tmp_path, depth):
    path = write(tmp_path, "deep.yaml", gen_hostile.flow_nesting(depth))
    # Refused at the first line: by our limit of 50 levels, or by libyaml's
    # own nesting limit where the installed libyaml has one and scans ahead.
    assert_problem(input_error(load_export, path), path, 1, None, "nesting")
    # ... having read no deeper than the limit, however deep the file goes:
    # a few events around MAX_DEPTH levels, in the quick read and the careful one.
    assert events_read(load_export, path) <= 2 * (reader.MAX_DEPTH + 10)


def test_deep_block_nesting_is_refused(tmp_path):
    lines = ["clients:"] + [" " * (2 * n) + f"k{n}:" for n in range(1, 60)] + [" " * 120 + "end: 1"]
    path = write(tmp_path, "deep-block.yaml", "\n".join(lines) + "\n")
    assert_problem(input_error(load_export, path), path, 51, None, "nesting deeper than 50 levels")


def test_nesting_within_the_limit_is_read(tmp_path):
    path = write(tmp_path, "nested.yaml", "clients: []\nrelations: " + "[" * 49 + "]" * 49 + "\n")
    # 50 levels in all: accepted by the reader, refused by the schema.
    assert_problem(input_error(load_export, path), path, 2, 13, "each relation is a mapping", "got a list")


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "   \n# x\n"])
def test_an_empty_file(tmp_path, content):
    path = write(tmp_path, "empty.yaml", content)
    assert_problem(input_error(load_export, path), path, 1, 1, "the file is empty; expected an AuditCase export")
    assert_problem(input_error(load_scenario, path), path, 1, 1, "the file is empty; expected a scenario")


@pytest.mark.parametrize("content,line", [("~\n", 1), ("---\n", 2), ("null\n", 1)])
def test_a_document_with_no_value(tmp_path, content, line):
    path = write(tmp_path, "null.yaml", content)
    assert_problem(input_error(load_export, path), path, line, None, "expected an AuditCase export", "got no value")


def test_several_documents_are_refused_at_the_second(tmp_path):
    text = GOOD + "---\n" + GOOD
    path = write(tmp_path, "two.yaml", text)
    assert_problem(input_error(load_export, path), path, 6, 1, "a second YAML document starts here")
    path = write(tmp_path, "two-ends.yaml", GOOD + "...\n---\n" + GOOD)
    assert_problem(input_error(load_export, path), path, 7, 1, "a second YAML document")
    path = write(tmp_path, "two-bare.yaml", GOOD + "...\n" + GOOD)
    assert_problem(input_error(load_export, path), path, 7, 1, "document start")


def test_a_root_that_is_not_a_mapping(tmp_path):
    path = write(tmp_path, "list.yaml", "- clients: []\n")
    assert_problem(input_error(load_export, path), path, 1, 1, "expected an AuditCase export", "got a list")
    path = write(tmp_path, "scalar.yaml", "hello\n")
    assert_problem(input_error(load_scenario, path), path, 1, 1, "expected a scenario", "got “hello”")


# -- syntax -------------------------------------------------------------------------------------


def test_tab_indentation(tmp_path):
    path = write(tmp_path, "tabs.yaml", "clients:\n\t- {id: A}\n")
    assert_problem(input_error(load_export, path), path, 2, 1, "tab", "indent with spaces")
    path = write(tmp_path, "tabs2.yaml", "clients:\n  - id: A\n\t  type: company\n")
    assert_problem(input_error(load_export, path), path, 3, 1, "tab", "indent with spaces")


def test_unclosed_quote_names_where_it_opened(tmp_path):
    path = write(tmp_path, "quote.yaml", 'clients:\n  - id: "A\n    type: company\n')
    message = str(assert_problem(input_error(load_export, path), path, 4, 1, "found the end of the file"))
    assert "text in quotation marks that starts at line 2, column 9" in message


def test_bad_indentation(tmp_path):
    path = write(tmp_path, "indent.yaml", "clients:\n  - id: A\n   type: company\n")
    message = str(assert_problem(input_error(load_export, path), path, 3, 4, "expected"))
    assert "line 2" in message
    # Only the syntax error: the half-read record is not judged.
    assert len(input_error(load_export, path).problems) == 1


def test_unclosed_flow_list(tmp_path):
    path = write(tmp_path, "flow.yaml", "clients: [{id: A}\ncontacts: []\n")
    assert_problem(input_error(load_export, path), path, 2, None, "list in “[ ]” that starts at line 1, column 10")


def test_reserved_characters(tmp_path):
    path = write(tmp_path, "at.yaml", "clients:\n  - {id: @A}\n")
    assert_problem(input_error(load_export, path), path, 2, 10, "“@”", "quote the value")


def test_syntax_errors_after_problems_keep_the_reader_problems(tmp_path):
    path = write(tmp_path, "both.yaml", "clients: []\nclients: []\ncontacts: [\n")
    error = input_error(load_export, path)
    assert [p.mark.line for p in error.problems] == [2, 4]


# -- encodings and line ends ----------------------------------------------------------------------


def test_invalid_utf8_names_line_and_column(tmp_path):
    data = GOOD.replace("Piet de Vries", "Ren\xe9 Smit").encode("latin-1")
    path = write(tmp_path, "latin1.yaml", data)
    line, col = 3, GOOD.splitlines()[2].index("Piet") + len("Ren") + 1
    assert_problem(input_error(load_export, path), path, line, col, "not valid UTF-8", "0xE9")


def test_invalid_utf8_after_multibyte_characters_counts_characters(tmp_path):
    path = write(tmp_path, "mixed.yaml", "clients: []\n# café \xff\n".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    assert_problem(input_error(load_export, path), path, 2, 8, "not valid UTF-8", "0xFF")


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_byte_order_marks(tmp_path, encoding, bom):
    text = GOOD.replace("Piet de Vries", "José Müller")
    export = load_export(write(tmp_path, "bom.yaml", bom + text.encode(encoding)))
    assert export.clients["P"].name == "José Müller"
    assert export.mark("A").line == 2 and export.mark("A").col == 5
    # Marks count characters, not bytes, after a BOM too.
    path = write(tmp_path, "bom-bad.yaml", bom + (text + "  - {id: X, client: A, client_online: maybe}\n").encode(encoding))
    assert_problem(input_error(load_export, path), path, 6, 39, "“maybe”")


def test_utf16_that_breaks_off(tmp_path):
    path = write(tmp_path, "cut.yaml", b"\xff\xfe" + "clients: []\n".encode("utf-16-le") + b"\x00")
    assert_problem(input_error(load_export, path), path, 2, None, "not valid UTF-16")


def test_utf32_is_refused_clearly(tmp_path):
    path = write(tmp_path, "utf32.yaml", b"\xff\xfe\x00\x00" + "clients: []\n".encode("utf-32-le"))
    assert_problem(input_error(load_export, path), path, 1, 1, "UTF-32", "save it as UTF-8")


def test_windows_line_endings_keep_line_numbers(tmp_path):
    text = GOOD + "  - {id: C, client: A, client_online: misschien}\n"
    path = write(tmp_path, "crlf.yaml", text.replace("\n", "\r\n"))
    assert_problem(input_error(load_export, path), path, 6, 39, "“misschien”")


def test_control_characters_are_refused(tmp_path):
    path = write(tmp_path, "nul.yaml", "clients:\n  - {id: A\x00B}\n")
    assert_problem(input_error(load_export, path), path, 2, 11, "U+0000 is not allowed")
    path = write(tmp_path, "bell.yaml", "clients: []\n# é \x07\n")
    assert_problem(input_error(load_export, path), path, 2, 5, "U+0007")


# -- without libyaml ---------------------------------------------------------------------------------


def test_the_pure_python_parser_gives_the_same_results(tmp_path, monkeypatch):
    good = write(tmp_path, "good.yaml", GOOD)
    bad = write(tmp_path, "bad.yaml", GOOD + "  - {id: C, client: A, client_online: maybe}\n")
    syntax = write(tmp_path, "syntax.yaml", 'clients:\n  - id: "A\n')
    results = []
    for parser in (reader._CParser, None):
        monkeypatch.setattr(reader, "_CParser", parser)
        results.append((
            load_export(good),
            [str(p) for p in input_error(load_export, bad).problems],
            [p.mark for p in input_error(load_export, syntax).problems],
        ))
    assert results[0] == results[1]


# -- anything at all --------------------------------------------------------------------------------

YAMLISH = st.lists(
    st.sampled_from(
        list("abcAB01 :-,[]{}#&*!|>'\"%@`\t\n\r\\~?<.")
        + ["\x00", "é", "\ufeff", "  ", "\n  - ", "id: ", "clients:", "contacts:", "events:", "<<", "---", "&a ", "*a"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_never_raise_anything_but_input_error(tmp_path, data):
    path = write(tmp_path, "fuzz.yaml", data)
    for load in (load_export, load_scenario):
        try:
            load(path)
        except InputError as error:
            assert all(p.mark is None or p.mark.file == path for p in error.problems)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_arbitrary_yamlish_text_never_raises_anything_but_input_error(tmp_path, text):
    path = write(tmp_path, "fuzz.yaml", text.encode("utf-8", "surrogatepass"))
    for load in (load_export, load_scenario):
        try:
            load(path)
        except InputError as error:
            for problem in error.problems:
                assert problem.mark is None or (problem.mark.line >= 1 and problem.mark.col >= 1)


RECORD_VALUES = st.sampled_from(["A", "P", "0012", "1e3", "~", "", "[A]", "{a: b}", "ja", "misschien", "2020-02-30", "1961-04-02"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.lists(st.tuples(st.sampled_from(["id", "client", "main", "name", "type", "client_online", "ended", "birth_date", "email", "idd"]), RECORD_VALUES), max_size=8))
def test_quick_and_careful_reads_agree(tmp_path, fields):
    """An export file is read quickly (no marks) and only read again with
    marks when it has a problem; inline in a scenario it is always read with
    marks. Both must come to the same export or the same problems."""
    seen, pairs = set(), []
    for key, value in fields:
        if key not in seen:
            seen.add(key)
            pairs.append(f"{key}: {value}")
    record = "{" + ", ".join(pairs) + "}"
    export_text = f"clients:\n  - {{id: A, type: company, client_online: true}}\n  - {{id: P, type: person, client_online: true}}\ncontacts:\n  - {record}\n"
    events = "events: [{remove_client: {client: A}}]\n"
    write(tmp_path, "export.yaml", export_text)
    scenario_path = write(tmp_path, "scenario.yaml", "export: export.yaml\n" + events)
    inline_path = write(tmp_path, "inline.yaml", export_text + events)

    def outcome(path):
        try:
            export = load_scenario(path).export
            return "ok", export.clients, export.contacts
        except InputError as error:
            return "error", [(p.mark.line, p.mark.col, p.message) for p in error.problems if p.mark.file != scenario_path]

    referenced, inline = outcome(scenario_path), outcome(inline_path)
    assert referenced[0] == inline[0]
    if referenced[0] == "ok":
        assert referenced[1:] == inline[1:]
    else:
        assert referenced[1] == [p for p in inline[1] if p[0] <= 5]


# -- every shipped fixture reads alike every way (conftest.every_input_reads_alike) ----------------


SHIPPED = sorted((ROOT / "scenarios").rglob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT / "scenarios")))
def test_every_shipped_fixture_reads_alike_every_way(path):
    assert_reads_agree(str(path))


# -- the command line -----------------------------------------------------------------------------


@pytest.mark.parametrize("name,content,line", [
    ("syntax.yaml", 'export: x.yaml\nevents:\n  - death: {person: "P}\n', 4),
    ("latin1.yaml", "description: Ren\xe9\nexport: x.yaml\n".encode("latin-1"), 1),
    ("bomb.yaml", BILLION_LAUGHS, 7),
    ("tags.yaml", "export: !!python/object/apply:os.system [echo]\nevents: []\n", 1),
    ("missing-export.yaml", "export: nowhere.yaml\nevents: [{death: {person: P}}]\n", 1),
    ("empty.yaml", "", 1),
])
def test_the_command_line_reports_bad_input_with_exit_status_2(tmp_path, name, content, line):
    path = write(tmp_path, name, content)
    result = run_cli(path)
    assert result.returncode == 2, result.stderr
    assert f"{path}:{line}:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_the_command_line_names_the_export_file_for_errors_inside_it(tmp_path):
    write(tmp_path, "exports/office.yaml", GOOD.replace("client: A, main: P", "client: A, main: X"))
    write(tmp_path, "scenario.yaml", "export: exports/office.yaml\nevents: [{death: {person: P}}]\n")
    result = run_cli("scenario.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    # Dutch unless told otherwise, the place as it is in every language.
    assert result.stderr == (
        "exports/office.yaml:5:32: „main” van contactpersoon „P@A”: er is geen klant of contactpersoon met id „X”\n"
    )
    english = run_cli("--lang", "en", "scenario.yaml", cwd=tmp_path)
    assert english.returncode == 2
    assert english.stderr == (
        "exports/office.yaml:5:32: “main” of contact “P@A”: there is no client or contact with id “X”\n"
    )


def test_a_yaml_error_is_told_in_the_language_of_the_run(tmp_path):
    """What the YAML parser finds is said in Dutch by default, in English with
    --lang en: its words, the characters it names and the place it started."""
    write(tmp_path, "exports/office.yaml", "clients: [{id: A}\ncontacts: []\n")
    write(tmp_path, "scenario.yaml", "export: exports/office.yaml\nevents: [{death: {person: P}}]\n")
    dutch = run_cli("scenario.yaml", cwd=tmp_path)
    assert dutch.returncode == 2
    assert dutch.stderr == (
        "exports/office.yaml:2:1: „,” of „]” verwacht maar niet gevonden "
        "(bij het lezen van een lijst tussen „[ ]” die begint op regel 1, kolom 10)\n"
    )
    english = run_cli("--lang", "en", "scenario.yaml", cwd=tmp_path)
    assert english.stderr == (
        "exports/office.yaml:2:1: did not find the expected “,” or “]” "
        "(while reading a list in “[ ]” that starts at line 1, column 10)\n"
    )
