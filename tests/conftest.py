"""Shared fixtures: the shipped scenarios and a way to run the command."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from planner.text.errors import InputError, Problem

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EXPORTS = SCENARIOS / "exports"


#: A scenario whose names try to run script, forge markup and reorder a
#: terminal: every output must show them as text.
HOSTILE = '''\
clients:
  - {id: A, name: "<script>document.title='owned'</script>", type: company, client_online: Ja}
  - {id: P, name: "<img src=x onerror=alert(1)>", type: person, client_online: Ja}
contacts:
  - {id: P@A, client: A, name: "{{ 7*7 }} \\e[31mred\\e[0m \\u202eevil", main: P, client_online: Ja}
  - {id: S@A, client: A, name: Sanne, client_online: Ja}
events:
  - death: {person: P}
'''

BENCHMARKS = ROOT / "benchmarks"


# Every process a test starts imports the package as an installed command
# does, from bytecode written once: where this machine's environment says
# not to write bytecode (PYTHONDONTWRITEBYTECODE), it goes to a folder of its
# own outside the working tree instead of being compiled again by each of the
# suite's hundreds of runs. (It changes nothing of what a run does.)
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) and "PYTHONPYCACHEPREFIX" not in os.environ:
    import tempfile

    os.environ["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), f"plan-removal-pycache-{os.getuid()}")


def sampled(values, quick, key=None, unpack: bool = False) -> list:
    """``values`` as parameters of a test, each whose ``key`` (the value
    itself by default) is not in ``quick`` marked slow: the quick loop
    (pytest -m "not slow") runs the sample, CI every one. ``unpack``: each
    value is a tuple of the test's several arguments."""
    key = key or (lambda value: value)
    params = [
        pytest.param(*(value if unpack else (value,)), marks=() if key(value) in quick else pytest.mark.slow)
        for value in values
    ]
    missing = set(quick) - {key(value) for value in values}
    assert not missing, f"not among the values to sample: {sorted(missing)}"
    return params


def write_xlsx(path, rows, sheet: str = "Blad1") -> pathlib.Path:
    """A workbook of one sheet holding ``rows`` from A1 (None leaves a cell empty)."""
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)
    return pathlib.Path(path)


def write_csv(path, rows, delimiter: str = ";", encoding: str = "utf-8-sig") -> pathlib.Path:
    """``rows`` as CSV the way Excel saves it (``\\r\\n``, a BOM for UTF-8)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    pathlib.Path(path).write_bytes(buffer.getvalue().encode(encoding))
    return pathlib.Path(path)


def scenario_files() -> list[pathlib.Path]:
    """The shipped scenarios (not their exports, nor the diff fixtures)."""
    return sorted(p for p in SCENARIOS.rglob("*.yaml") if EXPORTS not in p.parents and p not in diff_fixtures())


def diff_fixtures() -> list[pathlib.Path]:
    """The shipped diff fixtures: two exports and the findings expected
    (scenarios/diff-*.yaml, each with a top-level ``diff:``)."""
    return sorted(p for p in SCENARIOS.glob("diff-*.yaml") if "\ndiff:" in "\n" + p.read_text(encoding="utf-8"))


def installed_command() -> str:
    """The ``plan-removal`` console script installed next to this Python."""
    beside = pathlib.Path(sys.executable).with_name("plan-removal")
    if beside.exists():
        return str(beside)
    found = shutil.which("plan-removal")
    if found is None:
        pytest.fail("the plan-removal command is not installed; run pip install -e '.[test]'")
    return found


def run_cli(
    *args: str, env: dict | None = None, cwd=None, timeout: float = 120, input: str | None = None
) -> subprocess.CompletedProcess:
    """Run the installed ``plan-removal`` command as a user would, capturing
    text output (``input``: what it reads on standard input).

    It runs outside the repository's root by default, so it exercises the
    installed package, not the source folders next to it; and without a
    FORCE_COLOR the test runner may have been given, which would colour
    the output the tests read (tests of colour pass ``env``).
    """
    if env is None:
        env = {name: value for name, value in os.environ.items() if name != "FORCE_COLOR"}
    return subprocess.run(
        [installed_command(), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or pathlib.Path(__file__).parent,
        timeout=timeout,
        input=input,
    )


def run_here(*args: str, cwd=None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command run in this process (planner.cli.command.exit_status),
    its result as :func:`run_cli` gives it (``args`` in the result are the
    command's own).

    For tests that hold what the command says to many inputs: the same code
    from the arguments down, without starting Python and importing the
    package again for each (a third of a second a run). What only a process
    has (its streams' encoding, signals, the console script) is tested
    through :func:`run_cli`. ``cwd`` and ``env`` are as :func:`run_cli`'s
    (FORCE_COLOR is left out by default) and are restored afterwards.
    """
    import io

    from planner.cli.command import exit_status
    from planner.output.writer import Streams

    if env is None:
        env = {name: value for name, value in os.environ.items() if name != "FORCE_COLOR"}
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd or pathlib.Path(__file__).parent)
        for name in set(os.environ) - set(env):
            patch.delenv(name)
        for name, value in env.items():
            patch.setenv(name, value)
        status = exit_status([str(a) for a in args], Streams(out, err))
    return subprocess.CompletedProcess(["plan-removal", *map(str, args)], status, out.getvalue(), err.getvalue())


