"""Faults from Telegram and the network, duplicate updates, and errors no handler caught."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import CallbackQuery, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ApplicationHandlerStop, BaseRateLimiter, ContextTypes

from bot.i18n import SOURCE_LOCALE, translator
from bot.services import SERVICES_KEY, Services
from storage import StorageError

logger = logging.getLogger(__name__)

RECENT_UPDATES = 10_000
MAX_FLOOD_RETRIES = 3


class RecentUpdates:
    """The ids of the updates handled lately, to drop one that arrives twice.

    Telegram delivers an update again when it saw no reply to a webhook call
    or no getUpdates confirmation in time. Handling it twice could store one
    typed answer for two questions.

    NOTE: the ids live in memory only, so a redelivery across a restart is handled
    again. The stale-question checks catch it, except on two text questions in a row.
    """

    def __init__(self, capacity: int = RECENT_UPDATES) -> None:
        self._capacity = capacity
        self._seen: OrderedDict[int, None] = OrderedDict()

    def first_time(self, update_id: int) -> bool:
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        if len(self._seen) > self._capacity:
            self._seen.popitem(last=False)
        return True


def duplicate_filter(recent: RecentUpdates):
    """Return a handler for group -1 that stops any update already handled."""

    async def drop_duplicate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not recent.first_time(update.update_id):
            logger.info("update %d arrived again and was dropped", update.update_id)
            raise ApplicationHandlerStop

    return drop_duplicate


class FloodControlRetry(BaseRateLimiter[None]):
    """Retry a Bot API call after a flood-control error, waiting as long as Telegram asks.

    Sending is not throttled here, so replies to respondents go out at once;
    bulk senders such as reminder rounds throttle themselves. A timeout is not
    retried, because Telegram may have delivered the message already and a
    retry would send it twice.
    """

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | None]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | None:
        for attempt in range(1, MAX_FLOOD_RETRIES + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == MAX_FLOOD_RETRIES:
                    raise
                wait = error.retry_after
                seconds = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
                logger.warning(
                    "%s to chat %s hit flood control; retrying in %.1f s",
                    endpoint,
                    data.get("chat_id"),
                    seconds,
                )
                await asyncio.sleep(seconds)
        raise AssertionError("unreachable")


async def answer_query(
    query: CallbackQuery, text: str | None = None, *, show_alert: bool = False
) -> None:
    """Answer a button tap, tolerating a query Telegram no longer accepts.

    Telegram rejects answers to taps older than about 15 seconds ("query is too
    old"), for example when an update waited through a restart. The tap's effect
    must still happen, so the failure is only logged.
    """
    try:
        await query.answer(text, show_alert=show_alert)
    except (BadRequest, NetworkError) as error:
        logger.info("answering callback query %s failed: %s", query.id, error.message)


async def log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log an error no handler caught, with ids but never message text, and tell the user."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )

    if isinstance(error, Forbidden):
        logger.info("update %s: user %s blocked the bot: %s", update_id, user_id, error.message)
        return
    if isinstance(error, BadRequest):
        logger.error("update %s of user %s: request rejected", update_id, user_id, exc_info=error)
        return
    if isinstance(error, TimedOut | NetworkError):
        logger.warning("update %s of user %s: network error: %s", update_id, user_id, error)
        return
    if isinstance(error, StorageError):
        logger.error("update %s of user %s: storage failed: %s", update_id, user_id, error)
        await _ask_to_retry(update, context)
        return
    logger.error("update %s of user %s failed", update_id, user_id, exc_info=error)


async def _ask_to_retry(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the respondent the answer was not saved, so they send it again shortly."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    services: Services | None = context.bot_data.get(SERVICES_KEY)
    locale = SOURCE_LOCALE
    if services is not None and update.effective_user is not None:
        try:
            respondent = await services.database.respondent(update.effective_user.id)
            locale = respondent.locale if respondent and respondent.locale else SOURCE_LOCALE
        except StorageError:
            pass
    t = translator(locale)
    text = t.gettext(
        "Sorry, your answer could not be saved just now. Nothing you answered before is lost. "
        "Please send it again in a minute."
    )
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except (NetworkError, Forbidden) as error:
        logger.warning("retry notice to chat %s failed: %s", update.effective_chat.id, error)
