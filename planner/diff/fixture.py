"""A diff fixture: two exports of one office that ``--check`` compares with
``plan-removal diff``, and the findings the office expects.

A firm keeps the cases it has met this way::

    description: P@A unlinked while still on Cliënt Online
    diff:
      before: exports/situation-4.yaml
      after: exports/situation-4-p-at-a-unlinked.yaml
      request: situation-4-p-dies.yaml      # optional: a request planned on before
    expect:
      findings: [login-for-known-person]

Paths are relative to the fixture and must be inside its project, as a
scenario's export must (:func:`planner.load.scenario_file.project_of`). The
reader is a scenario reader's: the same checks of paths, keys and
``expect.findings``.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.load.export_file import root_mapping
from planner.load.files import ReadPolicy, read_file
from planner.load.scenario_file import ScenarioReader
from planner.load.yaml.reader import read
from planner.model.scenario import ExpectedFinding
from planner.text.errors import InputError, Mark
from planner.text.messages import _

DIFF_KEYS = ("description", "diff", "expect")
FILES_KEYS = ("before", "after", "request")
EXPECTED = "a diff fixture: a mapping with 'diff: {before: FILE, after: FILE}'"


@dataclass(frozen=True)
class DiffFixture:
    path: str
    before: str
    after: str
    request: str | None
    expected: tuple[ExpectedFinding, ...] | None
    #: where findings that were not expected are reported: the after: line
    mark: Mark
    #: where expect.findings is, for a finding that did not occur
    expect_mark: Mark | None = None


def load_diff_fixture(path: str, policy: ReadPolicy = ReadPolicy()) -> DiffFixture:
    """Read the diff fixture ``path``; every problem in it, at its place."""
    data, _stamp = read_file(path, policy)
    reader = ScenarioReader(path, policy, None)
    doc, problems, checks = reader.doc, reader.problems, reader.checks
    read(data, doc, EXPECTED, problems.kept)
    root = root_mapping(doc, EXPECTED, problems)
    checks.keys(root, DIFF_KEYS, _("a diff fixture"))
    checks.text(root, "description", _("the diff fixture"))
    files = checks.mapping(root, "diff", _("the diff fixture"))
    if files is None:
        if "diff" not in root.index:
            checks.missing(root, "diff", _("the diff fixture"), _("the two exports, {before: FILE, after: FILE}"))
        problems.raise_if_any()
    checks.keys(files, FILES_KEYS, "diff")
    found: dict[str, str | None] = {}
    for key in FILES_KEYS:
        value = files.index.get(key)
        if value is None:
            if key != "request":
                checks.missing(files, key, "diff", _("the path of an export file"))
            found[key] = None
        elif value.__class__ is not str or not value:
            checks.wrong(files, key, "diff", _("the path of a file"))
            found[key] = None
        else:
            found[key] = reader.export_path(files, value, key)
    expect = checks.mapping(root, "expect", _("the diff fixture"))
    expected = expect_mark = None
    if expect is not None:
        got = reader.expect(expect)
        if got.plan is not None:
            problems.at_key(doc, expect, "plan", _("a diff fixture expects findings, not a plan"))
        expected, expect_mark = got.findings, got.findings_mark
    problems.raise_if_any()
    after_mark = doc.mark(files.ymark if "after" not in files.index else files.key_ymark("after"))
    return DiffFixture(path, found["before"], found["after"], found["request"], expected, after_mark, expect_mark)


__all__ = ["DiffFixture", "InputError", "load_diff_fixture"]