def run_on_two_processors_and_one(*args: str, cwd, env: dict | None = None, timeout: float = 300) -> tuple:
    """The installed command run as :func:`run_cli` does (output as bytes),
    first on two processors, where it may start a worker process
    (planner/worker.py), then on one, where it never does."""
    runs = []
    for processors in ({0, 1}, {0}):
        def pin(processors=processors):
            os.sched_setaffinity(0, processors)

        runs.append(
            subprocess.run(
                [installed_command(), *map(str, args)],
                cwd=cwd, capture_output=True, env=env, preexec_fn=pin, timeout=timeout,
            )
        )
    return tuple(runs)


#: The SARIF 2.1.0 schema, vendored (tests/data/README.md says from where).
SARIF_SCHEMA = pathlib.Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def assert_valid_sarif(text: str) -> dict:
    """The SARIF log in ``text`` validates against the SARIF 2.1.0 schema,
    formats (URIs) included; the log."""
    import json

    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(text)
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = sorted(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(log), key=str)
    assert errors == [], "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    return log


# -- input files and the problems found in them ----------------------------------------


def write(directory: pathlib.Path, name: str, content: str | bytes) -> str:
    """Write a file (and its folders) under ``directory``; its path."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the ``occurrence``-th ``needle`` in ``text``."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def input_error(load, path: str) -> InputError:
    """What ``load(path)`` refuses the file for."""
    with pytest.raises(InputError) as info:
        load(path)
    return info.value


def assert_problem(error: InputError, path: str, line: int, col: int | None, *fragments: str) -> Problem:
    """Some problem is at ``path:line[:col]`` and says all of ``fragments``;
    and its printed form starts with ``file:line:col:`` as the CLI shows it."""
    for problem in error.problems:
        mark = problem.mark
        if mark is None or mark.file != path or mark.line != line:
            continue
        if col is not None and mark.col != col:
            continue
        if all(fragment in problem.message for fragment in fragments):
            assert str(problem).startswith(f"{path}:{line}:{mark.col}: ")
            return problem
    shown = "\n".join(str(p) for p in error.problems)
    raise AssertionError(f"no problem at {path}:{line}:{col} saying {fragments}; got:\n{shown}")


# -- every file a test writes is read alike every way ----------------------------------
#
# An export file is first read quickly, keeping no marks (a big one in two
# parts at once, planner.load.export_split), and read again with marks only when
# something in it must be reported (planner.load.export_file). Each file a test
# using this fixture writes, and every shipped fixture, is read every way
# (cut in two however small it is) and must come to the same: an equal
# export with the same marks, or the same problems. A scenario must also come to the same whether its
# export is loaded afresh or taken from an ExportCache (as --check does).


def read_as_export_every_way(path: str) -> list:
    """The export in ``path`` as read_export gives it (quickly when it can),
    as it gives it cut in two and read by two processes however small the
    file (planner.load.export_split), and as the careful read alone gives it."""
    from planner import parallel
    from planner.load import export_file

    data = pathlib.Path(path).read_bytes()
    outcomes = []
    for way in ("quick", "split", "careful"):
        if way != "careful":
            worth = parallel.THRESHOLDS["split-read"]
            parallel.THRESHOLDS["split-read"] = 0 if way == "split" else worth
            try:
                export, problems, _spent = export_file.read_export(data, path)
            finally:
                parallel.THRESHOLDS["split-read"] = worth
        else:
            try:
                export, found, _spent, _doc = export_file._read(data, path, quick=False)
                problems = found.kept
            except InputError as error:
                export, problems = None, error.problems
        if problems:
            outcomes.append(("refused", [str(p) for p in InputError(list(problems)).problems]))
        else:
            records = (*export.clients.values(), *export.contacts.values())
            marks = [(r.id, export.mark(r.id)) for r in records] + [r.mark for r in export.relations]
            outcomes.append(("loaded", export, marks))
    return outcomes


def load_scenario_three_ways(path: str) -> list:
    from planner.load.loading import ExportCache, load_scenario

    cache = ExportCache()
    outcomes = []
    for exports in (None, cache, cache):  # afresh, into the cache, from the cache
        try:
            scenario = load_scenario(path, exports)
        except InputError as error:
            outcomes.append(("refused", [str(p) for p in error.problems]))
        else:
            export = scenario.export
            marks = [(r.id, export.mark(r.id)) for r in (*export.clients.values(), *export.contacts.values())]
            outcomes.append(("loaded", scenario, scenario.fingerprint, marks))
    return outcomes


def assert_reads_agree(path: str) -> None:
    from planner.load.export_file import SCENARIO, file_kind

    quick, split, careful = read_as_export_every_way(path)
    assert quick == careful, f"{path}: the quick and the careful read differ"
    assert split == careful, f"{path}: the read in two parts and the careful read differ"
    if file_kind(pathlib.Path(path).read_bytes(), path) == SCENARIO:
        afresh, first, cached = load_scenario_three_ways(path)
        assert afresh == first == cached, f"{path}: loading through the export cache differs"


@pytest.fixture
def every_input_reads_alike(request):
    """After a test that wrote files, read every one of them both ways; a test
    module asks for it with ``pytestmark = pytest.mark.usefixtures(...)``."""
    yield
    folder = request.node.funcargs.get("tmp_path")
    if folder is None:
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            assert_reads_agree(str(path))


@pytest.fixture(params=scenario_files(), ids=lambda p: p.stem)
def scenario_path(request) -> pathlib.Path:
    return request.param


# Property-test budgets: "ci" (the default) keeps the suite quick and
# deterministic; HYPOTHESIS_PROFILE=thorough searches far longer.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=150, derandomize=True, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=5_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def only_user_at(companies: int, folder) -> pathlib.Path:
    """An export where P is the only portal user of each company, and P dies:
    a cliënt left without users, one decision, per company."""
    clients = "".join(
        f"  - {{id: K{i}, name: Bedrijf {i} B.V., type: company, client_online: Ja}}\n" for i in range(1, companies + 1)
    )
    contacts = "".join(
        f"  - {{id: P@K{i}, client: K{i}, name: Piet de Vries, main: P, client_online: Ja}}\n"
        for i in range(1, companies + 1)
    )
    scenario = folder / f"only-user-at-{companies}.yaml"
    scenario.write_text(
        "clients:\n  - {id: P, name: Piet de Vries, type: person, client_online: Ja}\n" + clients
        + "contacts:\n" + contacts + "events:\n  - death: {person: P}\n",
        encoding="utf-8",
    )
    return scenario


#: A revoke whose answer remove opens a second decision: Alfa Bouw left without a user.
CHAIN = """\
clients:
  - {id: A, name: Alfa Bouw B.V., type: company, client_online: Ja}
  - {id: B, name: Bravo Transport B.V., type: company, client_online: Ja}
contacts:
  - {id: P@A, client: A, name: Piet de Vries, client_online: Ja}
  - {id: P@B, client: B, name: Piet de Vries, main: P@A, client_online: Ja}
  - {id: S@B, client: B, name: Sanne Vos, client_online: Ja}
events:
  - revoke: {contact: P@A}
"""
