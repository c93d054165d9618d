"""Settings from environment variables and an optional `.env` file.

A missing or malformed setting stops the bot at start with a message that
names the variable and says how to fix it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_FILE_URL = "https://api.telegram.org/file/bot"
DEFAULT_DATABASE_PATH = Path("data") / "interviews.sqlite3"
# Bot API tokens look like "123456789:AA..." (BotFather).
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A setting that is missing or malformed; the message names the variable and the fix."""


@dataclass(frozen=True)
class Settings:
    token: str
    api_url: str
    file_url: str
    database_path: Path
    admin_ids: frozenset[int]
    log_level: str

    def __repr__(self) -> str:
        # The token grants full control of the bot, so it never appears in output.
        return (
            f"Settings(api_url={self.api_url!r}, database_path={str(self.database_path)!r}, "
            f"admin_ids={sorted(self.admin_ids)}, log_level={self.log_level!r})"
        )


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path = Path(".env")
) -> Settings:
    """Read the settings; values in the environment win over those in `.env`."""
    values = {**read_dotenv(dotenv), **(os.environ if environ is None else environ)}
    return Settings(
        token=_token(values.get("TELEGRAM_BOT_TOKEN", "")),
        api_url=_url(values, "TELEGRAM_API_URL", DEFAULT_API_URL),
        file_url=_url(values, "TELEGRAM_FILE_URL", DEFAULT_FILE_URL),
        database_path=Path(values.get("DATABASE_PATH") or DEFAULT_DATABASE_PATH),
        admin_ids=parse_admin_ids(values.get("ADMIN_IDS", "")),
        log_level=_log_level(values.get("LOG_LEVEL", "INFO")),
    )


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; blank lines and lines starting with # are ignored."""
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, separator, value = stripped.removeprefix("export ").partition("=")
        if not separator or not key.strip():
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE, got a line without '='")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def parse_admin_ids(raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit():
            raise ConfigError(
                f"ADMIN_IDS contains {part!r}, which is not a Telegram user id: "
                "give numeric ids separated by commas, such as ADMIN_IDS=12345,67890"
            )
        ids.add(int(part))
    return frozenset(ids)


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The HTTP client logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def _token(raw: str) -> str:
    token = raw.strip()
    if not token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram and "
            "set TELEGRAM_BOT_TOKEN to the token it gives you (or run the demo: make demo)"
        )
    if not TOKEN_PATTERN.match(token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is malformed: expected the form 123456789:AAE... "
            "exactly as @BotFather gives it"
        )
    return token


def _url(values: Mapping[str, str], name: str, default: str) -> str:
    url = values.get(name, "").strip() or default
    if not re.match(r"^https?://[^\s/]+", url):
        raise ConfigError(f"{name} must be an http(s) URL such as {default}, got {url!r}")
    return url.rstrip("/")


def _log_level(raw: str) -> str:
    level = raw.strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    return level
