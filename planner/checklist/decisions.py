"""Sentences about decisions: why one must be taken, what each answer does,
and a dead person's login that stays because of an answer.

Split from :mod:`planner.checklist.wording` (the sentences about steps), whose
:class:`~planner.checklist.wording.Wording` these functions take.
"""

from __future__ import annotations

from planner.checklist.wording import Wording
from planner.model.naming import natural_key
from planner.model.scenario import DEATH, KEEP, REMOVE
from planner.model.steps import UNLINK
from planner.plan.graph import KEPT_LINKED, ORPHANED, STILL_USED, UNLINK_SPLIT, Decision
from planner.portal.projection import login


def reason(words: Wording, decision: Decision) -> str:
    _ = words._
    subject = words.label(decision.subject)
    others = words.listing(decision.others)
    n, n_ = len(decision.others), words.n_
    if decision.kind == KEPT_LINKED:
        text = n_(
            "{subject} is the main user of a login and must go, but {others} stays linked "
            "under it. Taking {subject} off now would leave it hanging, and Cliënt Online may "
            "create a new login for it.",
            "{subject} is the main user of a login and must go, but {others} stay linked "
            "under it. Taking {subject} off now would leave them hanging, and Cliënt Online may "
            "create a new login for them.",
            n,
        )
    elif decision.kind == STILL_USED:
        text = n_(
            "Cliënt {subject} is still used by {others}, whom this request does not name. "
            "Switching {subject} off would take that access too.",
            "Cliënt {subject} is still used by {others}, whom this request does not name. "
            "Switching {subject} off would take their access too.",
            n,
        )
    elif decision.kind == ORPHANED:
        text = _("After these steps nobody can log in to cliënt {subject} any more.")
    else:
        assert decision.kind == UNLINK_SPLIT
        text = n_(
            "{subject} cannot be unlinked yet: {others} would then be a new login on "
            "Cliënt Online.",
            "{subject} cannot be unlinked yet: {others} would then be new logins on "
            "Cliënt Online.",
            n,
        )
    return text.format(subject=subject, others=others)


def options(words: Wording, decisions: tuple[Decision, ...]) -> tuple[tuple[str, str, str], ...]:
    """The answers to a decide step: (KEEP or REMOVE, what to choose, what it does)."""
    _ = words._
    replaced = decisions[0].replaces
    target = f"{words.kind(replaced.target)} {words.label(replaced.target)}"
    if replaced.action == UNLINK:
        keep = _("Leave {subject} linked to its hoofd(contact)persoon").format(subject=target)
        remove = _("Unlink {subject} anyway").format(subject=target)
    else:
        keep = _("Leave {subject} on Cliënt Online").format(subject=target)
        remove = _("Switch {subject} off the portal anyway").format(subject=target)
    keeps, removes = [], []
    for decision in decisions:
        keep_effect, remove_effect = _effects(words, decision)
        names = {"subject": words.label(decision.subject), "others": words.listing(decision.others)}
        keeps.append(keep_effect.format(**names))
        removes.append(remove_effect.format(**names))
    return (KEEP, keep, " ".join(dict.fromkeys(keeps))), (REMOVE, remove, " ".join(dict.fromkeys(removes)))


def _effects(words: Wording, decision: Decision) -> tuple[str, str]:
    """What keeping and what removing does, for one reason to decide."""
    _, n_, n = words._, words.n_, len(decision.others)
    if decision.kind == STILL_USED:
        return (
            n_("{others} keeps access to {subject}.", "{others} keep their access to {subject}.", n),
            n_(
                "{others} loses access to {subject} too; the checklist lists that as your choice.",
                "{others} lose their access to {subject} too; the checklist lists that as your choice.",
                n,
            ),
        )
    if decision.kind == ORPHANED:
        return (
            _(
                "{subject} stays on the portal without users: nobody can log in to it until you "
                "make one of its contact persons a portal user."
            ),
            _("{subject} leaves Cliënt Online; nobody uses it any more."),
        )
    if decision.kind == KEPT_LINKED:
        return (
            n_(
                "{others} stays under {subject}; the login of {subject} stays.",
                "{others} stay under {subject}; the login of {subject} stays.",
                n,
            ),
            n_(
                "{others} is left without a main user, and Cliënt Online may mail a new login: "
                "link it to another main person first.",
                "{others} are left without a main user, and Cliënt Online may mail new logins: "
                "link them to another main person first.",
                n,
            ),
        )
    return (
        n_(
            "Unlink it later, once {others} is off the portal.",
            "Unlink it later, once {others} are off the portal.",
            n,
        ),
        n_(
            "{others} becomes a login of its own, and Cliënt Online mails login details.",
            "{others} become logins of their own, and Cliënt Online mails login details.",
            n,
        ),
    )


def kept_after_death(words: Wording, plan) -> tuple[str, ...]:
    """A dead person's login that stays because staff decided to keep
    something on the portal, said plainly, with what to do about it."""
    _ = words._
    if not plan.kept:
        return ()
    trace, export = plan.trace, words.export
    kept = words.listing(sorted(plan.kept, key=natural_key))
    lines = []
    for event in plan.scenario.events:
        if event.kind != DEATH or event.person not in export:
            continue
        person = export.root(event.person)
        if not login(trace.end, person).exists:
            continue
        lines.append(
            _(
                "The login of {person} stays on Cliënt Online, although {person} has died: you "
                "decided to keep {kept} on the portal, and {person} is still a user there. No "
                "login details are mailed. Make sure nobody signs in with it: ask the "
                "administrator of Cliënt Online to block this user, and switch {kept} off as "
                "soon as it is no longer needed (make a new plan then)."
            ).format(person=words.label(person), kept=kept)
        )
    return tuple(lines)
