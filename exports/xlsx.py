"""A streaming XLSX writer: rows go straight into the zipped sheet XML, never all in memory.

openpyxl 3.1's write-only mode took about 30 s for the 7.7 million cells
of a 10,000-assessment export on a 2-core machine, which is too slow for
the export's 10-second budget. So this module writes the few parts of the
SpreadsheetML format (ECMA-376 Part 1) that an export needs: inline
strings, numbers, UTC date-times with a date format, a bold and frozen
header row, and several sheets. Tests read the files back with openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO

# Excel's limits ("Excel specifications and limits", Microsoft support).
MAX_ROWS = 1_048_576
MAX_CELL_CHARACTERS = 32_767
MAX_SHEET_NAME = 31

# XML 1.0 forbids most control characters, so they are dropped from strings.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NEEDS_ESCAPE = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_EPOCH_UTC = _EXCEL_EPOCH.replace(tzinfo=UTC)
# Cells of short strings kept for reuse: up to this many, of up to this length. Exports
# in two threads share the cache; the GIL keeps each dict operation whole, so at worst
# one misses a cell the other just cleared.
_CACHED_STRINGS = 50_000
_CACHED_LENGTH = 200
_STRING_CELLS: dict[str, str] = {}
# Characters of sheet XML collected before they go to the compressing thread. Larger
# chunks mean fewer hand-overs between the threads, and two chunks are held at a time.
_CHUNK_CHARACTERS = 1_000_000

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# Style indexes into cellXfs of _STYLES: 1 is the bold header, 2 a date-time.
_HEADER_STYLE = 1
_DATE_STYLE = 2
_DATE_CELL_START = f'<c s="{_DATE_STYLE}"><v>'
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_SHEET_START = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">\
<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
</sheetView></sheetViews><sheetData>"""
_SHEET_END = "</sheetData></worksheet>"

CellValue = str | int | float | Decimal | datetime | None


class Workbook:
    """An XLSX file written sheet by sheet; use `sheet` for each, then `close`."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheet_names: list[str] = []
        # zlib compresses and checksums without holding the GIL, so a thread does it
        # for each chunk of rows while the caller builds the next chunk.
        self._compressor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xlsx")
        self._pending: Future[int] | None = None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def sheet(self, name: str, header: list[str]) -> Sheet:
        """Start a sheet with a bold, frozen header row. Only one sheet is open at a time."""
        return Sheet(self, name, header)

    def close(self) -> None:
        if self._zip.fp is None:
            return
        try:
            self._wait_for_write()
            self._write_package_parts()
        finally:
            self._compressor.shutdown()
            self._zip.close()

    def _open_part(self, name: str) -> tuple[str, IO[bytes]]:
        """Register a sheet named `name` and open its part in the archive."""
        if len(name) > MAX_SHEET_NAME or any(char in name for char in "[]:*?/\\"):
            raise ValueError(f"invalid sheet name {name!r}")
        self._sheet_names.append(name)
        part = f"xl/worksheets/sheet{len(self._sheet_names)}.xml"
        return part, self._zip.open(part, "w", force_zip64=True)

    def _write(self, stream: IO[bytes], data: bytes) -> None:
        """Write to an open part in the background, once the previous write has ended.

        So at most two chunks are held: one being compressed and one being built.
        """
        self._wait_for_write()
        self._pending = self._compressor.submit(stream.write, data)

    def _wait_for_write(self) -> None:
        """Wait for the background write, and raise its error, such as a full disk."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def _write_package_parts(self) -> None:
        count = len(self._sheet_names)
        sheets = "".join(
            f'<sheet name="{_escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(self._sheet_names, 1)
        )
        self._zip.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
            f"<sheets>{sheets}</sheets></workbook>",
        )
        relations = "".join(
            f'<Relationship Id="rId{n}" Type="{_RELATIONSHIPS}/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, count + 1)
        )
        relations += (
            f'<Relationship Id="rId{count + 1}" Type="{_RELATIONSHIPS}/styles" '
            'Target="styles.xml"/>'
        )
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">{relations}</Relationships>',
        )
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>'
            for n in range(1, count + 1)
        )
        self._zip.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>",
        )


