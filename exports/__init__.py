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
from pathlib import Path
from typing import TextIO

from exports.cells import CSV_LINE_END, Rendered
from exports.tables import (
    QUESTION_COLUMNS,
    AnswerCells,
    LongTable,
    Questionnaires,
    WideTable,
    question_rows,
)
from exports.toolstats import TOOLSTATS_COLUMNS, ToolstatsInBackground, ToolstatsRow
from exports.xlsx import Sheet, Workbook
from storage import ExportSource

WIDE_CSV = "assessments.csv"
LONG_CSV = "answers.csv"
WORKBOOK = "results.xlsx"

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

        answer_cells = AnswerCells()
        wide = WideTable(questionnaires, answer_cells)
        with _Table(paths[0], workbook, "assessments", wide.header) as table:
            for assessment, answers in source.assessments_with_answers():
                table.write(wide.row(assessment, answers))
                report.step()

        long = LongTable(questionnaires, answer_cells)
        with _Table(paths[1], workbook, "answers", long.header) as table:
            for assessment, history in source.assessments_with_history():
                for row in long.rows(assessment, history):
                    table.write(row)
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


class _Table:
    """A table being written to its CSV file and to its sheet of the workbook."""

    def __init__(self, path: Path, workbook: Workbook, name: str, header: list[str]) -> None:
        # utf-8-sig writes a byte order mark, so Excel reads Thai, Khmer or Chinese text right.
        self._file: TextIO = path.open("w", newline="", encoding="utf-8-sig")
        self._sheet: Sheet = workbook.sheet(name, header)
        csv.writer(self._file).writerow(header)

    def __enter__(self) -> _Table:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._file.close()
        finally:
            self._sheet.close()

    def write(self, row: Rendered) -> None:
        self._file.write(row.csv + CSV_LINE_END)
        self._sheet.append_xml(row.xml)


class _Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self._done = 0
        self._total = total
        self._progress = progress

    def step(self) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self._total)
