"""Office scale: plan-removal on a 100,000-contact export against libyaml's own parse.

Usage::

    python benchmarks/scale.py [--contacts 100000] [--scenarios 1000] [--repeat 3] [--workdir DIR]

Generates a synthetic office with ``gen_export.py`` (in a temporary folder, or
in ``--workdir``, where files already generated are used again) and prints,
measured in this one run on this machine:

1. one scenario (the death of a director of four companies) end to end
   through the command line with JSON output, divided by libyaml's bare event
   parse of the same export: at most 2.0;
2. the peak memory (maximum resident set size) of that command: at most 300 MB;
3. planning and validating that scenario once loaded, on the big export
   against a 1,000-contact one with the same director: at most 2x;
4. ``--check`` over the scenarios (1,000), which all share the big export,
   divided by the bare event parse: at most 3.0; and, for reference, the same
   run divided by a bare ``yaml.load(text, Loader=yaml.CSafeLoader)``.

The bare parse is ``for e in yaml.parse(text, Loader=yaml.CSafeLoader)``
counting events, timed inside its own fresh interpreter from reading the file
to the last event. The command line is timed as a whole process (start-up,
imports and exit included), so the ratios are on the strict side. Each
figure is the best of ``--repeat`` runs (``yaml.load`` is run once); the
runs are serial. The exit status is 1 when a figure misses its target.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen_export  # noqa: E402

SMALL = 1_000
TARGETS = {"cli": 2.0, "memory": 300, "planning": 2.0, "check": 3.0, "lint": 2.5}

BARE_PARSE = """
import sys, time, yaml
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
n = 0
for event in yaml.parse(text, Loader=yaml.CSafeLoader):
    n += 1
