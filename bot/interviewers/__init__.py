"""Interviewer and admin features in the chat: cities, invitations, reminders, exports.

`register_interviewer_handlers` must run before the interview's handlers are
added: python-telegram-bot gives an update to the first matching handler of
a group, and several handlers here take an update first and pass it on to
the interview's own handler (/start, the language picker, typed text).
"""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.interview.callback_data import Action as InterviewAction
from bot.interviewers import (
    buttons,
    cities,
    enrollment,
    erase,
    export,
    new_city,
    reminders,
    team,
)
from bot.interviewers.callback_data import CONTINUE_PATTERN, PATTERN


def register_interviewer_handlers(application: Application) -> None:
    """Add the interviewer commands, their buttons, the invitation gate and the reminder job."""
    private = filters.ChatType.PRIVATE
    commands = {
        "start": enrollment.start_command,
        "newcity": new_city.new_city_command,
        "cancel": new_city.cancel_command,
        "cities": cities.cities_command,
        "remind": reminders.remind_command,
        "export": export.export_command,
        "interviewers": team.interviewers_command,
        "erase": erase.erase_command,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, private))

    application.add_handler(CallbackQueryHandler(buttons.button_tapped, PATTERN))
    application.add_handler(CallbackQueryHandler(reminders.continue_tapped, CONTINUE_PATTERN))
    application.add_handler(
        CallbackQueryHandler(enrollment.language_chosen, f"^{InterviewAction.LANGUAGE.value}:")
    )
    application.add_handler(
        MessageHandler(private & filters.StatusUpdate.USERS_SHARED, team.users_shared)
    )
    # The same filter as the interview's text handler, so only the typed answers it would
    # take pass through a city draft first.
    application.add_handler(
        MessageHandler(
            private
            & filters.UpdateType.MESSAGE
            & filters.TEXT
            & ~filters.COMMAND
            & ~filters.FORWARDED,
            new_city.text_message,
        )
    )
    reminders.schedule_reminders(application)
