"""Reading a CSV list: the encoding and the delimiter, as Excel writes them.

Excel in the Netherlands saves "CSV (gescheiden door lijstscheidingsteken)"
with ``;`` in Windows-1252, and "CSV UTF-8" with ``,`` or ``;`` and a byte
order mark; Excel for Mac's "CSV (Macintosh)" ends its lines with a
carriage return alone. So the text is read as UTF-8 (with or without the
mark) and, when it is not valid UTF-8, as Windows-1252; lines end with
``\r\n``, ``\n`` or ``\r``, mixed as they come; and the delimiter is
found on the first lines (:data:`SNIFFED` records): whichever of ``;``
and ``,`` splits the header row into more columns, and, where both split
it alike, the one whose rows below have as many. The splitting itself,
quotes and line breaks inside quoted values, is the standard library's
:mod:`csv`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from planner.importer.places import CellPlace
from planner.importer.sheets.sheet import Sheet
from planner.text import typography
from planner.text.errors import InputError, Problem
from planner.text.messages import _

DELIMITERS = (";", ",")
#: The records, and the characters of text, the delimiter is found on.
SNIFFED, SNIFFED_TEXT = 20, 1 << 16

# Control characters (tab and line breaks aside) never occur in a list's
# header; finding one there means the file is not text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_csv(path: str, data: bytes) -> Sheet:
    """The rows of the CSV file ``path`` whose bytes are ``data``."""
    text = _decode(path, data)
    header = _header_line(text)
    if header is None:
        raise _unreadable(path, _("it has no header row; expected a first row naming the columns"))
    if _NOT_TEXT.search(header):
        raise _unreadable(path, _("it holds binary data, not text"))
    delimiter = sniff_delimiter(text[:SNIFFED_TEXT])
    return Sheet(path, None, _rows(path, text, delimiter))


def _rows(path: str, text: str, delimiter: str):
    """The rows of ``text``, one by one; a line the csv module cannot split
    ends the list with an :class:`InputError`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from reader
    except csv.Error as error:
        raise _unreadable(path, _csv_error(reader.line_num, str(error), delimiter)) from None


def _csv_error(line: int, error: str, delimiter: str) -> str:
    """What the csv module found wrong on ``line``, as a message says it
    in the active language (its own text, in English, where it is not one
    a list is known to have)."""
    if error.endswith("expected after '\"'"):
        return _(
            "line {line}: a quotation mark closes a value and something other than {delimiter} follows it; put "
            "the whole value in quotation marks"
        ).format(line=line, delimiter=typography.quoted(delimiter))
    if error == "unexpected end of data":
        return _("line {line}: a value in quotation marks is not closed before the end of the file").format(line=line)
    if error.startswith("field larger than field limit"):
        return _("line {line}: a value is longer than {limit} characters").format(
            line=line, limit=typography.number(csv.field_size_limit())
        )
    return _("line {line}: {error}").format(line=line, error=error)


def sniff_delimiter(head: str) -> str:
    """``;`` or ``,``, found on the first records of ``head`` (the start of a
    list's text): the one that splits the header row, the first with
    anything in it, into more columns; where both split it alike, the one
    whose records below it have as many columns more often (``;`` when
    neither splits anything, a list of one column)."""
    best, most = DELIMITERS[0], (1, -1)
    for delimiter in DELIMITERS:
        if delimiter not in head:
            continue
        records = _first_records(head, delimiter)
        if not records:
            continue
        columns = len(records[0])
        alike = sum(len(record) == columns for record in records[1:])
        if (columns, alike) > most:
            best, most = delimiter, (columns, alike)
    return best


def _first_records(head: str, delimiter: str) -> list[list[str]]:
    """The first records of ``head`` split by ``delimiter``, from the header
    row on (blank lines and lines of delimiters left out); the last, which
    ``head`` may cut short, left out too when there are more."""
    records = []
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append(record)
                if len(records) > SNIFFED:
                    break
    except csv.Error:
        pass  # a quote left open: what came before it counts
    if len(records) > SNIFFED or (len(head) >= SNIFFED_TEXT and len(records) > 1):
        records.pop()
    return records


def _decode(path: str, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _unreadable(path, _("it is an Excel workbook (a zip archive); name it .xlsx"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _unreadable(
            path,
            _("it is UTF-16 text (Excel's {unicode}); save it as {utf8} or {semicolons}").format(
                unicode=typography.quoted(_("Unicode text")),
                utf8=typography.quoted("CSV UTF-8"),
                semicolons=typography.quoted("CSV (gescheiden door lijstscheidingsteken)"),
            ),
        )
    if b"\0" in data:
        raise _unreadable(path, _("it holds binary data, not text"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's Dutch "CSV (gescheiden door lijstscheidingsteken)".
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = len(_LINE_ENDS.findall(data, 0, error.start)) + 1
        raise _unreadable(
            path,
            _("line {line}: byte {byte} is neither UTF-8 nor Windows-1252 text; save the list as {utf8}").format(
                line=line, byte=f"0x{data[error.start]:02X}", utf8=typography.quoted("CSV UTF-8")
            ),
        ) from None


def _header_line(text: str) -> str | None:
    """The first line with anything but delimiters and spaces on it (a line
    ends with \\r\\n, \\n or \\r)."""
    for line in _LINES.finditer(text):
        if line[0].strip(' \t;,"'):
            return line[0]
    return None


#: A line, ended by \r\n, \n or \r as the csv module ends records; a line end.
_LINES = re.compile(r"[^\r\n]+")
_LINE_ENDS = re.compile(rb"\r\n|\r|\n")


def _unreadable(path: str, reason: str) -> InputError:
    return InputError(Problem(CellPlace(path), _("not readable as a CSV list: {reason}").format(reason=reason)))
