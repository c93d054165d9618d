"""Bot API methods that send, edit and delete messages or answer callback queries."""

from __future__ import annotations

import copy
import logging
from typing import Any

from fake_bot_api.errors import BotApiError
from fake_bot_api.html_markup import parse_html
from fake_bot_api.limits import (
    check_callback_answer,
    check_caption,
    check_inline_markup,
    check_reply_markup,
    check_text,
)
from fake_bot_api.message_store import to_api_message
from fake_bot_api.params import require
from fake_bot_api.records import BotEvent, BotEventKind, JsonDict, StoredFile, UploadedFile
from fake_bot_api.state import Handler, TelegramState

logger = logging.getLogger(__name__)

CHAT_ACTIONS = frozenset(
    {
        "choose_sticker",
        "find_location",
        "record_video",
        "record_video_note",
        "record_voice",
        "typing",
        "upload_document",
        "upload_photo",
        "upload_video",
        "upload_video_note",
        "upload_voice",
    }
)

QUERY_ID_INVALID = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
MESSAGE_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


async def send_message(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement sendMessage: store a text message from the bot and return it."""
    chat = state.chat(require(params, "chat_id"))
    text, entities = _formatted_text(params, "text", "entities")
    check_text(text)

    message = _new_bot_message(state, chat, params)
    message["text"] = text
    if entities:
        message["entities"] = entities
    return _deliver(state, message)


async def send_photo(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement sendPhoto for uploads and known file_ids. The bytes are stored undecoded."""
    chat = state.chat(require(params, "chat_id"))
    # Telegram stores photos re-encoded as JPEG, hence the ".jpg" file_path.
    stored = _resolve_file(state, params, "photo", folder="photos", extension=".jpg")
    message = _new_media_message(state, chat, params)

    # NOTE: The fake does not decode images, so width and height are always 0.
    message["photo"] = [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": 0,
            "height": 0,
            "file_size": len(stored.content),
        }
    ]
    return _deliver(state, message)


