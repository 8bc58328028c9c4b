"""``plan-removal diff`` on two 100,000-contact offices against libyaml's own parse.

Usage::

    python benchmarks/diff_speed.py [--contacts 100000] [--repeat 3] [--workdir DIR]

For each of the two synthetic offices ``scale.py`` uses (``gen_export.py``'s
and ``gen_numeric_office.py``'s, of different shape), two newer exports are
made from the office by editing its lines, seeded, as staff would between
two exports:

* a day's work: about 0.2 % of the contacts unlinked from their main person
  and 0.2 % of the records switched off Cliënt Online (a few hundred
  changes, many of them errors to report);
* a big day: 5 % of the records switched off and 2 % of the contacts
  unlinked (thousands of changes, people with many changes among them).

It prints, measured in this one run on this machine, ``plan-removal diff
BEFORE AFTER --format json`` end to end (a whole process, start-up included)
divided by the bare event parse of both files (``yaml.parse`` with
CSafeLoader, each timed in its own fresh interpreter, as in ``scale.py``),
with PASS or FAIL against the target of 2.0, and the changes and findings
the diff reported. The exit status is 1 when a figure misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from scale import BARE_PARSE, ENV, OFFICES, machine, prepare, run  # noqa: E402

TARGET = 2.0

#: (name, share of records switched off, share of contacts unlinked)
DAYS = (("a day's work", 0.002, 0.002), ("a big day", 0.05, 0.02))

ON = ("    client_online: Ja", "    client_online: true")
OFF = {"    client_online: Ja": "    client_online: Nee", "    client_online: true": "    client_online: false"}


def newer(office: str, name: str, off: float, unlink: float, seed: int) -> str:
    """A copy of ``office`` with records switched off and contacts unlinked,
    line by line (both generators write one field per line)."""
    chosen = random.Random(seed)
    path = os.path.join(os.path.dirname(office), f"after-{name.replace(' ', '-').replace(chr(39), '')}.yaml")
    if os.path.exists(path):
        return path
    with open(office, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as target:
        for line in source:
            bare = line.rstrip("\n")
            if bare.startswith("    main: ") and chosen.random() < unlink:
                continue
            if bare in ON and chosen.random() < off:
                line = OFF[bare] + "\n"
            target.write(line)
    return path


def parse_time(path: str, repeat: int) -> float:
    return min(float(run([sys.executable, "-c", BARE_PARSE, path])[2].split()[0]) for _ in range(repeat))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument("--workdir", help="keep the generated files here (default: a temporary folder)")
    args = parser.parse_args(argv)
    workdir = args.workdir or tempfile.mkdtemp(prefix="plan-removal-diff-")
    os.makedirs(workdir, exist_ok=True)
    command = shutil.which("plan-removal", path=os.path.dirname(sys.executable)) or "plan-removal"
    missed = []
    try:
        print(f"plan-removal diff benchmark; machine: {machine()}; each figure the best of {args.repeat} runs")
        for generator, title, _leave in OFFICES:
            folder, _small = prepare(workdir, generator, args.contacts, 0)
            office = os.path.join(folder, "office.yaml")
            before = parse_time(office, args.repeat)
            print(f"\n{title}: {os.path.getsize(office) / 1e6:.1f} MB; bare parse {before:.2f} s")
            for seed, (day, off, unlink) in enumerate(DAYS):
                after = newer(office, day, off, unlink, seed)
                parse = before + parse_time(after, args.repeat)
                run([command, "diff", office, after, "--format", "json"])  # not timed: bytecode, caches
                timed = [run([command, "diff", office, after, "--format", "json"]) for _ in range(args.repeat)]
                best = min(t[0] for t in timed)
                report = json.loads(timed[0][2])
                summary = report["summary"]
                ratio = best / parse
                ok = ratio <= TARGET
                if not ok:
                    missed.append(f"{title}, {day}")
                print(f"  {day:<14} {best:6.2f} s = {ratio:.2f} x the parse of both   target <= {TARGET:g} "
                      f"{'PASS' if ok else 'FAIL'}")
                print(f"  {'':14} {summary['changes']:,} changes, {summary['events']:,} events, "
                      f"{summary['error']:,} errors, {summary['warning']:,} warnings, "
                      f"{len(report['people']):,} people")
        print("\nall figures within their targets" if not missed else f"\nmissed: {'; '.join(missed)}")
        return 1 if missed else 0
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
