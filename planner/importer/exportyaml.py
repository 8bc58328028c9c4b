"""Writing the export (formats.md section 1) as YAML text.

The text is put together here rather than by PyYAML's dumper, which takes
many seconds over 170,000 records. Every id and every text value is written
as a double-quoted YAML string (:func:`planner.output.yamltext.quote`), so that no value is ever
read back as anything else (``0012``, ``yes``, ``1e3``, ``#``, ``: ``);
booleans are ``true``/``false`` and dates ``YYYY-MM-DD``. The layout is
block style, one key per line, as an export tool writes it. The same
records always give the same bytes.
"""

from __future__ import annotations

from planner.model.office import INTEGRATIONS
from planner.output.yamltext import ESCAPE, comment, escape_body

FORMAT_LINE = "format: auditcase-export/1\n"

def escape_each(values):
    """What goes between the double quotes for each of ``values`` (None
    stays None). A column with nothing to escape, nearly every one, is
    checked in one search and given back as it is."""
    try:
        joined = "".join(values)
    except TypeError:  # some values are None
        joined = "".join(filter(None, values))
    if ESCAPE.search(joined) is None:
        return values
    return [None if value is None else escape_body(value) for value in values]


_FLAG = {True: "true", False: "false"}

# An optional line of a record, for the ``%`` operator: f-string expressions
# cannot hold the backslash of a line break.
_NAME = '    name: "%s"\n'
_EMAIL = '    email: "%s"\n'
_BIRTH = "    birth_date: %s\n"
_MAIN = '    main: "%s"\n'
_ENDED = {True: "    ended: true\n", False: "", None: ""}


def export_text(header: list[str], written: dict[str, list[str] | None], exported: str | None = None) -> str:
    """The export: ``header`` as comment lines, the date of the lists
    (``exported``, ``YYYY-MM-DD``, when known), then the records of the
    lists of klanten, contacts and relations, each list already written by
    :data:`WRITERS` (``written`` maps ``clients``, ``contacts`` and
    ``relations`` to them, in the order of the lists; ``relations`` None
    leaves the key out).

    Each list is written as one string, from one string per record, so that
    at most one list's record strings are held at a time."""
    out = ["".join(f"# {comment(line)}\n" for line in header), FORMAT_LINE]
    if exported is not None:
        out.append(f"exported: {exported}\n")
    for key in ("clients", "contacts", "relations"):
        lists = written.get(key)
        if lists is None:
            continue
        out.append(f"{key}:\n" if any(lists) else f"{key}: []\n")
        out.extend(lists)
    return "".join(out)


def client_records(fields: dict) -> str:
    """The records of a list of klanten, as the export writes them."""
    flag, ended_line = _FLAG, _ENDED
    return "".join(
        [
            f'  - id: "{cid}"\n{"" if name is None else _NAME % name}    type: {kind}\n'
            f"    client_online: {flag[online]}\n{ended_line[ended]}"
            f'{"" if email is None else _EMAIL % email}{"" if birth is None else _BIRTH % birth}{links}'
            for cid, name, kind, online, ended, email, birth, links in zip(
                escape_each(fields["id"]),
                escape_each(fields["name"]),
                fields["type"],
                fields["client_online"],
                fields["ended"],
                escape_each(fields["email"]),
                fields["birth_date"],
                _integration_blocks(fields),
            )
        ]
    )


def _integration_blocks(fields: dict):
    """Per client, its ``integrations:`` lines ("" when it has none)."""
    columns = [fields[key] for key in INTEGRATIONS]
    blocks: dict[tuple, str] = {}
    out = []
    for row in zip(*columns):
        block = blocks.get(row)
        if block is None:
            lines = [
                f"      {key}: {_FLAG[value]}\n" for key, value in zip(INTEGRATIONS, row) if value is not None
            ]
            block = blocks[row] = ("    integrations:\n" + "".join(lines)) if lines else ""
        out.append(block)
    return out


def contact_records(fields: dict) -> str:
    """The records of a list of contacts, as the export writes them."""
    flag, ended_line = _FLAG, _ENDED
    return "".join(
        [
            f'  - id: "{cid}"\n    client: "{client}"\n{"" if name is None else _NAME % name}'
            f'{"" if email is None else _EMAIL % email}{"" if birth is None else _BIRTH % birth}'
            f'{"" if main is None else _MAIN % main}    client_online: {flag[online]}\n{ended_line[ended]}'
            for cid, client, name, email, birth, main, online, ended in zip(
                escape_each(fields["id"]),
                escape_each(fields["client"]),
                escape_each(fields["name"]),
                escape_each(fields["email"]),
                fields["birth_date"],
                escape_each(fields["main"]),
                fields["client_online"],
                fields["ended"],
            )
        ]
    )


def relation_records(fields: dict) -> str:
    """The records of a list of relations, as the export writes them."""
    out = []
    add = out.append
    for kind, first, second, role in zip(
        fields["type"], escape_each(fields["client"]), escape_each(fields["related"]), fields["role"]
    ):
        if kind == "group":
            add(f'  - type: group\n    parent: "{first}"\n    member: "{second}"\n')
        elif kind == "wwft":
            add(f'  - type: wwft\n    client: "{first}"\n    person: "{second}"\n')
            if role is not None:
                add(f"    role: {role}\n")
        else:
            add(f'  - type: partner\n    persons: ["{first}", "{second}"]\n')
    return "".join(out)


#: How the records of each kind of list are written.
WRITERS = {"clients": client_records, "contacts": contact_records, "relations": relation_records}
