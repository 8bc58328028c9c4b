"""Checking an export's registration: the rules with scope ``export``.

Pure functions of the export; each finding names the record it is about, so
the command line can point at that record's line.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field

from planner.findings import Finding, worst_first
from planner.model import Export


@dataclass(frozen=True)
class Registration:
    """What a registration rule looks at: one export."""

    export: Export
    catalog: gettext.NullTranslations = field(repr=False)

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def label(self, record_id: str) -> str:
        name = self.export.name(record_id)
        return record_id if name == record_id else f"{name} ({record_id})"


def lint(export: Export, catalog) -> tuple[Finding, ...]:
    from planner.rules import RULES

    context = Registration(export, catalog)
    found = [f for rule in RULES if rule.SCOPE == "export" for f in rule.check(context)]
    return tuple(worst_first(found))
