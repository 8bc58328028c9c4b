"""A workbook's parts, unpacked and measured before the Excel reader reads it.

An .xlsx file is a zip archive of XML parts. python-calamine unpacks the
parts it reads without a bound (a 1.2 MB workbook may unpack to a 1.2 GB
string) and keeps what it reads, so parts are unpacked here, with the
standard library, and measured as they come: the reading stops at the
first part beyond a limit, which is refused (exit status 2) naming the
file and the part. The archive's directory is checked before calamine
reads (:meth:`Package.check_heads` adds the heads of the sheet and of the
shared strings); every part is unpacked and scanned (:meth:`Package.scan`)
before calamine where it cannot run in a process of its own, and else to
say why that process ended. The limits, which the lists of a real office
never reach (a list of 100,000 rows of 11 columns unpacks to 53 MB):

* at most :data:`MEMBERS_LIMIT` parts; each at most :data:`PART_LIMIT`
  bytes unpacked, all together at most :data:`TOTAL_LIMIT`; a part of more
  than :data:`RATIO_FROM` bytes unpacks to at most :data:`RATIO_LIMIT`
  times its packed size (Excel's parts pack 5 to 20 times);
* only the ways of packing the reader knows (stored, deflated), no
  password, and each part's size as the archive's directory gives it;
* the cells and shared strings of every part, as
  :mod:`planner.importer.sheets.scan` counts them.

What is measured is what calamine will unpack: the bytes of a part's
deflate stream up to its end, as its own decoder reads them, not the
sizes the directory claims.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from contextlib import contextmanager

from planner.importer.sheets.scan import Beyond, ExactScan, NeedsExact, QuickScan
from planner.text.messages import _, n_
from planner.text.typography import number

#: A formula (without a namespace prefix, or with one): calamine's cell
#: without a value when no value follows it.
_FORMULA = re.compile(rb"<f[\s>/]")
_PREFIXED_FORMULA = re.compile(rb"<[^\s<>/!?]*:f[\s>/]")
_COLON_F = re.compile(rb":f[\s>/]")

MB = 2**20
MEMBERS_LIMIT = 10_000
PART_LIMIT = 256 * MB
TOTAL_LIMIT = 512 * MB
RATIO_LIMIT = 100
RATIO_FROM = 1 * MB
#: The parts read here whole (the workbook, relationships, properties).
SMALL_LIMIT = 16 * MB

#: Unpacked a quarter megabyte of packed bytes at a time (up to 8 MB out),
#: which stays in the processor's caches: twice as fast as bigger steps.
_CHUNK, _PACKED_STEP = 8 * MB, MB // 4
_LOCAL_HEADER = b"PK\x03\x04"


class Refused(Exception):
    """The workbook is not read: ``reason`` says why (in the active
    language); ``damaged`` when it is not a sound workbook (rather than one
    beyond a limit)."""

    def __init__(self, reason: str, damaged: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.damaged = damaged


class Package:
    """The parts of one workbook, by name, with their sizes checked."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.members = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
            reason = _("the file is damaged or not a workbook ({error})").format(error=error)
            raise Refused(reason, damaged=True) from None
        if len(self.members) > MEMBERS_LIMIT:
            raise Refused(
                _("it holds {n} parts; a workbook read as a list holds at most {limit}").format(
                    n=number(len(self.members)), limit=number(MEMBERS_LIMIT)
                )
            )
        self.by_name = {info.filename: info for info in self.members}
        self.folded = {}
        for info in self.members:
            self.folded.setdefault(info.filename.lower().replace("\\", "/"), info)
        self._check_directory()

    def _check_directory(self) -> None:
        """What the directory says, before anything is unpacked."""
        total = 0
        for info in self.members:
            if info.flag_bits & 0x1:
                raise Refused(_("it is protected with a password; save it without one"))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise Refused(
                    _("its part {part} is packed in a way Excel does not use (method {method})").format(
                        part=info.filename, method=info.compress_type
                    ),
                    damaged=True,
                )
            self._check_size(info, info.file_size)
            total += info.file_size
        if total > TOTAL_LIMIT:
            raise Refused(_total(total))

    def find(self, name: str) -> zipfile.ZipInfo | None:
        """The part ``name``, as the reader finds it (case and slashes aside)."""
        found = self.by_name.get(name)
        return found if found is not None else self.folded.get(name.lower().replace("\\", "/"))

    def unpack(self, info: zipfile.ZipInfo):
        """The bytes of part ``info``, chunk by chunk, checked against the limits."""
        start = self._data_start(info)
        packed = memoryview(self.data)[start : start + info.compress_size]
        size = 0
        if info.compress_type == zipfile.ZIP_STORED:
            for at in range(0, len(packed), _CHUNK):
                yield bytes(packed[at : at + _CHUNK])
            size = len(packed)
        else:
            inflate = zlib.decompressobj(-15)
            try:
                for at in range(0, len(packed), _PACKED_STEP):
                    piece = packed[at : at + _PACKED_STEP]
                    while piece and not inflate.eof:
                        out = inflate.decompress(piece, _CHUNK)
                        piece = inflate.unconsumed_tail
                        size += len(out)
                        self._check_size(info, size)
                        yield out
                    if inflate.eof:
                        break
            except zlib.error as error:
                raise Refused(
                    _("the file is damaged (its part {part}: {error})").format(part=info.filename, error=error),
                    damaged=True,
                ) from None
            if not inflate.eof:
                raise Refused(
                    _("the file is damaged (its part {part} ends too early)").format(part=info.filename), damaged=True
                )
        if size != info.file_size:
            raise Refused(
                _("the file is damaged (its part {part} unpacks to {size} bytes, not the {given} its directory gives)")
                .format(part=info.filename, size=number(size), given=number(info.file_size)),
                damaged=True,
            )

    def read_small(self, info: zipfile.ZipInfo) -> bytes:
        if info.file_size > SMALL_LIMIT:
            raise Refused(
                _("its part {part} is {size}; at most {limit} is read").format(
                    part=info.filename, size=_mb(info.file_size), limit=_mb(SMALL_LIMIT)
                )
            )
        return b"".join(self.unpack(info))

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        at = info.header_offset
        header = self.data[at : at + 30]
        if len(header) < 30 or not header.startswith(_LOCAL_HEADER):
            raise Refused(
                _("the file is damaged (its part {part} is not where its directory says)").format(part=info.filename),
                damaged=True,
            )
        start = at + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
        if start + info.compress_size > len(self.data):
            raise Refused(
                _("the file is damaged (its part {part} is cut short)").format(part=info.filename), damaged=True
            )
        return start

    def _check_size(self, info: zipfile.ZipInfo, size: int) -> None:
        if size > PART_LIMIT:
            raise Refused(
                _("its part {part} unpacks to more than {limit}; a list's parts are at most {limit} unpacked").format(
                    part=info.filename, limit=_mb(PART_LIMIT)
                )
            )
        if size > RATIO_FROM and size > RATIO_LIMIT * max(info.compress_size, 1):
            raise Refused(
                _(
                    "its part {part} unpacks to more than {ratio} times its packed size ({size} or more from "
                    "{packed}); a list's parts unpack to at most {ratio} times theirs"
                ).format(part=info.filename, ratio=RATIO_LIMIT, size=_mb(size), packed=_bytes(info.compress_size))
            )

    def scan(self, sheet: zipfile.ZipInfo | None) -> None:
        """Every part unpacked and scanned (:mod:`planner.importer.sheets.scan`),
        part ``sheet`` (the sheet read) for its declared dimension too.

        Raises :class:`Refused`, or :class:`~planner.importer.sheets.scan.Beyond`
        for a part beyond a limit of cells or strings, with the part's name
        (``part``) on it."""
        total = 0
        for info in self.members:
            if info.is_dir():
                continue
            total += info.file_size
            if total > TOTAL_LIMIT:
                raise Refused(_total(total))
            self._scan_part(info, info is sheet)

    def _scan_part(self, info: zipfile.ZipInfo, sheet: bool) -> None:
        with _part(info.filename):
            try:
                scan = QuickScan(info.filename, info.file_size, sheet)
                first = True
                for chunk in self.unpack(info):
                    if first:
                        _check_encoding(info, chunk)
                        first = False
                    scan.feed(chunk)
                scan.finish()
                return
            except NeedsExact:
                pass
            self._exactly(info, sheet)

    def _exactly(self, info: zipfile.ZipInfo, sheet: bool) -> ExactScan:
        """Part ``info`` unpacked and scanned exactly, to its end."""
        scan = ExactScan(info.filename, info.file_size, sheet)
        for chunk in self.unpack(info):
            scan.feed(chunk)
        scan.finish()
        return scan

    def check_heads(self, sheet: zipfile.ZipInfo | None) -> None:
        """The checks of a part's head alone: the sheet read (``sheet``): its
        declared dimension; the shared strings: their declared count; both
        not in UTF-16."""
        for info in self.members:
            if info is sheet or info.filename.lower().endswith("sharedstrings.xml"):
                head = QuickScan(info.filename, info.file_size, info is sheet)
                chunks = self.unpack(info)
                try:
                    with _part(info.filename):
                        chunk = next(chunks, b"")
                        _check_encoding(info, chunk)
                        head.check_head(chunk, 0, len(chunk))
                finally:
                    chunks.close()

    def formulas(self, sheet: zipfile.ZipInfo) -> ExactScan | None:
        """The scan of part ``sheet`` that found its formulas without a value,
        or None when it holds no formula."""
        probe = QuickScan(sheet.filename, sheet.file_size, True)
        found = False
        for chunk in self.unpack(sheet):
            for buf, start, end in probe.chunks(chunk):
                found = found or _FORMULA.search(buf, start, end) is not None or _prefixed_formula(buf, start, end)
            if found:
                break
        if not found:
            return None
        with _part(sheet.filename):
            return self._exactly(sheet, True)


