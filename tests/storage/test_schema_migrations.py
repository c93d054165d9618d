from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from storage import MIGRATIONS, Database, DatabaseCorrupt, Migration, SchemaTooNew, StorageError
from storage.connection import BUSY_TIMEOUT_MS, fetch_one, open_connection, run_on_thread

if TYPE_CHECKING:
    from conftest import SqliteFile

NOTES = Migration(
    version=1,
    name="create notes",
    statements=("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",),
)
TAGS = Migration(
    version=2,
    name="add tags to notes",
    statements=(
        "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes (id), name TEXT)",
        "ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
    ),
)
BROKEN_TAGS = Migration(
    version=2,
    name="add tags, then fail",
    statements=(
        "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes (id), name TEXT)",
        "ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
        "INSERT INTO no_such_table VALUES (1)",
    ),
)


async def test_migrate_from_empty_file(db_path: Path, sqlite_file: SqliteFile) -> None:
    assert not db_path.parent.exists()

    async with await Database.open(db_path):
        pass

    assert sqlite_file.user_version() == len(MIGRATIONS)
    assert {
        "questionnaire_snapshots",
        "respondents",
        "assessments",
        "answers",
        "answer_history",
        "drafts",
    } <= sqlite_file.table_names()


async def test_migrate_twice_changes_nothing(db_path: Path, sqlite_file: SqliteFile) -> None:
    async with await Database.open(db_path):
        pass
    schema_before = sqlite_file.query("SELECT sql FROM sqlite_master ORDER BY name")

    async with await Database.open(db_path):
        pass

    assert sqlite_file.user_version() == len(MIGRATIONS)
    assert sqlite_file.query("SELECT sql FROM sqlite_master ORDER BY name") == schema_before


def test_migrations_numbered_from_one() -> None:
    versions = [migration.version for migration in MIGRATIONS]

    assert versions == list(range(1, len(MIGRATIONS) + 1))


async def test_connection_pragmas(db_path: Path) -> None:
    connection = await open_connection(db_path)
    try:
        journal_mode = await run_on_thread(connection, fetch_one, "PRAGMA journal_mode")
        foreign_keys = await run_on_thread(connection, fetch_one, "PRAGMA foreign_keys")
        busy_timeout = await run_on_thread(connection, fetch_one, "PRAGMA busy_timeout")
    finally:
        await connection.close()

    assert journal_mode is not None
    assert journal_mode[0] == "wal"
    assert foreign_keys is not None
    assert foreign_keys[0] == 1
    assert busy_timeout is not None
    assert busy_timeout[0] == BUSY_TIMEOUT_MS


async def test_newer_schema_rejected(db_path: Path, sqlite_file: SqliteFile) -> None:
    async with await Database.open(db_path):
        pass
    newer = len(MIGRATIONS) + 1
    sqlite_file.query(f"PRAGMA user_version = {newer}")

    with pytest.raises(SchemaTooNew) as raised:
        await Database.open(db_path)

    assert f"schema version {newer}" in str(raised.value)
    assert f"up to {len(MIGRATIONS)}" in str(raised.value)
    assert sqlite_file.user_version() == newer


async def test_upgrade_keeps_rows(db_path: Path, sqlite_file: SqliteFile) -> None:
    async with await Database.open(db_path, migrations=[NOTES]):
        pass
    sqlite_file.query("INSERT INTO notes (text) VALUES ('kept')")

    async with await Database.open(db_path, migrations=[NOTES, TAGS]):
        pass

    assert sqlite_file.user_version() == 2
    assert sqlite_file.query("SELECT text, pinned FROM notes") == [("kept", 0)]
    assert "tags" in sqlite_file.table_names()


async def test_failed_migration_rolled_back(db_path: Path, sqlite_file: SqliteFile) -> None:
    async with await Database.open(db_path, migrations=[NOTES]):
        pass
    sqlite_file.query("INSERT INTO notes (text) VALUES ('kept')")

    with pytest.raises(StorageError) as raised:
        await Database.open(db_path, migrations=[NOTES, BROKEN_TAGS])

    assert "schema version 2" in str(raised.value)
    assert "rolled back" in str(raised.value)
    assert sqlite_file.user_version() == 1
    assert "tags" not in sqlite_file.table_names()
    assert sqlite_file.query("SELECT * FROM notes") == [(1, "kept")]


async def test_fixed_migration_after_failure(db_path: Path, sqlite_file: SqliteFile) -> None:
    async with await Database.open(db_path, migrations=[NOTES]):
        pass
    with pytest.raises(StorageError):
        await Database.open(db_path, migrations=[NOTES, BROKEN_TAGS])

    async with await Database.open(db_path, migrations=[NOTES, TAGS]):
        pass

    assert sqlite_file.user_version() == 2
    assert "tags" in sqlite_file.table_names()


async def test_misnumbered_migrations_rejected(db_path: Path, sqlite_file: SqliteFile) -> None:
    with pytest.raises(ValueError, match="numbered"):
        await Database.open(db_path, migrations=[TAGS])

    assert sqlite_file.user_version() == 0


async def test_non_database_file_rejected(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("plain text, not SQLite\n" * 100)

    with pytest.raises(DatabaseCorrupt, match="file is not a database"):
        await Database.open(not_a_database)
