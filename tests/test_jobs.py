"""One answer on any number of processors: ``--jobs 1`` and ``--jobs 2``
give the same output, exit status and messages, byte for byte.

A big export is read in two parts at once (planner.load.export_split) only
where the parts are proven to read as the whole file does; anything the
proof does not cover — a line break other than ``\\n``, a document marker or
directive, an alias — makes it read the file whole. These tests run the
installed command on exports of the size that is split (4 MB and more),
generated with every such hazard on either side of the cut, and with errors
on either side, once on one process and once on two.
"""

from __future__ import annotations

import os

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import parallel
from planner.load import export_file, export_split

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        len(os.sched_getaffinity(0)) < 2, reason="a second processor is needed to compare one with two"
    ),
]

#: Comfortably above the size from which an export is read in two parts.
CONTACTS = 66_000
COMPANIES = 2_000


def office_lines() -> list[str]:
    """A plain office of some 4.5 MB: companies, a few off the portal (so
    --lint reports contacts all over the file), and their contacts."""
    lines = ["format: auditcase-export/1", "clients:"]
    lines += [
        f'  - {{id: "K{i}", name: "Klant {i} B.V.", type: company, client_online: {"Nee" if i % 97 == 5 else "Ja"}}}'
        for i in range(COMPANIES)
    ]
    lines.append("contacts:")
    lines += [
        f'  - {{id: "C{i}", client: "K{i % COMPANIES}", name: "Contact {i}", client_online: Ja}}'
        for i in range(CONTACTS)
    ]
    assert len("\n".join(lines)) > parallel.THRESHOLDS["split-read"]
    return lines


BASE = office_lines()
FIRST_CONTACT = BASE.index("contacts:") + 1


def contact_line(share: float) -> int:
    """The index of the contact line at ``share`` of the contacts list."""
    return FIRST_CONTACT + min(CONTACTS - 1, int(share * CONTACTS))


#: What can be put into the export, at a share of the contacts list: each
#: changes the lines it is given.
def _in_name(char: str):
    def put(lines: list[str], at: int) -> None:
        lines[at] = lines[at].replace('name: "Contact', f'name: "Con{char}tact', 1)

    return put


def _lone_cr(lines: list[str], at: int) -> None:
    lines[at] = lines[at] + "\r" + lines.pop(at + 1)  # one line ended by CR alone


def _document_end(lines: list[str], at: int) -> None:
    lines.insert(at, "...")


def _unknown_key(lines: list[str], at: int) -> None:
    lines[at] = lines[at].replace("client_online: Ja}", "client_online: Ja, nme: x}")


def _anchor_and_alias(lines: list[str], at: int) -> None:
    lines[at] = lines[at].replace('name: "Contact', 'name: &n "Contact', 1)
    lines[at + 5] = lines[at + 5].split(", name:")[0] + ", name: *n, client_online: Ja}"


def _alias_first(lines: list[str], at: int) -> None:  # an alias before its anchor: an error
    lines[at] = lines[at].split(", name:")[0] + ", name: *m, client_online: Ja}"
    lines[at + 5] = lines[at + 5].replace('name: "Contact', 'name: &m "Contact', 1)


HAZARDS = {
    "NEL in a name": _in_name("\u0085"),
    "LS in a name": _in_name("\u2028"),
    "PS in a name": _in_name("\u2029"),
    "a lone CR": _lone_cr,
    "a document end": _document_end,
    "an unknown key": _unknown_key,
    "an anchor and its alias": _anchor_and_alias,
    "an alias before its anchor": _alias_first,
}

#: Changes to the whole file.
WHOLE = {
    "as written": lambda text: text,
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
    "a document start": lambda text: "---\n" + text,
    "a directive": lambda text: "%YAML 1.1\n---\n" + text,
}


def run_both(path, *args):
    """The command on one process and on two; what each wrote and said."""
    one = run_cli(path, *args, "--jobs", "1", timeout=300)
    two = run_cli(path, *args, "--jobs", "2", timeout=300)
    for result in (one, two):
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return one, two


def assert_alike(path, *args):
    one, two = run_both(path, *args)
    assert (one.returncode, one.stderr) == (two.returncode, two.stderr)
    assert one.stdout == two.stdout, first_difference(one.stdout, two.stdout)
    return one


