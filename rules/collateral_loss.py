"""collateral-loss (error): someone the request does not name loses access.

A removal is asked for one person or one klant. Switching off a klant takes
the cliënt away from every login that sees it; switching off a Klant-Persoon
takes his private cliënt from a partner who uses it too. The planner never
does that on its own: it asks for a decision. Checked at every step and at
the end.

Fails (P dies, but his wife still uses his private cliënt)::

    export: partner-on-private-client
    events: [{death: {person: P}}]
    proposed:
      - contact_off: P@A
      - client_off: P
      - unlink: P@A

Passes (the cliënt stays until staff decide)::

    export: partner-on-private-client
    events: [{death: {person: P}}]
    proposed:
      - contact_off: P@A
      - decide: P
      - unlink: P@A
"""

from __future__ import annotations

from planner.model.findings import ERROR, Finding
from planner.portal.projection import ACCESS_REVOKED, login
from planner.text.messages import N_

ID = "collateral-loss"
#: What staff read before the code.
TITLE = N_("Someone else loses access")
SEVERITY = ERROR
SCOPE = "step"


def _finding(trial, number, login_id, client):
    message = trial._(
        "{login} loses access to {client}, but the request does not name them. Leave this "
        "step out and let staff decide."
    ).format(login=trial.label(login_id), client=trial.label(client))
    return Finding(ID, SEVERITY, number, login_id, message)


def check(trial):
    export, intent = trial.export, trial.intent
    reported = set()
    for number, moment in trial.moments():
        for event in moment.events:
            if trial.moved(moment, event):
                continue
            if event.event == ACCESS_REVOKED and not intent.may_lose(export, event.login, event.client):
                reported.add((event.login, event.client))
                yield _finding(trial, number, event.login, event.client)
    if trial.partial:
        return
    # At the end, a person re-homed to an announced new login keeps what
    # that login sees.
    start, end = trial.trace.start, trial.trace.end
    rehomed: dict[str, set[str]] = {}
    for login_id in intent.rehomed:
        rehomed.setdefault(export.root(login_id), set()).update(login(end, login_id).clients)
    for login_id in trial.trace.logins:
        person = export.root(login_id) if login_id in export else login_id
        lost = login(start, login_id).clients - login(end, login_id).clients - rehomed.get(person, set())
        for client in sorted(lost):
            if (login_id, client) not in reported and not intent.may_lose(export, login_id, client):
                yield _finding(trial, None, login_id, client)
