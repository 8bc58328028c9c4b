"""Reading input files: only regular files, only up to a size limit.

Scenario files may come from a pull request a firm's CI checks, so every
input is read as untrusted: a FIFO or a device (``/dev/zero``) would block
or never end, a directory is no file, and a file larger than any real
export would only cost memory. Each of these is an input error (exit
status 2) before a byte is parsed.

The limit is :data:`DEFAULT_LIMIT` (an office of a million contacts is
about 220 MB); ``--max-input-size`` raises it.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from planner.text.errors import InputError, Problem
from planner.text.messages import _
from planner.text.typography import decimal

#: The largest input file read unless the command line says otherwise.
DEFAULT_LIMIT = 256 * 2**20
#: What messages call standard input, given as ``-`` on the command line.
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class ReadPolicy:
    """How inputs may be read in one run of the command."""

    #: the largest file, in bytes, that is read
    limit: int = DEFAULT_LIMIT
    #: a scenario may name an export outside its project (see
    #: scenario_file.ScenarioReader.export_path and project_of); for trusted local use
    allow_export_outside: bool = False


def signature(status: os.stat_result) -> tuple:
    """What tells a file apart from the same path rewritten since."""
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev)


class FileRefused(InputError):
    """An input file that is not read: ``reason`` says why, after its name,
    in the active language ("is a folder; expected a YAML file"), so that
    it reads after any sentence's subject ("the export file x.yaml is a …")."""

    unreadable = True

    def __init__(self, path: str, reason: str, missing: bool = False) -> None:
        self.path, self.reason, self.missing = path, reason, missing
        super().__init__(Problem(None, f"{path}: {reason}"))


def _refuse(path: str, reason: str, missing: bool = False) -> FileRefused:
    return FileRefused(path, reason, missing)


def _not_regular(mode: int, expected: str) -> str:
    """Why a file of ``mode`` (no regular file) is refused."""
    if stat.S_ISDIR(mode):
        message = _("is a folder; expected {expected}")
    elif stat.S_ISFIFO(mode):
        message = _("is a named pipe (FIFO); expected {expected}")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        message = _("is a device; expected {expected}")
    elif stat.S_ISSOCK(mode):
        message = _("is a socket; expected {expected}")
    else:
        message = _("is not a regular file; expected {expected}")
    return message.format(expected=expected)


def _unreadable(error: BaseException) -> str:
    """Why a file could not be read; the system's words for the rarer reasons."""
    code = getattr(error, "errno", None)
    if code in (errno.EACCES, errno.EPERM):
        cause = _("permission denied")
    else:
        cause = getattr(error, "strerror", None) or str(error)
    return _("cannot be read: {cause}").format(cause=cause)


def read_file(path: str, policy: ReadPolicy = ReadPolicy(), expected: str | None = None) -> tuple[bytes, tuple]:
    """The bytes of the regular file ``path`` and its :func:`signature`.

    ``expected``: what the file should be, in the active language ("a
    YAML file" unless said).

    Raises :class:`FileRefused` for a path that cannot be a file name, a
    missing or unreadable file, anything but a regular file, and a file
    over ``policy.limit`` bytes.
    """
    if "\0" in path:
        raise _refuse(path.replace("\0", "\\0"), _("has a NUL character in its name, which no file name can hold"))
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after any check,
        # opening it still does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _refuse(path, _("no such file"), missing=True) from None
    except OSError as error:
        raise _refuse(path, _unreadable(error)) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _refuse(path, _not_regular(status.st_mode, expected or _("a YAML file")))
        if status.st_size > policy.limit:
            raise _refuse(path, _too_big(status.st_size, policy.limit))
        chunks, size = [], 0
        while True:
            # A regular file may still grow while it is read: never past the limit.
            chunk = os.read(fd, min(policy.limit + 1 - size, 1 << 22) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > policy.limit:
                raise _refuse(path, _too_big(size, policy.limit))
        return b"".join(chunks), signature(status)
    except OSError as error:
        raise _refuse(path, _unreadable(error)) from None
    finally:
        os.close(fd)


def read_stream(stream, policy: ReadPolicy = ReadPolicy()) -> bytes:
    """The bytes of standard input (``stream``, text or binary), within
    ``policy.limit``; :class:`FileRefused` when it is closed or too big."""
    if stream is None:  # the descriptor was closed before the command started
        raise _refuse(STDIN_NAME, _("cannot be read: it is closed"))
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(policy.limit + 1)
    except (OSError, ValueError) as error:
        raise _refuse(STDIN_NAME, _unreadable(error)) from None
    if len(data) > policy.limit:
        raise _refuse(STDIN_NAME, _too_big(len(data), policy.limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return _("is larger than {limit} (at least {size}); give --max-input-size MB to read larger files").format(
        limit=_megabytes(limit), size=_megabytes(size)
    )


def _megabytes(size: int) -> str:
    return f"{decimal(size / 2**20)} MB"
