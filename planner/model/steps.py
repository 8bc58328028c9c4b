"""A step is one field change in AuditCase (or a decision staff must take).

``contact_off X``  contact X: "Koppelen met Cliënt Online" -> Nee
``client_off K``   klant K: "Koppelen met Cliënt Online" -> Nee
``unlink X``       contact X: "Ontkoppel hoofd (contact)persoon"
``decide K``       a decision the planner cannot take; changes nothing
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.text.errors import Mark

CONTACT_OFF = "contact_off"
CLIENT_OFF = "client_off"
UNLINK = "unlink"
DECIDE = "decide"
ACTIONS = (CONTACT_OFF, CLIENT_OFF, UNLINK, DECIDE)

#: The article's bottom-up order: contact person, then klant, then unlinking.
#: A decision sits where the step it replaces would have been.
BOTTOM_UP_RANK = {CONTACT_OFF: 0, CLIENT_OFF: 1, DECIDE: 1, UNLINK: 2}


@dataclass(frozen=True, order=True)
class Step:
    action: str
    target: str
    mark: Mark | None = field(default=None, compare=False, repr=False)

    # Steps are the nodes of every plan's graph, looked up millions of times
    # in a plan of 12,000 steps: the hash of (action, target) is worked out once.
    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.action, self.target)))

    def __hash__(self) -> int:
        return self._hash

    def __str__(self) -> str:
        return f"{self.action} {self.target}"

    def as_dict(self) -> dict[str, str]:
        return {self.action: self.target}
