"""The words AuditCase's lists use, and what each means in the export.

One place for every spelling the importer accepts, so that a firm whose
AuditCase writes another can have it added here. Matching ignores case,
accents and spacing (:func:`~planner.importer.text.fold`).
"""

from __future__ import annotations

from planner.importer.values import Words
from planner.model.office import COMPANY, PERSON
from planner.text import typography
from planner.text.messages import _

#: "Koppelen met Cliënt Online" and the other Ja/Nee columns. Dutch Excel
#: writes its truth values to CSV as WAAR and ONWAAR.
FLAGS = Words(
    {
        "Ja": True,
        "Nee": False,
        "true": True,
        "false": False,
        "yes": True,
        "no": False,
        "WAAR": True,
        "ONWAAR": False,
    },
    lambda: _("Ja or Nee (also true/false, yes/no, WAAR/ONWAAR, or an Excel truth value)"),
    booleans={True: True, False: False},
)

#: Registratietype.
CLIENT_TYPES = Words(
    {
        "Klant-Bedrijf": COMPANY,
        "Klant-Persoon": PERSON,
        "company": COMPANY,
        "person": PERSON,
        "bedrijf": COMPANY,
        "persoon": PERSON,
    },
    lambda: _("Klant-Bedrijf or Klant-Persoon (also bedrijf/persoon, company/person)"),
)

#: Klantstatus: "Geen klant meer" ends the klant; every other status
#: (Klant, Actief, Prospect, ...) does not. A status one typo away from
#: "Geen klant meer" is an error rather than a klant silently kept. A Ja/Nee
#: column mapped to ``ended`` (say "Beëindigd") works too.
CLIENT_STATUS = Words(
    {"Geen klant meer": True, **{w: v for w, v in FLAGS.table.items()}},
    lambda: _("a klantstatus: {ended} ends the klant, any other status does not").format(
        ended=typography.quoted("Geen klant meer")
    ),
    booleans={True: True, False: False},
    other=False,
    near=("Geen klant meer",),
)

#: A contact's Status. AuditCase marks a contactpersoon who no longer acts
#: for the klant as inactive; these words end the contact, the others keep
#: it. Unlike the klantstatus, the list is closed: a contact read as still
#: active by mistake would keep (or get) a portal login.
CONTACT_ENDED = (
    "Inactief",
    "Niet actief",
    "Vertrokken",
    "Uit dienst",
    "Beëindigd",
    "Overleden",
    "Geen klant meer",
)
CONTACT_ACTIVE = ("Actief", "Klant")
CONTACT_STATUS = Words(
    {
        **{w: True for w in CONTACT_ENDED},
        **{w: False for w in CONTACT_ACTIVE},
        **{w: v for w, v in FLAGS.table.items()},
    },
    lambda: _("a contact status: {active} or empty (active); {ended} (ended)").format(
        active=", ".join(CONTACT_ACTIVE), ended=", ".join(CONTACT_ENDED)
    ),
    booleans={True: True, False: False},
)

#: Relatiesoort of a Relatie-Bedrijf list.
GROUP, WWFT, PARTNER = "group", "wwft", "partner"
RELATION_TYPES = Words(
    {
        "Groep": GROUP,
        "Groepsstructuur": GROUP,
        "Concern": GROUP,
        "group": GROUP,
        "Wwft": WWFT,
        "Wwft-structuur": WWFT,
        "Partner": PARTNER,
        "Levenspartner": PARTNER,
        "Partnerrelatie": PARTNER,
    },
    lambda: _(
        "Groep (also Groepsstructuur, Concern, group), Wwft (also Wwft-structuur) or "
        "Partner (also Levenspartner, Partnerrelatie)"
    ),
)

#: Rol in a Wwft structure.
ROLES = Words(
    {
        "UBO": "ubo",
        "Pseudo-UBO": "pseudo-ubo",
        "Pseudo UBO": "pseudo-ubo",
        "Vertegenwoordiger": "representative",
        "Wettelijk vertegenwoordiger": "representative",
        "representative": "representative",
    },
    lambda: _("UBO, Pseudo-UBO or Vertegenwoordiger (also representative)"),
)
