"""`/erase USER_ID`: an admin removes a respondent's personal identifiers, keeping the answers."""

from __future__ import annotations

import logging

from telegram import Update

from bot.interviewers.access import Caller, Context, admins_only

logger = logging.getLogger(__name__)


@admins_only
async def erase_command(update: Update, context: Context, caller: Caller) -> None:
    """Replace the respondent's Telegram ids by a pseudonym; the city's answers stay."""
    t = caller.t
    arguments = context.args or []
    if len(arguments) != 1 or not arguments[0].isdigit():
        await update.effective_message.reply_text(
            t.gettext(
                "Send /erase followed by the respondent's Telegram user id, for example "
                "/erase 123456789."
            )
        )
        return

    user_id = int(arguments[0])
    pseudonym = await caller.services.database.erase_respondent(user_id, caller.user_id, caller.now)
    if pseudonym is None:
        await update.effective_message.reply_text(
            t.gettext("No respondent has the user id {user_id}.").format(user_id=user_id)
        )
        return
    logger.info("admin %d erased respondent %d as %d", caller.user_id, user_id, pseudonym)
    await update.effective_message.reply_text(
        t.gettext(
            "The respondent's Telegram ids are erased. Their answers stay with the city as "
            "respondent {pseudonym}."
        ).format(pseudonym=pseudonym)
    )
