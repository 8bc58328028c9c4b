"""main-not-person (error): a ``main`` link points at a company.

"Koppelen aan hoofd(contact)persoon…" tells AuditCase that a contact and its
main record are one real-world person with one login. A Klant-Bedrijf is no
person: a contact linked to a company has no login the portal can make
sense of, and no removal plan can be made for it. The loader finds this
while reading the export, at the ``main`` value; the export is not used
until it is mended.

Fails (P@A is linked to the company itself)::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, main: A, client_online: Ja}

Passes (article, situation 3)::

    clients:
      - {id: P, name: Piet de Vries, type: person, client_online: Ja}
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, main: P, client_online: Ja}
"""

from __future__ import annotations

from planner.model.findings import ERROR
from planner.text.messages import N_

ID = "main-not-person"
#: What staff read before the code.
TITLE = N_("Main link to a company")
SEVERITY = ERROR
SCOPE = "export"


def check(registration):
    yield from registration.refused(ID, SEVERITY)
