"""Export cells as the text of both files: CSV fields and sheet XML, rendered once.

A 10,000-assessment export has about 500,000 answer rows, and most of their
cells recur: the same section, question, answer code and label. So the
tables render such cells once into a `Rendered` pair, keep it, and write
each row by joining pairs. Converting every cell of every row anew was
the largest part of the export's time.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from typing import NamedTuple

from exports import xlsx
from exports.labels import Cell

ExportCell = Cell | datetime

# A spreadsheet would run a cell starting with one of these as a formula (OWASP, "CSV
# Injection"), so such CSV text cells get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The line terminator of csv.writer's default dialect, "excel".
CSV_LINE_END = "\r\n"


class Rendered(NamedTuple):
    """Consecutive cells of a row, or a whole row: as CSV fields joined by commas, without
    a line end, and as sheet XML for `Sheet.append_xml`."""

    csv: str
    xml: str


def render(cells: list[ExportCell]) -> Rendered:
    """Render one or more cells for both files."""
    return Rendered(csv_fields(cells), xlsx.cells_xml(cells))


def join(parts: list[Rendered]) -> Rendered:
    """Join consecutive parts of a row into one."""
    return Rendered(",".join([part.csv for part in parts]), "".join([part.xml for part in parts]))


def csv_fields(cells: list[ExportCell]) -> str:
    """Return the cells as csv.writer writes them inside a row, without the line end."""
    fields = csv_row(cells)
    # csv.writer quotes a row made of one empty field, so that a reader sees a row.
    # Inside a longer row, the same field is written as nothing.
    if fields == [""]:
        return ""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(fields)
    return buffer.getvalue()[: -len(CSV_LINE_END)]


def csv_row(row: list[ExportCell]) -> list[str | int | float]:
    """Return the row as CSV text: UTC times in ISO 8601, formulas defused."""
    # Plain ints and strings are by far the most common cells, so they are handled
    # inline. A call per cell would double the time of a large export.
    return [
        cell
        if type(cell) is int
        else (
            ("'" + cell if cell.startswith(FORMULA_STARTS) else cell)
            if type(cell) is str
            else _csv_cell(cell)
        )
        for cell in row
    ]


def _csv_cell(cell: ExportCell) -> str | int | float:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        moment = cell if cell.tzinfo is UTC else cell.astimezone(UTC)
        return moment.isoformat(timespec="seconds")
    if isinstance(cell, Decimal):
        return f"{cell:f}"
    if isinstance(cell, str):
        return csv_row([str(cell)])[0]
    return cell
