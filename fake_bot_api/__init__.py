"""Fake Telegram Bot API for tests and terminal demos of a python-telegram-bot bot.

FakeBotApi keeps an in-memory Telegram. FakeRequest plugs it into ``telegram.Bot`` without
sockets, and FakeBotApiServer serves it over HTTP on 127.0.0.1.
"""

from fake_bot_api.core import FakeBotApi
from fake_bot_api.errors import BotApiError, TimedOutAfterDelivery
from fake_bot_api.records import (
    ApiCall,
    BotEvent,
    BotEventKind,
    FakeUser,
    StoredFile,
    UploadedFile,
)
from fake_bot_api.request import FakeRequest
from fake_bot_api.server import FakeBotApiServer

__all__ = [
    "ApiCall",
    "BotApiError",
    "BotEvent",
    "BotEventKind",
    "FakeBotApi",
    "FakeBotApiServer",
    "FakeRequest",
    "FakeUser",
    "StoredFile",
    "TimedOutAfterDelivery",
    "UploadedFile",
]
