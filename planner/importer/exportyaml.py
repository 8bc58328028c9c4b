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


def export_text(
    header: list[str], clients: list, contacts: list, relations: list | None, written: list[str] | None = None
) -> str:
    """The export: ``header`` as comment lines, then the records of the
    client, contact and relation lists (:class:`~planner.importer.lists.ListRecords`)
    in the order given; ``relations`` None leaves the key out. ``written``:
    the lists of klanten already written (by :func:`client_records`, in a
    worker process), in the same order.

    Each list is written as one string, from one string per record, so that
    at most one list's record strings are held at a time.
    """
    out = ["".join(f"# {comment(line)}\n" for line in header), FORMAT_LINE]
    out.append("clients:\n" if any(len(r) for r in clients) else "clients: []\n")
    out.extend(written if written is not None else (client_records(records.fields) for records in clients))
    out.append("contacts:\n" if any(len(r) for r in contacts) else "contacts: []\n")
    out.extend(contact_records(records.fields) for records in contacts)
    if relations is not None:
        out.append("relations:\n" if any(len(r) for r in relations) else "relations: []\n")
        out.extend(_relations(records.fields) for records in relations)
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


def _relations(fields: dict) -> str:
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
