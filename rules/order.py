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

from planner.model.findings import WARNING, Finding
from planner.model.steps import BOTTOM_UP_RANK, DECIDE
from planner.portal.projection import LOGIN_CREATED, MAIN_USER_REMOVED, people_affected
from planner.text.messages import N_

ID = "order"
#: What staff read before the code.
TITLE = N_("Not in the article’s order")
SEVERITY = WARNING
SCOPE = "sequence"
_HAZARDS = (LOGIN_CREATED, MAIN_USER_REMOVED)


def check(trial):
    export = trial.export
    moments = list(trial.moments())
    # For each person and klant, the first earlier step of each rank that
    # concerns it: a step is out of order when such a step of a higher rank
    # came before it. An index, not a comparison of every pair: a company
    # leaving with 12,000 contact persons is 12,000 steps.
    first: dict[tuple[str, str], dict[int, int]] = {}
    for j, (number, moment) in enumerate(moments):
        step = moment.step
        if step.action == DECIDE or any(e.event in _HAZARDS for e in moment.events):
            continue
        keys = [("person", p) for p in people_affected(export, step)]
        if step.target in export:
            keys.append(("klant", export.client_of(step.target)))
        rank = BOTTOM_UP_RANK[step.action]
        earlier = [i for key in keys for r, i in first.get(key, {}).items() if r > rank]
        if earlier:
            i = min(earlier)
            message = trial._(
                "“{step}” comes after step {n}, “{earlier}”; the article’s order is: first the "
                "contact persons, then the klant, then unlinking."
            ).format(step=trial.said(step), earlier=trial.said(moments[i][1].step), n=moments[i][0])
            yield Finding(ID, SEVERITY, number, step.target, message)
        for key in keys:
            first.setdefault(key, {}).setdefault(rank, j)
