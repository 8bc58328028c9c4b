"""The exit statuses of the command: one table for every mode.

A firm's CI reads the status the way it reads yamllint's or ansible-lint's,
so it means the same whether one scenario is planned, fixtures are checked
(``--check``) or exports are linted (``--lint``). :data:`TABLE` is printed
by ``--help`` and shown in the README; :func:`of_outcomes` is the status of
a ``--check`` or ``--lint`` run. The command line (:mod:`planner.cli.command`) maps
every error to its status in one place.
"""

from __future__ import annotations

import textwrap

from planner.text.messages import N_, _

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3

#: The line an internal error prints (translated where it is printed).
BUG_REPORT = N_(
    "plan-removal: internal error: this is a bug in plan-removal, not a problem with your "
    "input. Please report it with the command and the files it was given, and the traceback below."
)

#: (status, what it means), in every mode; the meanings are translated where shown.
TABLE = (
    (EXIT_OK, N_("nothing failed: no error findings (with --strict, no warnings either), every fixture held")),
    (
        EXIT_FINDINGS,
        N_("error findings in the plan or the proposed order (with --strict, warnings too); "
           "under --check a fixture that failed (its plan, its expectations, or a mistake in its "
           "YAML); under --lint an export with error findings; --find that finds nothing"),
    ),
    (
        EXIT_INPUT,
        N_("an input that cannot be used: a file that is missing or cannot be read (also under "
           "--check and --lint, once the other files are checked), an invalid scenario or export "
           "given alone or to --lint, a bad .plan-removal.yaml, nothing to check under the paths; "
           "or a usage mistake, or an output that cannot be written"),
    ),
    (EXIT_BUG, N_("an internal error: a bug in plan-removal, printed as one line asking for a report and the "
                  "traceback")),
)


def help_text() -> str:
    """The table as ``--help`` prints it, in the language spoken (click keeps
    the lines after ``\\b`` as they are, so they are wrapped here)."""
    rows = "\n".join(
        textwrap.fill(
            _(meaning), width=76, initial_indent=f"  {status}  ", subsequent_indent="     ", break_on_hyphens=False
        )
        for status, meaning in TABLE
    )
    return "\b\n" + _("Exit status, the same in every mode:") + f"\n{rows}"


def of_outcomes(outcomes) -> int:
    """The status of a ``--check`` or ``--lint`` run from what it found per
    file (:class:`planner.ci.check.Outcome`): a bug outranks an unreadable
    input, which outranks a failure."""
    if not outcomes:
        return EXIT_INPUT  # nothing was checked: the paths named nothing to check
    if any(o.bug for o in outcomes):
        return EXIT_BUG
    if any(o.input_error for o in outcomes):
        return EXIT_INPUT
    return EXIT_FINDINGS if any(o.failed for o in outcomes) else EXIT_OK
