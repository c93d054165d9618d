"""The integrity check refuses a damaged file, and backups are consistent copies."""

import sqlite3
from pathlib import Path

import pytest

from storage import Database, DatabaseCorrupt, StorageError


async def _database_with_answer(path: Path) -> Database:
    database = await Database.open(path)
    await database.pin_questionnaire("q", 1, '{"id": "q"}')
    await database.save_respondent(5, 5)
    assessment = await database.create_assessment(5, "q", 1)
    await database.save_answer(assessment.id, "city", "Davao")
    return database


async def test_backup_copies_answers(tmp_path: Path) -> None:
    database = await _database_with_answer(tmp_path / "live.sqlite3")
    target = tmp_path / "backups" / "copy.sqlite3"

    await database.back_up(target)
    await database.close()

    async with await Database.open(target) as copy:
        assessment = await copy.latest_assessment(5)
        answers = await copy.answers(assessment.id)
    assert answers["city"].value == "Davao"


async def test_backup_refuses_existing_target(tmp_path: Path) -> None:
    database = await _database_with_answer(tmp_path / "live.sqlite3")
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(b"keep me")

    with pytest.raises(StorageError, match="already exists"):
        await database.back_up(target)
    await database.close()

    assert target.read_bytes() == b"keep me"


async def test_corrupt_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    database = await _database_with_answer(path)
    for number in range(300):
        await database.save_answer(1, f"question_{number}", "x" * 200)
    await database.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page_size = 4096
    # Overwrite the b-tree page header of every page after the schema page.
    for offset in range(page_size, len(data), page_size):
        data[offset : offset + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))

    with pytest.raises(DatabaseCorrupt, match="Restore the latest backup"):
        await Database.open(path)
