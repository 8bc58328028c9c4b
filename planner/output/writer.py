"""Everything plan-removal writes: files, standard output and standard error.

:func:`write_file` is the one writer of files (``-o``, ``--junit-xml``, and
every report): it never writes over one of the run's inputs, writes into a
named pipe or a device rather than replacing it, replaces a regular file
atomically (a reader sees the old file or the new one, never half of one),
gives a new file the mode the umask allows and keeps an existing file's
mode, creates missing folders, and leaves no temporary file behind when the
write fails (a full disk, the file size limit).

A file name may come from a checkout a pull request changed (a committed
``plan-removal.sarif`` that is a symbolic link), so :func:`write_file` writes
through no symbolic link that dangles, and through no link in the working
directory's tree, or in the repository that holds it, that leads outside
the working directory's tree — neither the file's own name nor a folder on
its way (:func:`check_links`). Such an output is refused, naming it, and
nothing is written or created. A link elsewhere (``/dev/stdout``, a system's
``/tmp``) is the machine's, not the checkout's, and is followed.

:class:`Streams` writes standard output and standard error, each line
through :mod:`planner.output.neutral`; a closed or full stream ends the run with
one line saying so, not a traceback.

Anything that goes wrong is an :class:`OutputError` (exit status 2).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
from typing import Iterable

from planner.output import neutral


def N_(message: str) -> str:
    """Mark a message for the catalogue (babel extracts every ``N_("…")``):
    this layer knows no catalogue, so the command line translates it."""
    return message


class OutputError(Exception):
    """An output that cannot be written; the message says which and why.

    The message is kept as its English text (:attr:`template`, marked for
    the catalogue) and the values put into it (:attr:`values`): this layer
    sits beside the message catalogue, not above it, so the command line
    says it in the language asked for (:meth:`said`)."""

    def __init__(self, template: str, **values: str) -> None:
        self.template, self.values = template, values
        super().__init__(template.format(**values))

    def said(self, translate) -> str:
        """The message in the language of ``translate`` (a message's text in
        the catalogue's language); the system's reason too, when the
        catalogue holds it (:data:`REASONS`)."""
        values = {**self.values, **({"reason": translate(self.values["reason"])} if "reason" in self.values else {})}
        return translate(self.template).format(**values)


#: What the system says about a failed write, as Linux says it in English,
#: for the catalogue to translate; any other reason is said as the system says it.
REASONS = {
    errno.ENOSPC: N_("No space left on device"),
    errno.EPIPE: N_("Broken pipe"),
    errno.EFBIG: N_("File too large"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENOENT: N_("No such file or directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
}


def reason(error: OSError) -> str:
    """Why the system refused: in :data:`REASONS`' words where it has them."""
    return REASONS.get(error.errno) or error.strerror or str(error)


def _refused(path: str, template: str, **values: str) -> OutputError:
    """Why ``path`` is not written: ``template`` names it as ``{path}``."""
    return OutputError(template, path=neutral.visible(path), **values)


def _failed(path: str, error: OSError) -> OutputError:
    """What the system said when writing ``path`` failed."""
    return _refused(path, N_("cannot write {path}: {reason}"), reason=reason(error))


def _same_file(path: str, other: str) -> bool:
    try:
        return os.path.realpath(path) == os.path.realpath(other) or os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def write_file(path: str, data: bytes, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to the file ``path``; never over one of ``inputs``."""
    if not path:
        raise OutputError(N_("an output file needs a name; the one given is empty"))
    if "\0" in path:
        raise _refused(path, N_("cannot write {path}: a file name cannot hold a NUL character"))
    for given in inputs:
        if _same_file(path, given):
            raise _refused(path, N_("cannot write {path}: that would overwrite the input file {input}"),
                           input=neutral.visible(given))
    check_links(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _failed(path, error) from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_into(path, status.st_mode, data)
        return
    _replace(os.path.realpath(path), path, data, None if status is None else stat.S_IMODE(status.st_mode))


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _checkout(here: str) -> str:
    """The repository the working directory ``here`` is in: the first folder
    at or above it that holds ``.git``, looked for up to the home folder;
    ``here`` itself when there is none."""
    home = os.path.realpath(os.path.expanduser("~"))
    folder = here
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if folder == home or parent == folder:
            return here
        folder = parent


def check_links(path: str) -> None:
    """Follow ``path`` a name at a time, as the system will when it is written,
    and refuse it if a symbolic link on its way dangles, or lies in the
    working directory's tree (or its repository's) and leads outside the
    working directory's tree; a ``..`` after a link goes up from where the
    link leads, as the system's own resolution does."""
    if "\0" in path:
        return  # no file name: write_file says so
    try:
        here = os.path.realpath(os.getcwd())
    except OSError as error:
        raise _refused(path, N_("cannot write {path}: the working directory is gone ({reason})"),
                       reason=reason(error)) from None
    guarded = _checkout(here)
    current = os.sep if os.path.isabs(path) else here
    for name in path.split(os.sep):
        if name in ("", "."):
            continue
        if name == "..":
            current = os.path.dirname(current)
            continue
        candidate = os.path.join(current, name)
        if not os.path.islink(candidate):
            current = candidate  # a file or folder, or the first that is still to be made
            continue
        shown = neutral.visible(candidate)
        try:
            os.stat(candidate)
        except FileNotFoundError:
            raise _refused(path, N_(
                "cannot write {path}: {link} is a symbolic link to {target}, which does not exist (a "
                "dangling link); plan-removal writes through no such link: remove the link, or name "
                "another file"
            ), link=shown, target=neutral.visible(os.readlink(candidate))) from None
        except OSError as error:  # a loop of links, a folder that cannot be searched
            raise _refused(path, N_("cannot write {path}: {link}: {reason}"), link=shown,
                           reason=reason(error)) from None
        target = os.path.realpath(candidate)
        if (_within(current, here) or _within(current, guarded)) and not _within(target, here):
            raise _refused(path, N_(
                "cannot write {path}: {link} is a symbolic link to {target}, outside the working "
                "directory {folder}; plan-removal writes through no link in the checkout that leads "
                "out of it: name the file where it is, or remove the link"
            ), link=shown, target=neutral.visible(target), folder=neutral.visible(here))
        current = target


def _write_into(path: str, mode: int, data: bytes) -> None:
    """Write into a named pipe or a character device (``/dev/null``,
    ``/dev/stdout``), which must stay what it is; refuse anything else."""
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        if stat.S_ISDIR(mode):
            raise _refused(path, N_("cannot write {path}: it is a folder"))
        raise _refused(path, N_("cannot write {path}: it is not a regular file"))
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError as error:
        raise _failed(path, error) from None


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
        raise _failed(path, error) from None
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


#: Why a stream cannot be written, per stream: (closed, what the system said).
_OUT = (N_("cannot write to standard output: it is closed"), N_("cannot write to standard output: {reason}"))
_ERR = (N_("cannot write to standard error: it is closed"), N_("cannot write to standard error: {reason}"))


class Streams:
    """Standard output and standard error, each line made safe to show.

    ``lang`` is the language the command speaks (:mod:`planner.cli.command`
    sets it from ``--lang``), kept here for the lines written after the
    command's own context ended: its errors."""

    def __init__(self, out=None, err=None, lang: str | None = None) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.lang = lang

    def say(self, text: str) -> None:
        """One line on standard output: a newline in it is shown, not kept."""
        self._write(self.out, neutral.line(text) + "\n", _OUT)

    def tell(self, text: str) -> None:
        """One line on standard error: a newline in it is shown, not kept."""
        self._write(self.err, neutral.line(text) + "\n", _ERR)

    def tell_block(self, text: str) -> None:
        """Lines of our own on standard error (a traceback), each made safe."""
        self._write(self.err, neutral.lines(text.rstrip("\n")) + "\n", _ERR)

    def say_block(self, text: str) -> None:
        """Lines of our own on standard output (a code's documentation)."""
        self._write(self.out, neutral.lines(text.rstrip("\n")) + "\n", _OUT)

    def document(self, text: str, commands: bool = False) -> None:
        """A rendered document on standard output: its values were made safe
        as it was rendered (:mod:`planner.checklist.render`, :func:`neutral.json_text`,
        and the reports of :mod:`planner.ci.reports`), and no line of it is
        read as a CI runner's command (:func:`neutral.document`) — unless it
        is ``commands``, GitHub's annotations, which start with ``::`` on
        purpose and whose values :func:`planner.ci.reports.github_line` escapes."""
        self._write(self.out, text if commands else neutral.document(text), _OUT)

    def _write(self, stream, text: str, why: tuple[str, str]) -> None:
        closed, failed = why
        if stream is None:  # the descriptor was closed before the command started
            raise OutputError(closed)
        try:
            stream.write(text)
            stream.flush()
        except (OSError, ValueError) as error:  # closed (EPIPE, a closed file) or full (ENOSPC)
            _silence(stream)
            if not getattr(error, "strerror", None):
                raise OutputError(closed) from None
            raise OutputError(failed, reason=reason(error)) from None


def _silence(stream) -> None:
    """After a failed write, point the stream at /dev/null, so that Python's
    own flush at exit does not fail again with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
