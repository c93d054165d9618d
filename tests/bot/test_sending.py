"""The bulk sender against the fake Bot API: pacing, flood control and blocked users."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
import telegram

from bot.sending import DeliveryOutcome, Sender
from fake_bot_api import BotApiError, FakeBotApi, FakeRequest

TOKEN = "123456789:fake-token-for-sender-tests"
BLOCKED = "Forbidden: bot was blocked by the user"


@pytest.fixture
def api() -> FakeBotApi:
    fake = FakeBotApi()
    for user_id in range(1, 11):
        fake.user(user_id, f"User {user_id}")
    return fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, request=FakeRequest(api)) as fake_bot:
        yield fake_bot


def _messages(bot: telegram.Bot, chat_ids: list[int], text: str = "Reminder"):
    return [
        (chat_id, lambda chat_id=chat_id: bot.send_message(chat_id, text)) for chat_id in chat_ids
    ]


def _sent_chats(api: FakeBotApi) -> list[int]:
    return [call.params["chat_id"] for call in api.calls_to("sendMessage") if call.error is None]


async def test_overall_rate_paced(bot: telegram.Bot, api: FakeBotApi) -> None:
    sender = Sender(messages_per_second=50)
    started = time.monotonic()

    deliveries = await sender.deliver_all(_messages(bot, list(range(1, 11))))

    elapsed = time.monotonic() - started
    assert [d.outcome for d in deliveries] == [DeliveryOutcome.SENT] * 10
    assert elapsed >= 9 / 50
    assert _sent_chats(api) == list(range(1, 11))


async def test_one_chat_paced_in_order(bot: telegram.Bot, api: FakeBotApi) -> None:
    sender = Sender(chat_interval=0.2)
    messages = [(1, lambda n=n: bot.send_message(1, f"part {n}")) for n in range(3)]
    started = time.monotonic()

    await sender.deliver_all(messages)

    elapsed = time.monotonic() - started
    assert elapsed >= 0.4
    assert [m["text"] for m in api.messages(1)] == ["part 0", "part 1", "part 2"]


async def test_flood_error_pauses_and_retries(bot: telegram.Bot, api: FakeBotApi) -> None:
    sender = Sender(chat_interval=0)
    api.fail_next(
        "sendMessage", BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)
    )
    started = time.monotonic()

    deliveries = await sender.deliver_all(_messages(bot, [1, 2, 3]))

    elapsed = time.monotonic() - started
    assert [d.outcome for d in deliveries] == [DeliveryOutcome.SENT] * 3
    assert deliveries[0].attempts == 2
    assert elapsed >= 1.0
    for chat_id in (1, 2, 3):
        assert len(api.messages(chat_id)) == 1


async def test_blocked_user_unreachable(bot: telegram.Bot, api: FakeBotApi) -> None:
    sender = Sender()
    api.fail_next("sendMessage", BotApiError(403, BLOCKED))

    deliveries = await sender.deliver_all(_messages(bot, [1, 2, 3]))

    assert deliveries[0].outcome is DeliveryOutcome.UNREACHABLE
    assert deliveries[0].error == BLOCKED
    assert [d.outcome for d in deliveries[1:]] == [DeliveryOutcome.SENT] * 2
    assert api.messages(1) == []


async def test_unknown_chat_unreachable(bot: telegram.Bot) -> None:
    sender = Sender()

    delivery = await sender.deliver(999, lambda: bot.send_message(999, "Hello"))

    assert delivery.outcome is DeliveryOutcome.UNREACHABLE


async def test_gives_up_after_max_attempts(bot: telegram.Bot, api: FakeBotApi) -> None:
    sender = Sender(max_attempts=2, chat_interval=0)
    api.fail_next("sendMessage", BotApiError(429, "Too Many Requests", retry_after=0), times=2)

    delivery = await sender.deliver(1, lambda: bot.send_message(1, "Hello"))

    assert delivery.outcome is DeliveryOutcome.FAILED
    assert delivery.attempts == 2
