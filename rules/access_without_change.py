"""access-without-change (error): between two exports, a login sees a new cliënt, none of its records changed.

``plan-removal diff`` compares two exports of one office. This rule fires
when an existing login gets access to a cliënt while none of the records
under that login changed between the exports: the access came from a
change elsewhere (a klant switched back on, a record corrected), so the
person may now see data that is not theirs.

Company B, off Cliënt Online in the older export, is switched back on: P
and Q see B again, though none of their own records changed.

Fails (situation 4, company B switched back on)::

    before: exports/situation-4-b-off.yaml
    after: exports/situation-4.yaml

Passes (a contact switched on: the login gains access through its own record)::

    before: exports/situation-4-p-at-a-off.yaml
    after: exports/situation-4.yaml
"""

from __future__ import annotations

from planner.model.findings import ERROR, INFO, Finding
from planner.portal.projection import ACCESS_GRANTED, LOGIN_CREATED
from planner.text.messages import N_

ID = "access-without-change"
#: What staff read before the code.
TITLE = N_("Access nobody asked for")
SEVERITY = ERROR
SCOPE = "diff"


def check(diff):
    _ = diff._
    created = {e.login for e in diff.events if e.event == LOGIN_CREATED}
    for event in diff.events:
        if event.event != ACCESS_GRANTED or event.login in created or not diff.unchanged(event.login):
            continue
        message = _(
            "{login} can now see {client}, though none of the records of {login} changed."
        ).format(login=diff.label(event.login), client=diff.label(event.client))
        yield Finding(ID, INFO if diff.expected(event) else SEVERITY, None, diff.person_of(event.login), message)
