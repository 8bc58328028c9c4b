"""Reading a CSV list: the encoding and the delimiter, as Excel writes them.

Excel in the Netherlands saves "CSV (gescheiden door lijstscheidingsteken)"
with ``;`` in Windows-1252, and "CSV UTF-8" with ``,`` or ``;`` and a byte
order mark. So the text is read as UTF-8 (with or without the mark) and,
when it is not valid UTF-8, as Windows-1252; the delimiter is whichever of
``;`` and ``,`` splits the header line into more columns. The splitting
itself, quotes and line breaks inside quoted values, is the standard
library's :mod:`csv`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from planner.importer.places import CellPlace
from planner.importer.sheets.sheet import Sheet
from planner.text.errors import InputError, Problem

DELIMITERS = (";", ",")

# Control characters (tab and line breaks aside) never occur in a list's
# header; finding one there means the file is not text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_csv(path: str, data: bytes) -> Sheet:
    """The rows of the CSV file ``path`` whose bytes are ``data``."""
    text = _decode(path, data)
    header = _header_line(text)
    if header is None:
        raise _unreadable(path, "it has no header row; expected a first row naming the columns")
    if _NOT_TEXT.search(header):
        raise _unreadable(path, "it holds binary data, not text")
    delimiter = sniff_delimiter(header)
    return Sheet(path, None, _rows(path, text, delimiter))


def _rows(path: str, text: str, delimiter: str):
    """The rows of ``text``, one by one; a line the csv module cannot split
    ends the list with an :class:`InputError`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from reader
    except csv.Error as error:
        raise _unreadable(path, f"line {reader.line_num}: {error}") from None


def sniff_delimiter(header: str) -> str:
    """``;`` or ``,``: the one that splits the header line into more columns
    (``;`` when neither splits it, a list of one column)."""
    best, most = DELIMITERS[0], 1
    for delimiter in DELIMITERS:
        if delimiter not in header:
            continue
        try:
            count = len(next(csv.reader([header], delimiter=delimiter)))
        except (csv.Error, StopIteration):
            continue
        if count > most:
            best, most = delimiter, count
    return best


def _decode(path: str, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _unreadable(path, "it is an Excel workbook (a zip archive); name it .xlsx")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _unreadable(
            path,
            "it is UTF-16 text (Excel's 'Unicode text'); save it as 'CSV UTF-8' or "
            "'CSV (gescheiden door lijstscheidingsteken)'",
        )
    if b"\0" in data:
        raise _unreadable(path, "it holds binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's Dutch "CSV (gescheiden door lijstscheidingsteken)".
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _unreadable(
            path,
            f"line {line}: byte 0x{data[error.start]:02X} is neither UTF-8 nor Windows-1252 text; "
            "save the list as 'CSV UTF-8'",
        ) from None


def _header_line(text: str) -> str | None:
    """The first line with anything but delimiters and spaces on it."""
    for line in io.StringIO(text):
        if line.strip(' \t\r\n;,"'):
            return line.rstrip("\r\n")
    return None


def _unreadable(path: str, reason: str) -> InputError:
    return InputError(Problem(CellPlace(path), f"not readable as a CSV list: {reason}"))
