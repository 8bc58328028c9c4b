"""Write a large synthetic AuditCase export for timing the loader.

Usage: python benchmarks/gen_export.py [CONTACTS] > big.yaml

The shape follows formats.md section 1: companies with contacts, person
clients with their contact records linked to them through ``main``, a few
relations. 100,000 contacts give a file of about 19 MB.
"""

from __future__ import annotations

import random
import sys

FIRST = ["Piet", "Jan", "Kees", "Anna", "Sanne", "Eva", "Daan", "Lotte", "Bram", "Fleur"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]


def main(contacts: int = 100_000, seed: int = 1) -> None:
    rnd = random.Random(seed)
    out = sys.stdout.write
    companies = max(1, contacts // 8)
    persons = max(1, contacts // 8)
    out("format: auditcase-export/1\nclients:\n")
    for n in range(companies):
        cid = f"{10000 + n:06d}"
        out(
            f'  - id: "{cid}"\n'
            f"    name: Bedrijf {n} B.V.\n"
            f"    type: company\n"
            f"    client_online: {'true' if rnd.random() < 0.8 else 'false'}\n"
            f"    email: info{n}@bedrijf{n}.nl\n"
            f"    integrations: {{twinfield: true, afas: false}}\n"
        )
    for n in range(persons):
        pid = f"P{n:06d}"
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        out(
            f'  - id: "{pid}"\n'
            f"    name: {name}\n"
            f"    type: persoon\n"
            f"    client_online: Ja\n"
            f"    ended: false\n"
            f"    email: {name.split()[0].lower()}{n}@example.nl\n"
            f"    birth_date: {1940 + n % 60}-{1 + n % 12:02d}-{1 + n % 28:02d}\n"
        )
    out("contacts:\n")
    for n in range(contacts):
        company = f"{10000 + rnd.randrange(companies):06d}"
        person = rnd.randrange(persons)
        out(
            f'  - id: "C-{n:06d}"\n'
            f'    client: "{company}"\n'
            f"    name: Contact {n}\n"
            f"    email: contact{n}@example.nl\n"
            f'    main: "P{person:06d}"\n'
            f"    client_online: {'yes' if rnd.random() < 0.7 else 'no'}\n"
        )
    out("relations:\n")
    for n in range(min(contacts // 10, companies - 1)):
        out(f'  - {{type: group, parent: "{10000:06d}", member: "{10001 + n:06d}"}}\n')
        out(f'  - {{type: wwft, client: "{10001 + n:06d}", person: "P{n % persons:06d}", role: ubo}}\n')


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
