"""Question events, and the activity of a questionnaire version's assessments that they feed."""

import json
import sqlite3
from collections import defaultdict
from pathlib import Path

import aiosqlite

from .connection import fetch_all, run_statement
from .errors import StorageError
from .models import (
    AssessmentActivity,
    AssessmentStatus,
    QuestionEvent,
    QuestionEventKind,
    StoredAnswer,
)
from .timestamps import format_timestamp, parse_timestamp, utc_now


async def record(
    connection: aiosqlite.Connection,
    assessment_id: int,
    question_id: str,
    kind: QuestionEventKind,
    locale: str,
    remark: str | None,
) -> None:
    if remark is not None and kind != QuestionEventKind.FLAGGED:
        raise ValueError(f"only a flag carries a remark, got one on a {kind} event")
    await run_statement(
        connection,
        "INSERT INTO question_events"
        " (assessment_id, question_id, kind, occurred_at, locale, remark)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (assessment_id, question_id, str(kind), format_timestamp(utc_now()), locale, remark),
    )


async def for_assessment(
    connection: aiosqlite.Connection, assessment_id: int
) -> list[QuestionEvent]:
    # Row ids grow with every insert, so they order events even within one microsecond.
    rows = await fetch_all(
        connection,
        "SELECT question_id, kind, occurred_at, locale, remark FROM question_events"
        " WHERE assessment_id = ? ORDER BY id",
        (assessment_id,),
    )
    return [_to_event(row) for row in rows]


def read_activity(path: Path, questionnaire_id: str, version: int) -> list[AssessmentActivity]:
    """Read every assessment of the questionnaire version with its history and events.

    This opens a read-only connection of its own and reads one snapshot in one
    transaction. WAL mode lets it read while the bot writes, so a worker thread
    can run it without holding up the interviews on the bot's connection.

    NOTE: This holds all of the version's answers and events in memory at once,
    roughly a hundred rows per assessment.
    """
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StorageError(f"failed to open database {path} for reading: {error}") from error
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("BEGIN")
        return _read_activity(connection, questionnaire_id, version)
    except sqlite3.Error as error:
        raise StorageError(f"reading question activity failed on {path}: {error}") from error
    finally:
        connection.close()


def _read_activity(
    connection: sqlite3.Connection, questionnaire_id: str, version: int
) -> list[AssessmentActivity]:
    version_filter = "a.questionnaire_id = ? AND a.questionnaire_version = ?"
    parameters = (questionnaire_id, version)
    assessments = connection.execute(
        "SELECT a.id, a.status, a.updated_at, r.locale, c.name AS city FROM assessments AS a"
        " JOIN respondents AS r ON r.user_id = a.respondent_id"
        " LEFT JOIN cities AS c ON c.id = a.city_id"
        f" WHERE {version_filter} ORDER BY a.id",
        parameters,
    ).fetchall()

    history: dict[int, list[StoredAnswer]] = defaultdict(list)
    for row in connection.execute(
        "SELECT h.assessment_id, h.question_id, h.value, h.answered_at"
        " FROM answer_history AS h JOIN assessments AS a ON a.id = h.assessment_id"
        f" WHERE {version_filter} ORDER BY h.assessment_id, h.id",
        parameters,
    ):
        history[row["assessment_id"]].append(
            StoredAnswer(
                question_id=row["question_id"],
                value=json.loads(row["value"]),
                answered_at=parse_timestamp(row["answered_at"]),
            )
        )

    events: dict[int, list[QuestionEvent]] = defaultdict(list)
    for row in connection.execute(
        "SELECT e.assessment_id, e.question_id, e.kind, e.occurred_at, e.locale, e.remark"
        " FROM question_events AS e JOIN assessments AS a ON a.id = e.assessment_id"
        f" WHERE {version_filter} ORDER BY e.assessment_id, e.id",
        parameters,
    ):
        events[row["assessment_id"]].append(_to_event(row))

    return [
        AssessmentActivity(
            assessment_id=row["id"],
            status=AssessmentStatus(row["status"]),
            updated_at=parse_timestamp(row["updated_at"]),
            respondent_locale=row["locale"],
            history=tuple(history[row["id"]]),
            events=tuple(events[row["id"]]),
            city=row["city"],
        )
        for row in assessments
    ]


def _to_event(row: sqlite3.Row) -> QuestionEvent:
    return QuestionEvent(
        question_id=row["question_id"],
        kind=QuestionEventKind(row["kind"]),
        occurred_at=parse_timestamp(row["occurred_at"]),
        locale=row["locale"],
        remark=row["remark"],
    )
