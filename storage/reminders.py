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

import aiosqlite

from . import assessments, invitations
from .connection import execute, fetch_all
from .errors import StorageError
from .invitations import Invitation
from .models import Assessment
from .timestamps import format_timestamp, parse_optional_timestamp, parse_timestamp

logger = logging.getLogger(__name__)


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


async def participants(
    connection: aiosqlite.Connection, city_ids: list[int] | None = None
) -> list[Participant]:
    """Return the participants of the given cities, or of all cities, oldest first."""
    found = [
        invitation
        for invitation in await invitations.redeemed(connection)
        if city_ids is None or invitation.city_id in city_ids
    ]
    if not found:
        return []
    reminders = await _reminders_by_invitation(connection, [i.id for i in found])
    respondents = await _respondent_contacts(connection, [i.used_by for i in found if i.used_by])

    result = []
    for invitation in found:
        chat_id, locale, unreachable_at = respondents[invitation.used_by]
        assessment = None
        if invitation.assessment_id is not None:
            assessment = await assessments.get(connection, invitation.assessment_id)
        result.append(
            Participant(
                invitation=invitation,
                chat_id=chat_id,
                locale=locale,
                unreachable_at=unreachable_at,
                assessment=assessment,
                reminders=tuple(reminders.get(invitation.id, ())),
            )
        )
    return result


async def claim(
    connection: aiosqlite.Connection,
    invitation_id: int,
    kind: ReminderKind,
    sent_by: int | None,
    now: datetime,
) -> int:
    """Insert a reminder about to be sent and return its id."""
    async with connection.execute(
        "INSERT INTO reminders (invitation_id, kind, sent_by, claimed_at, outcome)"
        " VALUES (?, ?, ?, ?, ?)",
        (invitation_id, kind.value, sent_by, format_timestamp(now), ReminderOutcome.SENDING),
    ) as cursor:
        reminder_id = cursor.lastrowid
    if reminder_id is None:
        raise StorageError(f"Internal error: no id for the reminder of invitation {invitation_id}")
    return reminder_id


async def finish(
    connection: aiosqlite.Connection, reminder_id: int, outcome: ReminderOutcome, now: datetime
) -> None:
    await execute(
        connection,
        "UPDATE reminders SET outcome = ?, finished_at = ? WHERE id = ?",
        (outcome.value, format_timestamp(now), reminder_id),
    )


async def mark_unreachable(connection: aiosqlite.Connection, user_id: int, now: datetime) -> bool:
    """Mark the respondent unreachable; return False if it was marked already."""
    changed = await execute(
        connection,
        "UPDATE respondents SET unreachable_at = ? WHERE user_id = ? AND unreachable_at IS NULL",
        (format_timestamp(now), user_id),
    )
    if changed:
        logger.info("respondent %d marked unreachable", user_id)
    return changed > 0


async def clear_unreachable(connection: aiosqlite.Connection, user_id: int) -> bool:
    """Mark the respondent reachable again; return False if it was not marked."""
    changed = await execute(
        connection,
        "UPDATE respondents SET unreachable_at = NULL"
        " WHERE user_id = ? AND unreachable_at IS NOT NULL",
        (user_id,),
    )
    if changed:
        logger.info("respondent %d reachable again", user_id)
    return changed > 0


async def _reminders_by_invitation(
    connection: aiosqlite.Connection, invitation_ids: list[int]
) -> dict[int, list[Reminder]]:
    marks = ", ".join("?" for _ in invitation_ids)
    rows = await fetch_all(
        connection,
        "SELECT id, invitation_id, kind, sent_by, claimed_at, outcome, finished_at"
        f" FROM reminders WHERE invitation_id IN ({marks}) ORDER BY id",
        invitation_ids,
    )
    found: dict[int, list[Reminder]] = defaultdict(list)
    for row in rows:
        found[row["invitation_id"]].append(_to_reminder(row))
    return found


async def _respondent_contacts(
    connection: aiosqlite.Connection, user_ids: list[int]
) -> dict[int, tuple[int, str | None, datetime | None]]:
    marks = ", ".join("?" for _ in user_ids)
    rows = await fetch_all(
        connection,
        "SELECT user_id, chat_id, locale, unreachable_at FROM respondents"
        f" WHERE user_id IN ({marks})",
        user_ids,
    )
    return {
        row["user_id"]: (
            row["chat_id"],
            row["locale"],
            parse_optional_timestamp(row["unreachable_at"]),
        )
        for row in rows
    }


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
