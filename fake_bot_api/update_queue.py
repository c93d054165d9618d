"""Queue of pending updates with getUpdates semantics: offsets, limits and long polling."""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Iterable

from fake_bot_api.errors import BotApiError
from fake_bot_api.records import JsonDict

logger = logging.getLogger(__name__)

MAX_UPDATES_PER_REQUEST = 100

# Update kinds that Telegram leaves out unless allowed_updates names them (Bot API, getUpdates).
OPT_IN_UPDATE_KINDS = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

CONFLICT_TERMINATED = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateQueue:
    """Pending updates in order of their increasing ``update_id``.

    An update stays pending until a getUpdates call passes an offset greater than its id.
    Starting a long poll ends the previous one with 409 Conflict, as Telegram does when two
    processes poll the same bot.
    """

    def __init__(self) -> None:
        self._pending: list[JsonDict] = []
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._waiters: list[asyncio.Future[None]] = []
        self._poll_generation = 0

    @property
    def pending(self) -> list[JsonDict]:
        """Copies of the updates that no getUpdates offset has confirmed yet."""
        return copy.deepcopy(self._pending)

    def push(self, update: JsonDict) -> JsonDict:
        """Assign the next ``update_id`` to ``update``, queue it and wake a waiting long poll."""
        update["update_id"] = self._next_update_id
        self._next_update_id += 1
        self._pending.append(update)
        logger.debug("Queued update %d of kind %s", update["update_id"], update_kind(update))
        self._wake_waiters()
        return copy.deepcopy(update)

    def clear(self) -> None:
        """Drop all pending updates, as deleteWebhook(drop_pending_updates=True) does."""
        self._pending.clear()

    async def get(
        self,
        offset: int,
        limit: int,
        long_poll_seconds: float,
        allowed_updates: Iterable[str] | None,
    ) -> list[JsonDict]:
        """Confirm the updates below ``offset`` and return up to ``limit`` pending updates.

        Waits up to ``long_poll_seconds`` (the getUpdates timeout) while no update is
        pending. A negative offset keeps only the last ``-offset`` updates.
        ``allowed_updates`` replaces the stored filter when given, and an empty list
        restores the default filter.
        Raises BotApiError 409 when a newer getUpdates call starts during the wait.
        """
        if allowed_updates is not None:
            self._allowed_updates = frozenset(allowed_updates) or None

        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_waiters()

        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(long_poll_seconds, 0)
        while True:
            if generation != self._poll_generation:
                raise BotApiError(409, CONFLICT_TERMINATED)

            self._confirm(offset)
            batch = self._select(limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0:
                return batch
            await self._wait_for_change(remaining)

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._pending = self._pending[offset:]
        elif offset > 0:
            self._pending = [update for update in self._pending if update["update_id"] >= offset]

    def _select(self, limit: int) -> list[JsonDict]:
        # Telegram never creates updates of kinds the bot did not allow, so the fake drops them.
        self._pending = [update for update in self._pending if self._is_allowed(update)]
        count = min(max(limit, 1), MAX_UPDATES_PER_REQUEST)
        return copy.deepcopy(self._pending[:count])

    def _is_allowed(self, update: JsonDict) -> bool:
        kind = update_kind(update)
        if self._allowed_updates is None:
            return kind not in OPT_IN_UPDATE_KINDS
        return kind in self._allowed_updates

    async def _wait_for_change(self, seconds: float) -> None:
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await asyncio.wait({waiter}, timeout=seconds)
        finally:
            self._waiters.remove(waiter)

    def _wake_waiters(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)


def update_kind(update: JsonDict) -> str:
    """Return the name of the optional field that an Update carries, such as ``message``."""
    kinds = [key for key in update if key != "update_id"]
    return kinds[0] if kinds else "unknown"
