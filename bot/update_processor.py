"""Serve different users concurrently while handling each user's updates in order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Run updates concurrently, except that updates of one user wait for each other.

    Without the per-user lock, two quick taps of one respondent could both read
    the same current question before either answer is stored, and both would
    be accepted. asyncio.Lock wakes waiters in FIFO order, and the Application
    starts update tasks in arrival order, so one user's updates keep their order.
    """

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user_id = _user_id(update)
        if user_id is None:
            await coroutine
            return

        lock = self._locks.setdefault(user_id, asyncio.Lock())
        self._waiting[user_id] = self._waiting.get(user_id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[user_id] -= 1
            if self._waiting[user_id] == 0:
                # Drop idle locks so memory does not grow with every user ever seen.
                del self._waiting[user_id]
                del self._locks[user_id]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _user_id(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None
