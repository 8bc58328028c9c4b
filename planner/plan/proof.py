"""Proving a plan safe: its numbered order and a proposed one through the
rules (:mod:`planner.plan.rule_check`), every order its graph allows
(:mod:`planner.plan.orders`), and the registration about what the request
involves; the result is a :class:`Verdict`.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner import parallel
from planner.model.findings import ERROR, Finding, as_values, from_values, worst_first
from planner.plan.orders import Orders, verify_orders
from planner.plan.registration import RegistrationCache, count, lint
from planner.plan.rule_check import Trial, check, trial_of

#: A plan's status (JSON ``status``, the verdict banner).
SAFE, NEEDS_DECISION, UNSAFE = "safe", "needs-decision", "unsafe"

@dataclass(frozen=True)
class Verdict:
    """The findings for one plan, and for the order staff proposed if any."""

    plan_findings: tuple[Finding, ...]
    orders: Orders
    proposed_findings: tuple[Finding, ...] | None
    #: problems in the export's registration about what the request involves
    registration: tuple[Finding, ...] = ()
    #: how many more the export has, about records the request does not involve
    registration_elsewhere: int = 0
    #: the numbers of the plan's decide steps: decisions still open
    open_decisions: tuple[int, ...] = ()

    @property
    def every(self) -> tuple[Finding, ...]:
        return self.registration + self.plan_findings + (self.proposed_findings or ())

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.every)

    @property
    def plan_ok(self) -> bool:
        """Whether the plan itself is safe, whatever a proposed order shows."""
        return not any(f.severity == ERROR for f in self.registration + self.plan_findings)

    @property
    def status(self) -> str:
        """``unsafe`` (an error anywhere), ``needs-decision`` (safe so far,
        but a decision is open) or ``safe`` — formats.md §5."""
        if not self.ok:
            return UNSAFE
        return NEEDS_DECISION if self.open_decisions else SAFE


def _orders_as_values(orders: Orders) -> tuple:
    return (orders.checked, orders.total, [as_values(f) for f in orders.findings], orders.complete,
            orders.more_than)


def _orders_from_values(values: tuple) -> Orders:
    checked, total, findings, complete, more_than = values
    return Orders(checked, total, tuple(map(from_values, findings)), complete, more_than)


def validate(
    plan, catalog, registrations: RegistrationCache | None = None, count_orders: bool = True,
    registration: bool = True,
) -> Verdict:
    """Prove a plan: its numbered order, every order its graph allows, and
    the scenario's proposed order; with the registration findings about what
    the request involves, and how many the rest of the export has (counted
    once per export by ``registrations`` when the caller plans many).
    ``registration=False`` leaves the registration out (``--check`` reports
    an export's registration once, at the export)."""
    scenario = plan.scenario
    export, intent = scenario.export, plan.intent
    numbered = Trial(export, intent, plan.trace, tuple(p.n for p in plan.steps), catalog, kept=plan.kept)
    number = {p.step: p.n for p in plan.steps}

    def every_order() -> Orders:
        return verify_orders(export, intent, plan.graph, number, catalog, count=count_orders)

    def here():
        findings = {(f.code, f.step, f.subject): f for f in check(numbered)}
        proposed = None
        if scenario.proposed is not None:
            trial = trial_of(export, intent, scenario.proposed, catalog, proposed=True, kept=plan.kept)
            proposed = tuple(check(trial))
        involved, total = (), 0
        if registration:
            involved = lint(export, catalog, only=intent.involved)
            total = registrations.count(export) if registrations else count(export)
        return findings, proposed, involved, total

    # A big plan's orders are proven by a worker process while this one
    # checks the numbered order and the registration.
    big = parallel.worth("proof", len(number))
    job = (lambda: _orders_as_values(every_order())) if big else None
    (findings, proposed, involved, total), sent = parallel.alongside(job, here)
    orders = _orders_from_values(sent) if sent is not None else every_order()
    if not orders.complete:
        # Too many orders to search: only the numbered order has been simulated.
        numbered_safe = not any(f.severity == ERROR for f in findings.values())
        orders = Orders(checked=int(numbered_safe), total=None, complete=False)
    for f in orders.findings:
        findings.setdefault((f.code, f.step, f.subject), f)
    return Verdict(
        tuple(worst_first(findings.values())), orders, proposed, involved, total - len(involved),
        tuple(p.n for p in plan.decisions),
    )
