"""Drafts: choices selected on a multiple choice or ranking question before "Done"."""

import json
import logging
import sqlite3

from . import assessments
from .connection import execute, fetch_all, fetch_one
from .timestamps import format_timestamp, utc_now

logger = logging.getLogger(__name__)


def get(connection: sqlite3.Connection, assessment_id: int, question_id: str) -> list[str] | None:
    row = fetch_one(
        connection,
        "SELECT value FROM drafts WHERE assessment_id = ? AND question_id = ?",
        (assessment_id, question_id),
    )
    if row is None:
        return None
    value: list[str] = json.loads(row["value"])
    return value


def of_assessment(connection: sqlite3.Connection, assessment_id: int) -> dict[str, list[str]]:
    """Return the assessment's drafts by question id."""
    rows = fetch_all(
        connection,
        "SELECT question_id, value FROM drafts WHERE assessment_id = ?",
        (assessment_id,),
    )
    return {row["question_id"]: json.loads(row["value"]) for row in rows}


def save(
    connection: sqlite3.Connection, assessment_id: int, question_id: str, value: list[str]
) -> None:
    _check_value(question_id, value)
    assessments.require_in_progress(
        connection, assessment_id, f"save a draft of question {question_id!r}"
    )

    now = utc_now()
    execute(
        connection,
        "INSERT INTO drafts (assessment_id, question_id, value, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (assessment_id, question_id)"
        " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (assessment_id, question_id, json.dumps(value, ensure_ascii=False), format_timestamp(now)),
    )
    assessments.touch(connection, assessment_id, now)
    logger.debug("saved draft of question %s in assessment %d", question_id, assessment_id)


def delete(connection: sqlite3.Connection, assessment_id: int, question_id: str) -> bool:
    """Delete the draft of one question and return whether there was one."""
    deleted = execute(
        connection,
        "DELETE FROM drafts WHERE assessment_id = ? AND question_id = ?",
        (assessment_id, question_id),
    )
    return deleted > 0


def delete_all(connection: sqlite3.Connection, assessment_id: int) -> None:
    execute(connection, "DELETE FROM drafts WHERE assessment_id = ?", (assessment_id,))


def _check_value(question_id: str, value: list[str]) -> None:
    # The messages name types only, because draft values are answers and stay out of logs.
    if not isinstance(value, list):
        raise TypeError(
            f"draft of question {question_id!r} must be a list of choice ids, "
            f"got {type(value).__name__}"
        )
    for item in value:
        if not isinstance(item, str):
            raise TypeError(
                f"draft of question {question_id!r} must contain only strings, "
                f"got {type(item).__name__}"
            )
