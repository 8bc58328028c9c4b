"""Office scale: the synthetic office's exports and scenarios are valid input
and plan without errors; an export shared by many scenarios is read once;
planning a scenario never walks the whole office.

The office is made by ``benchmarks/gen_export.py`` at a size CI can afford;
``benchmarks/scale.py`` times the same code on 100,000 contacts.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import os
import pathlib
import re
import sys

import pytest
from conftest import assert_reads_agree

from planner.checklist import content, json_plan, page, render
from planner.ci.check import CheckSession
from planner.ci.config import load_config
from planner.load.loading import ExportCache, load_export, load_scenario
from planner.model.findings import ERROR
from planner.model.office import PERSON, Export
from planner.plan.answers import Answers
from planner.plan.graph import plan as make_plan
from planner.plan.proof import validate
from planner.plan.registration import RegistrationCache
from planner.text.errors import InputError
from planner.text.messages import translations

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_export  # noqa: E402

SIZE = 2_000
SCENARIOS = 60


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("office")
    gen_export.write(str(folder), SIZE, SCENARIOS)
    return folder


# -- the generator --------------------------------------------------------------


def test_the_generator_is_deterministic():
    first = gen_export.export_text(gen_export.generate(500, seed=3))
    assert first == gen_export.export_text(gen_export.generate(500, seed=3))
    assert first != gen_export.export_text(gen_export.generate(500, seed=4))
    office = gen_export.generate(500, seed=3)
    assert gen_export.scenario_texts(office, 20, seed=3) == gen_export.scenario_texts(office, 20, seed=3)


@pytest.mark.parametrize("size", [12, 97, 1_000])
def test_the_office_has_exactly_the_contacts_asked_for(size):
    office = gen_export.generate(size)
    assert len(office.contacts) == size
    ids = [r.id for r in (*office.clients, *office.contacts)]
    assert len(ids) == len(set(ids))


def test_the_export_is_block_style(office):
    text = (office / "office.yaml").read_text(encoding="utf-8")
    flow = [line for line in text.splitlines() if re.search(r"(:|^\s*-)\s+[\[{]", line)]
    assert flow == []


def test_the_export_loads_as_an_office(office):
    export = load_export(str(office / "office.yaml"))
    assert len(export.contacts) == SIZE
    assert len(export.clients) == round(SIZE * 0.4) + round(SIZE * 0.3)
    clients, contacts = export.clients, export.contacts
    # main names a person client or a contact without main: no company, no cycle.
    for contact in contacts.values():
        if contact.main in clients:
            assert clients[contact.main].type == PERSON
        elif contact.main is not None:
            assert contacts[contact.main].main is None
    companies_of = collections.defaultdict(set)
    for contact in contacts.values():
        if contact.main in clients:
            companies_of[contact.main].add(contact.client)
    assert max(map(len, companies_of.values())) >= 3, "persons who are contacts at several companies"
    assert any(
        c.main in contacts and contacts[c.main].client != c.client for c in contacts.values()
    ), "contact-only people whose main user is at another company"
    assert any(
        clients[c.client].type == PERSON for c in contacts.values()
    ), "partners under person clients"
    assert max(len(export.contacts_by_client.get(k, ())) for k in clients) >= 4
    assert any(not k.client_online for k in clients.values()) and any(k.ended for k in clients.values())
    assert any(not c.client_online for c in contacts.values()) and any(c.ended for c in contacts.values())
    assert {r.type for r in export.relations} == {"group", "wwft", "partner"}
    assert_reads_agree(str(office / "office.yaml"))


def test_every_generated_scenario_plans_and_validates_without_errors(office, monkeypatch):
    monkeypatch.chdir(office)  # where a firm runs its office's scenarios from
    catalog = translations("en")
    exports = ExportCache()
    paths = [office / "death-of-director.yaml", *sorted((office / "scenarios").glob("*.yaml"))]
    assert len(paths) == SCENARIOS + 1
    kinds = collections.Counter()
    for path in paths:
        scenario = load_scenario(str(path), exports)
        kinds.update(e.kind for e in scenario.events)
        plan = make_plan(scenario)
        verdict = validate(plan, catalog)
        errors = [f for f in verdict.every if f.severity == ERROR]
        assert errors == [], f"{path.name}: {errors}"
        assert plan.steps, f"{path.name}: nothing to do"
    assert set(kinds) == {"death", "leave", "revoke", "remove_client"}
    # And the same through --check, which also reads the export once.
    config = load_config(str(office / ".plan-removal.yaml"))
    outcomes = CheckSession(catalog, skip=config.excluded).paths([str(office)])
    assert [o.path for o in outcomes if o.failed] == []


def test_the_planted_director_plans_alike_at_every_size(tmp_path):
    shapes = []
    for size in (1_000, 3_000):
        gen_export.write(str(tmp_path / str(size)), size)
        scenario = load_scenario(str(tmp_path / str(size) / "death-of-director.yaml"))
        plan = make_plan(scenario)
        verdict = validate(plan, translations("en"))
        shapes.append(([(p.group, p.action) for p in plan.steps], verdict.orders.total, verdict.ok))
    assert shapes[0] == shapes[1]
    assert len(shapes[0][0]) == 9 and shapes[0][2]


# -- planning looks only at the people involved -----------------------------------


class _Watched(dict):
    """A dict that counts every walk over it."""

    walks = 0

    def __iter__(self):
        _Watched.walks += 1
        return super().__iter__()

    def keys(self):
        _Watched.walks += 1
        return super().keys()

    def values(self):
        _Watched.walks += 1
        return super().values()

    def items(self):
        _Watched.walks += 1
        return super().items()


class _WatchedTuple(tuple):
    def __iter__(self):
        _Watched.walks += 1
        return super().__iter__()


def test_planning_a_scenario_never_walks_the_whole_office(office, monkeypatch):
    monkeypatch.chdir(office)  # where a firm runs its office's scenarios from
    catalog = translations("nl")
    exports = ExportCache()
    for path in [office / "death-of-director.yaml", *sorted((office / "scenarios").glob("*.yaml"))[:20]]:
        scenario = load_scenario(str(path), exports)
        loaded = scenario.export
        watched = Export(
            _Watched(loaded.clients), _Watched(loaded.contacts), _WatchedTuple(loaded.relations), loaded.source
        )
        # What is built once per export: the indexes (by the loader, and the
        # records alike when first asked) and the count of its registration
        # findings.
        for name in ("contacts_by_client", "children", "relations_of", "alike"):
            watched.__dict__[name] = getattr(loaded, name)
        registrations = RegistrationCache()
        registrations.count(watched)
        scenario = dataclasses.replace(scenario, export=watched)
        _Watched.walks = 0
        plan = make_plan(scenario)
        verdict = validate(plan, catalog, registrations)
        json_plan.dumps(json_plan.plan_document(plan, verdict))
        render.render(content.build(plan, verdict, lang="nl", date="2026-01-01"), "text")
        render.render(page.html_report(plan, verdict, Answers(), lang="nl", date="2026-01-01"), "html")
        assert _Watched.walks == 0, path.name


# -- an export shared by many scenarios --------------------------------------------

EXPORT = """\
clients:
  - {id: A, name: Alfa Bouw B.V., type: company, client_online: true}
  - {id: P, name: Piet de Vries, type: person, client_online: true}
  - {id: Q, name: Kees Jansen, type: person, client_online: true}
