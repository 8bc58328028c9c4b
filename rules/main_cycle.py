"""main-cycle (error): main links form a cycle.

Main links form a tree: follow them from any contact and you reach the one
record that is the person and the login. In a cycle there is no such record,
so the portal cannot tell whose login the records are, and the article's
bottom-up unlinking has no bottom. The loader finds this while reading the
export and lists the cycle, starting at its first record in the file.

Fails (two contacts linked to each other)::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: C1, client: A, name: Rob Smit, main: C2, client_online: Ja}
      - {id: C2, client: A, name: Rob Smit, main: C1, client_online: Ja}

Passes (a contact under a contact: a tree)::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: C1, client: A, name: Rob Smit, client_online: Ja}
      - {id: C2, client: A, name: Rob Smit, main: C1, client_online: Ja}
"""

from __future__ import annotations

from planner.model.findings import ERROR
from planner.text.messages import N_

ID = "main-cycle"
#: What staff read before the code.
TITLE = N_("Main links in a circle")
SEVERITY = ERROR
SCOPE = "export"


def check(registration):
    yield from registration.refused(ID, SEVERITY)
