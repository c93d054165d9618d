"""A Bot API stand-in that enforces Telegram's sending limits with flood-control errors.

Telegram's FAQ for bot developers gives about 30 messages per second in
total and about one message per second to one chat. `RateLimitedBotApi`
enforces both exactly: a send that would make more than 30 accepted sends
in any one-second window, or come less than one second after the chat's
last accepted send, gets HTTP 429 "Too Many Requests: retry after N" with
`parameters.retry_after` N, the whole seconds until it would be accepted,
as Telegram answers. Rejected sends deliver nothing and use no allowance.
"""

from __future__ import annotations

import json
import math
import time
from collections import deque
from typing import Any

from telegram.request import BaseRequest, RequestData

from benchmarks.instant_api import InstantBotApi

MESSAGES_PER_SECOND = 30
CHAT_INTERVAL_SECONDS = 1.0
WINDOW_SECONDS = 1.0
_LIMITED_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto"})


class RateLimitedBotApi(InstantBotApi):
    def __init__(self) -> None:
        super().__init__()
        self.flood_errors = 0
        self.delivered: dict[int, int] = {}
        # time.perf_counter() of the first and the last accepted send.
        self.first_accepted = 0.0
        self.last_accepted = 0.0
        self._accepted: deque[float] = deque()
        self._chat_last: dict[int, float] = {}

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        bot_api_method = url.rsplit("/", 1)[-1]
        if bot_api_method.lower() in _LIMITED_METHODS and request_data is not None:
            chat_id = request_data.parameters.get("chat_id")
            wait = self._wait_before_accepting(chat_id, time.monotonic())
            if wait > 0:
                self.flood_errors += 1
                return 429, _flood_body(math.ceil(wait))
            self.delivered[chat_id] = self.delivered.get(chat_id, 0) + 1
            self.last_accepted = time.perf_counter()
            if not self.first_accepted:
                self.first_accepted = self.last_accepted
        return await super().do_request(url, method, request_data)

    def _wait_before_accepting(self, chat_id: Any, now: float) -> float:
        """Return 0 and count the send if both limits allow it now, else the seconds to wait."""
        while self._accepted and self._accepted[0] <= now - WINDOW_SECONDS:
            self._accepted.popleft()
        overall_wait = 0.0
        if len(self._accepted) >= MESSAGES_PER_SECOND:
            overall_wait = self._accepted[0] + WINDOW_SECONDS - now
        chat_wait = self._chat_last.get(chat_id, -math.inf) + CHAT_INTERVAL_SECONDS - now

        wait = max(overall_wait, chat_wait)
        if wait > 0:
            return wait
        self._accepted.append(now)
        self._chat_last[chat_id] = now
        return 0.0


def _flood_body(retry_after: int) -> bytes:
    body = {
        "ok": False,
        "error_code": 429,
        "description": f"Too Many Requests: retry after {retry_after}",
        "parameters": {"retry_after": retry_after},
    }
    return json.dumps(body).encode()
