"""Assessments: one respondent's pass through one pinned questionnaire version."""

import logging
import sqlite3
from datetime import datetime

from . import invitations, respondents, snapshots
from .connection import execute, fetch_one
from .errors import AssessmentClosed, NotFound, StorageError
from .models import Assessment, AssessmentStatus
from .timestamps import format_timestamp, parse_optional_timestamp, parse_timestamp, utc_now

logger = logging.getLogger(__name__)

_COLUMNS = (
    "id, respondent_id, questionnaire_id, questionnaire_version, status, editing_question_id,"
    " question_message_id, started_at, updated_at, submitted_at"
)


def create(
    connection: sqlite3.Connection, respondent_id: int, questionnaire_id: str, version: int
) -> Assessment:
    if not respondents.exists(connection, respondent_id):
        raise NotFound(f"respondent {respondent_id} not found. Call save_respondent first.")
    if not snapshots.exists(connection, questionnaire_id, version):
        raise NotFound(
            f"questionnaire {questionnaire_id!r} version {version} is not pinned. "
            "Call pin_questionnaire first."
        )

    now = format_timestamp(utc_now())
    assessment_id = connection.execute(
        "INSERT INTO assessments (respondent_id, questionnaire_id, questionnaire_version,"
        " status, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (respondent_id, questionnaire_id, version, AssessmentStatus.IN_PROGRESS.value, now, now),
    ).lastrowid
    if assessment_id is None:
        raise StorageError(
            "Internal error: SQLite returned no id for the new assessment "
            f"of respondent {respondent_id}"
        )
    # A respondent who redeemed an invitation answers for that invitation's city.
    invitations.link_new_assessment(connection, respondent_id, assessment_id)

    assessment = get(connection, assessment_id)
    if assessment is None:
        raise StorageError(
            f"Internal error: assessment {assessment_id} is missing after its insert"
        )

    logger.info(
        "created assessment %d for respondent %d on questionnaire %s version %d",
        assessment_id,
        respondent_id,
        questionnaire_id,
        version,
    )
    return assessment


def get(connection: sqlite3.Connection, assessment_id: int) -> Assessment | None:
    row = fetch_one(
        connection, f"SELECT {_COLUMNS} FROM assessments WHERE id = ?", (assessment_id,)
    )
    return None if row is None else _to_assessment(row)


def latest(connection: sqlite3.Connection, respondent_id: int) -> Assessment | None:
    # The id breaks ties between assessments started in the same microsecond.
    row = fetch_one(
        connection,
        f"SELECT {_COLUMNS} FROM assessments WHERE respondent_id = ?"
        " ORDER BY started_at DESC, id DESC LIMIT 1",
        (respondent_id,),
    )
    return None if row is None else _to_assessment(row)


def latest_submitted(connection: sqlite3.Connection, respondent_id: int) -> Assessment | None:
    row = fetch_one(
        connection,
        f"SELECT {_COLUMNS} FROM assessments WHERE respondent_id = ? AND status = ?"
        " ORDER BY submitted_at DESC, id DESC LIMIT 1",
        (respondent_id, AssessmentStatus.SUBMITTED.value),
    )
    return None if row is None else _to_assessment(row)


def status(connection: sqlite3.Connection, assessment_id: int) -> AssessmentStatus:
    """Return the status, or raise NotFound for an unknown id."""
    row = fetch_one(connection, "SELECT status FROM assessments WHERE id = ?", (assessment_id,))
    if row is None:
        raise NotFound(f"assessment {assessment_id} not found")
    return AssessmentStatus(row["status"])


def require_in_progress(connection: sqlite3.Connection, assessment_id: int, action: str) -> None:
    """Raise NotFound or AssessmentClosed unless the assessment is in progress.

    `action` completes the message "assessment N is submitted, so it cannot ...".
    """
    if status(connection, assessment_id) is AssessmentStatus.SUBMITTED:
        raise _closed_error(assessment_id, action)


def touch(connection: sqlite3.Connection, assessment_id: int, moment: datetime) -> None:
    execute(
        connection,
        "UPDATE assessments SET updated_at = ? WHERE id = ?",
        (format_timestamp(moment), assessment_id),
    )


def set_editing(
    connection: sqlite3.Connection, assessment_id: int, question_id: str | None
) -> None:
    current_status = status(connection, assessment_id)
    if current_status is AssessmentStatus.SUBMITTED and question_id is None:
        return  # submit() cleared editing_question_id already
    if current_status is AssessmentStatus.SUBMITTED:
        raise _closed_error(assessment_id, f"edit question {question_id!r}")

    execute(
        connection,
        "UPDATE assessments SET editing_question_id = ?, updated_at = ? WHERE id = ?",
        (question_id, format_timestamp(utc_now()), assessment_id),
    )


def clear_editing(connection: sqlite3.Connection, assessment_id: int, moment: datetime) -> None:
    execute(
        connection,
        "UPDATE assessments SET editing_question_id = NULL, updated_at = ? WHERE id = ?",
        (format_timestamp(moment), assessment_id),
    )


def set_question_message(
    connection: sqlite3.Connection, assessment_id: int, message_id: int | None
) -> None:
    changed = execute(
        connection,
        "UPDATE assessments SET question_message_id = ? WHERE id = ?",
        (message_id, assessment_id),
    )
    if changed == 0:
        raise NotFound(f"assessment {assessment_id} not found")


def submit(connection: sqlite3.Connection, assessment_id: int) -> bool:
    """Mark the assessment submitted and return False if it was submitted already."""
    if status(connection, assessment_id) is AssessmentStatus.SUBMITTED:
        return False

    now = format_timestamp(utc_now())
    execute(
        connection,
        "UPDATE assessments SET status = ?, submitted_at = ?, updated_at = ?,"
        " editing_question_id = NULL WHERE id = ?",
        (AssessmentStatus.SUBMITTED.value, now, now, assessment_id),
    )
    logger.info("submitted assessment %d", assessment_id)
    return True


def _closed_error(assessment_id: int, action: str) -> AssessmentClosed:
    return AssessmentClosed(
        f"assessment {assessment_id} is submitted, so it cannot {action}. "
        "Start a new assessment to change answers."
    )


def _to_assessment(row: sqlite3.Row) -> Assessment:
    return Assessment(
        id=row["id"],
        respondent_id=row["respondent_id"],
        questionnaire_id=row["questionnaire_id"],
        questionnaire_version=row["questionnaire_version"],
        status=AssessmentStatus(row["status"]),
        editing_question_id=row["editing_question_id"],
        question_message_id=row["question_message_id"],
        started_at=parse_timestamp(row["started_at"]),
        updated_at=parse_timestamp(row["updated_at"]),
        submitted_at=parse_optional_timestamp(row["submitted_at"]),
    )
