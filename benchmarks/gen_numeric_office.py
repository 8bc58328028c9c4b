"""A second synthetic office, of another shape than ``gen_export.py``'s.

Usage::

    python benchmarks/gen_numeric_office.py CONTACTS --out DIR [--scenarios N] [--seed S]

So that a benchmark figure does not rest on one generator's habits, this
office differs from ``gen_export.py``'s in every way that costs a reader or
a planner something:

* every id is a number with leading zeros, as AuditCase numbers klanten
  (``0004711``) and relations (``00123456``);
* the export is written as ``plan-removal import`` writes one from
  AuditCase's own lists: every value double-quoted, flags true/false;
* people are contact persons at many companies (three to ten), with a
  contact record of their own as main person of the rest;
* many contacts are not synced (on the portal under a klant that is not),
  and many people are registered twice without a link (the same e-mail):
  thousands of registration findings, as a real office has;
* one holding company has 12,000 contact persons, each their own login.

``--out DIR`` writes ``office.yaml``, ``death-of-director.yaml`` (a person
at eight companies dies), ``remove-holding.yaml`` (the holding leaves the
portal, its contacts unlinked) and ``N`` scenarios under ``scenarios/``.
"""

from __future__ import annotations

import argparse
import os
import random

FIRST = ("Jan", "Marieke", "Ahmed", "Sophie", "Kees", "Fatima", "Pieter", "Linda", "Emre", "Noa",
         "Bas", "Yvonne", "Jeroen", "Sevda", "Ruben", "Ilse", "Thomas", "Anouk", "Mark", "Eline")
LAST = ("van Dam", "Koster", "Öztürk", "de Jong", "Vermeer", "Bouali", "Schouten", "van Beek",
        "Timmermans", "Wouters", "Kuiper", "Postma", "El Idrissi", "Verbeek", "Hoekstra", "Lammers")
TRADES = ("Techniek", "Zorg", "Vastgoed", "Import", "Beheer", "Media", "Agro", "Bouw", "Retail")
DIRECTOR = "Dirk Referent"
DIRECTOR_COMPANIES = 8
HOLDING_CONTACTS = 12_000


class Office:
    def __init__(self) -> None:
        self.clients: list[dict] = []
        self.contacts: list[dict] = []
        self.director = ""
        self.holding = ""
        self.people: list[tuple[str, list[str]]] = []  # main contact, its linked contacts


