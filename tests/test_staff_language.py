"""What Dutch staff read of every shipped scenario — the text checklist, the
Markdown and the HTML page, decided and undecided as shipped — is Dutch: no
finding code (codes are for CI and JSON), no common English word, no
straight quotation mark in prose (Dutch quotes with „…” and ‘…’) and no
"zijn/haar" (a person is named, or "eigen" said).

The text checklist is made by the installed command, as staff run it; the
Markdown and the page by the same code from the arguments down, in this
process (:func:`conftest.run_here`). Before the words are read, what is not
prose is taken out: the names and ids from the export, paths, command lines
and code spans, and in the page its tags, attributes, style and script (but
not the messages its script shows, which are prose).
"""

from __future__ import annotations

import html.parser
import json
import pathlib
import re

import pytest
import yaml
from conftest import ROOT, diff_fixtures, run_cli, run_here, scenario_files
from planner.rules import BY_ID

from planner.load.loading import load_export, load_scenario

SCENARIOS = scenario_files()
CODES = sorted(BY_ID, key=len, reverse=True)

#: Common English words that are not Dutch words too, nor part of an
#: AuditCase label, nor a loanword Dutch staff use ("contact", "login",
#: "portal", "export", "scenario", "plan", "checklist", "info", "link",
#: "check", "office" of Microsoft Office are left out).
ENGLISH = frozenset("""
    the and with without from this that these those there their they them which who whom
    what when where why how because while until although though however also only just
    still yet already again never always every each any some none nobody someone anyone
    other others another than then about above below under between into onto upon within
    after before during against across for not yes are were be being has have does did
    done doing will would should could must may might cannot shall it its you your yours
    our his her she him step steps leave leaves left leaving died dies death unlink
    unlinked unlinks to by on off or if so but request requested record records user users
    client clients person people decision decisions decide decided keep kept keeps remove
    removed removes safe unsafe order orders finding findings error warning found see set
    switch switched stays stay loses lose gets get makes make creates mails mailed new old
    one two own same main access whole first next follow follow-up follow-ups company
    companies expect expected saved save nothing something anything everything
""".split())

#: Tokens of prose: words (with Dutch letters), kept apart from numbers and punctuation.
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_PATH = re.compile(r"\S*\.(?:ya?ml|xlsx|csv)\b")
_COMMAND = re.compile(r"plan-removal\b.*")
#: where the page's script puts a step number or a list: "{step}", "{steps}"
_PLACEHOLDER = re.compile(r"\{\w+\}")
_FINGERPRINT = re.compile(r"sha256:[0-9a-f]+")


def export_words(scenario: pathlib.Path) -> list[str]:
    """The names and ids of the scenario's export, longest first: not prose."""
    export = load_scenario(str(scenario)).export
    found = {*export.clients, *export.contacts}
    found |= {r.name for r in export.clients.values()} | {r.name for r in export.contacts.values()}
    return sorted(found, key=len, reverse=True)


def without(text: str, names: list[str]) -> str:
    """``text`` without what is not prose: names and ids, paths, command lines, fingerprints."""
    text = _COMMAND.sub(" ", text)
    text = _PLACEHOLDER.sub(" ", text)
    text = _FINGERPRINT.sub(" ", text)
    text = _PATH.sub(" ", text)
    for name in names:
        if len(name) > 3:
            text = text.replace(name, " ")
        else:  # a short id only where it stands alone: "P", "Q@A"
            text = re.sub(rf"(?<![\w@]){re.escape(name)}(?![\w@])", " ", text)
    return text


def markdown_prose(text: str) -> str:
    """Markdown without its code spans and inline tags."""
    text = re.sub(r"(`+)(?:(?!\1).)+\1", " ", text)
    return re.sub(r"</?\w+>", " ", text)


class _Page(html.parser.HTMLParser):
    """The text of a page a person reads, without tags, attributes, style or
    script, but with the messages the page's script shows (``data-msg-*``
    and the sentences in ``data-page``): all of it, and the prose outside
    ``<code>``."""

    HIDDEN = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.prose: list[str] = []
        self.hidden = self.code = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN
        self.code += tag == "code"
        for name, value in attrs:
            if name.startswith("data-msg-") or name == "data-and":
                self.add(value or "")
            elif name == "data-page":
                data = json.loads(value)
                for sentence in sentences({k: v for k, v in data.items() if k not in ("parts", "groups", "left")}):
                    self.add(sentence)

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN
        self.code -= tag == "code"

    def handle_data(self, data):
        if not self.hidden:
            self.add(data, prose=not self.code)

    def add(self, text: str, prose: bool = True) -> None:
        self.text.append(text)
        if prose:
            self.prose.append(text)


def sentences(value) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for v in value for s in sentences(v)]
    return []