async def send_document(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement sendDocument for uploads and known file_ids."""
    chat = state.chat(require(params, "chat_id"))
    stored = _resolve_file(state, params, "document", folder="documents")
    message = _new_media_message(state, chat, params)
    message["document"] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": stored.filename,
        "mime_type": stored.mime_type,
        "file_size": len(stored.content),
    }
    return _deliver(state, message)


async def edit_message_text(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement editMessageText for messages identified by chat_id and message_id.

    Without reply_markup the edit removes the message's inline keyboard, as in Telegram.
    """
    message = _editable_message(state, params)
    if "text" not in message:
        raise BotApiError(400, "Bad Request: there is no text in the message to edit")

    text, entities = _formatted_text(params, "text", "entities")
    check_text(text)
    markup = _new_inline_markup(params)
    unchanged = (
        text == message["text"]
        and entities == message.get("entities", [])
        and markup == _inline_markup(message)
    )
    if unchanged:
        raise BotApiError(400, MESSAGE_NOT_MODIFIED)

    message["text"] = text
    _set_optional(message, "entities", entities or None)
    _replace_inline_markup(message, markup)
    return _record_edit(state, message)


async def edit_message_reply_markup(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement editMessageReplyMarkup. Without reply_markup it removes the inline keyboard."""
    message = _editable_message(state, params)
    markup = _new_inline_markup(params)
    if markup == _inline_markup(message):
        raise BotApiError(400, MESSAGE_NOT_MODIFIED)

    _replace_inline_markup(message, markup)
    return _record_edit(state, message)


async def delete_message(state: TelegramState, params: JsonDict) -> bool:
    """Implement deleteMessage for messages of the bot and of users."""
    chat = state.chat(require(params, "chat_id"))
    message_id = require(params, "message_id")
    deleted = state.messages.remove(chat["id"], message_id)
    if deleted is None:
        raise BotApiError(400, "Bad Request: message to delete not found")

    state.emit(BotEvent(BotEventKind.MESSAGE_DELETED, chat["id"], to_api_message(deleted)))
    return True


async def answer_callback_query(state: TelegramState, params: JsonDict) -> bool:
    """Implement answerCallbackQuery. Each pushed callback query can be answered once."""
    query_id = str(require(params, "callback_query_id"))
    record = state.callback_queries.get(query_id)
    if record is None or record.answer is not None:
        raise BotApiError(400, QUERY_ID_INVALID)
    check_callback_answer(str(params.get("text", "")))

    record.answer = copy.deepcopy(params)
    state.emit(BotEvent(BotEventKind.CALLBACK_QUERY_ANSWERED, record.chat_id, params=params))
    return True


async def send_chat_action(state: TelegramState, params: JsonDict) -> bool:
    """Implement sendChatAction. The action goes to subscribers and is not stored."""
    chat = state.chat(require(params, "chat_id"))
    if require(params, "action") not in CHAT_ACTIONS:
        raise BotApiError(400, "Bad Request: wrong parameter action in request")

    state.emit(BotEvent(BotEventKind.CHAT_ACTION_SENT, chat["id"], params=params))
    return True


async def get_file(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement getFile for files uploaded by the bot or registered by a test."""
    stored = state.files.get(str(require(params, "file_id")))
    if stored is None:
        raise BotApiError(400, "Bad Request: invalid file_id")
    return stored.to_file_dict()


MESSAGE_METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "getFile": get_file,
}


def _formatted_text(
    params: JsonDict, text_name: str, entities_name: str
) -> tuple[str, list[JsonDict]]:
    text = str(params.get(text_name, ""))
    parse_mode = str(params.get("parse_mode") or "")

    if parse_mode.lower() == "html":
        return parse_html(text)
    if parse_mode.lower() in ("markdown", "markdownv2"):
        # NOTE: Markdown is not parsed, so the text is stored as sent and gets no entities.
        return text, []
    if parse_mode:
        raise BotApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")

    entities = params.get(entities_name) or []
    if not isinstance(entities, list):
        raise BotApiError(400, f"Bad Request: can't parse {entities_name} JSON object")
    return text, entities


def _new_bot_message(state: TelegramState, chat: JsonDict, params: JsonDict) -> JsonDict:
    """Build a bot message without content, after checking the parameters.

    The checks come first so that a rejected call does not use up a message id.
    """
    markup = params.get("reply_markup")
    if markup is not None:
        check_reply_markup(markup)
    reply_to = _replied_message(state, chat["id"], params)

    message: JsonDict = {
        "message_id": state.messages.next_message_id(chat["id"]),
        "from": copy.deepcopy(state.bot_user),
        "chat": copy.deepcopy(chat),
        "date": state.now(),
    }
    if reply_to is not None:
        message["reply_to_message"] = to_api_message(reply_to)
    if markup is not None:
        message["reply_markup"] = copy.deepcopy(markup)
    return message


def _new_media_message(state: TelegramState, chat: JsonDict, params: JsonDict) -> JsonDict:
    caption, caption_entities = _formatted_text(params, "caption", "caption_entities")
    check_caption(caption)

    message = _new_bot_message(state, chat, params)
    if caption:
        message["caption"] = caption
    if caption_entities:
        message["caption_entities"] = caption_entities
    return message


def _replied_message(state: TelegramState, chat_id: int, params: JsonDict) -> JsonDict | None:
    reply_parameters = params.get("reply_parameters")
    if isinstance(reply_parameters, dict):
        message_id = reply_parameters.get("message_id")
        allow_missing = bool(reply_parameters.get("allow_sending_without_reply"))
    else:
        message_id = params.get("reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
    if message_id is None:
        return None

    replied = state.messages.get(chat_id, message_id)
    if replied is None and not allow_missing:
        raise BotApiError(400, "Bad Request: message to be replied not found")
    return replied


def _deliver(state: TelegramState, message: JsonDict) -> JsonDict:
    state.messages.add(message)
    logger.debug("Bot sent message %d to chat %d", message["message_id"], message["chat"]["id"])
    state.emit(BotEvent(BotEventKind.MESSAGE_SENT, message["chat"]["id"], message))
    return to_api_message(message)


def _record_edit(state: TelegramState, message: JsonDict) -> JsonDict:
    message["edit_date"] = state.now()
    logger.debug("Bot edited message %d in chat %d", message["message_id"], message["chat"]["id"])
    state.emit(BotEvent(BotEventKind.MESSAGE_EDITED, message["chat"]["id"], message))
    return to_api_message(message)


def _editable_message(state: TelegramState, params: JsonDict) -> JsonDict:
    if params.get("inline_message_id"):
        raise BotApiError(400, "Bad Request: the fake Bot API does not support inline_message_id")

    chat = state.chat(require(params, "chat_id"))
    message = state.messages.get(chat["id"], require(params, "message_id"))
    if message is None:
        raise BotApiError(400, "Bad Request: message to edit not found")
    if message["from"]["id"] != state.bot_user["id"]:
        raise BotApiError(400, "Bad Request: message can't be edited")
    return message


def _new_inline_markup(params: JsonDict) -> JsonDict | None:
    markup = params.get("reply_markup")
    if markup is not None:
        check_inline_markup(markup)
    return markup


def _inline_markup(message: JsonDict) -> JsonDict | None:
    markup = message.get("reply_markup")
    return markup if markup is not None and "inline_keyboard" in markup else None


def _replace_inline_markup(message: JsonDict, markup: JsonDict | None) -> None:
    # Only an inline keyboard belongs to the message. A reply keyboard stays on the user's screen.
    if markup is not None or _inline_markup(message) is not None:
        _set_optional(message, "reply_markup", copy.deepcopy(markup))


def _set_optional(message: JsonDict, name: str, value: Any) -> None:
    if value is None:
        message.pop(name, None)
    else:
        message[name] = value


def _resolve_file(
    state: TelegramState,
    params: JsonDict,
    name: str,
    folder: str,
    extension: str | None = None,
) -> StoredFile:
    """Return the stored file for an upload, an ``attach://`` reference or a known file_id.

    NOTE: The fake never downloads a file from a URL, so a URL is rejected like an unknown
    file_id.
    """
    value = require(params, name)
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.get(value.removeprefix("attach://"))

    if isinstance(value, UploadedFile):
        return state.store_file(value, folder, extension)
    if isinstance(value, str) and value in state.files:
        return state.files[value]
    raise BotApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