def generate(contacts: int, seed: int = 2) -> Office:
    rnd = random.Random(seed)
    office = Office()
    klant = iter(range(1, 10**7))
    relatie = iter(range(10**6, 10**8))

    def add_client(name: str, kind: str, online: bool = True, **extra) -> str:
        cid = f"{next(klant):07d}"
        office.clients.append({"id": cid, "name": name, "type": kind, "client_online": online, **extra})
        return cid

    def add_contact(client: str, name: str, main: str | None, online: bool, email: str | None) -> str | None:
        if len(office.contacts) >= contacts:
            return None
        cid = f"{next(relatie):08d}"
        if email is None:  # the business address the portal mails a user at
            email = f"{_slug(name)}.{cid[-5:]}@k{client}.nl"
        record = {"id": cid, "client": client, "name": name, "client_online": online}
        if main:
            record["main"] = main
        if email:
            record["email"] = email
        office.contacts.append(record)
        return cid

    def _slug(text: str) -> str:
        return "".join(c for c in text.lower() if c.isascii() and c.isalnum()) or "x"

    def person_name() -> str:
        return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"

    companies = [
        add_client(f"{rnd.choice(LAST).title()} {rnd.choice(TRADES)} B.V.", "company",
                   online=rnd.random() < 0.8)
        for _ in range(round(contacts * 0.35))
    ]
    online = {c["id"]: c["client_online"] for c in office.clients}

    # The planted director: a person client, and a contact at eight companies.
    office.director = add_client(DIRECTOR, "person", email="dirk@referent.nl")
    for company in companies[:DIRECTOR_COMPANIES]:
        online[company] = True
        office.clients[int(company) - 1]["client_online"] = True
        add_contact(company, DIRECTOR, office.director, True, f"dirk@{company}.nl")
        add_contact(company, person_name(), None, True, None)

    # The holding: 12,000 staff, each a portal user of their own.
    office.holding = add_client("Holding Nederland B.V.", "company")
    for n in range(min(HOLDING_CONTACTS, contacts // 4)):
        add_contact(office.holding, person_name(), None, True, f"medewerker{n}@holding.nl")

    # People at many companies: the first record is the main person of the rest.
    rest = companies[DIRECTOR_COMPANIES:]
    while len(office.contacts) < contacts * 0.8:
        name = person_name()
        email = f"{name.split()[0].lower()}{len(office.contacts)}@mail.nl"
        places = rnd.sample(rest, rnd.randint(3, 10))
        # Contacts under a klant that is not on the portal are often left on: not synced.
        main = add_contact(places[0], name, None, rnd.random() < 0.9, email)
        if main is None:
            break
        linked = []
        for company in places[1:]:
            record = add_contact(company, name, main, rnd.random() < 0.85, None)
            if record is not None:
                linked.append(record)
        office.people.append((main, linked))
        if rnd.random() < 0.08:  # registered once more, unlinked: the same e-mail
            add_contact(rnd.choice(rest), name, None, True, email)

    # Person clients with their private klant, some with a partner as contact.
    while len(office.contacts) < contacts:
        name = person_name()
        birth = f"{rnd.randint(1935, 2002)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        person = add_client(name, "person", online=rnd.random() < 0.7, birth_date=birth,
                            email=f"{_slug(name)}{len(office.clients)}@mail.nl")
        add_contact(person, person_name(), None, rnd.random() < 0.5, None)
    return office


def _text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def export_text(office: Office) -> str:
    """The export as the importer writes it: block style, every value quoted."""
    out = ["format: auditcase-export/1\nclients:\n"]
    for c in office.clients:
        out.append(f'  - id: "{c["id"]}"\n    name: {_text(c["name"])}\n    type: "{c["type"]}"\n'
                   f"    client_online: {str(c['client_online']).lower()}\n")
        if "email" in c:
            out.append(f'    email: "{c["email"]}"\n')
        if "birth_date" in c:
            out.append(f'    birth_date: "{c["birth_date"]}"\n')
    out.append("contacts:\n")
    for c in office.contacts:
        out.append(f'  - id: "{c["id"]}"\n    client: "{c["client"]}"\n    name: {_text(c["name"])}\n')
        if "email" in c:
            out.append(f'    email: "{c["email"]}"\n')
        if "main" in c:
            out.append(f'    main: "{c["main"]}"\n')
        out.append(f"    client_online: {str(c['client_online']).lower()}\n")
    return "".join(out)


def scenario_texts(office: Office, count: int, seed: int = 2):
    rnd = random.Random(seed * 31 + count)
    out = []
    for n in range(1, count + 1):
        main, linked = rnd.choice(office.people)
        kind = rnd.choice(("death", "leave", "revoke"))
        if kind == "death":
            body = f'  - death: {{person: "{main}"}}\n'
        elif kind == "leave" or not linked:
            body = f'  - leave: {{person: "{main}"}}\n'
            kind = "leave"
        else:
            body = f'  - revoke: {{contact: "{rnd.choice(linked)}"}}\n'
        out.append((f"{n:04d}-{kind}.yaml", f"export: ../office.yaml\nevents:\n{body}"))
    return out


def write(directory: str, contacts: int, scenarios: int = 0, seed: int = 2) -> Office:
    office = generate(contacts, seed)
    os.makedirs(directory, exist_ok=True)
    files = {
        "office.yaml": export_text(office),
        "death-of-director.yaml": f'description: {DIRECTOR} is overleden.\nexport: office.yaml\n'
                                  f'events:\n  - death: {{person: "{office.director}"}}\n',
        "remove-holding.yaml": f"description: De holding gaat van Cliënt Online af.\nexport: office.yaml\n"
                               f'events:\n  - remove_client: {{client: "{office.holding}", unlink: true}}\n',
        ".plan-removal.yaml": "# The office's project: its scenarios (in scenarios/) may name its export,\n"
                              "# office.yaml, in the folder above them.\n",
    }
    for name, text in files.items():
        with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    if scenarios:
        folder = os.path.join(directory, "scenarios")
        os.makedirs(folder, exist_ok=True)
        for name, text in scenario_texts(office, scenarios, seed):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(text)
    return office


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("contacts", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--out", required=True, help="folder for office.yaml and the scenarios")
    parser.add_argument("--scenarios", type=int, default=0)
    args = parser.parse_args(argv)
    write(args.out, args.contacts, args.scenarios, args.seed)


if __name__ == "__main__":
    main()
