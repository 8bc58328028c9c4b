"""A second process for half of a big job: forked, sending back plain data.

The machines staff and CI run plan-removal on have two processors or more,
and Python runs on one. Where a job splits into two halves that need only
what is already loaded (the two parts of a big export, the scenarios of a
check), a worker process started with ``fork`` shares everything loaded so
far without copying it, does one half, and sends its result back as plain
values: ``marshal`` of dicts, lists, tuples, text, numbers and None, which
cannot run code when read.

A worker never writes a file or to the terminal and never runs anything of
the parent's at exit. When it cannot be started, fails, or sends back
anything incomplete, :meth:`Worker.result` is None and the caller does that
half itself, so a result never depends on whether a worker was used.

Used only on Linux (where ``fork`` of a process like this one is safe), with
a second processor to run on (``taskset -c 0`` turns workers off) and no
other thread running.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys


def available() -> bool:
    """Whether a worker process may be started now."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
    except OSError:  # pragma: no cover - no known Linux refuses it
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def alongside(job, here):
    """``here()`` run in this process while a worker runs ``job()``: what
    ``here()`` returned, and what the job did, or None when there was no
    worker (``job`` None, or it could not be started) or it failed, for the
    caller to do that part itself. The worker is ended however ``here()``
    ends."""
    helper = Worker.start(job) if job is not None else None
    try:
        ours = here()
        return ours, (helper.result() if helper is not None else None)
    finally:
        if helper is not None:
            helper.close()


class Worker:
    """A forked process doing one job; :meth:`result` is what it returned."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe

    @classmethod
    def start(cls, job) -> Worker | None:
        """Run ``job()`` in a new process; None when none can be started."""
        try:
            readable, writable = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(readable)
            os.close(writable)
            return None
        if pid:
            os.close(writable)
            return cls(pid, readable)
        # The worker: do the job, send what it returned, and leave without
        # running anything of the parent's (no atexit, no flushing of its
        # output buffers, no finally further up its stack).
        status = 1
        try:
            os.close(readable)
            view = memoryview(marshal.dumps(job()))
            while view:
                view = view[os.write(writable, view) :]
            status = 0
        finally:
            os._exit(status)

    def result(self):
        """What the job returned; None when the worker failed or sent less."""
        chunks = []
        while True:
            chunk = os.read(self.pipe, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        self.close()
        try:
            return marshal.loads(b"".join(chunks))
        except (EOFError, ValueError, TypeError):
            return None

    def close(self) -> None:
        """Stop waiting for the worker (it is ended if still running)."""
        if self.pipe is None:
            return
        os.close(self.pipe)
        self.pipe = None
        try:
            os.kill(self.pid, signal.SIGKILL)  # done already, or no longer needed
        except ProcessLookupError:  # pragma: no cover - not waited for yet, so it exists
            pass
        os.waitpid(self.pid, 0)
