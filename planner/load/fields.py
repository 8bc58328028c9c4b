"""Checks of one field of a mapping, shared by every part of the loader.

Each check reports what is wrong at the field's place and returns a usable
value (or None), so that one read finds every mistake in a file rather than
stopping at the first. What each field may hold is in :mod:`planner.load.schema`.
"""

from __future__ import annotations

from planner.load.schema import DATE_EXPECTED, DATE_PATTERN, FLAG_EXPECTED, FLAG_WORDS, FLAGS, real_date
from planner.load.yaml.problems import Problems, describe, listed, of, one_of, shown
from planner.load.yaml.reader import Document, Mapping, Sequence
from planner.text.messages import N_, _
from planner.text.suggest import did_you_mean
from planner.text.typography import quoted

#: What a message calls a key that is not allowed, by the kind of key:
#: without and with the place it is in.
UNKNOWN = {
    "key": (N_("unknown key {key}"), N_("unknown key {key} in {what}")),
    "event": (N_("unknown event {key}"), N_("unknown event {key} in {what}")),
    "action": (N_("unknown action {key}"), N_("unknown action {key} in {what}")),
}


class FieldChecks:
    """The field checks for one file (``doc``), reporting to ``problems``.

    ``what`` names, in the active language, the thing a field belongs to
    ("client “A”", "the scenario"); ``expected`` says, in the active
    language, what the field should hold.
    """

    def __init__(self, problems: Problems, doc: Document) -> None:
        self.problems = problems
        self.doc = doc

    # -- keys --

    def keys(self, m: Mapping, allowed, what: str) -> None:
        for key in m.index:
            if key not in allowed:
                self.unknown_key(m, key, allowed, what)

    def unknown_key(self, m: Mapping, key: str, allowed, what: str | None = None,
                    kind: str = "key") -> None:
        """A key not ``allowed`` (``kind`` of key: a "key", an "event", an "action")."""

        def message() -> str:
            bare, placed = UNKNOWN[kind]
            head = _(placed if what else bare).format(key=shown(key), what=what)
            return head + did_you_mean(key, allowed, otherwise=";") + " " + _(
                "expected one of: {keys}"
            ).format(keys=listed(allowed))

        self.problems.at_key(self.doc, m, key, message)

    def missing(self, m: Mapping, key: str, what: str, expected: str) -> None:
        if key in m.index:
            self.problems.at_value(
                self.doc, m, key,
                _("{place} has no value; expected {expected}").format(place=of(key, what), expected=expected),
            )
        else:
            self.problems.at_node(
                self.doc, m,
                _("{what} has no {key}; expected {expected}").format(what=what, key=quoted(key), expected=expected),
            )

    def wrong(self, m: Mapping, key: str, what: str, expected: str) -> None:
        self.problems.at_value(
            self.doc, m, key,
            lambda: _("{place} is {value}; expected {expected}").format(
                place=of(key, what), value=describe(m.index.get(key)), expected=expected
            ),
        )

    # -- one value each: reported when wrong, a usable value returned --

    def text(self, m: Mapping, key: str, what: str, required: bool = False):
        """A text value or None."""
        value = m.index.get(key)
        if value is None:
            if required:
                self.missing(m, key, what, _("text"))
            return None
        if value.__class__ is not str:
            self.wrong(m, key, what, _("text"))
            return None
        return value

    def ident(self, m: Mapping, key: str, what: str, required: bool = True):
        """An id: text, kept exactly as written, not empty."""
        value = m.index.get(key)
        if value is None:
            if required:
                self.missing(m, key, what, _("an id"))
            return None
        if value.__class__ is not str or not value:
            self.wrong(m, key, what, _("an id"))
            return None
        return value

    def flag(self, m: Mapping, key: str, what: str, default):
        """A flag; ``default`` None makes it required."""
        value = m.index.get(key)
        if value is None:
            if default is None:
                self.missing(m, key, what, _(FLAG_EXPECTED))
            return default
        found = FLAGS.get(value)
        if found is None and value.__class__ is str:
            found = FLAG_WORDS.get(value.lower())
        if found is None:
            self.wrong(m, key, what, _(FLAG_EXPECTED))
            return default
        return found

    def date(self, m: Mapping, key: str, what: str):
        value = m.index.get(key)
        if value is None:
            return None
        if value.__class__ is not str:
            self.wrong(m, key, what, _(DATE_EXPECTED))
            return None
        if real_date(value):
            return value
        if DATE_PATTERN.fullmatch(value):
            self.problems.at_value(
                self.doc, m, key,
                _("{place} is {value}, which is not a real date; expected {expected}").format(
                    place=of(key, what), value=shown(value), expected=_(DATE_EXPECTED)
                ),
            )
        else:
            self.wrong(m, key, what, _(DATE_EXPECTED))
        return None

    def choice(self, m: Mapping, key: str, what: str, choices, default):
        """One of ``choices`` (any case); ``default`` None makes it required."""
        value = m.index.get(key)
        if value is None:
            if default is None:
                self.missing(m, key, what, one_of(choices))
            return default
        if value in choices:
            return value
        if value.__class__ is str and value.lower() in choices:
            return value.lower()
        self.wrong(m, key, what, one_of(choices))
        return default

    def words(self, m: Mapping, key: str, what: str, words: dict, expected: str):
        """A value from ``words`` (looked up in lower case); required."""
        value = m.index.get(key)
        if value.__class__ is str and value.lower() in words:
            return words[value.lower()]
        if value is None:
            self.missing(m, key, what, expected)
        else:
            self.wrong(m, key, what, expected)
        return None

    def container(self, m: Mapping, key: str, what: str, kind, required: bool = False):
        """The list or mapping (``kind``) under ``key``, or None (absent, or
        reported as wrong)."""
        expected = _("a list") if kind is Sequence else _("a mapping")
        value = m.index.get(key)
        if value is None:
            if required:
                self.missing(m, key, what, expected)
            return None
        if value.__class__ is not kind:
            self.wrong(m, key, what, expected)
            return None
        return value

    def sequence(self, m: Mapping, key: str, what: str, required: bool = False):
        return self.container(m, key, what, Sequence, required)

    def mapping(self, m: Mapping, key: str, what: str):
        return self.container(m, key, what, Mapping)

    def ids(self, seq: Sequence, label: str, expected: str) -> list[str]:
        """The ids listed in ``seq``; each item that is no id is reported."""
        ids = []
        for position, value in enumerate(seq.items):
            if value.__class__ is not str or not value:
                self.problems.at_item(
                    self.doc, seq, position,
                    lambda value=value: _("{label}: expected {expected}; got {value}").format(
                        label=label, expected=expected, value=describe(value)
                    ),
                )
            else:
                ids.append(value)
        return ids
