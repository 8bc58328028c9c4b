"""The checklist's content, as plain data every output format renders.

Everything a person reads is worded here, through the message catalog, so the
templates only lay it out. AuditCase's own labels ("Koppelen met Cliënt
Online", "Ontkoppel hoofd (contact)persoon", tabblad Beheer) stay Dutch in
every language: they are what staff see on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.drawing import Drawing, drawings
from planner.findings import ERROR, INFO, WARNING
from planner.followups import (
    GROUP,
    INTEGRATIONS_OFF,
    PARTNER,
    RETENTION,
    WWFT,
    FollowUp,
)
from planner.i18n import translations
from planner.model import Export
from planner.naming import natural_key
from planner.planner import (
    BOTTOM_UP,
    CONTACT_FIRST,
    KEPT_LINKED,
    LINKED_FIRST,
    ORPHANED,
    STILL_USED,
    UNLINK_LAST,
    UNLINK_SPLIT,
    Decision,
    Plan,
    PlannedStep,
)
from planner.portal import (
    ACCESS_GRANTED,
    ACCESS_REVOKED,
    LOGIN_CREATED,
    LOGIN_REMOVED,
    MAIN_USER_REMOVED,
    PortalEvent,
)
from planner.scenario import DEATH, LEAVE, REMOVE_CLIENT, Event
from planner.steps import CLIENT_OFF, CONTACT_OFF, DECIDE, UNLINK
from planner.validate import Verdict

#: The Beheer tab's names for the other links (AuditCase's labels).
INTEGRATION_NAMES = {
    "microsoft_office": "Microsoft Office",
    "twinfield": "Twinfield",
    "qics": "Qics",
    "alure": "Alure",
    "afas": "AFAS",
    "accountview": "AccountView",
}
SWITCH_OFF = 'tabblad Beheer › Koppelingen › "Koppelen met Cliënt Online" → Nee'
UNLINK_ACTION = 'Acties › "Ontkoppel hoofd (contact)persoon"'


@dataclass(frozen=True)
class StepView:
    n: int
    group: int
    action: str
    target: str
    title: str
    where: str
    portal: tuple[str, ...]
    waits: tuple[str, ...]
    after: tuple[int, ...]
    decisions: tuple[str, ...] = ()

    @property
    def is_decision(self) -> bool:
        return self.action == DECIDE


@dataclass(frozen=True)
class FindingView:
    severity: str
    #: the severity in the report's language
    level: str
    code: str
    step: int | None
    message: str


@dataclass(frozen=True)
class Cell:
    before: bool
    after: bool

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class AccessTable:
    logins: tuple[str, ...]
    clients: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: one sentence for each kind of change of the logins left out of the table
    more: tuple[str, ...] = ()


#: The access table stays a small table: at most this many logins and cliënten.
TABLE_LOGINS = 20
TABLE_CLIENTS = 10


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    scenario: str
    description: str | None
    fingerprint: str
    date: str
    asked: tuple[str, ...]
    safe: bool
    verdict: str
    findings: tuple[FindingView, ...]
    #: findings for the order staff proposed; None when the scenario has none
    proposed: tuple[FindingView, ...] | None
    #: problems in the export's registration
    registration: tuple[FindingView, ...]
    #: the office's work after the portal steps
    followups: tuple[str, ...]
    orders: str
    groups: tuple[tuple[StepView, ...], ...]
    decisions: tuple[StepView, ...]
    notes: tuple[str, ...]
    table: AccessTable
    #: the situation drawn before the first step and after the last; None
    #: when it is too large to draw
    before: Drawing | None
    after: Drawing | None


class _Words:
    """Sentences about one export in one language."""

    def __init__(self, export: Export, lang: str):
        self.export = export
        catalog = translations(lang)
        self._ = catalog.gettext
        self.n_ = catalog.ngettext

    def label(self, record_id: str) -> str:
        name = self.export.name(record_id) if record_id in self.export else record_id
        return record_id if name == record_id else f"{name} ({record_id})"

    def listing(self, ids) -> str:
        labels = [self.label(i) for i in ids]
        if len(labels) <= 1:
            return "".join(labels)
        return self._("{first} and {last}").format(first=", ".join(labels[:-1]), last=labels[-1])

    def asked(self, event: Event) -> str:
        _ = self._
        export = self.export
        if event.kind == REMOVE_CLIENT:
            return _("{client} leaves Cliënt Online.").format(client=self.label(event.client))
        person = self.label(event.person or event.contact)
        if event.kind == DEATH:
            return _("{person} has died.").format(person=person)
        if event.kind == LEAVE:
            if event.clients is None:
                text = _("{person} leaves all companies.").format(person=person)
            else:
                text = _("{person} leaves {clients}.").format(
                    person=person, clients=self.listing(event.clients)
                )
            if event.end_client:
                text += " " + _("{person} also stops as a client.").format(person=person)
            return text
        client = event.client if event.contact is None else export.client_of(event.contact)
        return _("{person} may no longer see {client}.").format(
            person=person, client=self.label(client)
        )

    def title(self, step: PlannedStep) -> str:
        _ = self._
        target = self.label(step.target)
        if step.action == CONTACT_OFF:
            return _("Contact person {contact} at {client}").format(
                contact=target, client=self.label(step.client)
            )
        if step.action == UNLINK:
            return _("Unlink contact person {contact} from its main person").format(contact=target)
        if step.action == DECIDE:
            return _("Decision about {record}").format(record=target)
        return _("Client {client}").format(client=target)

    def where(self, step: PlannedStep) -> str:
        target = self.label(step.target)
        if step.action == CONTACT_OFF:
            return f"Klantkaart {self.label(step.client)} › Contactpersonen › {target} › {SWITCH_OFF}"
        if step.action == CLIENT_OFF:
            return f"Klantkaart {target} › {SWITCH_OFF}"
        if step.action == UNLINK:
            return f"Contactpersoon {target} › {UNLINK_ACTION}"
        return self._("Nothing to change in AuditCase until you have decided.")

    def portal(self, events: tuple[PortalEvent, ...], action: str) -> tuple[str, ...]:
        _ = self._
        if action == DECIDE:
            return ()
        if not events:
            return (_("no change."),)
        lines = []
        for event in events:
            login = self.label(event.login)
            if event.event == ACCESS_REVOKED:
                text = _("{login} loses access to {client}.")
            elif event.event == ACCESS_GRANTED:
                text = _("{login} gets access to {client}.")
            elif event.event == LOGIN_REMOVED:
                text = _("The login of {login} disappears.")
            elif event.event == LOGIN_CREATED:
                text = _("Cliënt Online creates a new login for {login} and mails login details.")
            else:
                assert event.event == MAIN_USER_REMOVED
                text = _("The main user {login} disappears while {others} still hang under it.")
            lines.append(
                text.format(
                    login=login,
                    client=self.label(event.client) if event.client else "",
                    others=self.listing(event.remaining),
                )
            )
        return tuple(lines)

    def waits(self, step: PlannedStep) -> tuple[str, ...]:
        _ = self._
        reasons: dict[str, list[int]] = {}
        for n, reason in step.after:
            reasons.setdefault(reason, []).append(n)
        why = {
            CONTACT_FIRST: _("first the contact persons, then the klant"),
            LINKED_FIRST: _("first the users linked under this login, then its main user"),
            UNLINK_LAST: _(
                "unlink only when this person is off the portal, or Cliënt Online sees a new user"
            ),
            BOTTOM_UP: _("unlink a main-link tree from the bottom up"),
        }
        lines = []
        for reason, numbers in reasons.items():
            steps = ", ".join(str(n) for n in numbers)
            lines.append(
                self.n_("After step {steps}: {why}.", "After steps {steps}: {why}.", len(numbers)).format(
                    steps=steps, why=why[reason]
                )
            )
        return tuple(lines)

    def followup(self, task: FollowUp) -> str:
        _ = self._
        subject = self.label(task.subject)
        if task.kind == PARTNER:
            text = _(
                "End the partner relation of {subject} with {others}, or record the estate."
            )
        elif task.kind == WWFT:
            text = _("Update the Wwft structure of {subject}: {others} is in it and leaves.")
        elif task.kind == GROUP:
            text = _("Update the group structure: {subject} leaves and is grouped with {others}.")
        elif task.kind == INTEGRATIONS_OFF:
            links = ", ".join(INTEGRATION_NAMES[name] for name in task.others)
            return _(
                "Switch off the other links of {subject} on tabblad Beheer › Koppelingen: {links}."
            ).format(subject=subject, links=links)
        else:
            assert task.kind == RETENTION
            text = _(
                'Set the klantstatus of {subject} to "Geen klant meer" and do not delete the '
                "klant: deleting also deletes the dossier, which must be kept for 7 years "
                "(Wwft data: 5 years after the relationship ends)."
            )
        return text.format(subject=subject, others=self.listing(task.others))

    def decision(self, decision: Decision) -> str:
        _ = self._
        subject = self.label(decision.subject)
        others = self.listing(decision.others)
        if decision.kind == KEPT_LINKED:
            text = _(
                "{subject} is the main user of a login and must go, but {others} "
                "stay linked under it. Taking {subject} off now would leave them hanging, and "
                "Cliënt Online may create a new login for them. Decide: link {others} to another "
                "main person first and plan again, or leave {subject} on the portal."
            )
        elif decision.kind == STILL_USED:
            text = _(
                "Cliënt {subject} is still used by {others}, whom this request does not name. "
                "Switching {subject} off would take their access too. Decide: keep {subject} on "
                "the portal for them, or add them to the request and plan again."
            )
        elif decision.kind == ORPHANED:
            text = _(
                "After these steps nobody can log in to cliënt {subject}. Decide: make another "
                "contact person of {subject} a portal user, or switch {subject} off "
                "(option orphaned_clients: disconnect) and plan again."
            )
        else:
            assert decision.kind == UNLINK_SPLIT
            text = _(
                "{subject} cannot be unlinked yet: {others} would then be a new login on "
                "Cliënt Online. Leave the link in place until {others} are off the portal."
            )
        return text.format(subject=subject, others=others)


def build(plan: Plan, verdict: Verdict, *, lang: str, date: str) -> Report:
    """The report for a checked plan, in ``lang``, dated ``date`` (YYYY-MM-DD)."""
    scenario = plan.scenario
    words = _Words(scenario.export, lang)
    _ = words._

    views = []
    for planned in plan.steps:
        views.append(
            StepView(
                n=planned.n,
                group=planned.group,
                action=planned.action,
                target=planned.target,
                title=words.title(planned),
                where=words.where(planned),
                portal=words.portal(planned.events, planned.action),
                waits=words.waits(planned),
                after=tuple(n for n, _reason in planned.after),
                decisions=tuple(words.decision(d) for d in planned.decisions),
            )
        )
    groups: list[list[StepView]] = []
    for view in views:
        if len(groups) < view.group:
            groups.append([])
        groups[view.group - 1].append(view)

    levels = {ERROR: _("error"), WARNING: _("warning"), INFO: _("info")}

    def view(f):
        return FindingView(f.severity, levels[f.severity], f.code, f.step, f.message)

    findings = tuple(map(view, verdict.plan_findings))
    proposed = None
    if verdict.proposed_findings is not None:
        proposed = tuple(map(view, verdict.proposed_findings))
    pending = len(plan.decisions)
    if verdict.ok and pending:
        summary = words.n_(
            "Safe to carry out, but one decision must be taken first: until then the request "
            "is not complete.",
            "Safe to carry out, but {n} decisions must be taken first: until then the request "
            "is not complete.",
            pending,
        ).format(n=pending)
    elif verdict.ok:
        summary = _(
            "Safe: no step makes Cliënt Online create a login or mail login details, and nobody "
            "else loses access."
        )
    else:
        summary = _("Not safe: see the findings below before you change anything.")
    orders = verdict.orders
    if not orders.complete:
        orders_note = _(
            "There are too many possible orders to check them all; the numbered order was "
            "checked: do the steps in exactly that order."
        )
    elif orders.total is None and orders.all_safe:
        orders_note = _(
            "Every order in which these steps may be done was checked, more than 10^{power} "
            "of them."
        ).format(power=orders.more_than)
    elif orders.total is None:
        orders_note = _(
            "Not every order in which these steps may be done is safe (there are more than "
            "10^{power}): keep to the numbered order."
        ).format(power=orders.more_than)
    elif orders.checked == orders.total:
        orders_note = words.n_(
            "The only order of these steps was checked.",
            "All {n} orders in which these steps may be done were checked.",
            orders.total,
        ).format(n=orders.total)
    else:
        orders_note = _(
            "{checked} of the {total} orders in which these steps may be done are safe: "
            "keep to the numbered order."
        ).format(checked=orders.checked, total=orders.total)
    drawn = drawings(plan.trace, words.label)
    before, after = drawn if drawn is not None else (None, None)
    notes = tuple(
        _("Cliënt {client} stays on the portal without any user (option orphaned_clients: keep).").format(
            client=words.label(k)
        )
        for k in plan.kept_orphans
    ) + tuple(
        _("{person} has no contact person at {client} (any more): nothing to do there.").format(
            person=words.label(person), client=words.label(client)
        )
        for person, client in plan.intent.nothing_at
    )
    return Report(
        lang=lang,
        title=_("Removal checklist for Cliënt Online"),
        scenario=scenario.path,
        description=scenario.description,
        fingerprint=scenario.fingerprint,
        date=date,
        asked=tuple(words.asked(e) for e in scenario.events),
        safe=verdict.ok,
        verdict=summary,
        findings=findings,
        proposed=proposed,
        registration=tuple(map(view, verdict.registration)),
        followups=tuple(words.followup(f) for f in plan.followups),
        orders=orders_note,
        groups=tuple(tuple(g) for g in groups),
        decisions=tuple(v for v in views if v.is_decision),
        notes=notes,
        table=access_table(plan, words),
        before=before,
        after=after,
    )


def access_table(plan: Plan, words: _Words) -> AccessTable:
    """Who can see which cliënt before and after, for the logins the plan
    touches: the logins whose access changes first, at most TABLE_LOGINS of
    them and TABLE_CLIENTS cliënten (those whose access changes first); the
    logins left out are counted by what they lose."""
    trace = plan.trace
    before, after = trace.views(trace.start), trace.views(trace.end)
    logins = [i for i in trace.logins if before[i].exists or after[i].exists]
    logins.sort(key=lambda i: before[i].clients == after[i].clients)  # stable: changes first
    shown, rest = logins[:TABLE_LOGINS], logins[TABLE_LOGINS:]
    changed: dict[str, None] = {}
    seen: dict[str, None] = {}
    for i in shown:
        for k in sorted(before[i].clients ^ after[i].clients):
            changed[k] = None
        for k in sorted(before[i].clients | after[i].clients):
            seen[k] = None
    clients = list(changed) + [k for k in seen if k not in changed]
    clients = clients[:TABLE_CLIENTS]
    rows = tuple(
        tuple(Cell(k in before[i].clients, k in after[i].clients) for k in clients) for i in shown
    )
    losses: dict[tuple[str, ...], int] = {}
    for i in rest:
        lost = tuple(sorted(before[i].clients - after[i].clients, key=natural_key))
        losses[lost] = losses.get(lost, 0) + 1
    more = tuple(
        words.n_(
            "And {n} more login loses access to {clients}.",
            "And {n} more logins lose access to {clients}.",
            count,
        ).format(n=count, clients=words.listing(lost))
        if lost
        else words.n_(
            "And {n} more login whose access does not change.",
            "And {n} more logins whose access does not change.",
            count,
        ).format(n=count)
        for lost, count in losses.items()
    )
    return AccessTable(
        tuple(words.label(i) for i in shown), tuple(words.label(k) for k in clients), rows, more
    )