print(time.perf_counter() - start, n)
"""

BARE_LOAD = """
import resource, sys, time, yaml
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
data = yaml.load(text, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# Planning and validating one loaded scenario, big and small in turn.
PLANNING = """
import json, sys, time
from planner.i18n import translations
from planner.loader import load_scenario
from planner.planner import plan
from planner.validate import validate

from planner.lint import RegistrationCache, lint

catalog = translations("nl")
small, big = load_scenario(sys.argv[1]), load_scenario(sys.argv[2])
runs = int(sys.argv[3])
times = {"small": [], "big": []}
steps = {}
# The export's own registration findings are worked out once per export, not
# per scenario (--check keeps them in a RegistrationCache): timed on their own.
registrations = RegistrationCache()
registration = {}
lint(small.export, translations("en"))  # imports the rules
for name, scenario in (("small", small), ("big", big)):
    start = time.perf_counter()
    registrations.findings(scenario.export, catalog)
    registration[name] = time.perf_counter() - start
for _ in range(runs):
    for name, scenario in (("small", small), ("big", big)):
        start = time.perf_counter()
        planned = plan(scenario)
        verdict = validate(planned, catalog, registrations)
        times[name].append(time.perf_counter() - start)
        steps[name] = [p.action for p in planned.steps], verdict.ok, verdict.orders.total
print(json.dumps({"times": times, "steps": steps, "registration": registration}))
"""


def run(args: list[str], cwd: str | None = None) -> tuple[float, int, int, str]:
    """Wall time, exit status, peak memory (KiB) and output of one process.

    The package is used as installed (``pip install .``), as a firm runs it.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(), err.read().decode()
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({code}):\n{errors}")
    return elapsed, code, usage.ru_maxrss, output


def megabytes(kibibytes: int) -> float:
    """ru_maxrss (KiB on Linux) in MB, as file sizes are given."""
    return kibibytes * 1024 / 1e6


def python(code: str, *args: str) -> str:
    return run([sys.executable, "-c", code, *args])[3]


def machine() -> str:
    memory = "?"
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    try:
        from yaml import _yaml

        libyaml = _yaml.get_version_string()
    except ImportError:
        libyaml = "not available"
    return (
        f"{os.cpu_count()} cores, {memory} memory, {platform.machine()}; "
        f"Python {platform.python_version()}, libyaml {libyaml}"
    )


def prepare(workdir: str, contacts: int, scenarios: int) -> tuple[str, str]:
    big, small = os.path.join(workdir, f"office-{contacts}"), os.path.join(workdir, f"office-{SMALL}")
    for folder, size, count in ((big, contacts, scenarios), (small, SMALL, 0)):
        marker = os.path.join(folder, ".complete")
        wanted = f"{size} {count} 1"
        if os.path.exists(marker) and open(marker).read() == wanted:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        gen_export.write(folder, size, count)
        with open(marker, "w") as handle:
            handle.write(wanted)
    return big, small


def row(label: str, value: str, detail: str = "", target: str | None = None, figure: float = 0.0) -> None:
    line = f"{label:<44} {value:>9}  {detail:<20}"
    if target is not None:
        limit = f"{TARGETS[target]} MB" if target == "memory" else f"{TARGETS[target]:.1f} x"
        line += f"{'target <= ' + limit:<19} {'PASS' if figure <= TARGETS[target] else 'FAIL'}"
    print(line.rstrip())


def note(text: str) -> None:
    print(f"{'':47}({text})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--scenarios", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument("--workdir", help="keep the generated files here (default: a temporary folder)")
    args = parser.parse_args(argv)

    workdir = args.workdir or tempfile.mkdtemp(prefix="plan-removal-scale-")
    os.makedirs(workdir, exist_ok=True)
    try:
        print(f"plan-removal scale benchmark, {datetime.date.today().isoformat()}")
        print(f"machine: {machine()}")
        big, small = prepare(workdir, args.contacts, args.scenarios)
        export = os.path.join(big, "office.yaml")
        size = os.path.getsize(export)
        office = gen_export.generate(args.contacts)
        print(
            f"export: {len(office.contacts):,} contacts, {len(office.clients):,} clients, "
            f"{size / 1e6:.1f} MB; scenarios: {args.scenarios:,}; small export: {SMALL:,} contacts"
        )
        print(f"each figure the best of {args.repeat} runs\n")
        best = min

        parses = [float(python(BARE_PARSE, export).split()[0]) for _ in range(args.repeat)]
        parse = best(parses)
        events = int(python(BARE_PARSE, export).split()[1])
        row("bare event parse (yaml.parse, CSafeLoader)", f"{parse:.2f} s", f"{events:,} events")

        cli = [sys.executable, "-m", "planner", "death-of-director.yaml", "--format", "json"]
        runs = [run(cli, cwd=big) for _ in range(args.repeat)]
        ok = all(status == 0 and json.loads(output)["ok"] for _, status, _, output in runs)
        elapsed = best(r[0] for r in runs)
        memory = megabytes(max(r[2] for r in runs))
        document = json.loads(runs[0][3])
        figures = {}
        figures["1"] = ratio1 = elapsed / parse
        row("1. one scenario, CLI end to end, JSON", f"{elapsed:.2f} s", f"{ratio1:.2f} x parse", "cli", ratio1)
        figures["2"] = memory
        row("2. peak memory of (1)", f"{memory:.0f} MB", "", "memory", memory)
        note(
            f"{len(document['plan']['steps'])} steps, {document['plan']['orders']['total']} orders "
            f"checked, {len(document['registration'])} registration findings; "
            + ("no error findings" if ok else "ERROR FINDINGS")
        )

        out = json.loads(
            python(
                PLANNING,
                os.path.join(small, "death-of-director.yaml"),
                os.path.join(big, "death-of-director.yaml"),
                str(max(10, 10 * args.repeat)),
            )
        )
        t_small, t_big = best(out["times"]["small"]), best(out["times"]["big"])
        same = out["steps"]["small"] == out["steps"]["big"]
        figures["3"] = ratio3 = t_big / t_small
        row(
            f"3. plan + validate, {args.contacts:,} vs {SMALL:,} contacts",
            f"{t_big * 1000:.1f} ms",
            f"{ratio3:.2f} x {t_small * 1000:.1f} ms",
            "planning",
            ratio3,
        )
        note(
            ("the same plan at both sizes" if same else "THE PLANS DIFFER between the sizes")
            + f"; the export's registration findings, once per export: "
            f"{out['registration']['big'] * 1000:.0f} ms / {out['registration']['small'] * 1000:.1f} ms"
        )

        check = [sys.executable, "-m", "planner", "--check", "scenarios"]
        runs = [run(check, cwd=big) for _ in range(args.repeat)]
        checked = best(r[0] for r in runs)
        summary = runs[0][3].strip().splitlines()[-1]
        figures["4"] = ratio4 = checked / parse
        row(
            f"4. --check, {args.scenarios:,} scenarios, one export",
            f"{checked:.2f} s",
            f"{ratio4:.2f} x parse",
            "check",
            ratio4,
        )
        note(f"{summary.removeprefix('plan-removal: ')}; peak memory {megabytes(max(r[2] for r in runs)):.0f} MB")

        lint = [sys.executable, "-m", "planner", "--lint", "office.yaml"]
        runs = [run(lint, cwd=big) for _ in range(args.repeat)]
        linted = best(r[0] for r in runs)
        figures["5"] = ratio5 = linted / parse
        row("5. --lint, the registration rules alone", f"{linted:.2f} s", f"{ratio5:.2f} x parse", "lint", ratio5)
        note(runs[0][3].strip().splitlines()[-1].removeprefix("plan-removal: "))

        loaded, peak = python(BARE_LOAD, export).split()
        loaded = float(loaded)
        row("   reference: bare yaml.load (CSafeLoader)", f"{loaded:.2f} s", f"{megabytes(int(peak)):.0f} MB peak")
        note(f"(4) is {checked / loaded:.2f} x yaml.load")

        keys = {"1": "cli", "2": "memory", "3": "planning", "4": "check", "5": "lint"}
        missed = [n for n, value in figures.items() if value > TARGETS[keys[n]]]
        print("\nall five figures within their targets" if not missed else f"\nmissed: {', '.join(missed)}")
        return 1 if missed or not same or not ok else 0
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
