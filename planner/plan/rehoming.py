"""Re-homing: a person who keeps some access gets one new login, on purpose.

When the record a person's login hangs from must go (their own klant stops,
their main contact is revoked) while some of their records stay users, no
order of removals avoids a new login (domain.md, "Re-homing"). When staff
answer ``remove``, the plan makes it deliberately: the staying record highest
in the tree becomes the person's new main record — the others not already
below a moved record are linked under it first (``link``), then it is
unlinked (``unlink``) and becomes the one new login, with exactly the access
the person keeps — and only then does the old main user go. Cliënt Online
mails that person new login details, which the plan announces
(:attr:`planner.plan.intent.Intent.rehomed`, the announced-login rule).

An unlink the request asks for although records below it stay users is
answered ``remove`` the same careful way (:func:`lift`): those records are
linked straight under the person's main record first, so they stay in the
login they are in and no new login is made at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.naming import natural_key
from planner.model.steps import LINK, UNLINK, Step
from planner.portal.projection import ACCESS_GRANTED, ACCESS_REVOKED
from planner.portal.state import State

#: Why a step waits for another: a person's records that stay are moved to
#: their new login before the record their login hangs from goes.
REHOME_FIRST = "rehome-first"


@dataclass(frozen=True)
class Rehome:
    """A person's staying records moved to a new login of their own before
    the record their login hangs from goes (re-homing)."""

    #: the main user record that goes
    main: str
    #: the staying record that becomes the new main record (and login)
    new_main: str
    #: ``link`` steps that put the person's other staying records under it
    links: tuple[Step, ...]
    #: the ``unlink`` step that makes it a login of its own
    unlink: Step
    #: the step that takes ``main`` off the portal
    goes: Step
    #: every staying record the new login holds
    kept: tuple[str, ...]

    @property
    def steps(self) -> tuple[Step, ...]:
        return (*self.links, self.unlink)


def rehome(start: State, main: str, goes: Step, end: State) -> Rehome | None:
    """Move the records of ``main``'s tree that stay users in ``end`` to a
    login of their own: the one highest in the tree becomes its main
    record, and each other one not already below a moved record is
    linked under it."""
    if start.main(main) is not None:
        return None  # a linked user: leaves nobody hanging
    tree = start.tree(main)
    depth = {main: 0}
    for record_id in tree[1:]:
        depth[record_id] = depth[start.main(record_id)] + 1
    kept = sorted((r for r in tree[1:] if end.is_user(r)), key=lambda r: (depth[r], natural_key(r)))
    if not kept:
        return None
    new_main, moved, links = kept[0], {kept[0]}, []
    for record_id in kept[1:]:
        above = start.main(record_id)
        while above != main and above not in moved:
            above = start.main(above)
        if above == main:
            links.append(Step(LINK, record_id, new_main))
        moved.add(record_id)
    return Rehome(main, new_main, tuple(links), Step(UNLINK, new_main), goes, tuple(kept))


def lift(contact_id: str, moved: State, end: State) -> list[Step]:
    """Before ``contact_id`` is unlinked although records below it stay
    users (staff answered ``remove``): link the highest of those directly
    under the person's main record, so they stay in the login they are
    in and unlinking splits nothing off."""
    root = moved.root(contact_id)
    below = moved.tree(contact_id)[1:]
    staying = {r for r in below if end.is_user(r)}
    tops = []
    for record_id in below:
        above = moved.main(record_id)
        while above != contact_id and above not in staying:
            above = moved.main(above)
        if record_id in staying and above == contact_id:
            tops.append(record_id)
    return [Step(LINK, r, root) for r in sorted(tops, key=natural_key)]


def rehome_edges(start: State, rehome: Rehome, by_action, wait) -> None:
    """The moved records are linked under the new main record before it
    becomes a login (so that login is made once, with all they keep),
    and it before the old main user goes; unlinking a record above any
    of them waits until they have moved away from below it."""
    for link in rehome.links:
        wait(link, rehome.unlink, REHOME_FIRST)
    for then in by_action.get((rehome.goes.action, rehome.goes.target), ()):
        wait(rehome.unlink, then, REHOME_FIRST)
    for step in rehome.steps:
        above = start.main(step.target)
        while above is not None:
            for then in by_action.get((UNLINK, above), ()):
                wait(step, then, REHOME_FIRST)
            above = start.main(above)


def moves(events, export, announced) -> dict[tuple[str, str], str]:
    """Access that only moves, in one step, from a login to the announced new
    login of the same person (re-homing): each (login, cliënt) revoked, and
    the new login granted that cliënt. The person keeps the cliënt: nobody
    loses it. A login split off by mistake is not announced, so no move:
    new-login and collateral-loss report it."""
    granted = {
        (export.root(e.login), e.client): e.login
        for e in events
        if e.event == ACCESS_GRANTED and e.login in announced and e.login in export
    }
    found = {}
    for e in events:
        if e.event == ACCESS_REVOKED and e.login in export:
            new = granted.get((export.root(e.login), e.client))
            if new is not None and new != e.login:
                found[(e.login, e.client)] = new
    return found
