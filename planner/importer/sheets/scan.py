"""How far a workbook part's cells reach and how many there are, found in
its XML as it is unpacked, before the Excel reader reads a cell.

python-calamine builds a sheet as one dense range from its first filled
cell to its last: one cell at XFD1048576 asks for 17 billion cells (549 GB),
and Rust ends the process when it cannot have them. It also keeps every
cell it reads, and every shared string, and reserves room for as many
shared strings as the part declares. So each XML part of a workbook is
scanned while it is unpacked (:mod:`planner.importer.sheets.package`): a
part whose cells, placed as calamine places them, reach beyond
:data:`CELLS_LIMIT` cells from A1 (or beyond Excel's own last row or
column), that holds more cells or shared strings than the limits, or that
declares more, is refused; every cell written counts, empty or not. The
scan runs before calamine where calamine cannot run in a process of its
own, and, where it can, to say why that process ended
(:mod:`planner.importer.importing`).

Two ways to one answer:

* the quick way (:class:`QuickScan`) holds while every cell is written as
  Excel, openpyxl and AuditCase write it: ``<c r="B12"``, with at most ``s``
  and ``t`` attributes and no namespace prefix. Such a cell is where its
  reference says, whatever surrounds it, so one regular expression, run at
  C speed, searches the part for a cell beyond the reach seen so far (its
  column, or its row by a margin); the reach grows with each one found, a
  few dozen times in a part of a million cells;
* the exact way (:class:`ExactScan`) follows every tag as calamine does
  (a row's ``r``, the row's end, a cell without ``r`` placed after the one
  before it, names with a prefix) and names the first cell that goes
  beyond a limit.

The quick way only ever says that a part is within the limits; whenever it
cannot (a cell written otherwise, or a reach it cannot rule out), the
exact way reads the part again and decides. Either way the answer is the
exact way's, so the result never depends on the way taken.

The sheet that is read is also searched for formulas without a value
Excel calculated (calamine reads them as empty cells): their cells are
returned, for the import to refuse (it does not calculate formulas).
"""

from __future__ import annotations

import re

from planner.importer.places import column_letters
from planner.text.messages import _
from planner.text.typography import number, shown

#: The most cells a list's sheet may span, counted from A1 (rows times
#: columns), and the most cells or shared strings a part may hold: about a
#: third of a gigabyte for calamine's range, and as much for what it reads.
CELLS_LIMIT = 10_000_000
STRINGS_LIMIT = 10_000_000
#: Excel's own last row and column (XFD1048576).
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
#: The longest XML tag followed (an attribute value may hold anything).
TAG_LIMIT = 1 << 20
#: The fewest bytes of a filled cell (``<c r="A1"><is/></c>``) and of a
#: shared string (``<si/>``): a part smaller than these times the limit
#: cannot hold more, and is not counted.
CELL_BYTES, STRING_BYTES = 19, 5
#: Formula cells named one by one; the rest are counted.
FORMULAS_SHOWN = 10



def limit_text() -> str:
    """The limit of a list's reach, as a message says it."""
    return _("a list may span at most {cells} cells from A1 (such as {rows} rows of {columns} columns)").format(
        cells=number(CELLS_LIMIT), rows=number(100_000), columns=number(100)
    )


