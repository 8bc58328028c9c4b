"""What the export and scenario formats allow (formats.md sections 1 and 2):
the keys, words and limits the loader checks against, and the small helpers
that describe a value in a message."""

from __future__ import annotations

import datetime
import re
import string
from functools import lru_cache

from planner.model import (
    COMPANY,
    PERSON,
)
from planner.scenario import (
    DEATH,
    LEAVE,
    REMOVE_CLIENT,
    REVOKE,
)
from planner.yamlread import Mapping

# -- what the formats allow (formats.md sections 1 and 2) ---------------------

#: The deepest chain of main links accepted (see ExportParts.check_depth).
MAX_MAIN_DEPTH = 50

EXPORT_KEYS = ("format", "clients", "contacts", "relations")
INLINE_EXPORT_KEYS = ("clients", "contacts", "relations")
CLIENT_KEYS = ("id", "name", "type", "client_online", "ended", "email", "birth_date", "integrations")
CONTACT_KEYS = ("id", "client", "name", "email", "birth_date", "main", "client_online", "ended")
SCENARIO_KEYS = (
    "description",
    "export",
    *INLINE_EXPORT_KEYS,
    "events",
    "options",
    "proposed",
    "expect",
)
OPTION_KEYS = ("orphaned_clients",)
EXPECT_KEYS = ("plan", "findings")
EVENT_KEYS = {
    DEATH: ("person", "unlink"),
    LEAVE: ("person", "clients", "end_client", "unlink"),
    REVOKE: ("contact", "person", "client", "unlink"),
    REMOVE_CLIENT: ("client", "unlink"),
}
RELATION_KEYS = {
    "group": frozenset(("type", "parent", "member")),
    "wwft": frozenset(("type", "client", "person", "role")),
    "partner": frozenset(("type", "persons")),
}
RELATION_KEY_ORDER = ("type", "parent", "member", "client", "person", "role", "persons")
WWFT_ROLES = ("ubo", "pseudo-ubo", "representative")

CLIENT_KEYSET = frozenset(CLIENT_KEYS)
CONTACT_KEYSET = frozenset(CONTACT_KEYS)

FORMAT_MAJOR = 1
FORMAT_PATTERN = re.compile(r"auditcase-export/([0-9]+)(?:\.([0-9]+))?")

FLAG_WORDS = {"true": True, "false": False, "ja": True, "nee": False, "yes": True, "no": False}
FLAG_EXPECTED = "true/false (also Ja/Nee, yes/no)"
#: The spellings seen in practice, looked up before any case folding.
FLAGS = {
    **{w: v for w, v in FLAG_WORDS.items()},
    **{w.capitalize(): v for w, v in FLAG_WORDS.items()},
    **{w.upper(): v for w, v in FLAG_WORDS.items()},
}

TYPE_WORDS = {"company": COMPANY, "person": PERSON, "bedrijf": COMPANY, "persoon": PERSON}
TYPE_EXPECTED = "company or person (also bedrijf, persoon)"
TYPES = {
    **TYPE_WORDS,
    **{w.capitalize(): v for w, v in TYPE_WORDS.items()},
    **{w.upper(): v for w, v in TYPE_WORDS.items()},
}

# ASCII digits only ([0-9], never \d): other scripts' digits are text here.
DATE_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
FINDING_PATTERN = re.compile(r"([a-z]+(?:-[a-z]+)*)(?:@([1-9][0-9]{0,8}))?")

EXPORT_EXPECTED = "an AuditCase export: a mapping with 'clients' (and 'contacts', 'relations')"
SCENARIO_EXPECTED = (
    "a scenario: a mapping with 'events' and either 'export: <file>' or inline 'clients'"
)

#: "Did you mean" look-ups per load; each can scan every id of a small export.
SUGGESTION_BUDGET = 50
#: The longest id a "did you mean" is looked for (real ids are a few dozen
#: characters; the search grows with the square of the length).
SUGGEST_MAX_LENGTH = 64
#: Characters tried when looking for an id one typo away.
ID_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_@.")
#: Exports of at least this many records are frozen out of the cyclic
#: garbage collector once loaded (see _no_gc).
FREEZE_AT = 20_000


def describe(value) -> str:
    if value is None:
        return "no value"
    if value.__class__ is str:
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if value.__class__ is Mapping:
        return "a mapping"
    return "a list"


def quote_all(words) -> str:
    return ", ".join(words)


def one_of(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


@lru_cache(maxsize=65536)
def real_date(text: str) -> bool:
    found = DATE_PATTERN.fullmatch(text)
    if found is None:
        return False
    try:
        datetime.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return False
    return True


# A big export holds 170,000 records, each with its mark; a frozen
# dataclass's __init__ sets every field through object.__setattr__, which
# costs twice what filling the slots directly costs. These build the same
# objects the direct way; the asserts keep them in step with the model.
