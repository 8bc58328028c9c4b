"""A synthetic accounting office: an AuditCase export and removal scenarios.

Usage::

    python benchmarks/gen_export.py CONTACTS > office.yaml          # the export only
    python benchmarks/gen_export.py CONTACTS --out DIR --scenarios N [--seed S]

With ``--out`` the export is written to ``DIR/office.yaml``, ``N`` scenarios
to ``DIR/scenarios/`` (each with ``export: ../office.yaml``) and one more,
``DIR/death-of-director.yaml``, that is the same at every size (see below).

The office is drawn from a seeded random generator, so a size and a seed give
the same bytes on every machine. For ``C`` contacts it has about ``0.4 C``
companies and ``0.3 C`` person clients (100,000 contacts: 70,000 clients, a
22 MB file), written as block-style YAML the way an export tool writes it:

* companies (Klant-Bedrijf) with one to several contact persons;
* person clients (Klant-Persoon), many of them contact persons at one to four
  companies, each of those contact records linked (``main``) to the person;
* partners registered as contacts of a person client: a contact-only partner,
  or another person client whose contact record is linked to their own person;
* contact-only people: a contact at one company that is the main person of
  their contact records at other companies;
* a share of every kind off the portal (``client_online: Nee``) or ended, a
  few integrations, and group, Wwft and partner relations.

Every export is valid input: ids are unique across clients and contacts,
``main`` names a person client or a contact without ``main`` (never a
company, never a cycle), and every reference exists.

One structure is planted identically at every size: director ``Dirk
Referent`` is a person client with contact records at four companies, each
with two more portal users. ``death-of-director.yaml`` plans his death, so
the same work can be timed on a small and a big office.

:func:`generate` returns an :class:`Office`; :func:`export_text` and
:func:`scenario_texts` turn it into file contents; :func:`write` writes both.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass, field

FIRST = (
    "Piet", "Jan", "Kees", "Anna", "Sanne", "Eva", "Daan", "Lotte", "Bram", "Fleur", "Wim",
    "Ingrid", "Ruud", "Marieke", "Joost", "Femke", "Henk", "Annelies", "Sven", "Noor", "Lars",
    "Ilse", "Thijs", "Maud", "Gert-Jan", "Renée", "Zoë", "Chaïma", "Mohammed", "Ayşe",
)
LAST = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Smits", "de Graaf", "van der Meer", "van den Berg", "Kok", "Jacobs", "Vermeulen", "'t Hart",
    "van Dijk", "Yılmaz", "El Amrani", "Çelik",
)
TRADES = (
    "Bouw", "Transport", "Advies", "Installatietechniek", "Bakkerij", "Schilders", "Zorg",
    "Horeca", "Makelaardij", "Administratie", "Tuinen", "IT", "Logistiek", "Metaal", "Kappers",
)
FORMS = ("B.V.", "B.V.", "B.V.", "V.O.F.", "Holding B.V.", "& Zonen B.V.", "& Partners")
PROVIDERS = ("ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.com", "outlook.com", "xs4all.nl")
INTEGRATION_SETS = (
    (("twinfield", True),),
    (("twinfield", True), ("microsoft_office", True)),
    (("afas", True),),
    (("accountview", False), ("twinfield", True)),
    (("qics", True), ("alure", False)),
)

#: The planted director of ``death-of-director.yaml`` and his four companies.
REFERENCE_NAME = "Dirk Referent"
REFERENCE_COMPANIES = 4


@dataclass
class Client:
    id: str
    name: str
    type: str  # company | person
    online: bool
    ended: bool = False
    email: str | None = None
    birth_date: str | None = None
    integrations: tuple = ()


@dataclass
class Contact:
    id: str
    client: str
    name: str
    online: bool
    main: str | None = None
    ended: bool = False
    email: str | None = None
    birth_date: str | None = None


@dataclass
class Office:
    clients: list[Client]
    contacts: list[Contact]
    relations: list[dict]
    #: person client id -> its contact records at companies
    directors: dict[str, list[str]] = field(default_factory=dict)
    #: root contact id -> the contact records linked to it
    contact_only: dict[str, list[str]] = field(default_factory=dict)
    #: the planted director
    reference: str = ""

    def by_id(self) -> dict[str, Client | Contact]:
        return {r.id: r for r in (*self.clients, *self.contacts)}


def _weighted(rnd: random.Random, table: tuple[tuple[int, float], ...]) -> int:
    x = rnd.random()
    for value, weight in table:
        x -= weight
        if x < 0:
            return value
    return table[-1][0]


def _slug(text: str) -> str:
    out = "".join(c for c in text.lower() if c.isascii() and c.isalnum())
    return out or "x"


def _domain(name: str, number: int) -> str:
    """A company's own mail domain (the klantnummer keeps it unique)."""
    return f"{_slug(name.replace('B.V.', ''))[:14]}{number}.nl"


