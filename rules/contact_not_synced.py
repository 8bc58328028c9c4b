"""contact-not-synced (warning): a contact is on the portal, but its klant is not.

Each time a klant is sent to Cliënt Online its contact persons go with it;
a klant that is not sent takes none of them. A contact with "Koppelen met
Cliënt Online" = Ja under a klant set to Nee reaches nobody — and becomes a
portal user, with new login details, the day someone sets the klant to Ja.

Fails (Alfa Bouw is off the portal; its contact is set to Ja)::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Nee}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, client_online: Ja}

Passes::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, client_online: Ja}
"""

from __future__ import annotations

from planner.model.findings import WARNING
from planner.text.messages import N_

ID = "contact-not-synced"
#: What staff read before the code.
TITLE = N_("Contact person set to Ja under a klant set to Nee")
SEVERITY = WARNING
SCOPE = "export"


def check(registration):
    export = registration.export
    if export is None:
        return
    clients = export.clients
    for contact in registration.contacts():
        if not contact.client_online or contact.ended:
            continue
        klant = clients[contact.client]
        if klant.client_online and not klant.ended:
            continue
        text = registration._(
            "{contact} is set to Ja for Cliënt Online, but klant {client} is not on the "
            "portal: the contact reaches nobody, and gets new login details the day the "
            "klant is set to Ja."
        )
        yield registration.finding(ID, SEVERITY, contact.id, text, contact=contact.id, client=contact.client)