def first_difference(a: str, b: str) -> str:
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), start=1):
        if x != y:
            return f"line {n}: {x!r} (one process) != {y!r} (two)"
    return "one output is longer"


def write(tmp_path, lines: list[str], whole: str = "as written"):
    path = tmp_path / "office.yaml"
    path.write_bytes(WHOLE[whole]("\n".join(lines) + "\n").encode("utf-8"))
    return path


# -- the three cases that split differently before -------------------------------


def test_a_nel_in_the_first_half_shifts_no_line_of_the_second(tmp_path):
    lines = list(BASE)
    HAZARDS["NEL in a name"](lines, contact_line(0.1))
    one = assert_alike(write(tmp_path, lines), "--lint")
    assert one.returncode == 0 and "contact-not-synced" in one.stdout


def test_a_document_end_before_the_cut_is_refused_on_two_processors_too(tmp_path):
    lines = list(BASE)
    _document_end(lines, contact_line(0.5))
    one = assert_alike(write(tmp_path, lines), "--death", "C7")
    assert one.returncode == 2 and "document" in one.stderr


def test_aliases_on_both_sides_of_the_cut_are_read_whole(tmp_path):
    """The alias budget is the whole file's: each part held to a budget of
    its own would allow twice as much. So a file with any alias is read
    whole, on two processors as on one."""
    mapping = "{" + ", ".join(f"{k}: Ja" for k in ("twinfield", "qics", "alure", "afas")) + "}"
    lines = list(BASE)
    first, second = contact_line(0.1), contact_line(0.9)
    lines.insert(FIRST_CONTACT - 1, f'  - {{id: "I0", type: company, client_online: Ja, integrations: &i {mapping}}}')
    lines.insert(FIRST_CONTACT, '  - {id: "I1", type: company, client_online: Ja, integrations: *i}')
    _anchor_and_alias(lines, first)
    _anchor_and_alias(lines, second)
    data = write(tmp_path, lines).read_bytes()
    where = export_split.cut(data)
    assert where is not None  # the bytes alone allow a cut: the parts decide
    with pytest.raises(export_split.Unsplittable):
        export_file._read(data, "office.yaml", quick=True, where=where)
    assert_alike(tmp_path / "office.yaml", "--lint")


def test_what_the_proof_does_not_cover_is_read_whole(monkeypatch):
    def refused(text: str) -> bool:
        data = text.encode()
        where = export_split.cut(data)
        if where is None:
            return True
        try:
            export_file._read(data, "office.yaml", quick=True, where=where)
        except export_split.Unsplittable:
            return True
        return False

    text = "\n".join(BASE) + "\n"
    assert not refused(text)
    for name in ("NEL in a name", "LS in a name", "PS in a name", "a lone CR", "a document end"):
        lines = list(BASE)
        HAZARDS[name](lines, contact_line(0.3))
        assert refused("\n".join(lines) + "\n"), name
        assert export_split.outside_the_proof(("\n".join(lines) + "\n").encode()), name
    for name in ("a document start", "a directive"):
        assert refused(WHOLE[name](text)), name
    assert not refused(WHOLE["CRLF line ends"](text))


def cut_line() -> int:
    """The index of the line where the plain office is cut."""
    data = ("\n".join(BASE) + "\n").encode()
    return data.count(b"\n", 0, export_split.cut(data).at)


CUT = cut_line()


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    hazards=st.lists(
        st.tuples(st.sampled_from(sorted(HAZARDS)), st.floats(0.02, 0.95) | st.just("at the cut")),
        min_size=1, max_size=3, unique_by=lambda h: h[1],
    ),
    whole=st.sampled_from(sorted(WHOLE)),
    request=st.sampled_from([("--lint",), ("--lint",), ("--death", "C7"), ("--leave", "C60001=K1", "--format", "json")]),
)
def test_one_process_and_two_give_the_same_bytes(tmp_path_factory, hazards, whole, request):
    """Hazards anywhere — and right before the item where the file is cut —
    errors on either side, under every whole-file form."""
    lines = list(BASE)
    places = [(name, CUT if share == "at the cut" else contact_line(share)) for name, share in hazards]
    # From the end of the file backwards, so that each change keeps the
    # others' places.
    for name, at in sorted(places, key=lambda h: -h[1]):
        HAZARDS[name](lines, at)
    path = write(tmp_path_factory.mktemp("jobs"), lines, whole)
    assert_alike(path, *request)
