"""Every code plan-removal reports, in one catalogue: the finding codes of the
rules (:mod:`planner.rules`, documented by their modules' docstrings) and
the codes of ``--check`` and ``--lint`` themselves
(:mod:`planner.ci.check_codes`).

``--list-rules``, ``--explain``, the configuration (``.plan-removal.yaml``)
and SARIF's rules all read it here, so a new rule module registered in
``rules/__init__.py`` appears in each of them without more work.
"""

from __future__ import annotations

import inspect

from planner.ci.check_codes import CHECK_CODES, Code
from planner.rules import RULES


def _from_rule(rule) -> Code:
    # A rule about the registration is reported by --lint as well.
    modes = ("check", "lint") if rule.SCOPE == "export" else ("check",)
    return Code(rule.ID, rule.SEVERITY, modes, inspect.cleandoc(rule.__doc__) + "\n")


#: Every code, the rules first in the order rules.md lists them.
CODES: tuple[Code, ...] = tuple(_from_rule(rule) for rule in RULES) + CHECK_CODES

BY_ID: dict[str, Code] = {code.id: code for code in CODES}

#: The codes whose level .plan-removal.yaml may change.
CONFIGURABLE = tuple(code.id for code in CODES if code.configurable)


def listing(levels: dict[str, str]) -> list[str]:
    """``--list-rules``: a line per code with the level a run reports it at
    (``levels``: those a configuration set), the modes that report it, and
    what it is about."""
    width = max(len(code.id) for code in CODES)
    lines = []
    for code in CODES:
        level = levels.get(code.id, code.level)
        changed = f" (default {code.level})" if level != code.level else ""
        modes = ",".join(code.modes)
        lines.append(f"{code.id:<{width}}  {level:<7}  {modes:<11}  {code.summary}{changed}")
    return lines
