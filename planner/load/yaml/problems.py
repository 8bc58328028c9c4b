"""The problems found while loading one input, and how a value is shown in them.

Every check on the loading side reports through :class:`Problems`, naming a
place in the YAML tree (a key, a value, a list item, a mapping) rather than a
line: the place becomes ``file:line:col`` only when the problem is kept.

A quick read keeps no marks (see :mod:`planner.load.export_file`): then a report
only notes that the input has a problem, without building its message or
looking up its place, and the reader of the export decides to read it again
with marks. No exception leaves this module for that.
"""

from __future__ import annotations

from planner.load.yaml.reader import Document, Mapping
from planner.text import typography
from planner.text.errors import InputError, Problem
from planner.text.messages import _

#: The longest part of a value a message quotes: a value is the input's, and
#: the input may hold a megabyte where a name should be.
SHOWN = 40


def shown(value: str) -> str:
    """A value from the input as a message quotes it: in the active
    language's quotation marks, cut short, non-printables escaped
    (:func:`planner.text.typography.shown`, the one quoting of every input value)."""
    return typography.shown(value, SHOWN)


def describe(value) -> str:
    """What a value is, for "expected X; got Y", in the active language."""
    if value is None:
        return _("no value")
    if value.__class__ is str:
        return shown(value)
    if value.__class__ is Mapping:
        return _("a mapping")
    return _("a list")


def of(key: str, what: str) -> str:
    """A key of something, as a message names it: “id” of client “A”
    (``what`` in the active language)."""
    return _("{key} of {what}").format(key=typography.quoted(key), what=what)


def listed(words) -> str:
    """Words as a list in a message: "a, b, c" (the same in every language:
    the words are keys and codes, written as the input writes them)."""
    return ", ".join(words)


def one_of(words) -> str:
    """Alternatives in a message: "a, b or c" ("a, b of c" in Dutch)."""
    words = list(words)
    if len(words) == 1:
        return words[0]
    return _("{some} or {last}").format(some=", ".join(words[:-1]), last=words[-1])


class Problems:
    """What is wrong with one load, each problem at its place in a file.

    ``quick``: marks are not kept, so nothing is reported; :attr:`found`
    only says whether anything would have been.
    """

    def __init__(self, quick: bool = False) -> None:
        self.quick = quick
        self.found = False
        self.kept: list[Problem] = []

    def __len__(self) -> int:
        """How many problems so far (a quick read counts 1 for any): a check
        compares this before and after to see whether it found anything."""
        return len(self.kept) if not self.quick else int(self.found)

    def _add(self, doc: Document, place, message, code: str | None) -> None:
        self.found = True
        if self.quick:
            return
        if callable(message):
            message = message()
        self.kept.append(Problem(doc.mark(place()), message, code))

    # Each names its place as a function of the tree, called only when the
    # problem is kept: a quick read has no marks to look up.

    def at_key(self, doc: Document, m: Mapping, key: str, message, code: str | None = None) -> None:
        self._add(doc, lambda: m.key_ymark(key), message, code)

    def at_value(self, doc: Document, m: Mapping, key: str, message, code: str | None = None) -> None:
        self._add(doc, lambda: m.value_ymark(key), message, code)

    def at_item(self, doc: Document, seq, position: int, message, code: str | None = None) -> None:
        self._add(doc, lambda: seq.item_ymark(position), message, code)

    def at_node(self, doc: Document, node, message, code: str | None = None) -> None:
        """At the start of a mapping or list (kept in every read)."""
        self._add(doc, lambda: node.ymark, message, code)

    def extend(self, problems) -> None:
        """Problems found elsewhere (an export file's, for a scenario naming it)."""
        for problem in problems:
            self.found = True
            self.kept.append(problem)

    def raise_if_any(self) -> None:
        if self.kept:
            # An aliased node is walked once per alias: report each thing once.
            raise InputError(list(dict.fromkeys(self.kept)))

    def stop(self, problem: Problem) -> InputError:
        """The error for a problem that ends the load, with those found before."""
        return InputError(self.kept + [problem])
