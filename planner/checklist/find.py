"""Finding records by name (``--find TEXT``): staff know a person by name,
not by klantnummer.

Every client and contact whose name or id holds the text, compared without
case and without accents ("jose" finds "José", "vries" finds "de Vries"),
grouped by the person each belongs to (the top of its main links), so that a
person's records are seen together, with the person's id that a request
names. One pass over the export, folding only the records' own text: no
more than the load of the export costs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from planner.model.naming import natural_key
from planner.model.office import Export
from planner.output.neutral import visible

#: Letters that are no letter with an accent in Unicode, but are read as one.
_UNACCENTED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "ð": "d", "þ": "th"})
#: The longest name a table shows in full (a name is the input's, and may be long).
NAME_WIDTH = 48

KLANT_BEDRIJF, KLANT_PERSOON, CONTACT = "Klant-Bedrijf", "Klant-Persoon", "contactpersoon"


def fold(text: str) -> str:
    """``text`` as a search compares it: lower case, accents dropped, runs of
    white space as one space."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_UNACCENTED)
    else:
        text = text.lower()
    return " ".join(text.split()) if "  " in text or not text.isprintable() else text


@dataclass(frozen=True)
class Found:
    """One record that matched."""

    id: str
    name: str
    #: KLANT_BEDRIJF, KLANT_PERSOON or CONTACT
    kind: str
    #: the klant it is registered under (its own id for a klant)
    klant: str
    #: its own "Koppelen met Cliënt Online"
    client_online: bool
    #: the top of its main links: the person (a company is its own top)
    person: str


def find(export: Export, text: str) -> list[list[Found]]:
    """The records whose name or id holds ``text`` (as :func:`fold` compares
    them), in groups by person: groups by the person's name and id, a
    person's own record first in its group, then by id."""
    wanted = fold(text)
    groups: dict[str, list[Found]] = {}
    for client in export.clients.values():
        if wanted in fold(client.name) or wanted in fold(client.id):
            kind = KLANT_PERSOON if client.is_person else KLANT_BEDRIJF
            groups.setdefault(client.id, []).append(
                Found(client.id, client.name, kind, client.id, client.client_online, client.id)
            )
    for contact in export.contacts.values():
        if wanted in fold(contact.name) or wanted in fold(contact.id):
            root = export.root(contact.id)
            groups.setdefault(root, []).append(
                Found(contact.id, contact.name, CONTACT, contact.client, contact.client_online, root)
            )
    ordered = sorted(groups.items(), key=lambda item: (fold(export.name(item[0])), natural_key(item[0])))
    return [
        sorted(records, key=lambda found: (found.id != person, natural_key(found.id)))
        for person, records in ordered
    ]


def table(export: Export, groups: list[list[Found]], _) -> list[str]:
    """The groups as the lines of a table, a blank line between groups;
    ``_`` translates the headers and words. Every cell is made safe to show
    (:func:`planner.output.neutral.visible`) before the columns are lined up."""
    headers = (_("id"), _("name"), _("kind"), _("klant"), "Cliënt Online", _("person"))
    kinds = {KLANT_BEDRIJF: KLANT_BEDRIJF, KLANT_PERSOON: KLANT_PERSOON, CONTACT: _("contact person")}
    yes, no = _("Yes"), _("No")
    rows: list[tuple[str, ...] | None] = []
    for group in groups:
        if rows:
            rows.append(None)
        for found in group:
            top = export.clients.get(found.person)
            rows.append(tuple(visible(cell) for cell in (
                found.id,
                _cut(found.name),
                kinds[found.kind],
                _label(export, found.klant),
                yes if found.client_online else no,
                "—" if top is not None and not top.is_person else _label(export, found.person),
            )))
    widths = [max(len(row[i]) for row in (headers, *filter(None, rows))) for i in range(len(headers))]

    def line(cells) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()

    return [line(headers), *("" if row is None else line(row) for row in rows)]


def _label(export: Export, record_id: str) -> str:
    """A record as the table shows it: "Piet de Vries (P)", the name cut short."""
    name = export.name(record_id)
    return record_id if name == record_id else f"{_cut(name)} ({record_id})"


def _cut(name: str) -> str:
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
