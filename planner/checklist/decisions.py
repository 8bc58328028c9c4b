"""Sentences about decisions: why one must be taken, what each answer does,
what a decision taken leaves as it is — which part of the request is then
not done, why, and which follow-ups are left out — and a dead person's login
that stays because of an answer.

Split from :mod:`planner.checklist.wording` (the sentences about steps), whose
:class:`~planner.checklist.wording.Wording` these functions take.
"""

from __future__ import annotations

from dataclasses import replace

from planner.checklist.wording import Wording
from planner.model.naming import natural_key
from planner.model.scenario import DEATH, KEEP, LEAVE, REMOVE, REMOVE_CLIENT
from planner.model.steps import CLIENT_OFF, CONTACT_OFF, UNLINK
from planner.plan.followups import CONTACT_STATUS, RETENTION, follow_ups
from planner.plan.graph import KEPT_LINKED, ORPHANED, STILL_USED, UNLINK_SPLIT, Decision, Taken
from planner.plan.intent import resolve
from planner.portal.projection import login


def reason(words: Wording, decision: Decision) -> str:
    _ = words._
    subject = words.label(decision.subject)
    others = words.records_of(decision.others, decision.subject)
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
        names = {
            "subject": words.label(decision.subject),
            "others": words.records_of(decision.others, decision.subject),
            "person": words.person(decision.subject),
        }
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
                "{person} keeps the access of {others}: the plan first makes it a login of its "
                "own, and Cliënt Online mails {person} new login details (tell {person} "
                "beforehand). Nobody else gains or loses access.",
                "{person} keeps the access of {others}: the plan first moves them to one new "
                "login, and Cliënt Online mails {person} new login details (tell {person} "
                "beforehand). Nobody else gains or loses access.",
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
            "{others} is linked straight under the main record of {person} first, so it stays in "
            "the same login: no new login, and nobody gains or loses access.",
            "{others} are linked straight under the main record of {person} first, so they stay in "
            "the same login: no new login, and nobody gains or loses access.",
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


# -- decisions taken: what an answer leaves as it is, and why ------------------

#: The part of a request a ``keep`` answer leaves undone (JSON ``part``).
WHOLE_CLIENT = "client"  # a remove_client: the cliënt stays
END_CLIENT = "end_client"  # a leave's "also stops as a client"
OWN_CLIENT = "own_client"  # a dead person's own klant stays on the portal
ACCESS = "access"  # a contact person stays on the portal
LINK_KEPT = "unlink"  # a contact person stays linked


def not_done(plan, taken: Taken) -> tuple[tuple[int, str], ...]:
    """What of the request a ``keep`` answer leaves undone: (the event's
    index in the scenario, which part of it), for each event that asked for
    the step staff decided not to take. A ``keep`` about a cliënt the request
    did not name (left without users) leaves nothing undone."""
    if taken.choice != KEEP:
        return ()
    scenario, step = plan.scenario, taken.decision.replaces
    found = []
    for index, event in enumerate(scenario.events):
        alone = resolve(replace(scenario, events=(event,)))
        if step.action == CLIENT_OFF and step.target in alone.clients_off:
            part = {REMOVE_CLIENT: WHOLE_CLIENT, DEATH: OWN_CLIENT, LEAVE: END_CLIENT}.get(event.kind)
        elif step.action == CONTACT_OFF and step.target in alone.contacts_off:
            part = ACCESS
        elif step.action == UNLINK and step.target in alone.unlinks:
            part = LINK_KEPT
        else:
            part = None
        if part is not None:
            found.append((index, part))
    return tuple(found)


def not_given(plan) -> tuple:
    """The follow-ups a ``keep`` answer leaves out: those that need a
    klant off the portal that staff decided to keep there."""
    given = set(plan.followups)
    kept = plan.kept
    return tuple(
        task for task in follow_ups(plan.scenario, plan.steps) if task not in given and task.subject in kept
    )


def _not_done_line(words: Wording, plan, taken: Taken, index: int, part: str) -> str:
    _ = words._
    event = plan.scenario.events[index]
    target = taken.decision.replaces.target
    if part == WHOLE_CLIENT:
        return _("Therefore not done: “{part}”").format(part=words.within(words.asked(event)))
    if part == END_CLIENT:
        person = words.label(event.person)
        return " ".join((
            _("Therefore not done: “{part}”").format(
                part=_("{person} also stops as a client.").format(person=person)
            ),
            _("{client} stays a klant and stays on Cliënt Online.").format(client=words.label(target)),
        ))
    if part == OWN_CLIENT:
        return _("Therefore not done: {client} does not leave Cliënt Online, although {person} has died.").format(
            client=words.label(target), person=words.label(event.person)
        )
    export = words.export
    if part == ACCESS:
        return _("Therefore not done: {contact} stays on Cliënt Online, so {person} keeps access to {client}.").format(
            contact=words.label(target), person=words.label(export.root(target)),
            client=words.label(export.client_of(target)),
        )
    main = export.contacts[target].main if target in export.contacts else None
    return _("Therefore not done: {contact} stays linked to hoofd(contact)persoon {main}.").format(
        contact=words.label(target), main=words.label(main) if main else "?"
    )


def taken_lines(words: Wording, plan, taken: Taken) -> tuple[str, str, tuple[str, ...]]:
    """A decision staff took, said plainly: (which answer, what it does, and
    for ``keep`` which part of the request is therefore not done, why, and
    which follow-ups are left out)."""
    _ = words._
    decision = taken.decision
    replaced = decision.replaces
    answers = {choice: (title, effect) for choice, title, effect in options(words, (decision,))}
    title, effect = answers[taken.choice]
    effect = effect[:1].upper() + effect[1:]  # it starts a line here, maybe with a name's "their own"
    chosen = _("{subject}: you chose “{answer}”.").format(
        subject=f"{words.kind(replaced.target)} {words.label(replaced.target)}", answer=words.within(title)
    )
    chosen = chosen[:1].upper() + chosen[1:]  # "contactpersoon …" starts the line
    if taken.choice != KEEP:
        return chosen, effect, ()
    undone = not_done(plan, taken)
    lines = [_not_done_line(words, plan, taken, index, part) for index, part in undone]
    if not undone:
        lines.append(
            _("The request itself is carried out in full: {client} was not part of it.").format(
                client=words.label(replaced.target)
            )
        )
    lines.append(_("Why: {reason}").format(reason=reason(words, decision)))
    for task in not_given(plan):
        if task.subject != replaced.target:
            continue
        client = words.label(task.subject)
        if task.kind == CONTACT_STATUS:
            lines.append((_(
                "Left out of the follow-ups: setting the status of contact person {contact} to ended, "
                "because {contact} stays linked to its hoofd(contact)persoon."
            ) if replaced.action == UNLINK else _(
                "Left out of the follow-ups: setting the status of contact person {contact} to ended, "
                "because {contact} stays on Cliënt Online."
            )).format(contact=client))
        elif task.kind == RETENTION:
            lines.append(_(
                "Left out of the follow-ups: setting the klantstatus of {client} to “Geen klant meer”, "
                "because {client} stays a klant on Cliënt Online."
            ).format(client=client))
        else:
            lines.append(
                _("Left out of the follow-ups, because {client} stays on Cliënt Online: “{task}”").format(
                    client=client, task=words.within(words.followup(task))
                )
            )
    return chosen, effect, tuple(lines)
