"""The diff's facts as its rules and renderers read them: the portal's
events between two exports (:class:`planner.portal.office_diff.OfficeDiff`),
in one language, with records named as staff know them.
"""

from __future__ import annotations

import gettext

from planner.model.naming import label
from planner.portal.between import ADDED, CLIENT, ENDED, LINK, ONLINE, REMOVED, UNLINK, Change
from planner.portal.office_diff import OfficeDiff
from planner.text import typography


class Reading:
    """An :class:`OfficeDiff` in the language of ``catalog``; every fact of
    the diff is reachable through it (``reading.events``, ``reading.orders`` …)."""

    def __init__(self, diff: OfficeDiff, catalog: gettext.NullTranslations, lang: str) -> None:
        self.diff = diff
        self.catalog = catalog
        self.lang = lang

    def __getattr__(self, name: str):
        return getattr(self.diff, name)

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def label(self, record_id: str | None) -> str:
        """A record as staff know it, named as the newer export names it
        (the older one for a record deleted since)."""
        export = self.diff.after if record_id in self.diff.after else self.diff.before
        return label(export, record_id)

    def listing(self, record_ids) -> str:
        return typography.joined((self.label(r) for r in record_ids), self._)

    def address(self, login_id: str) -> str:
        """The e-mail address a login's details went to, quoted, or that the export has none."""
        email = self.diff.email(login_id)
        if not email:
            return self._("the address Cliënt Online has (the export holds no e-mail address for it)")
        return typography.quoted(email, self.lang)

    def change(self, change: Change) -> str:
        """One change as a sentence fragment: what staff did in AuditCase."""
        _ = self._
        record = self.label(change.record)
        if change.field == ADDED:
            return _("{record} was added").format(record=record)
        if change.field == REMOVED:
            return _("{record} was deleted").format(record=record)
        if change.field == ONLINE:
            value = typography.quoted("Ja" if change.after else "Nee", self.lang)
            field = typography.quoted("Koppelen met Cliënt Online", self.lang)
            return _("{field} of {record} was set to {value}").format(field=field, record=record, value=value)
        if change.field == ENDED:
            if self.diff.office.start.is_client(change.record):
                if change.after:
                    return _("the klantstatus of {record} was set to {status}").format(
                        record=record, status=typography.quoted("Geen klant meer", self.lang))
                return _("{record} became a klant again").format(record=record)
            if change.after:
                return _("the status of contact {record} was ended").format(record=record)
            return _("the status of contact {record} was made active again").format(record=record)
        if change.field == UNLINK:
            return _("{record} was unlinked from hoofd(contact)persoon {main}").format(
                record=record, main=self.label(change.before))
        if change.field == LINK:
            return _("{record} was linked to hoofd(contact)persoon {main}").format(
                record=record, main=self.label(change.after))
        assert change.field == CLIENT, change.field
        return _("{record} was moved from klant {old} to {new}").format(
            record=record, old=self.label(change.before), new=self.label(change.after))

    def ordered(self, changes) -> str:
        """Changes in an order: "first …, then …"."""
        texts = [self.change(c) for c in changes]
        if len(texts) == 1:
            return texts[0]
        rest = texts[1:]
        return self.n_("first {first}, then {rest}", "first {first}, then, in this order, {rest}", len(rest)).format(
            first=texts[0], rest="; ".join(rest))
