"""Exceptions that the fake Bot API raises in place of an HTTP response."""

from __future__ import annotations

from typing import Any


class BotApiError(Exception):
    """Error response of the Bot API: ``{"ok": false, "error_code": ..., "description": ...}``.

    ``retry_after`` is the number of seconds to wait, sent as ``parameters.retry_after`` with
    error 429 (Too Many Requests).
    """

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def to_response(self) -> dict[str, Any]:
        """Build the JSON body that Telegram returns for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class TimedOutAfterDelivery(Exception):
    """Injected fault: the call took effect, but its response never reaches the client.

    ``result`` is the response the client would have received. FakeRequest turns this into
    ``telegram.error.TimedOut``. FakeBotApiServer delays the HTTP response, so a client whose
    read timeout is shorter than the delay times out.
    """

    def __init__(self, method: str, result: object) -> None:
        super().__init__(f"{method} was applied, but its response is withheld")
        self.method = method
        self.result = result
