"""Question events, and the activity of a questionnaire version's assessments that they feed."""

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from .connection import execute, fetch_all
from .errors import StorageError
from .models import (
    AnswerValue,
    AssessmentActivity,
    AssessmentStatus,
    QuestionEvent,
    QuestionEventKind,
    StoredAnswer,
)
from .timestamps import format_timestamp, parse_timestamp, utc_now


def record(
    connection: sqlite3.Connection,
    assessment_id: int,
    question_id: str,
    kind: QuestionEventKind,
    locale: str,
    remark: str | None,
) -> None:
    if remark is not None and kind != QuestionEventKind.FLAGGED:
        raise ValueError(f"only a flag carries a remark, got one on a {kind} event")
    execute(
        connection,
        "INSERT INTO question_events"
        " (assessment_id, question_id, kind, occurred_at, locale, remark)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (assessment_id, question_id, str(kind), format_timestamp(utc_now()), locale, remark),
    )


def record_or_skip(
    connection: sqlite3.Connection,
    assessment_id: int,
    question_id: str,
    kind: QuestionEventKind,
    locale: str,
) -> sqlite3.Error | None:
    """Record the event inside a savepoint, undoing only it on failure.

    Returns the error, or None once recorded. The caller's transaction goes on
    either way, because a missed event costs the statistics one event and must
    not undo the write it accompanies.
    """
    execute(connection, "SAVEPOINT question_event")
    try:
        record(connection, assessment_id, question_id, kind, locale, None)
    except sqlite3.Error as error:
        execute(connection, "ROLLBACK TO question_event")
        return error
    finally:
        execute(connection, "RELEASE question_event")
    return None


def for_assessment(connection: sqlite3.Connection, assessment_id: int) -> list[QuestionEvent]:
    # Row ids grow with every insert, so they order events even within one microsecond.
    rows = fetch_all(
        connection,
        "SELECT question_id, kind, occurred_at, locale, remark FROM question_events"
        " WHERE assessment_id = ? ORDER BY id",
        (assessment_id,),
    )
    return [_to_event(row) for row in rows]


def read_activity(path: Path, questionnaire_id: str, version: int) -> list[AssessmentActivity]:
    """Read every assessment of the questionnaire version with its history and events.

    NOTE: This keeps all of the version's answers and events in memory at once,
    roughly a hundred rows per assessment. `stream_activity` keeps one
    assessment's.
    """
    return list(stream_activity(path, questionnaire_id, version))


def stream_activity(
    path: Path, questionnaire_id: str, version: int
) -> Iterator[AssessmentActivity]:
    """Yield every assessment of the questionnaire version, by id, with its history and events.

    This opens a read-only connection of its own and reads one snapshot in one
    transaction. WAL mode lets it read while the bot writes, so a worker thread
    can run it without holding up the interviews on the bot's connection. The
    three tables are read side by side in assessment order, so only the rows of
    the assessment being yielded are in memory. The connection closes when the
    iteration ends or the generator is closed.
    """
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StorageError(f"failed to open database {path} for reading: {error}") from error
    try:
        connection.execute("BEGIN")
        yield from _stream_activity(connection, (questionnaire_id, version))
    except sqlite3.Error as error:
        raise StorageError(f"reading question activity failed on {path}: {error}") from error
    finally:
        connection.close()


_VERSION_FILTER = "a.questionnaire_id = ? AND a.questionnaire_version = ?"

_ASSESSMENTS = (
    "SELECT a.id, a.status, a.updated_at, r.locale, c.name FROM assessments AS a"
    " JOIN respondents AS r ON r.user_id = a.respondent_id"
    " LEFT JOIN cities AS c ON c.id = a.city_id"
    f" WHERE {_VERSION_FILTER} ORDER BY a.id"
)

# Row ids grow with every insert, so they keep each assessment's rows in the order saved.
_HISTORY = (
    "SELECT h.assessment_id, h.question_id, h.value, h.answered_at"
    " FROM answer_history AS h JOIN assessments AS a ON a.id = h.assessment_id"
    f" WHERE {_VERSION_FILTER} ORDER BY h.assessment_id, h.id"
)

_EVENTS = (
    "SELECT e.assessment_id, e.question_id, e.kind, e.occurred_at, e.locale, e.remark"
    " FROM question_events AS e JOIN assessments AS a ON a.id = e.assessment_id"
    f" WHERE {_VERSION_FILTER} ORDER BY e.assessment_id, e.id"
)

_KINDS = {str(kind): kind for kind in QuestionEventKind}
# The default for next() on a finished groupby: no assessment id, no rows.
_END: tuple[None, Iterator[tuple]] = (None, iter(()))


def _stream_activity(
    connection: sqlite3.Connection, parameters: tuple[str, int]
) -> Iterator[AssessmentActivity]:
    # Three cursors on one connection step through one snapshot side by side.
    # History and events of assessments that the first query leaves out (those
    # without a respondent row) are skipped.
    history_groups = groupby(connection.execute(_HISTORY, parameters), key=itemgetter(0))
    event_groups = groupby(connection.execute(_EVENTS, parameters), key=itemgetter(0))
    history_id, history_rows = next(history_groups, _END)
    events_id, event_rows = next(event_groups, _END)

    for assessment_id, status, updated_at, locale, city in connection.execute(
        _ASSESSMENTS, parameters
    ):
        while history_id is not None and history_id < assessment_id:
            history_id, history_rows = next(history_groups, _END)
        history = ()
        if history_id == assessment_id:
            history = tuple(
                [
                    StoredAnswer(question_id, _decode(value), _parse_utc(answered_at))
                    for _, question_id, value, answered_at in history_rows
                ]
            )

        while events_id is not None and events_id < assessment_id:
            events_id, event_rows = next(event_groups, _END)
        events = ()
        if events_id == assessment_id:
            events = tuple(
                [
                    QuestionEvent(question_id, _KINDS[kind], _parse_utc(at), event_locale, remark)
                    for _, question_id, kind, at, event_locale, remark in event_rows
                ]
            )

        yield AssessmentActivity(
            assessment_id=assessment_id,
            status=AssessmentStatus(status),
            updated_at=_parse_utc(updated_at),
            respondent_locale=locale,
            history=history,
            events=events,
            city=city,
        )


def _parse_utc(text: str) -> datetime:
    """Return `parse_timestamp(text)`, without its conversion when the text is in UTC already."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def _decode(text: str) -> AnswerValue:
    """Return `json.loads(text)`, skipping the parser for plain integers and strings.

    Values are written by `answers.encode_value` through `json.dumps`, which
    writes integers without leading zeros and escapes every quote and control
    character with a backslash, so a string without one contains its text as is.
    """
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"' and "\\" not in text:
        return text[1:-1]
    return json.loads(text)


def _to_event(row: sqlite3.Row) -> QuestionEvent:
    return QuestionEvent(
        question_id=row["question_id"],
        kind=QuestionEventKind(row["kind"]),
        occurred_at=parse_timestamp(row["occurred_at"]),
        locale=row["locale"],
        remark=row["remark"],
    )
