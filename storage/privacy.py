"""Erasing a respondent's personal identifiers while the city's answers stay."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from . import audit
from .connection import execute, fetch_one
from .timestamps import format_timestamp


def erase_respondent(
    connection: sqlite3.Connection, user_id: int, actor: int, now: datetime
) -> int | None:
    """Replace a respondent's Telegram ids by a pseudonym; return it, or None if unknown.

    The Telegram user id and chat id are the only personal identifiers stored
    (names are never stored). The respondent's assessments, answers and
    invitations move to a new respondent row whose id is negative, so it can
    never be a Telegram user id, and which is marked unreachable so that no
    reminder is ever sent to it.
    """
    row = fetch_one(
        connection, "SELECT locale, created_at FROM respondents WHERE user_id = ?", (user_id,)
    )
    if row is None:
        return None
    lowest = fetch_one(connection, "SELECT MIN(user_id) FROM respondents")
    pseudonym = min(-1, (lowest[0] or 0) - 1)

    execute(
        connection,
        "INSERT INTO respondents (user_id, chat_id, locale, created_at, unreachable_at) "
        "VALUES (?, 0, ?, ?, ?)",
        (pseudonym, row[0], row[1], format_timestamp(now)),
    )
    for statement in (
        "UPDATE assessments SET respondent_id = ? WHERE respondent_id = ?",
        "UPDATE invitations SET used_by = ? WHERE used_by = ?",
    ):
        execute(connection, statement, (pseudonym, user_id))
    execute(connection, "DELETE FROM city_drafts WHERE user_id = ?", (user_id,))
    execute(connection, "DELETE FROM respondents WHERE user_id = ?", (user_id,))
    audit.record(connection, actor, "respondent_erased", f"respondent:{pseudonym}", {}, now)
    return pseudonym
