"""Everything plan-removal writes: files, standard output and standard error.

:func:`write_file` is the one writer of files (``-o``, ``--junit-xml``, and
every report): it never writes over one of the run's inputs, writes into a
named pipe or a device rather than replacing it, replaces a regular file
atomically (a reader sees the old file or the new one, never half of one),
gives a new file the mode the umask allows and keeps an existing file's
mode, creates missing folders, and leaves no temporary file behind when the
write fails (a full disk, the file size limit).

:class:`Streams` writes standard output and standard error, each line
through :mod:`planner.output.neutral`; a closed or full stream ends the run with
one line saying so, not a traceback.

Anything that goes wrong is an :class:`OutputError` (exit status 2).
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
from typing import Iterable

from planner.output import neutral


class OutputError(Exception):
    """An output that cannot be written; the message says which and why."""


def _refused(path: str, why: str) -> OutputError:
    return OutputError(f"cannot write {neutral.visible(path) or repr(path)}: {why}")


def _same_file(path: str, other: str) -> bool:
    try:
        return os.path.realpath(path) == os.path.realpath(other) or os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def write_file(path: str, data: bytes, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to the file ``path``; never over one of ``inputs``."""
    if not path:
        raise _refused(path, "an output file needs a name")
    if "\0" in path:
        raise _refused(path, "a file name cannot hold a NUL character")
    for given in inputs:
        if _same_file(path, given):
            raise _refused(path, f"that would overwrite the input file {neutral.visible(given)}")
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _refused(path, error.strerror or str(error)) from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_into(path, status.st_mode, data)
        return
    _replace(os.path.realpath(path), path, data, None if status is None else stat.S_IMODE(status.st_mode))


def _write_into(path: str, mode: int, data: bytes) -> None:
    """Write into a named pipe or a character device (``/dev/null``,
    ``/dev/stdout``), which must stay what it is; refuse anything else."""
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise _refused(path, f"it is {kind}")
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError as error:
        raise _refused(path, error.strerror or str(error)) from None


def _replace(target: str, path: str, data: bytes, mode: int | None) -> None:
    """Write a new file beside ``target`` and move it into place."""
    folder = os.path.dirname(target)
    temporary = None
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".plan-removal-", suffix=".tmp")
        try:
            os.fchmod(fd, _new_file_mode() if mode is None else mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise _refused(path, error.strerror or str(error)) from None
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _new_file_mode() -> int:
    """The mode a new file gets: 0666 less the umask, as other tools give it."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def prepare_process() -> None:
    """Writing past the file size limit raises an error to report, rather than
    killing the process by a signal halfway through a file."""
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


class Streams:
    """Standard output and standard error, each line made safe to show."""

    def __init__(self, out=None, err=None) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr

    def say(self, text: str) -> None:
        """One line on standard output: a newline in it is shown, not kept."""
        self._write(self.out, neutral.line(text) + "\n", "standard output")

    def tell(self, text: str) -> None:
        """One line on standard error: a newline in it is shown, not kept."""
        self._write(self.err, neutral.line(text) + "\n", "standard error")

    def tell_block(self, text: str) -> None:
        """Lines of our own on standard error (a traceback), each made safe."""
        self._write(self.err, neutral.lines(text.rstrip("\n")) + "\n", "standard error")

    def say_block(self, text: str) -> None:
        """Lines of our own on standard output (a rule's documentation)."""
        self._write(self.out, neutral.lines(text.rstrip("\n")) + "\n", "standard output")

    def document(self, text: str) -> None:
        """A rendered document on standard output: its values were made safe
        as it was rendered (:mod:`planner.checklist.render`, :func:`neutral.json_text`,
        and the reports of :mod:`planner.ci.reports`, whose GitHub workflow
        commands start with ``::`` on purpose)."""
        self._write(self.out, text, "standard output")

    def _write(self, stream, text: str, name: str) -> None:
        if stream is None:  # the descriptor was closed before the command started
            raise OutputError(f"cannot write to {name}: it is closed")
        try:
            stream.write(text)
            stream.flush()
        except (OSError, ValueError) as error:  # closed (EPIPE, a closed file) or full (ENOSPC)
            _silence(stream)
            why = getattr(error, "strerror", None) or "it is closed"
            raise OutputError(f"cannot write to {name}: {why}") from None


def _silence(stream) -> None:
    """After a failed write, point the stream at /dev/null, so that Python's
    own flush at exit does not fail again with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
