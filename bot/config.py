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
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class ConfigError(Exception):
    """A setting that is missing or malformed; the message names the variable and the fix."""


@dataclass(frozen=True)
class WebhookSettings:
    """Where Telegram posts updates in webhook mode, and the secret it must send along."""

    url: str
    secret: str
    listen: str
    port: int

    def __repr__(self) -> str:
        return f"WebhookSettings(url={self.url!r}, listen={self.listen!r}, port={self.port})"


@dataclass(frozen=True)
class Settings:
    token: str
    api_url: str
    file_url: str
    database_path: Path
    admin_ids: frozenset[int]
    log_level: str
    webhook: WebhookSettings | None = None
    # Without open enrollment, only respondents with an invitation can start an assessment.
    open_enrollment: bool = False
    invitation_days: int = 30
    reminder_after_days: int = 3
    # Automatic reminders per idle spell; 0 turns them off.
    reminder_max: int = 2

    def __repr__(self) -> str:
        # The token grants full control of the bot, so it never appears in output.
        return (
            f"Settings(api_url={self.api_url!r}, database_path={str(self.database_path)!r}, "
            f"admin_ids={sorted(self.admin_ids)}, log_level={self.log_level!r}, "
            f"open_enrollment={self.open_enrollment}, invitation_days={self.invitation_days}, "
            f"reminder_after_days={self.reminder_after_days}, "
            f"reminder_max={self.reminder_max})"
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
        webhook=_webhook(values),
        open_enrollment=_boolean(values, "OPEN_ENROLLMENT", default=False),
        invitation_days=_whole_number(values, "INVITATION_DAYS", 30, minimum=1, maximum=365),
        reminder_after_days=_whole_number(values, "REMINDER_AFTER_DAYS", 3, minimum=1, maximum=365),
        reminder_max=_whole_number(values, "REMINDER_MAX", 2, minimum=0, maximum=50),
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


def configure_logging(level: str, secrets: tuple[str, ...] = ()) -> None:
    """Log to stderr at `level`, with every secret in `secrets` masked in every record."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(LOG_FORMAT, secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # The HTTP client logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


class RedactingFormatter(logging.Formatter):
    """Mask secrets wherever they appear in a formatted record, tracebacks included.

    python-telegram-bot logs the Bot API base URL, which contains the token, at
    DEBUG level (telegram.ext.ExtBot, version 22), so silencing the HTTP client
    alone is not enough.
    """

    def __init__(self, fmt: str, secrets: tuple[str, ...]) -> None:
        super().__init__(fmt)
        self._secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text


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


def _webhook(values: Mapping[str, str]) -> WebhookSettings | None:
    url = values.get("WEBHOOK_URL", "").strip()
    if not url:
        return None
    if not url.startswith("https://"):
        raise ConfigError(f"WEBHOOK_URL must be an https:// URL that reaches this bot, got {url!r}")
    secret = values.get("WEBHOOK_SECRET", "").strip()
    # Bot API, setWebhook: secret_token is 1-256 characters of A-Z, a-z, 0-9, _ and -.
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
        raise ConfigError(
            "WEBHOOK_SECRET must be set with WEBHOOK_URL: 16 to 256 characters of A-Z, a-z, "
            "0-9, _ and -, for example the output of: python -c "
            "'import secrets; print(secrets.token_urlsafe(32))'"
        )
    port = values.get("WEBHOOK_PORT", "8443").strip()
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"WEBHOOK_PORT must be a TCP port number, got {port!r}")
    listen = values.get("WEBHOOK_LISTEN", "127.0.0.1").strip() or "127.0.0.1"
    return WebhookSettings(url=url, secret=secret, listen=listen, port=int(port))


def _boolean(values: Mapping[str, str], name: str, default: bool) -> bool:
    raw = values.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("true", "yes", "1", "on"):
        return True
    if raw in ("false", "no", "0", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, got {values[name]!r}")


def _whole_number(
    values: Mapping[str, str], name: str, default: int, minimum: int, maximum: int
) -> int:
    raw = values.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise ConfigError(f"{name} must be a whole number from {minimum} to {maximum}, got {raw!r}")
    return int(raw)


def _log_level(raw: str) -> str:
    level = raw.strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    return level
