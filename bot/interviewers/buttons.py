"""Route an interviewer's button tap to its feature, after checking the tapper's role."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.interviewers import cities, export, reminders, team
from bot.interviewers.access import Caller, interviewers_only
from bot.interviewers.callback_data import Action, Button, decode
from bot.reliability import answer_query

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@interviewers_only
async def button_tapped(update: Update, context: Context, caller: Caller) -> None:
    """Handle a tap on any "iv:" button; the data is parsed, never trusted."""
    query = update.callback_query
    button = decode(query.data)
    if button is None or not _complete(button):
        logger.warning("user %d sent malformed interviewer callback data", caller.user_id)
        await answer_query(query, caller.t.gettext("This button is not valid."), show_alert=True)
        return

    first, second = button.first or 0, button.second or 0
    match button.action:
        case Action.PAGE:
            await cities.page_tapped(update, context, caller, first)
        case Action.CITY:
            await cities.city_tapped(update, context, caller, first, second)
        case Action.REMIND_CITY:
            await reminders.remind_city_tapped(update, context, caller, first)
        case Action.REMIND_ALL:
            await reminders.remind_all_tapped(update, context, caller)
        case Action.INVITE_ANOTHER:
            await cities.invite_another_tapped(update, context, caller, first)
        case Action.REISSUE:
            await cities.reissue_tapped(update, context, caller, first)
        case Action.REVOKE_OPEN:
            await cities.revoke_open_tapped(update, context, caller, first, second)
        case Action.EXPORT_CITY:
            await export.export_city_tapped(update, context, caller, first)
        case Action.REPORT_CITY:
            await cities.report_tapped(update, context, caller, first)
        case Action.REMOVE_INTERVIEWER:
            await team.remove_tapped(update, context, caller, first)


def _complete(button: Button) -> bool:
    """Return True if the button carries the ids its action needs."""
    if button.action is Action.REMIND_ALL:
        return True
    if button.action in (Action.CITY, Action.REVOKE_OPEN):
        return button.first is not None and button.second is not None
    return button.first is not None
