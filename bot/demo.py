"""Terminal demo: the real bot against a fake Bot API on 127.0.0.1, with no token needed.

Usage: `python -m bot demo [--database PATH] [--fresh]`. The bot's messages are
printed with their buttons numbered. Type a number to tap a button and any
other text to send it as a message. Commands such as `/start` work as in
Telegram, and `/quit` (or the end of input) leaves. Answers are kept in the
database, so running the demo again resumes the interview.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from telegram.ext import Application

from bot.app import build_application, close_services, open_services
from bot.config import Settings, configure_logging
from bot.interview.callback_data import Action
from fake_bot_api import BotEvent, BotEventKind, FakeBotApi, FakeBotApiServer, FakeUser

DEMO_TOKEN = "100000001:demo-token-for-the-local-fake-bot-api"
DEMO_USER_ID = 7001
DEFAULT_DATABASE = Path("data") / "demo.sqlite3"
# Folder for the photos and documents the bot sends, such as the report.
OUTPUT_DIR = Path("data") / "demo-output"
TAG = re.compile(r"<[^>]+>")
# Buttons beside a typed answer: Back, Help, Unclear and Skip.
NAVIGATION_ACTIONS = {Action.BACK, Action.HELP, Action.UNCLEAR, Action.SKIP}


def run_demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot demo", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=DEFAULT_DATABASE,
        help=f"SQLite file for the demo (default: {DEFAULT_DATABASE})",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="delete the demo database first and start a new interview",
    )
    arguments = parser.parse_args(argv)

    configure_logging("WARNING")
    if arguments.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{arguments.database}{suffix}").unlink(missing_ok=True)
    asyncio.run(_run(arguments.database, sys.stdin, sys.stdout))
    return 0


async def _run(database: Path, stdin: TextIO, stdout: TextIO) -> None:
    api = FakeBotApi(bot_first_name="Smart City Assessment", bot_username="smart_city_demo_bot")
    async with FakeBotApiServer(api) as server:
        settings = Settings(
            token=DEMO_TOKEN,
            api_url=server.base_url,
            file_url=server.base_file_url,
            database_path=database,
            admin_ids=frozenset({DEMO_USER_ID}),
            log_level="WARNING",
            # The demo user takes the interview without an invitation link.
            open_enrollment=True,
        )
        application = build_application(settings)
        async with application:
            await open_services(application)
            await application.updater.start_polling(poll_interval=0, timeout=10)
            await application.start()
            try:
                await Terminal(api, application, stdin, stdout).run()
            finally:
                await application.updater.stop()
                await application.stop()
                await close_services(application)


class Terminal:
    """Shows the chat in a terminal and turns typed lines into a user's updates."""

    def __init__(
        self, api: FakeBotApi, application: Application, stdin: TextIO, stdout: TextIO
    ) -> None:
        self._api = api
        self._application = application
        self._stdin = stdin
        self._stdout = stdout
        self._user: FakeUser = api.user(DEMO_USER_ID, "Demo Mayor", language_code="en")
        self._events = api.subscribe()
        self._buttons: list[tuple[int, str]] = []

    async def run(self) -> None:
        self._print(
            "Smart city interview demo. Type a number to tap a button, text to answer, "
            "/quit to leave.\n"
        )
        await self._send_and_show(self._api.push_message(self._user, "/start"))
        loop = asyncio.get_running_loop()
        while True:
            self._stdout.write("> ")
            self._stdout.flush()
            line = await loop.run_in_executor(None, self._stdin.readline)
            if not line or line.strip() == "/quit":
                self._print("\nBye. Run the demo again to continue where you stopped.")
                return
            update = self._update_for(line.rstrip("\n"))
            if update is not None:
                await self._send_and_show(update)

    def _update_for(self, line: str) -> dict[str, Any] | None:
        text = line.strip()
        button = self._button_number(text)
        if button is not None:
            message_id, data = self._buttons[button - 1]
            try:
                return self._api.push_callback_query(self._user, message_id, data)
            except (LookupError, ValueError):
                self._print("  (that button is no longer there)")
                return None
        if not text:
            return None
        return self._api.push_message(self._user, line)

    async def _send_and_show(self, update: dict[str, Any]) -> None:
        await self._wait_until_handled(update["update_id"])
        while not self._events.empty():
            self._show(self._events.get_nowait())

    async def _wait_until_handled(self, update_id: int) -> None:
        # The Updater confirms updates with its next getUpdates call, which it makes
        # only after putting them in the update queue; join() then waits for handlers.
        while any(pending["update_id"] == update_id for pending in self._api.pending_updates):  # noqa: ASYNC110 - the fake offers no event for confirmations
            await asyncio.sleep(0.01)
        await self._application.update_queue.join()

    def _show(self, event: BotEvent) -> None:
        if event.kind == BotEventKind.CALLBACK_QUERY_ANSWERED:
            if event.params.get("text"):
                self._print(f"  (notice) {event.params['text']}")
            return
        if event.kind not in (BotEventKind.MESSAGE_SENT, BotEventKind.MESSAGE_EDITED):
            return
        message = event.message or {}
        if event.kind == BotEventKind.MESSAGE_EDITED:
            self._show_edit(message)
            return
        self._print("\n" + _plain(message.get("text") or message.get("caption") or ""))
        self._save_file(message)
        self._show_buttons(message)

    def _save_file(self, message: dict[str, Any]) -> None:
        """Save a sent photo or document under OUTPUT_DIR, which a terminal cannot show."""
        if message.get("photo"):
            file_id = message["photo"][-1]["file_id"]
            name = f"photo-{message['message_id']}.png"
        elif message.get("document"):
            file_id = message["document"]["file_id"]
            name = Path(message["document"].get("file_name") or "document").name
        else:
            return
        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUTPUT_DIR / name
        path.write_bytes(self._api.file(file_id).content)
        self._print(f"  (file saved: {path})")

    def _show_edit(self, message: dict[str, Any]) -> None:
        # An edit either updates the buttons (a multiple choice being ticked) or
        # closes a question, whose last line then states the answer.
        if (message.get("reply_markup") or {}).get("inline_keyboard"):
            self._print("  (buttons updated)")
            self._show_buttons(message)
            return
        if self._buttons and self._buttons[0][0] == message.get("message_id"):
            self._buttons = []
        last_line = _plain(message.get("text") or "").strip().splitlines()[-1:]
        if last_line:
            self._print(f"  {last_line[0]}")

    def _button_number(self, text: str) -> int | None:
        """Return the number of the button that `text` taps, or None if it is an answer.

        Where the question takes a typed answer, its only buttons are Back, Help,
        Unclear and Skip, so a bare number is the answer and "#2" taps button 2.
        """
        typed_answer = self._buttons and all(
            data.split(":")[0] in NAVIGATION_ACTIONS for _, data in self._buttons
        )
        if typed_answer and not text.startswith("#"):
            return None
        number = text.removeprefix("#")
        if number.isdigit() and 1 <= int(number) <= len(self._buttons):
            return int(number)
        return None

    def _show_buttons(self, message: dict[str, Any]) -> None:
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        if not rows:
            return
        self._buttons = []
        typed_answer = all(
            button["callback_data"].split(":")[0] in NAVIGATION_ACTIONS
            for row in rows
            for button in row
        )
        marker = "#" if typed_answer else ""
        for row in rows:
            labels = []
            for button in row:
                self._buttons.append((message["message_id"], button["callback_data"]))
                labels.append(f"[{marker}{len(self._buttons)}] {button['text']}")
            self._print("   " + "   ".join(labels))
        if typed_answer:
            self._print("   (type your answer; type #1, #2 ... to tap a button)")

    def _print(self, text: str) -> None:
        self._stdout.write(text + "\n")
        self._stdout.flush()


def _plain(text: str) -> str:
    return html.unescape(TAG.sub("", text))
