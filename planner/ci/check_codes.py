"""The codes of ``--check`` and ``--lint`` themselves, documented in one place.

The rules (:mod:`planner.rules`) say what is wrong with a plan or a
registration; these codes say what is wrong with the files a CI run was
given: a file that cannot be read, a YAML file that is no scenario, an
export no scenario uses, a fixture whose ``expect`` does not hold, a bug.
Each has the same shape as a rule module's documentation — first line
``code (level): when it is reported``, why, and a ``Fails`` and a
``Passes`` example that the tests run through ``--check``
(``tests/test_ci_codes.py``). An example of more than one file starts each
file with a line ``# NAME.yaml``.

:mod:`planner.ci.catalogue` lists them with the rules for ``--list-rules``,
``--explain``, the configuration and SARIF.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.findings import ERROR, INFO
from planner.text.messages import N_

#: The export the examples below share, inline in each scenario.
_OFFICE = """\
    clients:
      - {id: A, name: Alfa Bouw, type: company, client_online: Ja}
      - {id: P, name: Piet de Vries, type: person, client_online: Ja}
    contacts:
      - {id: P@A, client: A, name: Piet de Vries, main: P, client_online: Ja}
      - {id: S@A, client: A, name: Sanne Smit, client_online: Ja}"""


@dataclass(frozen=True)
class Code:
    """A code plan-removal reports, with its documentation (what ``--explain``
    prints). :mod:`planner.ci.catalogue` describes the rules this way too."""

    id: str
    level: str
    #: the modes that report it: "check", "lint"
    modes: tuple[str, ...]
    doc: str
    #: what it is, in a few words, as the checklist titles a rule's finding
    #: (marked for the catalogue; translated where shown)
    title: str = ""
    #: whether .plan-removal.yaml may change its level
    configurable: bool = True

    @property
    def about(self) -> str:
        """The documentation's first line, less its ``code (level):``, as
        written (reStructuredText: :func:`planner.ci.catalogue.plain` makes it plain text)."""
        return self.doc.split("\n", 1)[0].split("): ", 1)[1]

    @property
    def summary(self) -> str:
        """:attr:`about` as the table of ``docs/rules.md`` shows it."""
        return self.about.replace("``", "'")


INPUT = Code("input", ERROR, ("check", "lint"), f"""\
input (error): a file cannot be read as the scenario or export it should be.

The message is the one a single run of the file gives: its line and column,
what is wrong and what was expected, with "did you mean" for a misspelt key
or id. A file that is missing or cannot be read at all (no permission, a
folder, a named pipe, larger than --max-input-size), or an export a scenario
names that is, makes the exit status 2 once the other files are checked, as
in every mode; any other mistake fails the fixture (exit status 1) under
--check, and is exit status 2 for the export given to --lint.

Its level cannot be changed: a file that cannot be read was not checked.

Fails (the event names a person the export does not have)::

{_OFFICE}
    events: [{{death: {{person: PP}}}}]

Passes::

{_OFFICE}
    events: [{{death: {{person: P}}}}]
""", N_("File that cannot be read"), configurable=False)

NOT_A_SCENARIO = Code("not-a-scenario", ERROR, ("check",), f"""\
not-a-scenario (error): a YAML file under the paths has no top-level ``events:`` and is no export.

--check takes every .yaml and .yml file under the paths it is given. A file
without ``events:`` that is not an export is most likely a scenario with a
misspelt key, and a fixture that is silently skipped proves nothing: so it is
read as a scenario and every problem a single run would report about it is
reported under this code, with "did you mean" for the misspelt key. A YAML
file that is no scenario at all belongs under ``exclude:`` in
.plan-removal.yaml.

Fails (``events`` is misspelt)::

{_OFFICE}
    evnts: [{{death: {{person: P}}}}]

Passes::

{_OFFICE}
    events: [{{death: {{person: P}}}}]
""", N_("YAML file that is no scenario"))

UNUSED_EXPORT = Code("unused-export", INFO, ("check",), """\
unused-export (info): an export file under the paths that no scenario checked uses.

Only what a scenario asks of an export is checked against it; an export no
scenario names is only read. That is often meant (the office's export next
to scenarios still to be written), so it is a note and does not fail the
check. A firm that wants every export under test sets its level to error in
.plan-removal.yaml (rules: {unused-export: {level: error}}). --lint checks
an export's registration on its own.

Fails (an export and no scenario)::

    # office.yaml
    clients:
      - {id: A, name: Alfa Bouw, type: company, client_online: Ja}
    contacts:
      - {id: S@A, client: A, name: Sanne Smit, client_online: Ja}

Passes (a scenario uses it)::

    # office.yaml
    clients:
      - {id: A, name: Alfa Bouw, type: company, client_online: Ja}
    contacts:
      - {id: S@A, client: A, name: Sanne Smit, client_online: Ja}
      - {id: T@A, client: A, name: Tom Visser, client_online: Ja}
    # revoke.yaml
    export: office.yaml
    events: [{revoke: {contact: S@A}}]
""", N_("Export no scenario uses"))

EXPECT_PLAN = Code("expect-plan", ERROR, ("check",), f"""\
expect-plan (error): the plan differs from the scenario's expect.plan.

A fixture's expect.plan pins the exact steps: a change to the planner that
reorders, adds or drops a step then fails the check, at the first step that
differs, instead of changing the checklist staff follow unnoticed.

Fails (the klant is switched off before its contact person)::

{_OFFICE}
    events: [{{death: {{person: P}}}}]
    expect:
      plan: [{{client_off: P}}, {{contact_off: P@A}}, {{unlink: P@A}}]

Passes::

{_OFFICE}
    events: [{{death: {{person: P}}}}]
    expect:
      plan: [{{contact_off: P@A}}, {{client_off: P}}, {{unlink: P@A}}]
""", N_("Plan differs from expect.plan"))

EXPECT_FINDINGS = Code("expect-findings", ERROR, ("check",), f"""\
expect-findings (error): a finding listed in expect.findings did not occur, or names no code.

expect.findings lists code@step for the proposed order (else the plan):
every finding listed must occur, and every error that occurs must be listed.
A listed finding that does not occur is reported at its line, with the
findings that did; a code that does not exist is reported with the nearest
one.

Fails (the new login happens at step 1, not 2)::

{_OFFICE}
    events: [{{death: {{person: P}}}}]
    proposed: [{{unlink: P@A}}, {{contact_off: P@A}}, {{client_off: P}}]
    expect:
      findings: [new-login@2]

Passes::

{_OFFICE}
    events: [{{death: {{person: P}}}}]
    proposed: [{{unlink: P@A}}, {{contact_off: P@A}}, {{client_off: P}}]
    expect:
      findings: [new-login@1]
""", N_("Expected finding missing or unknown"))

INTERNAL_ERROR = Code("internal-error", ERROR, ("check",), """\
internal-error (error): plan-removal met a bug while checking a file.

The file fails on its own and the other files are still checked; the run
then exits with status 3 (never 1, which would read as a failed fixture),
and standard error holds one line asking for a report with the file and the
traceback. Its level cannot be changed.
""", N_("Internal error"), configurable=False)

#: Every code of --check and --lint, in the order --list-rules prints them.
CHECK_CODES = (INPUT, NOT_A_SCENARIO, UNUSED_EXPORT, EXPECT_PLAN, EXPECT_FINDINGS, INTERNAL_ERROR)
