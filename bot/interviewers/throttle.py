"""Slow down a user who sends invalid invitation tokens again and again.

Tokens carry 192 random bits, so guessing one is hopeless anyway; the limit
keeps a misbehaving client from hammering the database. Failures are kept in
memory, so a restart clears them.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
BLOCK = timedelta(minutes=15)
# Users with recent failures remembered before the stale ones are swept out.
MEMORY = 10_000


class RedemptionThrottle:
    """Block a user for BLOCK after MAX_FAILURES failed redemptions within WINDOW."""

    def __init__(self) -> None:
        self._failures: dict[int, deque[datetime]] = {}
        self._blocked_until: dict[int, datetime] = {}

    def blocked_for(self, user_id: int, now: datetime) -> timedelta | None:
        """Return how long the user must still wait, or None if the user may try."""
        until = self._blocked_until.get(user_id)
        if until is None:
            return None
        if now >= until:
            del self._blocked_until[user_id]
            return None
        return until - now

    def record_failure(self, user_id: int, now: datetime) -> None:
        if len(self._failures) > MEMORY:
            self._forget_stale(now)
        failures = self._failures.setdefault(user_id, deque())
        failures.append(now)
        while failures and now - failures[0] >= WINDOW:
            failures.popleft()
        if len(failures) >= MAX_FAILURES:
            self._blocked_until[user_id] = now + BLOCK
            del self._failures[user_id]

    def record_success(self, user_id: int) -> None:
        self._failures.pop(user_id, None)

    def _forget_stale(self, now: datetime) -> None:
        self._failures = {
            user_id: failures
            for user_id, failures in self._failures.items()
            if now - failures[-1] < WINDOW
        }
