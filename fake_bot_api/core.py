"""FakeBotApi: an in-memory Telegram for tests and demos of a bot.

``handle(method, params)`` serves Bot API calls from FakeRequest or FakeBotApiServer.
Tests drive users with ``user``, ``push_message`` and ``push_callback_query``, read what the
bot did with ``messages``, ``last_message`` and ``calls_to``, and make calls fail with
``fail_next`` and ``deliver_then_time_out``.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import logging
import mimetypes
import time
from collections.abc import Callable, Mapping
from typing import Any

from fake_bot_api.bot_methods import BOT_METHODS, command_list_key
from fake_bot_api.entities import bot_command_entities
from fake_bot_api.errors import BotApiError, TimedOutAfterDelivery
from fake_bot_api.faults import Fault, FaultInjector
from fake_bot_api.message_methods import MESSAGE_METHODS
from fake_bot_api.message_store import to_api_message
from fake_bot_api.params import coerce_params
from fake_bot_api.records import (
    ApiCall,
    BotEvent,
    FakeUser,
    JsonDict,
    StoredFile,
    UploadedFile,
)
from fake_bot_api.state import CallbackQueryRecord, Handler, TelegramState

logger = logging.getLogger(__name__)

# Update fields that contain a Message. push_update registers the chat of such a message.
_MESSAGE_UPDATE_KINDS = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
)


class FakeBotApi:
    """In-memory Telegram Bot API for one bot.

    All methods must be called from the event loop that runs the bot, because long polls
    and subscriber queues are asyncio objects.
    """

    def __init__(
        self,
        *,
        bot_id: int = 123456789,
        bot_first_name: str = "Test Bot",
        bot_username: str = "test_bot",
        clock: Callable[[], float] = time.time,
    ) -> None:
        bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._state = TelegramState(bot_user=bot_user, clock=clock)
        self._faults = FaultInjector()
        self._callback_query_ids = itertools.count(1)
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {**BOT_METHODS, **MESSAGE_METHODS}.items()
        }
        self.calls: list[ApiCall] = []

    @property
    def bot_user(self) -> JsonDict:
        """Copy of the bot's User object, as getMe returns it."""
        return copy.deepcopy(self._state.bot_user)

    # Bot API entry point.

    async def handle(self, method: str, params: Mapping[str, Any]) -> object:
        """Run one Bot API call, record it in ``calls`` and return its ``result`` value.

        ``method`` is case-insensitive. ``params`` may contain strings as sent in a form,
        which are coerced, and UploadedFile values for multipart file parts.
        Raises BotApiError for an error response (404 for an unknown method) and
        TimedOutAfterDelivery for an injected lost response.
        """
        entry = self._methods.get(method.lower())
        call = ApiCall(method=entry[0] if entry else method, params=dict(params))
        self.calls.append(call)
        logger.debug("Bot API call %s", call.method)

        try:
            result = await self._run(entry, call)
        except BotApiError as error:
            call.error = error
            logger.info("Bot API call %s failed: %s", call.method, error)
            raise
        except TimedOutAfterDelivery as error:
            call.error = error
            call.result = copy.deepcopy(error.result)
            logger.info("Bot API call %s succeeded, but its response is withheld", call.method)
            raise

        call.result = copy.deepcopy(result)
        return result

    async def _run(self, entry: tuple[str, Handler] | None, call: ApiCall) -> object:
        if entry is None:
            logger.warning(
                "Bot API method %s is unknown to the fake; returning 404 Not Found, "
                "which PTB raises as InvalidToken",
                call.method,
            )
            raise BotApiError(404, "Not Found")
        name, handler = entry
        call.params = coerce_params(call.params)

        fault = self._faults.take(name)
        if fault is not None and fault.error is not None:
            raise fault.error

        result = await handler(self._state, call.params)
        if fault is not None:
            raise TimedOutAfterDelivery(name, result)
        return result

    # Drivers: what users do.

    def user(
        self,
        user_id: int,
        first_name: str = "Test User",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> FakeUser:
        """Create or replace a user and the private chat between the user and the bot."""
        user = FakeUser(
            id=user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self._state.users[user_id] = user
        self._state.chats[user_id] = user.private_chat()
        return user

    def push_message(self, user: FakeUser, text: str | None = None, **content: Any) -> JsonDict:
        """Queue a Message update from ``user`` in their private chat and return the update.

        ``content`` adds Message fields for other kinds of message, for example
        ``sticker={...}``, ``photo=[...]`` or ``contact={...}``. A text that contains
        commands such as "/start" gets ``bot_command`` entities, as Telegram adds them.
        """
        if text is None and not content:
            raise ValueError("push_message needs a text or message content such as sticker={...}")
        self._ensure_chat(user)

        message: JsonDict = {
            "message_id": self._state.messages.next_message_id(user.id),
            "from": user.to_dict(),
            "chat": user.private_chat(),
            "date": self._state.now(),
        }
        if text is not None:
            message["text"] = text
            entities = bot_command_entities(text)
            if entities:
                message["entities"] = entities
        message.update(copy.deepcopy(content))

        self._state.messages.add(message)
        return self.push_update({"message": message})

    def push_callback_query(
        self,
        user: FakeUser,
        message_id: int,
        data: str,
        *,
        require_button: bool = True,
    ) -> JsonDict:
        """Queue a CallbackQuery update for a tap on an inline button and return the update.

        The message must be stored in the user's chat. With ``require_button`` the message's
        current inline keyboard must contain a button with this callback_data, which is what
        a real tap can produce. Pass False to send stale or forged data.
        """
        message = self._state.messages.get(user.id, message_id)
        if message is None:
            raise LookupError(f"message {message_id} not found in chat {user.id}")
        if require_button and data not in _callback_data_values(message):
            raise ValueError(
                f"message {message_id} has no inline button with callback_data {data!r}; "
                "pass require_button=False to send it anyway"
            )

        query_id = str(next(self._callback_query_ids))
        self._state.callback_queries[query_id] = CallbackQueryRecord(user.id, message_id)
        callback_query: JsonDict = {
            "id": query_id,
            "from": user.to_dict(),
            "message": to_api_message(message),
            "chat_instance": f"fake-chat-instance-{user.id}",
            "data": data,
        }
        return self.push_update({"callback_query": callback_query})

    def push_update(self, update: Mapping[str, Any]) -> JsonDict:
        """Queue a copy of any Update object, with the next update_id, and return it.

        The given update_id, if any, is replaced. The chat of a message update is registered
        so the bot can reply in it, but the message itself is not stored.
        """
        queued = copy.deepcopy(dict(update))
        for kind in _MESSAGE_UPDATE_KINDS:
            message = queued.get(kind)
            if isinstance(message, dict) and isinstance(message.get("chat"), dict):
                self._state.chats.setdefault(message["chat"]["id"], copy.deepcopy(message["chat"]))
        return self._state.updates.push(queued)

    def register_file(
        self, content: bytes, filename: str, mime_type: str | None = None
    ) -> StoredFile:
        """Store a file as if a user had uploaded it, so getFile and downloads find it."""
        guessed = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        return self._state.store_file(UploadedFile(filename, content, guessed), "documents")

    def _ensure_chat(self, user: FakeUser) -> None:
        if user.id not in self._state.chats:
            self._state.users[user.id] = user
            self._state.chats[user.id] = user.private_chat()

    # Observation: what the bot did.

    def messages(self, chat_id: int, *, include_user_messages: bool = False) -> list[JsonDict]:
        """Return copies of the chat's current messages from the bot, in order.

        Edits are applied and deleted messages left out. ``reply_markup`` is kept as the bot
        sent it, including reply keyboards that the Bot API does not echo.
        """
        bot_id = self._state.bot_user["id"]
        return [
            copy.deepcopy(message)
            for message in self._state.messages.in_chat(chat_id)
            if include_user_messages or message["from"]["id"] == bot_id
        ]

    def last_message(self, chat_id: int) -> JsonDict:
        """Return the bot's latest message in the chat, or raise LookupError if there is none."""
        messages = self.messages(chat_id)
        if not messages:
            raise LookupError(f"the bot has no message in chat {chat_id}")
        return messages[-1]

    def calls_to(self, method: str) -> list[ApiCall]:
        """Return the recorded calls of ``method`` (case-insensitive), in order."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def callback_answer(self, callback_query_id: str) -> JsonDict | None:
        """Return the answerCallbackQuery parameters for the query, or None if unanswered.

        Raises LookupError for a callback query id that was never pushed.
        """
        record = self._state.callback_queries.get(callback_query_id)
        if record is None:
            raise LookupError(f"callback query {callback_query_id!r} was never pushed")
        return copy.deepcopy(record.answer)

    def commands(self, *, scope: JsonDict | None = None, language_code: str = "") -> list[JsonDict]:
        """Return the command list stored by setMyCommands for the scope and language code."""
        key = command_list_key(scope, language_code)
        return copy.deepcopy(self._state.commands.get(key, []))

    def file(self, file_id: str) -> StoredFile:
        """Return a stored file by file_id, or raise LookupError."""
        stored = self._state.files.get(file_id)
        if stored is None:
            raise LookupError(f"file {file_id!r} not found")
        return stored

    def file_by_path(self, file_path: str) -> StoredFile | None:
        """Return the stored file that getFile reported under ``file_path``, or None."""
        return self._state.file_by_path(file_path)

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Copies of the updates that the bot has not confirmed with a getUpdates offset."""
        return self._state.updates.pending

    def subscribe(self) -> asyncio.Queue[BotEvent]:
        """Return a new queue that receives a BotEvent for each later change users can see."""
        queue: asyncio.Queue[BotEvent] = asyncio.Queue()
        self._state.subscribers.append(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[BotEvent]) -> None:
        """Stop delivering events to ``queue``."""
        self._state.subscribers.remove(queue)

    # Fault injection.

    def fail_next(self, method: str, error: BotApiError, *, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``error`` and have no effect."""
        self._faults.add(method, Fault(error), times)

    def deliver_then_time_out(self, method: str, *, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` take effect but lose their response.

        The caller sees a timeout: ``handle`` raises TimedOutAfterDelivery, which FakeRequest
        turns into telegram.error.TimedOut.
        """
        self._faults.add(method, Fault(None), times)

    def clear_faults(self) -> None:
        """Drop all faults that have not been used yet."""
        self._faults.clear()


def _callback_data_values(message: JsonDict) -> set[str]:
    markup = message.get("reply_markup") or {}
    return {
        button["callback_data"]
        for row in markup.get("inline_keyboard", [])
        for button in row
        if "callback_data" in button
    }
