"""Reminder round: 1,000 reminders through the bot's rate-limited sender, against Telegram's limits.

The bot is built with `bot.app.build_application`, so its own flood-control
retry is in place, and talks to `RateLimitedBotApi`, which answers a send
over the limits with a 429 and a retry-after. The reminders go out through
the bot's shared `bot.sending.Sender`, one to each of 1,000 chats. The
floor is 1,000 / 30 seconds, the least time Telegram's overall limit allows.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.child import run_in_child
from benchmarks.section import Options, Section, TargetCheck, table

TITLE = "Reminder round"
REPRODUCE = "python -m benchmarks --only reminders"
REMINDERS = 1_000
QUICK_REMINDERS = 100
FIRST_CHAT_ID = 2_000_000
RATIO_TARGET = 1.15
BOT_TOKEN = "123456789:AAHbenchmark-token-0123456789abcdefg"
# Plain text of the length of a typical reminder; the round's own wording is not measured.
REMINDER_TEXT = (
    "Reminder: your city's smart city assessment is waiting for you. Send /start to "
    "continue where you stopped; your answers so far are saved."
)


def run(options: Options) -> Section:
    if importlib.util.find_spec("bot.sending") is None:
        return Section.not_available(TITLE, REPRODUCE, "bot/sending.py (the rate-limited sender)")
    count = QUICK_REMINDERS if options.quick else REMINDERS
    print(f"  reminders: {count} through the sender ...", flush=True)
    figures = run_in_child("benchmarks.reminders:run_round", count=count)

    floor = count / 30
    ratio = figures["seconds"] / floor
    section = Section(TITLE, REPRODUCE)
    section.lines += [
        f"{count:,} reminders, one to each of {count:,} chats, handed to "
        "`bot.sending.get_sender(application.bot_data).deliver_all` at once. "
        "`benchmarks.limited_api.RateLimitedBotApi` accepts at most 30 sends in any "
        "one-second window and one per chat per second, and answers any other send with "
        "429 and the whole seconds to wait. Lost means the stand-in never accepted a "
        "reminder for that chat.",
        "",
        *table(
            [
                "total s",
                "× floor (count / 30 s)",
                "flood errors (429)",
                "lost",
                "duplicates",
                "outcomes",
                "peak RSS MiB",
            ],
            [
                [
                    f"{figures['seconds']:.1f}",
                    f"{ratio:.3f}",
                    str(figures["flood_errors"]),
                    str(figures["lost"]),
                    str(figures["duplicates"]),
                    ", ".join(f"{name} {n}" for name, n in sorted(figures["outcomes"].items())),
                    f"{figures['peak_rss_mib']:.0f}",
                ]
            ],
        ),
        "",
        "NOTE: this times the sender alone. A reminder round that also claims each reminder "
        "in the database and picks who is due is not wired in yet.",
    ]
    section.targets += [
        TargetCheck(
            f"reminder round: within {RATIO_TARGET} × the rate-limit floor",
            f"{ratio:.3f} ×",
            ratio <= RATIO_TARGET,
        ),
        TargetCheck("reminder round: no reminder lost", str(figures["lost"]), figures["lost"] == 0),
    ]
    return section


async def run_round(count: int) -> dict[str, Any]:
    from benchmarks.limited_api import RateLimitedBotApi
    from bot.app import build_application
    from bot.config import Settings
    from bot.sending import get_sender

    api = RateLimitedBotApi()
    with tempfile.TemporaryDirectory(prefix="bench-reminders-") as directory:
        settings = Settings(
            token=BOT_TOKEN,
            api_url="http://127.0.0.1:9/bot",
            file_url="http://127.0.0.1:9/file/bot",
            database_path=Path(directory) / "interviews.sqlite3",
            admin_ids=frozenset(),
            log_level="INFO",
        )
        application = build_application(settings, request=api)
        await application.initialize()
        try:
            bot = application.bot
            sender = get_sender(application.bot_data)
            chats = [FIRST_CHAT_ID + index for index in range(count)]
            messages = [(chat, _send(bot, chat)) for chat in chats]
            started = time.perf_counter()
            deliveries = await sender.deliver_all(messages)
            seconds = time.perf_counter() - started
        finally:
            await application.shutdown()

    outcomes: dict[str, int] = {}
    for delivery in deliveries:
        outcomes[str(delivery.outcome)] = outcomes.get(str(delivery.outcome), 0) + 1
    return {
        "seconds": seconds,
        "flood_errors": api.flood_errors,
        "lost": sum(1 for chat in chats if api.delivered.get(chat, 0) == 0),
        "duplicates": sum(max(api.delivered.get(chat, 0) - 1, 0) for chat in chats),
        "outcomes": outcomes,
    }


def _send(bot: Any, chat_id: int) -> Any:
    async def send() -> None:
        await bot.send_message(chat_id, REMINDER_TEXT, parse_mode=None)

    return send
