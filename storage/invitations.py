"""Invitations: single-use links that let one respondent open a city's assessment.

A token is stored only as its SHA-256 hex digest. An invitation is open until
it is redeemed, revoked or past `expires_at`. Redeeming it records the
respondent; the assessment that respondent opens next is linked to the city.
"""

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from . import respondents
from .connection import execute, fetch_all, fetch_one
from .errors import NotFound, StorageError
from .models import AssessmentStatus
from .timestamps import format_timestamp, parse_optional_timestamp, parse_timestamp

logger = logging.getLogger(__name__)

_FIELDS = (
    "id",
    "token_sha256",
    "city_id",
    "created_by",
    "created_at",
    "expires_at",
    "used_by",
    "used_at",
    "revoked_at",
    "assessment_id",
)
_COLUMNS = ", ".join(_FIELDS)
# The same columns for a query that names the invitations table "i".
COLUMNS_OF_I = ", ".join(f"i.{field}" for field in _FIELDS)


class InvitationState(StrEnum):
    OPEN = "open"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class Invitation:
    id: int
    token_sha256: str
    city_id: int
    created_by: int
    created_at: datetime
    expires_at: datetime
    used_by: int | None
    used_at: datetime | None
    revoked_at: datetime | None
    assessment_id: int | None

    def state(self, now: datetime) -> InvitationState:
        """Return the state at `now`; a redeemed invitation stays used after it expires."""
        if self.used_by is not None:
            return InvitationState.USED
        if self.revoked_at is not None:
            return InvitationState.REVOKED
        if now >= self.expires_at:
            return InvitationState.EXPIRED
        return InvitationState.OPEN


class RedemptionOutcome(StrEnum):
    REDEEMED = "redeemed"
    ALREADY_YOURS = "already_yours"
    PARTICIPATING = "participating"
    ALREADY_SUBMITTED = "already_submitted"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Redemption:
    """The result of redeeming a token.

    `invitation` is the one the token names (None for an unknown token), except
    for PARTICIPATING, where it is the invitation the respondent redeemed earlier.
    """

    outcome: RedemptionOutcome
    invitation: Invitation | None = None

    @property
    def accepted(self) -> bool:
        """True when the respondent may go on to the assessment."""
        return self.outcome in (
            RedemptionOutcome.REDEEMED,
            RedemptionOutcome.ALREADY_YOURS,
            RedemptionOutcome.PARTICIPATING,
            RedemptionOutcome.ALREADY_SUBMITTED,
        )


def issue(
    connection: sqlite3.Connection,
    token_sha256: str,
    city_id: int,
    created_by: int,
    now: datetime,
    expires_at: datetime,
) -> Invitation:
    row = fetch_one(connection, "SELECT 1 FROM cities WHERE id = ?", (city_id,))
    if row is None:
        raise NotFound(f"city {city_id} not found")

    invitation_id = connection.execute(
        "INSERT INTO invitations (token_sha256, city_id, created_by, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (token_sha256, city_id, created_by, format_timestamp(now), format_timestamp(expires_at)),
    ).lastrowid
    invitation = get(connection, invitation_id) if invitation_id is not None else None
    if invitation is None:
        raise StorageError(f"Internal error: invitation of city {city_id} missing after insert")
    logger.info("issued invitation %d for city %d by user %d", invitation.id, city_id, created_by)
    return invitation


def get(connection: sqlite3.Connection, invitation_id: int) -> Invitation | None:
    row = fetch_one(
        connection, f"SELECT {_COLUMNS} FROM invitations WHERE id = ?", (invitation_id,)
    )
    return None if row is None else from_row(row)


def of_city(connection: sqlite3.Connection, city_id: int) -> list[Invitation]:
    rows = fetch_all(
        connection,
        f"SELECT {_COLUMNS} FROM invitations WHERE city_id = ? ORDER BY id",
        (city_id,),
    )
    return [from_row(row) for row in rows]


def of_cities(connection: sqlite3.Connection, city_ids: list[int]) -> dict[int, list[Invitation]]:
    """Return the invitations of each city, oldest first; a city without any maps to []."""
    found: dict[int, list[Invitation]] = {city_id: [] for city_id in city_ids}
    if not city_ids:
        return found
    marks = ", ".join("?" for _ in city_ids)
    rows = fetch_all(
        connection,
        f"SELECT {_COLUMNS} FROM invitations WHERE city_id IN ({marks}) ORDER BY id",
        city_ids,
    )
    for row in rows:
        found[row["city_id"]].append(from_row(row))
    return found


