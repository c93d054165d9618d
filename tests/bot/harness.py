"""Run the real Application against the fake Bot API, and act as respondents on phones.

Telegram is replaced at the HTTP boundary only: the Application's requests go
through FakeRequest to FakeBotApi. Updates enter the Application's update
queue as the Updater would put them there, so they pass through the per-user
update processor and every handler, and `deliver` returns once they are done.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.app import build_application, close_services, open_services
from bot.clock import CLOCK_KEY, Clock
from bot.config import Settings
from bot.interview.state import InterviewState, load_state
from bot.services import SERVICES_KEY, Services
from fake_bot_api import FakeBotApi, FakeRequest, FakeUser

TOKEN = "123456789:AAHfake-token-for-tests-0123456789abc"


def settings_for_tests(
    database_path: Path, admin_ids: frozenset[int] = frozenset(), open_enrollment: bool = True
) -> Settings:
    """Return test settings; open enrollment lets a test /start without an invitation."""
    return Settings(
        token=TOKEN,
        api_url="http://127.0.0.1:9/bot",
        file_url="http://127.0.0.1:9/file/bot",
        database_path=database_path,
        admin_ids=admin_ids,
        log_level="DEBUG",
        open_enrollment=open_enrollment,
    )


@dataclass
class BotHarness:
    api: FakeBotApi
    database_path: Path
    application: Application | None = None
    people: dict[int, Person] = field(default_factory=dict)
    admin_ids: frozenset[int] = frozenset()
    open_enrollment: bool = True
    # Replaces the bot's clock (bot.clock) when set; it survives restarts.
    clock: Clock | None = None

    @property
    def services(self) -> Services:
        return self.application.bot_data[SERVICES_KEY]

    async def start(self) -> None:
        request = FakeRequest(self.api)
        self.application = build_application(
            settings_for_tests(self.database_path, self.admin_ids, self.open_enrollment),
            request=request,
        )
        if self.clock is not None:
            self.application.bot_data[CLOCK_KEY] = self.clock
        await self.application.initialize()
        await open_services(self.application)
        await self.application.start()

    async def stop(self) -> None:
        if self.application is None:
            return
        await self.application.stop()
        await close_services(self.application)
        await self.application.shutdown()
        self.application = None

    async def restart(self) -> None:
        """Stop the bot and start a new Application on the same database file."""
        await self.stop()
        await self.start()

    async def deliver(self, update: dict[str, Any]) -> None:
        """Hand one update to the Application and wait until it is handled."""
        await self.application.update_queue.put(Update.de_json(update, self.application.bot))
        await self.application.update_queue.join()

    async def deliver_together(self, updates: list[dict[str, Any]]) -> None:
        """Hand several updates over at once, as a burst from the network would arrive."""
        for update in updates:
            await self.application.update_queue.put(Update.de_json(update, self.application.bot))
        await self.application.update_queue.join()

    def person(self, user_id: int = 1001, first_name: str = "Maria", language_code: str = "en"):
        user = self.api.user(user_id, first_name, language_code=language_code)
        self.people[user_id] = Person(self, user)
        return self.people[user_id]


@dataclass
class Person:
    """A respondent on a phone: sends messages, taps buttons, reads the chat."""

    harness: BotHarness
    user: FakeUser

    @property
    def chat_id(self) -> int:
        return self.user.id

    async def send(self, text: str) -> None:
        await self.harness.deliver(self.harness.api.push_message(self.user, text))

    async def send_content(self, **content: Any) -> None:
        await self.harness.deliver(self.harness.api.push_message(self.user, **content))

    async def tap(self, label: str, message: dict[str, Any] | None = None) -> None:
        """Tap the button whose text contains `label` on the latest message that has it."""
        message, data = self.find_button(label, message)
        update = self.harness.api.push_callback_query(self.user, message["message_id"], data)
        await self.harness.deliver(update)

    async def press(self, data: str) -> None:
        """Tap the button that carries `data` on the latest message that shows it."""
        for message in reversed(self.messages()):
            if any(button.get("callback_data") == data for button in buttons(message)):
                update = self.harness.api.push_callback_query(
                    self.user, message["message_id"], data
                )
                await self.harness.deliver(update)
                return
        raise AssertionError(f"no button carries {data!r}; last message: {self.last_text()!r}")

    async def tap_data(self, data: str, message_id: int | None = None) -> dict[str, Any]:
        """Send callback data that need not be on any button, as a forging client could."""
        if message_id is None:
            message_id = self.messages()[-1]["message_id"]
        update = self.harness.api.push_callback_query(
            self.user, message_id, data, require_button=False
        )
        await self.harness.deliver(update)
        return update

    def find_button(
        self, label: str, message: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], str]:
        candidates = [message] if message is not None else reversed(self.messages())
        for candidate in candidates:
            for button in buttons(candidate):
                if label in button["text"]:
                    return candidate, button["callback_data"]
        raise AssertionError(f"no button with {label!r}; last message: {self.last_text()!r}")

    def messages(self) -> list[dict[str, Any]]:
        return self.harness.api.messages(self.chat_id)

    def last_text(self) -> str:
        messages = self.messages()
        return messages[-1].get("text", "") if messages else ""

    def texts(self) -> list[str]:
        return [message.get("text", "") for message in self.messages()]

    async def state(self) -> InterviewState | None:
        return await load_state(self.harness.services, self.user.id)

    async def answers(self) -> dict[str, Any]:
        state = await self.state()
        return dict(state.answers) if state else {}


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


@contextlib.asynccontextmanager
async def running_bot(
    database_path: Path,
    api: FakeBotApi | None = None,
    admin_ids: frozenset[int] = frozenset(),
    *,
    open_enrollment: bool = True,
    clock: Clock | None = None,
) -> AsyncIterator[BotHarness]:
    harness = BotHarness(
        api or FakeBotApi(bot_username="smart_city_test_bot"),
        database_path,
        admin_ids=admin_ids,
        open_enrollment=open_enrollment,
        clock=clock,
    )
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
