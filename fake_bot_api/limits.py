"""Checks of Bot API limits on texts, keyboards and commands.

Limits come from the Bot API reference (sendMessage, sendPhoto, InlineKeyboardButton,
BotCommand). Error descriptions imitate Telegram's.
"""

from __future__ import annotations

import re
from typing import Any

from fake_bot_api.errors import BotApiError
from fake_bot_api.records import JsonDict

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_COMMANDS = 100
MAX_COMMAND_DESCRIPTION_LENGTH = 256

_COMMAND_PATTERN = re.compile(r"[a-z0-9_]{1,32}")

# An inline keyboard button must have exactly one of these fields besides its text.
_INLINE_BUTTON_ACTIONS = frozenset(
    {
        "callback_data",
        "callback_game",
        "copy_text",
        "login_url",
        "pay",
        "switch_inline_query",
        "switch_inline_query_chosen_chat",
        "switch_inline_query_current_chat",
        "url",
        "web_app",
    }
)

_MARKUP_KINDS = ("inline_keyboard", "keyboard", "remove_keyboard", "force_reply")


def check_text(text: str) -> None:
    """Raise BotApiError 400 if a message text, after entity parsing, is empty or too long.

    NOTE: The Bot API counts this limit in "characters" without naming the unit. This check
    counts Unicode code points.
    """
    if not text.strip():
        raise BotApiError(400, "Bad Request: message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise BotApiError(400, "Bad Request: message is too long")


def check_caption(caption: str) -> None:
    """Raise BotApiError 400 if a media caption, after entity parsing, is too long."""
    if len(caption) > MAX_CAPTION_LENGTH:
        raise BotApiError(400, "Bad Request: message caption is too long")


def check_callback_answer(text: str) -> None:
    """Raise BotApiError 400 if the text of a callback query answer is too long."""
    if len(text) > MAX_CALLBACK_ANSWER_LENGTH:
        raise BotApiError(400, "Bad Request: callback query answer text is too long")


def check_reply_markup(markup: Any) -> None:
    """Raise BotApiError 400 unless ``markup`` is one reply markup object with valid buttons."""
    if not isinstance(markup, dict) or not any(kind in markup for kind in _MARKUP_KINDS):
        raise BotApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")

    if "inline_keyboard" in markup:
        for row in _rows(markup["inline_keyboard"]):
            for button in row:
                _check_inline_button(button)


def check_inline_markup(markup: Any) -> None:
    """Raise BotApiError 400 unless ``markup`` is an InlineKeyboardMarkup, as edits require."""
    check_reply_markup(markup)
    if "inline_keyboard" not in markup:
        raise BotApiError(400, "Bad Request: inline keyboard expected")


def check_commands(commands: Any) -> None:
    """Raise BotApiError 400 unless ``commands`` is a valid list of BotCommand objects."""
    if not isinstance(commands, list):
        raise BotApiError(400, "Bad Request: can't parse commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise BotApiError(400, "Bad Request: too many commands specified")

    for command in commands:
        if not isinstance(command, dict):
            raise BotApiError(400, "Bad Request: can't parse BotCommand JSON object")
        if not _COMMAND_PATTERN.fullmatch(str(command.get("command", ""))):
            raise BotApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        description = str(command.get("description", ""))
        if not 1 <= len(description) <= MAX_COMMAND_DESCRIPTION_LENGTH:
            raise BotApiError(400, "Bad Request: command description is invalid")


def _rows(keyboard: Any) -> list[list[JsonDict]]:
    valid = isinstance(keyboard, list) and all(
        isinstance(row, list) and all(isinstance(button, dict) for button in row)
        for row in keyboard
    )
    if not valid:
        raise BotApiError(400, "Bad Request: can't parse inline keyboard button: expected arrays")
    return keyboard


def _check_inline_button(button: JsonDict) -> None:
    if not str(button.get("text", "")):
        raise BotApiError(400, "Bad Request: inline keyboard button text is empty")

    actions = _INLINE_BUTTON_ACTIONS.intersection(button)
    if len(actions) != 1:
        raise BotApiError(
            400,
            "Bad Request: can't parse inline keyboard button: "
            "Text buttons are unallowed in the inline keyboard",
        )

    callback_data = button.get("callback_data")
    if callback_data is not None:
        size = len(str(callback_data).encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise BotApiError(400, "Bad Request: BUTTON_DATA_INVALID")
