"""Loading an export or a scenario: the entry points of the loading side.

Each step of loading has a module of its own, and data flows one way::

    inputfiles    read a file: a regular file, within the size limit
    yamlread      its bytes into a tree of mappings, lists and text, with marks
    problems      what is wrong, each at a place in the tree (file:line:col)
    fields        the checks of one field, shared by all that follows
    schema        what the formats allow: record tables, keys, words, limits
    records       an export's clients, contacts and relations, read through
                  the schema's tables as the reader completes each
    references    the references between records, once all are in
    exportfile    an export file: read quickly, re-read carefully if needed,
                  kept in an ExportCache for scenarios that share it
    events        a scenario's events, and the ids they name
    scenarioread  a scenario file, with its export, options and expectations

Everything wrong with an input is an :class:`~planner.text.errors.InputError`: a
list of problems, each at a line and column of the file that holds the
mistake and saying what was expected. A load reports as much as it can find
in one go; checks that need a sound export (the ids named by events) run only
once the export itself is sound, so that one mistake does not echo as many.
"""

from __future__ import annotations

from planner.load.export_file import ExportCache, load_export_file
from planner.load.files import ReadPolicy
from planner.load.scenario_file import load_scenario, read_standard_input
from planner.model.office import Export
from planner.text.errors import InputError

__all__ = ["ExportCache", "ReadPolicy", "load_export", "load_scenario", "read_standard_input"]


def load_export(path: str, policy: ReadPolicy = ReadPolicy()) -> Export:
    """Read the AuditCase export file ``path`` (``Export.source`` is ``path``)."""
    loaded = load_export_file(path, policy)
    if loaded.problems:
        raise InputError(list(loaded.problems))
    return loaded.export
