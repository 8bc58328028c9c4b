"""Findings at the steps of a proposed order that repeat earlier steps,
reported once per kind.

A proposed order comes from a scenario anyone may change in a pull request,
and nothing stops it from repeating the plan's steps twenty thousand times:
every repeat then draws its findings again ("Stap 9.999 verandert niets"),
and the report of one small file becomes megabytes of CI log. So
``--check`` reports the findings at the steps that repeat an earlier step of
the same order once per code and level, as one line at the first of them
that says at which steps they are and how many there are, with the first
one's message ("stap 3 tot en met 20.000 herhalen eerdere stappen: 19.998
meldingen van deze soort, de eerste: …"). A finding at a step that repeats
nothing is reported as it is, and so is a kind met once. The full list
stays with the line (:attr:`planner.ci.check.Line.repeats`), for the JSON
report and the counts of the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from planner.model.findings import Finding
from planner.model.steps import Step
from planner.text.typography import joined

#: At most this many runs of steps are named one by one; more are said as
#: a count between the first step and the last.
RUNS_NAMED = 3


def repeated_steps(steps: Iterable[Step]) -> set[int]:
    """The numbers (from 1) of the steps that are the same step as an earlier one."""
    seen: set[Step] = set()
    repeats = set()
    for n, step in enumerate(steps, start=1):
        if step in seen:
            repeats.add(n)
        else:
            seen.add(step)
    return repeats


def grouped(found: list, repeats: set[int]) -> list:
    """``found``, (finding, line) pairs in the order reported, with the pairs
    at steps in ``repeats`` gathered per code and level: each item is a pair
    as it was, or the list of the pairs of one kind (two or more), placed
    where the first of them was."""
    if not repeats:
        return list(found)
    kinds: dict[tuple[str, str], list] = {}
    items: list = []
    for pair in found:
        finding = pair[0]
        if finding.step not in repeats:
            items.append(pair)
            continue
        key = (finding.code, finding.severity)
        group = kinds.get(key)
        if group is None:
            group = kinds[key] = []
            items.append(group)
        group.append(pair)
    return [item[0] if isinstance(item, list) and len(item) == 1 else item for item in items]


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted step numbers as runs of consecutive ones, (first, last) each."""
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def summary(findings: list[Finding], catalog, number: Callable[[int], str]) -> str:
    """What one line says for the ``findings`` of one kind at repeated steps
    (two or more, in order): at which steps, how many, and the first's message."""
    _, n_ = catalog.gettext, catalog.ngettext
    steps = sorted({f.step for f in findings})
    found = runs(steps)
    count = len(findings)
    first = findings[0].message
    if len(found) > RUNS_NAMED:
        return n_(
            "{steps} steps between step {first} and step {last} repeat earlier steps: {n} finding of "
            "this kind there: {message}",
            "{steps} steps between step {first} and step {last} repeat earlier steps: {n} findings of "
            "this kind there, the first: {message}",
            count,
        ).format(steps=number(len(steps)), first=number(steps[0]), last=number(steps[-1]),
                 n=number(count), message=first)
    parts = [
        number(a) if a == b else _("{first} to {last}").format(first=number(a), last=number(b))
        for a, b in found
    ]
    named = joined(parts, _)
    if len(steps) == 1:
        return n_(
            "step {step} repeats an earlier step: {n} finding of this kind there: {message}",
            "step {step} repeats an earlier step: {n} findings of this kind there, the first: {message}",
            count,
        ).format(step=named, n=number(count), message=first)
    return n_(
        "steps {steps} repeat earlier steps: {n} finding of this kind there: {message}",
        "steps {steps} repeat earlier steps: {n} findings of this kind there, the first: {message}",
        count,
    ).format(steps=named, n=number(count), message=first)
