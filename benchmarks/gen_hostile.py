"""Hostile and huge inputs, each at a size ``n``: the same text for the tests
that count the command's work on them (tests/test_bounded_work.py,
tests/test_hostile_plans.py, tests/test_hostile_input.py) and for
``benchmarks/hostile.py``, which times them.

Each function returns the text of one file (a scenario, with its export
inline unless said otherwise); ``n`` is the dimension the case is about, so
the tests can hold the work done on ``n`` and on ``10 n`` to a ratio.
"""

from __future__ import annotations

import itertools


def independent_steps(n: int) -> str:
    """A scenario of ``n`` revokes at ``n`` companies, none waiting for another."""
    lines = ["clients:"] + [f"  - {{id: K{i}, type: company, client_online: Ja}}" for i in range(n)]
    lines += ["contacts:"] + [f"  - {{id: X{i}, client: K{i}, client_online: Ja}}" for i in range(n)]
    lines += [f"  - {{id: Y{i}, client: K{i}, client_online: Ja}}" for i in range(n)]
    lines += ["events:"] + [f"  - revoke: {{contact: X{i}}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def key(i: int) -> str:
    """The ``i``-th key of :func:`unknown_keys` and :func:`duplicate_keys`."""
    return f"k{i:05d}"


def unknown_keys(n: int) -> str:
    """A client with ``n`` keys the format does not know, all as long
    (``k00000``: five digits, whatever ``n`` up to 100,000)."""
    keys = ", ".join(f"{key(i)}: v" for i in range(n))
    return f"clients:\n  - {{id: A, type: company, client_online: Ja, {keys}}}\nevents: [{{remove_client: {{client: A}}}}]\n"


def duplicate_keys(n: int) -> str:
    """A client with ``n`` keys, each written twice (``n`` is half its keys)."""
    keys = ", ".join(f"{key(i)}: v" for i in range(n))
    return f"clients:\n  - {{id: A, type: company, client_online: Ja, {keys}, {keys}}}\nevents: []\n"


def unknown_long_id(n: int, length: int = 3000) -> str:
    """``n`` companies and a request naming one that is not there, by an id
    of ``length`` distinct characters."""
    word = "".join(chr(0x4E00 + i) for i in range(length))
    lines = ["clients:"] + [f"  - {{id: K{i}, type: company, client_online: Ja}}" for i in range(n)]
    lines.append(f'events: [{{remove_client: {{client: "{word}"}}}}]')
    return "\n".join(lines) + "\n"


def aliased_long_text(n: int, length: int = 500_000) -> str:
    """One text of ``length`` characters used as the id of ``n`` clients."""
    text = f'x: &a "{"A" * length}"\nclients: [' + ", ".join(["{id: *a, type: company, client_online: Ja}"] * n)
    return text + "]\nevents: [{remove_client: {client: A}}]\n"


def big_company(contacts: int) -> str:
    """The export of a company whose ``contacts`` contact persons are half
    their own Klant-Persoon's contact record, half contacts of the company
    alone (one in ten of those already off the portal)."""
    clients = ["  - {id: BIG, name: Groot Bedrijf B.V., type: company, client_online: Ja}"]
    records = []
    for i in range(contacts):
        if i % 2 == 0:
            clients.append(f"  - {{id: P{i}, type: person, client_online: Ja}}")
            records.append(f"  - {{id: C{i}, client: BIG, main: P{i}, client_online: Ja}}")
        else:
            records.append(f"  - {{id: C{i}, client: BIG, client_online: {'Nee' if i % 10 == 1 else 'Ja'}}}")
    return "clients:\n" + "\n".join(clients) + "\ncontacts:\n" + "\n".join(records) + "\n"


def big_company_leaves(contacts: int, unlink: bool, proposed: bool = False) -> str:
    """The scenario (export: office.yaml, :func:`big_company`) in which that
    company leaves the portal; with ``proposed``, an order proposed for its
    steps that never switches the klant itself off."""
    text = f"export: office.yaml\nevents:\n  - remove_client: {{client: BIG, unlink: {str(unlink).lower()}}}\n"
    if proposed:
        steps = [f"  - contact_off: C{i}" for i in range(contacts)]
        steps += [f"  - unlink: C{i}" for i in range(0, contacts, 2)]
        text += "proposed:\n" + "\n".join(steps) + "\n"
    return text


def deep_main_chain(n: int) -> str:
    """Contacts each the main of the next: a chain of ``n`` main links."""
    lines = ["clients:", "  - {id: P, type: person, client_online: Ja}",
             "  - {id: A, type: company, client_online: Ja}", "contacts:"]
    previous = "P"
    for i in range(n):
        lines.append(f"  - {{id: C{i}, client: A, client_online: Ja, main: {previous}}}")
        previous = f"C{i}"
    lines += ["events:", "  - death: {person: P}"]
    return "\n".join(lines) + "\n"


def person_at_companies(n: int) -> str:
    """A person who is a contact at ``n`` companies, each with one other user, dies."""
    lines = ["clients:", "  - {id: P, type: person, client_online: Ja}"]
    lines += [f"  - {{id: K{i}, type: company, client_online: Ja}}" for i in range(n)]
    lines.append("contacts:")
    for i in range(n):
        lines.append(f"  - {{id: P@K{i}, client: K{i}, main: P, client_online: Ja}}")
        lines.append(f"  - {{id: S@K{i}, client: K{i}, client_online: Ja}}")
    lines += ["events:", "  - death: {person: P}"]
    return "\n".join(lines) + "\n"


def huge_name(length: int) -> str:
    """A client whose name is ``length`` characters; one of its contacts goes."""
    return (
        f"clients:\n  - {{id: A, name: {'X' * length}, type: company, client_online: Ja}}\n"
        "contacts:\n  - {id: C, client: A, client_online: Ja}\n"
        "events:\n  - revoke: {contact: C}\n"
    )


def laughs(levels: int = 9, width: int = 9) -> str:
    """An export with a "billion laughs": ``levels`` lists, each holding
    ``width`` aliases of the one before (``width ** levels`` nodes)."""
    names = [chr(ord("a") + i) for i in range(levels)]
    lines = ["clients: []", f"{names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * width) + "]"]
    for before, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{before}"] * width) + "]")
    return "\n".join(lines) + "\n"


def one_node_aliased(aliases: int, items: int = 2000) -> str:
    """An export in which a list of ``items`` is aliased ``aliases`` times."""
    listed = ", ".join(f'"{i}"' for i in range(items))
    keys = "\n".join(f"k{i}: *big" for i in range(aliases))
    return f"clients: []\nbig: &big [{listed}]\n{keys}\n"


def flow_nesting(depth: int) -> str:
    """An export whose clients are lists nested ``depth`` deep."""
    return "clients: " + "[" * depth + "]" * depth + "\n"