@contextmanager
def _part(name: str):
    """A limit met inside the part ``name`` (:class:`Beyond`) says which part it was."""
    try:
        yield
    except Beyond as beyond:
        beyond.part = name
        raise


def _prefixed_formula(buf: bytes, start: int, end: int) -> bool:
    """Whether ``buf[start:end]`` holds an ``f`` tag with a prefix (``<x:f>``);
    looked for at each ":f" (rare) rather than at each "<"."""
    found = _COLON_F.search(buf, start, end)
    while found is not None:
        tag = buf.rfind(b"<", start, found.start())
        if tag != -1 and _PREFIXED_FORMULA.match(buf, tag, end):
            return True
        found = _COLON_F.search(buf, found.end(), end)
    return False


def _check_encoding(info: zipfile.ZipInfo, head: bytes) -> None:
    """A part in UTF-16 or UTF-32 hides its tags from the scan's bytes (the
    reader decodes them): refused; Excel writes its parts in UTF-8."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?") or (
        head[:2] in (b"<\x00", b"\x00<")
    ):
        raise Refused(
            _("its part {part} is UTF-16 text; Excel writes a workbook's parts in UTF-8").format(part=info.filename),
            damaged=True,
        )


def _mb(size: int) -> str:
    """A size as a message gives it: in whole megabytes, or in bytes below one."""
    return f"{number(round(size / MB))} MB" if size >= MB else _bytes(size)


def _bytes(size: int) -> str:
    return n_("{n} byte", "{n} bytes", size).format(n=number(size))


def _total(total: int) -> str:
    return _("its parts unpack to more than {limit} together; a list's workbook unpacks to at most that").format(
        limit=_mb(TOTAL_LIMIT)
    )
