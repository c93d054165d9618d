"""Send many messages within Telegram's limits: reminders, notifications and reports.

Telegram's FAQ for bot developers ("My bot is hitting limits, how do I avoid
this?") gives about 30 messages per second in total and about one per
second to one chat. `Sender` paces every message it sends by both limits,
without fixed sleeps: a send waits only as long as the last send overall and
the last send to its chat require. A flood-control error (429 with
retry_after) pauses all sending for the time Telegram gives, then the
message is tried again. A user who blocked the bot comes back as
UNREACHABLE, and the other messages go on.

Replies to a user's own update do not need this; they go out directly.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

logger = logging.getLogger(__name__)

SENDER_KEY = "sender"
MESSAGES_PER_SECOND = 30.0
CHAT_INTERVAL_SECONDS = 1.0
MAX_ATTEMPTS = 5
# Waits after a network error, in seconds, doubling from the first.
NETWORK_RETRY_SECONDS = 1.0
# Chats whose last send is remembered before the expired ones are swept out.
CHAT_MEMORY = 1024

SendCall = Callable[[], Awaitable[Any]]


class DeliveryOutcome(StrEnum):
    SENT = "sent"
    UNREACHABLE = "unreachable"
    FAILED = "failed"


@dataclass(frozen=True)
class Delivery:
    """The outcome of one message; `error` names the last error for the other outcomes."""

    chat_id: int
    outcome: DeliveryOutcome
    attempts: int
    error: str | None = None


class Sender:
    """Pace and retry sends shared by every bulk sender of one bot.

    `clock` and `sleep` are replaceable for tests; they default to the event
    loop's monotonic time.
    """

    def __init__(
        self,
        *,
        messages_per_second: float = MESSAGES_PER_SECOND,
        chat_interval: float = CHAT_INTERVAL_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if messages_per_second <= 0 or chat_interval < 0 or max_attempts < 1:
            raise ValueError("messages_per_second must be positive and max_attempts at least 1")
        self._interval = 1.0 / messages_per_second
        self._chat_interval = chat_interval
        self._max_attempts = max_attempts
        self._clock = clock
        self._sleep = sleep

        # Sends take turns under this lock, which asyncio wakes in FIFO order.
        self._turn = asyncio.Lock()
        self._next_turn = 0.0
        self._paused_until = 0.0
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._chat_waiting: dict[int, int] = {}
        self._chat_next: dict[int, float] = {}

    async def deliver(self, chat_id: int, send: SendCall) -> Delivery:
        """Call `send` (one Bot API call to `chat_id`) when the limits allow, retrying floods.

        Messages to one chat go out in the order `deliver` was called for them.
        """
        async with self._chat_turn(chat_id):
            return await self._attempt(chat_id, send)

    async def deliver_all(self, messages: Iterable[tuple[int, SendCall]]) -> list[Delivery]:
        """Deliver every (chat id, send) pair concurrently and return outcomes in input order."""
        return list(await asyncio.gather(*(self.deliver(chat, send) for chat, send in messages)))

    async def _attempt(self, chat_id: int, send: SendCall) -> Delivery:
        error_text = None
        for attempt in range(1, self._max_attempts + 1):
            await self._wait_for_turn(chat_id)
            try:
                await send()
            except RetryAfter as error:
                seconds = retry_after_seconds(error)
                logger.warning("flood control on chat %d: pausing sends %.1f s", chat_id, seconds)
                self._pause(seconds)
                error_text = str(error)
                continue
            except Forbidden as error:
                logger.info("chat %d unreachable: %s", chat_id, error.message)
                return Delivery(chat_id, DeliveryOutcome.UNREACHABLE, attempt, error.message)
            except BadRequest as error:
                if "chat not found" in error.message.lower():
                    logger.info("chat %d unreachable: %s", chat_id, error.message)
                    return Delivery(chat_id, DeliveryOutcome.UNREACHABLE, attempt, error.message)
                logger.error("message to chat %d rejected: %s", chat_id, error.message)
                return Delivery(chat_id, DeliveryOutcome.FAILED, attempt, error.message)
            except TimedOut as error:
                # Telegram may have delivered it already, and a retry would send it twice.
                logger.warning("message to chat %d timed out, not retried: %s", chat_id, error)
                return Delivery(chat_id, DeliveryOutcome.FAILED, attempt, str(error))
            except NetworkError as error:
                wait = NETWORK_RETRY_SECONDS * 2 ** (attempt - 1)
                logger.warning(
                    "message to chat %d failed (%s), retrying in %.0f s", chat_id, error, wait
                )
                error_text = str(error)
                await self._sleep(wait)
                continue
            return Delivery(chat_id, DeliveryOutcome.SENT, attempt)

        logger.error("message to chat %d failed after %d attempts", chat_id, self._max_attempts)
        return Delivery(chat_id, DeliveryOutcome.FAILED, self._max_attempts, error_text)

    async def _wait_for_turn(self, chat_id: int) -> None:
        """Wait until both the chat's limit and the overall limit allow the next send."""
        chat_wait = self._chat_next.get(chat_id, 0.0) - self._clock()
        if chat_wait > 0:
            await self._sleep(chat_wait)

        async with self._turn:
            # A pause may start while this turn sleeps, so the wait is checked again.
            while (wait := max(self._next_turn, self._paused_until) - self._clock()) > 0:
                await self._sleep(wait)
            now = self._clock()
            self._next_turn = now + self._interval
        self._chat_next[chat_id] = now + self._chat_interval
        self._forget_idle_chats(now)

    def _pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    @asynccontextmanager
    async def _chat_turn(self, chat_id: int) -> AsyncIterator[None]:
        """Hold the chat's lock, so one chat's messages keep their order."""
        self._chat_waiting[chat_id] = self._chat_waiting.get(chat_id, 0) + 1
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            self._chat_waiting[chat_id] -= 1
            if self._chat_waiting[chat_id] == 0:
                # Drop idle locks so memory does not grow with every chat ever served.
                del self._chat_waiting[chat_id]
                del self._chat_locks[chat_id]

    def _forget_idle_chats(self, now: float) -> None:
        if len(self._chat_next) > CHAT_MEMORY:
            self._chat_next = {chat: at for chat, at in self._chat_next.items() if at > now}


def get_sender(bot_data: MutableMapping[str, Any]) -> Sender:
    """Return the bot's one Sender, creating it on first use, so all bulk sends share limits."""
    sender = bot_data.get(SENDER_KEY)
    if sender is None:
        sender = bot_data[SENDER_KEY] = Sender()
    return sender


def retry_after_seconds(error: RetryAfter) -> float:
    """Return the wait Telegram asked for, in seconds."""
    with warnings.catch_warnings():
        # python-telegram-bot 22 warns that the int form of retry_after is deprecated.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
