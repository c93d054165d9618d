"""Reminders to respondents, and whether a respondent can still be reached.

A participant is a respondent who redeemed an invitation of a city. Every
reminder is claimed (inserted with outcome 'sending') before it is sent and
finished afterwards, so the log alone shows which reminders went out, even
across a restart in the middle of a batch.
"""

import logging
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from . import invitations
from .connection import execute, fetch_all
from .errors import StorageError
from .invitations import Invitation
from .models import Assessment, AssessmentStatus
from .timestamps import format_timestamp, parse_optional_timestamp, parse_timestamp

logger = logging.getLogger(__name__)

_ASSESSMENT_FIELDS = (
    "id",
    "respondent_id",
    "questionnaire_id",
    "questionnaire_version",
    "status",
    "editing_question_id",
    "question_message_id",
    "started_at",
    "updated_at",
    "submitted_at",
)
_PARTICIPANT_COLUMNS = ", ".join(
    [
        invitations.COLUMNS_OF_I,
        "r.chat_id, r.locale, r.unreachable_at",
        *(f"a.{field} AS a_{field}" for field in _ASSESSMENT_FIELDS),
    ]
)


class ReminderKind(StrEnum):
    AUTOMATIC = "automatic"
    MANUAL = "manual"


class ReminderOutcome(StrEnum):
    SENDING = "sending"
    SENT = "sent"
    UNREACHABLE = "unreachable"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    invitation_id: int
    kind: ReminderKind
    sent_by: int | None
    claimed_at: datetime
    outcome: ReminderOutcome
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class Participant:
    """A respondent of a city: the redeemed invitation, the chat and the assessment, if opened."""

    invitation: Invitation
    chat_id: int
    locale: str | None
    unreachable_at: datetime | None
    assessment: Assessment | None
    reminders: tuple[Reminder, ...]

    @property
    def respondent_id(self) -> int:
        # Participants are built from redeemed invitations only, so used_by is set.
        return self.invitation.used_by or 0

    @property
    def last_activity(self) -> datetime:
        """The assessment's last change, or the redemption while no assessment exists."""
        if self.assessment is not None:
            return self.assessment.updated_at
        return self.invitation.used_at or self.invitation.created_at


def participants(
    connection: sqlite3.Connection,
    city_ids: list[int] | None = None,
    *,
    unfinished_only: bool = False,
) -> list[Participant]:
    """Return the participants of the given cities, or of all cities, oldest first.

    With `unfinished_only`, participants whose assessment is submitted are left out.
    """
    conditions = ["i.used_by IS NOT NULL"]
    parameters: list[object] = []
    if city_ids is not None:
        conditions.append(f"i.city_id IN ({', '.join('?' for _ in city_ids)})")
        parameters += city_ids
    if unfinished_only:
        conditions.append("(a.id IS NULL OR a.status != ?)")
        parameters.append(AssessmentStatus.SUBMITTED.value)
    where = " AND ".join(conditions)

    rows = fetch_all(
        connection,
        f"SELECT {_PARTICIPANT_COLUMNS} FROM invitations i"
        " JOIN respondents r ON r.user_id = i.used_by"
        f" LEFT JOIN assessments a ON a.id = i.assessment_id WHERE {where} ORDER BY i.id",
        parameters,
    )
    reminders = _reminders_of(connection, where, parameters)
    return [
        Participant(
            invitation=invitations.from_row(row),
            chat_id=row["chat_id"],
            locale=row["locale"],
            unreachable_at=parse_optional_timestamp(row["unreachable_at"]),
            assessment=_assessment(row),
            reminders=tuple(reminders.get(row["id"], ())),
        )
        for row in rows
    ]


def claim(
    connection: sqlite3.Connection,
    invitation_id: int,
    kind: ReminderKind,
    sent_by: int | None,
    now: datetime,
) -> int:
    """Insert a reminder about to be sent and return its id."""
    reminder_id = connection.execute(
        "INSERT INTO reminders (invitation_id, kind, sent_by, claimed_at, outcome)"
        " VALUES (?, ?, ?, ?, ?)",
        (invitation_id, kind.value, sent_by, format_timestamp(now), ReminderOutcome.SENDING),
    ).lastrowid
    if reminder_id is None:
        raise StorageError(f"Internal error: no id for the reminder of invitation {invitation_id}")
    return reminder_id


def finish(
    connection: sqlite3.Connection, reminder_id: int, outcome: ReminderOutcome, now: datetime
) -> None:
    execute(
        connection,
        "UPDATE reminders SET outcome = ?, finished_at = ? WHERE id = ?",
        (outcome.value, format_timestamp(now), reminder_id),
    )


def mark_unreachable(connection: sqlite3.Connection, user_id: int, now: datetime) -> bool:
    """Mark the respondent unreachable; return False if it was marked already."""
    changed = execute(
        connection,
        "UPDATE respondents SET unreachable_at = ? WHERE user_id = ? AND unreachable_at IS NULL",
        (format_timestamp(now), user_id),
    )
    if changed:
        logger.info("respondent %d marked unreachable", user_id)
    return changed > 0


def clear_unreachable(connection: sqlite3.Connection, user_id: int) -> bool:
    """Mark the respondent reachable again; return False if it was not marked."""
    changed = execute(
        connection,
        "UPDATE respondents SET unreachable_at = NULL"
        " WHERE user_id = ? AND unreachable_at IS NOT NULL",
        (user_id,),
    )
    if changed:
        logger.info("respondent %d reachable again", user_id)
    return changed > 0


def _reminders_of(
    connection: sqlite3.Connection, where: str, parameters: list[object]
) -> dict[int, list[Reminder]]:
    """Return the reminders of the participants that `where` selects, by invitation id."""
    rows = fetch_all(
        connection,
        "SELECT m.id, m.invitation_id, m.kind, m.sent_by, m.claimed_at, m.outcome,"
        " m.finished_at FROM reminders m JOIN invitations i ON i.id = m.invitation_id"
        f" LEFT JOIN assessments a ON a.id = i.assessment_id WHERE {where} ORDER BY m.id",
        parameters,
    )
    found: dict[int, list[Reminder]] = defaultdict(list)
    for row in rows:
        found[row["invitation_id"]].append(_to_reminder(row))
    return found


def _assessment(row: sqlite3.Row) -> Assessment | None:
    if row["a_id"] is None:
        return None
    return Assessment(
        id=row["a_id"],
        respondent_id=row["a_respondent_id"],
        questionnaire_id=row["a_questionnaire_id"],
        questionnaire_version=row["a_questionnaire_version"],
        status=AssessmentStatus(row["a_status"]),
        editing_question_id=row["a_editing_question_id"],
        question_message_id=row["a_question_message_id"],
        started_at=parse_timestamp(row["a_started_at"]),
        updated_at=parse_timestamp(row["a_updated_at"]),
        submitted_at=parse_optional_timestamp(row["a_submitted_at"]),
    )


def _to_reminder(row: sqlite3.Row) -> Reminder:
    return Reminder(
        id=row["id"],
        invitation_id=row["invitation_id"],
        kind=ReminderKind(row["kind"]),
        sent_by=row["sent_by"],
        claimed_at=parse_timestamp(row["claimed_at"]),
        outcome=ReminderOutcome(row["outcome"]),
        finished_at=parse_optional_timestamp(row["finished_at"]),
    )
