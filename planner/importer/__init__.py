"""Import AuditCase's own lists (Excel or CSV) into an export.

AuditCase's Export en Import module hands out a list per kind: Klant-Bedrijf,
Klant-Persoon, Contact bij Klant-Bedrijf, Contact bij Klant-Persoon and
Relatie-Bedrijf. This package turns such lists into the export the planner
reads (formats.md sections 1 and 5)::

    from planner.importer import import_text
    text, warnings = import_text(["klanten.xlsx"], ["contactpersonen.xlsx"], [], None)

:func:`import_text` (``clients, contacts, relations=(), columns=None``) returns the
export's YAML text and a list of warnings; :func:`import_lists` returns an
:class:`Imported` with the same and the number of records of each kind. Both
raise :class:`planner.text.errors.InputError` (exit status 2) with every problem
found, and neither prints, exits or writes a file: the command line does
that. Each problem's ``mark`` is a :class:`CellPlace`, whose string is the
cell as Excel shows it: ``klanten.xlsx:Blad1!C12`` (file, sheet, cell), or
``klanten.csv!C12`` for a CSV file; a problem with a whole file or sheet
names just that (``klanten.xlsx``).

``plan-removal import --clients ... --contacts ... [-o EXPORT.yaml]`` runs it
from a shell (:mod:`planner.cli.command`).

The modules, in the order an import uses them: :mod:`~planner.importer.columns`
(which header holds which field; COLUMNS.yaml), :mod:`~planner.importer.sheets.sheet`
with :mod:`~planner.importer.sheets.workbook` and :mod:`~planner.importer.sheets.csv_file`
(reading files; :mod:`~planner.importer.sheets.package` and
:mod:`~planner.importer.sheets.scan` check a workbook against the limits of
what the Excel reader is given), :mod:`~planner.importer.lists` (a list's records),
:mod:`~planner.importer.values` and :mod:`~planner.importer.vocabulary` (what a
cell means), :mod:`~planner.importer.references` (checks between records),
:mod:`~planner.importer.exportyaml` (writing the export), with
:mod:`~planner.importer.places` and :mod:`~planner.importer.report` for
where and what a problem is.
"""

from planner.importer.importing import Imported, import_lists, import_text
from planner.importer.places import CellPlace

__all__ = ["CellPlace", "Imported", "import_lists", "import_text"]
