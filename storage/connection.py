"""The SQLite connection: opening it with its pragmas, and running operations on it.

A `Database` has one aiosqlite connection, whose worker thread runs every
operation. An operation is a plain function of the sqlite3 connection, and
`Session` runs each one whole, in a single hand-over to that thread: the
storage modules are synchronous functions for that reason.
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
    module opens no implicit transactions and `Session.write` controls them all.
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
    event loop, so a transaction of five statements made ten such hand-overs,
    each waiting its turn for the loop and the GIL. This makes one, however
    many statements `function` runs. aiosqlite has no public way to do that:
    `_execute` queues a callable on its worker thread and `_conn` is the
    thread's sqlite3 connection. Both have kept their meaning since aiosqlite
    0.17, and pyproject.toml keeps aiosqlite below the next minor release.
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


class Session:
    """The one connection of a `Database`, on which every operation runs whole.

    An operation is a function of the sqlite3 connection that `read` or
    `write` runs on aiosqlite's worker thread in one piece. The thread runs
    one operation at a time, in the order they were queued, so two tasks never
    interleave their statements and a read never sees another operation's
    uncommitted writes. SQLite errors are raised as `StorageError` naming the
    operation and the file.
    """

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection: aiosqlite.Connection | None = connection
        self._path = path

    @property
    def path(self) -> Path:
        return self._path

    async def read(
        self,
        operation: str,
        function: Callable[Concatenate[sqlite3.Connection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run `function(connection, *args)` outside any transaction and return its result."""
        connection = self._require_open(operation)
        try:
            return await run_on_thread(connection, function, *args, **kwargs)
        except sqlite3.Error as error:
            raise StorageError(f"{operation} failed on {self._path}: {error}") from error

    async def write(
        self,
        operation: str,
        function: Callable[Concatenate[sqlite3.Connection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run `function(connection, *args)` in one transaction, committed when it returns.

        The transaction starts with BEGIN IMMEDIATE, which takes the write lock at
        once: in WAL mode a deferred transaction that reads and then writes fails
        with SQLITE_BUSY_SNAPSHOT when another connection wrote in between, and
        busy_timeout does not retry that. Any exception rolls the whole transaction
        back and propagates, SQLite errors as `StorageError`. The transaction runs
        to its end on the worker thread even if the awaiting task is cancelled.
        """
        connection = self._require_open(operation)
        try:
            return await run_on_thread(connection, _in_transaction, function, args, kwargs)
        except _BeginFailed as failed:
            raise StorageError(
                f"{operation} failed to start a transaction on {self._path}: {failed.error}"
            ) from failed.error
        except sqlite3.Error as error:
            raise StorageError(
                f"{operation} failed and was rolled back on {self._path}: {error}"
            ) from error

    async def close(self) -> bool:
        """Close the connection after the operations queued before this call.

        Returns False if it was closed already, so closing twice is safe.
        """
        if self._connection is None:
            return False
        connection, self._connection = self._connection, None
        await connection.close()
        return True

    def _require_open(self, operation: str) -> aiosqlite.Connection:
        if self._connection is None:
            raise StorageError(f"{operation} failed: database {self._path} is closed")
        return self._connection


class _BeginFailed(Exception):
    """BEGIN IMMEDIATE failed, so there is no transaction to roll back."""

    def __init__(self, error: sqlite3.Error) -> None:
        super().__init__(str(error))
        self.error = error


def _in_transaction(
    connection: sqlite3.Connection,
    function: Callable[..., T],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> T:
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise _BeginFailed(error) from error
    try:
        result = function(connection, *args, **kwargs)
        connection.execute("COMMIT")
    except BaseException:
        # rollback() does nothing outside a transaction, for example after
        # SQLite itself ended one on an error.
        connection.rollback()
        logger.debug("rolled back %s", getattr(function, "__name__", function))
        raise
    return result
