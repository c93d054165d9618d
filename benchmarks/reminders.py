"""Reminder round: 1,000 automatic reminders from the bot's own round, against Telegram's limits.

The bot is built with `bot.app.build_application` and opens its database
as at start. 1,000 respondents redeemed an invitation to a city of their
own and opened an assessment, and answered nothing since. The round is
`bot.interviewers.reminders.send_due_reminders` at noon, city time, five
days later: it finds who is due, logs each reminder in the database, sends
them through the bot's rate-limited sender and logs each outcome. The Bot
API is `RateLimitedBotApi`, which answers a send over Telegram's limits
with a 429 and a retry-after. The floor is 1,000 / 30 seconds, the least
time that Telegram's overall limit allows.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from benchmarks.child import run_in_child
from benchmarks.section import Options, Section, TargetCheck, table

TITLE = "Reminder round"
REPRODUCE = "python -m benchmarks --only reminders"
REMINDERS = 1_000
QUICK_REMINDERS = 100
FIRST_USER_ID = 2_000_000
INTERVIEWER_ID = 42
TIME_ZONE = "Asia/Manila"
RATIO_TARGET = 1.15
MESSAGES_PER_SECOND = 30
BOT_TOKEN = "123456789:AAHbenchmark-token-0123456789abcdefg"
ROUND_MODULE = "bot.interviewers.reminders"


def run(options: Options) -> Section:
    if importlib.util.find_spec(ROUND_MODULE) is None:
        return Section.not_available(TITLE, REPRODUCE, f"{ROUND_MODULE} (the reminder round)")
    count = QUICK_REMINDERS if options.quick else REMINDERS
    print(f"  reminders: a round of {count} ...", flush=True)
    figures = run_in_child("benchmarks.reminders:run_round", count=count)

    floor = count / MESSAGES_PER_SECOND
    ratio = figures["seconds"] / floor
    section = Section(TITLE, REPRODUCE)
    section.lines += [
        f"{count:,} respondents, each of a city of its own, redeemed an invitation and "
        "opened an assessment, then went quiet. The round is the bot's own "
        "`send_due_reminders` at noon city time five days later, timed from its call to "
        "its return: finding who is due, logging each reminder before sending, sending "
        "through `bot.sending`, logging each outcome. `benchmarks.limited_api."
        "RateLimitedBotApi` accepts at most 30 sends in any one-second window and one per "
        "chat per second, and answers any other send with 429 and the whole seconds to "
        "wait. Lost means that the stand-in never accepted a reminder for that chat.",
        "",
        *table(
            [
                "total s",
                "sending s",
                f"× floor ({count:,} / 30 s)",
                "flood errors (429)",
                "lost",
                "duplicates",
                "round: sent / unreachable / failed",
                "peak RSS MiB",
            ],
            [
                [
                    f"{figures['seconds']:.1f}",
                    f"{figures['sending_seconds']:.1f}",
                    f"{ratio:.3f}",
                    str(figures["flood_errors"]),
                    str(figures["lost"]),
                    str(figures["duplicates"]),
                    " / ".join(
                        str(figures["round"][key]) for key in ("sent", "unreachable", "failed")
                    ),
                    f"{figures['peak_rss_mib']:.0f}",
                ]
            ],
        ),
        "",
        "Sending runs from the first accepted send to the last; the rest of the total is "
        "the round's database work before the first and after the last send.",
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
    from bot.app import build_application, close_services
    from bot.config import Settings
    from bot.interviewers.reminders import send_due_reminders
    from bot.services import SERVICES_KEY

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
        application = build_application(settings, request=api, serving=True)
        await application.initialize()
        await application.post_init(application)
        try:
            services = application.bot_data[SERVICES_KEY]
            chats = await _add_participants(services, count)
            noon = _noon_in_city(datetime.now(UTC) + timedelta(days=5))

            started = time.perf_counter()
            result = await send_due_reminders(application.bot, application.bot_data, services, noon)
            seconds = time.perf_counter() - started
        finally:
            await close_services(application)
            await application.shutdown()

    return {
        "seconds": seconds,
        "sending_seconds": api.last_accepted - api.first_accepted if api.delivered else 0.0,
        "flood_errors": api.flood_errors,
        "lost": sum(1 for chat in chats if api.delivered.get(chat, 0) == 0),
        "duplicates": sum(max(api.delivered.get(chat, 0) - 1, 0) for chat in chats),
        "round": result.as_details(),
    }


async def _add_participants(services: Any, count: int) -> list[int]:
    """Store `count` respondents with a redeemed invitation and an opened assessment."""
    from bot.interviewers.invitations import token_hash

    database = services.database
    questionnaire = services.registry.newest
    now = datetime.now(UTC)
    chats = []
    for index in range(count):
        user_id = FIRST_USER_ID + index
        city = await database.create_city(
            f"City {index}", "philippines", TIME_ZONE, INTERVIEWER_ID, now
        )
        token = token_hash(f"reminder{index:06d}")
        await database.issue_invitation(token, city.id, INTERVIEWER_ID, now, now + timedelta(30))
        await database.redeem_invitation(token, user_id, user_id, now)
        await database.set_locale(user_id, "en")
        await database.create_assessment(user_id, questionnaire.id, questionnaire.version)
        chats.append(user_id)
    return chats


def _noon_in_city(day: datetime) -> datetime:
    local = day.astimezone(ZoneInfo(TIME_ZONE))
    return local.replace(hour=12, minute=0, second=0, microsecond=0)
