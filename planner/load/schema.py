"""What the export and scenario formats allow (formats.md sections 1, 2 and 5):
the fields of each record kind, the keys of a scenario, the accepted
spellings of flags and types, and the limits the loader holds inputs to.

A record kind is a table of fields (:data:`CLIENT_FIELDS`,
:data:`CONTACT_FIELDS`): its name, what it holds, whether it is required,
and its default. The loader reads every record through that table
(:mod:`planner.load.records`); to add a field, add it here and to the model.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from planner.load.yaml.problems import shown
from planner.model.office import COMPANY, PERSON
from planner.model.scenario import DEATH, LEAVE, REMOVE_CLIENT, REVOKE
from planner.text.messages import N_, _
from planner.text.typography import quoted

# -- the words a field may hold ---------------------------------------------------------

FLAG_WORDS = {"true": True, "false": False, "ja": True, "nee": False, "yes": True, "no": False}
#: What a flag may hold, as messages say it (translated where shown).
FLAG_EXPECTED = N_("true/false (also Ja/Nee, yes/no)")
#: The spellings seen in practice, looked up before any case folding.
FLAGS = {
    **{w: v for w, v in FLAG_WORDS.items()},
    **{w.capitalize(): v for w, v in FLAG_WORDS.items()},
    **{w.upper(): v for w, v in FLAG_WORDS.items()},
}

TYPE_WORDS = {"company": COMPANY, "person": PERSON, "bedrijf": COMPANY, "persoon": PERSON}
TYPE_EXPECTED = N_("company or person (also bedrijf, persoon)")
TYPES = {
    **TYPE_WORDS,
    **{w.capitalize(): v for w, v in TYPE_WORDS.items()},
    **{w.upper(): v for w, v in TYPE_WORDS.items()},
}

# ASCII digits only ([0-9], never \d): other scripts' digits are text here.
DATE_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DATE_EXPECTED = N_("a date YYYY-MM-DD")


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


# -- the records of an export (formats.md section 1) --------------------------------------

# What a field holds.
ID = "id"  # text, kept exactly as written, not empty: a record's own id or a reference
TEXT = "text"
FLAG = "flag"  # FLAG_WORDS, any case
CLIENT_TYPE = "type"  # TYPE_WORDS, any case
DATE = "date"  # YYYY-MM-DD, a real date
LINKS = "links"  # a mapping of the Beheer tab's other links to flags (INTEGRATIONS)

#: A default that is the record's own id (a record without a name shows its id).
SAME_AS_ID = "<the id>"


@dataclass(frozen=True)
class Field:
    name: str
    holds: str
    required: bool = False
    #: the value when the field is absent
    default: object = None


#: A Klant-Bedrijf or Klant-Persoon.
CLIENT_FIELDS = (
    Field("id", ID, required=True),
    Field("name", TEXT, default=SAME_AS_ID),
    Field("type", CLIENT_TYPE, required=True),
    Field("client_online", FLAG, required=True),
    Field("ended", FLAG, default=False),
    Field("email", TEXT),
    Field("birth_date", DATE),
    Field("integrations", LINKS, default=()),
)

#: A contactpersoon; ``client`` and ``main`` name other records.
CONTACT_FIELDS = (
    Field("id", ID, required=True),
    Field("client", ID, required=True),
    Field("name", TEXT, default=SAME_AS_ID),
    Field("email", TEXT),
    Field("birth_date", DATE),
    Field("main", ID),
    Field("client_online", FLAG, required=True),
    Field("ended", FLAG, default=False),
)

#: The keys of each relation type (the other keys name records by id, but
#: ``role``, a WWFT_ROLES word, and ``persons``, a list of two ids).
RELATION_KEYS = {
    "group": ("type", "parent", "member"),
    "wwft": ("type", "client", "person", "role"),
    "partner": ("type", "persons"),
}
WWFT_ROLES = ("ubo", "pseudo-ubo", "representative")

#: How a message names a record of each kind: with its id, and without.
RECORD_NAMES = {
    "client": (N_("client {id}"), N_("a client")),
    "contact": (N_("contact {id}"), N_("a contact")),
}
#: How a message names a relation of each type.
RELATION_NAMES = {
    "group": N_("a group relation"),
    "wwft": N_("a wwft relation"),
    "partner": N_("a partner relation"),
}


def record_what(kind: str, cid: str | None) -> str:
    """A record of ``kind`` as a message names it: client “A”, or a client."""
    named, some = RECORD_NAMES[kind]
    return _(named).format(id=shown(cid)) if cid else _(some)


def relation_what(kind: str) -> str:
    """A relation of type ``kind`` as a message names it: a group relation."""
    return _(RELATION_NAMES[kind])

#: The deepest chain of main links accepted (see records.check_depth).
MAX_MAIN_DEPTH = 50

#: ``exported``: the date of AuditCase's lists an export was imported from
#: (written by ``plan-removal import``; the checklist's "Export van").
EXPORT_KEYS = ("format", "exported", "clients", "contacts", "relations")
INLINE_EXPORT_KEYS = ("clients", "contacts", "relations")


def export_expected() -> str:
    """What an export file holds, as a message says it, in the active language."""
    return _("an AuditCase export: a mapping with {clients} (and {contacts}, {relations})").format(
        clients=quoted("clients"), contacts=quoted("contacts"), relations=quoted("relations")
    )


FORMAT_MAJOR = 1
FORMAT_PATTERN = re.compile(r"auditcase-export/([0-9]+)(?:\.([0-9]+))?")

# -- a scenario (formats.md sections 2 and 5) ------------------------------------------------

SCENARIO_KEYS = (
    "description",
    "export",
    *INLINE_EXPORT_KEYS,
    "events",
    "options",
    "decisions",
    "proposed",
    "expect",
)


def scenario_expected() -> str:
    """What a scenario file holds, as a message says it, in the active language."""
    return _("a scenario: a mapping with {events} and either {export} or inline {clients}").format(
        events=quoted("events"), export=quoted(_("export: <file>")), clients=quoted("clients")
    )


OPTION_KEYS = ("orphaned_clients",)
EXPECT_KEYS = ("plan", "findings")
EVENT_KEYS = {
    DEATH: ("person", "unlink"),
    LEAVE: ("person", "clients", "end_client", "unlink"),
    REVOKE: ("contact", "person", "client", "unlink"),
    REMOVE_CLIENT: ("client", "ends", "unlink"),
}
#: What an event's details look like, for a message about a malformed one:
#: the ways to write them (shown as "a or b").
EVENT_EXAMPLES = {
    DEATH: ("{person: ID}",),
    LEAVE: ("{person: ID, clients: [ID, ...], end_client: true}",),
    REVOKE: ("{contact: ID}", "{person: ID, client: ID}"),
    REMOVE_CLIENT: ("{client: ID, ends: true}",),
}
#: What staff may decide about a decide step (formats.md §5, "Decision options").
DECISION_CHOICES = ("keep", "remove")
FINDING_PATTERN = re.compile(r"([a-z]+(?:-[a-z]+)*)(?:@([1-9][0-9]{0,8}))?")

# -- limits ---------------------------------------------------------------------------

#: Exports of at least this many records are frozen out of the cyclic
#: garbage collector once loaded (see exportfile.no_gc).
FREEZE_AT = 20_000
