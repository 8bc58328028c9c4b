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

from planner.errors import InputError, Problem
from planner.findings import Finding, worst_first
from planner.model import Export
from planner.naming import label


@dataclass(frozen=True)
class Registration:
    """What a registration rule looks at: one export — or, where the loader
    refused it, the problems it was refused for."""

    export: Export | None
    catalog: gettext.NullTranslations = field(repr=False)
    problems: tuple[Problem, ...] = ()

    def refused(self, code: str, severity: str):
        """Findings for the loader's problems of one code."""
        for problem in self.problems:
            if problem.code == code:
                yield Finding(code, severity, None, None, problem.message, problem.mark)

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def label(self, record_id: str) -> str:
        return label(self.export, record_id)


def lint(export: Export | None, catalog, problems=()) -> tuple[Finding, ...]:
    """The registration findings of ``export``, or of the ``problems`` the
    loader refused an export for, in the language of ``catalog``."""
    from planner.rules import RULES

    context = Registration(export, catalog, tuple(problems))
    found = [f for rule in RULES if rule.SCOPE == "export" for f in rule.check(context)]
    return tuple(worst_first(found))


class RegistrationCache:
    """Registration findings already worked out, per export and language.

    Owned by whoever plans many scenarios over the same exports (``--check``
    reads an export file once, and so gets the same Export object for every
    scenario over it): each export's findings are then worked out once.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, object], tuple[Export, tuple[Finding, ...]]] = {}

    def findings(self, export: Export, catalog) -> tuple[Finding, ...]:
        key = (export.source, catalog)
        entry = self._found.get(key)
        if entry is None or entry[0] is not export:  # another export from the same file
            entry = self._found[key] = (export, lint(export, catalog))
        return entry[1]


def lint_refused(error: InputError, catalog) -> tuple[Finding, ...] | None:
    """The findings for an export the loader refused, when every problem is
    one of the registration codes; None when something else is wrong too."""
    if not all(p.code for p in error.problems):
        return None
    return lint(None, catalog, error.problems)
