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

import os
import stat
from dataclasses import dataclass

from planner.text.errors import InputError, Problem

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
    """An input file that is not read: ``reason`` says why, after its name."""

    unreadable = True

    def __init__(self, path: str, reason: str, missing: bool = False) -> None:
        self.path, self.reason, self.missing = path, reason, missing
        super().__init__(Problem(None, f"{path}: {reason}"))


def _refuse(path: str, reason: str, missing: bool = False) -> FileRefused:
    return FileRefused(path, reason, missing)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_file(path: str, policy: ReadPolicy = ReadPolicy(), expected: str = "a YAML file") -> tuple[bytes, tuple]:
    """The bytes of the regular file ``path`` and its :func:`signature`.

    Raises :class:`FileRefused` for a path that cannot be a file name, a
    missing or unreadable file, anything but a regular file, and a file
    over ``policy.limit`` bytes.
    """
    if "\0" in path:
        raise _refuse(path.replace("\0", "\\0"), "has a NUL character in its name, which no file name can hold")
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after any check,
        # opening it still does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _refuse(path, "no such file", missing=True) from None
    except OSError as error:
        raise _refuse(path, f"cannot be read: {error.strerror or error}") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _refuse(path, f"is {_kind(status.st_mode)}; expected {expected}")
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
        raise _refuse(path, f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)


def read_stream(stream, policy: ReadPolicy = ReadPolicy()) -> bytes:
    """The bytes of standard input (``stream``, text or binary), within
    ``policy.limit``; :class:`FileRefused` when it is closed or too big."""
    if stream is None:  # the descriptor was closed before the command started
        raise _refuse(STDIN_NAME, "cannot be read: it is closed")
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(policy.limit + 1)
    except (OSError, ValueError) as error:
        raise _refuse(STDIN_NAME, f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    if len(data) > policy.limit:
        raise _refuse(STDIN_NAME, _too_big(len(data), policy.limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"is larger than {_megabytes(limit)} (at least {_megabytes(size)}); "
        "give --max-input-size MB to read larger files"
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"
