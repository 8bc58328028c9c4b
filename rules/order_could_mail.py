"""order-could-mail (warning): between two exports, the changes made would have mailed login details in another order.

``plan-removal diff`` compares two exports of one office. The end result
may be safe while the changes that led to it were not: if a contact was
unlinked before it was switched off, and Cliënt Online synced in between,
the portal made a login for the contact and mailed its details, and removed
it again at the next sync. The exports cannot show the order the changes
were made in; this rule names an order that would have mailed, so staff can
look in the portal's log whether it happened. With ``--request``, changes
that were the steps of the request's checklist are reported as information:
the checklist's order avoids the mail.

Fails (situation 4: P@A switched off and unlinked; unlinked first, it mails)::

    before: exports/situation-4.yaml
    after: exports/situation-4-p-at-a-off-and-unlinked.yaml

Passes (P@A only switched off: no order makes a login)::

    before: exports/situation-4.yaml
    after: exports/situation-4-p-at-a-off.yaml
"""

from __future__ import annotations

from planner.model.findings import INFO, WARNING, Finding
from planner.text.messages import N_

ID = "order-could-mail"
#: What staff read before the code.
TITLE = N_("Login details mailed if the changes were made in another order")
SEVERITY = WARNING
SCOPE = "diff"


def check(diff):
    _ = diff._
    for order in diff.orders:
        planned = all((change.record, change.field) in diff.planned for change in order.order)
        if not order.first:
            how = _("{change}, before the other changes").format(change=diff.change(order.then))
        else:
            how = diff.ordered(order.order)
        where = dict(login=diff.label(order.login), address=diff.address(order.login), order=how)
        if planned:
            message = _(
                "The checklist's order avoids it, but in this order of the changes Cliënt Online makes a new "
                "login for {login} and mails login details to {address}: {order}."
            ).format(**where)
        else:
            message = _(
                "In this order of the changes Cliënt Online makes a new login for {login} and mails login "
                "details to {address}: {order}. Look in the portal's log whether that happened."
            ).format(**where)
        yield Finding(ID, INFO if planned else SEVERITY, None, order.person, message)
