"""Helpers for Bot API message entities, whose offsets count UTF-16 code units."""

from __future__ import annotations

import re

from fake_bot_api.records import JsonDict

# A command is "/" and up to 32 letters, digits or underscores, optionally "@botusername".
_BOT_COMMAND_PATTERN = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w@/])")


def utf16_length(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def bot_command_entities(text: str) -> list[JsonDict]:
    """Return the ``bot_command`` entities that Telegram adds to a user's message text.

    PTB's CommandHandler matches only messages whose first entity is a bot_command at offset 0,
    so a pushed "/start" needs this entity to reach the bot's handler.
    """
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group(0)),
        }
        for match in _BOT_COMMAND_PATTERN.finditer(text)
    ]
