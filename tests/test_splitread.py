"""A big export read in two parts at once loads exactly as the whole file does.

planner.load.export_split cuts an export at a list item and has a worker process read
the second part. Whatever the cut and whatever the file, the result must be
the careful read's: the same export with the same marks, or the same
problems. These tests move the cut anywhere (SHARE) on any file (WORTH 0),
including files written so that a cut taken from the bytes alone would
misread them.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest
from conftest import read_as_export_every_way, run_on_two_processors_and_one
from hypothesis import given
from hypothesis import strategies as st
from yaml_strategies import cases

from planner import parallel
from planner.load import export_file, export_split
from planner.load.records import ExportRecords
from planner.parallel import Worker, available

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_export  # noqa: E402

needs_workers = pytest.mark.skipif(not available(), reason="a worker process needs Linux and two processors")


def loaded(path: pathlib.Path, share: float) -> tuple[list, int]:
    """Every way of reading ``path`` (see conftest), the two-part read with
    the cut sought at ``share`` of the file; and how many two-part reads got
    as far as taking in the worker's records."""
    taken = []
    restored = ExportRecords.restored

    def counting(self, *args):
        taken.append(1)
        return restored(self, *args)

    before = export_split.SHARE
    export_split.SHARE, ExportRecords.restored = share, counting
    try:
        return read_as_export_every_way(str(path)), len(taken)
    finally:
        export_split.SHARE, ExportRecords.restored = before, restored


def assert_alike(path: pathlib.Path, share: float) -> int:
    (quick, split, careful), taken = loaded(path, share)
    assert split == careful, f"cut at {share}: the two-part read differs from the careful read"
    assert quick == careful
    return taken


@needs_workers
@given(case=cases(), share=st.floats(0.0, 1.0))
def test_a_cut_anywhere_in_any_export_reads_as_the_whole_file(tmp_path_factory, case, share):
    folder = tmp_path_factory.mktemp("cut")
    for name, text in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        assert_alike(path, share)


@needs_workers
def test_a_sound_generated_office_is_read_in_two_parts_at_every_cut(tmp_path):
    path = tmp_path / "office.yaml"
    path.write_text(gen_export.export_text(gen_export.generate(300)), encoding="utf-8")
    shares = [n / 20 for n in range(1, 20)]
    taken = sum(assert_alike(path, share) for share in shares)
    # Every cut that falls in the clients or the contacts holds.
    assert taken == len(shares)


# Files where the bytes around the cut lie about the structure. Each is read
# with the cut sought at many places; every read must agree with the careful one.
HEAD = "format: auditcase-export/1\n"
PEOPLE = "".join(
    f"  - id: P{n}\n    name: Person {n}\n    type: person\n    client_online: true\n" for n in range(12)
)
CONTACTS = "".join(
    f"  - id: C{n}\n    client: K\n    name: Contact {n}\n    main: P{n}\n    client_online: true\n"
    for n in range(12)
)
COMPANY = "  - id: K\n    name: Bedrijf\n    type: company\n    client_online: true\n"
TRICKY = {
    "a quoted name running over lines that look like items": (
        HEAD + "clients:\n" + COMPANY + PEOPLE[:200]
        + '  - id: Q\n    name: "Quirine\n  - id: X1\n  - id: X2\n  - id: X3\n  Jansen"\n'
        "    type: person\n    client_online: true\n" + PEOPLE[200:] + "contacts:\n" + CONTACTS
    ),
    "a flow list running over lines that look like items": (
        HEAD + "clients:\n" + COMPANY + "  - [id,\n  - id, X,\n  - id]\n" + PEOPLE + "contacts:\n" + CONTACTS
    ),
    "a top-level text block whose lines look like items": (
        HEAD + "clients:\n" + COMPANY + PEOPLE + "notes: |\n" + "  - id: N\n" * 40 + "contacts:\n" + CONTACTS
    ),
    "an anchor before the cut used after it": (
        HEAD + "clients:\n" + COMPANY.replace("name: Bedrijf", "name: &b Bedrijf") + PEOPLE
        + "contacts:\n" + CONTACTS + "  - id: C99\n    client: K\n    name: *b\n    client_online: true\n"
    ),
    "a top-level key written twice, once on each side": (
        HEAD + "relations: []\nclients:\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS + "relations: []\n"
    ),
    "a second document after the cut": (
        HEAD + "clients:\n" + COMPANY + PEOPLE + "---\ncontacts:\n" + CONTACTS
    ),
    "the key of the list inside a quoted text": (
        HEAD + 'clients:\n' + COMPANY + '  - id: Z\n    name: "x\ncontacts:\n  - id: Y"\n    type: person\n'
        "    client_online: true\n" + PEOPLE + "contacts:\n" + CONTACTS
    ),
    "a duplicate id, one on each side": (
        HEAD + "clients:\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS + CONTACTS[:80]
        + "    name: Again\n    client_online: true\n"
    ),
    "a duplicate key inside an item after the cut": (
        HEAD + "clients:\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS + "  - id: C50\n    id: C51\n"
        "    client: K\n    client_online: true\n"
    ),
    "Windows line ends and comments between the key and its items": (
        (HEAD + "clients: # all of them\n\n# first\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS).replace(
            "\n", "\r\n"
        )
    ),
    "lists at the key's own indentation": (
        HEAD + "clients:\n" + (COMPANY + PEOPLE).replace("\n  ", "\n").removeprefix("  ")
        + "contacts:\n" + CONTACTS.replace("\n  ", "\n").removeprefix("  ")
    ),
    "a byte-order mark and the clients first in the file": "\ufeffclients:\n" + COMPANY + PEOPLE,
    "a record list reached through an alias after the cut": (
        HEAD + "clients: &all\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS + "extra: *all\n"
    ),
    "an unknown reference to a client before the cut": (
        HEAD + "clients:\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS.replace("client: K", "client: KX", 1)
        + CONTACTS.replace("id: C", "id: D")
    ),
    "a wrong value in a record after the cut": (
        HEAD + "clients:\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS
        + "  - id: C77\n    client: K\n    client_online: misschien\n" + CONTACTS.replace("id: C", "id: E")
    ),
    "the middle in a long list of relations after the contacts": (
        HEAD + "clients:\n" + COMPANY + PEOPLE[:300] + "contacts:\n" + CONTACTS[:400] + "relations:\n"
        + "".join(f"  - id: R{n}\n    client: K\n    name: R\n    client_online: true\n" for n in range(40))
    ),
    "a tag after the cut": HEAD + "clients:\n" + COMPANY + PEOPLE + "contacts:\n" + CONTACTS + "  - !!map {}\n",
}


