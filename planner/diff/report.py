"""The diff as a report: per person, what Cliënt Online did and what the
rules found, what to do next, and the JSON document (``plan-removal-diff/1``).

Pure: it is built from a :class:`planner.diff.compare.Compared` and renders
nothing; :mod:`planner.diff.render` writes it out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from planner.diff import advice
from planner.diff.compare import Compared, ExportFile
from planner.diff.reading import Reading
from planner.model.findings import ERROR, INFO, WARNING, Finding, worst_first
from planner.plan.rule_check import rules_for
from planner.portal.projection import (
    ACCESS_GRANTED,
    ACCESS_REVOKED,
    CLIENT_ADDED,
    CLIENT_REMOVED,
    LOGIN_CREATED,
    LOGIN_REMOVED,
    MAIN_USER_REMOVED,
    PortalEvent,
)
from planner.text import typography
from planner.text.messages import translations

FORMAT = "plan-removal-diff/1"


@dataclass(frozen=True)
class Happened:
    """One portal event, as a line of the report."""

    event: PortalEvent
    text: str
    #: with --request: whether the request's plan announced it
    expected: bool | None
    #: login-created: the address the login's details went to
    email: str | None = None

    def as_dict(self) -> dict:
        out = self.event.as_dict()
        if self.email is not None:
            out["email"] = self.email
        if self.expected is not None:
            out["expected"] = self.expected
        return out


@dataclass(frozen=True)
class Flagged:
    """A finding, with what to do next about it."""

    finding: Finding
    title: str
    advice: tuple[str, ...]
    #: the severity as staff read it ("Fout", "Waarschuwing", "Ter informatie")
    level: str = ""

    def as_dict(self) -> dict:
        return {**self.finding.as_dict(), "advice": list(self.advice)}


@dataclass
class Person:
    """One person's part of the diff: a root of main links in the older
    export, or a record made since (``new``)."""

    id: str
    label: str
    new: bool
    happened: list[Happened] = field(default_factory=list)
    flagged: list[Flagged] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "person": self.id, "name": self.label, "new": self.new,
            "events": [h.as_dict() for h in self.happened],
        }


@dataclass
class DiffReport:
    lang: str
    before: ExportFile
    after: ExportFile
    request: str | None
    identical: bool
    changes: list[str]
    people: list[Person]
    clients: list[Happened]
    flagged: list[Flagged]
    reading: Reading = field(repr=False)
    strict: bool = False

    def shown_date(self, export: ExportFile) -> str | None:
        """The date of an export's lists as a person reads it."""
        return self.day(export.date) if export.date else None

    def day(self, iso: str) -> str:
        """A YYYY-MM-DD date as a person reads it (6 december 2026)."""
        return typography.day(datetime.date.fromisoformat(iso), self.lang)

    @property
    def title(self) -> str:
        return self.reading._("What Cliënt Online did between two exports")

    @property
    def verdict(self) -> str:
        """One sentence: what the diff found."""
        _, n_ = self.reading._, self.reading.n_
        errors, warnings = self.count(ERROR), self.count(WARNING)
        if self.identical:
            return _("The two exports hold the same office: Cliënt Online had nothing to do.")
        if errors:
            return n_(
                "{n} error: Cliënt Online mailed login details or gave access that nobody asked for. "
                "Act on it today (see below).",
                "{n} errors: Cliënt Online mailed login details or gave access that nobody asked for. "
                "Act on them today (see below).", errors,
            ).format(n=typography.number(errors, self.lang))
        if warnings:
            return n_(
                "{n} warning: the changes are safe as they stand, but in another order they would have "
                "mailed login details. Look it up in Cliënt Online's log.",
                "{n} warnings: the changes are safe as they stand, but in another order they would have "
                "mailed login details. Look them up in Cliënt Online's log.", warnings,
            ).format(n=typography.number(warnings, self.lang))
        return _("Nothing flagged: no login was made, and nobody got access that nobody asked for.")

    @property
    def partly(self) -> str | None:
        """A note for the people whose orders were not all tried, if any."""
        people = self.reading.partly_searched
        if not people:
            return None
        return self.reading.n_(
            "For {people}, who has many changes, not every order was tried: each change that can give access "
            "was tried first and last.",
            "For {people}, who have many changes, not every order was tried: each change that can give access "
            "was tried first and last.", len(people),
        ).format(people=self.reading.listing(people))

    @property
    def reading_findings(self) -> list[Finding]:
        """The findings alone, worst first."""
        return [f.finding for f in self.flagged]

    def count(self, severity: str) -> int:
        return sum(f.finding.severity == severity for f in self.flagged)

    @property
    def failed(self) -> bool:
        """Whether the diff fails: an error, or with --strict a warning."""
        return bool(self.count(ERROR) or (self.strict and self.count(WARNING)))

    def document(self) -> dict:
        """The JSON document, ``plan-removal-diff/1``."""

        def export(e: ExportFile) -> dict:
            return {"path": e.path, "fingerprint": e.fingerprint, "exported": e.date}

        return {
            "format": FORMAT,
            "before": export(self.before),
            "after": export(self.after),
            "request": self.request,
            "identical": self.identical,
            "changes": [c.as_dict() for c in self.reading.changes],
            "people": [p.as_dict() for p in self.people],
            "clients": [h.as_dict() for h in self.clients],
            "findings": [f.as_dict() for f in self.flagged],
            # people with so many changes that only some orders were tried (each change first and last)
            "orders_partly_tried": list(self.reading.partly_searched),
            "orders": [
                {"login": o.login, "person": o.person, "changes": [c.as_dict() for c in o.order]}
                for o in self.reading.orders
            ],
            "summary": {
                "changes": len(self.reading.changes),
                "events": sum(len(p.happened) for p in self.people) + len(self.clients),
                ERROR: self.count(ERROR), WARNING: self.count(WARNING), INFO: self.count(INFO),
            },
        }


