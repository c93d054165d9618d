"""The versioned schema and the migrations that build it.

PRAGMA user_version stores the schema version of a file: 0 for a new file, N once
`MIGRATIONS[N - 1]` has been applied. Each migration runs in its own transaction
together with the version bump, so a failing migration leaves the file at the
previous version with its data intact. Append new migrations and never edit
released ones, because files in use have already applied them.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from .connection import Session, execute, fetch_one
from .errors import SchemaTooNew

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    """One schema step, which moves user_version from `version - 1` to `version`.

    NOTE: PRAGMA foreign_keys is a no-op inside a transaction, so migrations run with
    foreign keys on. Dropping a referenced table then deletes its rows first, which
    cascades to answers, history and drafts. A migration that rebuilds such a table
    needs `migrate` extended to switch foreign keys off around it.
    """

    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        name="create respondents, assessments, answers and drafts",
        statements=(
            """
            CREATE TABLE questionnaire_snapshots (
                questionnaire_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                content TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                pinned_at TEXT NOT NULL,
                PRIMARY KEY (questionnaire_id, version)
            )
            """,
            """
            CREATE TABLE respondents (
                user_id INTEGER PRIMARY KEY,
                chat_id INTEGER NOT NULL,
                locale TEXT,
                created_at TEXT NOT NULL
            )
            """,
            # AUTOINCREMENT keeps ids of deleted assessments from being reused, because
            # ids travel in callback data of keyboards that may still be on screen.
            """
            CREATE TABLE assessments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                respondent_id INTEGER NOT NULL REFERENCES respondents (user_id),
                questionnaire_id TEXT NOT NULL,
                questionnaire_version INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
                editing_question_id TEXT,
                question_message_id INTEGER,
                started_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                submitted_at TEXT,
                FOREIGN KEY (questionnaire_id, questionnaire_version)
                    REFERENCES questionnaire_snapshots (questionnaire_id, version),
                CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
            )
            """,
            # Lets latest_assessment read a respondent's newest started_at without sorting.
            """
            CREATE INDEX assessments_by_respondent
                ON assessments (respondent_id, started_at, id)
            """,
            # The primary key lets answers() read one assessment's rows without a scan.
            """
            CREATE TABLE answers (
                assessment_id INTEGER NOT NULL
                    REFERENCES assessments (id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                value TEXT NOT NULL,
                answered_at TEXT NOT NULL,
                PRIMARY KEY (assessment_id, question_id)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE answer_history (
                id INTEGER PRIMARY KEY,
                assessment_id INTEGER NOT NULL
                    REFERENCES assessments (id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                value TEXT NOT NULL,
                answered_at TEXT NOT NULL
            )
            """,
            """
            CREATE INDEX answer_history_by_assessment
                ON answer_history (assessment_id, id)
            """,
            """
            CREATE TABLE drafts (
                assessment_id INTEGER NOT NULL
                    REFERENCES assessments (id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (assessment_id, question_id)
            ) WITHOUT ROWID
            """,
        ),
    ),
)


async def schema_version(session: Session) -> int:
    async with session.reading("read schema version") as connection:
        return await _read_user_version(connection)


async def migrate(session: Session, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the migrations that the file lacks, in order, and return the final version.

    Raises SchemaTooNew, leaving the file untouched, when the file's version is
    higher than the last migration. Raises StorageError when a migration fails.
    That migration is rolled back and the earlier ones stay applied.
    """
    _check_numbering(migrations)
    latest = len(migrations)

    current = await schema_version(session)
    if current > latest:
        raise SchemaTooNew(
            f"database {session.path} has schema version {current}, but this code "
            f"supports versions up to {latest}. Run a newer release of the bot "
            "or open another database file."
        )

    for migration in migrations[current:]:
        await _apply(session, migration)
    return latest


async def _apply(session: Session, migration: Migration) -> None:
    operation = f"migration to schema version {migration.version} ({migration.name})"
    async with session.transaction(operation) as connection:
        # Another process may have applied it since the version was read.
        already_applied = await _read_user_version(connection) >= migration.version
        if not already_applied:
            for statement in migration.statements:
                await execute(connection, statement)
            await execute(connection, f"PRAGMA user_version = {int(migration.version)}")

    if already_applied:
        return
    logger.info("applied migration %d (%s) to %s", migration.version, migration.name, session.path)


async def _read_user_version(connection: aiosqlite.Connection) -> int:
    row = await fetch_one(connection, "PRAGMA user_version")
    return int(row[0]) if row is not None else 0


def _check_numbering(migrations: Sequence[Migration]) -> None:
    versions = [migration.version for migration in migrations]
    expected = list(range(1, len(migrations) + 1))
    if versions != expected:
        raise ValueError(f"migrations must be numbered {expected} in order, got {versions}")
