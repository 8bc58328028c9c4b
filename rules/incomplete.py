"""incomplete (error): after the last step, access the request removes is still there.

A checklist that stops early is worse than none: staff tick the last box and
believe the person is off the portal. Every user record the request takes
away must be gone, and every klant it removes must be off the portal, after
the last step — except what a ``decide`` step hands to staff.

Fails (situation 4, P dies; his contact at Bravo Transport is forgotten)::

    events: [{death: {person: P}}]
    proposed:
      - contact_off: P@A
      - client_off: P
      - unlink: P@A

Passes::

    events: [{death: {person: P}}]
    proposed:
      - contact_off: P@A
      - contact_off: P@B
      - client_off: P
      - unlink: P@A
      - unlink: P@B
"""

from __future__ import annotations

from planner.model.findings import ERROR, Finding
from planner.model.naming import natural_key
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, Step
from planner.text.messages import N_

ID = "incomplete"
#: What staff read before the code.
TITLE = N_("The request is not complete")
SEVERITY = ERROR
SCOPE = "end"


def check(trial):
    _ = trial._
    end, export, decided = trial.trace.end, trial.export, trial.decided()
    for record_id in sorted(trial.intent.records_gone, key=natural_key):
        if record_id in decided or not end.is_user(record_id):
            continue
        action = CONTACT_OFF if record_id in export.contacts else CLIENT_OFF
        message = _("{record} can still see {client} after the last step. Add the step “{step}”.").format(
            record=trial.label(record_id), client=trial.label(export.client_of(record_id)),
            step=trial.said(Step(action, record_id)),
        )
        yield Finding(ID, SEVERITY, None, record_id, message)
    for client_id in sorted(trial.intent.clients_gone, key=natural_key):
        if client_id in decided or not end.client_on(client_id):
            continue
        message = _("{client} is still on Cliënt Online after the last step. Add the step “{step}”.").format(
            client=trial.label(client_id), step=trial.said(Step(CLIENT_OFF, client_id))
        )
        yield Finding(ID, SEVERITY, None, client_id, message)