def build(compared: Compared, lang: str, strict: bool = False) -> DiffReport:
    """The report of a diff in ``lang``."""
    reading = Reading(compared.diff, translations(lang), lang)
    findings = worst_first(f for rule in rules_for("diff") for f in rule.check(reading))
    levels = {ERROR: reading._("Error"), WARNING: reading._("Warning"), INFO: reading._("For information")}
    flagged = [
        Flagged(f, reading._(rule_title(f.code)), advice.next_steps(f, reading), levels[f.severity]) for f in findings
    ]
    people: dict[str, Person] = {}

    def person(person_id: str) -> Person:
        if person_id not in people:
            people[person_id] = Person(person_id, reading.label(person_id), person_id not in reading.before)
        return people[person_id]

    clients = []
    for event in reading.events:
        happened = Happened(event, event_text(event, reading), reading.expected(event) if compared.request else None,
                            reading.email(event.login) if event.event == LOGIN_CREATED else None)
        if event.login is None:
            clients.append(happened)
        else:
            person(reading.person_of(event.login)).happened.append(happened)
    for f in flagged:
        person(f.finding.subject).flagged.append(f)
    ordered = sorted(people.values(), key=lambda p: (not any(f.finding.severity == ERROR for f in p.flagged),
                                                     not p.flagged, p.id))
    return DiffReport(
        lang, compared.before, compared.after, compared.request, compared.identical,
        [reading.change(c) for c in reading.changes], ordered, clients, flagged, reading, strict,
    )


def rule_title(code: str) -> str:
    from planner.rules import BY_ID

    return BY_ID[code].TITLE


def event_text(event: PortalEvent, reading: Reading) -> str:
    """What Cliënt Online did, as a sentence."""
    _ = reading._
    who, client = reading.label(event.login), reading.label(event.client)
    if event.event == LOGIN_CREATED:
        return _("New login {login}: Cliënt Online mails its login details to {address}.").format(
            login=who, address=reading.address(event.login))
    if event.event == LOGIN_REMOVED:
        return _("The login {login} is removed.").format(login=who)
    if event.event == ACCESS_GRANTED:
        if event.client == event.login:
            return _("{login} gets access to their own klantdossier.").format(login=who)
        return _("{login} can now see {client}.").format(login=who, client=client)
    if event.event == ACCESS_REVOKED:
        if event.client == event.login:  # a Klant-Persoon's own cliënt
            return _("{login} loses access to their own klantdossier.").format(login=who)
        return _("{login} can no longer see {client}.").format(login=who, client=client)
    if event.event == MAIN_USER_REMOVED:
        return _("The main user of {login} is removed while {remaining} stay linked under it.").format(
            login=who, remaining=reading.listing(event.remaining))
    if event.event == CLIENT_REMOVED:
        return _("{client} is taken off Cliënt Online.").format(client=client)
    assert event.event == CLIENT_ADDED, event.event
    return _("{client} is put on Cliënt Online.").format(client=client)
