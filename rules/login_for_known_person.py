"""login-for-known-person (error): between two exports, Cliënt Online made a second login for someone who had one.

``plan-removal diff`` compares two exports of one office. This rule fires
when the newer export makes the portal create a login, and mail new login
details, for a record of a person who already had a login in the older
export: the portal took a known person for a new user. The person now has
two logins, and the mail went to the address of that record, which may not
be the person's own mailbox any more. A person who is leaving is reported as
login-for-leaver instead.

Typical cause: a contact unlinked from the person's main record while it
was still on the portal, or a contact moved to another main person by
unlinking it first.

Fails (situation 4: P@A unlinked from P while still on the portal)::

    before: exports/situation-4.yaml
    after: exports/situation-4-p-at-a-unlinked.yaml

Passes (the same contact switched off as well)::

    before: exports/situation-4.yaml
    after: exports/situation-4-p-at-a-off-and-unlinked.yaml
"""

from __future__ import annotations

from planner.model.findings import ERROR, INFO, Finding
from planner.text.messages import N_

ID = "login-for-known-person"
#: What staff read before the code.
TITLE = N_("A second login for someone who had one")
SEVERITY = ERROR
SCOPE = "diff"


def check(diff):
    _ = diff._
    for event, person in diff.new_logins():
        if not diff.had_login(person) or diff.leaves(person):
            continue
        message = _(
            "Cliënt Online made a new login for {login} and mailed login details to {address}, "
            "though {person} already had a login."
        ).format(login=diff.label(event.login), address=diff.address(event.login), person=diff.label(person))
        yield Finding(ID, INFO if diff.expected(event) else SEVERITY, None, person, message)
