"""A real telegram.Bot talking to FakeBotApiServer over HTTP on 127.0.0.1."""

from collections.abc import AsyncIterator

import aiohttp
import pytest
import telegram
from telegram.error import InvalidToken, TimedOut
from telegram.request import HTTPXRequest

from fake_bot_api import FakeBotApi, FakeBotApiServer, FakeUser

from .conftest import TOKEN


@pytest.fixture
async def server(api: FakeBotApi) -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer(api, token=TOKEN, lost_response_delay=2.0) as running:
        yield running


def http_bot(
    server: FakeBotApiServer, token: str = TOKEN, read_timeout: float = 5.0
) -> telegram.Bot:
    return telegram.Bot(
        token,
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        request=HTTPXRequest(read_timeout=read_timeout),
    )


async def test_bot_works_over_http(
    server: FakeBotApiServer, api: FakeBotApi, user: FakeUser
) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}/bot"

    async with http_bot(server) as bot:
        sent = await bot.send_message(user.id, "<b>Welcome</b>", parse_mode="HTML")
        assert sent.text == "Welcome"

        api.push_message(user, "/start")
        updates = await bot.get_updates(timeout=1)
        assert [update.message.text for update in updates if update.message] == ["/start"]
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
        assert api.pending_updates == []

        photo = await bot.send_photo(
            user.id, b"\x89PNG chart", filename="chart.png", caption="Scores"
        )
        assert photo.caption == "Scores"
        assert api.file(photo.photo[-1].file_id).content == b"\x89PNG chart"

        telegram_file = await bot.get_file(photo.photo[-1].file_id)
        assert telegram_file.file_path is not None
        assert telegram_file.file_path.startswith(server.base_file_url)
        assert await telegram_file.download_as_bytearray() == b"\x89PNG chart"

    assert [call.method for call in api.calls].count("sendPhoto") == 1


async def test_wrong_token_is_unauthorized(server: FakeBotApiServer) -> None:
    with pytest.raises(InvalidToken):
        async with http_bot(server, token="987654321:wrong-token"):
            pass


async def test_json_body_and_unknown_paths(server: FakeBotApiServer, user: FakeUser) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{server.base_url}{TOKEN}/sendMessage"
        async with session.post(url, json={"chat_id": user.id, "text": "hi"}) as response:
            body = await response.json()
            assert response.status == 200
            assert body["ok"] is True
            assert body["result"]["text"] == "hi"

        async with session.get(f"{server.base_url}{TOKEN}/noSuchMethod") as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }

        async with session.get(f"http://127.0.0.1:{server.port}/elsewhere") as response:
            assert response.status == 404


async def test_lost_response_times_out_client(
    server: FakeBotApiServer, api: FakeBotApi, user: FakeUser
) -> None:
    api.deliver_then_time_out("sendMessage")

    async with http_bot(server, read_timeout=0.2) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(user.id, "Question 3")

    assert api.last_message(user.id)["text"] == "Question 3"


async def test_port_is_unavailable_before_start(api: FakeBotApi) -> None:
    server = FakeBotApiServer(api)

    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url
