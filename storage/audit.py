"""The audit log: who did what to which subject, and when.

`details` is a JSON object with ids and counts. Callers must keep invitation
tokens and answer text out of it.
"""

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .connection import execute, fetch_all
from .timestamps import format_timestamp, parse_timestamp


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One logged action. `actor` is None for the bot's own actions."""

    id: int
    actor: int | None
    action: str
    subject: str | None
    details: dict[str, Any]
    at: datetime


def record(
    connection: sqlite3.Connection,
    actor: int | None,
    action: str,
    subject: str | None,
    details: dict[str, Any],
    now: datetime,
) -> None:
    execute(
        connection,
        "INSERT INTO audit_log (actor, action, subject, details, at) VALUES (?, ?, ?, ?, ?)",
        (actor, action, subject, json.dumps(details, sort_keys=True), format_timestamp(now)),
    )


def recent(connection: sqlite3.Connection, limit: int) -> list[AuditEntry]:
    """Return the latest entries, newest first."""
    rows = fetch_all(
        connection,
        "SELECT id, actor, action, subject, details, at FROM audit_log ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [
        AuditEntry(
            id=row["id"],
            actor=row["actor"],
            action=row["action"],
            subject=row["subject"],
            details=json.loads(row["details"]),
            at=parse_timestamp(row["at"]),
        )
        for row in rows
    ]
