"""Injected failures for the next calls of a Bot API method."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass

from fake_bot_api.errors import BotApiError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fault:
    """Failure planned for one call: an error response, or (``error`` None) a lost response."""

    error: BotApiError | None


class FaultInjector:
    """Per-method queues of faults, consumed one per call in the order they were added."""

    def __init__(self) -> None:
        self._faults: dict[str, deque[Fault]] = {}

    def add(self, method: str, fault: Fault, times: int) -> None:
        """Plan ``fault`` for the next ``times`` calls of ``method`` (case-insensitive)."""
        if times < 1:
            raise ValueError(f"times must be at least 1, got {times}")
        queue = self._faults.setdefault(method.lower(), deque())
        queue.extend([fault] * times)

    def take(self, method: str) -> Fault | None:
        """Remove and return the next fault planned for ``method``, or None."""
        queue = self._faults.get(method.lower())
        if not queue:
            return None
        fault = queue.popleft()
        logger.info("Injecting a fault into %s: %s", method, fault.error or "lost response")
        return fault

    def clear(self) -> None:
        """Drop every planned fault."""
        self._faults.clear()
