"""What a cell means: ids, text, Ja/Nee, kinds of klant, statuses, dates.

Values are taken as AuditCase and Excel show them (see the README section
"From AuditCase's own lists"). Surrounding spaces are not part of a value
(Excel does not show them), and a cell that is empty or only spaces is an
absent value. A value that means nothing here is an error at its cell that
says what is accepted.

Lists are long and a column holds few different values (``Ja``, ``Nee``),
so each column is converted as a whole: every different value is looked up
once, and the common case (a column of text) runs without a Python call per
cell.

A control character (tab aside) or a line break in a cell is an error at the
cell rather than dropped: Excel does not show it, so staff would never know
a name or id was changed, and an export's text may not hold one (the
loader refuses it). An invisible character (:data:`~planner.importer.text.INVISIBLE`:
a byte order mark, a zero-width space, a bidirectional control) is an error
in an id, which it makes another id than the one shown (``P`` and ``P``
with a zero-width space are two people to the portal); in a name or an
e-mail address it is removed, with a warning at its cell.
"""

from __future__ import annotations

import datetime
import re

from planner.importer.places import CellPlace
from planner.importer.report import Report
from planner.importer.text import INVISIBLE, fold, invisible_count, invisible_named
from planner.load.schema import real_date
from planner.text import typography
from planner.text.messages import N_, _, n_
from planner.text.suggest import did_you_mean

# Control characters: C0 but tab, DEL and C1. Line breaks are among them: a
# value is one line.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_LINE_BREAKS = "\r\n\x0b\x0c\x85"
# What makes a column of text need a look cell by cell: a control character
# but the line feed, white space other than the space (which may then
# surround a value), or an invisible character (INVISIBLE, looked for in a
# column that is not all ASCII). Searched for in the column joined with line
# feeds.
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


