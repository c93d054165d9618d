"""Role checks of the interviewer features, made on every command and every tap.

Admins are the user ids in ADMIN_IDS; interviewers are the users an admin
added. Anyone else gets the same reply as for an unknown command, or the
same alert as for an invalid button, so a refusal reveals nothing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.clock import current_time
from bot.i18n import Translator
from bot.interview import handlers
from bot.reliability import answer_query
from bot.services import Services, get_services, translator_of

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True)
class Caller:
    """An admin or interviewer using an interviewer feature, with what the handler needs."""

    user_id: int
    is_admin: bool
    services: Services
    t: Translator
    now: datetime


Handler = Callable[[Update, Context, Caller], Awaitable[None]]


def interviewers_only(handler: Handler) -> Callable[[Update, Context], Awaitable[None]]:
    """Run the handler for admins and interviewers; refuse anyone else without detail."""
    return _guarded(handler, admins_only=False)


def admins_only(handler: Handler) -> Callable[[Update, Context], Awaitable[None]]:
    """Run the handler for admins; refuse anyone else, interviewers included, without detail."""
    return _guarded(handler, admins_only=True)


async def caller_of(update: Update, context: Context, *, admins_only: bool) -> Caller | None:
    """Return the caller if the update's user has the role, in a private chat, else None."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return None
    services = get_services(context)
    is_admin = user.id in services.settings.admin_ids
    if not is_admin and (admins_only or not await services.database.is_interviewer(user.id)):
        return None
    t = await translator_of(services, user.id)
    return Caller(user.id, is_admin, services, t, current_time(context.bot_data))


def _guarded(
    handler: Handler, *, admins_only: bool
) -> Callable[[Update, Context], Awaitable[None]]:
    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        caller = await caller_of(update, context, admins_only=admins_only)
        if caller is not None:
            await handler(update, context, caller)
            return

        user_id = update.effective_user.id if update.effective_user else None
        logger.info("user %s rejected from %s: no interviewer role", user_id, handler.__name__)
        query = update.callback_query
        if query is not None:
            t = await translator_of(get_services(context), query.from_user.id)
            await answer_query(query, t.gettext("This button is not valid."), show_alert=True)
            return
        await handlers.unknown_command(update, context)

    return guarded
