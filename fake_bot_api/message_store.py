"""Per-chat store of the messages in each chat, sent by users and by the bot."""

from __future__ import annotations

import copy

from fake_bot_api.records import JsonDict


class MessageStore:
    """Messages by chat id and message id.

    Message ids count up from 1 in each chat and are never reused, also after a deletion.
    Users and the bot share one sequence per chat, as in a Telegram private chat.
    Stored messages are the live objects: callers copy them before handing them out.
    """

    def __init__(self) -> None:
        self._messages: dict[int, dict[int, JsonDict]] = {}
        self._last_message_id: dict[int, int] = {}

    def next_message_id(self, chat_id: int) -> int:
        """Reserve and return the next message id of the chat."""
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        return message_id

    def add(self, message: JsonDict) -> None:
        """Store a message under its ``chat.id`` and ``message_id``."""
        chat_id = message["chat"]["id"]
        self._messages.setdefault(chat_id, {})[message["message_id"]] = message

    def get(self, chat_id: int, message_id: int) -> JsonDict | None:
        """Return the stored message, or None if it was never sent or has been deleted."""
        return self._messages.get(chat_id, {}).get(message_id)

    def remove(self, chat_id: int, message_id: int) -> JsonDict | None:
        """Delete the message and return it, or None if it was not stored."""
        return self._messages.get(chat_id, {}).pop(message_id, None)

    def in_chat(self, chat_id: int) -> list[JsonDict]:
        """Return the chat's messages in order of message id."""
        messages = self._messages.get(chat_id, {})
        return [messages[message_id] for message_id in sorted(messages)]


def to_api_message(message: JsonDict) -> JsonDict:
    """Return a copy of a stored message shaped as the Bot API returns it.

    The store keeps any reply markup as the bot sent it, but a Bot API Message carries only
    an InlineKeyboardMarkup, so other markup kinds are left out.
    """
    api_message = copy.deepcopy(message)
    markup = api_message.get("reply_markup")
    if markup is not None and "inline_keyboard" not in markup:
        del api_message["reply_markup"]
    return api_message
