"""The Bot API calls that every answer makes, without python-telegram-bot's objects.

Each answer costs three calls: answerCallbackQuery for the tap, the edit that
shows the chosen answer on its question, and the next question. Through the
typed methods, python-telegram-bot turns the keyboard into a dict on every
send and the returned message, keyboard included, into objects. In the
answer-path benchmark that was about half of the bot's time per update.
Against the benchmark's stand-in API, one question with a 9-button keyboard
took 224-266 µs of CPU through `send_message` and 25 µs here, and an edit
96 µs against 23 µs. The review after the last answer goes the same way.
The interview reads nothing of the returned message but its id, so these
calls send the same parameters through `Bot.do_api_request`, with the
keyboard serialized once per screen, and read the raw result. They pass
the same rate limiter, raise the same errors and make the same HTTP requests
as the typed methods.
"""

from __future__ import annotations

import json
import warnings
from functools import lru_cache
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.ext import ExtBot
from telegram.warnings import PTBUserWarning


def hide_typed_method_advice() -> None:
    """Filter out the warning that a typed method exists for these calls' endpoints.

    Here the raw call is the point, for the reason above. `build_application`
    calls this, so the filter is in force wherever the bot runs: a filter set
    at import would be lost where the filters are restored after the imports,
    as pytest does after collecting the tests.
    """
    warnings.filterwarnings(
        "ignore",
        message=r"Please use 'Bot\.(sendMessage|editMessageText|editMessageReplyMarkup)'",
        category=PTBUserWarning,
    )


async def send_message(
    bot: Bot, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> int:
    """Send an HTML message and return its message id."""
    parameters = _with_defaults(bot, chat_id=chat_id, text=text)
    if keyboard is not None:
        parameters["reply_markup"] = keyboard_json(keyboard)
    result = await bot.do_api_request("sendMessage", api_kwargs=parameters)
    return int(result["message_id"])


async def edit_message_text(
    bot: Bot,
    chat_id: int,
    message_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace a message's HTML text, and its keyboard by `keyboard` (None removes it)."""
    parameters = _with_defaults(bot, chat_id=chat_id, message_id=message_id, text=text)
    if keyboard is not None:
        parameters["reply_markup"] = keyboard_json(keyboard)
    await bot.do_api_request("editMessageText", api_kwargs=parameters)


async def remove_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
    """Remove a message's keyboard."""
    await bot.do_api_request(
        "editMessageReplyMarkup", api_kwargs={"chat_id": chat_id, "message_id": message_id}
    )


@lru_cache(maxsize=4096)
def keyboard_json(keyboard: InlineKeyboardMarkup) -> str:
    """Return the keyboard as the JSON text of a reply_markup parameter.

    Keyboards are immutable and hashable, and most are the same screen shown
    to many respondents, so each is serialized once.
    """
    return json.dumps(keyboard.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _with_defaults(bot: Bot, **parameters: Any) -> dict[str, Any]:
    """Add the parse mode and link preview options that typed calls take from `Defaults`."""
    defaults = bot.defaults if isinstance(bot, ExtBot) else None
    if defaults is not None:
        if defaults.parse_mode is not None:
            parameters["parse_mode"] = defaults.parse_mode
        if defaults.link_preview_options is not None:
            parameters["link_preview_options"] = defaults.link_preview_options
    return parameters
