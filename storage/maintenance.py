"""Integrity check at start and online backups."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

from .connection import execute, fetch_all
from .errors import DatabaseCorrupt, StorageError
from .session import Session

logger = logging.getLogger(__name__)


def check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    """Raise DatabaseCorrupt unless SQLite's quick_check finds the file sound.

    quick_check verifies the b-trees and page structure without comparing
    indexes to their tables, so it stays fast on large files.
    """
    try:
        rows = fetch_all(connection, "PRAGMA quick_check")
    except sqlite3.DatabaseError as error:
        # A badly damaged file fails the check itself ("database disk image is malformed").
        rows = [(str(error),)]
    problems = [row[0] for row in rows if row[0] != "ok"]
    if problems:
        listed = "; ".join(problems[:5])
        raise DatabaseCorrupt(
            f"database {path} failed its integrity check ({listed}). Restore the latest "
            "backup (see the README) before starting the bot."
        )


async def back_up(session: Session, target: Path) -> None:
    """Write a consistent, compacted copy of the database to `target`, which must not exist."""
    partial = await asyncio.to_thread(_prepare_target, target)
    # VACUUM INTO reads one snapshot of the database, so writers that commit while
    # it runs do not tear the copy (SQLite 3.27 or later).
    await session.read("backup", execute, "VACUUM INTO ?", (str(partial),))
    await asyncio.to_thread(partial.rename, target)
    logger.info("backup written to %s", target)


def _prepare_target(target: Path) -> Path:
    """Check that `target` is new, create its folder, and return the partial file's path."""
    if target.exists():
        raise StorageError(f"backup target {target} already exists: choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    return partial
