"""The CI configuration, ``.plan-removal.yaml``, as linters' own are found and read.

Like yamllint's ``.yamllint``, the file is looked for in the working
directory, then in each folder above it, up to the repository's root (the
first folder that holds ``.git``) or the home folder, whichever comes first
(formats.md §6): a file in someone else's folder above the checkout is never
obeyed. ``--config FILE`` names one instead. The one in use is named in every
report (``Config.path``); one that is not a regular file (a FIFO, a
folder) is an error naming it. It holds two keys, both optional::

    rules:                          # raise, lower or switch off a code
      unused-export: {level: error}
      order: {level: off}
    exclude:                        # files --check and --lint never take
      - drafts/*
      - "*.draft.yaml"

A level is ``error``, ``warning``, ``info`` or ``off``. An ``exclude``
pattern uses shell wildcards and, as in ``.gitignore``, one without a ``/``
names a file or folder at any depth (``drafts``, ``*.draft.yaml``), while
one with a ``/`` is matched against the path from the folder that holds the
configuration (``scenarios/old/*``); a folder that matches leaves out
everything under it.

The file is read by the project's YAML reader and checked field by field
(:mod:`planner.load.fields`), so a mistake is reported as
``file:line:col: what is wrong, what was expected`` (exit status 2). The
configuration governs CI runs only (``--check``, ``--lint``,
``--list-rules``): a checklist for staff says what the portal will do
whatever a CI policy lowers.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field

from planner.ci.catalogue import BY_ID, CODES, CONFIGURABLE
from planner.load.export_file import root_mapping
from planner.load.fields import FieldChecks
from planner.load.files import ReadPolicy, read_file
from planner.load.yaml.problems import Problems, listed, one_of, shown
from planner.load.yaml.reader import Document, Mapping, read
from planner.text.messages import N_, _
from planner.text.suggest import did_you_mean
from planner.text.typography import quoted

#: The file's name, looked for in the working directory and above.
CONFIG_NAME = ".plan-removal.yaml"
#: The levels a code may be given; ``off`` drops it from every report.
OFF = "off"
LEVELS = ("error", "warning", "info", OFF)
CONFIG_KEYS = ("rules", "exclude")
RULE_KEYS = ("level",)
#: The codes whose level stays as it is.
FIXED = tuple(code.id for code in CODES if not code.configurable)
#: What the file and a code's entry should hold (translated where said).
CONFIG_EXPECTED = N_("a plan-removal configuration: a mapping with {rules} and {exclude}")
LEVEL_EXPECTED = N_("a mapping {example}")


@dataclass(frozen=True)
class Config:
    """What a configuration says; the default one says nothing."""

    #: the file it was read from, as shown in messages; None for the default
    path: str | None = None
    #: code -> level (or ``off``) for each code the file sets
    levels: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    #: the folder ``exclude`` patterns are relative to
    folder: str = "."

    def excluded(self, path: str) -> bool:
        """Whether ``path`` (a file found or given) is left out of the run."""
        if os.path.basename(path) == CONFIG_NAME or (
            self.path is not None and _same(path, self.path)
        ):
            return True  # a configuration is never a fixture
        if not self.exclude:
            return False
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(self.folder))
        parts = relative.replace(os.sep, "/").split("/")
        # The file and each folder on its way, from the configuration's folder.
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        for pattern in self.exclude:
            pattern = pattern.strip("/") if "/" in pattern.rstrip("/") else pattern.rstrip("/")
            # As in .gitignore: a pattern with no "/" names a file or folder at any depth.
            names = prefixes if "/" in pattern else parts
            if any(fnmatch.fnmatchcase(name, pattern) for name in names):
                return True
        return False


def _same(path: str, other: str) -> bool:
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def find_config(start: str) -> str | None:
    """The nearest ``.plan-removal.yaml`` in ``start`` or a folder above it,
    up to the first folder that holds ``.git`` (included) or the home folder
    (included), as a path relative to ``start`` where that is shorter; None
    if none."""
    folder = os.path.abspath(start)
    home = os.path.realpath(os.path.expanduser("~"))
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.lexists(candidate):
            relative = os.path.relpath(candidate, start)
            return relative if len(relative) < len(candidate) else candidate
        parent = os.path.dirname(folder)
        if parent == folder or os.path.lexists(os.path.join(folder, ".git")):
            return None
        if folder == home or os.path.realpath(folder) == home:
            return None
        folder = parent


def load_config(path: str | None, policy: ReadPolicy = ReadPolicy()) -> Config:
    """The configuration in ``path``; the default one for None.

    Raises :class:`~planner.text.errors.InputError` naming the line and column of
    each mistake, or why the file cannot be read.
    """
    if path is None:
        return Config()
    data, _stamp = read_file(path, policy, expected=_("a configuration file ({name})").format(name=CONFIG_NAME))
    folder = os.path.dirname(path) or "."
    if not data.strip() or _only_comments(data):
        return Config(path=path, folder=folder)  # a file of comments sets nothing
    problems, doc = Problems(), Document(path)
    checks = FieldChecks(problems, doc)
    expected = _(CONFIG_EXPECTED).format(rules=quoted("rules"), exclude=quoted("exclude"))
    what = _("the configuration")
    read(data, doc, expected, problems.kept)
    root = root_mapping(doc, expected, problems)
    checks.keys(root, CONFIG_KEYS, what)
    levels = _levels(checks, root)
    exclude = ()
    patterns = checks.sequence(root, "exclude", what)
    if patterns is not None:
        exclude = tuple(checks.ids(patterns, quoted("exclude"), _("a file pattern such as {example}").format(
            example=quoted("drafts/*"))))
    problems.raise_if_any()
    return Config(path=path, levels=levels, exclude=exclude, folder=folder)


def _levels(checks: FieldChecks, root: Mapping) -> dict[str, str]:
    """``rules:``: each code's level, every mistake reported at its place."""
    rules = checks.mapping(root, "rules", _("the configuration"))
    if rules is None:
        return {}
    levels = {}
    for code, value in rules.index.items():
        if code not in BY_ID:
            checks.problems.at_key(checks.doc, rules, code, lambda code=code: _unknown_code(code))
            continue
        if code not in CONFIGURABLE:
            checks.problems.at_key(
                checks.doc, rules, code,
                _("the level of {code} cannot be changed (a file it is reported for was not "
                  "checked); expected a code other than {codes}").format(code=shown(code), codes=one_of(FIXED)),
            )
            continue
        if value.__class__ is not Mapping:
            checks.wrong(rules, code, quoted("rules"), _(LEVEL_EXPECTED).format(
                example="{level: error | warning | info | off}"))
            continue
        what = quoted(f"rules: {code}")
        checks.keys(value, RULE_KEYS, what)
        level = checks.choice(value, "level", what, LEVELS, None)
        if level is not None:
            levels[code] = level
    return levels


def _unknown_code(code: str) -> str:
    """A code under ``rules:`` that plan-removal does not report (or whose level is fixed)."""
    return _("unknown code {code} under {rules}").format(code=shown(code), rules=quoted("rules")) + did_you_mean(
        code, CONFIGURABLE, otherwise=";") + " " + _("expected one of: {keys}").format(keys=listed(CONFIGURABLE))


def _only_comments(data: bytes) -> bool:
    """A file of comments and blank lines only: YAML reads no document."""
    for line in data.splitlines():
        text = line.strip()
        if text and not text.startswith(b"#"):
            return False
    return True
