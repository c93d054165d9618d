"""Answers: the current value of each question plus the history of every saved value."""

import json
import logging
import math
import sqlite3

from . import assessments, drafts
from .connection import execute, fetch_all
from .models import AnswerValue, StoredAnswer
from .timestamps import format_timestamp, parse_timestamp, utc_now

logger = logging.getLogger(__name__)


def save(
    connection: sqlite3.Connection, assessment_id: int, question_id: str, value: AnswerValue
) -> None:
    """Store the answer, append it to the history, delete its draft and clear editing.

    The caller runs this inside one transaction, so either all of these writes
    happen or none does.
    """
    encoded = encode_value(question_id, value)
    assessments.require_in_progress(
        connection, assessment_id, f"save an answer to question {question_id!r}"
    )

    now = utc_now()
    answered_at = format_timestamp(now)
    execute(
        connection,
        "INSERT INTO answers (assessment_id, question_id, value, answered_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (assessment_id, question_id)"
        " DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
        (assessment_id, question_id, encoded, answered_at),
    )
    execute(
        connection,
        "INSERT INTO answer_history (assessment_id, question_id, value, answered_at)"
        " VALUES (?, ?, ?, ?)",
        (assessment_id, question_id, encoded, answered_at),
    )
    drafts.delete(connection, assessment_id, question_id)
    assessments.clear_editing(connection, assessment_id, now)

    logger.debug("saved answer to question %s in assessment %d", question_id, assessment_id)


def current(connection: sqlite3.Connection, assessment_id: int) -> dict[str, StoredAnswer]:
    rows = fetch_all(
        connection,
        "SELECT question_id, value, answered_at FROM answers WHERE assessment_id = ?"
        " ORDER BY question_id",
        (assessment_id,),
    )
    return {row["question_id"]: _to_answer(row) for row in rows}


def current_values(connection: sqlite3.Connection, assessment_id: int) -> dict[str, AnswerValue]:
    """Return the current value of each answered question, without the answer times."""
    rows = fetch_all(
        connection,
        "SELECT question_id, value FROM answers WHERE assessment_id = ? ORDER BY question_id",
        (assessment_id,),
    )
    return {row["question_id"]: json.loads(row["value"]) for row in rows}


def history(connection: sqlite3.Connection, assessment_id: int) -> list[StoredAnswer]:
    # Row ids grow with every insert, so they order the history even within one microsecond.
    rows = fetch_all(
        connection,
        "SELECT question_id, value, answered_at FROM answer_history WHERE assessment_id = ?"
        " ORDER BY id",
        (assessment_id,),
    )
    return [_to_answer(row) for row in rows]


def encode_value(question_id: str, value: AnswerValue) -> str:
    """Encode an answer as JSON text.

    Raises TypeError or ValueError for a value outside AnswerValue. The messages
    name the type but not the value, because values are answer text.
    """
    if isinstance(value, bool):
        # bool is a subclass of int, but json would store it as true or false.
        raise TypeError(f"answer to question {question_id!r} must not be a bool")

    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"answer to question {question_id!r} must be a finite number")

    if isinstance(value, list):
        for item in value:
            if not isinstance(item, str):
                raise TypeError(
                    f"answer to question {question_id!r} must be a list of strings, "
                    f"but it contains a {type(item).__name__}"
                )
    elif value is not None and not isinstance(value, str | int | float):
        raise TypeError(
            f"answer to question {question_id!r} must be str, int, float, list[str] or None, "
            f"got {type(value).__name__}"
        )

    return json.dumps(value, ensure_ascii=False)


def _to_answer(row: sqlite3.Row) -> StoredAnswer:
    return StoredAnswer(
        question_id=row["question_id"],
        value=json.loads(row["value"]),
        answered_at=parse_timestamp(row["answered_at"]),
    )
