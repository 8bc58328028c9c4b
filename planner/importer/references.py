"""Checks between records of different rows and lists, reported at the cell
where the mistake is: the loader would name a line of the written export,
which staff never see.

* an id used twice (ids are unique across klanten and contactpersonen);
* a contact's klant that is not in the klanten lists;
* a hoofd(contact)persoon that is no Klant-Persoon and no contact;
* a relation naming an id that is in no list;
* a role on a relation that is not a Wwft relation.

What needs the whole export (cycles of main links, over-deep chains) is
left to the loader, which reads the written export.
"""

from __future__ import annotations

from planner.importer.columns import CLIENTS
from planner.importer.lists import ListRecords
from planner.importer.report import Report
from planner.importer.vocabulary import WWFT
from planner.model.office import PERSON
from planner.text.suggest import IdSuggestions

#: "Did you mean" look-ups of ids per import (planner.text.suggest, as the loader's).
SUGGESTIONS = 20


class _Ids:
    """Every id read, with the record that has it: (its list, its index)."""

    def __init__(self, clients: list[ListRecords]) -> None:
        self.clients: dict[str, tuple[ListRecords, int]] = {}
        self.contacts: dict[str, tuple[ListRecords, int]] = {}
        self.client_lists = ", ".join(records.name for records in clients)
        self.suggestions = IdSuggestions(SUGGESTIONS)

    def first(self, cid: str):
        found = self.clients.get(cid)
        return found if found is not None else self.contacts.get(cid)


def check(
    clients: list[ListRecords], contacts: list[ListRecords], relations: list[ListRecords], report: Report
) -> None:
    ids = _Ids(clients)
    _index(clients, ids.clients, ids, report)
    _index(contacts, ids.contacts, ids, report)
    _contact_clients(contacts, ids, report)
    _mains(contacts, ids, report)
    _relations(relations, ids, report)


def _index(lists: list[ListRecords], into: dict, ids: _Ids, report: Report) -> None:
    """File every record's id in ``into``; an id seen before is an error."""
    for records in lists:
        column = records.fields["id"]
        fresh = dict.fromkeys(column)
        fresh.pop(None, None)
        if (
            len(fresh) == len(column) - column.count(None)
            and ids.clients.keys().isdisjoint(fresh)
            and ids.contacts.keys().isdisjoint(fresh)
        ):
            into.update(zip(column, zip([records] * len(column), range(len(column)))))
            into.pop(None, None)
            continue
        # Some id is used twice: find where, in the order of the lists.
        for index, cid in enumerate(column):
            if cid is None:
                continue
            first = ids.first(cid)
            if first is None:
                into[cid] = (records, index)
                continue
            other, at = first
            kind = "klant" if other.kind == CLIENTS else "contact"
            report.error(
                records.place(index, "id"),
                f"{records.header('id')} {cid!r} is used twice: it is already the id of the "
                f"{kind} at {other.place(at, 'id')}; an export needs every id once, across "
                "klanten and contactpersonen",
                "duplicate id",
            )


def _contact_clients(contacts: list[ListRecords], ids: _Ids, report: Report) -> None:
    for records in contacts:
        column = records.fields["client"]
        unknown = set(column) - ids.clients.keys()
        unknown.discard(None)
        if not unknown:
            continue
        for index, target in enumerate(column):
            if target not in unknown:
                continue
            where = records.place(index, "client")
            header = records.header("client")
            found = ids.contacts.get(target)
            if found is not None:
                report.error(
                    where,
                    f"{header} {target!r} is a contactpersoon (at {found[0].place(found[1], 'id')}), "
                    "not a klant; expected the klantnummer of a Klant-Bedrijf or Klant-Persoon",
                    "not a klant",
                )
            else:
                report.error(
                    where,
                    f"{header} {target!r} is in none of the klanten lists ({ids.client_lists})"
                    f"{ids.suggestions.nearest(target, ids.clients)}; expected the klantnummer of a "
                    "Klant-Bedrijf or Klant-Persoon",
                    "unknown klant",
                )


def _mains(contacts: list[ListRecords], ids: _Ids, report: Report) -> None:
    for records in contacts:
        if "main" not in records.cols:
            continue
        column = records.fields["main"]
        odd = set(column) - ids.contacts.keys()
        odd.discard(None)
        odd = {t for t in odd if t not in ids.clients or _client_type(ids.clients[t]) != PERSON}
        if not odd:
            continue
        for index, target in enumerate(column):
            if target not in odd:
                continue
            where = records.place(index, "main")
            header = records.header("main")
            found = ids.clients.get(target)
            if found is not None:
                if _client_type(found) is None:
                    continue  # the klant's type is wrong, reported there
                report.error(
                    where,
                    f"{header} {target!r} is a Klant-Bedrijf (at {found[0].place(found[1], 'id')}); "
                    "a hoofd(contact)persoon is a Klant-Persoon or a contactpersoon",
                    "main is a company",
                )
            else:
                report.error(
                    where,
                    f"{header} {target!r} is in none of the lists{ids.suggestions.nearest(target, ids.contacts)}; "
                    "expected the klantnummer of a Klant-Persoon or the relatienummer of a contactpersoon",
                    "unknown main",
                )


def _client_type(found: tuple[ListRecords, int]):
    records, index = found
    return records.fields["type"][index]


def _relations(relations: list[ListRecords], ids: _Ids, report: Report) -> None:
    for records in relations:
        kinds = records.fields["type"]
        for field in ("client", "related"):
            column = records.fields[field]
            unknown = set(column) - ids.clients.keys() - ids.contacts.keys()
            unknown.discard(None)
            if not unknown:
                continue
            for index, target in enumerate(column):
                if target in unknown:
                    report.error(
                        records.place(index, field),
                        f"{records.header(field)} {target!r} is in none of the klanten and "
                        "contactpersonen lists; a relation links records of the export",
                        "unknown id",
                    )
        if "role" in records.cols:
            for index, (kind, role) in enumerate(zip(kinds, records.fields["role"])):
                if role is not None and kind is not None and kind != WWFT:
                    report.error(
                        records.place(index, "role"),
                        f"{records.header('role')} is set on a {kind} relation; only a Wwft "
                        "relation has a role (UBO, Pseudo-UBO, Vertegenwoordiger): leave it empty",
                        "role without wwft",
                    )
