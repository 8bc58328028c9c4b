"""unknown-step (error): a proposed step names no such record, or the wrong kind.

``contact_off``, ``contact_on``, ``unlink`` and ``link`` act on a contact
person, ``client_off`` on a klant; ``link`` puts a contact under a
Klant-Persoon or another contact (never a company, never a record linked
below the contact itself). A step that names an id the export does not hold,
or a klant where a contact is meant, cannot be carried out as written: the
order staff wrote is not the order they will click.

Fails (situation 4: there is no contact X@A, and P is a klant)::

    events: [{revoke: {contact: Q@B}}]
    proposed:
      - contact_off: X@A
      - unlink: P

Passes::

    events: [{revoke: {contact: Q@B}}]
    proposed:
      - contact_off: Q@B
"""

from __future__ import annotations

from planner.model.findings import ERROR, Finding
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, CONTACT_ON, LINK, UNLINK
from planner.text.messages import N_

ID = "unknown-step"
#: What staff read before the code.
TITLE = N_("Step does not fit the export")
SEVERITY = ERROR
SCOPE = "sequence"


def check(trial):
    _ = trial._
    export = trial.export
    for number, step in zip(trial.numbers, trial.steps):
        target = step.target
        if target not in export:
            message = _("Step {n} names {id}, which the export does not hold.").format(n=number, id=target)
        elif step.action in (CONTACT_OFF, CONTACT_ON, UNLINK, LINK) and target not in export.contacts:
            message = _("Step {n} is about a contact person, but {id} is a klant.").format(
                n=number, id=trial.label(target)
            )
        elif step.action == CLIENT_OFF and target not in export.clients:
            message = _("Step {n} is about a klant, but {id} is a contact person.").format(
                n=number, id=trial.label(target)
            )
        elif step.action == LINK and step.main not in export:
            message = _("Step {n} names {id}, which the export does not hold.").format(n=number, id=step.main)
        elif step.action == LINK and not export.can_be_main(step.main):
            message = _(
                "Step {n} links {contact} under {main}, a Klant-Bedrijf: a hoofd(contact)persoon is a "
                "Klant-Persoon or a contact person."
            ).format(n=number, contact=trial.label(target), main=trial.label(step.main))
        else:
            continue
        yield Finding(ID, SEVERITY, number, target, message)
