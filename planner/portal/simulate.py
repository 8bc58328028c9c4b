"""Running steps against the portal model, one at a time.

A trace records, for each step, what Cliënt Online does when it is taken,
whether it changes a field at all, and which logins it touched; and the
state before the first step and after the last. The checklist claims only
what a trace shows.

A plan can have thousands of steps (a company with 12,000 contact persons
leaves), so the walk changes one private state in place and keeps no state
per step: only what each step did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from planner.model.steps import Step
from planner.portal.projection import Login, PortalEvent, clients_removed, compare, login, logins_affected, views
from planner.portal.state import State


@dataclass(frozen=True)
class Moment:
    """One step of a trace."""

    step: Step
    events: tuple[PortalEvent, ...]
    #: the logins whose view the step could change
    logins: frozenset[str]
    #: whether the step changed a field (False: it was already done)
    changed: bool = True


@dataclass(frozen=True)
class Trace:
    start: State
    moments: tuple[Moment, ...]
    end: State

    @property
    def logins(self) -> list[str]:
        """Every login some step touched, in the order first touched."""
        seen: dict[str, None] = {}
        for moment in self.moments:
            for login_id in sorted(moment.logins):
                seen[login_id] = None
        return list(seen)

    def views(self, state: State) -> dict[str, Login]:
        return {i: login(state, i) for i in self.logins}


def step_moment(state: State, step: Step) -> tuple[Moment, State]:
    """One step taken from ``state``: what it did, and the state after it."""
    touched = frozenset(logins_affected(state, step))
    after = state.apply(step)
    events = compare(views(state, touched), views(after, touched)) + clients_removed(state, step)
    return Moment(step, tuple(events), touched, state.changes(step)), after


def simulate(start: State, steps: Iterable[Step]) -> Trace:
    walk = start.walk()
    moments = []
    for step in steps:
        touched = frozenset(logins_affected(walk, step))
        before = views(walk, touched)
        changed = walk.changes(step)
        removed = clients_removed(walk, step)
        walk.advance(step)
        moments.append(Moment(step, tuple(compare(before, views(walk, touched)) + removed), touched, changed))
    return Trace(start, tuple(moments), walk.frozen())
