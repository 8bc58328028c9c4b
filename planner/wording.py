"""Sentences about one export in one language: what is asked, each step's
instruction, what the portal does, why a step waits, decisions and the
office's follow-up work.

Everything a person reads is worded here or in :mod:`planner.report`,
through the message catalog, so the templates only lay it out. AuditCase's
own labels ("Koppelen met Cliënt Online", "Ontkoppel hoofd (contact)persoon",
tabblad Beheer) stay Dutch in every language: they are what staff see on
screen.
"""

from __future__ import annotations

from planner.followups import GROUP, INTEGRATIONS_OFF, PARTNER, RETENTION, WWFT, FollowUp
from planner.i18n import translations
from planner.model import INTEGRATIONS, Export
from planner.naming import label
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

SWITCH_OFF = 'tabblad Beheer › Koppelingen › "Koppelen met Cliënt Online" → Nee'
UNLINK_ACTION = 'Acties › "Ontkoppel hoofd (contact)persoon"'


class Wording:
    """Sentences about one export in one language."""

    def __init__(self, export: Export, lang: str):
        self.export = export
        self.lang = lang
        catalog = translations(lang)
        self._ = catalog.gettext
        self.n_ = catalog.ngettext

    def label(self, record_id: str) -> str:
        return label(self.export, record_id)

    def number(self, n: int) -> str:
        """A count as the language writes it: 12.655 in Dutch, 12,655 in English."""
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.lang)

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
            links = ", ".join(INTEGRATIONS[name] for name in task.others)
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