contacts:
  - {id: P@A, client: A, main: P, client_online: true}
  - {id: Q@A, client: A, main: Q, client_online: true}
"""


def _fingerprint(*files: pathlib.Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return "sha256:" + digest.hexdigest()


def _write_fixtures(folder: pathlib.Path, export: str = EXPORT) -> list[pathlib.Path]:
    (folder / "exports").mkdir()
    (folder / "exports" / "office.yaml").write_text(export)
    paths = []
    for n, person in enumerate(["P", "Q", "P"]):
        path = folder / f"s{n}.yaml"
        path.write_text(f"export: exports/office.yaml\nevents:\n  - death: {{person: {person}}}\n# {n}\n")
        paths.append(path)
    return paths


def test_check_reads_a_shared_export_once(tmp_path, monkeypatch):
    from planner.load import export_file

    reads = []
    original = export_file.read_export

    def counting(data, path):
        reads.append(path)
        return original(data, path)

    monkeypatch.setattr(export_file, "read_export", counting)
    paths = _write_fixtures(tmp_path)
    outcomes = CheckSession(translations("en")).paths([str(tmp_path)])
    assert [o.failed for o in outcomes] == [False, False, False]
    assert len(reads) == 1

    # Each scenario keeps its own fingerprint: its bytes, then the export's.
    exports = ExportCache()
    export_file = tmp_path / "exports" / "office.yaml"
    for path in paths:
        assert load_scenario(str(path), exports).fingerprint == _fingerprint(path, export_file)

    # A changed export is read again.
    reads.clear()
    export_file.write_text(EXPORT.replace("Kees Jansen", "Kees Jansen-Smit"))
    os.utime(export_file, ns=(1, 1))
    scenario = load_scenario(str(paths[0]), exports)
    assert reads == [str(export_file)]
    assert scenario.export.name("Q") == "Kees Jansen-Smit"
    assert scenario.fingerprint == _fingerprint(paths[0], export_file)


def test_a_broken_shared_export_is_reported_alike_for_each_scenario(tmp_path):
    paths = _write_fixtures(tmp_path, EXPORT.replace("main: Q", "main: X"))
    exports = ExportCache()
    for path in paths:
        with pytest.raises(InputError) as afresh:
            load_scenario(str(path))
        with pytest.raises(InputError) as cached:
            load_scenario(str(path), exports)
        assert [str(p) for p in cached.value.problems] == [str(p) for p in afresh.value.problems]
        assert "“X”" in str(cached.value)
