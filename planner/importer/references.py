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
from planner.importer.vocabulary import GROUP, PARTNER, WWFT
from planner.model.office import PERSON
from planner.text.messages import N_, _
from planner.text.suggest import IdSuggestions
from planner.text.typography import shown

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
            if other.kind == CLIENTS:
                message = _(
                    "{header} {id} is used twice: it is already the id of the klant at {place}; an export needs "
                    "every id once, across klanten and contactpersonen"
                )
            else:
                message = _(
                    "{header} {id} is used twice: it is already the id of the contact at {place}; an export needs "
                    "every id once, across klanten and contactpersonen"
                )
            report.error(
                records.place(index, "id"),
                message.format(header=records.header("id"), id=shown(cid), place=other.place(at, "id")),
                N_("duplicate id"),
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
                    _(
                        "{header} {id} is a contactpersoon (at {place}), not a klant; expected the klantnummer of a "
                        "Klant-Bedrijf or Klant-Persoon"
                    ).format(header=header, id=shown(target), place=found[0].place(found[1], "id")),
                    N_("not a klant"),
                )
            else:
                report.error(
                    where,
                    _(
                        "{header} {id} is in none of the klanten lists ({lists}){suggestion}; expected the "
                        "klantnummer of a Klant-Bedrijf or Klant-Persoon"
                    ).format(
                        header=header, id=shown(target), lists=ids.client_lists,
                        suggestion=ids.suggestions.nearest(target, ids.clients),
                    ),
                    N_("unknown klant"),
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
                    _(
                        "{header} {id} is a Klant-Bedrijf (at {place}); a hoofd(contact)persoon is a Klant-Persoon "
                        "or a contactpersoon"
                    ).format(header=header, id=shown(target), place=found[0].place(found[1], "id")),
                    N_("main is a company"),
                )
            else:
                report.error(
                    where,
                    _(
                        "{header} {id} is in none of the lists{suggestion}; expected the klantnummer of a "
                        "Klant-Persoon or the relatienummer of a contactpersoon"
                    ).format(header=header, id=shown(target), suggestion=ids.suggestions.nearest(target, ids.contacts)),
                    N_("unknown main"),
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
                        _(
                            "{header} {id} is in none of the klanten and contactpersonen lists; a relation links "
                            "records of the export"
                        ).format(header=records.header(field), id=shown(target)),
                        N_("unknown id"),
                    )
        if "role" in records.cols:
            for index, (kind, role) in enumerate(zip(kinds, records.fields["role"])):
                if role is not None and kind is not None and kind != WWFT:
                    report.error(
                        records.place(index, "role"),
                        _(ROLE_ON[kind]).format(header=records.header("role")),
                        N_("role without wwft"),
                    )


#: A role on a relation that is not a Wwft relation, per kind of relation.
ROLE_ON = {
    GROUP: N_(
        "{header} is set on a group relation; only a Wwft relation has a role (UBO, Pseudo-UBO, "
        "Vertegenwoordiger): leave it empty"
    ),
    PARTNER: N_(
        "{header} is set on a partner relation; only a Wwft relation has a role (UBO, Pseudo-UBO, "
        "Vertegenwoordiger): leave it empty"
    ),
}
