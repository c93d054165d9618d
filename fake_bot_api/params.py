"""Coercion of Bot API parameters that arrive as strings.

Telegram accepts every parameter as a query string, a form field or JSON. In the first two
forms integers, booleans and objects arrive as strings, so the fake converts them back to
Python values before passing them to a method.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from fake_bot_api.errors import BotApiError

INTEGER_PARAMETERS = frozenset(
    {
        "cache_time",
        "from_chat_id",
        "limit",
        "max_connections",
        "message_id",
        "message_thread_id",
        "offset",
        "reply_to_message_id",
        "user_id",
    }
)

# The Bot API documents getUpdates' timeout as an integer. The fake also accepts fractions
# of a second, so that tests can long-poll briefly.
NUMBER_PARAMETERS = frozenset({"timeout"})

BOOLEAN_PARAMETERS = frozenset(
    {
        "allow_paid_broadcast",
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "disable_notification",
        "disable_web_page_preview",
        "drop_pending_updates",
        "has_spoiler",
        "protect_content",
        "show_alert",
        "show_caption_above_media",
    }
)

JSON_PARAMETERS = frozenset(
    {
        "allowed_updates",
        "caption_entities",
        "commands",
        "entities",
        "link_preview_options",
        "media",
        "reply_markup",
        "reply_parameters",
        "scope",
    }
)

_INTEGER_PATTERN = re.compile(r"-?\d+")
_NUMBER_PATTERN = re.compile(r"-?\d+(?:\.\d+)?")
_TRUE_STRINGS = frozenset({"true", "1"})
_FALSE_STRINGS = frozenset({"false", "0"})


def coerce_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of ``params`` with integer, boolean and JSON parameters decoded.

    Values that already have a Python type pass through unchanged, as does any parameter
    not listed above. ``chat_id`` becomes an int unless it is a ``@username``.
    Raises BotApiError 400 with the parameter name when a value cannot be decoded.
    """
    coerced: dict[str, Any] = {}
    for name, value in params.items():
        coerced[name] = _coerce_value(name, value)
    return coerced


def _coerce_value(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value

    if name == "chat_id":
        return int(value) if _INTEGER_PATTERN.fullmatch(value) else value

    if name in INTEGER_PARAMETERS:
        if not _INTEGER_PATTERN.fullmatch(value):
            raise BotApiError(
                400, f"Bad Request: invalid {name} value {value!r}: expected an integer"
            )
        return int(value)

    if name in NUMBER_PARAMETERS:
        if not _NUMBER_PATTERN.fullmatch(value):
            raise BotApiError(
                400, f"Bad Request: invalid {name} value {value!r}: expected a number"
            )
        number = float(value)
        return int(number) if number.is_integer() else number

    if name in BOOLEAN_PARAMETERS:
        return _parse_boolean(name, value)

    if name in JSON_PARAMETERS:
        try:
            return json.loads(value)
        except json.JSONDecodeError as error:
            raise BotApiError(400, f"Bad Request: can't parse {name} JSON object") from error

    return value


def _parse_boolean(name: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE_STRINGS:
        return True
    if lowered in _FALSE_STRINGS:
        return False
    raise BotApiError(400, f"Bad Request: invalid {name} value {value!r}: expected true or false")


def require(params: Mapping[str, Any], name: str) -> Any:
    """Return the parameter ``name``, or raise BotApiError 400 if it is missing or empty."""
    value = params.get(name)
    if value is None or value == "":
        raise BotApiError(400, f"Bad Request: {name} is empty")
    return value
