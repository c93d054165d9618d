"""Respondents, keyed by Telegram user id."""

import logging
import sqlite3

from .connection import execute, fetch_one
from .errors import NotFound, StorageError
from .models import Respondent
from .timestamps import format_timestamp, parse_timestamp, utc_now

logger = logging.getLogger(__name__)


def save(connection: sqlite3.Connection, user_id: int, chat_id: int) -> Respondent:
    execute(
        connection,
        "INSERT INTO respondents (user_id, chat_id, locale, created_at) VALUES (?, ?, NULL, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id",
        (user_id, chat_id, format_timestamp(utc_now())),
    )
    respondent = get(connection, user_id)
    if respondent is None:
        raise StorageError(f"Internal error: respondent {user_id} is missing after its upsert")
    logger.debug("saved respondent %d with chat %d", user_id, chat_id)
    return respondent


def get(connection: sqlite3.Connection, user_id: int) -> Respondent | None:
    row = fetch_one(
        connection,
        "SELECT user_id, chat_id, locale, created_at FROM respondents WHERE user_id = ?",
        (user_id,),
    )
    return None if row is None else _to_respondent(row)


def exists(connection: sqlite3.Connection, user_id: int) -> bool:
    row = fetch_one(connection, "SELECT 1 FROM respondents WHERE user_id = ?", (user_id,))
    return row is not None


def set_locale(connection: sqlite3.Connection, user_id: int, locale: str) -> None:
    changed = execute(
        connection, "UPDATE respondents SET locale = ? WHERE user_id = ?", (locale, user_id)
    )
    if changed == 0:
        raise NotFound(f"respondent {user_id} not found. Call save_respondent first.")


def _to_respondent(row: sqlite3.Row) -> Respondent:
    return Respondent(
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        locale=row["locale"],
        created_at=parse_timestamp(row["created_at"]),
    )
