"""A Bot API stand-in that answers every request at once, for load measurements.

`InstantBotApi` plugs into python-telegram-bot as its request backend, like
`fake_bot_api.FakeRequest`, but keeps no chat history and copies nothing, so
that its own cost stays small next to the bot's. It still pays what the real
HTTP backend pays on the bot's side (encoding every parameter as JSON form
fields) and returns Bot API-shaped JSON that the bot parses as usual.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Benchmark Bot",
    "username": "benchmark_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

# Called with the Bot API method, its parameters, the perf_counter time the
# request reached the stand-in, and the id of the message that a sendMessage sends.
RequestListener = Callable[[str, dict[str, Any], float, int | None], None]

# Methods that send a new message and return it.
_SEND_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto"})
# Methods that return the Message they edited.
_EDIT_METHODS = frozenset({"editmessagetext", "editmessagereplymarkup"})
# Methods that return True.
_TRUE_METHODS = frozenset(
    {
        "answercallbackquery",
        "setmycommands",
        "deletemycommands",
        "deletemessage",
        "sendchataction",
        "setchatmenubutton",
    }
)


class InstantBotApi(BaseRequest):
    """Serve sends, edits, answerCallbackQuery and the start-up calls with no delay.

    Other methods get Telegram's 404 "Not Found" and are counted in `unknown`,
    so a benchmark notices a bot that calls something this stand-in lacks.
    """

    def __init__(self) -> None:
        self.listeners: dict[int, RequestListener] = {}
        self.calls: Counter[str] = Counter()
        self.unknown: Counter[str] = Counter()
        self.alerts = 0
        self.uploaded_bytes = 0
        self._next_message_id: dict[int, int] = {}
        self._next_update_id = 0

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        """Do nothing: there is no connection to open."""

    async def shutdown(self) -> None:
        """Do nothing: there is no connection to close."""

    def next_message_id(self, chat_id: int) -> int:
        """Reserve a message id in the chat, for messages that users send too."""
        message_id = self._next_message_id.get(chat_id, 0) + 1
        self._next_message_id[chat_id] = message_id
        return message_id

    def next_update_id(self) -> int:
        self._next_update_id += 1
        return self._next_update_id

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        arrived = time.perf_counter()
        bot_api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = {}
        if request_data is not None:
            # HTTPXRequest sends these JSON-encoded form fields, so the bot pays for them here too.
            request_data.json_parameters  # noqa: B018
            params = request_data.parameters
            self.uploaded_bytes += _upload_size(request_data)
        self.calls[bot_api_method] += 1
        if params.get("show_alert"):
            self.alerts += 1

        method_key = bot_api_method.lower()
        chat_id = params.get("chat_id")
        sent_id = None
        if method_key in _SEND_METHODS and isinstance(chat_id, int):
            sent_id = self.next_message_id(chat_id)
        listener = self.listeners.get(chat_id) if isinstance(chat_id, int) else None
        if listener is not None:
            listener(bot_api_method, params, arrived, sent_id)
        return self._respond(method_key, params, sent_id)

    def _respond(
        self, method: str, params: dict[str, Any], sent_id: int | None
    ) -> tuple[int, bytes]:
        if method == "getme":
            return _ok(BOT_USER)
        if method in _TRUE_METHODS:
            return _ok(True)
        if method in _SEND_METHODS or method in _EDIT_METHODS:
            return _ok(self._message(method, params, sent_id))
        self.unknown[method] += 1
        return 404, b'{"ok":false,"error_code":404,"description":"Not Found"}'

    def _message(self, method: str, params: dict[str, Any], sent_id: int | None) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message_id = sent_id if sent_id is not None else int(params["message_id"])
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": BOT_USER,
            "chat": {"id": chat_id, "type": "private", "first_name": "Respondent"},
            "date": int(time.time()),
            "text": params.get("text", ""),
        }
        # Telegram echoes inline keyboards in the returned Message.
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        if method == "senddocument":
            message["document"] = {"file_id": f"document-{message_id}", "file_unique_id": "d"}
        if method == "sendphoto":
            photo = {
                "file_id": f"photo-{message_id}",
                "file_unique_id": "p",
                "width": 1,
                "height": 1,
            }
            message["photo"] = [photo]
        return message


def _upload_size(request_data: RequestData) -> int:
    if not request_data.contains_files:
        return 0
    size = 0
    for _name, content, _mime_type in request_data.multipart_data.values():
        size += len(content) if isinstance(content, bytes) else len(content.read())
    return size


def _ok(result: object) -> tuple[int, bytes]:
    return 200, json.dumps({"ok": True, "result": result}).encode()
