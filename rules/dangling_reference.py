"""dangling-reference (error): a record refers to an id that does not exist.

A contact's klant, its main person, a relation's members: each is an id in
the same export. An id that names nothing is a record deleted without its
references, or a typo; either way the plan would be made for a graph that
is not the office's. The loader finds this while reading, and suggests the
id that was probably meant.

Fails (the main person 10003 is not in the export)::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, main: "10003", client_online: Ja}

Passes::

    clients:
      - {id: "10003", name: Piet de Vries, type: person, client_online: Ja}
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, main: "10003", client_online: Ja}
"""

from __future__ import annotations

from planner.model.findings import ERROR
from planner.text.messages import N_

ID = "dangling-reference"
#: What staff read before the code.
TITLE = N_("Reference to a missing record")
SEVERITY = ERROR
SCOPE = "export"


def check(registration):
    yield from registration.refused(ID, SEVERITY)