def of_respondent(connection: sqlite3.Connection, user_id: int) -> Invitation | None:
    """Return the invitation the respondent redeemed most recently, or None."""
    row = fetch_one(
        connection,
        f"SELECT {_COLUMNS} FROM invitations WHERE used_by = ?"
        " ORDER BY used_at DESC, id DESC LIMIT 1",
        (user_id,),
    )
    return None if row is None else from_row(row)


def redeem(
    connection: sqlite3.Connection, token_sha256: str, user_id: int, chat_id: int, now: datetime
) -> Redemption:
    """Redeem the invitation for the user, inside the caller's transaction.

    Only an open invitation is consumed, and only by a respondent who takes
    part in no city yet. Such a respondent's assessment in progress, from
    open enrollment, moves to the invitation's city.
    """
    row = fetch_one(
        connection, f"SELECT {_COLUMNS} FROM invitations WHERE token_sha256 = ?", (token_sha256,)
    )
    if row is None:
        return Redemption(RedemptionOutcome.UNKNOWN)
    invitation = from_row(row)

    if invitation.used_by == user_id:
        return Redemption(RedemptionOutcome.ALREADY_YOURS, invitation)
    state = invitation.state(now)
    if state is not InvitationState.OPEN:
        return Redemption(RedemptionOutcome(state.value), invitation)

    earlier = of_respondent(connection, user_id)
    if earlier is not None:
        return Redemption(RedemptionOutcome.PARTICIPATING, earlier)
    latest = fetch_one(
        connection,
        "SELECT id, status FROM assessments WHERE respondent_id = ?"
        " ORDER BY started_at DESC, id DESC LIMIT 1",
        (user_id,),
    )
    if latest is not None and latest["status"] == AssessmentStatus.SUBMITTED.value:
        return Redemption(RedemptionOutcome.ALREADY_SUBMITTED, invitation)

    respondents.save(connection, user_id, chat_id)
    execute(
        connection,
        "UPDATE invitations SET used_by = ?, used_at = ? WHERE id = ?",
        (user_id, format_timestamp(now), invitation.id),
    )
    if latest is not None:
        _link(connection, invitation.id, invitation.city_id, latest["id"])
    logger.info("invitation %d redeemed by user %d", invitation.id, user_id)
    return Redemption(RedemptionOutcome.REDEEMED, get(connection, invitation.id))


def link_new_assessment(
    connection: sqlite3.Connection, respondent_id: int, assessment_id: int
) -> None:
    """Link a new assessment to the city of the respondent's redeemed, unlinked invitation."""
    row = fetch_one(
        connection,
        "SELECT id, city_id FROM invitations WHERE used_by = ? AND assessment_id IS NULL"
        " ORDER BY used_at DESC, id DESC LIMIT 1",
        (respondent_id,),
    )
    if row is not None:
        _link(connection, row["id"], row["city_id"], assessment_id)


def revoke(connection: sqlite3.Connection, invitation_id: int, now: datetime) -> bool:
    """Revoke the invitation unless it is redeemed or revoked already; return True if it was."""
    changed = execute(
        connection,
        "UPDATE invitations SET revoked_at = ?"
        " WHERE id = ? AND used_by IS NULL AND revoked_at IS NULL",
        (format_timestamp(now), invitation_id),
    )
    return changed > 0


def revoke_open(connection: sqlite3.Connection, city_id: int, now: datetime) -> list[int]:
    """Revoke the city's unredeemed, unexpired invitations and return their ids."""
    stamp = format_timestamp(now)
    rows = fetch_all(
        connection,
        "SELECT id FROM invitations WHERE city_id = ? AND used_by IS NULL"
        " AND revoked_at IS NULL AND expires_at > ? ORDER BY id",
        (city_id, stamp),
    )
    ids = [row["id"] for row in rows]
    for invitation_id in ids:
        revoke(connection, invitation_id, now)
    return ids


def _link(
    connection: sqlite3.Connection, invitation_id: int, city_id: int, assessment_id: int
) -> None:
    execute(
        connection,
        "UPDATE invitations SET assessment_id = ? WHERE id = ?",
        (assessment_id, invitation_id),
    )
    execute(connection, "UPDATE assessments SET city_id = ? WHERE id = ?", (city_id, assessment_id))
    logger.info("assessment %d linked to city %d", assessment_id, city_id)


def from_row(row: sqlite3.Row) -> Invitation:
    """Build an Invitation from a row with the invitation columns under their own names."""
    return Invitation(
        id=row["id"],
        token_sha256=row["token_sha256"],
        city_id=row["city_id"],
        created_by=row["created_by"],
        created_at=parse_timestamp(row["created_at"]),
        expires_at=parse_timestamp(row["expires_at"]),
        used_by=row["used_by"],
        used_at=parse_optional_timestamp(row["used_at"]),
        revoked_at=parse_optional_timestamp(row["revoked_at"]),
        assessment_id=row["assessment_id"],
    )
