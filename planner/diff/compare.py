"""Two export files, and a request planned on the older one: loaded as the
checklist loads them, then read by the portal model
(:func:`planner.portal.office_diff.read_between`).

Both exports go through the one loader, with its errors; each file's
fingerprint is its bytes' sha256, as a scenario's is. With a request (a
scenario file, e.g. one ``--save-scenario`` wrote), the request is planned on
the *older* export, whatever export the scenario names: what that plan's steps
do on the portal is what the office was told would happen.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from planner.load.export_file import load_export_file
from planner.load.files import ReadPolicy
from planner.load.scenario_file import fingerprint, load_scenario
from planner.model.office import Export
from planner.model.scenario import Scenario
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, CONTACT_ON, LINK, UNLINK
from planner.portal.between import ENDED, ONLINE
from planner.portal.between import LINK as LINK_FIELD
from planner.portal.between import UNLINK as UNLINK_FIELD
from planner.portal.office_diff import OfficeDiff, read_between
from planner.text.errors import InputError, Mark, Problem
from planner.text.messages import _
from planner.text.typography import shown

#: The field of a change that each kind of plan step makes.
STEP_FIELDS = {CONTACT_OFF: ONLINE, CLIENT_OFF: ONLINE, CONTACT_ON: ONLINE, UNLINK: UNLINK_FIELD, LINK: LINK_FIELD}


@dataclass(frozen=True)
class ExportFile:
    """One export as the diff names it."""

    path: str
    export: Export
    fingerprint: str

    @property
    def date(self) -> str | None:
        return self.export.exported


@dataclass(frozen=True)
class Compared:
    before: ExportFile
    after: ExportFile
    diff: OfficeDiff
    #: the request's scenario file and plan, with --request
    request: str | None = None
    plan: object | None = None

    @property
    def identical(self) -> bool:
        return self.before.fingerprint == self.after.fingerprint or not self.diff.changes


def load(path: str, policy: ReadPolicy) -> ExportFile:
    loaded = load_export_file(path, policy)
    if loaded.problems:
        raise InputError(list(loaded.problems))
    return ExportFile(path, loaded.export, fingerprint([loaded.data])())


def compare_files(before: str, after: str, policy: ReadPolicy = ReadPolicy(), request: str | None = None) -> Compared:
    """The diff of two export files, and with ``request`` what its plan announced."""
    old, new = load(before, policy), load(after, policy)
    _same_kinds(old, new)
    announced, planned, plan = frozenset(), frozenset(), None
    if request is not None:
        plan = plan_on(load_scenario(request, policy=policy), old.export, request)
        announced, planned = announcements(plan)
    diff = read_between(old.export, new.export, announced, planned)
    return Compared(old, new, diff, request, plan)


def _same_kinds(old: ExportFile, new: ExportFile) -> None:
    """Each id names the same kind of record in both exports: a klantnummer
    that became a contact's number (or the other way round) is two records
    the diff cannot tell apart, so it is refused, at the newer record."""
    turned = sorted((set(old.export.clients) & set(new.export.contacts)) |
                    (set(old.export.contacts) & set(new.export.clients)))
    if turned:
        problems = [
            Problem(new.export.mark(i) or Mark(new.path, 1, 1), _(
                "{id} is a klant in one export and a contact in the other; expected an id to name the same "
                "kind of record in both exports"
            ).format(id=shown(i)))
            for i in turned
        ]
        raise InputError(problems)


def plan_on(scenario: Scenario, export: Export, path: str):
    """The scenario's request planned on ``export`` (the older export)."""
    from planner.plan.graph import plan

    missing = sorted(
        {i for event in scenario.events for i in (event.person, event.contact, event.client, *(event.clients or ()))
         if i is not None and i not in export}
    )
    if missing:
        raise InputError(Problem(None, _(
            "{path}: the request names {ids}, which the older export does not hold; "
            "expected a request planned on that export"
        ).format(path=path, ids=", ".join(missing))))
    return plan(dataclasses.replace(scenario, export=export))


def announcements(plan) -> tuple[frozenset, frozenset]:
    """What a plan's steps do on the portal, as (event, login, client), and
    the fields its steps change, as (record, field); a klant the plan takes
    off the portal may also be ended ("Geen klant meer", the plan's follow-up)."""
    announced = {
        (event.event, event.login, event.client) for moment in plan.trace.moments for event in moment.events
    }
    planned = set()
    for step in plan.steps:
        field = STEP_FIELDS.get(step.action)
        if field is not None:
            planned.add((step.target, field))
        if step.action == CLIENT_OFF:
            planned.add((step.target, ENDED))
    return frozenset(announced), frozenset(planned)
