"""Questionnaire snapshots: the exact content each assessment was started with."""

import hashlib
import logging
import sqlite3

from .connection import execute, fetch_one
from .errors import QuestionnaireChanged
from .timestamps import format_timestamp, utc_now

logger = logging.getLogger(__name__)


def pin(connection: sqlite3.Connection, questionnaire_id: str, version: int, content: str) -> None:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    row = fetch_one(
        connection,
        "SELECT sha256 FROM questionnaire_snapshots WHERE questionnaire_id = ? AND version = ?",
        (questionnaire_id, version),
    )

    if row is None:
        execute(
            connection,
            "INSERT INTO questionnaire_snapshots"
            " (questionnaire_id, version, content, sha256, pinned_at) VALUES (?, ?, ?, ?, ?)",
            (questionnaire_id, version, content, digest, format_timestamp(utc_now())),
        )
        logger.info("pinned questionnaire %s version %d", questionnaire_id, version)
        return

    if row["sha256"] != digest:
        raise QuestionnaireChanged(
            f"questionnaire {questionnaire_id!r} version {version} was pinned with "
            f"sha256 {row['sha256']}, but its content now has sha256 {digest}. "
            "Give the changed questionnaire a new version number."
        )


def content(connection: sqlite3.Connection, questionnaire_id: str, version: int) -> str | None:
    row = fetch_one(
        connection,
        "SELECT content FROM questionnaire_snapshots WHERE questionnaire_id = ? AND version = ?",
        (questionnaire_id, version),
    )
    return None if row is None else str(row["content"])


def exists(connection: sqlite3.Connection, questionnaire_id: str, version: int) -> bool:
    row = fetch_one(
        connection,
        "SELECT 1 FROM questionnaire_snapshots WHERE questionnaire_id = ? AND version = ?",
        (questionnaire_id, version),
    )
    return row is not None
