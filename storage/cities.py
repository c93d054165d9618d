"""Cities that take part in the programme, and the /newcity drafts of interviewers."""

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .connection import execute, fetch_all, fetch_one
from .errors import StorageError
from .timestamps import format_timestamp, parse_timestamp

logger = logging.getLogger(__name__)

_COLUMNS = "id, name, country, time_zone, created_by, created_at"


@dataclass(frozen=True, slots=True)
class City:
    """A city (or other local government unit) and the IANA time zone of its leaders."""

    id: int
    name: str
    country: str
    time_zone: str
    created_by: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CityDraft:
    """An interviewer's /newcity input so far, with None for the fields not given yet."""

    user_id: int
    name: str | None
    country: str | None
    started_at: datetime


def create(
    connection: sqlite3.Connection,
    name: str,
    country: str,
    time_zone: str,
    created_by: int,
    now: datetime,
) -> City:
    city_id = connection.execute(
        "INSERT INTO cities (name, country, time_zone, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (name, country, time_zone, created_by, format_timestamp(now)),
    ).lastrowid
    city = get(connection, city_id) if city_id is not None else None
    if city is None:
        raise StorageError("Internal error: SQLite returned no row for the new city")
    logger.info("created city %d by user %d", city.id, created_by)
    return city


def get(connection: sqlite3.Connection, city_id: int) -> City | None:
    row = fetch_one(connection, f"SELECT {_COLUMNS} FROM cities WHERE id = ?", (city_id,))
    return None if row is None else _to_city(row)


def page(connection: sqlite3.Connection, offset: int, limit: int) -> list[City]:
    """Return cities in the order they were created, newest first."""
    rows = fetch_all(
        connection,
        f"SELECT {_COLUMNS} FROM cities ORDER BY id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [_to_city(row) for row in rows]


def count(connection: sqlite3.Connection) -> int:
    row = fetch_one(connection, "SELECT COUNT(*) FROM cities")
    return int(row[0]) if row is not None else 0


def draft(connection: sqlite3.Connection, user_id: int) -> CityDraft | None:
    row = fetch_one(
        connection,
        "SELECT user_id, name, country, started_at FROM city_drafts WHERE user_id = ?",
        (user_id,),
    )
    if row is None:
        return None
    return CityDraft(
        user_id=row["user_id"],
        name=row["name"],
        country=row["country"],
        started_at=parse_timestamp(row["started_at"]),
    )


def save_draft(
    connection: sqlite3.Connection,
    user_id: int,
    name: str | None,
    country: str | None,
    now: datetime,
) -> None:
    """Store the draft; `started_at` is kept from the first save of a conversation."""
    execute(
        connection,
        "INSERT INTO city_drafts (user_id, name, country, started_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, country = excluded.country",
        (user_id, name, country, format_timestamp(now)),
    )


def delete_draft(connection: sqlite3.Connection, user_id: int) -> bool:
    return execute(connection, "DELETE FROM city_drafts WHERE user_id = ?", (user_id,)) > 0


def _to_city(row: sqlite3.Row) -> City:
    return City(
        id=row["id"],
        name=row["name"],
        country=row["country"],
        time_zone=row["time_zone"],
        created_by=row["created_by"],
        created_at=parse_timestamp(row["created_at"]),
    )
