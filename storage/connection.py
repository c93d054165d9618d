"""The SQLite connection: opening it with its pragmas, and serialized use of it.

A `Database` has one aiosqlite connection. aiosqlite runs its calls one at a time
on a worker thread, but two tasks can still interleave between those calls, so
`Session` puts every read and every transaction under one asyncio lock.
"""

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from .errors import DatabaseCorrupt, StorageError

logger = logging.getLogger(__name__)

# Time in ms that a statement waits for another process's write lock before it
# fails with "database is locked".
BUSY_TIMEOUT_MS = 5000

# Upsert (INSERT ... ON CONFLICT DO UPDATE) arrived in SQLite 3.24.0.
MIN_SQLITE_VERSION = (3, 24, 0)

Parameters = Sequence[Any]

# SQLITE_CORRUPT ("database disk image is malformed") and SQLITE_NOTADB
# ("file is not a database"), from SQLite's result code list.
DAMAGED_FILE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


async def open_connection(path: Path) -> aiosqlite.Connection:
    """Open the database file, creating its parent directory, and set the pragmas.

    The connection is in autocommit mode (isolation_level=None), so the sqlite3
    module opens no implicit transactions and `Session.transaction` controls them all.
    """
    if sqlite3.sqlite_version_info < MIN_SQLITE_VERSION:
        raise StorageError(
            f"SQLite {sqlite3.sqlite_version} is too old: the storage layer needs "
            f"{'.'.join(map(str, MIN_SQLITE_VERSION))} or later"
        )

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = await aiosqlite.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise StorageError(f"failed to open database {path}: {error}") from error

    try:
        connection.row_factory = sqlite3.Row
        await _set_pragmas(connection, path)
    except sqlite3.DatabaseError as error:
        await connection.close()
        if getattr(error, "sqlite_errorcode", None) in DAMAGED_FILE_CODES:
            raise DatabaseCorrupt(
                f"database {path} is damaged ({error}). Restore the latest backup "
                "(see the README) before starting the bot."
            ) from error
        raise StorageError(f"failed to open database {path}: {error}") from error
    except sqlite3.Error as error:
        await connection.close()
        raise StorageError(f"failed to open database {path}: {error}") from error
    except BaseException:
        await connection.close()
        raise
    return connection


async def _set_pragmas(connection: aiosqlite.Connection, path: Path) -> None:
    # The busy timeout comes first because switching to WAL needs a lock on the file.
    await execute(connection, f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    # journal_mode returns the mode in force, which stays the old one if SQLite
    # cannot use WAL (for example on some network file systems).
    row = await fetch_one(connection, "PRAGMA journal_mode = WAL")
    journal_mode = row[0] if row is not None else None
    if journal_mode != "wal":
        raise StorageError(
            f"failed to switch {path} to WAL journal mode because SQLite kept "
            f"{journal_mode!r}. Put the database on a local file system."
        )

    await execute(connection, "PRAGMA foreign_keys = ON")


async def fetch_all(
    connection: aiosqlite.Connection, sql: str, parameters: Parameters = ()
) -> list[sqlite3.Row]:
    return list(await connection.execute_fetchall(sql, parameters))


async def fetch_one(
    connection: aiosqlite.Connection, sql: str, parameters: Parameters = ()
) -> sqlite3.Row | None:
    rows = await fetch_all(connection, sql, parameters)
    return rows[0] if rows else None


async def execute(connection: aiosqlite.Connection, sql: str, parameters: Parameters = ()) -> int:
    """Run one statement and return the number of rows it changed."""
    async with connection.execute(sql, parameters) as cursor:
        return cursor.rowcount


async def run_statement(
    connection: aiosqlite.Connection, sql: str, parameters: Parameters = ()
) -> None:
    """Run one statement whose count of changed rows is not needed.

    aiosqlite runs each call on its worker thread and hands the result back
    to the event loop. `execute` makes two such round trips (the statement,
    then closing its cursor) and this makes one. Under load every round trip
    waits its turn for the loop and the GIL, and a transaction holds the
    session's lock through all of its round trips.
    """
    await connection.execute_fetchall(sql, parameters)


class Session:
    """The one connection of a `Database` and the lock that serializes its use.

    Reads take the lock too, so a read never returns another task's uncommitted
    writes on the shared connection. SQLite errors are raised as `StorageError`
    naming the operation and the file.
    """

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection: aiosqlite.Connection | None = connection
        self._path = path
        self._lock = asyncio.Lock()

    @property
    def path(self) -> Path:
        return self._path

    @asynccontextmanager
    async def reading(self, operation: str) -> AsyncIterator[aiosqlite.Connection]:
        """Yield the connection for reads, outside any transaction."""
        async with self._lock:
            connection = self._require_open(operation)
            try:
                yield connection
            except sqlite3.Error as error:
                raise StorageError(f"{operation} failed on {self._path}: {error}") from error

    @asynccontextmanager
    async def transaction(self, operation: str) -> AsyncIterator[aiosqlite.Connection]:
        """Yield the connection inside BEGIN IMMEDIATE, and commit when the block ends.

        IMMEDIATE takes the write lock at the start. In WAL mode a deferred
        transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT when
        another connection wrote in between, and busy_timeout does not retry that.
        Any exception rolls the whole transaction back and propagates, SQLite errors
        as `StorageError`.
        """
        async with self._lock:
            connection = self._require_open(operation)
            try:
                await run_statement(connection, "BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise StorageError(
                    f"{operation} failed to start a transaction on {self._path}: {error}"
                ) from error
            except BaseException:
                # A task cancelled here leaves BEGIN queued on the worker thread,
                # which still runs it, so the transaction must be ended here.
                await _roll_back(connection, operation)
                raise

            try:
                yield connection
                await run_statement(connection, "COMMIT")
            except BaseException as error:
                await _roll_back(connection, operation)
                if isinstance(error, sqlite3.Error):
                    raise StorageError(
                        f"{operation} failed and was rolled back on {self._path}: {error}"
                    ) from error
                raise

    async def close(self) -> bool:
        """Close the connection once the running operation ends.

        Returns False if it was closed already, so closing twice is safe.
        """
        async with self._lock:
            if self._connection is None:
                return False
            connection, self._connection = self._connection, None
            await connection.close()
            return True

    def _require_open(self, operation: str) -> aiosqlite.Connection:
        if self._connection is None:
            raise StorageError(f"{operation} failed: database {self._path} is closed")
        return self._connection


async def _roll_back(connection: aiosqlite.Connection, operation: str) -> None:
    # aiosqlite 0.22 queues the call on its worker thread before its first await, so
    # the rollback runs ahead of the next caller's BEGIN even if this task is
    # cancelled again while it waits. asyncio.shield would defer the queueing to a
    # new task and lose that order. sqlite3's rollback() does nothing outside a
    # transaction, for example after SQLite itself ended one on an error.
    await connection.rollback()
    logger.debug("rolled back %s", operation)
