"""The rules over a simulated sequence of steps: a :class:`Trial` is what every
step-, sequence- and end-scope rule looks at (the steps in an order, what
the portal did at each, the request behind them), and :func:`check` applies the
rules over one.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field

from planner.model.findings import Finding, worst_first
from planner.model.naming import label
from planner.model.office import Export
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, DECIDE, Step
from planner.plan.instructions import instruction
from planner.plan.intent import Intent
from planner.plan.rehoming import moves
from planner.portal.simulate import Trace, simulate
from planner.portal.state import State
from planner.text import typography


@dataclass(frozen=True)
class Trial:
    """What the rules look at: one ordered list of steps, simulated."""

    export: Export
    intent: Intent
    trace: Trace
    #: the number each step carries where staff read it (plan number or position)
    numbers: tuple[int, ...]
    catalog: gettext.NullTranslations = field(repr=False)
    #: whether the steps are an order staff proposed (not the planner's own)
    proposed: bool = False
    #: whether this trial is a single transition inside the all-orders search
    partial: bool = False
    #: records and klanten staff decided to leave on the portal
    kept: frozenset[str] = frozenset()

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def listing(self, record_ids) -> str:
        """Records as people list them: "A, B and C"."""
        return typography.joined((self.label(r) for r in record_ids), self._)

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(m.step for m in self.trace.moments)

    def moments(self):
        """(step number, moment) for every step, in order."""
        return zip(self.numbers, self.trace.moments)

    def moved(self, moment, event) -> bool:
        """Whether an access-revoked ``event`` only moves the access to the
        announced new login of the same person (:func:`planner.plan.rehoming.moves`)."""
        return (event.login, event.client) in moves(moment.events, self.export, self.intent.rehomed)

    def label(self, record_id: str | None) -> str:
        return label(self.export, record_id)

    def decided(self) -> set[str]:
        """What staff settle by hand: the targets of the decide steps, and
        what they decided to leave on the portal."""
        return {s.target for s in self.steps if s.action == DECIDE} | self.kept

    def said(self, step: Step) -> str:
        """A step as staff read it: "Zet contactpersoon Piet de Vries (P@A) op Nee"."""
        return instruction(step, self.export, self._)

    def fix(self, numbers: list[int]) -> str:
        """A fix that lies in other steps, each named by its number and what
        it does ("Do step 2 first: Set P@A to No.")."""
        _ = self._
        by_number = dict(zip(self.numbers, self.steps))
        said = [(n, self.said(by_number[n])) for n in numbers]
        if len(said) == 1:
            ((n, what),) = said
            return _("Do step {n} first: {what}.").format(n=n, what=what)
        return _("Do these steps first: {steps}.").format(
            steps="; ".join(_("step {n}: {what}").format(n=n, what=what) for n, what in said)
        )

    def later_removing(self, index: int, records) -> list[int]:
        """Numbers of the steps after position ``index`` that take one of
        ``records`` off the portal: where a fix for an early step lies."""
        export = self.export

        def removes(step: Step, record_id: str) -> bool:
            if step.action == CONTACT_OFF:
                return step.target == record_id
            return step.action == CLIENT_OFF and record_id in export and step.target == export.client_of(record_id)

        later = zip(self.numbers[index + 1 :], self.steps[index + 1 :])
        return [n for n, step in later if any(removes(step, r) for r in records)]


def rules_for(scope: str | None = None):
    """The rules of one ``scope`` (``step``, ``sequence``, ``end``, ``export``
    or ``diff``); None: every rule that judges an order of steps."""
    from planner.rules import RULES

    return [r for r in RULES if r.SCOPE == scope or (scope is None and r.SCOPE not in ("export", "diff"))]


def check(trial: Trial, scope: str | None = None) -> list[Finding]:
    findings = [f for rule in rules_for(scope) for f in rule.check(trial)]
    return worst_first(findings)


def trial_of(
    export: Export,
    intent: Intent,
    steps,
    catalog,
    numbers=None,
    proposed: bool = False,
    kept: frozenset[str] = frozenset(),
) -> Trial:
    steps = list(steps)
    trace = simulate(State(export), steps)
    numbers = tuple(numbers) if numbers is not None else tuple(range(1, len(steps) + 1))
    return Trial(export, intent, trace, numbers, catalog, proposed=proposed, kept=kept)