class Sheet:
    """One sheet being written. A sheet that reaches Excel's row limit continues in a
    new sheet named "<name> 2", "<name> 3" and so on, each with the header again."""

    def __init__(self, workbook: Workbook, name: str, header: list[str]) -> None:
        self._workbook = workbook
        self._name = name
        self._header = header
        self._part_count = 0
        self._stream: IO[bytes] | None = None
        self._rows = 0
        self._buffer: list[str] = []
        self._buffered = 0
        self._start_part()

    def __enter__(self) -> Sheet:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def append(self, row: Iterable[CellValue]) -> None:
        self.append_xml(cells_xml(row))

    def append_xml(self, cells: str) -> None:
        """Add a row of cells that `cells_xml` or `moment_xml` rendered."""
        if self._rows >= MAX_ROWS:
            self._end_part()
            self._start_part()
        row = "<row>" + cells + "</row>"
        self._buffer.append(row)
        self._buffered += len(row)
        self._rows += 1
        if self._buffered >= _CHUNK_CHARACTERS:
            self._flush()

    def close(self) -> None:
        if self._stream is not None:
            self._end_part()

    def _start_part(self) -> None:
        self._part_count += 1
        name = self._name if self._part_count == 1 else f"{self._name} {self._part_count}"
        _part, self._stream = self._workbook._open_part(name)
        self._stream.write(_SHEET_START.encode())
        header = "".join(_string(title, _HEADER_STYLE) for title in self._header)
        self._buffer = [f"<row>{header}</row>"]
        self._buffered = 0
        self._rows = 1

    def _end_part(self) -> None:
        stream, self._stream = self._stream, None
        try:
            self._buffer.append(_SHEET_END)
            self._workbook._write(stream, "".join(self._buffer).encode())
            self._workbook._wait_for_write()
        finally:
            # A part left open would make the workbook's close fail with a ValueError
            # that hides the error which ended the sheet.
            self._buffer.clear()
            stream.close()

    def _flush(self) -> None:
        self._workbook._write(self._stream, "".join(self._buffer).encode())
        self._buffer.clear()
        self._buffered = 0


def cells_xml(row: Iterable[CellValue]) -> str:
    """Return the cells as the <c> elements of a sheet row."""
    # Strings and ints are most cells of an export, so they skip the call to _cell.
    # That call per cell made up a fifth of a large export's time.
    return "".join(
        [
            (_STRING_CELLS.get(value) or _string_cell(value))
            if type(value) is str
            else (f"<c><v>{value}</v></c>" if type(value) is int else _cell(value))
            for value in row
        ]
    )


def moment_xml(moment: datetime) -> str:
    """Return a date-time cell, faster than `cells_xml` because it skips the type checks."""
    return f"{_DATE_CELL_START}{_serial(moment)!r}</v></c>"


def _cell(value: CellValue) -> str:
    kind = type(value)
    if kind is str:
        return _string_cell(value)
    if value is None:
        return "<c/>"
    if kind is int or kind is float:
        return f"<c><v>{value!r}</v></c>"
    if kind is bool:
        return f"<c><v>{int(value)}</v></c>"
    if isinstance(value, Decimal):
        return f"<c><v>{value:f}</v></c>"
    if isinstance(value, datetime):
        return moment_xml(value)
    if isinstance(value, str):
        return _string_cell(str(value))
    if isinstance(value, int | float):
        return _cell(int(value) if isinstance(value, int) else float(value))
    raise TypeError(f"cannot write a {kind.__name__} to a sheet")


def _string_cell(text: str) -> str:
    """Return the inline string cell, from a bounded cache because codes and labels repeat."""
    cell = _STRING_CELLS.get(text)
    if cell is None:
        cell = _string(text)
        if len(text) <= _CACHED_LENGTH:
            if len(_STRING_CELLS) >= _CACHED_STRINGS:
                _STRING_CELLS.clear()
            _STRING_CELLS[text] = cell
    return cell


def _string(text: str, style: int | None = None) -> str:
    if len(text) > MAX_CELL_CHARACTERS:
        text = text[: MAX_CELL_CHARACTERS - 1] + "…"
    styled = "" if style is None else f' s="{style}"'
    return f'<c{styled} t="inlineStr"><is><t xml:space="preserve">{_escape(text)}</t></is></c>'


def _escape(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
    return _ILLEGAL_XML.sub("", text)


def _serial(moment: datetime) -> float:
    """Return Excel's serial day number; an aware time is written as its UTC wall time."""
    epoch = _EXCEL_EPOCH if moment.tzinfo is None else _EXCEL_EPOCH_UTC
    return (moment - epoch).total_seconds() / 86_400
