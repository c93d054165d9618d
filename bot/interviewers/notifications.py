"""Tell the programme's admins and interviewers about a city, each in their own language."""

from __future__ import annotations

import logging
from collections.abc import Callable, MutableMapping
from typing import Any

from telegram import Bot

from bot.i18n import Translator
from bot.interviewers.access import translator_of
from bot.sending import DeliveryOutcome, get_sender
from bot.services import Services

logger = logging.getLogger(__name__)


async def interviewer_ids(services: Services) -> list[int]:
    """Return the user ids of every admin and interviewer, in ascending order."""
    added = {interviewer.user_id for interviewer in await services.database.interviewers()}
    return sorted(added | services.settings.admin_ids)


async def notify_interviewers(
    bot: Bot,
    bot_data: MutableMapping[str, Any],
    services: Services,
    compose: Callable[[Translator], str],
) -> None:
    """Send every admin and interviewer the text `compose` returns for their language.

    A private chat's id is the user's id. Someone who never opened the bot
    cannot be messaged; that is logged and the others still get the text.
    """
    messages = []
    for user_id in await interviewer_ids(services):
        text = compose(await translator_of(services, user_id))
        messages.append(
            (user_id, lambda user_id=user_id, text=text: bot.send_message(user_id, text))
        )

    for delivery in await get_sender(bot_data).deliver_all(messages):
        if delivery.outcome is not DeliveryOutcome.SENT:
            logger.info("interviewer %d not notified: %s", delivery.chat_id, delivery.error)
