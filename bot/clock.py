"""The bot's clock: the current UTC time, which tests replace through `bot_data`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

CLOCK_KEY = "clock"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def current_time(bot_data: Mapping[str, Any]) -> datetime:
    """Return the time from the clock stored under CLOCK_KEY, or the system's UTC time."""
    clock: Clock = bot_data.get(CLOCK_KEY, utc_now)
    return clock()
