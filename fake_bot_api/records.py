"""Data records that FakeBotApi stores and exposes to tests: users, calls, files and events."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class FakeUser:
    """Telegram user who talks to the bot in a private chat whose chat id equals the user id."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None

    def to_dict(self) -> JsonDict:
        """Build the Bot API ``User`` object."""
        user: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name is not None:
            user["last_name"] = self.last_name
        if self.username is not None:
            user["username"] = self.username
        if self.language_code is not None:
            user["language_code"] = self.language_code
        return user

    def private_chat(self) -> JsonDict:
        """Build the Bot API ``Chat`` object of the private chat with this user."""
        chat: JsonDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name is not None:
            chat["last_name"] = self.last_name
        if self.username is not None:
            chat["username"] = self.username
        return chat


@dataclass
class ApiCall:
    """One Bot API request received by FakeBotApi, with its outcome.

    ``params`` are the parameters after type coercion, or the raw parameters when coercion
    failed. ``result`` is the returned Bot API result. It stays None while the call waits
    (a long poll) and when the call raised ``error``.
    """

    method: str
    params: JsonDict
    result: object = None
    error: Exception | None = None


@dataclass(frozen=True)
class UploadedFile:
    """File part of a multipart request: the upload as the client sent it."""

    filename: str
    content: bytes
    mime_type: str


@dataclass(frozen=True)
class StoredFile:
    """File known to the fake Telegram servers, addressable by ``file_id`` and ``file_path``."""

    file_id: str
    file_unique_id: str
    file_path: str
    filename: str
    content: bytes
    mime_type: str

    def to_file_dict(self) -> JsonDict:
        """Build the Bot API ``File`` object that getFile returns."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


class BotEventKind(StrEnum):
    """Kind of change that a bot call made to what users see."""

    MESSAGE_SENT = "message_sent"
    MESSAGE_EDITED = "message_edited"
    MESSAGE_DELETED = "message_deleted"
    CALLBACK_QUERY_ANSWERED = "callback_query_answered"
    CHAT_ACTION_SENT = "chat_action_sent"


@dataclass(frozen=True)
class BotEvent:
    """Change that a bot call made, as delivered to subscribers.

    ``message`` is the message after the change (for a deletion, the message as it was),
    with ``reply_markup`` as the bot sent it, including reply keyboards.
    ``params`` are the call's parameters, for example the text of a callback query answer
    or the chat action.
    """

    kind: BotEventKind
    chat_id: int | None
    message: JsonDict | None = None
    params: JsonDict = field(default_factory=dict)
