"""``python -m planner.importer``: import lists from a shell.

A stand-in for ``plan-removal import`` with the same options; it prints
warnings and problems to standard error (exit status 2 on problems) and
writes the export to ``-o`` or standard output.
"""

from __future__ import annotations

import argparse
import sys

from planner.errors import InputError
from planner.importer.importing import run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.importer", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", nargs="+", action="extend", required=True, metavar="FILE")
    parser.add_argument("--contacts", nargs="+", action="extend", default=[], metavar="FILE")
    parser.add_argument("--relations", nargs="+", action="extend", default=[], metavar="FILE")
    parser.add_argument("--columns", metavar="COLUMNS.yaml")
    parser.add_argument("-o", "--output", metavar="EXPORT.yaml")
    args = parser.parse_args(argv)
    try:
        text, warnings = run(args.clients, args.contacts, args.relations, args.columns)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"{warning.mark}: warning: {warning.message}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
