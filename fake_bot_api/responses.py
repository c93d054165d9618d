"""Encoding of Bot API response bodies shared by FakeRequest and FakeBotApiServer."""

from __future__ import annotations

import json

from fake_bot_api.errors import BotApiError


def success_body(result: object) -> bytes:
    """Encode ``{"ok": true, "result": ...}`` as UTF-8 JSON."""
    return json.dumps({"ok": True, "result": result}).encode("utf-8")


def error_body(error: BotApiError) -> bytes:
    """Encode the error response of ``error`` as UTF-8 JSON."""
    return json.dumps(error.to_response()).encode("utf-8")
