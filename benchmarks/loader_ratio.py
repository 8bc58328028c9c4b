"""Time load_export on an export against libyaml's bare event parse of it.

Usage: python benchmarks/loader_ratio.py EXPORT.yaml [RUNS]

Each measurement runs in a fresh interpreter, as the command line does, and
the report gives the best and the median of RUNS runs of each and their
ratio. The bare parse is the yardstick the loader is held to:

    for e in yaml.parse(text, Loader=yaml.CSafeLoader): n += 1
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BARE = """
import sys, time, yaml
t = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
n = 0
for e in yaml.parse(text, Loader=yaml.CSafeLoader):
    n += 1
print(time.perf_counter() - t)
"""

LOAD = """
import sys, time
from planner.load.loading import load_export
t = time.perf_counter()
load_export(sys.argv[1])
print(time.perf_counter() - t)
"""


def timed(code: str, path: str) -> float:
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout)


def main(path: str, runs: int = 5) -> None:
    bare, load = [], []
    for _ in range(runs):
        bare.append(timed(BARE, path))
        load.append(timed(LOAD, path))
    print(f"bare parse  best {min(bare):.3f}s  median {statistics.median(bare):.3f}s")
    print(f"load_export best {min(load):.3f}s  median {statistics.median(load):.3f}s")
    print(f"ratio       best {min(load) / min(bare):.2f}  median {statistics.median(load) / statistics.median(bare):.2f}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
