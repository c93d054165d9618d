"""Writes that arrive together share one commit, and each keeps its own outcome."""

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage import StorageError
from storage.connection import execute, fetch_all, open_connection
from storage.session import Session


@pytest.fixture
async def session(db_path: Path) -> AsyncIterator[Session]:
    opened = Session(await open_connection(db_path), db_path)
    await opened.write("create table", execute, "CREATE TABLE notes (text TEXT NOT NULL)")
    yield opened
    await opened.close()


def _insert(connection: sqlite3.Connection, text: str) -> str:
    execute(connection, "INSERT INTO notes (text) VALUES (?)", (text,))
    return text


def _insert_then_fail(connection: sqlite3.Connection, text: str) -> str:
    _insert(connection, text)
    raise ValueError("rejected after the insert")


async def _stored(session: Session) -> list[str]:
    rows = await session.read("notes", fetch_all, "SELECT text FROM notes ORDER BY rowid")
    return [row["text"] for row in rows]


async def test_writes_together_share_one_commit(session: Session) -> None:
    commits: list[str] = []
    await session._connection.set_trace_callback(
        lambda statement: commits.append(statement) if statement == "COMMIT" else None
    )

    results = await asyncio.gather(
        *(session.write("insert", _insert, f"note {n}") for n in range(20))
    )

    assert results == [f"note {n}" for n in range(20)]
    assert await _stored(session) == results
    assert len(commits) == 1


async def test_failed_write_undone_alone(session: Session) -> None:
    outcomes = await asyncio.gather(
        session.write("insert", _insert, "kept before"),
        session.write("insert", _insert_then_fail, "undone"),
        session.write("insert", _insert, "kept after"),
        return_exceptions=True,
    )

    assert outcomes[0] == "kept before"
    assert isinstance(outcomes[1], ValueError)
    assert outcomes[2] == "kept after"
    assert await _stored(session) == ["kept before", "kept after"]


async def test_full_disk_fails_no_write_silently(session: Session, db_path: Path) -> None:
    pages = (await session.read("pages", fetch_all, "PRAGMA page_count"))[0][0]
    await session.read("limit", execute, f"PRAGMA max_page_count = {pages}")

    outcomes = await asyncio.gather(
        session.write("insert", _insert, "small"),
        session.write("insert", _insert, "x" * 200_000),
        session.write("insert", _insert, "after"),
        return_exceptions=True,
    )

    assert isinstance(outcomes[1], StorageError)
    reported = [outcome for outcome in outcomes if isinstance(outcome, str)]
    assert await _stored(session) == reported


async def test_cancelled_caller_write_still_committed(session: Session) -> None:
    task = asyncio.create_task(session.write("insert", _insert, "cancelled caller"))
    await asyncio.sleep(0)
    task.cancel()

    await session.write("insert", _insert, "next")

    assert await _stored(session) == ["cancelled caller", "next"]


async def test_close_commits_waiting_writes(db_path: Path) -> None:
    opened = Session(await open_connection(db_path), db_path)
    await opened.write("create table", execute, "CREATE TABLE notes (text TEXT NOT NULL)")
    pending = asyncio.ensure_future(opened.write("insert", _insert, "last"))
    await asyncio.sleep(0)

    await opened.close()

    assert await pending == "last"
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT text FROM notes").fetchall() == [("last",)]


async def test_cancelled_committer_cancels_callers(session: Session) -> None:
    caller = asyncio.create_task(session.write("insert", _insert, "interrupted"))
    await asyncio.sleep(0)
    committer = session._committer
    await asyncio.sleep(0)
    committer.cancel()

    with pytest.raises(asyncio.CancelledError):
        await caller
    await session.write("insert", _insert, "next")

    assert (await _stored(session))[-1] == "next"
