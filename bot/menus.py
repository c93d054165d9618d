"""Telegram's command menu: the respondents' commands, and the staff's own per chat.

Telegram shows a chat the commands set for that chat's scope in place of the
default ones (the Bot API's BotCommandScope order). So every admin and
interviewer gets a menu of their own, in their language, with the interviewer commands after the
respondents' ones, and loses it when removed.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import BadRequest, Forbidden

from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.languages import SUPPORTED_LOCALES, menu_language_code
from bot.services import Services, translator_of

logger = logging.getLogger(__name__)

RESPONDENT_COMMANDS = ("start", "review", "report", "unclear", "help", "language", "privacy")
INTERVIEWER_COMMANDS = ("newcity", "cities", "remind", "export", "cancel")
ADMIN_COMMANDS = ("interviewers", "erase")


async def show_respondent_menus(bot: Bot) -> None:
    """Set the commands of every private chat, described in each supported language."""
    for locale in SUPPORTED_LOCALES:
        t = translator(locale)
        language_code = None if locale == SOURCE_LOCALE else menu_language_code(locale)
        await bot.set_my_commands(_commands(RESPONDENT_COMMANDS, t), language_code=language_code)


async def show_staff_menus(bot: Bot, services: Services) -> None:
    """Set the menu of every admin and interviewer, as at start."""
    admins = services.settings.admin_ids
    staff = [(admin, True) for admin in sorted(admins)]
    staff += [
        (interviewer.user_id, False)
        for interviewer in await services.database.interviewers()
        if interviewer.user_id not in admins
    ]
    for user_id, is_admin in staff:
        await show_staff_menu(bot, user_id, await translator_of(services, user_id), is_admin)


async def show_staff_menu(bot: Bot, user_id: int, t: Translator, is_admin: bool) -> None:
    """Set the menu of one admin or interviewer's chat in their language.

    A person who never opened a chat with the bot has no chat to set it for.
    That failure is logged, and the menu follows at their first /start.
    """
    names = RESPONDENT_COMMANDS + INTERVIEWER_COMMANDS + (ADMIN_COMMANDS if is_admin else ())
    try:
        await bot.set_my_commands(_commands(names, t), scope=BotCommandScopeChat(user_id))
    except (BadRequest, Forbidden) as error:
        logger.info("staff menu of user %d not set: %s", user_id, error.message)


async def refresh_staff_menu(bot: Bot, services: Services, user_id: int, t: Translator) -> None:
    """Set the user's staff menu again, in `t`'s language, if the user is staff."""
    is_admin = user_id in services.settings.admin_ids
    if is_admin or await services.database.is_interviewer(user_id):
        await show_staff_menu(bot, user_id, t, is_admin)


async def hide_staff_menu(bot: Bot, user_id: int) -> None:
    """Remove a former interviewer's own menu, so the respondents' menu shows again."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(user_id))
    except (BadRequest, Forbidden) as error:
        logger.info("staff menu of user %d not removed: %s", user_id, error.message)


def _commands(names: tuple[str, ...], t: Translator) -> list[BotCommand]:
    descriptions = {
        "start": t.gettext("Start or continue the assessment"),
        "review": t.gettext("Review and change your answers"),
        "report": t.gettext("Send my city's report again"),
        "unclear": t.gettext("Mark the question on screen as unclear"),
        "help": t.gettext("How this works"),
        "language": t.gettext("Change the language"),
        "privacy": t.gettext("What is stored and who sees it"),
        "newcity": t.gettext("Add a city and get its invitation link"),
        "cities": t.gettext("Follow the cities' progress"),
        "remind": t.gettext("Remind respondents who have not finished"),
        "export": t.gettext("Export the results"),
        "cancel": t.gettext("Stop adding a city"),
        "interviewers": t.gettext("Add or remove interviewers"),
        "erase": t.gettext("Erase a respondent's personal data"),
    }
    return [BotCommand(name, descriptions[name]) for name in names]
