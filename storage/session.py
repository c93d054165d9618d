"""`Session`: running reads and transactions on the database's one connection.

Every operation is a plain function of the sqlite3 connection, and runs whole
on aiosqlite's worker thread (see `connection.run_on_thread`). That thread
runs one operation at a time, in the order they were queued, so two tasks
never interleave their statements and a read never returns another
operation's uncommitted writes.

Writes are committed in groups. Each commit waits for the disk to confirm it
(SQLite's synchronous=FULL), and in the answer-path benchmark that wait took
most of the worker thread's time, more than the statements. So the writes
that arrive while one commit is on its way wait for it to end and then share
the next one. Each runs in a savepoint of its own, so a failing write is
undone alone. Each caller resumes only once its write is on disk, and a
single write at a quiet moment commits at once.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiosqlite

from .connection import execute, run_on_thread
from .errors import StorageError

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class _Write:
    """One caller's transaction, waiting for the next group commit."""

    operation: str
    function: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    future: asyncio.Future[Any] = field(repr=False)


class Session:
    """The one connection of a `Database`, and the group commit of its writes.

    SQLite errors are raised as `StorageError` naming the operation and the file.
    """

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection: aiosqlite.Connection | None = connection
        self._path = path
        self._waiting: list[_Write] = []
        self._committer: asyncio.Task[None] | None = None

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
        """Run `function(connection, *args)` in a transaction and return once it is committed.

        Any exception undoes all of the function's writes and propagates, SQLite
        errors as `StorageError`. The write runs to its end even if the awaiting
        task is cancelled.
        """
        self._require_open(operation)
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Write(operation, function, args, kwargs, future))
        if self._committer is None:
            self._committer = asyncio.create_task(self._commit_waiting())
        return await future

    async def close(self) -> bool:
        """Close the connection once the writes queued before this call are committed.

        Returns False if it was closed already, so closing twice is safe.
        """
        if self._connection is None:
            return False
        if self._committer is not None:
            await asyncio.shield(self._committer)
        connection, self._connection = self._connection, None
        await connection.close()
        return True

    def _require_open(self, operation: str) -> aiosqlite.Connection:
        if self._connection is None:
            raise StorageError(f"{operation} failed: database {self._path} is closed")
        return self._connection

    async def _commit_waiting(self) -> None:
        """Commit the waiting writes in groups until none is left."""
        try:
            while self._waiting:
                group, self._waiting = self._waiting, []
                await self._commit(group)
        finally:
            self._committer = None

    async def _commit(self, group: list[_Write]) -> None:
        try:
            connection = self._require_open(group[0].operation)
            outcomes = await run_on_thread(connection, _run_group, group)
        except _BeginFailed as failed:
            for write in group:
                _settle(write, self._begin_error(write, failed.error))
        except sqlite3.Error as error:
            for write in group:
                _settle(write, self._rolled_back_error(write, error))
        except Exception as error:
            for write in group:
                _settle(write, error)
        except BaseException:
            # The committer itself was cancelled, as at shutdown, so its callers are too.
            # The group still runs to its end on the worker thread.
            for write in group:
                write.future.cancel()
            raise
        else:
            for write, (succeeded, value) in zip(group, outcomes, strict=True):
                if succeeded:
                    _settle(write, result=value)
                elif isinstance(value, sqlite3.Error):
                    _settle(write, self._rolled_back_error(write, value))
                else:
                    _settle(write, value)

    def _begin_error(self, write: _Write, error: sqlite3.Error) -> StorageError:
        message = f"{write.operation} failed to start a transaction on {self._path}: {error}"
        return _chained(StorageError(message), error)

    def _rolled_back_error(self, write: _Write, error: sqlite3.Error) -> StorageError:
        message = f"{write.operation} failed and was rolled back on {self._path}: {error}"
        return _chained(StorageError(message), error)


class _BeginFailed(Exception):
    """BEGIN IMMEDIATE failed, so there is no transaction to roll back."""

    def __init__(self, error: sqlite3.Error) -> None:
        super().__init__(str(error))
        self.error = error


def _run_group(connection: sqlite3.Connection, group: list[_Write]) -> list[tuple[bool, Any]]:
    """Run each write in a savepoint of one transaction and commit them together.

    Returns (True, result) or (False, exception) per write. Raises, with nothing
    committed, when the transaction as a whole fails: BEGIN or COMMIT, or an
    error after which SQLite rolled back the whole transaction by itself (it
    may do so on a full disk or an I/O error).
    """
    try:
        execute(connection, "BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise _BeginFailed(error) from error
    try:
        outcomes = [_run_in_savepoint(connection, write) for write in group]
        execute(connection, "COMMIT")
    except BaseException:
        # rollback() does nothing outside a transaction, for example after
        # SQLite itself ended one on an error.
        connection.rollback()
        logger.debug("rolled back a group of %d writes", len(group))
        raise
    return outcomes


def _run_in_savepoint(connection: sqlite3.Connection, write: _Write) -> tuple[bool, Any]:
    execute(connection, "SAVEPOINT operation")
    try:
        result = write.function(connection, *write.args, **write.kwargs)
    except Exception as error:
        if not connection.in_transaction:
            raise  # SQLite rolled back every write of the group, not just this one.
        execute(connection, "ROLLBACK TO operation")
        execute(connection, "RELEASE operation")
        logger.debug("rolled back %s", write.operation)
        return False, error
    execute(connection, "RELEASE operation")
    return True, result


def _settle(write: _Write, error: BaseException | None = None, result: Any = None) -> None:
    """Hand the outcome to the waiting caller, unless it stopped waiting."""
    if write.future.done():
        return
    if error is not None:
        write.future.set_exception(error)
    else:
        write.future.set_result(result)


def _chained(error: StorageError, cause: BaseException) -> StorageError:
    error.__cause__ = cause
    return error
