"""Callback data of the interview's inline keyboard buttons.

Telegram limits callback data to 64 bytes (Bot API, InlineKeyboardButton), so
each button carries a one-letter action, the question id and at most one
value, separated by ":". Any client can send any callback data, so parsing
only checks the shape; handlers check the content against the stored state.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_BYTES = 64


class Action(StrEnum):
    ANSWER = "a"
    TOGGLE = "t"
    DONE = "d"
    SKIP = "s"
    BACK = "b"
    HELP = "h"
    UNCLEAR = "f"
    CHANGE = "c"
    SECTION = "g"
    REVIEW = "r"
    SUBMIT = "u"
    LANGUAGE = "l"


@dataclass(frozen=True)
class Callback:
    action: Action
    target: str = ""
    value: str = ""

    def encode(self) -> str:
        data = ":".join(part for part in (self.action.value, self.target, self.value) if part)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data


def decode(data: str | None) -> Callback | None:
    """Parse callback data, or return None when it is not of a shape this bot sends."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    action, _, rest = data.partition(":")
    target, _, value = rest.partition(":")
    try:
        return Callback(Action(action), target, value)
    except ValueError:
        return None
