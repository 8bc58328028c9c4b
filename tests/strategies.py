"""Hypothesis strategies: valid AuditCase exports and removal requests.

Small by design, so that a failing case shrinks to something a person can
read: a few companies and persons, contacts with flags on and off, ended
records, and main-link trees that include a contact under a contact.
"""

from __future__ import annotations

from hypothesis import strategies as st

from planner.model.office import COMPANY, PERSON, Client, Contact, Export
from planner.model.scenario import DEATH, LEAVE, REMOVE_CLIENT, REVOKE, Event, Scenario
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, DECIDE, UNLINK, Step

flags = st.booleans()
mostly_on = st.sampled_from([True, True, True, False])
rarely = st.sampled_from([False, False, False, False, True])


@st.composite
def exports(draw, max_companies=3, max_persons=3, max_contacts=7) -> Export:
    companies = draw(st.integers(1, max_companies))
    persons = draw(st.integers(0, max_persons))
    clients = {}
    for n in range(companies):
        cid = f"K{n}"
        clients[cid] = Client(cid, f"Bedrijf {n}", COMPANY, draw(mostly_on), draw(rarely))
    for n in range(persons):
        pid = f"P{n}"
        clients[pid] = Client(pid, f"Persoon {n}", PERSON, draw(mostly_on), draw(rarely))
    person_ids = [k for k, c in clients.items() if c.type == PERSON]
    contacts = {}
    for n in range(draw(st.integers(0, max_contacts))):
        xid = f"C{n}"
        client = draw(st.sampled_from(sorted(clients)))
        # main: none, a person client, or an earlier contact: never a cycle
        mains = [None, *person_ids, *contacts]
        main = draw(st.sampled_from(mains))
        contacts[xid] = Contact(xid, client, f"Contact {n}", draw(mostly_on), main, draw(rarely))
    return Export(clients, contacts)


@st.composite
def events_for(draw, export: Export, kinds=(DEATH, LEAVE, REVOKE, REMOVE_CLIENT)) -> Event:
    """One event over ``export``, of one of ``kinds`` where the export allows it
    (a death needs a person, a revoke a contact), else a remove_client."""
    records = sorted(export.clients) + sorted(export.contacts)
    people = [r for r in records if r in export.contacts or export.clients[r].type == PERSON]
    possible = [REMOVE_CLIENT]
    if people:
        possible += [DEATH, LEAVE]
    if export.contacts:
        possible += [REVOKE]
    kind = draw(st.sampled_from([k for k in possible if k in kinds] or [REMOVE_CLIENT]))
    if kind == REMOVE_CLIENT:
        return Event(REMOVE_CLIENT, client=draw(st.sampled_from(sorted(export.clients))),
                     unlink=draw(flags))
    if kind == REVOKE:
        if draw(flags):
            contact = draw(st.sampled_from(sorted(export.contacts)))
            return Event(REVOKE, contact=contact, unlink=draw(flags))
        contact = export.contacts[draw(st.sampled_from(sorted(export.contacts)))]
        return Event(REVOKE, person=export.root(contact.id), client=contact.client, unlink=draw(flags))
    person = draw(st.sampled_from(people))
    if kind == DEATH:
        return Event(DEATH, person=person, unlink=draw(st.sampled_from([True, True, False])))
    root = export.root(person)
    at = sorted({export.client_of(r) for r in export.tree(root) if r in export.contacts})
    clients = None
    if at and draw(flags):
        clients = tuple(draw(st.lists(st.sampled_from(at), min_size=1, max_size=len(at), unique=True)))
    end_client = root in export.clients and draw(flags)
    return Event(LEAVE, person=person, clients=clients, end_client=end_client,
                 unlink=draw(st.sampled_from([True, True, False])))


@st.composite
def scenarios(draw, export=None, max_events=2, kinds=(DEATH, LEAVE, REVOKE, REMOVE_CLIENT)) -> Scenario:
    export = export if export is not None else draw(exports())
    events = tuple(draw(st.lists(events_for(export, kinds), min_size=1, max_size=max_events)))
    choice = draw(st.sampled_from(["ask", "disconnect", "keep"]))
    return Scenario("generated.yaml", export, events, "sha256:generated", orphaned_clients=choice)


def steps_over(export: Export):
    """Any step on any record: the kind of order staff might write."""
    targets = sorted(export.clients) + sorted(export.contacts)
    return st.builds(Step, st.sampled_from([CONTACT_OFF, CLIENT_OFF, UNLINK, DECIDE]),
                     st.sampled_from(targets))
