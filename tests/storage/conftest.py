"""Fixtures that open real SQLite files under pytest's tmp_path."""

import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from storage import Assessment, Database

QUESTIONNAIRE_CONTENT = '{"id":"smart_city","sections":[],"version":1}'


class SqliteFile:
    """A database file inspected and changed through separate plain sqlite3 connections."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(self.path)) as connection:
            with connection:
                return connection.execute(sql, parameters).fetchall()

    def user_version(self) -> int:
        return int(self.query("PRAGMA user_version")[0][0])

    def table_names(self) -> set[str]:
        rows = self.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    # The parent folder does not exist yet, so each test that opens it covers creating it.
    return tmp_path / "data" / "bot.sqlite3"


@pytest.fixture
def sqlite_file(db_path: Path) -> SqliteFile:
    return SqliteFile(db_path)


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(db_path)
    yield database
    await database.close()


@pytest.fixture
async def assessment(db: Database) -> Assessment:
    """An in-progress assessment of respondent 1001 on smart_city version 1."""
    await db.save_respondent(user_id=1001, chat_id=2002)
    await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE_CONTENT)
    return await db.create_assessment(1001, "smart_city", 1)
