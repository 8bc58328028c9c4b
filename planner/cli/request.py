"""A request given as options on the command line, over an export file
(formats.md §5, "Requests on the command line").

``--death ID``, ``--leave ID`` or ``--leave ID=CLIENT,CLIENT``,
``--revoke CONTACT_ID`` and ``--remove-client ID`` each add one event, in
the order given; ``--end-client`` makes every leave end the person's own
klant too, and ``--orphaned-clients`` is the scenario option of that name.

The request becomes the same :class:`~planner.model.scenario.Scenario` and
:class:`~planner.model.scenario.Event` objects a scenario file gives, with the
event defaults a scenario file has (a death and a leave unlink, a revoke and
a remove_client do not), so the plan is the one the equivalent scenario file
(:mod:`planner.checklist.saved_scenario`) gives. The ids are checked by the scenario
reader's own check (:func:`planner.load.events.id_problems`), with the same "did
you mean" help, each message naming the option it is about.

How ``--leave ID=CLIENT,CLIENT`` is read: the part after the *last* ``=`` is
the list of klanten, split at each ``,``. So a person's id may hold ``=``
(``--leave a=b=K1,K2`` is person ``a=b`` at K1 and K2), but a listed klant's
id can hold neither ``=`` nor ``,``: such a request is written in a scenario
file. A value that is itself an id (``--leave a=b``, where ``a=b`` is a
record) is that person at every company, unless it also reads as a list (a
record ``a`` and a klant ``b``), which makes it ambiguous: an error, never a
guess.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from planner.load.events import id_problems
from planner.load.scenario_file import fingerprint
from planner.load.yaml.problems import shown
from planner.model.office import Export
from planner.model.scenario import DEATH, LEAVE, REMOVE_CLIENT, REVOKE, UNLINK_BY_DEFAULT, Event, Scenario
from planner.text.messages import N_, _
from planner.text.suggest import IdSuggestions
from planner.text.typography import quoted

#: The option that adds each kind of event.
OPTIONS = {DEATH: "--death", LEAVE: "--leave", REVOKE: "--revoke", REMOVE_CLIENT: "--remove-client"}
#: Where to look up ids by name, said after any id the request gets wrong.
FIND_HINT = N_("find an id by name with: {command}")


class RequestError(Exception):
    """What is wrong with a request given as options: one message per
    mistake, in the order the options were given (exit status 2)."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class Request:
    """What the command line asked for, before it is checked against an export."""

    #: (event kind, the option's value), in the order given
    asked: tuple[tuple[str, str], ...] = ()
    #: --end-client: every leave also ends the person's own klant
    end_client: bool = False
    #: --orphaned-clients, when given
    orphaned_clients: str | None = None

    def __bool__(self) -> bool:
        return bool(self.asked or self.end_client or self.orphaned_clients)

    def words(self) -> tuple[str, ...]:
        """The request as options, in the order given (shell-quoted where needed)."""
        words: list[str] = []
        for kind, value in self.asked:
            words += [OPTIONS[kind], shlex.quote(value)]
        if self.end_client:
            words.append("--end-client")
        if self.orphaned_clients:
            words += ["--orphaned-clients", self.orphaned_clients]
        return tuple(words)