class Beyond(Exception):
    """A part beyond a limit: ``reason`` says which, for a message (in the
    active language); or, with ``damaged``, a part the Excel reader would
    refuse too."""

    def __init__(self, reason: str, damaged: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.damaged = damaged


class NeedsExact(Exception):
    """The quick way cannot rule a part in: the exact way decides."""


def ref_text(row: int, col: int) -> str:
    """A 1-based cell as Excel names it."""
    return f"{column_letters(col)}{row}"


def reach_reason(row: int, col: int, cell: str) -> str:
    """Why the cell ``cell`` (``XFD1048576``) takes the sheet too far."""
    return _("cell {cell} takes the sheet to {rows} rows of {columns} columns ({cells} cells from A1); {limit}").format(
        cell=cell, rows=number(row), columns=number(col), cells=number(row * col), limit=limit_text()
    )


def within(rows: int, cols: int) -> bool:
    return rows <= MAX_ROWS and cols <= MAX_COLUMNS and rows * cols <= CELLS_LIMIT


def parse_ref(ref: bytes, need_column: bool = True) -> tuple[int, int] | None:
    """A reference as calamine reads it (letters, then digits): its 1-based
    row and column (column 0: none), or None when calamine refuses it."""
    found = _REF.fullmatch(ref)
    if found is None or not found[2]:
        return None
    col = 0
    for letter in found[1].upper():
        col = col * 26 + letter - 64
    row = int(found[2])
    if row < 1 or (need_column and col < 1):
        return None
    return row, col


_REF = re.compile(rb"([A-Za-z]*)([0-9]*)")
_UNIQUE_COUNT = re.compile(rb"""(?:^|\s)uniqueCount\s*=\s*["']\s*\+?([0-9]+)""")
_SST_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.\-]*:)?sst[\s>/]((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_DIMENSION_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.\-]*:)?dimension[\s>/]((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_REF_ATTRIBUTE = re.compile(rb"""(?:^|\s)ref\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class _Part:
    """What both ways share: the part, the carry between chunks, and the
    checks of its head (a sheet's declared dimension, the shared strings'
    declared count)."""

    def __init__(self, name: str, size: int, sheet: bool) -> None:
        self.name = name
        self.size = size
        self.sheet = sheet  # the sheet that is read: its dimension and formulas count
        self.carry = b""
        self.head = True  # before <sheetData (where calamine reads the dimension)
        # The shared strings' declared count, looked for where calamine reads them.
        self.declared = not name.lower().endswith("sharedstrings.xml")

    def chunks(self, chunk: bytes):
        """``chunk`` as regions that hold whole tags: (bytes, start, end)."""
        start = 0
        if self.carry:
            close = chunk.find(b">")
            if close == -1:
                self.carry += chunk
                if len(self.carry) > TAG_LIMIT:
                    raise Beyond(_("it holds an XML tag longer than {mb} MB").format(mb=TAG_LIMIT // 2**20))
                return
            piece = self.carry + chunk[: close + 1]
            self.carry = b""
            yield piece, 0, len(piece)
            start = close + 1
        end = len(chunk)
        last = chunk.rfind(b"<", start)
        if last != -1 and chunk.find(b">", last) == -1:
            self.carry = chunk[last:]
            end = last
        yield chunk, start, end

    def check_head(self, buf: bytes, start: int, end: int) -> None:
        if self.head and self.sheet:
            stop = buf.find(b"sheetData", start, end)
            found = _DIMENSION_TAG.search(buf, start, end if stop == -1 else stop)
            if found is not None:
                self._dimension(found[1])
            if stop != -1 or found is not None:
                self.head = False
        if not self.declared and buf.find(b"sst", start, end) != -1:
            tag = _SST_TAG.search(buf, start, end)
            if tag is not None:
                self.declared = True
                count = _UNIQUE_COUNT.search(tag[1])
                if count is not None and int(count[1]) > STRINGS_LIMIT:
                    raise Beyond(
                        _("it declares {n} shared strings; a list's workbook holds at most {limit}").format(
                            n=number(int(count[1])), limit=number(STRINGS_LIMIT)
                        )
                    )

    def _dimension(self, attributes: bytes) -> None:
        found = _REF_ATTRIBUTE.search(attributes)
        if found is None:
            return
        value = found[1] if found[1] is not None else found[2]
        ends = [parse_ref(part) for part in value.split(b":")]
        if not ends or None in ends or len(ends) > 2:
            return  # calamine refuses it, and says so
        rows, cols = max(e[0] for e in ends), max(e[1] for e in ends)
        if not within(rows, cols):
            span = value.decode("ascii", "replace")
            raise Beyond(
                _(
                    "it declares its cells span {span} ({rows} rows of {columns} columns, {cells} cells from A1); "
                    "{limit}"
                ).format(
                    span=span, rows=number(rows), columns=number(cols), cells=number(rows * cols), limit=limit_text()
                )
            )


def _greater_number(n: int) -> bytes:
    """A pattern for the decimal numbers above ``n`` (leading zeros allowed)."""
    digits = str(n)
    options = [rb"[1-9][0-9]{%d,}" % len(digits)]
    for i, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - i - 1
            options.append(
                digits[:i].encode() + b"[%d-9]" % (int(digit) + 1) + (b"[0-9]{%d}" % rest if rest else b"")
            )
    return b"0*(?:" + b"|".join(options) + b")"


def _greater_column(col: int) -> bytes:
    """A pattern for the column letters after column ``col``."""
    letters = column_letters(col).encode()
    options = [b"[A-Z]{%d,}" % (len(letters) + 1)]
    for i, letter in enumerate(letters):
        if letter != ord("Z"):
            rest = len(letters) - i - 1
            options.append(
                letters[:i] + b"[%c-Z]" % (letter + 1) + (b"[A-Z]{%d}" % rest if rest else b"")
            )
    return b"(?:" + b"|".join(options) + b")"


def _far_pattern(cols: int, rows: int) -> re.Pattern:
    """A reference beyond column ``cols`` or row ``rows`` in any attribute
    written ``r="..."`` (a cell's, a row's, or another's ending in r: more
    is searched than calamine reads, never less), or one with a small
    letter (which calamine reads too)."""
    return re.compile(
        rb'r="(?:(?P<col>' + _greater_column(cols) + rb")[0-9]"
        rb"|[A-Z]+(?P<row>" + _greater_number(rows) + rb')"|(?P<odd>[A-Z]{0,2}[a-z]))'
    )


def _round_up(row: int) -> int:
    """``row`` rounded up to two significant digits, less one (105,623 -> 109,999)."""
    step = 10 ** max(len(str(row)) - 2, 0)
    return (row // step + 1) * step - 1


#: A cell tag that does not start ``<c r="`` (so maybe placed without a
#: reference); an attribute written with space around its "=", or in single
#: quotes (so maybe a reference the search for ``r="`` would not see); a
#: cell or row with a namespace prefix (which calamine reads as one).
_ODD_CELL = re.compile(rb'<c(?! r=")[\s>/]')
_ODD_EQUALS = re.compile(rb"=(?:(?<=[ \t\n\r\x0c]=)|[ \t\n\r\x0c'])")
_PREFIXED = re.compile(rb":(?:c|row)[\s>/]")
_QUICK_REF = re.compile(rb'r="([A-Z]{1,3}[0-9]{1,7})"')
_LAST_CELL = b'<c r="'
#: The most times the quick way widens its reach before leaving it to the exact way.
_WIDENINGS = 1_000


class QuickScan(_Part):
    """The quick way: raises :class:`NeedsExact` unless the part is surely
    within the limits; :class:`Beyond` for a declared dimension or count."""

    def __init__(self, name: str, size: int, sheet: bool) -> None:
        super().__init__(name, size, sheet)
        self.cols, self.rows = 26, 999  # the reach ruled in so far (Z999)
        self.pattern = _far_pattern(self.cols, self.rows)
        self.widenings = 0
        self.count_cells = size > CELLS_LIMIT * CELL_BYTES
        self.count_strings = size > STRINGS_LIMIT * STRING_BYTES
        self.cells = self.strings = 0

    def feed(self, chunk: bytes) -> None:
        for buf, start, end in self.chunks(chunk):
            self._region(buf, start, end)

    def _region(self, buf: bytes, start: int, end: int) -> None:
        self.check_head(buf, start, end)
        for odd in (_ODD_CELL, _ODD_EQUALS, _PREFIXED):
            if odd.search(buf, start, end):
                raise NeedsExact
        # Rows mostly go down: the region's last cell widens the reach once
        # for the region, rather than cell after cell.
        last = buf.rfind(_LAST_CELL, start, end)
        if last != -1:
            ref = _QUICK_REF.match(buf, last + 3)  # (leading zeros: searched below)
            if ref is not None:
                self._reach(*parse_ref(ref[1]))
        pos = start
        while True:
            found = self.pattern.search(buf, pos, end)
            if found is None:
                break
            self._widen(buf, found)
            pos = found.start()  # the same reference again, with the reach it gave
        if self.count_cells:
            self.cells += buf.count(b'<c r="', start, end)
            if self.cells > CELLS_LIMIT:
                raise NeedsExact
        if self.count_strings and self.name.lower().endswith("sharedstrings.xml"):
            self.strings += sum(buf.count(tag, start, end) for tag in (b"<si>", b"<si ", b"<si/"))
            if self.strings > STRINGS_LIMIT:
                raise NeedsExact

    def _widen(self, buf: bytes, found: re.Match) -> None:
        ref = _QUICK_REF.match(buf, found.start())
        if found["odd"] is not None or ref is None:
            raise NeedsExact  # a small letter, or no plain reference
        row, col = parse_ref(ref[1])
        if row <= self.rows and col <= self.cols:
            raise NeedsExact  # leading zeros: the exact way reads them
        self._reach(row, col)

    def _reach(self, row: int, col: int) -> None:
        if row <= self.rows and col <= self.cols:
            return
        self.widenings += 1
        self.cols = max(self.cols, col)
        self.rows = max(self.rows, _round_up(row))
        if self.widenings > _WIDENINGS or not within(self.rows, self.cols):
            raise NeedsExact
        self.pattern = _far_pattern(self.cols, self.rows)

    def finish(self) -> None:
        if self.carry:
            carry, self.carry = self.carry, b""
            self._region(carry, 0, len(carry))


#: One token of XML from a "<": a comment, CDATA, a processing instruction
#: or declaration (none holds a tag); a tag (its end mark, its name without a
#: prefix, its attributes, whose quoted values may hold ">"); markup that
#: the region ends in (its end is in the next chunk); or a stray "<".
_MARKUP = re.compile(
    rb"""<(?:!--.*?-->|!\[CDATA\[.*?\]\]>|\?.*?\?>|!(?!--|\[CDATA\[)[^>]*>"""
    rb"""|(?P<end>/?)(?:[A-Za-z_][\w.\-]*:)?(?P<name>[A-Za-z_][\w.\-]*)(?P<attributes>(?:[^>"']|"[^"]*"|'[^']*')*)>"""
    rb"""|(?P<open>(?:!|\?|/?[A-Za-z_]).*\Z)|)""",
    re.S,
)
_FOLLOWED = frozenset((b"row", b"c", b"f", b"v", b"is", b"si", b"sst", b"dimension", b"sheetData"))


class ExactScan(_Part):
    """The exact way: every tag followed as calamine follows it; raises
    :class:`Beyond` at the first cell or string beyond a limit. Of the sheet
    that is read, :attr:`formulas` are the cells (row, column) of formulas
    without a value, and :attr:`more_formulas` counts the rest."""

    def __init__(self, name: str, size: int, sheet: bool) -> None:
        super().__init__(name, size, sheet)
        self.row_index = self.col_index = 0  # 0-based, as calamine's reader keeps them
        self.rows = self.cols = 0  # the reach so far (1-based)
        self.cells = self.strings = 0
        self.formulas: list[tuple[int, int]] = []
        self.more_formulas = 0
        self.cell = None  # the cell being read: [row, col, formula?, value?]
        self.in_value = False

    def feed(self, chunk: bytes) -> None:
        buf = self.carry + chunk if self.carry else chunk
        self.carry = b""
        self.check_head(buf, 0, len(buf))
        self._tags(buf)

    def _tags(self, buf: bytes, final: bool = False) -> None:
        at = 0
        for markup in _MARKUP.finditer(buf):
            if self.in_value and buf[at : markup.start()].strip():
                self.cell[3] = True
            at = markup.end()
            name = markup["name"]
            if name is None:
                if markup["open"] is not None and not final:
                    self.carry = buf[markup.start() :]
                    if len(self.carry) > TAG_LIMIT:
                        raise Beyond(
                            _("it holds an XML tag or comment longer than {mb} MB").format(mb=TAG_LIMIT // 2**20)
                        )
                    return
                continue
            if name not in _FOLLOWED:
                continue
            attributes = markup["attributes"]
            if markup["end"] != b"/":
                self._start(name, attributes)
            if markup["end"] == b"/" or attributes.endswith(b"/"):
                self._end(name)
        if self.in_value and buf[at:].strip():
            self.cell[3] = True

    def _start(self, name: bytes, attributes: bytes) -> None:
        if name == b"c":
            self._cell(attributes)
        elif name == b"row":
            ref = self._reference(attributes, need_column=False)
            if ref is not None:
                self.row_index = ref[0] - 1
        elif name == b"si":
            self.strings += 1
            if self.strings > STRINGS_LIMIT:
                raise Beyond(_("it holds more than {limit} shared strings").format(limit=number(STRINGS_LIMIT)))
        elif self.cell is not None:
            if name == b"f":
                self.cell[2], self.cell[3] = True, False
            elif name == b"v":
                self.cell[3], self.in_value = False, True
            elif name == b"is":
                self.cell[3] = True

    def _end(self, name: bytes) -> None:
        if name == b"row":
            self.row_index += 1
            self.col_index = 0
        elif name == b"v":
            self.in_value = False
        elif name == b"c" and self.cell is not None:
            row, col, formula, value = self.cell
            if formula and not value and self.sheet:
                if len(self.formulas) < FORMULAS_SHOWN:
                    self.formulas.append((row, col))
                else:
                    self.more_formulas += 1
            self.cell = None
            self.in_value = False

    def _cell(self, attributes: bytes) -> None:
        ref = self._reference(attributes, need_column=True)
        if ref is not None:
            row, col = ref
        else:
            row, col = self.row_index + 1, self.col_index + 1
        self.col_index = col  # the next cell without a reference: the column after
        self.cells += 1
        if self.cells > CELLS_LIMIT:
            raise Beyond(
                _("it holds more than {limit} cells; a list's sheet holds at most that many").format(
                    limit=number(CELLS_LIMIT)
                )
            )
        if row > self.rows or col > self.cols:
            rows, cols = max(row, self.rows), max(col, self.cols)
            if not within(rows, cols):
                raise Beyond(reach_reason(rows, cols, ref_text(row, col)))
            self.rows, self.cols = rows, cols
        self.cell = [row, col, False, False]

    def _reference(self, attributes: bytes, need_column: bool) -> tuple[int, int] | None:
        values = [value for key, value in attribute_pairs(attributes) if key == b"r"]
        if not values:
            return None
        if len(values) > 1:
            raise Beyond(
                _("the file is damaged (its part {part} has a tag with two references)").format(part=self.name),
                damaged=True,
            )
        ref = parse_ref(values[0], need_column)
        if ref is None:
            raise Beyond(
                _("the file is damaged (its part {part} has the reference {reference})").format(
                    part=self.name, reference=shown(values[0].decode("ascii", "replace"))
                ),
                damaged=True,
            )
        return ref

    def finish(self) -> None:
        if self.carry:
            carry, self.carry = self.carry, b""
            self._tags(carry, final=True)


#: What Rust calls ASCII white space (quick-xml's and calamine's).
_WHITE = b" \t\n\x0c\r"


def attribute_pairs(raw: bytes) -> list[tuple[bytes, bytes]]:
    """A tag's attributes as calamine reads them: a key is everything up to
    the next ``=`` (no space needed before it), its value is quoted. A
    malformed one ends the list as calamine ends its reading, with an
    error (:class:`Beyond`, as damaged)."""
    raw = raw[:-1] if raw.endswith(b"/") else raw
    pairs, pos, size = [], 0, len(raw)
    while True:
        while pos < size and raw[pos] in _WHITE:
            pos += 1
        if pos >= size:
            return pairs
        equals = raw.find(b"=", pos)
        if equals == -1:
            raise Beyond(_("the file is damaged (an attribute without a value)"), damaged=True)
        key = raw[pos:equals].rstrip(_WHITE)
        pos = equals + 1
        while pos < size and raw[pos] in _WHITE:
            pos += 1
        if pos >= size or raw[pos] not in b"\"'":
            raise Beyond(_("the file is damaged (an attribute value without quotes)"), damaged=True)
        close = raw.find(raw[pos : pos + 1], pos + 1)
        close = size if close == -1 else close
        pairs.append((key, raw[pos + 1 : close]))
        pos = close + 1
