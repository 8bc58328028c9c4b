"""login-for-leaver (error): between two exports, Cliënt Online made a new login for someone who is leaving.

``plan-removal diff`` compares two exports of one office. This rule fires
when the newer export makes the portal create a login, and so mail new
login details, for a person whose own record (the Klant-Persoon, or the
contact at the top of the person's links) is ended, switched off or gone in
the newer export: someone who left, or a client who died. The mail may have
reached someone who should no longer see the office's data, or a relative.
That may be a data leak the office must assess (under the AVG within 72
hours of learning of it).

Typical cause: a contact of the person was unlinked from the person while it
was still on the portal (the checklist's last step done first).

Fails (situation 4: P's klant ended, P@A unlinked but still on the portal)::

    before: exports/situation-4.yaml
    after: exports/situation-4-p-ended-p-at-a-unlinked.yaml

Passes (P's death checklist followed: P@A and P@B switched off first)::

    before: exports/situation-4.yaml
    after: exports/situation-4-p-died.yaml
"""

from __future__ import annotations

from planner.model.findings import ERROR, INFO, Finding
from planner.text.messages import N_

ID = "login-for-leaver"
#: What staff read before the code.
TITLE = N_("New login details mailed to someone who is leaving")
SEVERITY = ERROR
SCOPE = "diff"


def check(diff):
    _ = diff._
    for event, person in diff.new_logins():
        if not diff.leaves(person):
            continue
        message = _(
            "Cliënt Online made a new login for {login} and mailed login details to {address}, "
            "while {person} is leaving the portal."
        ).format(login=diff.label(event.login), address=diff.address(event.login), person=diff.label(person))
        yield Finding(ID, INFO if diff.expected(event) else SEVERITY, None, person, message)