def page_text(page: str) -> tuple[str, str]:
    """A page's text, and its prose (without ``<code>``)."""
    parser = _Page()
    parser.feed(page)
    return "\n".join(parser.text), "\n".join(parser.prose)


def markdown_text(text: str) -> tuple[str, str]:
    """Markdown without its inline tags, and its prose (without code spans)."""
    text = re.sub(r"</?\w+>", " ", text)
    return text, re.sub(r"(`+)(?:(?!\1).)+\1", " ", text)


def english(word: str) -> bool:
    """Whether a word, or a part of a word written with a hyphen, is English."""
    return any(part.lower() in ENGLISH for part in (word, *re.split(r"['’-]", word)))


def problems(text: str, prose: str | None = None) -> list[str]:
    """Each finding code in ``text``, and each English word and straight
    quote in its ``prose`` (by default all of it), with its line."""
    found = []
    for line in text.splitlines():
        for code in CODES:
            if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", line):
                found.append(f"code {code}: {line.strip()}")
    for line in (text if prose is None else prose).splitlines():
        words = {w for w in _WORD.findall(line) if english(w)}
        for word in sorted(words):
            found.append(f"English {word!r}: {line.strip()}")
        if '"' in line or "'" in line:
            found.append(f"straight quote: {line.strip()}")
        if "zijn/haar" in line:
            found.append(f"zijn/haar: {line.strip()}")
    return found


def output(scenario: pathlib.Path, fmt: str, lang: str = "nl") -> str:
    """The scenario's output in ``fmt``: the Dutch text (the default) through
    the installed command, the rest in this process."""
    if fmt == "text" and lang == "nl":
        result = run_cli(scenario, "--format", "text", cwd=ROOT)
    else:
        result = run_here(str(scenario), "--format", fmt, "--lang", lang, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def read(scenario: pathlib.Path, fmt: str, lang: str = "nl") -> tuple[str, str]:
    """What staff read of the scenario in ``fmt``: all its text, and its prose,
    each without the names and ids of the export, paths and command lines."""
    made = output(scenario, fmt, lang)
    text, prose = (made, made) if fmt == "text" else markdown_text(made) if fmt == "markdown" else page_text(made)
    names = export_words(scenario)
    return without(text, names), without(prose, names)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_staff_read_dutch_without_codes_or_straight_quotes(scenario, fmt):
    assert problems(*read(scenario, fmt)) == []


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_staff_read_english_without_codes_or_straight_quotes(scenario, fmt):
    """English has its own quotation marks (“…” and ‘…’) and no codes either;
    "order" and "incomplete" are English words there, the other codes are not."""
    text, prose = read(scenario, fmt, "en")
    found = [p for p in problems(text, prose) if p.startswith(("code", "straight")) and "code order:" not in p
             and "code incomplete:" not in p]
    assert found == []


def test_the_check_finds_what_it_is_for():
    """The check itself: a code, an English word and a straight quote are
    each found, a Dutch sentence with „…” passes, and the export's names
    are not read as prose."""
    assert problems("Beslissing nodig (decision-needed), stap 2: …")
    assert problems("Plan een verzoek met het id van een persoon of record")
    assert problems('Zet "Koppelen met Cliënt Online" op Nee')
    assert problems("Ontkoppel P@A from the main user")
    assert problems("Verliest toegang tot zijn/haar eigen klantdossier.")
    assert problems("<code>orphaned-link</code>", "")
    assert not problems("Zet „Koppelen met Cliënt Online” van contactpersoon op Nee; zie ‘Volgorde’.")
    assert without("The Company (TC) vertrekt.", ["The Company", "TC"]).split() == ["(", ")", "vertrekt."]


def diff_read(fixture: pathlib.Path, fmt: str) -> tuple[str, str]:
    """What staff read of ``plan-removal diff`` for a shipped diff fixture."""
    files = yaml.safe_load(fixture.read_text(encoding="utf-8"))["diff"]
    paths = [fixture.parent / files["before"], fixture.parent / files["after"]]
    request = ["--request", fixture.parent / files["request"]] if files.get("request") else []
    result = run_cli("diff", *paths, *request, "--format", fmt, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    made = result.stdout
    text, prose = (made, made) if fmt == "text" else markdown_text(made) if fmt == "markdown" else page_text(made)
    names = sorted({w for path in paths for w in export_words_of(load_export(str(path)))}, key=len, reverse=True)
    emails = re.compile(r"[\w.+-]+@[\w.-]+\.\w+")
    return without(emails.sub(" ", text), names), without(emails.sub(" ", prose), names)


def export_words_of(export) -> set[str]:
    return {*export.clients, *export.contacts} | {r.name for r in (*export.clients.values(), *export.contacts.values())}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("fixture", diff_fixtures(), ids=lambda p: p.stem)
def test_the_diff_reads_dutch_without_codes_or_straight_quotes(fixture, fmt):
    assert problems(*diff_read(fixture, fmt)) == []
