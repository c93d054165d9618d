"""FakeBotApiServer: the fake Bot API over real HTTP on 127.0.0.1, for running a real bot."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from types import TracebackType

from aiohttp import web

from fake_bot_api.core import FakeBotApi
from fake_bot_api.errors import BotApiError, TimedOutAfterDelivery
from fake_bot_api.records import UploadedFile
from fake_bot_api.responses import error_body, success_body

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"

# Telegram accepts uploads of up to 50 MB through the Bot API (sendDocument).
MAX_REQUEST_BYTES = 50 * 1024 * 1024

# Seconds that stop() waits for running requests, such as long polls, before cancelling them.
SHUTDOWN_TIMEOUT_SECONDS = 1.0


class FakeBotApiServer:
    """aiohttp server that routes ``/bot<token>/<method>`` to a FakeBotApi.

    Requests may carry parameters in the query string, a JSON body, a urlencoded form or a
    multipart form with files, as Telegram accepts. File downloads are served at
    ``/file/bot<token>/<file_path>``. With ``token`` set, other tokens get 401 Unauthorized;
    without it any non-empty token is accepted.

    A deliver_then_time_out fault delays the response by ``lost_response_delay`` seconds,
    or until stop(). The client sees a timeout only if its read timeout is shorter.
    """

    def __init__(
        self,
        api: FakeBotApi,
        *,
        port: int = 0,
        token: str | None = None,
        lost_response_delay: float = 30.0,
    ) -> None:
        self._api = api
        self._requested_port = port
        self._token = token
        self._lost_response_delay = lost_response_delay
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._stopping = asyncio.Event()

    @property
    def port(self) -> int:
        """TCP port the server listens on. Raises RuntimeError before start()."""
        if self._port is None:
            raise RuntimeError("FakeBotApiServer is not running; call start() first")
        return self._port

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url``: ``http://127.0.0.1:<port>/bot``."""
        return f"http://{HOST}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for PTB's ``base_file_url``: ``http://127.0.0.1:<port>/file/bot``."""
        return f"http://{HOST}:{self.port}/file/bot"

    async def start(self) -> None:
        """Start listening on 127.0.0.1. With port 0 the OS picks a free port."""
        if self._runner is not None:
            raise RuntimeError("FakeBotApiServer is already running")

        app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        app.router.add_route("*", "/{path:.*}", self._handle_unknown_path)

        # handler_cancellation stops a long poll when its client disconnects.
        runner = web.AppRunner(
            app,
            access_log=None,
            handler_cancellation=True,
            shutdown_timeout=SHUTDOWN_TIMEOUT_SECONDS,
        )
        await runner.setup()
        site = web.TCPSite(runner, HOST, self._requested_port)
        await site.start()

        self._runner = runner
        self._port = runner.addresses[0][1]
        self._stopping.clear()
        logger.info("Fake Bot API server listening on http://%s:%d", HOST, self._port)

    async def stop(self) -> None:
        """Stop the server and send the responses delayed by lost-response faults."""
        if self._runner is None:
            return
        self._stopping.set()
        await self._runner.cleanup()
        self._runner = None
        logger.info("Fake Bot API server on port %s stopped", self._port)
        self._port = None

    async def __aenter__(self) -> FakeBotApiServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _handle_method(self, request: web.Request) -> web.Response:
        if not self._accepts_token(request.match_info["token"]):
            return _error_response(BotApiError(401, "Unauthorized"))

        method = request.match_info["method"]
        try:
            params = await _read_parameters(request)
            result = await self._api.handle(method, params)
        except BotApiError as error:
            return _error_response(error)
        except TimedOutAfterDelivery as error:
            await self._delay_response()
            return _json_response(200, success_body(error.result))
        return _json_response(200, success_body(result))

    async def _handle_file(self, request: web.Request) -> web.Response:
        if not self._accepts_token(request.match_info["token"]):
            return _error_response(BotApiError(401, "Unauthorized"))

        stored = self._api.file_by_path(request.match_info["file_path"])
        if stored is None:
            logger.info("File download failed: no stored file at the requested path")
            return _error_response(BotApiError(404, "Not Found"))
        return web.Response(body=stored.content, content_type=stored.mime_type)

    async def _handle_unknown_path(self, request: web.Request) -> web.Response:
        return _error_response(BotApiError(404, "Not Found"))

    def _accepts_token(self, token: str) -> bool:
        if not token:
            return False
        if self._token is None:
            return True
        return hmac.compare_digest(token.encode(), self._token.encode())

    async def _delay_response(self) -> None:
        logger.info("Delaying a response by up to %.1f s", self._lost_response_delay)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._lost_response_delay):
                await self._stopping.wait()


async def _read_parameters(request: web.Request) -> dict[str, object]:
    params: dict[str, object] = dict(request.query)
    if not request.can_read_body:
        return params

    if request.content_type == "application/json":
        try:
            body = await request.json()
        except json.JSONDecodeError as error:
            raise BotApiError(400, "Bad Request: the request body is not valid JSON") from error
        if not isinstance(body, dict):
            raise BotApiError(400, "Bad Request: the JSON body must be an object")
        params.update(body)
        return params

    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            params[name] = UploadedFile(value.filename, value.file.read(), value.content_type)
        else:
            params[name] = value
    return params


def _json_response(status: int, body: bytes) -> web.Response:
    return web.Response(status=status, body=body, content_type="application/json")


def _error_response(error: BotApiError) -> web.Response:
    return _json_response(error.error_code, error_body(error))
