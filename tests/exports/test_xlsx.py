"""The streaming XLSX writer, read back with openpyxl."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports import xlsx
from exports.xlsx import Workbook


def _read(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path)
    return {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}


def test_cell_types_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cells.xlsx"
    moment = datetime(2026, 3, 2, 4, 5, 6, tzinfo=UTC)

    with Workbook(path) as workbook, workbook.sheet("cells", ["a", "b", "c", "d", "e"]) as sheet:
        sheet.append(["text", 42, 58.33, Decimal("1500.5"), moment])
        sheet.append([None, -1, 0.0, Decimal("0"), None])

    rows = _read(path)["cells"]
    assert rows[0] == ("a", "b", "c", "d", "e")
    assert rows[1] == ("text", 42, 58.33, 1500.5, moment.replace(tzinfo=None))
    assert rows[2] == (None, -1, 0, 0, None)


def test_text_kept_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "text.xlsx"
    texts = ['=SUM(A1:A2) & "x"', "<b>bold</b> 🏙️", "  spaces  ", "ไทย ខ្មែរ 中文"]

    with Workbook(path) as workbook, workbook.sheet("text", ["value"]) as sheet:
        for text in texts:
            sheet.append([text])

    assert [row[0] for row in _read(path)["text"][1:]] == texts


def test_control_characters_dropped(tmp_path: Path) -> None:
    path = tmp_path / "control.xlsx"

    with Workbook(path) as workbook, workbook.sheet("control", ["value"]) as sheet:
        sheet.append(["line\x00one\x1ftwo\ttab\nnew"])

    assert _read(path)["control"][1] == ("lineonetwo\ttab\nnew",)


def test_full_sheet_continues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    path = tmp_path / "long.xlsx"

    with Workbook(path) as workbook:
        with workbook.sheet("answers", ["n"]) as sheet:
            for number in range(5):
                sheet.append([number])
        with workbook.sheet("questions", ["id"]) as sheet:
            sheet.append(["q1"])

    sheets = _read(path)
    assert list(sheets) == ["answers", "answers 2", "answers 3", "questions"]
    assert sheets["answers"] == [("n",), (0,), (1,)]
    assert sheets["answers 2"] == [("n",), (2,), (3,)]
    assert sheets["answers 3"] == [("n",), (4,)]
    assert sheets["questions"] == [("id",), ("q1",)]


def test_invalid_sheet_name(tmp_path: Path) -> None:
    with Workbook(tmp_path / "bad.xlsx") as workbook:
        with pytest.raises(ValueError, match="invalid sheet name"):
            workbook.sheet("a/b", ["x"])


def test_many_rows_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    rows = [[f"row {number}", number] for number in range(5000)]

    with Workbook(path) as workbook, workbook.sheet("many", ["text", "number"]) as sheet:
        for row in rows:
            sheet.append(row)

    assert _read(path)["many"][1:] == [tuple(row) for row in rows]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_full_disk_raises() -> None:
    threads_before = set(threading.enumerate())

    with pytest.raises(OSError, match="No space left"):
        with Workbook(Path("/dev/full")) as workbook, workbook.sheet("s", ["n"]) as sheet:
            for number in range(100_000):
                sheet.append([f"row {number}", number])

    assert set(threading.enumerate()) == threads_before
