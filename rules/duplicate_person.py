"""duplicate-person (warning): records that look like one person are not linked.

Only the main link tells AuditCase that a contact person and a Klant-Persoon
"feitelijk dezelfde persoon ... in de echte wereld" are, and so "dezelfde
inlogcode moeten krijgen". Two records on the portal with the same e-mail
address, or the same name and birth date, that are not linked give one
person two logins — and removing that person later misses one of them.

Fails (Piet's contact at Alfa Bouw is not linked to Klant-Persoon Piet)::

    clients:
      - {id: P, name: Piet de Vries, type: person, client_online: Ja, email: piet@example.nl}
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, client_online: Ja, email: piet@example.nl}

Passes (article, situation 3: the contact is linked to its main person)::

    clients:
      - {id: P, name: Piet de Vries, type: person, client_online: Ja, email: piet@example.nl}
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, main: P, client_online: Ja, email: piet@example.nl}
"""

from __future__ import annotations

from planner.model.findings import WARNING
from planner.model.office import alike_keys
from planner.portal.state import State
from planner.text.messages import N_

ID = "duplicate-person"
#: What staff read before the code.
TITLE = N_("One person as two records")
SEVERITY = WARNING
SCOPE = "export"


def check(registration):
    export = registration.export
    if export is None:
        return
    by_email, by_name = export.alike
    if registration.only is not None:
        # Only people the report is about: the groups that hold one of them.
        mine = (*registration.clients(), *registration.contacts())
        keys = [alike_keys(record) for record in mine]
        # In the order of their records (as the registration's own): which
        # record a finding names as the other is then the same every time.
        by_email = {k: by_email[k] for k in dict.fromkeys(e for e, _ in keys) if k in by_email}
        by_name = {k: by_name[k] for k in dict.fromkeys(b for _, b in keys) if k in by_name}
    state = State(export)
    reported: set[str] = set()
    for groups in (by_email, by_name):
        for ids in groups.values():
            users = [record_id for record_id in ids if state.is_user(record_id)]
            if len(users) < 2:  # one record alone is one login
                continue
            first_of_login: dict[str, str] = {}
            for record_id in users:
                first_of_login.setdefault(export.root(record_id), record_id)
            firsts = list(first_of_login.values())
            for record_id in firsts[1:]:
                if record_id in reported:
                    continue
                reported.add(record_id)
                text = registration._(
                    "{record} looks like the same person as {other}, but they are not linked: "
                    "Cliënt Online gives them two logins. Link the contact person to its main "
                    "person (“Koppelen aan hoofd(contact)persoon…”)."
                )
                yield registration.finding(ID, SEVERITY, record_id, text, record=record_id, other=firsts[0])
