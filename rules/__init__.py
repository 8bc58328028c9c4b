"""The finding codes: one module per code, each documented by its docstring.

A rule module has ``ID`` (the code), ``SEVERITY``, ``SCOPE`` (``step``: looks
at one step's portal events, so the all-orders search can apply it on every
transition; ``sequence``: looks at the whole order; ``end``: looks at the
state after the last step; ``export``: looks at the registration alone) and
a pure ``check`` that yields findings: over a simulated order
(:class:`planner.plan.rule_check.Trial`), or over an export
(:class:`planner.plan.registration.Registration`).
Its docstring is its documentation, with an example that fails and one that
passes (`plan-removal --explain CODE`).
"""

from planner.rules import (
    accepted_loss,
    access_gained,
    access_without_change,
    announced_login,
    client_without_user,
    collateral_loss,
    contact_not_synced,
    dangling_reference,
    decision_needed,
    duplicate_person,
    incomplete,
    login_for_known_person,
    login_for_leaver,
    main_cycle,
    main_not_person,
    new_login,
    no_op,
    order,
    order_could_mail,
    orphaned_client,
    orphaned_link,
    unknown_step,
)

#: Every rule: the order rules, those of decisions (accepted-loss,
#: announced-login), the registration rules, then those of ``plan-removal
#: diff`` (scope ``diff``: they judge what the portal did between two exports,
#: :class:`planner.diff.reading.Reading`).
RULES = (
    new_login,
    orphaned_link,
    access_gained,
    collateral_loss,
    incomplete,
    order,
    orphaned_client,
    decision_needed,
    no_op,
    unknown_step,
    accepted_loss,
    announced_login,
    client_without_user,
    contact_not_synced,
    duplicate_person,
    main_not_person,
    main_cycle,
    dangling_reference,
    login_for_leaver,
    login_for_known_person,
    access_without_change,
    order_could_mail,
)

BY_ID = {rule.ID: rule for rule in RULES}

#: The codes about the export's registration rather than an order of steps.
REGISTRATION_CODES = frozenset(rule.ID for rule in RULES if rule.SCOPE == "export")

#: The codes of ``plan-removal diff``.
DIFF_CODES = frozenset(rule.ID for rule in RULES if rule.SCOPE == "diff")
