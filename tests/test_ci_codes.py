"""Every code either mode reports is listed (``--list-rules``), explained
(``--explain``), and the codes of ``--check`` itself are documented with
examples that the command holds to."""

from __future__ import annotations

import inspect
import re

import pytest
from conftest import run_cli, run_here
from planner.rules import RULES

from planner.ci.catalogue import CODES, plain
from planner.ci.check_codes import CHECK_CODES

#: What formats.md §5 names for --list-rules besides the rules.
NAMED_BY_THE_CONTRACT = {"input", "not-a-scenario", "expect-plan", "expect-findings"}


def test_list_rules_prints_every_code_with_its_level_and_one_line():
    result = run_cli("--list-rules", "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = [line.split(None, 3) for line in result.stdout.splitlines()]
    listed = {code: (level, modes, summary) for code, level, modes, summary in rows}
    assert list(listed) == [code.id for code in CODES]
    assert {rule.ID for rule in RULES} | NAMED_BY_THE_CONTRACT <= set(listed)
    for rule in RULES:
        level, modes, summary = listed[rule.ID]
        assert level == rule.SEVERITY
        assert modes == {"export": "check,lint", "diff": "diff,check"}.get(rule.SCOPE, "check")
        assert plain(inspect.getdoc(rule).splitlines()[0]).endswith(summary)
        assert "``" not in summary  # a listing shows plain text, not reStructuredText


def test_list_rules_in_dutch_says_what_each_code_is_by_its_title():
    lines = run_cli("--list-rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [code.id for code in CODES]
    columns = [line.split(None, 3) for line in lines]
    assert ["decision-needed", "warning", "check", "Beslissing nodig"] in columns
    assert ["unused-export", "info", "check", "Export die geen scenario gebruikt"] in columns


#: What reStructuredText marks up, which --explain never shows.
MARKUP = re.compile(r"``|::$|:(mod|func|class|data|meth|attr):`", re.M)


@pytest.mark.parametrize("code", [c.id for c in CODES])
def test_explain_knows_every_listed_code_and_prints_plain_text(code):
    result = run_here("--explain", code, "--lang", "en")  # in this process: forty-odd codes
    assert result.returncode == 0, result.stderr
    assert re.match(rf"{re.escape(code)} \((error|warning|info)\): \S", result.stdout)
    assert not MARKUP.search(result.stdout), result.stdout
    # in Dutch, every paragraph in Dutch (the catalogue holds the documentation's
    # paragraphs); the examples, YAML the tests run, as they are
    dutch = run_here("--explain", code)
    assert re.match(rf"{re.escape(code)} \((fout|waarschuwing|info)\): \S", dutch.stdout)
    assert not MARKUP.search(dutch.stdout)
    examples = re.findall(r"^ {4}.*$", result.stdout, re.M)
    assert re.findall(r"^ {4}.*$", dutch.stdout, re.M) == examples
    prose = [line for line in dutch.stdout.splitlines() if not line.startswith("    ")]
    assert not {"the", "and", "with", "which", "Fails", "Passes"} & {w for line in prose for w in line.split()}


def test_explain_keeps_an_example_as_it_is_indented():
    said = run_cli("--explain", "decision-needed", "--lang", "en").stdout
    assert "the plan holds a decide step for staff." in said
    assert "Fails (P dies, his wife still uses his private cliënt):\n\n    export: partner-on-private-client\n" in said


def test_an_unknown_code_is_said_in_whole_sentences():
    result = run_cli("--explain", "expect-plans")
    assert result.returncode == 2 and "bedoelde u „expect-plan”? Bekende codes: new-login, " in result.stderr
    bogus = run_cli("--explain", "bogus")
    assert bogus.stderr.startswith("Fout: onbekende code „bogus”. Bekende codes: new-login, orphaned-link, ")
    assert bogus.stderr.endswith(", internal-error.\n")
    english = run_cli("--explain", "bogus", "--lang", "en")
    assert english.stderr.startswith("Error: unknown code “bogus”. Known codes: new-login, ")


def examples(code) -> list[tuple[str, dict[str, str]]]:
    """The ``Fails`` and ``Passes`` examples of a check code, each as files:
    a line ``# NAME.yaml`` starts a file; without one it is example.yaml."""
    found = re.findall(r"^(Fails|Passes)[^\n]*::\n\n((?:(?:    [^\n]*)?\n)+)", code.doc, re.M)
    out = []
    for kind, block in found:
        files, name = {}, "example.yaml"
        for line in inspect.cleandoc(block).splitlines():
            header = re.fullmatch(r"# (\S+\.yaml)", line)
            if header:
                name = header[1]
                continue
            files[name] = files.get(name, "") + line + "\n"
        out.append((kind, files))
    return out


@pytest.mark.parametrize("code", CHECK_CODES, ids=lambda c: c.id)
def test_check_codes_are_documented_with_both_examples(code):
    assert code.doc.startswith(f"{code.id} ({code.level}):")
    kinds = [kind for kind, _files in examples(code)]
    # a bug cannot be written as an example
    assert kinds == ([] if code.id == "internal-error" else ["Fails", "Passes"])


@pytest.mark.parametrize(
    "code, kind, files",
    [(code, kind, files) for code in CHECK_CODES for kind, files in examples(code)],
    ids=lambda v: v if isinstance(v, str) else getattr(v, "id", None),
)
def test_documented_example_through_check(code, kind, files, tmp_path):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_here("--check", ".", cwd=tmp_path)  # in this process: a run per example
    assert "Traceback" not in result.stderr
    reported = re.findall(r"^\S+:\d+:\d+: \[\w+\] ([\w-]+):", result.stdout, re.M)
    if kind == "Fails":
        assert code.id in reported, result.stdout
    else:
        assert reported == [], result.stdout
        assert result.returncode == 0
