"""Fixtures for the fake Bot API tests: a FakeBotApi, a user and a PTB Bot wired to it."""

from collections.abc import AsyncIterator

import pytest
import telegram

from fake_bot_api import FakeBotApi, FakeRequest, FakeUser

# Shaped like a real token (<bot id>:<secret>). The fake accepts any non-empty token.
TOKEN = "123456789:fake-token-for-tests"


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi()


@pytest.fixture
def user(api: FakeBotApi) -> FakeUser:
    return api.user(42, "Ann", language_code="de")


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[telegram.Bot]:
    fake_bot = telegram.Bot(TOKEN, request=FakeRequest(api), get_updates_request=FakeRequest(api))
    async with fake_bot:
        yield fake_bot
