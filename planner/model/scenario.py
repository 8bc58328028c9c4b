"""A scenario: the removal that is asked for, over one export.

Events say what must happen ("P died"); options steer choices the planner
would otherwise ask about; ``proposed`` is an order staff wrote themselves;
``expect`` is what a CI check of the fixture asserts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model.office import Export
from planner.model.steps import Step
from planner.text.errors import Mark

DEATH = "death"
LEAVE = "leave"
REVOKE = "revoke"
REMOVE_CLIENT = "remove_client"
EVENT_KINDS = (DEATH, LEAVE, REVOKE, REMOVE_CLIENT)

#: Events that unlink the person's contact records at the end unless told not to.
UNLINK_BY_DEFAULT = frozenset({DEATH, LEAVE})

ORPHANED_CLIENT_CHOICES = ("ask", "disconnect", "keep")

#: What staff decide about a decide step: leave what it stands for undone
#: (the record or cliënt stays on the portal), or do it anyway.
KEEP, REMOVE = "keep", "remove"


@dataclass(frozen=True)
class Event:
    """One removal request.

    ``death``: ``person``. ``leave``: ``person``, ``clients`` (None = every
    company the person is a contact at) and ``end_client``. ``revoke``:
    ``contact``, or ``person`` with ``client``. ``remove_client``: ``client``.
    ``unlink`` is resolved from the event's default when not given.
    ``ends`` (remove_client): the klant relationship ends, not only the
    portal link.
    """

    kind: str
    person: str | None = None
    contact: str | None = None
    client: str | None = None
    clients: tuple[str, ...] | None = None
    end_client: bool = False
    unlink: bool = False
    ends: bool = False
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ExpectedFinding:
    """``code@step`` in ``expect.findings``; ``step`` None for ``code`` alone."""

    code: str
    step: int | None
    mark: Mark | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.code if self.step is None else f"{self.code}@{self.step}"


@dataclass(frozen=True)
class Expect:
    plan: tuple[Step, ...] | None = None
    findings: tuple[ExpectedFinding, ...] | None = None
    plan_mark: Mark | None = field(default=None, compare=False)
    findings_mark: Mark | None = field(default=None, compare=False)


class _OnFirstRead:
    """A text field whose value may be given as a function, called the first
    time the field is read.

    A scenario's fingerprint hashes the whole export file; ``--check`` over
    many scenarios sharing one big export never shows it, so it is computed
    only when something reads it (the checklist and the JSON do).
    """

    def __set_name__(self, owner, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:  # no default value: the field stays required
            raise AttributeError(self.slot[1:])
        value = obj.__dict__[self.slot]
        if value.__class__ is not str:
            value = obj.__dict__[self.slot] = value()
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.slot] = value


@dataclass(frozen=True)
class Scenario:
    path: str
    export: Export
    events: tuple[Event, ...]
    #: "sha256:<hex>" of the scenario file's bytes then the export file's;
    #: may be given as a function that returns it (see _OnFirstRead)
    fingerprint: str = _OnFirstRead()
    orphaned_clients: str = "ask"
    #: decisions staff took: a decide step's target -> "keep" or "remove"
    decisions: dict[str, str] = field(default_factory=dict)
    #: where each of the scenario file's own ``decisions`` is (for CI's annotations)
    decision_marks: dict[str, Mark] = field(default_factory=dict, compare=False, repr=False)
    proposed: tuple[Step, ...] | None = None
    expect: Expect | None = None
    #: the description per language ("nl", "en"), or under "" for every language
    description: dict[str, str] = field(default_factory=dict)

    def described(self, lang: str) -> str | None:
        """The description in ``lang``, else the one for every language, else Dutch."""
        texts = self.description
        return texts.get(lang) or texts.get("") or texts.get("nl") or next(iter(texts.values()), None)
    mark: Mark | None = field(default=None, compare=False)
    #: a request given as options on the command line (planner.cli.request):
    #: those options, shell-quoted, which a command shown to staff repeats
    request: tuple[str, ...] = ()