class Column:
    """The cells of one field in one list, and where each is.

    ``cells[i]`` is the cell of the list's ``i``-th record, at sheet row
    ``rows[i]`` and column ``col`` (both 1-based); ``header`` is the
    column's header as written.
    """

    __slots__ = ("file", "sheet", "col", "header", "cells", "rows", "report")

    def __init__(
        self, file: str, sheet: str | None, col: int, header: str, cells, rows: list[int], report: Report
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.col = col
        self.header = header
        self.cells = cells
        self.rows = rows
        self.report = report

    def place(self, index: int) -> CellPlace:
        return CellPlace(self.file, self.sheet, self.rows[index], self.col)

    def error(self, index: int, message: str, kind: str, **values) -> None:
        """An error at the ``index``-th cell: ``message``, a translated
        template, with ``{header}`` (the column's header) and ``values``
        filled in."""
        self.report.error(self.place(index), message.format(header=self.header, **values), kind)


class _Bad:
    """A cell that means nothing here: why, as a translated message with
    ``{header}`` (filled in by :meth:`Column.error`) and ``values``."""

    __slots__ = ("message", "kind", "values")

    def __init__(self, message: str, kind: str, **values) -> None:
        self.message = message
        self.kind = kind
        self.values = values


def shown(value) -> str:
    """A cell's value as a message shows it, in the active language: text in
    quotation marks (:func:`planner.text.typography.shown`), anything else
    described ("the number 12", "the date 6 December 2026")."""
    if value.__class__ is str:
        return typography.shown(value)
    if value.__class__ is bool:
        # Excel's own names for its truth values: WAAR and ONWAAR in Dutch.
        return _("the truth value TRUE") if value else _("the truth value FALSE")
    if isinstance(value, (int, float)):
        return _("the number {number}").format(number=_number_shown(value))
    if isinstance(value, datetime.datetime):
        return _("the date {day} at {time}").format(day=typography.day(value), time=_time_shown(value))
    if isinstance(value, datetime.date):
        return _("the date {day}").format(day=typography.day(value))
    return _("a value of the kind {kind} ({value})").format(kind=type(value).__name__, value=value)


def _number_shown(value) -> str:
    """A number as a message shows it: 22.373 or 10.001,5 in Dutch."""
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
        if "e" in text or "n" in text:  # 1e-20, inf, nan: as Python writes them
            return text
        return typography.decimal(value, len(text.partition(".")[2]))
    if isinstance(value, float) and abs(value) >= 1e16:
        return repr(value)
    return typography.number(int(value))


def _time_shown(value: datetime.datetime) -> str:
    return value.strftime("%H:%M:%S" if value.second or value.microsecond else "%H:%M")


def cell_text(value) -> str:
    """A cell as text, the way Excel shows it by default."""
    if value.__class__ is str:
        return value
    if value.__class__ is bool:
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _control(text: str) -> _Bad:
    char = _CONTROL.search(text).group()
    if char in _LINE_BREAKS:
        return _Bad(_("{header} holds a line break; write the value on one line"), N_("line break"))
    return _Bad(
        _("{header} holds the control character {code}, which an export cannot hold; remove it"),
        N_("control character"),
        code=f"U+{ord(char):04X}",
    )


#: "{header} is empty", for a required field, per record it belongs to; and
#: with what the column accepts.
_EMPTY = {
    "klant": (
        N_("{header} is empty; every klant needs one"),
        N_("{header} is empty; every klant needs one ({expected})"),
    ),
    "contact": (
        N_("{header} is empty; every contact needs one"),
        N_("{header} is empty; every contact needs one ({expected})"),
    ),
    "relation": (
        N_("{header} is empty; every relation needs one"),
        N_("{header} is empty; every relation needs one ({expected})"),
    ),
}


# -- ids -------------------------------------------------------------------------


def ids(column: Column, required: bool, what: str) -> list[str | None]:
    """The ids in ``column``, as text; ``what`` names the record ("klant").

    A whole number (Excel stores a typed klantnummer as one) becomes its
    digits, with a warning: leading zeros it had are lost. Any other number
    is an error.
    """
    out = _plain(column.cells)
    if out is not None and "" not in out:
        return out
    out = [cell.strip() if cell.__class__ is str else cell for cell in column.cells]
    report = column.report
    refused = set()  # cells already reported: not "empty" as well
    for index, cell in enumerate(out):
        if cell.__class__ is str:
            if not cell:
                out[index] = None
            elif _CONTROL.search(cell):
                bad = _control(cell)
                column.error(index, bad.message, bad.kind, **bad.values)
                out[index] = None
                refused.add(index)
            elif INVISIBLE.search(cell):
                column.error(
                    index,
                    n_(
                        "{header} {value} holds the invisible character {characters}: it shows as {visible} "
                        "but is another id; remove it",
                        "{header} {value} holds the invisible characters {characters}: it shows as {visible} "
                        "but is another id; remove them",
                        invisible_count(cell),
                    ),
                    N_("invisible character"),
                    value=shown(cell),
                    characters=invisible_named(cell),
                    visible=shown(INVISIBLE.sub("", cell)),
                )
                out[index] = None
                refused.add(index)
            continue
        out[index] = None
        if (cell.__class__ is float or cell.__class__ is int) and _whole(cell):
            digits = str(int(cell))
            out[index] = digits
            report.warning(
                column.place(index),
                _(
                    "{header} {digits} is stored as a number; read as the text {text}. Leading zeros, if the "
                    "id had any, cannot be recovered from a number: check it, or format the column as text"
                ).format(header=column.header, digits=digits, text=typography.quoted(digits)),
                N_("id stored as a number"),
            )
        else:
            column.error(
                index, _("{header} is {value}; expected an id: text, or a whole number"), N_("not an id"),
                value=shown(cell),
            )
    if required:
        for index, cell in enumerate(out):
            if cell is None and column.cells[index].__class__ is str and index not in refused:
                column.error(index, _(_EMPTY[what][0]), N_("empty id"))
    return out


def _plain(cells) -> list | None:
    """``cells`` as they are, when every one is text without control
    characters or surrounding spaces (empty ones aside); else None.

    The common case, checked on the column joined into one string rather
    than cell by cell.
    """
    try:
        joined = "\n".join(cells)
    except TypeError:  # a number, date or truth value among the cells
        return None
    if not cells:
        return []
    if (
        joined.count("\n") != len(cells) - 1  # a line break in a cell
        or _UNUSUAL.search(joined)
        or (not joined.isascii() and INVISIBLE.search(joined))
        or "\n " in joined
        or " \n" in joined
        or joined.startswith(" ")
        or joined.endswith(" ")
    ):
        return None
    return list(cells)


def _whole(number) -> bool:
    return number >= 0 and (number.__class__ is int or number.is_integer())


# -- text ------------------------------------------------------------------------


def texts(column: Column) -> list[str | None]:
    """Free text (names, e-mail addresses); empty cells are None."""
    out = _plain(column.cells)
    if out is not None:
        return [cell or None for cell in out] if "" in out else out
    out = [cell.strip() or None if cell.__class__ is str else cell for cell in column.cells]
    for index, cell in enumerate(out):
        if cell is None:
            continue
        if cell.__class__ is str:
            if _CONTROL.search(cell):
                bad = _control(cell)
                column.error(index, bad.message, bad.kind, **bad.values)
                out[index] = None
            elif INVISIBLE.search(cell):
                column.report.warning(
                    column.place(index),
                    n_(
                        "{header} {value} held the invisible character {characters}, which was removed",
                        "{header} {value} held the invisible characters {characters}, which were removed",
                        invisible_count(cell),
                    ).format(header=column.header, value=shown(cell), characters=invisible_named(cell)),
                    N_("invisible character"),
                )
                out[index] = INVISIBLE.sub("", cell).strip() or None
        elif cell.__class__ is float or cell.__class__ is int:
            out[index] = _number_text(cell)  # a value Excel took for a number
        elif isinstance(cell, datetime.date):
            out[index] = cell.isoformat()
        else:
            column.error(index, _("{header} is {value}; expected text"), N_("not text"), value=shown(cell))
            out[index] = None
    return out


# -- words from a fixed set ------------------------------------------------------


class Words:
    """The words a column accepts, and what each means.

    ``table`` maps each folded word to its meaning; ``expected`` gives what
    the column accepts, as a message says it in the active language;
    ``booleans`` says what an Excel TRUE and FALSE mean (None: not
    accepted). With ``other`` set, any other text means ``other`` (a
    klantstatus that is not "Geen klant meer"), unless it is a near miss of
    one of ``near`` (a typo).
    """

    def __init__(
        self, table: dict[str, object], expected, booleans=None, other=None, near: tuple[str, ...] = ()
    ) -> None:
        self.table = {fold(word): meaning for word, meaning in table.items()}
        self.expected = expected
        self.booleans = booleans
        self.other = other
        self.near = {fold(word): word for word in near}

    def meaning(self, cell):
        if cell.__class__ is str:
            word = fold(cell)
            if not word:
                return None
            found = self.table.get(word, _MISSING)
            if found is not _MISSING:
                return found
            if _CONTROL.search(cell):
                return _control(cell)
            if self.other is not None:
                near = did_you_mean(word, self.near, show=self.near.get)
                if not near:
                    return self.other
                return _Bad(
                    _("{header} is {value}{suggestion} expected {expected}"), N_("unknown word"),
                    value=shown(cell), suggestion=near, expected=self.expected(),
                )
        elif cell.__class__ is bool and self.booleans is not None:
            return self.booleans[cell]
        return _Bad(
            _("{header} is {value}; expected {expected}"), N_("unknown word"),
            value=shown(cell), expected=self.expected(),
        )


_MISSING = object()


def words(column: Column, vocabulary: Words, required: bool, what: str):
    """The meaning of every cell of ``column`` (None for an empty one)."""
    meanings, out = _by_value(column.cells, vocabulary.meaning)
    bad = any(m.__class__ is _Bad for m in meanings)
    empty = required and None in meanings
    if bad or empty:
        for index, meaning in enumerate(out):
            if meaning.__class__ is _Bad:
                column.error(index, meaning.message, meaning.kind, **meaning.values)
                out[index] = None
            elif meaning is None and empty:
                column.error(index, _(_EMPTY[what][1]), N_("empty"), expected=vocabulary.expected())
    return out


def _by_value(cells, meaning) -> tuple[list, list]:
    """``meaning`` of each different value of ``cells``, and of each cell."""
    distinct = set(cells)
    if all(value.__class__ is str for value in distinct):
        meanings = {value: meaning(value) for value in distinct}
        return list(meanings.values()), list(map(meanings.__getitem__, cells))
    # As dict keys True == 1 == 1.0: key each cell by its type too.
    keys = list(zip(map(type, cells), cells))
    meanings = {key: meaning(key[1]) for key in set(keys)}
    return list(meanings.values()), list(map(meanings.__getitem__, keys))


# -- dates -----------------------------------------------------------------------

def date_expected() -> str:
    """What a date column accepts, in the active language."""
    return _("a date: an Excel date, or text YYYY-MM-DD or DD-MM-YYYY")


def _date_meaning(cell):
    if cell.__class__ is str:
        text = cell.strip()
        if not text:
            return None
        found = _ISO_DATE.fullmatch(text)
        if found:
            year, month, day = found.groups()
        else:
            found = _DUTCH_DATE.fullmatch(text)
            if not found:
                if _CONTROL.search(cell):
                    return _control(cell)
                return _not_a_date(_("{header} is {value}; expected {expected}"), cell)
            day, month, year = found.groups()
        iso = f"{year}-{int(month):02d}-{int(day):02d}"
        if not real_date(iso):
            return _not_a_date(_("{header} is {value}, which is not a real date; expected {expected}"), cell)
        return iso
    if isinstance(cell, datetime.datetime):
        if cell.time() != datetime.time():
            return _not_a_date(_("{header} is {value}; expected a date without a time"), cell)
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if cell.__class__ is float or cell.__class__ is int:
        return _not_a_date(_("{header} is {value}; expected {expected} (format the column as a date in Excel)"), cell)
    return _not_a_date(_("{header} is {value}; expected {expected}"), cell)


def _not_a_date(message: str, cell) -> _Bad:
    return _Bad(message, N_("not a date"), value=shown(cell), expected=date_expected())


def dates(column: Column) -> list[str | None]:
    """Dates as ``YYYY-MM-DD``; empty cells are None."""
    meanings, out = _by_value(column.cells, _date_meaning)
    if any(m.__class__ is _Bad for m in meanings):
        for index, meaning in enumerate(out):
            if meaning.__class__ is _Bad:
                column.error(index, meaning.message, meaning.kind, **meaning.values)
                out[index] = None
    return out
