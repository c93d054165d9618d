"""Cells rendered once and joined: the same text as converting the whole row."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from exports import xlsx
from exports.cells import CSV_LINE_END, csv_row, join, render

CELLS = [
    None,
    "",
    " ",
    "plain",
    "a,b",
    'quote "x"',
    "new\nline",
    "carriage\rreturn",
    "=SUM(A1)",
    "-5",
    "ไทย 🏙️",
    "<b>&</b>",
    0,
    -12,
    58.33,
    Decimal("1500.50"),
    datetime(2026, 3, 2, 4, 5, 6, 123456, tzinfo=UTC),
    datetime(2026, 3, 2, 6, 5, 6, tzinfo=timezone(timedelta(hours=2))),
]


def _csv_writer_line(row: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_row(row))
    return buffer.getvalue()


@pytest.mark.parametrize("cell", CELLS, ids=repr)
def test_joined_cell_matches_whole_row(cell: object) -> None:
    row = ["before", cell, "after"]

    joined = join([render(["before"]), render([cell]), render(["after"])])

    assert joined.csv + CSV_LINE_END == _csv_writer_line(row)
    assert joined.xml == xlsx.cells_xml(row)


def test_empty_cells_joined() -> None:
    joined = join([render([None]), render([None, ""]), render([None])])

    assert joined.csv + CSV_LINE_END == _csv_writer_line([None, None, "", None])
    assert joined.csv == ",,,"


def test_several_cells_render_as_row() -> None:
    rendered = render(CELLS)

    assert rendered.csv + CSV_LINE_END == _csv_writer_line(CELLS)
    assert rendered.xml == xlsx.cells_xml(CELLS)
