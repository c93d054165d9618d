"""Choosing and switching the respondent's language."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import menus
from bot.i18n import translator
from bot.interview import flow
from bot.interview.callback_data import Action, Callback, decode
from bot.interview.state import load_state
from bot.languages import (
    SUPPORTED_LOCALES,
    locale_from_language_code,
    native_name,
    ordered_locales,
)
from bot.reliability import answer_query
from bot.services import get_services

logger = logging.getLogger(__name__)
BUTTONS_PER_ROW = 2


async def send_language_picker(bot: Bot, chat_id: int, language_code: str | None) -> None:
    """Offer every language by its native name, the one Telegram hints at first."""
    hint = locale_from_language_code(language_code)
    t = translator(hint or "en")
    prompt = "🌐 " + t.gettext("Please choose your language.")
    if hint not in (None, "en"):
        prompt += "\n🌐 Please choose your language."
    await bot.send_message(chat_id, prompt, reply_markup=language_keyboard(hint))


def language_keyboard(hint: str | None) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            native_name(locale), callback_data=Callback(Action.LANGUAGE, locale).encode()
        )
        for locale in ordered_locales(hint)
    ]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the language picker; the current question follows in the chosen language."""
    user, chat = update.effective_user, update.effective_chat
    await get_services(context).database.save_respondent(user.id, chat.id)
    await send_language_picker(context.bot, chat.id, user.language_code)


async def language_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the tapped language and continue the interview in it."""
    query = update.callback_query
    callback = decode(query.data)
    locale = callback.target if callback else None
    if locale not in SUPPORTED_LOCALES:
        logger.warning("user %d sent an unknown language %r", query.from_user.id, locale)
        await answer_query(
            query, translator("en").gettext("This button is not valid."), show_alert=True
        )
        return

    services = get_services(context)
    user = query.from_user
    await services.database.save_respondent(user.id, query.message.chat.id)
    await services.database.set_locale(user.id, locale)
    logger.info("user %d chose locale %s", user.id, locale)
    t = translator(locale)
    await menus.refresh_staff_menu(context.bot, services, user.id, t)
    await answer_query(query)
    chosen = t.gettext("Language: {name}").format(name=native_name(locale))
    await flow.edit_message(context.bot, query.message.chat.id, query.message.message_id, chosen)

    state = await load_state(services, user.id)
    if state is None or state.submitted:
        await flow.open_or_resume(context.bot, services, user.id, user.first_name)
    else:
        await flow.show_current(context.bot, services, state)
