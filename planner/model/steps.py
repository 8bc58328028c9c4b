"""A step is one field change in AuditCase (or a decision staff must take).

``contact_off X``  contact X: "Koppelen met Cliënt Online" -> Nee
``client_off K``   klant K: "Koppelen met Cliënt Online" -> Nee
``unlink X``       contact X: "Ontkoppel hoofd (contact)persoon"
``decide K``       a decision the planner cannot take; changes nothing
``contact_on X``   contact X: "Koppelen met Cliënt Online" -> Ja
``link X main: Y`` contact X: "Koppelen aan hoofd(contact)persoon..." Y

The last two give access back: a plan uses them to re-home a person who
keeps some access when the record their login hangs from must go (the
person gets one new login, announced; see :mod:`planner.plan.graph`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.text.errors import Mark

CONTACT_OFF = "contact_off"
CLIENT_OFF = "client_off"
UNLINK = "unlink"
DECIDE = "decide"
CONTACT_ON = "contact_on"
LINK = "link"
ACTIONS = (CONTACT_OFF, CLIENT_OFF, UNLINK, DECIDE, CONTACT_ON, LINK)

#: The article's bottom-up order: contact person, then klant, then unlinking.
#: A decision sits where the step it replaces would have been; re-homing
#: (linking a kept record under its person's new main record) comes first.
BOTTOM_UP_RANK = {LINK: -1, CONTACT_ON: -1, CONTACT_OFF: 0, CLIENT_OFF: 1, DECIDE: 1, UNLINK: 2}


@dataclass(frozen=True, order=True)
class Step:
    action: str
    target: str
    #: ``link``: the record ``target`` is linked under ("" for every other step)
    main: str = ""
    mark: Mark | None = field(default=None, compare=False, repr=False)

    # Steps are the nodes of every plan's graph, looked up millions of times
    # in a plan of 12,000 steps: the hash of (action, target) is worked out once.
    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.action, self.target, self.main)))

    def __hash__(self) -> int:
        return self._hash

    def __str__(self) -> str:
        if self.action == LINK:
            return f"{self.action} {self.target} main: {self.main}"
        return f"{self.action} {self.target}"

    def as_dict(self) -> dict:
        """The step as a scenario's ``proposed`` and ``expect.plan`` write it."""
        if self.action == LINK:
            return {self.action: {"contact": self.target, "main": self.main}}
        return {self.action: self.target}
