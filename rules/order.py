"""order (warning): the order differs from the article's bottom-up order.

"In veel situaties is de veiligste manier om 'onderaan' te beginnen": first
the contact person to Nee, then the higher levels (klant-bedrijf and
klant-persoon), and only then break the link between contact and main
person. Where an order concerning the same person or klant departs from that
and the model sees no hazard, it is still worth a second look: the model is a
model, and the article's order is what AuditCase's own advice rests on.

Fails (Alfa Bouw leaves; the klant is switched off before its contacts)::

    events: [{remove_client: {client: A}}]
    proposed:
      - client_off: A
      - contact_off: P@A
      - contact_off: Q@A

Passes::

    events: [{remove_client: {client: A}}]
    proposed:
      - contact_off: P@A
      - contact_off: Q@A
      - client_off: A
"""

from __future__ import annotations

from planner.findings import WARNING, Finding
from planner.portal import LOGIN_CREATED, MAIN_USER_REMOVED, people_touched
from planner.steps import BOTTOM_UP_RANK, DECIDE

ID = "order"
SEVERITY = WARNING
SCOPE = "sequence"
_HAZARDS = (LOGIN_CREATED, MAIN_USER_REMOVED)


def check(run):
    export = run.export
    moments = list(run.moments())
    concerns = []
    for _number, moment in moments:
        step = moment.step
        client = export.client_of(step.target) if step.target in export else None
        concerns.append((people_touched(export, step), client))
    for j, (number, moment) in enumerate(moments):
        step = moment.step
        if step.action == DECIDE or any(e.event in _HAZARDS for e in moment.events):
            continue
        for i in range(j):
            earlier = moments[i][1]
            if earlier.step.action == DECIDE or any(e.event in _HAZARDS for e in earlier.events):
                continue
            if BOTTOM_UP_RANK[earlier.step.action] <= BOTTOM_UP_RANK[step.action]:
                continue
            (people_i, client_i), (people_j, client_j) = concerns[i], concerns[j]
            if people_i & people_j or (client_i is not None and client_i == client_j):
                message = run._(
                    "{step} comes after {earlier} (step {n}); the article's order is contact "
                    "person, then klant, then unlinking."
                ).format(step=str(step), earlier=str(earlier.step), n=moments[i][0])
                yield Finding(ID, SEVERITY, number, step.target, message)
                break
