"""The office's work after the portal steps, from relations and the Beheer tab.

The article's removal advice ends at unlinking; the office's work does not.
Follow-up tasks are derived from the export's relations (partner, Wwft,
group), the other links on the klantkaart's Beheer tab, and the contact
person's own status for a person who leaves a klant. They are not plan
steps: they come after the portal steps and change nothing on Cliënt
Online.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.office import INTEGRATIONS
from planner.model.scenario import DEATH, LEAVE, REMOVE_CLIENT, Scenario
from planner.model.steps import DECIDE
from planner.plan.intent import leaving_contacts

PARTNER = "partner"  # a partner relation of someone who died
WWFT = "wwft"  # a UBO (or other Wwft role) who died or left
GROUP = "group"  # a company in a group structure leaves
INTEGRATIONS_OFF = "integrations"  # other Beheer-tab links of a klant that leaves
RETENTION = "retention"  # set "Geen klant meer", do not delete
CONTACT_STATUS = "contact-status"  # a contact who leaves: its own status, where the office keeps one


@dataclass(frozen=True)
class FollowUp:
    kind: str
    #: the klant or person the task is about
    subject: str
    #: the other records involved, or the names of the Beheer-tab links
    others: tuple[str, ...] = ()
    #: the decide step the task waits for, while that decision is open
    after_decision: int | None = None


def follow_ups(scenario: Scenario, steps=(), kept: frozenset[str] = frozenset()) -> tuple[FollowUp, ...]:
    """The office's work after the plan's ``steps``. A klant whose
    relationship ends (a death, a leave that ends the person's own klant, a
    remove_client that ``ends``) leaves the office too — unless staff decided
    to keep it on the portal (``kept``); a task about a klant whose switch-off
    is still an open decision says it waits for that decision. A contact
    person who leaves a klant gets its own status set, where the office keeps
    one, unless it is ended already or staff decided to keep it on the portal."""
    export = scenario.export
    died: dict[str, set[str]] = {}  # person root -> their records
    gone: dict[str, set[str]] = {}  # people who died or leave
    leaving: dict[str, None] = {}  # klanten that leave the office
    contacts: dict[str, None] = {}  # contact persons who leave their klant
    for event in scenario.events:
        if event.kind == LEAVE:
            contacts.update((c, None) for c in leaving_contacts(export, event))
        if event.kind == REMOVE_CLIENT:
            if event.ends:
                leaving[event.client] = None
            continue
        if event.kind not in (DEATH, LEAVE):
            continue
        root = export.root(event.person)
        records = set(export.tree(root))
        gone[root] = records
        if event.kind == DEATH:
            died[root] = records
        if (event.kind == DEATH or event.end_client) and root in export.clients:
            leaving[root] = None

    def person_of(record_id: str, people: dict[str, set[str]]) -> str | None:
        return next((root for root, records in people.items() if record_id in records), None)

    # Only the relations that name someone involved can give a task.
    involved = set(leaving).union(*gone.values())
    relations_of = export.relations_of
    positions = sorted({p for record_id in involved for p in relations_of.get(record_id, ())})

    tasks: dict[FollowUp, None] = {}
    for relation in (export.relations[p] for p in positions):
        if relation.type == "partner":
            for record_id in relation.persons:
                root = person_of(record_id, died)
                if root is not None:
                    others = tuple(p for p in relation.persons if p != record_id)
                    tasks[FollowUp(PARTNER, root, others)] = None
        elif relation.type == "wwft":
            root = person_of(relation.person, gone)
            if root is not None or relation.person in leaving:
                tasks[FollowUp(WWFT, relation.client, (relation.person,))] = None
        elif relation.type == "group":
            for member, other in ((relation.member, relation.parent), (relation.parent, relation.member)):
                if member in leaving:
                    tasks[FollowUp(GROUP, member, (other,))] = None
    open_decisions = {p.target: p.n for p in steps if p.action == DECIDE}
    for client_id in leaving:
        if client_id in kept:
            continue  # it stays on the portal, for someone else
        wait = open_decisions.get(client_id)
        client = export.clients[client_id]
        links = tuple(name for name in INTEGRATIONS if dict(client.integrations).get(name))
        if links:
            tasks[FollowUp(INTEGRATIONS_OFF, client_id, links, wait)] = None
        tasks[FollowUp(RETENTION, client_id, (), wait)] = None
    for contact_id in contacts:
        # A contact already ended needs nothing; one staff decided to keep on
        # the portal must not be ended (an ended contact is no portal user).
        if not export.contacts[contact_id].ended and contact_id not in kept:
            tasks[FollowUp(CONTACT_STATUS, contact_id, (), open_decisions.get(contact_id))] = None
    return tuple(tasks)
