"""Shared steps of the interviewer tests: a settable clock, invitations, the reminder job."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import utc_now
from bot.interviewers.reminders import JOB_NAME
from tests.bot.harness import BotHarness, Person

ADMIN = 900
INTERVIEWER = 501
LINK = re.compile(r"https://t\.me/smart_city_test_bot\?start=([A-Za-z0-9_-]+)")
UNKNOWN_COMMAND = "Unknown command. Send /help for the list."
INVALID_BUTTON = "This button is not valid."


class SettableClock:
    """The bot's clock in a test: starts at the real time and moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def local_time(self, days_ahead: int, hour: int, time_zone: str) -> datetime:
        """Move to `hour` o'clock local time in the zone, `days_ahead` days from the start."""
        day = (self.now + timedelta(days=days_ahead)).astimezone(ZoneInfo(time_zone))
        self.now = day.replace(hour=hour, minute=0, second=0, microsecond=0)
        return self.now


def invitation_tokens(person: Person) -> list[str]:
    """Return the tokens of every invitation link sent to the person, oldest first."""
    tokens = []
    for message in person.messages():
        tokens += LINK.findall(message.get("caption", "") + message.get("text", ""))
    return tokens


async def new_city(person: Person, line: str = "Iloilo; Philippines; Asia/Manila") -> str:
    """Add a city with /newcity in one line and return its invitation token."""
    await person.send(f"/newcity {line}")
    return invitation_tokens(person)[-1]


async def run_reminder_check(harness: BotHarness) -> None:
    """Run the reminder job once, as the JobQueue does every minute."""
    [job] = harness.application.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(harness.application)


def photos(person: Person) -> list[dict[str, Any]]:
    return [message for message in person.messages() if "photo" in message]


def last_callback_answer(harness: BotHarness) -> dict[str, Any] | None:
    """Return the answerCallbackQuery parameters of the latest tap."""
    calls = harness.api.calls_to("answerCallbackQuery")
    return calls[-1].params if calls else None
