"""FakeRequest: a PTB request backend that calls FakeBotApi in process, without sockets."""

from __future__ import annotations

import logging
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from fake_bot_api.core import FakeBotApi
from fake_bot_api.errors import BotApiError, TimedOutAfterDelivery
from fake_bot_api.records import UploadedFile
from fake_bot_api.responses import error_body, success_body

logger = logging.getLogger(__name__)

# Telegram's file URLs have the form <host>/file/bot<token>/<file_path>.
_FILE_PATH_PREFIX = "/file/bot"


class FakeRequest(BaseRequest):
    """Replacement for PTB's HTTPXRequest that serves every request from a FakeBotApi.

    Pass one instance as ``request`` and one as ``get_updates_request`` of ``telegram.Bot``.
    The Bot API method is the last segment of the URL path, so any ``base_url`` works.
    Parameters are read from ``RequestData.json_parameters``, which are the strings
    HTTPXRequest would send as form fields, and uploads from ``multipart_data``.
    """

    def __init__(self, api: FakeBotApi, *, read_timeout: float | None = 5.0) -> None:
        self._api = api
        self._read_timeout = read_timeout

    @property
    def read_timeout(self) -> float | None:
        """Default read timeout in seconds that PTB adds to the long-polling timeout.

        NOTE: FakeRequest does not enforce timeouts. Only deliver_then_time_out produces one.
        """
        return self._read_timeout

    async def initialize(self) -> None:
        """Do nothing: there is no connection pool to open."""

    async def shutdown(self) -> None:
        """Do nothing: there is no connection pool to close."""

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
        """Serve a Bot API call or a file download and return the HTTP status and body.

        Raises telegram.error.TimedOut when a deliver_then_time_out fault withholds the
        response.
        """
        path = urlsplit(url).path
        if path.startswith(_FILE_PATH_PREFIX):
            return self._download(path)

        bot_api_method = path.rsplit("/", 1)[-1]
        params = _read_parameters(request_data)
        try:
            result = await self._api.handle(bot_api_method, params)
        except BotApiError as error:
            return error.error_code, error_body(error)
        except TimedOutAfterDelivery as error:
            raise TimedOut(f"Timed out waiting for the response to {error.method}") from error
        return 200, success_body(result)

    def _download(self, path: str) -> tuple[int, bytes]:
        # The path is /file/bot<token>/<file_path>. The token is not checked.
        parts = path.removeprefix(_FILE_PATH_PREFIX).split("/", 1)
        stored = self._api.file_by_path(unquote(parts[1])) if len(parts) == 2 else None
        if stored is None:
            logger.info("File download failed: no stored file at the requested path")
            return 404, error_body(BotApiError(404, "Not Found"))
        return 200, stored.content


def _read_parameters(request_data: RequestData | None) -> dict[str, object]:
    if request_data is None:
        return {}

    params: dict[str, object] = dict(request_data.json_parameters)
    for part_name, (filename, content, mime_type) in request_data.multipart_data.items():
        params[part_name] = UploadedFile(filename, _read_content(content), mime_type)
    return params


def _read_content(content: bytes | IO[bytes]) -> bytes:
    return content if isinstance(content, bytes) else content.read()
