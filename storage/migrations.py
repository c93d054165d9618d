"""The versioned schema and the migrations that build it.

PRAGMA user_version stores the schema version of a file: 0 for a new file, N once
`MIGRATIONS[N - 1]` has been applied. Each migration runs in its own transaction
together with the version bump, so a failing migration leaves the file at the
previous version with its data intact. Append new migrations and never edit
released ones, because files in use have already applied them.
"""

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .connection import execute, fetch_one
from .errors import SchemaTooNew
from .session import Session

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
    Migration(
        version=2,
        name="add cities, invitations, interviewers, reminders and the audit log",
        statements=(
            """
            CREATE TABLE cities (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                country TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                created_by INTEGER NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            # Only the SHA-256 of a token is stored, so a copy of the file cannot be
            # used to redeem open invitations. A redeemed invitation names its
            # respondent and, once that respondent opens it, the assessment.
            """
            CREATE TABLE invitations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                token_sha256 TEXT NOT NULL UNIQUE,
                city_id INTEGER NOT NULL REFERENCES cities (id),
                created_by INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_by INTEGER REFERENCES respondents (user_id),
                used_at TEXT,
                revoked_at TEXT,
                assessment_id INTEGER REFERENCES assessments (id),
                CHECK ((used_by IS NULL) = (used_at IS NULL))
            )
            """,
            "CREATE INDEX invitations_by_city ON invitations (city_id, id)",
            """
            CREATE INDEX invitations_by_respondent
                ON invitations (used_by, used_at) WHERE used_by IS NOT NULL
            """,
            """
            CREATE TABLE interviewers (
                user_id INTEGER PRIMARY KEY,
                added_by INTEGER NOT NULL,
                added_at TEXT NOT NULL
            )
            """,
            # actor is NULL for the bot's own actions, such as automatic reminders.
            """
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                actor INTEGER,
                action TEXT NOT NULL,
                subject TEXT,
                details TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            # One row per reminder, inserted before it is sent: a restart counts a
            # reminder whose sending was cut off as sent, so none goes out twice.
            """
            CREATE TABLE reminders (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                invitation_id INTEGER NOT NULL REFERENCES invitations (id),
                kind TEXT NOT NULL CHECK (kind IN ('automatic', 'manual')),
                sent_by INTEGER,
                claimed_at TEXT NOT NULL,
                outcome TEXT NOT NULL
                    CHECK (outcome IN ('sending', 'sent', 'unreachable', 'failed')),
                finished_at TEXT
            )
            """,
            "CREATE INDEX reminders_by_invitation ON reminders (invitation_id, claimed_at)",
            # The /newcity conversation of one interviewer, kept until the time zone
            # completes the city, so a restart in the middle loses nothing.
            """
            CREATE TABLE city_drafts (
                user_id INTEGER PRIMARY KEY,
                name TEXT,
                country TEXT,
                started_at TEXT NOT NULL
            )
            """,
            "ALTER TABLE assessments ADD COLUMN city_id INTEGER REFERENCES cities (id)",
            """
            CREATE INDEX assessments_by_city
                ON assessments (city_id, id) WHERE city_id IS NOT NULL
            """,
            "ALTER TABLE respondents ADD COLUMN unreachable_at TEXT",
        ),
    ),
    Migration(
        version=3,
        name="create question events",
        statements=(
            # One row per question shown, answer rejected as invalid, or question flagged
            # unclear. The questionnaire statistics read them with the answer history.
            """
            CREATE TABLE question_events (
                id INTEGER PRIMARY KEY,
                assessment_id INTEGER NOT NULL
                    REFERENCES assessments (id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('shown', 'invalid', 'flagged')),
                occurred_at TEXT NOT NULL,
                locale TEXT NOT NULL,
                remark TEXT,
                CHECK (remark IS NULL OR kind = 'flagged')
            )
            """,
            """
            CREATE INDEX question_events_by_assessment
                ON question_events (assessment_id, id)
            """,
        ),
    ),
)


async def schema_version(session: Session) -> int:
    return await session.read("read schema version", _read_user_version)


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
    if not await session.write(operation, _apply_statements, migration):
        return
    logger.info("applied migration %d (%s) to %s", migration.version, migration.name, session.path)


def _apply_statements(connection: sqlite3.Connection, migration: Migration) -> bool:
    """Run the migration's statements and bump the version; return False if it was applied."""
    # Another process may have applied it since the version was read.
    if _read_user_version(connection) >= migration.version:
        return False
    for statement in migration.statements:
        execute(connection, statement)
    execute(connection, f"PRAGMA user_version = {int(migration.version)}")
    return True


def _read_user_version(connection: sqlite3.Connection) -> int:
    row = fetch_one(connection, "PRAGMA user_version")
    return int(row[0]) if row is not None else 0


def _check_numbering(migrations: Sequence[Migration]) -> None:
    versions = [migration.version for migration in migrations]
    expected = list(range(1, len(migrations) + 1))
    if versions != expected:
        raise ValueError(f"migrations must be numbered {expected} in order, got {versions}")
