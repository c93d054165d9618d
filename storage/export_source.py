"""Read a database file for an export: a read-only connection of its own, streamed row by row.

The bot's connection serializes every operation, so a long export through
it would stall the interviews. This reader opens a second, read-only
connection (WAL mode lets it read while the bot writes), takes one snapshot
for the whole export, and yields one assessment at a time so memory stays
flat however many assessments there are. It is synchronous, for a worker
thread or a command-line tool.

Decoded answer values recur, so they are cached and shared between rows:
callers must not change a value they receive.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from .errors import StorageError
from .models import AnswerValue, AssessmentStatus
from .timestamps import parse_optional_timestamp, parse_timestamp

# Rows fetched per round trip; large enough to amortize the calls, small enough for memory.
FETCH_SIZE = 2000
# Decoded values kept for reuse, and the longest stored text kept. Most answers are
# choice ids, levels and short texts, which recur across assessments.
CACHED_VALUES = 4096
CACHED_TEXT_LENGTH = 200

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


class ExportedAnswer(NamedTuple):
    """One saved value of a question, None for a skip, with its time in UTC twice: as a
    datetime, and as ISO 8601 text to the second, which is what `datetime.isoformat`
    writes with timespec="seconds"."""

    question_id: str
    value: AnswerValue
    answered_at: datetime
    answered_at_text: str


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
    ) -> Iterator[tuple[ExportedAssessment, dict[str, AnswerValue]]]:
        """Yield each assessment, oldest first, with its current answer to each question."""
        rows = self._rows(
            "SELECT assessment_id, question_id, value FROM answers"
            + self._assessment_filter()
            + " ORDER BY assessment_id, question_id",
            self._city_parameters(),
        )
        for assessment, answers in self._merge(rows):
            yield assessment, {question_id: _decode(value) for _, question_id, value in answers}

    def assessments_with_history(
        self,
    ) -> Iterator[tuple[ExportedAssessment, list[ExportedAnswer]]]:
        """Yield each assessment, oldest first, with every value saved in it, oldest first."""
        rows = self._rows(
            "SELECT assessment_id, question_id, value, answered_at FROM answer_history"
            + self._assessment_filter()
            + " ORDER BY assessment_id, id",
            self._city_parameters(),
        )
        for assessment, answers in self._merge(rows):
            history = [
                _exported_answer(question_id, value, answered_at)
                for _, question_id, value, answered_at in answers
            ]
            yield assessment, history

    def _merge(
        self, answer_rows: Iterator[tuple]
    ) -> Iterator[tuple[ExportedAssessment, Iterable[tuple]]]:
        """Pair assessments with their answer rows; both come sorted by assessment id.

        Each assessment's rows must be read before the next pair is requested.
        """
        groups = groupby(answer_rows, key=itemgetter(0))
        group_id, group = next(groups, _NO_GROUP)
        for assessment in self._assessments():
            while group_id is not None and group_id < assessment.id:
                group_id, group = next(groups, _NO_GROUP)
            yield assessment, group if group_id == assessment.id else ()

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


# The default for next() on a finished groupby: no assessment id and no rows.
_NO_GROUP: tuple[None, Iterator[tuple]] = (None, iter(()))


def _exported_answer(question_id: str, value: str, answered_at: str) -> ExportedAnswer:
    if _is_stored_form(answered_at):
        # The stored form is UTC already, so fromisoformat alone returns it in UTC, and
        # its text to the second is a slice, more than ten times faster than isoformat.
        moment = datetime.fromisoformat(answered_at)
        text = answered_at[:19] + "+00:00"
    else:
        moment = parse_timestamp(answered_at)
        text = moment.isoformat(timespec="seconds")
    return ExportedAnswer(question_id, _decode(value), moment, text)


def _is_stored_form(text: str) -> bool:
    """Return whether fromisoformat-valid text has the form `format_timestamp` writes,
    such as 2026-03-02T04:05:06.123456+00:00."""
    return (
        len(text) == 32
        and text[7] == "-"
        and text[10] == "T"
        and text[19] == "."
        and text.endswith("+00:00")
    )


def _decode(text: str) -> AnswerValue:
    if len(text) > CACHED_TEXT_LENGTH:
        return _decode_json(text)
    return _decode_cached(text)


@lru_cache(maxsize=CACHED_VALUES)
def _decode_cached(text: str) -> AnswerValue:
    return _decode_json(text)


def _decode_json(text: str) -> AnswerValue:
    """Decode a stored JSON value, skipping the parser for the common plain cases."""
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"' and "\\" not in text:
        # A JSON string without a backslash has no escapes, so its content is literal.
        return text[1:-1]
    return json.loads(text)
