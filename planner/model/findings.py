"""A finding: one rule's verdict on one step (or on the whole plan)."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.text.errors import Mark

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
_RANK = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    #: the step's number in the order checked; None for the whole plan
    step: int | None
    subject: str | None
    message: str
    #: where in an input the finding points, when it is not a step or a record
    mark: Mark | None = field(default=None, compare=False)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "step": self.step,
            "subject": self.subject,
            "message": self.message,
        }

    @property
    def label(self) -> str:
        """``code@step`` as a scenario's ``expect.findings`` writes it."""
        return self.code if self.step is None else f"{self.code}@{self.step}"


def as_values(finding: Finding) -> tuple:
    """A finding as plain values (for a worker process to send back)."""
    mark = finding.mark
    where = None if mark is None else (mark.file, mark.line, mark.col)
    return (finding.code, finding.severity, finding.step, finding.subject, finding.message, where)


def from_values(values: tuple) -> Finding:
    """A finding again from :func:`as_values`'s values."""
    code, severity, step, subject, message, where = values
    return Finding(code, severity, step, subject, message, None if where is None else Mark(*where))


def worst_first(findings) -> list[Finding]:
    """Errors before warnings before info; then by step and code."""
    return sorted(
        findings,
        key=lambda f: (_RANK[f.severity], f.step is None, f.step or 0, f.code, f.subject or ""),
    )
