"""Work counted in units, never in seconds.

A bound on how long something takes fails on a loaded machine and passes a
quadratic algorithm on a fast one. So the tests that hold the command to a
bound on work (tests/test_bounded_work.py, test_hostile_plans.py,
test_hostile_input.py) count it instead, with counters put around the
operations whose number is the cost:

``yaml_events``
    events the YAML parser handed to the reader (planner/load/yaml/reader.py),
    every file read;
``records``
    export records read through their kind's table (ExportRecords.record);
``steps``
    steps applied to the portal model (State.apply and State.advance): the
    simulation of each order, the states the all-orders search builds;
``search``
    units the all-orders search spent of its budget
    (planner/plan/orders.py, SEARCH_LIMIT and COUNT_LIMIT);
``compared``
    "did you mean" work: for each pair of texts difflib compares, the
    product of their lengths (ratio) or their sum (quick_ratio);
``main_links``
    main links followed looking for cycles and over-deep chains
    (planner/load/references.py).

:func:`counting` counts around any code; :func:`run_counted` runs the
command in this process (planner.cli.command.exit_status) and counts what it
did. Both keep all the work in this process (no worker process, whose work
would go uncounted) so the counts are the same on every machine and every
run. A run that takes minutes is stopped by a hang guard (:data:`HANG_GUARD`
seconds, far beyond any real run): it says nothing about speed, only that
the test does not wait for ever. Wall-clock figures are for benchmarks/
(benchmarks/hostile.py times these same inputs).
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import io
import signal

import pytest

#: Seconds after which an in-process run is stopped as hung (not a bound on speed).
HANG_GUARD = 300
#: How much more than in proportion a count may grow with its input: a
#: constant overhead makes it grow less, a quadratic step ten times more.
SLACK = 1.5


@dataclasses.dataclass
class Work:
    yaml_events: int = 0
    records: int = 0
    steps: int = 0
    search: int = 0
    compared: int = 0
    main_links: int = 0

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


class Hung(BaseException):
    """Raised by the hang guard; a BaseException, so that the command's own
    "a bug is exit status 3" does not turn it into an ordinary failure."""


class _CountingDict(dict):
    """The main links of an export, counting every look-up along a chain."""

    work: Work

    def __getitem__(self, key):
        self.work.main_links += 1
        return super().__getitem__(key)

    def __contains__(self, key):
        self.work.main_links += 1
        return super().__contains__(key)


@contextlib.contextmanager
def counting():
    """Count the work done inside the block (all of it in this process)."""
    from planner import parallel
    from planner.load.records import ExportRecords
    from planner.load.references import References
    from planner.load.yaml import reader
    from planner.plan import orders
    from planner.portal.state import State

    work = Work()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "available", lambda: False)

        parse = reader._CParser

        class CountingParser:
            def __init__(self, source) -> None:
                self.parser = parse(source) if parse is not None else reader.yaml.SafeLoader(source)

            def get_event(self):
                work.yaml_events += 1
                return self.parser.get_event()

            def dispose(self) -> None:
                dispose = getattr(self.parser, "dispose", None)
                if dispose is not None:
                    dispose()

        patch.setattr(reader, "_CParser", CountingParser)

        def wrap(owner, name, count):
            original = getattr(owner, name)

            def counted(*args, **kwargs):
                count(*args)
                return original(*args, **kwargs)

            patch.setattr(owner, name, counted)

        def one_record(self, kind, m):
            work.records += 1

        def ratio(self):
            work.compared += len(self.a) * len(self.b)

        def quick_ratio(self):
            work.compared += len(self.a) + len(self.b)

        wrap(ExportRecords, "record", one_record)
        # One step applied is one unit, whether by apply() or advance(), and
        # whichever of them the other uses.
        applying = []

        def counting_step(name):
            original = getattr(State, name)

            def applied(self, step):
                if not applying:
                    work.steps += 1
                applying.append(name)
                try:
                    return original(self, step)
                finally:
                    applying.pop()

            patch.setattr(State, name, applied)

        counting_step("apply")
        counting_step("advance")
        # The search's budgets are read when the block ends (limit - left):
        # wrapping spend(), called a million times, would slow the search.
        budgets = []
        wrap(orders._Budget, "__init__", lambda budget, limit: budgets.append((budget, limit)))
        wrap(difflib.SequenceMatcher, "ratio", ratio)
        wrap(difflib.SequenceMatcher, "quick_ratio", quick_ratio)

        class Links(_CountingDict):
            pass

        Links.work = work
        for name in ("check_cycles", "check_depth"):
            original = getattr(References, name)

            def followed(self, linked, original=original):
                return original(self, Links(linked))

            patch.setattr(References, name, followed)
        try:
            yield work
        finally:
            work.search = sum(limit - budget.left for budget, limit in budgets)


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_GUARD):
    """Stop the block with :class:`Hung` after ``seconds`` (main thread only)."""

    def stop(signum, frame):
        raise Hung(f"still running after {seconds} s: hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclasses.dataclass
class Counted:
    """What a run of the command in this process did: its exit status, its
    standard output and error, and its work."""

    returncode: int
    stdout: str
    stderr: str
    work: Work


def run_counted(*args, cwd=None) -> Counted:
    """The command on ``args`` (in folder ``cwd``), run here and counted.

    Like a run of the installed command but for what only a process has:
    the output is not a terminal and nothing colours it (FORCE_COLOR and
    NO_COLOR are left out)."""
    from planner.cli.command import exit_status
    from planner.output.writer import Streams

    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        patch = stack.enter_context(pytest.MonkeyPatch.context())
        patch.delenv("FORCE_COLOR", raising=False)
        patch.delenv("NO_COLOR", raising=False)
        if cwd is not None:
            patch.chdir(cwd)
        work = stack.enter_context(counting())
        stack.enter_context(hang_guard())
        status = exit_status([str(a) for a in args], Streams(out, err))
    return Counted(status, out.getvalue(), err.getvalue(), work)


_APART = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from work import run_counted
runs = [run_counted(*args) for args in json.loads(sys.argv[2])]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"runs": [[r.returncode, r.stdout, r.stderr, r.work.as_dict()] for r in runs], "peak": peak}))
"""


def run_counted_apart(*commands, cwd=None, timeout: float = HANG_GUARD) -> tuple[list[Counted], float]:
    """Each of ``commands`` (lists of arguments) run and counted as
    :func:`run_counted` does, one after the other in a Python process of
    their own, which measures their peak memory in MB: what the runs and the
    planner's imports held, not what the test runner did. ``timeout`` is a
    hang guard."""
    import json
    import os
    import subprocess
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    args = json.dumps([[str(a) for a in command] for command in commands])
    done = subprocess.run(
        [sys.executable, "-c", _APART, here, args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    runs = [Counted(status, out, err, Work(**work)) for status, out, err, work in result["runs"]]
    return runs, result["peak"]


def assert_grows_at_most_linearly(small: Work, large: Work, factor: float, *, only=None) -> None:
    """Each count of ``large`` (an input ``factor`` times ``small``'s) is at
    most ``factor`` times ``small``'s, with :data:`SLACK` for what is not
    quite in proportion; ``only`` names the counts to hold (default: all)."""
    names = only or [f.name for f in dataclasses.fields(Work)]
    over = {}
    for name in names:
        few, many = getattr(small, name), getattr(large, name)
        if many > SLACK * factor * max(few, 1):
            over[name] = (few, many)
    assert not over, (
        f"work grew more than linearly with an input {factor}x larger (small, large): {over}; "
        f"all counts: {small.as_dict()} -> {large.as_dict()}"
    )
