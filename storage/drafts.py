"""Drafts: choices selected on a multiple choice or ranking question before "Done"."""

import json
import logging

import aiosqlite

from . import assessments
from .connection import execute, fetch_one, run_statement
from .timestamps import format_timestamp, utc_now

logger = logging.getLogger(__name__)


async def get(
    connection: aiosqlite.Connection, assessment_id: int, question_id: str
) -> list[str] | None:
    row = await fetch_one(
        connection,
        "SELECT value FROM drafts WHERE assessment_id = ? AND question_id = ?",
        (assessment_id, question_id),
    )
    if row is None:
        return None
    value: list[str] = json.loads(row["value"])
    return value


async def save(
    connection: aiosqlite.Connection, assessment_id: int, question_id: str, value: list[str]
) -> None:
    _check_value(question_id, value)
    await assessments.require_in_progress(
        connection, assessment_id, f"save a draft of question {question_id!r}"
    )

    now = utc_now()
    await run_statement(
        connection,
        "INSERT INTO drafts (assessment_id, question_id, value, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (assessment_id, question_id)"
        " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (assessment_id, question_id, json.dumps(value, ensure_ascii=False), format_timestamp(now)),
    )
    await assessments.touch(connection, assessment_id, now)
    logger.debug("saved draft of question %s in assessment %d", question_id, assessment_id)


async def delete(connection: aiosqlite.Connection, assessment_id: int, question_id: str) -> bool:
    """Delete the draft of one question and return whether there was one."""
    deleted = await execute(
        connection,
        "DELETE FROM drafts WHERE assessment_id = ? AND question_id = ?",
        (assessment_id, question_id),
    )
    return deleted > 0


async def delete_all(connection: aiosqlite.Connection, assessment_id: int) -> None:
    await execute(connection, "DELETE FROM drafts WHERE assessment_id = ?", (assessment_id,))


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
