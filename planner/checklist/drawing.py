"""A schematic drawing of the situation, like the article's figures, laid out
by code: one column per cliënt, its user records beneath it, main links as
arrows, each record marked with the login it belongs to.

The drawing is plain data (boxes and paths with coordinates); the HTML
template turns it into inline SVG.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.naming import natural_key
from planner.portal.state import State

COLUMN = 190
GAP = 36
MARGIN = 30
HEAD = 46
ROW = 44
BOX = 34
PALETTE = 6  # login colours in the stylesheet: login-0 … login-5


@dataclass(frozen=True)
class Box:
    id: str
    x: int
    y: int
    w: int
    h: int
    title: str
    subtitle: str
    kind: str  # "company", "person" or "contact"
    on_portal: bool
    #: index of the login's colour, or None when the record is no user
    login: int | None
    login_id: str
    login_label: str


@dataclass(frozen=True)
class Arrow:
    path: str
    #: the link as AuditCase has it: broken links are not drawn
    source: str
    target: str


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


def involved(start: State, logins) -> tuple[list[str], dict[str, list[str]]]:
    """The klanten to draw and, per klant, the contacts to draw beneath it."""
    export = start.export
    records: dict[str, None] = {}
    for login_id in logins:
        for record_id in start.tree(login_id):
            records[record_id] = None
    clients: dict[str, None] = {}
    for record_id in records:
        clients[export.client_of(record_id)] = None
    persons = sorted((k for k in clients if export.clients[k].is_person), key=natural_key)
    companies = sorted((k for k in clients if not export.clients[k].is_person), key=natural_key)
    columns = persons + companies
    contacts = {
        k: [
            c
            for c in export.contacts_by_client.get(k, ())
            if c in records or start.is_user(c)
        ]
        for k in columns
    }
    return columns, contacts


def layout(state: State, columns, contacts, colours: dict[str, int], label) -> Drawing:
    export = state.export
    boxes: list[Box] = []
    where: dict[str, Box] = {}
    tallest = 0
    for i, client_id in enumerate(columns):
        x = MARGIN + i * (COLUMN + GAP)
        client = export.clients[client_id]
        login_id = state.root(client_id) if state.is_user(client_id) else None
        head = Box(
            client_id, x, MARGIN, COLUMN, HEAD, client.name, client_id,
            client.type, state.client_on(client_id),
            colours.get(login_id) if login_id else None,
            login_id or "",
            label(login_id) if login_id else "",
        )
        boxes.append(head)
        where[client_id] = head
        for j, contact_id in enumerate(contacts[client_id]):
            y = MARGIN + HEAD + 16 + j * ROW
            user = state.is_user(contact_id)
            root = state.root(contact_id) if user else None
            box = Box(
                contact_id, x + 14, y, COLUMN - 14, BOX, export.contacts[contact_id].name,
                contact_id, "contact", user,
                colours.get(root) if root else None,
                root or "",
                label(root) if root else "",
            )
            boxes.append(box)
            where[contact_id] = box
        tallest = max(tallest, len(contacts[client_id]))
    floor = MARGIN + HEAD + 16 + tallest * ROW
    arrows = []
    for box in boxes:
        main = state.main(box.id) if box.kind == "contact" else None
        if main is None or main not in where:
            continue
        arrows.append(Arrow(_route(box, where[main], len(arrows), floor), box.id, main))
    width = 2 * MARGIN + len(columns) * (COLUMN + GAP) - GAP
    height = floor + 16 + len(arrows) * 6 + MARGIN
    return Drawing(max(width, 200), height, tuple(boxes), tuple(arrows))


def _route(source: Box, target: Box, lane: int, floor: int) -> str:
    """An arrow from a linked record to its main record that stays clear of
    the boxes: out to the gap left of the source, down to its own lane under
    the drawing, across, and up the gap left of the target."""
    inset = 6 + (lane % 5) * 4
    sy = source.y + source.h // 2
    ty = target.y + target.h // 2
    y = floor + 8 + lane * 6
    return (
        f"M{source.x} {sy} H{source.x - inset} V{y} "
        f"H{target.x - inset} V{ty} H{target.x}"
    )


#: A drawing is for a situation a person can take in at a glance; a larger
#: one (a company with thousands of contact persons leaving) is not drawn.
MAX_COLUMNS = 10
MAX_BOXES = 80


def drawings(trace, label, logins=None) -> tuple[Drawing, Drawing] | None:
    """The situation before the first step and after the last, drawn for
    ``logins`` (by default those a step touches); None when it is too large
    to draw."""
    columns, contacts = involved(trace.start, trace.logins if logins is None else logins)
    if len(columns) > MAX_COLUMNS or len(columns) + sum(map(len, contacts.values())) > MAX_BOXES:
        return None
    colours: dict[str, int] = {}
    for state in (trace.start, trace.end):
        for client_id in columns:
            for record_id in (client_id, *contacts[client_id]):
                if state.is_user(record_id):
                    colours.setdefault(state.root(record_id), len(colours) % PALETTE)
    return (
        layout(trace.start, columns, contacts, colours, label),
        layout(trace.end, columns, contacts, colours, label),
    )
