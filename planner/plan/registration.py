"""Checking an export's registration: the rules with scope ``export``.

Pure functions of the export; each finding names the record it is about, so
the command line can point at that record's line. Three codes
(main-not-person, main-cycle, dangling-reference) make an export unusable:
the loader finds them while reading, and their rules report the problems
the loader refused the export for.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import cached_property

from planner.model.findings import Finding, worst_first
from planner.model.naming import label, natural_key
from planner.model.office import Export
from planner.plan.rule_check import rules_for
from planner.text.errors import InputError, Problem


@dataclass(frozen=True)
class Registration:
    """What a registration rule looks at: one export — or, where the loader
    refused it, the problems it was refused for.

    ``only``: the records to report about (a checklist reports on what its
    request involves); None for every record. ``counting``: the findings are
    only counted, so no message is made.
    """

    export: Export | None
    catalog: gettext.NullTranslations = field(repr=False)
    problems: tuple[Problem, ...] = ()
    only: frozenset[str] | None = None
    counting: bool = False

    def refused(self, code: str, severity: str):
        """Findings for the loader's problems of one code."""
        for problem in self.problems:
            if problem.code == code:
                yield Finding(code, severity, None, None, problem.message, problem.mark)

    def clients(self):
        """The klanten to report about."""
        return self._records(self.export.clients)

    def contacts(self):
        """The contact persons to report about."""
        return self._records(self.export.contacts)

    def _records(self, records: dict):
        if self.only is None:
            return records.values()
        return [records[i] for i in self._only_sorted if i in records]

    @cached_property
    def _only_sorted(self) -> list[str]:
        # Sorted once: every rule asks, and a company leaving involves 12,000 records.
        return sorted(self.only, key=natural_key)

    def _(self, message: str) -> str:
        return self.catalog.gettext(message) if self.catalog is not None else message

    def finding(self, code: str, severity: str, subject: str, text: str, **records: str) -> Finding:
        """A finding about ``subject``: ``text`` (already in the report's
        language) with its placeholders filled with the labels of ``records``
        (ids); the message is made only when it will be read."""
        if self.counting:
            return Finding(code, severity, None, subject, "")
        labels = {name: label(self.export, record_id) for name, record_id in records.items()}
        return Finding(code, severity, None, subject, text.format(**labels))

    def label(self, record_id: str) -> str:
        return label(self.export, record_id)


def lint(export: Export | None, catalog, problems=(), only: frozenset[str] | None = None) -> tuple[Finding, ...]:
    """The registration findings of ``export`` (about the records ``only``,
    when given), or of the ``problems`` the loader refused an export for, in
    the language of ``catalog``."""
    context = Registration(export, catalog, tuple(problems), only)
    found = [f for rule in rules_for("export") for f in rule.check(context)]
    return tuple(worst_first(found))


def count(export: Export) -> int:
    """How many registration findings the whole export has (no message made)."""
    context = Registration(export, None, counting=True)
    return sum(1 for rule in rules_for("export") for _finding in rule.check(context))


class RegistrationCache:
    """What is worked out once per export over many scenarios (``--check``
    reads an export file once, and so gets the same Export object for every
    scenario over it): the export's registration findings per language, and
    how many there are.

    Owned by whoever plans many scenarios over the same exports.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, object], tuple[Export, tuple[Finding, ...]]] = {}
        self._counted: dict[str, tuple[Export, int]] = {}

    def findings(self, export: Export, catalog) -> tuple[Finding, ...]:
        key = (export.source, catalog)
        entry = self._found.get(key)
        if entry is None or entry[0] is not export:  # another export from the same file
            entry = self._found[key] = (export, lint(export, catalog))
        return entry[1]

    def put(self, export: Export, catalog, findings: tuple[Finding, ...]) -> None:
        """The registration findings of ``export``, worked out elsewhere (by
        a worker process, see planner.ci.check)."""
        self._found[(export.source, catalog)] = (export, findings)

    def count(self, export: Export) -> int:
        entry = self._counted.get(export.source)
        if entry is None or entry[0] is not export:
            entry = self._counted[export.source] = (export, count(export))
        return entry[1]


def lint_refused(error: InputError, catalog) -> tuple[Finding, ...] | None:
    """The findings for an export the loader refused, when every problem is
    one of the registration codes; None when something else is wrong too."""
    if not all(p.code for p in error.problems):
        return None
    return lint(None, catalog, error.problems)