def in_order(order, given: dict[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    """The values of the event options, each with its kind, in the order the
    command line gave them. ``order`` names the options as the parser met
    them (one name for each time an option was given); ``given`` holds each
    option's values, keyed by event kind. Values the order does not account
    for keep their option's place after the rest."""
    left = {kind: list(values) for kind, values in given.items()}
    ordered = []
    for kind in order:
        if left.get(kind):
            ordered.append((kind, left[kind].pop(0)))
    for kind in OPTIONS:
        ordered += [(kind, value) for value in left.get(kind, ())]
    return tuple(ordered)


def build(request: Request, export: Export, path: str, data: bytes, spent: int = 0) -> Scenario:
    """The scenario the request asks for over ``export``, read from the file
    ``path`` whose bytes are ``data``; ``spent``: the "did you mean" look-ups
    the export's own reading spent.

    Raises :class:`RequestError` with a message for each mistake (the last
    one says how to find ids by name).
    """
    suggestions = IdSuggestions()
    suggestions.spend(spent)
    problems: list[str] = []
    events = []
    leaves = [value for kind, value in request.asked if kind == LEAVE]
    if request.end_client and not leaves:
        problems.append(_("--end-client goes with --leave: it ends the klant of each person leaving"))
    for kind, value in request.asked:
        event, wrong = _event(kind, value, request.end_client, export)
        if event is not None:
            wrong = _id_problems(event, value, export, suggestions)
            if not wrong:
                events.append(event)
        problems += wrong
    if problems:
        problems.append(_(FIND_HINT).format(command=f"plan-removal {shlex.quote(path)} --find NAME"))
        raise RequestError(problems)
    words = request.words()
    return Scenario(
        path=path,
        export=export,
        events=tuple(events),
        # What the request is, then the export: two requests over one export differ.
        fingerprint=fingerprint(["\0".join(words).encode("utf-8", "surrogatepass"), data]),
        orphaned_clients=request.orphaned_clients or "ask",
        request=words,
    )


def _id_problems(event: Event, value: str, export: Export, suggestions: IdSuggestions) -> list[str]:
    """What the scenario reader would say about the ids of ``event``, each
    message naming the option and its value (``--death 'PP': there is no
    ...``)."""
    named = f"{OPTIONS[event.kind]} {shown(value)}"
    found = list(id_problems(
        event, export, suggestions,
        place=lambda _kind, key: "--end-client" if key == "end_client" else named,
        revoke_hint=_(" (--find lists a person's contact records)"),
    ))
    wrong = [message() if callable(message) else message for _key, _position, message in found]
    if any(key == "clients" for key, _position, _message in found) and any(
        "," in k or "=" in k for k in export.clients
    ):
        wrong.append(_(
            "--leave lists klanten after the last {equals}, separated by commas, so a klant whose id "
            "holds {comma} or {equals} cannot be listed there; write the request in a scenario file "
            "(leave: {example})"
        ).format(equals=quoted("="), comma=quoted(","), example="{person: ID, clients: [ID, ...]}"))
    return wrong


def _event(kind: str, value: str, end_client: bool, export: Export) -> tuple[Event | None, list[str]]:
    """The event one option asks for, or the problems with its value."""
    option = OPTIONS[kind]
    if not value:
        return None, [_("{option} needs an id; got an empty value").format(option=option)]
    unlink = kind in UNLINK_BY_DEFAULT
    if kind == DEATH:
        return Event(DEATH, person=value, unlink=unlink), []
    if kind == REVOKE:
        return Event(REVOKE, contact=value, unlink=unlink), []
    if kind == REMOVE_CLIENT:
        return Event(REMOVE_CLIENT, client=value, unlink=unlink), []
    person, clients, wrong = leave_value(value, export)
    if wrong:
        return None, wrong
    return Event(LEAVE, person=person, clients=clients, end_client=end_client, unlink=unlink), []


def leave_value(value: str, export: Export) -> tuple[str, tuple[str, ...] | None, list[str]]:
    """``--leave``'s value read as (person, klanten or None for every
    company, problems); see the module's docstring."""
    person, equals, listed = value.rpartition("=")
    if not equals:
        return value, None, []
    if value in export:
        split = person in export and all(k in export.clients for k in listed.split(","))
        if not split:
            return value, None, []
        return value, None, [_(
            "--leave {value} is ambiguous: it is the id of a record, and also names "
            "{person} at {clients}; write the request in a scenario file (leave: {example})"
        ).format(value=shown(value), person=shown(person), clients=shown(listed),
                 example="{person: ID, clients: [ID, ...]}")]
    clients = tuple(listed.split(","))
    if not person or "" in clients:
        return value, None, [_(
            "--leave {value}: expected ID or ID=CLIENT,CLIENT (a person's id, then after "
            "the last {equals} the klanten, separated by commas, none empty)"
        ).format(value=shown(value), equals=quoted("="))]
    return person, clients, []
