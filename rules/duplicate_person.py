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

from planner.findings import WARNING, Finding
from planner.state import State

ID = "duplicate-person"
SEVERITY = WARNING
SCOPE = "export"


def check(registration):
    export = registration.export
    if export is None:
        return
    state = State(export)
    by_email: dict[str, list[str]] = {}
    by_name: dict[tuple[str, str], list[str]] = {}
    records = [*export.clients.values(), *export.contacts.values()]
    for record in records:
        # Only an e-mail address or a birth date can make a record look like
        # another; most records have neither to compare, so ask that first.
        if not (record.email or record.birth_date) or not state.is_user(record.id):
            continue
        if record.email:
            by_email.setdefault(record.email.strip().casefold(), []).append(record.id)
        if record.birth_date:
            key = (" ".join(record.name.split()).casefold(), record.birth_date)
            by_name.setdefault(key, []).append(record.id)
    reported: set[str] = set()
    for groups in (by_email, by_name):
        for ids in groups.values():
            if len(ids) < 2:  # one record alone is one login
                continue
            first_of_login: dict[str, str] = {}
            for record_id in ids:
                first_of_login.setdefault(export.root(record_id), record_id)
            if len(first_of_login) < 2:
                continue
            firsts = list(first_of_login.values())
            for record_id in firsts[1:]:
                if record_id in reported:
                    continue
                reported.add(record_id)
                message = registration._(
                    "{record} looks like the same person as {other}, but they are not linked: "
                    "Cliënt Online gives them two logins. Link the contact person to its main "
                    "person (Koppelen aan hoofd(contact)persoon…)."
                ).format(record=registration.label(record_id), other=registration.label(firsts[0]))
                yield Finding(ID, SEVERITY, None, record_id, message)
