"""Errors that reach people: each names a place in a file and what was expected.

The command line turns an :class:`InputError` into ``file:line:col: message``
lines and exit status 2; nothing else in the package prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Mark:
    """A place in an input file; line and column count from 1."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, at one place."""

    mark: Mark | None
    message: str
    #: the registration rule this problem is a case of, if any (rules.md)
    code: str | None = None

    def __str__(self) -> str:
        where = str(self.mark) if self.mark else "plan-removal"
        return f"{where}: {self.message}"


class InputError(Exception):
    """One or more problems that make an input unusable (exit status 2)."""

    #: An input could not be read at all (missing, unreadable, not a regular
    #: file, too big), as opposed to read and found wrong: exit status 2 in
    #: every mode, also for a fixture under ``--check``.
    unreadable = False

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _problem_order(problem: Problem):
    mark = problem.mark
    return (mark is None, mark or Mark("", 0, 0), problem.message)
