"""The assessment results as CSV and XLSX files, streamed from the database file.

`export_database` writes `assessments.csv` (one row per assessment),
`answers.csv` (one row per saved answer, changes included) and
`results.xlsx` with both tables and a `questions` codebook sheet. Rows are
written as they are read, so memory stays flat for any number of
assessments. An export of all cities adds a `toolstats` sheet with the
figures of /toolstats per questionnaire version, measured in a worker
process while the other sheets are written. No Telegram here: the bot and
the command line both call it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from exports.tables import (
    QUESTION_COLUMNS,
    ExportCell,
    LongTable,
    Questionnaires,
    WideTable,
    question_rows,
)
from exports.toolstats import TOOLSTATS_COLUMNS, ToolstatsInBackground, ToolstatsRow
from exports.xlsx import Workbook
from storage import ExportSource

WIDE_CSV = "assessments.csv"
LONG_CSV = "answers.csv"
WORKBOOK = "results.xlsx"
# A spreadsheet would run a cell starting with one of these as a formula (OWASP, "CSV
# Injection"), so such CSV text cells get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    assessments: int
    files: list[Path]


def export_database(
    database_path: Path,
    directory: Path,
    *,
    city_id: int | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the three files into `directory`, for one city or for all assessments.

    `progress(done, total)` is called after each assessment of each of the two
    passes, so `total` is twice the number of assessments.
    """
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / WIDE_CSV, directory / LONG_CSV, directory / WORKBOOK]
    with (
        ExportSource(database_path, city_id) as source,
        Workbook(paths[2]) as workbook,
        ExitStack() as background,
    ):
        count = source.count()
        questionnaires = Questionnaires(source.snapshots())
        report = _Counter(2 * count, progress)
        # The figures span every city, so an export of one city leaves them out.
        toolstats = None
        if city_id is None:
            toolstats = background.enter_context(
                ToolstatsInBackground(
                    database_path, questionnaires.newest_first(), datetime.now(UTC)
                )
            )

        wide = WideTable(questionnaires)
        with _csv_file(paths[0]) as wide_file, workbook.sheet("assessments", wide.header) as sheet:
            writer = csv.writer(wide_file)
            writer.writerow(wide.header)
            for assessment, answers in source.assessments_with_answers():
                row = wide.row(assessment, answers)
                writer.writerow(csv_row(row))
                sheet.append(row)
                report.step()

        long = LongTable(questionnaires)
        with _csv_file(paths[1]) as long_file, workbook.sheet("answers", long.header) as sheet:
            writer = csv.writer(long_file)
            writer.writerow(long.header)
            for assessment, history in source.assessments_with_history():
                # The assessment's own cells are the same on each of its rows, so they are
                # converted once per assessment.
                prefix = long.prefix(assessment)
                csv_prefix, sheet_prefix = csv_row(prefix), sheet.render(prefix)
                for rest in long.rows(assessment, history):
                    writer.writerow(csv_prefix + csv_row(rest))
                    sheet.append(rest, rendered_prefix=sheet_prefix)
                report.step()

        with workbook.sheet("questions", QUESTION_COLUMNS) as sheet:
            for row in question_rows(questionnaires):
                sheet.append(row)

        if toolstats is not None:
            _write_toolstats(workbook, toolstats.rows())
    return ExportResult(count, paths)


def _write_toolstats(workbook: Workbook, rows: list[ToolstatsRow]) -> None:
    """Add the questionnaire statistics sheet: one block of rows per questionnaire version.

    NOTE: The statistics read their own snapshot of the file, so answers stored
    during the export can make them differ slightly from the other sheets.
    """
    with workbook.sheet("toolstats", TOOLSTATS_COLUMNS) as sheet:
        for row in rows:
            sheet.append(row)


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


def _csv_file(path: Path):
    # utf-8-sig writes a byte order mark, so Excel reads Thai, Khmer or Chinese text right.
    return path.open("w", newline="", encoding="utf-8-sig")


class _Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self._done = 0
        self._total = total
        self._progress = progress

    def step(self) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self._total)
