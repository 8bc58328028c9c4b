"""client-without-user (warning): a company cliënt is on the portal, but none of its contacts is.

The article: "In Cliënt Online kan een Cliënt voorkomen zonder
Cliënt-gebruiker, maar dat is weinig zinvol omdat de gegevens in Cliënt
Online altijd voor een ingelogde Cliënt-gebruiker ontsloten worden. Derhalve
is het ook in AuditCase noodzakelijk altijd een Klant en een Contactpersoon
(bij die klant) aan te wijzen." A Klant-Persoon is its own user, so this is
about Klant-Bedrijven.

Fails (Alfa Bouw is on the portal; its only contact is not)::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: R@A, client: A, name: Ria Bakker, client_online: Nee}

Passes (article, situation 1)::

    clients:
      - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, client_online: Ja}
      - {id: R@A, client: A, name: Ria Bakker, client_online: Nee}
"""

from __future__ import annotations

from planner.model.findings import WARNING
from planner.text.messages import N_

ID = "client-without-user"
#: What staff read before the code.
TITLE = N_("Cliënt without a portal user")
SEVERITY = WARNING
SCOPE = "export"


def check(registration):
    export = registration.export
    if export is None:
        return
    contacts = export.contacts
    # The klanten with a contact whose own flag is Ja: for a klant on the
    # portal, that contact is a user. Over the whole export, one pass.
    if registration.only is None:
        served = {c.client for c in contacts.values() if c.client_online and not c.ended}
    else:
        contacts_of = export.contacts_by_client
        served = {
            client.id for client in registration.clients()
            if any(contacts[c].client_online and not contacts[c].ended for c in contacts_of.get(client.id, ()))
        }
    for client in registration.clients():
        if client.is_person or not client.client_online or client.ended or client.id in served:
            continue
        text = registration._(
            "{client} is on Cliënt Online, but none of its contact persons is: nobody can log "
            "in to it. Set “Koppelen met Cliënt Online” to Ja for one contact person."
        )
        yield registration.finding(ID, SEVERITY, client.id, text, client=client.id)
