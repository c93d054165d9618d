"""Read a database file for an export: a read-only connection of its own, streamed row by row.

The bot's connection serializes every operation, so a long export through
it would stall the interviews. This reader opens a second, read-only
connection (WAL mode lets it read while the bot writes), takes one snapshot
for the whole export, and yields one assessment at a time so memory stays
flat however many assessments there are. It is synchronous, for a worker
thread or a command-line tool.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from .errors import StorageError
from .models import AnswerValue, AssessmentStatus, StoredAnswer
from .timestamps import parse_optional_timestamp, parse_timestamp

# Rows fetched per round trip; large enough to amortize the calls, small enough for memory.
FETCH_SIZE = 2000

_ASSESSMENTS = (
    "SELECT a.id, a.city_id, c.name AS city_name, c.country, c.time_zone, a.respondent_id,"
    " a.questionnaire_id, a.questionnaire_version, a.status, a.started_at, a.updated_at,"
    " a.submitted_at FROM assessments a LEFT JOIN cities c ON c.id = a.city_id"
)


@dataclass(frozen=True, slots=True)
class ExportedAssessment:
    """An assessment with its city, which is None outside the invitation programme."""

    id: int
    city_id: int | None
    city_name: str | None
    country: str | None
    time_zone: str | None
    respondent_id: int
    questionnaire_id: str
    questionnaire_version: int
    status: AssessmentStatus
    started_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


class ExportSource:
    """A read-only snapshot of a database file, optionally limited to one city."""

    def __init__(self, path: str | Path, city_id: int | None = None) -> None:
        path = Path(path)
        if not path.is_file():
            raise StorageError(f"database {path} not found")
        uri = path.resolve().as_uri() + "?mode=ro"
        try:
            self._connection = sqlite3.connect(uri, uri=True, isolation_level=None)
            # One read transaction for the whole export, so every table shows one moment.
            self._connection.execute("BEGIN")
        except sqlite3.Error as error:
            raise StorageError(f"failed to open database {path} for export: {error}") from error
        self._path = path
        self._city_id = city_id

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    def count(self) -> int:
        """Return the number of assessments the export covers."""
        sql = "SELECT COUNT(*) FROM assessments"
        row = self._query(sql + self._city_filter("city_id"), self._city_parameters()).fetchone()
        return int(row[0])

    def snapshots(self) -> dict[tuple[str, int], str]:
        """Return the canonical JSON of each questionnaire version the assessments use."""
        sql = (
            "SELECT questionnaire_id, version, content FROM questionnaire_snapshots"
            " WHERE (questionnaire_id, version) IN (SELECT questionnaire_id,"
            " questionnaire_version FROM assessments" + self._city_filter("city_id") + ")"
        )
        rows = self._query(sql, self._city_parameters())
        return {(row[0], row[1]): row[2] for row in rows}

    def assessments_with_answers(
        self,
    ) -> Iterator[tuple[ExportedAssessment, dict[str, StoredAnswer]]]:
        """Yield each assessment, oldest first, with its current answer to each question."""
        rows = self._rows(
            "SELECT assessment_id, question_id, value, answered_at FROM answers"
            + self._assessment_filter()
            + " ORDER BY assessment_id, question_id",
            self._city_parameters(),
        )
        for assessment, answers in self._merge(rows):
            yield assessment, {answer.question_id: answer for answer in answers}

    def assessments_with_history(self) -> Iterator[tuple[ExportedAssessment, list[StoredAnswer]]]:
        """Yield each assessment, oldest first, with every value saved in it, oldest first."""
        rows = self._rows(
            "SELECT assessment_id, question_id, value, answered_at FROM answer_history"
            + self._assessment_filter()
            + " ORDER BY assessment_id, id",
            self._city_parameters(),
        )
        yield from self._merge(rows)

    def _merge(
        self, answer_rows: Iterator[tuple]
    ) -> Iterator[tuple[ExportedAssessment, list[StoredAnswer]]]:
        """Pair assessments with their answer rows; both come sorted by assessment id."""
        pending = next(answer_rows, None)
        for assessment in self._assessments():
            answers = []
            while pending is not None and pending[0] < assessment.id:
                pending = next(answer_rows, None)
            while pending is not None and pending[0] == assessment.id:
                answers.append(_to_answer(pending))
                pending = next(answer_rows, None)
            yield assessment, answers

    def _assessments(self) -> Iterator[ExportedAssessment]:
        sql = _ASSESSMENTS + self._city_filter("a.city_id") + " ORDER BY a.id"
        for row in self._rows(sql, self._city_parameters()):
            yield ExportedAssessment(
                id=row[0],
                city_id=row[1],
                city_name=row[2],
                country=row[3],
                time_zone=row[4],
                respondent_id=row[5],
                questionnaire_id=row[6],
                questionnaire_version=row[7],
                status=AssessmentStatus(row[8]),
                started_at=parse_timestamp(row[9]),
                updated_at=parse_timestamp(row[10]),
                submitted_at=parse_optional_timestamp(row[11]),
            )

    def _rows(self, sql: str, parameters: tuple) -> Iterator[tuple]:
        cursor = self._query(sql, parameters)
        while True:
            try:
                batch = cursor.fetchmany(FETCH_SIZE)
            except sqlite3.Error as error:
                raise StorageError(f"export read failed on {self._path}: {error}") from error
            if not batch:
                return
            yield from batch

    def _query(self, sql: str, parameters: tuple = ()) -> sqlite3.Cursor:
        try:
            return self._connection.execute(sql, parameters)
        except sqlite3.Error as error:
            raise StorageError(f"export read failed on {self._path}: {error}") from error

    def _city_filter(self, column: str) -> str:
        return "" if self._city_id is None else f" WHERE {column} = ?"

    def _assessment_filter(self) -> str:
        if self._city_id is None:
            return ""
        return " WHERE assessment_id IN (SELECT id FROM assessments WHERE city_id = ?)"

    def _city_parameters(self) -> tuple:
        return () if self._city_id is None else (self._city_id,)


def _to_answer(row: tuple) -> StoredAnswer:
    # Stored timestamps are UTC with an explicit +00:00 offset, so fromisoformat alone
    # returns them in UTC.
    return StoredAnswer(
        question_id=row[1], value=_decode(row[2]), answered_at=datetime.fromisoformat(row[3])
    )


def _decode(text: str) -> AnswerValue:
    """Decode a stored JSON value, skipping the parser for the common plain cases."""
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"' and "\\" not in text:
        # A JSON string without a backslash has no escapes, so its content is literal.
        return text[1:-1]
    return json.loads(text)
