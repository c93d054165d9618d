"""Interviewers: the users an admin allowed to run cities, invitations, reminders and exports.

Admins come from the configuration, not from this table.
"""

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .connection import execute, fetch_all, fetch_one
from .timestamps import format_timestamp, parse_timestamp

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Interviewer:
    user_id: int
    added_by: int
    added_at: datetime


def add(connection: sqlite3.Connection, user_id: int, added_by: int, now: datetime) -> bool:
    """Add the interviewer; return False, changing nothing, if the user is one already."""
    changed = execute(
        connection,
        "INSERT INTO interviewers (user_id, added_by, added_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO NOTHING",
        (user_id, added_by, format_timestamp(now)),
    )
    if changed:
        logger.info("user %d added as interviewer by user %d", user_id, added_by)
    return changed > 0


def remove(connection: sqlite3.Connection, user_id: int) -> bool:
    changed = execute(connection, "DELETE FROM interviewers WHERE user_id = ?", (user_id,))
    if changed:
        logger.info("user %d removed as interviewer", user_id)
    return changed > 0


def exists(connection: sqlite3.Connection, user_id: int) -> bool:
    row = fetch_one(connection, "SELECT 1 FROM interviewers WHERE user_id = ?", (user_id,))
    return row is not None


def all_interviewers(connection: sqlite3.Connection) -> list[Interviewer]:
    rows = fetch_all(
        connection, "SELECT user_id, added_by, added_at FROM interviewers ORDER BY added_at"
    )
    return [
        Interviewer(row["user_id"], row["added_by"], parse_timestamp(row["added_at"]))
        for row in rows
    ]
