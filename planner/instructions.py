"""A step as a short instruction ("Zet Piet de Vries (P@A) op Nee"): how a
finding names the step that fixes it, and how a proposed order is listed.

The checklist's own step titles say more (where to click, at which klant);
this is the one-line form for inside a sentence.
"""

from __future__ import annotations

from typing import Callable

from planner.steps import CLIENT_OFF, CONTACT_OFF, UNLINK, Step


def instruction(step: Step, label: Callable[[str], str], gettext: Callable[[str], str]) -> str:
    """``step`` as an imperative, its record named by ``label``."""
    _ = gettext
    record = label(step.target)
    if step.action == CONTACT_OFF:
        return _("Set {record} to No").format(record=record)
    if step.action == CLIENT_OFF:
        return _("Set klant {record} to No").format(record=record)
    if step.action == UNLINK:
        return _("Unlink {record} from its main person").format(record=record)
    return _("Decide about {record}").format(record=record)
