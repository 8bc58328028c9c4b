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
from planner.naming import label, natural_key
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
    CLIENT_REMOVED,
    MAIN_USER_REMOVED,
    PortalEvent,
    login,
)
from planner.scenario import DEATH, KEEP, LEAVE, REMOVE, REMOVE_CLIENT, Event
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
            login = self.label(event.login) if event.login else ""
            if event.event == ACCESS_REVOKED:
                text = _("{login} loses access to {client}.")
            elif event.event == ACCESS_GRANTED:
                text = _("{login} gets access to {client}.")
            elif event.event == LOGIN_REMOVED:
                text = _("The login of {login} disappears.")
            elif event.event == LOGIN_CREATED:
                text = _("Cliënt Online creates a new login for {login} and mails login details.")
            elif event.event == CLIENT_REMOVED:
                text = _("{client} leaves Cliënt Online.")
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
                "Cliënt Online may create a new login for them."
            )
        elif decision.kind == STILL_USED:
            text = _(
                "Cliënt {subject} is still used by {others}, whom this request does not name. "
                "Switching {subject} off would take their access too."
            )
        elif decision.kind == ORPHANED:
            text = _("After these steps nobody can log in to cliënt {subject} any more.")
        else:
            assert decision.kind == UNLINK_SPLIT
            text = _(
                "{subject} cannot be unlinked yet: {others} would then be a new login on "
                "Cliënt Online."
            )
        return text.format(subject=subject, others=others)

    def options(self, decisions: tuple[Decision, ...]) -> tuple[tuple[str, str, str], ...]:
        """The answers to a decide step: (KEEP or REMOVE, what to choose, what it does)."""
        _ = self._
        replaced = decisions[0].replaces
        subject = self.label(replaced.target)
        if replaced.action == UNLINK:
            keep = _("Leave {subject} linked to its main person").format(subject=subject)
            remove = _("Unlink {subject} anyway").format(subject=subject)
        else:
            keep = _("Leave {subject} on Cliënt Online").format(subject=subject)
            remove = _("Switch {subject} off the portal anyway").format(subject=subject)
        others_ids = tuple(dict.fromkeys(o for d in decisions for o in d.others))
        n = len(others_ids)
        n_ = self.n_
        keeps, removes = [], []
        for decision in decisions:
            if decision.kind == STILL_USED:
                keeps.append(n_("{others} keeps access to {subject}.", "{others} keep their access to {subject}.", n))
                removes.append(n_(
                    "{others} loses access to {subject} too; the checklist lists that as accepted.",
                    "{others} lose their access to {subject} too; the checklist lists that as accepted.",
                    n,
                ))
            elif decision.kind == ORPHANED:
                keeps.append(_(
                    "{subject} stays on the portal without users: nobody can log in to it until you "
                    "make one of its contact persons a portal user."
                ))
                removes.append(_("{subject} leaves Cliënt Online; nobody uses it any more."))
            elif decision.kind == KEPT_LINKED:
                keeps.append(_("{others} stay under {subject}; the login of {subject} stays."))
                removes.append(n_(
                    "{others} is left without a main user, and Cliënt Online may mail a new login: "
                    "link it to another main person first.",
                    "{others} are left without a main user, and Cliënt Online may mail new logins: "
                    "link them to another main person first.",
                    n,
                ))
            else:
                keeps.append(_("Unlink it later, once {others} are off the portal."))
                removes.append(n_(
                    "{others} becomes a login of its own, and Cliënt Online mails login details.",
                    "{others} become logins of their own, and Cliënt Online mails login details.",
                    n,
                ))
        others = self.listing(others_ids)
        return (
            (KEEP, keep, " ".join(keeps).format(subject=subject, others=others)),
            (REMOVE, remove, " ".join(removes).format(subject=subject, others=others)),
        )

    def kept_after_death(self, plan) -> tuple[str, ...]:
        """A dead person's login that stays because staff decided to keep
        something on the portal, said plainly, with what to do about it."""
        _ = self._
        if not plan.kept:
            return ()
        trace, export = plan.trace, self.export
        kept = self.listing(sorted(plan.kept, key=natural_key))
        lines = []
        for event in plan.scenario.events:
            if event.kind != DEATH or event.person not in export:
                continue
            person = export.root(event.person)
            if not login(trace.end, person).exists:
                continue
            lines.append(
                _(
                    "The login of {person} stays on Cliënt Online, although {person} has died: you "
                    "decided to keep {kept} on the portal, and {person} is still a user there. No "
                    "login details are mailed. Make sure nobody signs in with it: ask the "
                    "administrator of Cliënt Online to block this user, and switch {kept} off as "
                    "soon as it is no longer needed (make a new plan then)."
                ).format(person=self.label(person), kept=kept)
            )
        return tuple(lines)
