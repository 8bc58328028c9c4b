"""Every code either mode reports is listed (``--list-rules``), explained
(``--explain``), and the codes of ``--check`` itself are documented with
examples that the command holds to."""

from __future__ import annotations

import inspect
import re

import pytest
from conftest import run_cli, run_here
from planner.rules import RULES

from planner.ci.catalogue import CODES
from planner.ci.check_codes import CHECK_CODES

#: What formats.md §5 names for --list-rules besides the rules.
NAMED_BY_THE_CONTRACT = {"input", "not-a-scenario", "expect-plan", "expect-findings"}


def test_list_rules_prints_every_code_with_its_level_and_one_line():
    result = run_cli("--list-rules")
    assert result.returncode == 0, result.stderr
    rows = [line.split(None, 3) for line in result.stdout.splitlines()]
    listed = {code: (level, modes, summary) for code, level, modes, summary in rows}
    assert list(listed) == [code.id for code in CODES]
    assert {rule.ID for rule in RULES} | NAMED_BY_THE_CONTRACT <= set(listed)
    for rule in RULES:
        level, modes, summary = listed[rule.ID]
        assert level == rule.SEVERITY
        assert modes == ("check,lint" if rule.SCOPE == "export" else "check")
        assert inspect.getdoc(rule).splitlines()[0].replace("``", "'").endswith(summary)
        assert "``" not in summary  # a listing shows plain text, not reStructuredText


@pytest.mark.parametrize("code", [c.id for c in CODES])
def test_explain_knows_every_listed_code(code):
    result = run_here("--explain", code)  # in this process: forty-odd codes
    assert result.returncode == 0, result.stderr
    assert re.match(rf"{re.escape(code)} \((error|warning|info)\): \S", result.stdout)


def test_an_unknown_code_names_the_nearest():
    result = run_cli("--explain", "expect-plans")
    assert result.returncode == 2 and "did you mean 'expect-plan'?" in result.stderr


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
