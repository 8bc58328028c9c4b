"""Importing AuditCase's lists of a big office, against planning one request on it.

Usage::

    python benchmarks/import_speed.py [--contacts 100000] [--repeat 3] [--workdir DIR]

Generates two synthetic offices of different shapes, with ``gen_export.py``
(100,000 contacts, 70,000 klanten) and ``gen_numeric_office.py`` (numeric
ids, people at many companies, a holding of 12,000), and writes each one's
lists as AuditCase hands them out, one .xlsx per kind, with ``gen_lists.py``
(in a temporary folder, or in ``--workdir``, where files already made are
used again: writing the workbooks takes a while). Then it measures, for
each office, in this one run on this machine:

1. the import of those lists to an export (``plan-removal import``), as a
   whole process, divided by planning one request on the office's export
   the same way (``plan-removal death-of-director.yaml --format json``): at
   most 1.0;
2. the peak memory of the import, all its processes together (each kind of
   list is read in a process of its own, the klanten and the contacts at
   once; measured as ``scale.py`` does, in a run of its own): at most 300 MB.

Each time is the best of ``--repeat`` runs, the import and the plan taking
turns so that both meet the same load. The import's export is checked to load as the same records as
the office's own. The exit status is 1 when a figure misses its target.

Everything big (generating, loading) runs in a process of its own: a child
process's peak memory as Linux reports it includes what its parent held
when it was started, so this script stays small.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from scale import command as measured  # noqa: E402
from scale import machine, memory, run

TARGETS = {"ratio": 1.0, "memory": 300}


GENERATORS = ("gen_export.py", "gen_numeric_office.py")


def prepare(workdir: str, generator: str, contacts: int) -> tuple[str, dict[str, list[str]]]:
    """The office's folder and its lists per kind, made unless already there."""
    folder = os.path.join(workdir, f"{generator.removesuffix('.py')}-{contacts}")
    marker = os.path.join(folder, ".complete")
    wanted = f"{contacts} 1"
    if not (os.path.exists(marker) and open(marker).read() == wanted):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, os.path.join(HERE, generator), str(contacts), "--out", folder], check=True
        )
        with open(marker, "w") as handle:
            handle.write(wanted)
    lists = os.path.join(folder, "lists")
    marker = os.path.join(lists, ".complete")
    if os.path.exists(marker):
        paths = {}
        for line in open(marker).read().splitlines():
            kind, path = line.split(" ", 1)
            paths.setdefault(kind, []).append(path)
        return folder, paths
    print("writing the lists as .xlsx (about half a minute per 100,000 contacts) ...", flush=True)
    written = subprocess.run(
        [
            sys.executable,
            os.path.join(HERE, "gen_lists.py"),
            os.path.join(folder, "office.yaml"),
            "--out",
            lists,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    paths = {}
    for line in written.splitlines():  # "clients: PATH"
        kind, path = line.split(": ", 1)
        paths.setdefault(kind, []).append(path)
    with open(marker, "w") as handle:
        handle.write("".join(f"{kind} {path}\n" for kind, files in paths.items() for path in files))
    return folder, paths


def verdict(figure: float, target: float) -> str:
    return "PASS" if figure <= target else "FAIL"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument("--workdir", help="keep the generated files here (default: a temporary folder)")
    args = parser.parse_args(argv)

    workdir = args.workdir or tempfile.mkdtemp(prefix="plan-removal-import-")
    os.makedirs(workdir, exist_ok=True)
    try:
        print(f"plan-removal import benchmark, {datetime.date.today().isoformat()}")
        print(f"machine: {machine()}")
        missed = False
        for generator in GENERATORS:
            missed |= measure(workdir, generator, args.contacts, args.repeat)
        print("\nevery figure within its target" if not missed else "\na figure missed its target")
        return 1 if missed else 0
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def measure(workdir: str, generator: str, contacts: int, repeat: int) -> bool:
    """The import of one office's lists against planning one request on it;
    whether a figure missed its target."""
    folder, paths = prepare(workdir, generator, contacts)
    sizes = sum(os.path.getsize(p) for files in paths.values() for p in files)
    print(
        f"\noffice from {generator}: {sum(len(f) for f in paths.values())} workbooks, {sizes / 1e6:.1f} MB "
        f"({contacts:,} contacts); each time the best of {repeat} runs"
    )
    imported = os.path.join(folder, "imported.yaml")
    args = ["import", "--clients", *paths["clients"], "--contacts", *paths["contacts"]]
    if paths.get("relations"):
        args += ["--relations", *paths["relations"]]
    command = measured(*args, "-o", imported)
    plan = measured("death-of-director.yaml", "--format", "json")
    imports, plans = [], []
    for _ in range(repeat):
        imports.append(run(command))
        plans.append(run(plan, cwd=folder))
    if any(status != 0 for _, status, _, _ in imports + plans):
        print("a run failed")
        return True
    t_import = min(r[0] for r in imports)
    t_plan = min(r[0] for r in plans)
    peak, most = memory(command, folder)
    ratio = t_import / t_plan
    same = _same_records(os.path.join(folder, "office.yaml"), imported)
    print(f"{'import of the lists (plan-removal import)':<52} {t_import:6.2f} s")
    print(f"{'plan of one request (death-of-director, JSON)':<52} {t_plan:6.2f} s")
    print(
        f"{'1. import / plan':<52} {ratio:6.2f} x   target <= {TARGETS['ratio']:.1f} x   "
        f"{verdict(ratio, TARGETS['ratio'])}"
    )
    print(
        f"{'2. peak memory of the import':<52} {peak:6.0f} MB  target <= {TARGETS['memory']} MB    "
        f"{verdict(peak, TARGETS['memory'])}"
    )
    print(f"{'':52} ({most} process(es); the plan's peak memory: {memory(plan, folder)[0]:.0f} MB)")
    print(
        "the import gives the office's export back record for record"
        if same
        else "THE IMPORT DIFFERS from the office's export"
    )
    return ratio > TARGETS["ratio"] or peak > TARGETS["memory"] or not same


SAME_RECORDS = """
import sys
from planner.load.loading import load_export
a, b = load_export(sys.argv[1]), load_export(sys.argv[2])
print((a.clients, a.contacts, a.relations) == (b.clients, b.contacts, b.relations))
"""


def _same_records(original: str, imported: str) -> bool:
    return run([sys.executable, "-c", SAME_RECORDS, original, imported])[2].strip() == "True"


if __name__ == "__main__":
    sys.exit(main())
