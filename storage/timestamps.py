"""Timestamps as stored in the database: ISO 8601 text in UTC.

Every stored timestamp has microseconds and the +00:00 offset, so text order
is time order and SQL can sort on the column directly.
"""

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("timestamp must be timezone-aware, got a naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def parse_optional_timestamp(text: str | None) -> datetime | None:
    if text is None:
        return None
    return parse_timestamp(text)
