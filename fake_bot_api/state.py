"""State of the fake Telegram: the bot, its chats, messages, files, updates and settings."""

from __future__ import annotations

import asyncio
import copy
import itertools
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from fake_bot_api.errors import BotApiError
from fake_bot_api.message_store import MessageStore
from fake_bot_api.records import BotEvent, FakeUser, JsonDict, StoredFile, UploadedFile
from fake_bot_api.update_queue import UpdateQueue

logger = logging.getLogger(__name__)


@dataclass
class CallbackQueryRecord:
    """Callback query pushed to the bot, and the answerCallbackQuery parameters once answered."""

    chat_id: int
    message_id: int
    answer: JsonDict | None = None


@dataclass
class WebhookSettings:
    """Parameters of the last successful setWebhook call. An empty ``url`` means no webhook."""

    url: str = ""
    max_connections: int | None = None
    allowed_updates: list[str] | None = None


@dataclass
class TelegramState:
    """Everything the fake Telegram servers keep between calls.

    Bot API method implementations read and change this object. Subscribers receive a
    BotEvent for every change to what users see.
    """

    bot_user: JsonDict
    clock: Callable[[], float] = time.time
    users: dict[int, FakeUser] = field(default_factory=dict)
    chats: dict[int, JsonDict] = field(default_factory=dict)
    messages: MessageStore = field(default_factory=MessageStore)
    updates: UpdateQueue = field(default_factory=UpdateQueue)
    files: dict[str, StoredFile] = field(default_factory=dict)
    callback_queries: dict[str, CallbackQueryRecord] = field(default_factory=dict)
    # Commands by (scope as canonical JSON, language code), as setMyCommands stores them.
    commands: dict[tuple[str, str], list[JsonDict]] = field(default_factory=dict)
    webhook: WebhookSettings = field(default_factory=WebhookSettings)
    subscribers: list[asyncio.Queue[BotEvent]] = field(default_factory=list)
    _file_counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def now(self) -> int:
        """Return the current Unix time in whole seconds, as in Message.date."""
        return int(self.clock())

    def chat(self, chat_id: object) -> JsonDict:
        """Return the Chat object for ``chat_id``, or raise BotApiError 400 "chat not found"."""
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise BotApiError(400, "Bad Request: chat not found")
        return chat

    def emit(self, event: BotEvent) -> None:
        """Deliver a copy of ``event`` to every subscriber queue."""
        for queue in self.subscribers:
            queue.put_nowait(copy.deepcopy(event))

    def store_file(
        self, upload: UploadedFile, folder: str, extension: str | None = None
    ) -> StoredFile:
        """Store uploaded bytes under a new file_id and a file_path inside ``folder``.

        Without ``extension`` the file_path keeps the upload's extension when the
        ``mimetypes`` module recognizes it, and otherwise gets one for the upload's MIME type.
        """
        number = next(self._file_counter)
        if extension is None:
            extension = _file_extension(upload)

        stored = StoredFile(
            file_id=f"fake-file-id-{number}",
            file_unique_id=f"fake-unique-id-{number}",
            file_path=f"{folder}/file_{number}{extension}",
            filename=upload.filename,
            content=upload.content,
            mime_type=upload.mime_type,
        )
        self.files[stored.file_id] = stored
        logger.debug("Stored file %s (%d bytes)", stored.file_id, len(stored.content))
        return stored

    def file_by_path(self, file_path: str) -> StoredFile | None:
        """Return the stored file with this ``file_path``, or None."""
        for stored in self.files.values():
            if stored.file_path == file_path:
                return stored
        return None


# Implementation of one Bot API method: takes the state and the coerced parameters and
# returns the method's result, or raises BotApiError.
Handler = Callable[[TelegramState, JsonDict], Awaitable[object]]


def _file_extension(upload: UploadedFile) -> str:
    suffix = PurePosixPath(upload.filename).suffix
    if suffix and mimetypes.guess_type(upload.filename)[0] is not None:
        return suffix
    return mimetypes.guess_extension(upload.mime_type) or ""