@needs_workers
@pytest.mark.parametrize("name", sorted(TRICKY))
def test_a_cut_the_bytes_suggest_never_changes_what_is_read(tmp_path, name):
    path = tmp_path / "office.yaml"
    path.write_bytes(TRICKY[name].encode("utf-8"))
    for share in (0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.98):
        assert_alike(path, share)


@needs_workers
def test_crlf_files_and_lists_at_the_keys_indentation_are_still_cut():
    # Not only read alike: read in two parts, where the cut holds.
    for name in ("Windows line ends and comments between the key and its items", "lists at the key's own indentation"):
        data = TRICKY[name].encode("utf-8")
        before = parallel.THRESHOLDS["split-read"]
        parallel.THRESHOLDS["split-read"] = 0
        try:
            where = export_split.cut(data)
            assert where is not None, name
            records = export_file._read(data, "office.yaml", quick=True, where=where)[0]
        finally:
            parallel.THRESHOLDS["split-read"] = before
        assert records is not None and len(records.contacts) == 12, name


# -- the worker process ---------------------------------------------------------


@needs_workers
def test_a_worker_sends_back_what_its_job_returns():
    worker = Worker.start(lambda: [("contacts", [1, 2, {"id": "C1", "main": None}]), 3.5, b"x", True])
    assert worker.result() == [("contacts", [1, 2, {"id": "C1", "main": None}]), 3.5, b"x", True]


@needs_workers
@pytest.mark.parametrize(
    "job",
    [lambda: 1 / 0, lambda: os._exit(0), lambda: object(), lambda: os.kill(os.getpid(), 9)],
    ids=["raises", "leaves-without-a-word", "returns-what-cannot-be-sent", "is-killed"],
)
def test_a_worker_that_fails_gives_no_result(job):
    assert Worker.start(job).result() is None


@needs_workers
def test_when_the_worker_fails_the_file_is_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "office.yaml"
    path.write_text(gen_export.export_text(gen_export.generate(200)), encoding="utf-8")
    data = path.read_bytes()
    monkeypatch.setitem(parallel.THRESHOLDS, "split-read", 0)
    whole = export_file.read_export(data, str(path))

    def broken(*_args):
        raise RuntimeError("the worker's bug")

    monkeypatch.setattr(export_split, "_read_part", broken)
    assert export_file.read_export(data, str(path)) == whole
    monkeypatch.setattr(Worker, "start", classmethod(lambda cls, job: None))
    assert export_file.read_export(data, str(path)) == whole


@needs_workers
def test_a_worker_runs_nothing_of_its_parent_at_exit(tmp_path):
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('the parent leaves'))\n"
        "print('buffered', end='')\n"
        "from planner.parallel import Worker\n"
        "try:\n"
        "    Worker.start(lambda: 1 / 0).result()\n"
        "finally:\n"
        "    print(' once')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out == "buffered once\nthe parent leaves\n"


@needs_workers
def test_no_worker_on_one_processor(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not available()


# -- through the command line -------------------------------------------------


@pytest.mark.slow  # a 20,000-contact office planned by the command twice
@needs_workers
def test_the_command_prints_the_same_checklist_with_and_without_a_second_processor(tmp_path):
    gen_export.write(str(tmp_path), 20_000)
    assert (tmp_path / "office.yaml").stat().st_size > parallel.THRESHOLDS["split-read"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795824000"}
    two, one = run_on_two_processors_and_one("death-of-director.yaml", "--format", "json", cwd=tmp_path, env=env)
    assert two.returncode == one.returncode == 0, (two.stderr, one.stderr)
    assert two.stdout == one.stdout and two.stderr == one.stderr
