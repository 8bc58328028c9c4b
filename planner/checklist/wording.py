"""Sentences about one export in one language: what is asked, each step's
instruction, what the portal does, why a step waits, and the office's
follow-up work (decisions: :mod:`planner.checklist.decisions`).

Everything a person reads is worded here or in :mod:`planner.checklist.content`,
through the message catalog, so the templates only lay it out. AuditCase's
own labels ("Koppelen met Cliënt Online", "Ontkoppel hoofd (contact)persoon",
tabblad Beheer) stay Dutch in every language: they are what staff see on
screen.
"""

from __future__ import annotations

from planner.model.naming import label
from planner.model.office import INTEGRATIONS, Export
from planner.model.scenario import DEATH, LEAVE, REMOVE_CLIENT, Event
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, CONTACT_ON, DECIDE, LINK, UNLINK
from planner.plan.followups import CONTACT_STATUS, GROUP, INTEGRATIONS_OFF, PARTNER, RETENTION, WWFT, FollowUp
from planner.plan.graph import BOTTOM_UP, CONTACT_FIRST, LINKED_FIRST, REHOME_FIRST, UNLINK_LAST, PlannedStep
from planner.plan.instructions import kind
from planner.plan.rehoming import moves
from planner.portal.projection import (
    ACCESS_GRANTED,
    ACCESS_REVOKED,
    CLIENT_REMOVED,
    LOGIN_CREATED,
    LOGIN_REMOVED,
    MAIN_USER_REMOVED,
    PortalEvent,
)
from planner.text import typography
from planner.text.messages import translations

