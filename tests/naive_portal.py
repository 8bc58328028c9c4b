"""A deliberately naive portal model, for tests only.

It recomputes the whole of Cliënt Online from scratch for every state,
straight from domain.md, sharing no code with planner.portal.state or
planner.portal.projection, so that the two can be held against each other.
"""

from __future__ import annotations

from planner.model.office import Export


def fields(export: Export, done) -> tuple[dict, dict, dict]:
    """Each record's fields after the steps in ``done``: (action, target)
    pairs, and (``link``, contact, main) for a link."""
    client_on = {k: c.client_online for k, c in export.clients.items()}
    contact_on = {x: c.client_online for x, c in export.contacts.items()}
    main = {x: c.main for x, c in export.contacts.items()}
    for action, target, *rest in done:
        if action == "contact_off" and target in contact_on:
            contact_on[target] = False
        elif action == "contact_on" and target in contact_on:
            contact_on[target] = True
        elif action == "client_off" and target in client_on:
            client_on[target] = False
        elif action == "unlink" and target in main:
            main[target] = None
        elif action == "link" and target in main:
            main[target] = rest[0]
    return client_on, contact_on, main


def portal(export: Export, done) -> dict:
    """memberships: {(login, cliënt)}; users: {record: cliënt}; roots: {record: login}."""
    client_on, contact_on, main = fields(export, done)
    clients = {k for k, c in export.clients.items() if client_on[k] and not c.ended}
    users = {}
    for k in clients:
        if export.clients[k].type == "person":  # assumption A1
            users[k] = k
    for x, c in export.contacts.items():
        if c.client in clients and contact_on[x] and not c.ended:
            users[x] = c.client

    def root(record):
        seen = 0
        while record in main and main[record] is not None:
            record = main[record]
            seen += 1
            assert seen <= len(main), "cycle"
        return record

    roots = {r: root(r) for r in users}
    memberships = {(roots[r], k) for r, k in users.items()}
    return {"memberships": memberships, "users": users, "roots": roots, "clients": clients}


def events(export: Export, before_done, after_done) -> set[tuple]:
    """The portal events between two states, as (event, login, cliënt) tuples."""
    old, new = portal(export, before_done), portal(export, after_done)
    old_logins = {i for i, _ in old["memberships"]}
    new_logins = {i for i, _ in new["memberships"]}
    found = set()
    for i in new_logins - old_logins:
        found.add(("login-created", i, None))
    for i in old_logins - new_logins:
        found.add(("login-removed", i, None))
    for i, k in new["memberships"] - old["memberships"]:
        found.add(("access-granted", i, k))
    for i, k in old["memberships"] - new["memberships"]:
        found.add(("access-revoked", i, k))
    for k in old["clients"] - new["clients"]:
        found.add(("client-removed", None, k))
    for i in old_logins:
        main_was = i in old["users"] and old["roots"][i] == i
        main_is = i in new["users"] and new["roots"][i] == i
        linked_left = [r for r, root in new["roots"].items() if root == i and r != i]
        if main_was and not main_is and linked_left:  # assumption A2
            found.add(("main-user-removed", i, None))
    return found


def hazards(export: Export, done_before, step, may_lose, start_logins) -> set[str]:
    """The step-rule codes the naive model sees for one step."""
    seen = events(export, done_before, done_before + [step])
    created = {i for e, i, _ in seen if e == "login-created"}
    codes = set()
    for event, login, client in seen:
        if event == "login-created":
            codes.add("new-login")
        elif event == "main-user-removed":
            codes.add("orphaned-link")
        elif event == "access-granted" and login not in created:
            if (login, client) not in start_logins:
                codes.add("access-gained")
        elif event == "access-revoked" and not may_lose(login, client):
            codes.add("collateral-loss")
    return codes
