"""Running steps against the portal model, one at a time.

A trace records, for each step, the state before and after and what Cliënt
Online does in between. The checklist claims only what a trace shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from planner.portal import Login, PortalEvent, events_between, login, touched_logins
from planner.state import State
from planner.steps import Step


@dataclass(frozen=True)
class Moment:
    """One step of a trace."""

    step: Step
    before: State
    after: State
    events: tuple[PortalEvent, ...]
    logins: frozenset[str]


@dataclass(frozen=True)
class Trace:
    start: State
    moments: tuple[Moment, ...]

    @property
    def end(self) -> State:
        return self.moments[-1].after if self.moments else self.start

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


def simulate(start: State, steps: Iterable[Step]) -> Trace:
    state = start
    moments = []
    for step in steps:
        touched = frozenset(touched_logins(state, step))
        after = state.apply(step)
        moments.append(Moment(step, state, after, tuple(events_between(state, after, touched)), touched))
        state = after
    return Trace(start, tuple(moments))
