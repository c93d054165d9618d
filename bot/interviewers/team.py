"""/interviewers: admins list, add and remove the programme's interviewers.

An interviewer is added by numeric Telegram user id ("/interviewers add
12345") or by choosing the person with the "Choose a person" button, which
makes Telegram send the chosen user's id (Bot API, KeyboardButtonRequestUsers).
"""

from __future__ import annotations

import logging
from html import escape

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    KeyboardButtonRequestUsers,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import ContextTypes

from bot import menus
from bot.interviewers.access import Caller, admins_only, translator_of
from bot.interviewers.callback_data import Action, Button
from bot.interviewers.enrollment import interviewer_help_text
from bot.interviewers.views import local_date
from bot.reliability import answer_query
from bot.sending import DeliveryOutcome, get_sender

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
# Identifies the "Choose a person" request in the users_shared reply (Bot API).
REQUEST_ID = 1
USAGE_ACTIONS = ("add", "remove")


@admins_only
async def interviewers_command(update: Update, context: Context, caller: Caller) -> None:
    """List the interviewers, or add or remove one given as "add|remove USER_ID"."""
    arguments = [argument.lower() for argument in context.args or []]
    if arguments:
        if (
            len(arguments) != 2
            or arguments[0] not in USAGE_ACTIONS
            or not _is_user_id(arguments[1])
        ):
            await update.effective_message.reply_text(_usage(caller))
            return
        user_id = int(arguments[1])
        if arguments[0] == "add":
            await _add(context, caller, user_id)
        else:
            await _remove(context, caller, user_id)
        return
    await _send_list(context, caller, offer_choice=True)


@admins_only
async def users_shared(update: Update, context: Context, caller: Caller) -> None:
    """Add the people the admin chose with the "Choose a person" button."""
    shared = update.effective_message.users_shared
    if shared.request_id != REQUEST_ID:
        return
    for user in shared.users:
        await _add(context, caller, user.user_id)


async def remove_tapped(update: Update, context: Context, caller: Caller, user_id: int) -> None:
    """Remove the interviewer on the tapped button; only admins may."""
    query = update.callback_query
    if not caller.is_admin:
        logger.info(
            "user %d rejected: removing interviewer %d needs an admin", caller.user_id, user_id
        )
        await answer_query(query, caller.t.gettext("This button is not valid."), show_alert=True)
        return
    await answer_query(query)
    await _remove(context, caller, user_id)


async def _add(context: Context, caller: Caller, user_id: int) -> None:
    t = caller.t
    database = caller.services.database
    if user_id in caller.services.settings.admin_ids:
        text = t.gettext("{user} is an admin already.").format(user=user_id)
    elif not await database.add_interviewer(user_id, caller.user_id, caller.now):
        text = t.gettext("{user} is an interviewer already.").format(user=user_id)
    else:
        logger.info("user %d added interviewer %d", caller.user_id, user_id)
        text = t.gettext("{user} is now an interviewer.").format(user=user_id)
        their_t = await translator_of(caller.services, user_id)
        await menus.show_staff_menu(context.bot, user_id, their_t, is_admin=False)
        if not await _welcome(context, caller, user_id):
            text += " " + t.gettext(
                "I could not message them yet: ask them to open this bot and send /start."
            )
    await context.bot.send_message(caller.user_id, text, reply_markup=ReplyKeyboardRemove())
    await _send_list(context, caller)


async def _remove(context: Context, caller: Caller, user_id: int) -> None:
    t = caller.t
    if await caller.services.database.remove_interviewer(user_id, caller.user_id, caller.now):
        logger.info("user %d removed interviewer %d", caller.user_id, user_id)
        await menus.hide_staff_menu(context.bot, user_id)
        text = t.gettext("{user} is no longer an interviewer.").format(user=user_id)
    else:
        text = t.gettext("{user} is not an interviewer.").format(user=user_id)
    await context.bot.send_message(caller.user_id, text)
    await _send_list(context, caller)


async def _welcome(context: Context, caller: Caller, user_id: int) -> bool:
    """Tell the new interviewer what they can do; return False if they cannot be reached."""
    text = interviewer_help_text(await translator_of(caller.services, user_id))
    delivery = await get_sender(context.bot_data).deliver(
        user_id, lambda: context.bot.send_message(user_id, text)
    )
    return delivery.outcome is DeliveryOutcome.SENT


async def _send_list(context: Context, caller: Caller, *, offer_choice: bool = False) -> None:
    t = caller.t
    interviewers = await caller.services.database.interviewers()
    admins = ", ".join(str(admin) for admin in sorted(caller.services.settings.admin_ids))
    lines = [
        "<b>" + t.gettext("Interviewers") + "</b>",
        t.gettext("Admins (set in ADMIN_IDS): {ids}").format(ids=escape(admins)),
        "",
    ]
    if not interviewers:
        lines.append(t.gettext("No interviewers yet."))
    for interviewer in interviewers:
        lines.append(
            "• "
            + t.gettext("{user}, added by {admin} on {date}").format(
                user=interviewer.user_id,
                admin=interviewer.added_by,
                date=local_date(interviewer.added_at, "UTC", t),
            )
        )
    lines += ["", _usage(caller)]
    rows = [
        [
            InlineKeyboardButton(
                "✖️ " + t.gettext("Remove {user}").format(user=interviewer.user_id),
                callback_data=Button(Action.REMOVE_INTERVIEWER, interviewer.user_id).encode(),
            )
        ]
        for interviewer in interviewers
    ]
    await context.bot.send_message(
        caller.user_id, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows) if rows else None
    )
    if offer_choice:
        await context.bot.send_message(
            caller.user_id,
            t.gettext("Or choose the person to add:"),
            reply_markup=_choose_keyboard(caller),
        )


def _choose_keyboard(caller: Caller) -> ReplyKeyboardMarkup:
    button = KeyboardButton(
        "👤 " + caller.t.gettext("Choose a person"),
        request_users=KeyboardButtonRequestUsers(REQUEST_ID, user_is_bot=False, max_quantity=1),
    )
    return ReplyKeyboardMarkup([[button]], one_time_keyboard=True, resize_keyboard=True)


def _usage(caller: Caller) -> str:
    return caller.t.gettext(
        "To add an interviewer, send /interviewers add USER_ID with their numeric Telegram "
        "user id. To remove one, tap the button or send /interviewers remove USER_ID."
    )


def _is_user_id(text: str) -> bool:
    return text.isascii() and text.isdigit() and 0 < len(text) <= 19
