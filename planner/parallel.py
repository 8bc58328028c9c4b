"""The one parallel policy: when a second process does half of a big job.

The machines staff and CI run plan-removal on have two processors or more,
and Python runs on one. Where a job splits into two halves that need only
what is already loaded (the two parts of a big export, the scenarios of a
check), a worker process started with ``fork`` shares everything loaded so
far without copying it, does one half, and sends its result back as plain
values: ``marshal`` of dicts, lists, tuples, text, numbers and None, which
cannot run code when read.

Everything about it is decided here:

* **whether**: :func:`worth` — a Linux machine with a second processor to
  run on, ``--jobs`` (or ``PLAN_REMOVAL_JOBS``) not 1 (:func:`allow`), no
  other thread, this process no worker itself (a worker never starts one),
  and the job at least as big as its threshold in :data:`THRESHOLDS`;
* **how**: :func:`alongside` runs the worker's half and this process's half
  at once and collects the worker's result;
* **what if it fails**: a worker that cannot start, exits with any status but
  0 (a MemoryError included), is killed, or sends back anything incomplete
  gives None, and the caller does that half itself. So a result never
  depends on whether a worker was used, and a failing worker is never a bug
  report (exit status 3).

A worker never writes a file or to the terminal and never runs anything of
the parent's at exit.

One use shares no work: :func:`apart` runs a job in a process of its own
with a bound on its memory, whatever ``--jobs`` says, so that a library that
aborts (the import's Excel reader) ends only that process; :attr:`Worker.crash`
says how it ended.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys

#: How big a job must be before a worker pays for its start and for sending
#: its half back (measured with benchmarks/scale.py and import_speed.py):
#: "split-read": bytes of an export read in two parts (planner.load.export_split);
#: "check": scenario files under --check (planner.ci.check);
#: "proof": steps of a plan whose orders a worker proves (planner.plan.proof);
#: "import": bytes of the klanten lists a worker reads (planner.importer.importing).
THRESHOLDS = {"split-read": 4 * 2**20, "check": 50, "proof": 1_000, "import": 2 * 2**20}

#: The environment variable that sets --jobs' default.
JOBS_VARIABLE = "PLAN_REMOVAL_JOBS"

_jobs: int | None = None  # --jobs; None: as many as there are processors
_in_worker = False


def allow(jobs: int | None) -> None:
    """Bound the processes a run uses: ``1`` runs everything in this one."""
    global _jobs
    _jobs = jobs


def available() -> bool:
    """Whether a worker process may be started now."""
    if _in_worker or (_jobs is not None and _jobs < 2):
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
    except OSError:  # pragma: no cover - no known Linux refuses it
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def isolatable() -> bool:
    """Whether a job may run in a process of its own (:func:`apart`): on
    Linux, with ``fork``, no other thread, and this process no worker. Not
    bound by ``--jobs`` or the processors free: it isolates work rather than
    sharing it (this process waits for it)."""
    if _in_worker or not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def apart(job, memory: int):
    """``job()`` started in a process of its own whose memory may grow by at
    most ``memory`` bytes (address space, ``RLIMIT_AS``): a library that
    aborts or exhausts it there ends only that process. The :class:`Worker`
    (its :meth:`~Worker.result`, and :attr:`~Worker.crash` when it ended by
    a signal or out of memory), or None when none can be started."""
    return Worker.start(job, memory)


def worth(use: str, size: int) -> bool:
    """Whether a job of ``size`` (in the unit of :data:`THRESHOLDS`) of kind
    ``use`` gets a worker."""
    return size >= THRESHOLDS[use] and available()


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

    #: The exit status of a worker whose job ran out of memory.
    OUT_OF_MEMORY = 3

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe
        #: how the worker ended when killed by a signal or out of memory
        self.crash: str | None = None

    @classmethod
    def start(cls, job, memory: int | None = None) -> Worker | None:
        """Run ``job()`` in a new process (whose address space may grow by at
        most ``memory`` bytes, when given); None when none can be started."""
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
        global _in_worker
        _in_worker = True  # a worker never starts a worker of its own
        status = 1
        try:
            os.close(readable)
            if memory is not None:
                _limit_memory(memory)
                # What a library prints as it aborts (Rust's "memory allocation
                # failed" and its backtrace) is not for the terminal: the
                # caller says what happened.
                quiet = os.open(os.devnull, os.O_WRONLY)
                os.dup2(quiet, 2)
                os.close(quiet)
                faults = sys.modules.get("faulthandler")  # it writes to a stderr of its own
                if faults is not None:
                    faults.disable()
            try:
                view = memoryview(marshal.dumps(job()))
            except MemoryError:
                status = cls.OUT_OF_MEMORY
                raise
            while view:
                view = view[os.write(writable, view) :]
            status = 0
        finally:
            os._exit(status)

    def result(self):
        """What the job returned; None when the worker failed (any exit
        status but 0, a signal) or sent less, or this process has no memory
        left to take it in."""
        try:
            chunks = []
            while True:
                chunk = os.read(self.pipe, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            os.close(self.pipe)
            self.pipe = None
            _pid, status = os.waitpid(self.pid, 0)
            if os.WIFSIGNALED(status):
                number = os.WTERMSIG(status)
                name = signal.Signals(number).name if number in signal.valid_signals() else "unknown"
                self.crash = f"it was ended by signal {number} ({name})"
            elif os.WIFEXITED(status) and os.WEXITSTATUS(status) == self.OUT_OF_MEMORY:
                self.crash = "it ran out of memory"
            if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
                return None
            return marshal.loads(b"".join(chunks))
        except (EOFError, ValueError, TypeError, MemoryError, OSError):
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Stop waiting for the worker (it is ended if still running)."""
        if self.pid is None:
            return
        if self.pipe is not None:
            os.close(self.pipe)
            self.pipe = None
            try:
                os.kill(self.pid, signal.SIGKILL)  # no longer needed
            except ProcessLookupError:  # pragma: no cover - not waited for yet, so it exists
                pass
            os.waitpid(self.pid, 0)
        self.pid = None


def _limit_memory(memory: int) -> None:
    """Let this process's address space grow by ``memory`` bytes at most."""
    import resource

    with open("/proc/self/status", encoding="ascii") as status:
        size = next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:")), 0)
    resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
