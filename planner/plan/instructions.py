"""A step as a short instruction ("Zet contactpersoon Piet de Vries (P@A) op
Nee"): how a finding names the step that fixes it, and how a proposed order
is listed.

The checklist's own step titles say more (the field, the klant); this is the
one-line form for inside a sentence. AuditCase's own words stay Dutch in
every language: Klant-Persoon, Klant-Bedrijf, Nee.
"""

from __future__ import annotations

from typing import Callable

from planner.model.naming import label
from planner.model.office import Export
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, CONTACT_ON, LINK, UNLINK, Step


def instruction(step: Step, export: Export, gettext: Callable[[str], str]) -> str:
    """``step`` as an imperative, its record named by name and id."""
    _ = gettext
    record = label(export, step.target)
    if step.action == CONTACT_OFF:
        return _("Set contact person {record} to Nee").format(record=record)
    if step.action == CLIENT_OFF:
        return _("Set {kind} {record} to Nee").format(kind=kind(export, step.target, _), record=record)
    if step.action == UNLINK:
        return _("Unlink {record} from its hoofd(contact)persoon").format(record=record)
    if step.action == CONTACT_ON:
        return _("Set contact person {record} to Ja").format(record=record)
    if step.action == LINK:
        return _("Link {record} to hoofd(contact)persoon {main}").format(
            record=record, main=label(export, step.main)
        )
    return _("Decide about {record}").format(record=record)


def kind(export: Export, record_id: str, gettext: Callable[[str], str]) -> str:
    """A record as AuditCase names its kind: Klant-Persoon, Klant-Bedrijf, contactpersoon."""
    client = export.clients.get(record_id)
    if client is None:
        return gettext("contact person") if record_id in export.contacts else gettext("record")
    return "Klant-Persoon" if client.is_person else "Klant-Bedrijf"
