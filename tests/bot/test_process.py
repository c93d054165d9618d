"""The bot as a process: SIGTERM and SIGKILL, webhook secrets, and no token in debug logs."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import pytest

from fake_bot_api import FakeBotApi, FakeBotApiServer, FakeUser

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "424242424:AAEprocess-test-token-0123456789abcdef"
WEBHOOK_SECRET = "webhook-secret-for-tests-0123456789"


@pytest.fixture
async def server() -> AsyncIterator[tuple[FakeBotApi, FakeBotApiServer]]:
    api = FakeBotApi(bot_username="process_test_bot")
    async with FakeBotApiServer(api) as running:
        yield api, running


def start_bot(
    server: FakeBotApiServer, database: Path, log: Path, **extra: str
) -> subprocess.Popen:
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.base_url,
        "TELEGRAM_FILE_URL": server.base_file_url,
        "DATABASE_PATH": str(database),
        "LOG_LEVEL": "DEBUG",
        "OPEN_ENROLLMENT": "true",
        **extra,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=environment,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


async def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def stop(process: subprocess.Popen, sig: signal.Signals) -> int:
    process.send_signal(sig)
    for _ in range(200):
        if process.poll() is not None:
            return process.returncode
        await asyncio.sleep(0.05)
    process.kill()
    raise AssertionError(f"bot did not exit after {sig.name}")


async def say(api: FakeBotApi, user: FakeUser, text: str, expected_messages: int) -> None:
    api.push_message(user, text)
    await wait_for(lambda: len(api.messages(user.id)) >= expected_messages)


async def tap(api: FakeBotApi, user: FakeUser, data: str, expected_messages: int) -> None:
    message = next(m for m in reversed(api.messages(user.id)) if data in str(m.get("reply_markup")))
    api.push_callback_query(user, message["message_id"], data)
    await wait_for(lambda: len(api.messages(user.id)) >= expected_messages)


def stored_answers(database: Path) -> dict[str, str]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT question_id, value FROM answers").fetchall())


async def begin_interview(api: FakeBotApi) -> FakeUser:
    await wait_for(lambda: bool(api.calls_to("getUpdates")))
    user = api.user(5005, "Ana", language_code="en")
    await say(api, user, "/start", 1)
    await tap(api, user, "l:en", 3)
    await say(api, user, "Iloilo", 4)
    return user


async def test_sigterm_finishes_cleanly(server, tmp_path: Path) -> None:
    api, running = server
    database, log = tmp_path / "bot.sqlite3", tmp_path / "bot.log"
    process = start_bot(running, database, log)
    await begin_interview(api)

    code = await stop(process, signal.SIGTERM)

    assert code == 0
    assert "database closed" in log.read_text()
    assert stored_answers(database) == {"city_name": '"Iloilo"'}
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_sigkill_then_resume(server, tmp_path: Path) -> None:
    api, running = server
    database, log = tmp_path / "bot.sqlite3", tmp_path / "bot.log"
    process = start_bot(running, database, log)
    user = await begin_interview(api)
    await tap(api, user, "a:country:philippines", 5)

    await stop(process, signal.SIGKILL)
    process = start_bot(running, database, tmp_path / "second.log")
    count = len(api.messages(user.id))
    await say(api, user, "/start", count + 2)
    await stop(process, signal.SIGTERM)

    assert stored_answers(database) == {"city_name": '"Iloilo"', "country": '"philippines"'}
    assert "How many people live" in api.last_message(user.id)["text"]


async def test_token_absent_from_debug_log(server, tmp_path: Path) -> None:
    api, running = server
    log = tmp_path / "bot.log"
    process = start_bot(running, tmp_path / "bot.sqlite3", log)
    await begin_interview(api)
    await stop(process, signal.SIGTERM)

    text = log.read_text()
    assert "DEBUG" in text
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text


async def test_webhook_checks_secret_token(server, tmp_path: Path) -> None:
    api, running = server
    port = _free_port()
    process = start_bot(
        running,
        tmp_path / "bot.sqlite3",
        tmp_path / "bot.log",
        WEBHOOK_URL="https://bot.example.org/hooks",
        WEBHOOK_SECRET=WEBHOOK_SECRET,
        WEBHOOK_PORT=str(port),
    )
    await wait_for(lambda: bool(api.calls_to("setWebhook")))
    user = api.user(6006, "Lin", language_code="en")
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": user.private_chat(),
            "from": user.to_dict(),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    url = f"http://127.0.0.1:{port}/telegram-webhook"

    async with aiohttp.ClientSession() as session:
        await wait_for_port(port)
        forged = await session.post(url, json=update)
        wrong = await session.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
        )
        right = await session.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        )
    await wait_for(lambda: len(api.messages(user.id)) >= 1)
    await stop(process, signal.SIGTERM)

    assert forged.status == 403
    assert wrong.status == 403
    assert right.status == 200
    assert api.calls_to("setWebhook")[0].params["secret_token"] == WEBHOOK_SECRET
    assert len(api.messages(user.id)) == 1


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def wait_for_port(port: int) -> None:
    for _ in range(300):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        return
    raise AssertionError(f"nothing listens on port {port}")
