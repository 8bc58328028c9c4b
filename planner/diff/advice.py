"""What staff should do next about a finding of the diff, in their language.

For an error: whom to call, what to check in Cliënt Online, and that it may
be a data leak the office must assess. The tool names the duty (the AVG's
72 hours) and gives no legal advice beyond that. For a warning: what to
look up in the portal's log.
"""

from __future__ import annotations

from planner.model.findings import Finding


def next_steps(finding: Finding, reading) -> tuple[str, ...]:
    _ = reading._
    person = reading.label(finding.subject)
    if finding.severity == "info":
        return ()
    if finding.code in ("login-for-leaver", "login-for-known-person"):
        return (
            _("Check in Cliënt Online today whether the new login exists and has been used; remove it if "
              "{person} should not have it.").format(person=person),
            _("Call whoever reads that e-mail address ({person}, or for a client who died the family or the "
              "company) and ask them to delete the mail with the login details.").format(person=person),
            _("This may be a data leak: the office must assess it, and report it to the Autoriteit "
              "Persoonsgegevens within 72 hours of learning of it where that is needed. Tell your "
              "privacy officer today."),
        )
    if finding.code == "access-without-change":
        return (
            _("Check in Cliënt Online what this login can see, and take away access that is not meant "
              "for {person}.").format(person=person),
            _("Find out which change gave this access, and whether {person} opened anything; if so, "
              "this may be a data leak the office must assess within 72 hours.").format(person=person),
        )
    return (
        _("Look in Cliënt Online's log whether a login was created for {person} between the two "
          "exports; if one was, treat it as an error: remove the login and assess a possible data "
          "leak.").format(person=person),
    )