#: AuditCase's own labels: Dutch in every language, quoted in the language's
#: quotation marks where a sentence or a path names them.
KOPPELEN = "Koppelen met Cliënt Online"
UNLINK_LABEL = "Ontkoppel hoofd (contact)persoon"
LINK_LABEL = "Koppelen aan hoofd(contact)persoon…"
#: The klantstatus of a klant that has left: not deleted (the dossier is kept).
NO_LONGER_A_CLIENT = "Geen klant meer"
#: Two of the statuses that end a contactpersoon (planner.importer.vocabulary
#: reads them as ended): how the follow-up says which status is meant.
CONTACT_ENDED_EXAMPLES = ("Vertrokken", "Inactief")


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

    def person(self, record_id: str) -> str:
        """The person a record belongs to, by name: who Cliënt Online mails."""
        if record_id not in self.export:
            return str(record_id)
        return self.export.name(self.export.root(record_id))

    def records_of(self, ids, person_of: str) -> str:
        """Records listed beside a record of the same person: a contact of
        that person is told apart by its klant ("their own contact person at
        Alfa Bouw B.V. (Q@A)"), not by a name read twice."""
        export = self.export
        person = export.root(person_of) if person_of in export else None
        parts = []
        for record_id in ids:
            contact = export.contacts.get(record_id)
            if contact is not None and person is not None and export.root(record_id) == person:
                parts.append(
                    self._("their own contact person at {client} ({id})").format(
                        client=export.name(contact.client), id=record_id
                    )
                )
            else:
                parts.append(self.label(record_id))
        return self.joined(parts)

    def number(self, n: int) -> str:
        """A count as the language writes it: 12.655 in Dutch, 12,655 in English."""
        return typography.number(n, self.lang)

    def quoted(self, text: str) -> str:
        """``text`` in the language's quotation marks: „…” or “…”."""
        return typography.quoted(text, self.lang)

    def within(self, text: str) -> str:
        """``text`` to be placed inside a quotation: its own quotation marks
        become those used inside one („Zet ‘Geen klant meer’…”)."""
        opening, closing, inner_opening, inner_closing = typography.QUOTES[self.lang]
        return text.replace(opening, inner_opening).replace(closing, inner_closing)

    def switch(self, value: str) -> str:
        """Where the switch of a klantkaart is, and what to set it to."""
        return f"tabblad Beheer › Koppelingen › {self.quoted(KOPPELEN)} → {value}"

    def action(self, label: str) -> str:
        """An action of AuditCase's Acties menu."""
        return f"Acties › {self.quoted(label)}"

    def joined(self, parts) -> str:
        """Parts as people list them: "1, 2 en 4"; "A, B and C"."""
        return typography.joined(parts, self._)

    def listing(self, ids) -> str:
        return self.joined(self.label(i) for i in ids)

    def numbers(self, numbers) -> str:
        """Step numbers as people list them: "1, 2 en 4"."""
        return self.joined(str(n) for n in numbers)

    def kind(self, record_id: str) -> str:
        """A record as AuditCase names its kind: Klant-Persoon, Klant-Bedrijf, contactpersoon."""
        return kind(self.export, record_id, self._)

    def own(self, login: str, client: str) -> bool:
        """Whether ``client`` is the login's own Klant-Persoon (their own dossier)."""
        record = self.export.clients.get(client)
        return record is not None and record.is_person and login in self.export and self.export.root(login) == client

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
        """What to do, in AuditCase's own words: the step's first words are the instruction."""
        _ = self._
        target = self.label(step.target)
        if step.action == CONTACT_OFF:
            return _("Set {field} of contact person {contact} at {client} to Nee").format(
                field=self.quoted(KOPPELEN), contact=target, client=self.label(step.client)
            )
        if step.action == CLIENT_OFF:
            return _("Set {field} of {kind} {client} to Nee").format(
                field=self.quoted(KOPPELEN), kind=self.kind(step.target), client=target
            )
        if step.action == CONTACT_ON:
            return _("Set {field} of contact person {contact} at {client} to Ja").format(
                field=self.quoted(KOPPELEN), contact=target, client=self.label(step.client)
            )
        if step.action == LINK:
            return _("Link {contact} to hoofd(contact)persoon {main}").format(
                contact=target, main=self.label(step.step.main)
            )
        if step.action == UNLINK:
            contact = self.export.contacts.get(step.target)
            if contact is None or contact.main is None:
                return _("Unlink {contact} from its hoofd(contact)persoon").format(contact=target)
            return _("Unlink {contact} from hoofd(contact)persoon {main}").format(
                contact=target, main=self.label(contact.main)
            )
        return _("Decide about {kind} {record}").format(kind=self.kind(step.target), record=target)

    def where(self, step: PlannedStep) -> str:
        target = self.label(step.target)
        if step.action == CONTACT_OFF:
            return f"Klantkaart {self.label(step.client)} › Contactpersonen › {target} › {self.switch('Nee')}"
        if step.action == CLIENT_OFF:
            return f"Klantkaart {target} › {self.switch('Nee')}"
        if step.action == CONTACT_ON:
            return f"Klantkaart {self.label(step.client)} › Contactpersonen › {target} › {self.switch('Ja')}"
        if step.action in (UNLINK, LINK):
            klant = self.label(self.export.client_of(step.target)) if step.target in self.export else "?"
            if step.action == LINK:
                main = self.label(step.step.main)
                return f"Klantkaart {klant} › Contactpersonen › {target} › {self.action(LINK_LABEL)} {main}"
            return f"Klantkaart {klant} › Contactpersonen › {target} › {self.action(UNLINK_LABEL)}"
        return self._("Nothing to change in AuditCase until you have decided.")

    def portal(self, events: tuple[PortalEvent, ...], action: str, announced=frozenset()) -> tuple[str, ...]:
        """What Cliënt Online does at a step; ``announced``: the new logins
        the plan makes on purpose (re-homing), said as a mail to expect."""
        _ = self._
        if action == DECIDE:
            return ()
        if not events:
            return (_("no change."),)
        lines = []
        found = moves(events, self.export, announced)
        moved = {(ACCESS_REVOKED, login, client) for login, client in found}
        moved |= {(ACCESS_GRANTED, new, client) for (_login, client), new in found.items()}
        for event in events:
            if (event.event, event.login, event.client) in moved:
                continue
            login = self.label(event.login) if event.login else ""
            client = self.label(event.client) if event.client else ""
            if event.event == ACCESS_REVOKED and self.own(event.login, event.client):
                text = _("{login} loses access to their own klantdossier.")
            elif event.event == ACCESS_REVOKED:
                text = _("{login} loses access to {client}.")
            elif event.event == ACCESS_GRANTED:
                text = _("{login} gets access to {client}.")
            elif event.event == LOGIN_REMOVED:
                text = _("The login of {login} disappears.")
            elif event.event == LOGIN_CREATED and event.login in announced:
                text = _(
                    "Cliënt Online makes a new login for {login} and mails {person} new login "
                    "details: tell {person} beforehand."
                )
            elif event.event == LOGIN_CREATED:
                text = _("Cliënt Online creates a new login for {login} and mails login details.")
            elif event.event == CLIENT_REMOVED:
                text = _("{client} leaves Cliënt Online.")
            else:
                assert event.event == MAIN_USER_REMOVED
                text = self.n_(
                    "The main user {login} disappears while {others} still hangs under it.",
                    "The main user {login} disappears while {others} still hang under it.",
                    len(event.remaining),
                )
            person = self.person(event.login) if event.login else ""
            lines.append(
                text.format(login=login, client=client, others=self.listing(event.remaining), person=person)
            )
        return tuple(lines) + self.moved_access(found)

    def moved_access(self, found: dict[tuple[str, str], str]) -> tuple[str, ...]:
        """Access that only moves to a person's announced new login in one
        step (``found``: :func:`planner.plan.rehoming.moves`): a sentence per
        new login, not a loss and a gain."""
        by_login: dict[str, list[str]] = {}
        for (_login, client), new in found.items():
            by_login.setdefault(new, []).append(client)
        return tuple(
            self._("The access of {person} to {clients} moves to the login of {login}.").format(
                person=self.person(login_id), clients=self.listing(clients), login=self.label(login_id)
            )
            for login_id, clients in by_login.items()
        )

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
            BOTTOM_UP: _("first the contact persons linked below this one, then unlink this one"),
            REHOME_FIRST: _(
                "first the records that stay move to their new login, then the old main user goes"
            ),
        }
        lines = []
        for reason, numbers in reasons.items():
            lines.append(
                self.n_("After step {steps}: {why}.", "After steps {steps}: {why}.", len(numbers)).format(
                    steps=self.numbers(numbers), why=why[reason]
                )
            )
        return tuple(lines)

    def followup(self, task: FollowUp) -> str:
        text = self._followup(task)
        if task.after_decision is None:
            return text
        return text + " " + self._(
            "Only if you decide in step {n} to switch {subject} off the portal."
        ).format(n=task.after_decision, subject=self.label(task.subject))

    def _followup(self, task: FollowUp) -> str:
        _ = self._
        subject = self.label(task.subject)
        if task.kind == PARTNER:
            text = _(
                "End the partner relation of {subject} with {others}, or record the estate."
            )
        elif task.kind == WWFT:
            text = self.n_(
                "Update the Wwft structure of {subject}: {others} is in it and leaves.",
                "Update the Wwft structure of {subject}: {others} are in it and leave.",
                len(task.others),
            )
        elif task.kind == GROUP:
            text = _("Update the group structure: {subject} leaves and is grouped with {others}.")
        elif task.kind == CONTACT_STATUS:
            left, inactive = (self.quoted(word) for word in CONTACT_ENDED_EXAMPLES)
            return _(
                "Also set the status of contact person {contact} at {client} in AuditCase to ended, "
                "for instance {left} or {inactive}, if your office keeps that status."
            ).format(
                contact=subject, client=self.label(self.export.client_of(task.subject)), left=left, inactive=inactive
            )
        elif task.kind == INTEGRATIONS_OFF:
            links = self.joined(INTEGRATIONS[name] for name in task.others)
            return _(
                "Switch off the other links of {subject} on tabblad Beheer › Koppelingen: {links}."
            ).format(subject=subject, links=links)
        else:
            assert task.kind == RETENTION
            text = _(
                "Set the klantstatus of {subject} to {status} and do not delete the "
                "klant: deleting also deletes the dossier, which must be kept for 7 years "
                "(Wwft data: 5 years after the relationship ends)."
            )
        return text.format(subject=subject, others=self.listing(task.others), status=self.quoted(NO_LONGER_A_CLIENT))