def generate(contacts: int, seed: int = 1) -> Office:
    """An office with exactly ``contacts`` contact persons (at least 12)."""
    if contacts < 12:
        raise ValueError("an office needs at least 12 contacts")
    rnd = random.Random(seed)
    n_companies = max(REFERENCE_COMPANIES, round(contacts * 0.4))
    n_persons = max(2, round(contacts * 0.3))

    # Klantnummers in one range, companies and persons mixed as in a real office.
    kinds = ["company"] * n_companies + ["person"] * n_persons
    rnd.shuffle(kinds)
    # The planted structure takes the first person and the first companies.
    first_person = kinds.index("person")
    kinds[0], kinds[first_person] = kinds[first_person], kinds[0]
    clients: list[Client] = []
    for number, kind in enumerate(kinds, start=1):
        cid = f"{number:06d}"
        online = rnd.random() < (0.88 if kind == "company" else 0.8)
        ended = rnd.random() < 0.03
        if kind == "company":
            trade = rnd.choice(TRADES)
            name = f"{rnd.choice(LAST).replace(chr(39) + 't ', 'Het ').title()} {trade} {rnd.choice(FORMS)}"
            integrations = rnd.choice(INTEGRATION_SETS) if rnd.random() < 0.3 else ()
            email = f"info@{_domain(name, number)}" if rnd.random() < 0.5 else None
            clients.append(Client(cid, name, "company", online, ended, email, integrations=integrations))
        else:
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            birth = f"{rnd.randint(1935, 2002)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            clients.append(
                Client(cid, f"{first} {last}", "person", online, ended,
                       f"{_slug(first)}.{_slug(last)}{number}@{rnd.choice(PROVIDERS)}", birth)
            )
    companies = [c for c in clients if c.type == "company"]
    persons = [c for c in clients if c.type == "person"]

    office = Office(clients, [], [])
    made: list[Contact] = []
    serial = [0]

    def contact(client: Client, name: str, main: str | None, online: bool | None = None,
                birth: str | None = None) -> Contact | None:
        if len(made) >= contacts:
            return None
        serial[0] += 1
        cid = f"C-{serial[0]:07d}"
        if online is None:
            # Staff set the contacts of a klant that is off the portal to Nee.
            online = rnd.random() < (0.8 if client.online and not client.ended else 0.05)
        email = None
        if rnd.random() < 0.75:
            first, _, last = name.partition(" ")
            domain = _domain(client.name, int(client.id)) if client.type == "company" else rnd.choice(PROVIDERS)
            email = f"{_slug(first)[:1]}.{_slug(last)}@{domain}"
        record = Contact(cid, client.id, name, online, main, rnd.random() < 0.02, email, birth)
        made.append(record)
        return record

    # The planted director: four companies, two more portal users at each.
    reference = persons[0]
    reference.name, reference.online, reference.ended = REFERENCE_NAME, True, False
    reference.birth_date = "1958-06-12"
    office.reference = reference.id
    office.directors[reference.id] = []
    for company in companies[:REFERENCE_COMPANIES]:
        company.online, company.ended = True, False
        record = contact(company, REFERENCE_NAME, reference.id, online=True)
        record.ended = False
        office.directors[reference.id].append(record.id)
        for _ in range(2):
            other = contact(company, f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", None, online=True)
            other.ended = False
    rest = companies[REFERENCE_COMPANIES:] or companies

    # Person clients as contact persons at companies, and their partners.
    for person in persons[1:]:
        if len(made) >= contacts:
            break
        if rnd.random() < 0.6:
            count = _weighted(rnd, ((1, 0.55), (2, 0.25), (3, 0.12), (4, 0.08)))
            records = []
            for company in rnd.sample(rest, min(count, len(rest))):
                record = contact(company, person.name, person.id)
                if record is not None:
                    records.append(record.id)
            if records:
                office.directors[person.id] = records
        if rnd.random() < 0.06:
            if rnd.random() < 0.5:
                partner = rnd.choice(persons[1:])
                if partner is not person:
                    record = contact(person, partner.name, partner.id)
                    if record is not None:
                        office.relations.append({"type": "partner", "persons": [person.id, partner.id]})
            else:
                name = f"{rnd.choice(FIRST)} {person.name.split(' ', 1)[1]}"
                record = contact(person, name, None)
                if record is not None:
                    office.relations.append({"type": "partner", "persons": [person.id, record.id]})

    # Contact-only people: the first record is the main person of the others.
    for _ in range(round(contacts * 0.04)):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        places = rnd.sample(rest, min(len(rest), 1 + _weighted(rnd, ((1, 0.7), (2, 0.3)))))
        root = contact(places[0], name, None)
        if root is None:
            break
        office.contact_only[root.id] = []
        for company in places[1:]:
            record = contact(company, name, root.id)
            if record is not None:
                office.contact_only[root.id].append(record.id)

    # Employees: every company gets a contact person, then more at random.
    used = {c.client for c in made}
    for company in rest:
        if company.id not in used:
            if contact(company, f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", None) is None:
                break
    while len(made) < contacts:
        contact(rnd.choice(rest), f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", None)

    # A klant on the portal has a contact person on it too, as the article
    # asks; a few offices forget one.
    users = {c.client for c in made if c.online and not c.ended}
    first_contact: dict[str, Contact] = {}
    for record in made:
        first_contact.setdefault(record.client, record)
    for company in companies:
        record = first_contact.get(company.id)
        if (company.online and not company.ended and company.id not in users and record is not None
                and rnd.random() < 0.97):
            record.online, record.ended = True, False

    # Contact records grouped by klant, as AuditCase lists them.
    order = {c.id: n for n, c in enumerate(clients)}
    made.sort(key=lambda c: (order[c.client], c.id))
    office.contacts = made

    # Groups of companies and UBOs.
    for _ in range(max(1, n_companies // 40)):
        parent, member = rnd.sample(companies, 2)
        office.relations.append({"type": "group", "parent": parent.id, "member": member.id})
    for _ in range(max(1, n_companies // 20)):
        office.relations.append({
            "type": "wwft", "client": rnd.choice(companies).id,
            "person": rnd.choice(persons).id, "role": rnd.choice(("ubo", "ubo", "pseudo-ubo", "representative")),
        })
    return office


# -- writing ------------------------------------------------------------------


def _flag(value: bool) -> str:
    return "Ja" if value else "Nee"


def _text(value: str) -> str:
    """A plain scalar when YAML reads it back as the same text, else quoted."""
    if value[0] in "'\"!&*[]{}#|>@`%,?:-" or ": " in value or " #" in value or value.strip() != value:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def export_text(office: Office) -> str:
    """The export as block-style YAML."""
    out: list[str] = ["# AuditCase export (synthetic office)\nformat: auditcase-export/1\nclients:\n"]
    add = out.append
    for c in office.clients:
        add(f'  - id: "{c.id}"\n    name: {_text(c.name)}\n    type: {c.type}\n'
            f"    client_online: {_flag(c.online)}\n")
        if c.ended:
            add("    ended: true\n")
        if c.email:
            add(f"    email: {c.email}\n")
        if c.birth_date:
            add(f"    birth_date: {c.birth_date}\n")
        if c.integrations:
            add("    integrations:\n")
            for key, value in c.integrations:
                add(f"      {key}: {'true' if value else 'false'}\n")
    add("contacts:\n")
    for c in office.contacts:
        add(f'  - id: "{c.id}"\n    client: "{c.client}"\n    name: {_text(c.name)}\n')
        if c.email:
            add(f"    email: {c.email}\n")
        if c.birth_date:
            add(f"    birth_date: {c.birth_date}\n")
        if c.main:
            add(f'    main: "{c.main}"\n')
        add(f"    client_online: {_flag(c.online)}\n")
        if c.ended:
            add("    ended: true\n")
    add("relations:\n")
    for r in office.relations:
        add(f"  - type: {r['type']}\n")
        for key, value in r.items():
            if key == "type":
                continue
            if isinstance(value, list):
                add(f"    {key}:\n" + "".join(f'      - "{v}"\n' for v in value))
            elif key == "role":
                add(f"    {key}: {value}\n")
            else:
                add(f'    {key}: "{value}"\n')
    return "".join(out)


def _scenario(description: str, export: str, events: list[str], orphaned: str | None = None) -> str:
    text = f"description: {_text(description)}\nexport: {export}\nevents:\n" + "".join(events)
    if orphaned is not None:
        text += f"options:\n  orphaned_clients: {orphaned}\n"
    return text


def reference_scenario(office: Office, export: str = "office.yaml") -> str:
    """The death of the planted director: the same plan at every size."""
    return _scenario(
        f"{REFERENCE_NAME} ({office.reference}), director of four companies, has died.",
        export,
        [f'  - death:\n      person: "{office.reference}"\n'],
    )


def scenario_texts(office: Office, count: int, seed: int = 1, export: str = "../office.yaml"):
    """``count`` (file name, scenario text) pairs, the kinds of request an
    office plans: deaths, people leaving companies, revoked access, a klant
    leaving the portal."""
    rnd = random.Random(seed * 7919 + count)
    records = office.by_id()
    clients = {c.id: c for c in office.clients}

    def on_portal(record_id: str) -> bool:
        r = records[record_id]
        if isinstance(r, Contact):
            k = clients[r.client]
            return r.online and not r.ended and k.online and not k.ended
        return r.online and not r.ended

    directors = [p for p, recs in office.directors.items()
                 if p != office.reference and any(on_portal(r) for r in recs)]
    contact_only = [r for r, recs in office.contact_only.items()
                    if on_portal(r) or any(on_portal(x) for x in recs)]
    contacts_on = [c.id for c in office.contacts if on_portal(c.id)]
    companies_by_users: dict[str, int] = {}
    for c in office.contacts:
        if on_portal(c.id):
            companies_by_users[c.client] = companies_by_users.get(c.client, 0) + 1
    companies = [k for k, n in companies_by_users.items() if n >= 2 and clients[k].type == "company"]
    kinds = (
        ("death", 0.35), ("death-contact", 0.10), ("leave-all", 0.15), ("leave-some", 0.10),
        ("revoke-contact", 0.10), ("revoke-person", 0.10), ("remove-client", 0.10),
    )
    out = []
    for n in range(1, count + 1):
        x = rnd.random()
        for kind, weight in kinds:
            x -= weight
            if x < 0:
                break
        orphaned = rnd.choice((None, None, None, "ask", "disconnect", "keep"))
        if kind in ("death", "leave-all", "leave-some", "revoke-person") and directors:
            person = rnd.choice(directors)
            name = clients[person].name
            at = office.directors[person]
            if kind == "death":
                text = _scenario(f"{name} has died.", export, [f'  - death:\n      person: "{person}"\n'], orphaned)
            elif kind == "leave-all":
                end = rnd.random() < 0.5
                body = f'      person: "{person}"\n' + ("      end_client: true\n" if end else "")
                text = _scenario(f"{name} leaves all companies.", export, [f"  - leave:\n{body}"], orphaned)
            elif kind == "leave-some":
                chosen = sorted(rnd.sample(at, rnd.randint(1, len(at))))
                listed = "".join(f'        - "{records[r].client}"\n' for r in chosen)
                text = _scenario(f"{name} leaves some companies.", export,
                                 [f'  - leave:\n      person: "{person}"\n      clients:\n{listed}'], orphaned)
            else:
                client = records[rnd.choice(at)].client
                text = _scenario(f"{name} may no longer see {clients[client].name}.", export,
                                 [f'  - revoke:\n      person: "{person}"\n      client: "{client}"\n'], orphaned)
        elif kind == "death-contact" and contact_only:
            root = rnd.choice(contact_only)
            text = _scenario(f"{records[root].name} has died.", export,
                             [f'  - death:\n      person: "{root}"\n'], orphaned)
        elif kind == "remove-client" and companies:
            company = rnd.choice(companies)
            text = _scenario(f"{clients[company].name} leaves Cliënt Online.", export,
                             [f'  - remove_client:\n      client: "{company}"\n'], orphaned)
        else:
            target = rnd.choice(contacts_on)
            text = _scenario(f"{records[target].name} may no longer see {clients[records[target].client].name}.",
                             export, [f'  - revoke:\n      contact: "{target}"\n'], orphaned)
            kind = "revoke-contact"
        out.append((f"{n:04d}-{kind}.yaml", text))
    return out


#: The office's folder is a project (a scenario's export must be inside its
#: project): its scenarios, in scenarios/, name the export in the folder above.
PROJECT = """# The office's project: its scenarios (in scenarios/) may name its export,
# office.yaml, in the folder above them.
"""


def write(directory: str, contacts: int, scenarios: int = 0, seed: int = 1) -> Office:
    """Write ``office.yaml``, ``death-of-director.yaml`` and ``scenarios/`` under ``directory``."""
    office = generate(contacts, seed)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "office.yaml"), "w", encoding="utf-8") as handle:
        handle.write(export_text(office))
    with open(os.path.join(directory, "death-of-director.yaml"), "w", encoding="utf-8") as handle:
        handle.write(reference_scenario(office))
    with open(os.path.join(directory, ".plan-removal.yaml"), "w", encoding="utf-8") as handle:
        handle.write(PROJECT)
    if scenarios:
        folder = os.path.join(directory, "scenarios")
        os.makedirs(folder, exist_ok=True)
        for name, text in scenario_texts(office, scenarios, seed):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(text)
    return office


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("contacts", type=int, nargs="?", default=100_000, help="contact persons (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="folder for office.yaml and scenarios (default: the export on stdout)")
    parser.add_argument("--scenarios", type=int, default=0, help="scenarios to write under OUT/scenarios")
    args = parser.parse_args(argv)
    if args.out is None:
        if args.scenarios:
            parser.error("--scenarios needs --out")
        sys.stdout.write(export_text(generate(args.contacts, args.seed)))
    else:
        write(args.out, args.contacts, args.scenarios, args.seed)


if __name__ == "__main__":
    main()
