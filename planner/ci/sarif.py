"""SARIF 2.1.0 for what ``--check`` and ``--lint`` found.

GitHub code scanning, GitLab and Azure DevOps read SARIF, the OASIS
standard for the results of analysis tools. One run of plan-removal is one
SARIF run: its tool lists every code plan-removal can report as a rule
(:mod:`planner.ci.catalogue`), with the code's ``--explain`` text as help and its
default level; each problem is a result at its file, line and column.
Levels a ``.plan-removal.yaml`` changed are the run's rule configuration
overrides, and each result carries the level it was reported at.

Paths become URI references (percent-encoded, so no character of a file
name is taken as markup); messages are made visible like every line of the
text report (:mod:`planner.output.neutral`), and the document leaves through
:func:`planner.checklist.json_plan.dumps`. The tests validate the output against the
SARIF 2.1.0 JSON schema.
"""

from __future__ import annotations

from planner import __version__
from planner.checklist.json_plan import dumps
from planner.ci.catalogue import CODES, markdown_doc, plain
from planner.ci.check import Line, Outcome
from planner.ci.check_codes import Code
from planner.ci.config import OFF
from planner.ci.reports import json_path, problems, uri
from planner.model.findings import ERROR, INFO, WARNING
from planner.output.neutral import visible

VERSION = "2.1.0"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

#: plan-removal's levels as SARIF names them.
LEVEL = {ERROR: "error", WARNING: "warning", INFO: "note"}


def sarif(outcomes: list[Outcome], levels: dict[str, str] | None = None, config: str | None = None) -> str:
    """The SARIF log of a run whose configuration, the file ``config``, set ``levels``."""
    return dumps(document(outcomes, levels or {}, config))


def document(outcomes: list[Outcome], levels: dict[str, str], config: str | None = None) -> dict:
    index = {code.id: n for n, code in enumerate(CODES)}
    invocation: dict = {
        # False when a file could not be read or plan-removal met a bug:
        # the results then do not cover everything that was asked.
        "executionSuccessful": not any(o.bug or o.input_error for o in outcomes),
    }
    overrides = [_override(code.id, levels[code.id], index) for code in CODES if code.id in levels]
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides
    run = {
        "tool": {
            "driver": {
                "name": "plan-removal",
                "version": __version__,
                "rules": [_rule(code) for code in CODES],
            }
        },
        "invocations": [invocation],
        # Columns count characters, as every plan-removal message does.
        "columnKind": "unicodeCodePoints",
        "results": [_result(line, index) for line in problems(outcomes)],
        # The configuration file the run followed (None: none was found).
        "properties": {"configuration": None if config is None else json_path(config)},
    }
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def _rule(code: Code) -> dict:
    """A code as a SARIF rule: its documentation (English, as ``--explain``
    prints it) as plain text, and as Markdown for viewers that show it."""
    return {
        "id": code.id,
        "shortDescription": {"text": plain(code.about)},
        "fullDescription": {"text": description(code.doc)},
        "help": {"text": plain(code.doc), "markdown": markdown_doc(code.doc)},
        "defaultConfiguration": {"level": LEVEL[code.level]},
    }


def description(doc: str) -> str:
    """The documentation's prose, without its examples, as plain text."""
    paragraphs = []
    for paragraph in plain(doc).strip().split("\n\n"):
        if paragraph.startswith(("Fails", "Passes")):
            break
        paragraphs.append(" ".join(paragraph.split()))
    return "\n\n".join(paragraphs)


def _override(code: str, level: str, index: dict[str, int]) -> dict:
    configuration = {"enabled": False} if level == OFF else {"level": LEVEL[level]}
    return {"descriptor": {"id": code, "index": index[code]}, "configuration": configuration}


def _result(line: Line, index: dict[str, int]) -> dict:
    mark = line.mark
    result = {
        "ruleId": line.code,
        "ruleIndex": index[line.code],
        "level": LEVEL[line.level],
        "message": {"text": visible(line.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(mark.file)},
                    "region": {"startLine": mark.line, "startColumn": mark.col},
                }
            }
        ],
    }
    if line.repeats:  # one result for the findings at repeated steps of a proposed order
        result["properties"] = {"findings": len(line.repeats)}
    return result


__all__ = ["document", "sarif", "uri"]  # uri: reports.uri, the one way a path becomes a URI
