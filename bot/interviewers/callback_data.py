"""Callback data of the interviewers' buttons, and of the respondents' Continue button.

Telegram limits callback data to 64 bytes (Bot API, InlineKeyboardButton).
Interviewer buttons carry "iv", a one-letter action and up to two numbers,
separated by ":". Any client can send any callback data, so handlers check
the tapping user's rights and every id again on each tap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PREFIX = "iv"
PATTERN = f"^{PREFIX}:"
# The button under a reminder; it belongs to the respondent who taps it, so it carries nothing.
CONTINUE = "continue"
CONTINUE_PATTERN = f"^{CONTINUE}$"


class Action(StrEnum):
    PAGE = "p"
    CITY = "c"
    REMIND_CITY = "r"
    REMIND_ALL = "a"
    INVITE_ANOTHER = "n"
    REISSUE = "i"
    REVOKE_OPEN = "x"
    EXPORT_CITY = "e"
    REPORT_CITY = "o"
    REMOVE_INTERVIEWER = "d"


@dataclass(frozen=True)
class Button:
    action: Action
    first: int | None = None
    second: int | None = None

    def encode(self) -> str:
        numbers = [str(n) for n in (self.first, self.second) if n is not None]
        return ":".join([PREFIX, self.action.value, *numbers])


def decode(data: str | None) -> Button | None:
    """Parse interviewer callback data, or return None when it has another shape."""
    if not data or len(data.encode()) > 64:
        return None
    prefix, _, rest = data.partition(":")
    action, *numbers = rest.split(":")
    if prefix != PREFIX or len(numbers) > 2 or not all(_is_number(n) for n in numbers):
        return None
    try:
        parsed = Action(action)
    except ValueError:
        return None
    values = [int(n) for n in numbers] + [None, None]
    return Button(parsed, values[0], values[1])


def _is_number(text: str) -> bool:
    # User ids and city ids are positive; isdigit alone would accept other scripts' digits.
    return text.isascii() and text.isdigit() and len(text) <= 19
