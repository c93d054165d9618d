"""The SQLite connection: opening it with its pragmas, and running functions on its thread.

A `Database` has one aiosqlite connection, whose worker thread runs every
operation. An operation is a plain function of the sqlite3 connection, which
`run_on_thread` runs whole in a single hand-over to that thread: the storage
modules are synchronous functions for that reason. `session.Session` decides
what runs inside a transaction.
"""

import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiosqlite

from .errors import DatabaseCorrupt, StorageError

logger = logging.getLogger(__name__)

# Time in ms that a statement waits for another process's write lock before it
# fails with "database is locked".
BUSY_TIMEOUT_MS = 5000

# Upsert (INSERT ... ON CONFLICT DO UPDATE) arrived in SQLite 3.24.0.
MIN_SQLITE_VERSION = (3, 24, 0)

Parameters = Sequence[Any]
P = ParamSpec("P")
T = TypeVar("T")

# SQLITE_CORRUPT ("database disk image is malformed") and SQLITE_NOTADB
# ("file is not a database"), from SQLite's result code list.
DAMAGED_FILE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


async def open_connection(path: Path) -> aiosqlite.Connection:
    """Open the database file, creating its parent directory, and set the pragmas.

    The connection is in autocommit mode (isolation_level=None), so the sqlite3
    module opens no implicit transactions and `Session` controls them all.
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
    journal_mode = await run_on_thread(connection, _apply_pragmas)
    # journal_mode is the mode in force, which stays the old one if SQLite
    # cannot use WAL (for example on some network file systems).
    if journal_mode != "wal":
        raise StorageError(
            f"failed to switch {path} to WAL journal mode because SQLite kept "
            f"{journal_mode!r}. Put the database on a local file system."
        )


def _apply_pragmas(connection: sqlite3.Connection) -> str | None:
    """Set the pragmas and return the journal mode in force."""
    # The busy timeout comes first because switching to WAL needs a lock on the file.
    execute(connection, f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    row = fetch_one(connection, "PRAGMA journal_mode = WAL")
    execute(connection, "PRAGMA foreign_keys = ON")
    return row[0] if row is not None else None


async def run_on_thread(
    connection: aiosqlite.Connection,
    function: Callable[Concatenate[sqlite3.Connection, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """Call `function(sqlite3_connection, *args)` on aiosqlite's worker thread; return its result.

    aiosqlite hands every call to its worker thread and the result back to the
    event loop, so a transaction of five statements through its public methods
    takes ten such hand-overs, each waiting its turn for the loop and the GIL.
    This takes one, however many statements `function` runs. aiosqlite has no
    public way to do that: `_execute` queues a callable on its worker thread
    and `_conn` is the thread's sqlite3 connection. Both are private, so
    pyproject.toml keeps aiosqlite below its next minor release.
    """
    return await connection._execute(lambda: function(connection._conn, *args, **kwargs))


def fetch_all(
    connection: sqlite3.Connection, sql: str, parameters: Parameters = ()
) -> list[sqlite3.Row]:
    return connection.execute(sql, parameters).fetchall()


def fetch_one(
    connection: sqlite3.Connection, sql: str, parameters: Parameters = ()
) -> sqlite3.Row | None:
    row: sqlite3.Row | None = connection.execute(sql, parameters).fetchone()
    return row


def execute(connection: sqlite3.Connection, sql: str, parameters: Parameters = ()) -> int:
    """Run one statement and return the number of rows it changed."""
    return connection.execute(sql, parameters).rowcount
