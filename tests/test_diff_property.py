"""A property over the real path: ``plan-removal diff`` misses no login.

For a random office (tests/yaml_strategies.py: ids of every shape, flags and
layouts every way the format allows) and a random sequence of field changes
made one at a time — a contact switched off or on, a klant switched off or
on, a contact unlinked, a contact linked under a person client or another
contact — the independent naive portal (tests/naive_portal.py) says which
logins Cliënt Online creates after each change. The first and the last
export are written as files and compared by the installed command, as JSON.
Every login the sequence created must be in the diff: as a new login, or as
an order of the changes that mails; and where its person already had a
login, or ends with no access at all, as an error or a warning about that
person.

Each field changes at most once, as between two exports: a field changed and
changed back leaves no trace in either export, so nothing could report it.
A contact moved to another main person is unlinked first, as AuditCase asks.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, note
from hypothesis import strategies as st
from naive_portal import portal
from test_real_path import budget
from yaml_strategies import Office, offices, render_export, styles

# The installed command, thirty times: the quick loop leaves it to CI.
pytestmark = pytest.mark.slow


@st.composite
def changes(draw, office: Office) -> list[tuple]:
    """A sequence of field changes over ``office``, each field at most once."""
    steps: list[tuple] = []
    touched: set[tuple[str, str]] = set()
    current = office
    for _ in range(draw(st.integers(1, 6))):
        options = _possible(current, touched)
        if not options:
            break
        step = draw(st.sampled_from(options))
        for part in step:
            touched.add((part[1], "main" if part[0] in ("unlink", "link") else part[0].rsplit("_", 1)[0]))
            current = current.after(*part)
            steps.append(part)
    return steps


def _possible(office: Office, touched) -> list[tuple]:
    """Each change one may make next: a tuple of one step, or of an unlink
    and a link (a contact moved to another main person)."""
    found: list[tuple] = []
    for c in office.clients:
        if (c["id"], "client") not in touched:
            found.append((("client_on" if not c["client_online"] else "client_off", c["id"]),))
    for c in office.contacts:
        if (c["id"], "contact") not in touched:
            found.append((("contact_on" if not c["client_online"] else "contact_off", c["id"]),))
        if (c["id"], "main") in touched:
            continue
        if c["main"] is not None:
            found.append((("unlink", c["id"]),))
        for main in _mains(office, c["id"]):
            if main != c["main"]:
                link = ("link", c["id"], main)
                found.append(((("unlink", c["id"]), link) if c["main"] is not None else (link,)))
    return found


def _mains(office: Office, contact: str) -> list[str]:
    """The records AuditCase lets ``contact`` be linked under: a person
    client or another contact that is not linked below it."""
    people = [c["id"] for c in office.clients if c["type"] == "person"]
    others = [c["id"] for c in office.contacts if c["id"] != contact and contact not in _chain(office, c["id"])]
    return people + others


def _chain(office: Office, record: str) -> list[str]:
    contacts, found = office.contact_ids, [record]
    while record in contacts and contacts[record]["main"] is not None:
        record = contacts[record]["main"]
        found.append(record)
    return found


def _logins(office: Office) -> set[str]:
    return {login for login, _ in portal(office.naive(), ())["memberships"]}


@budget(30)
@given(st.data())
def test_every_login_the_changes_made_is_in_the_diff(data):
    office = data.draw(offices())
    style = data.draw(styles(office))
    steps = data.draw(changes(office))
    states = [office]
    for step in steps:
        states.append(states[-1].after(*step))
    created: set[str] = set()
    for old, new in zip(states, states[1:]):
        created |= _logins(new) - _logins(old)
    note(f"steps: {steps}; logins created: {sorted(created)}")
    first, last = states[0], states[-1]
    with tempfile.TemporaryDirectory() as folder:
        for name, state in (("before.yaml", first), ("after.yaml", last)):
            text = "\n".join(["format: auditcase-export/1", *render_export(state, style)]) + "\n"
            Path(folder, name).write_text(text, encoding="utf-8")
        result = run_cli("diff", "before.yaml", "after.yaml", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    new_logins = {e["login"] for p in report["people"] for e in p["events"] if e["event"] == "login-created"}
    orders = {o["login"] for o in report["orders"]}
    flagged = {(f["subject"], f["severity"]) for f in report["findings"]}
    started = _logins(first)
    final = portal(last.naive(), ())
    for login in sorted(created):
        assert login in new_logins | orders, f"the login {login!r} made by {steps} is not in the diff"
        person = first.root(login) if login in first.client_ids or login in first.contact_ids else login
        had_one = person in started
        tree = first.tree(person) if person in first.client_ids or person in first.contact_ids else [person]
        ends_without = not any(record in final["users"] for record in tree)
        if had_one or ends_without:
            assert (person, "error") in flagged or (person, "warning") in flagged, (login, person, report["findings"])
