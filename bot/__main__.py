"""Command line: `python -m bot` runs the bot; subcommands serve the demo and the operator.

python -m bot                  run the bot with long polling (settings from the environment)
python -m bot demo             run the terminal demo against a local fake Telegram
python -m bot backup FILE      write a consistent copy of the database while the bot runs
python -m bot export --output DIR   write the results as CSV and XLSX files into DIR
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.config import DEFAULT_DATABASE_PATH, ConfigError, configure_logging, load_settings

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
WEBHOOK_PATH = "telegram-webhook"


def main(argv: list[str]) -> int:
    command, arguments = (argv[0], argv[1:]) if argv else ("run", [])
    if command == "demo":
        from bot.demo import run_demo

        return run_demo(arguments)
    if command == "backup":
        return backup(arguments)
    if command == "export":
        from bot.export_cli import export_command

        return export_command(arguments)
    if command == "run" and not arguments:
        return run()
    print(f"unknown command {' '.join(argv)!r}\n{__doc__}", file=sys.stderr)
    return 2


def run() -> int:
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    # The secret part of the token alone also unlocks the bot, so both are masked.
    configure_logging(settings.log_level, (settings.token, settings.token.partition(":")[2]))

    from bot.app import build_application

    application = build_application(settings, serving=True)
    webhook = settings.webhook
    if webhook is None:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
        return 0
    # Telegram sends the secret in the X-Telegram-Bot-Api-Secret-Token header of every
    # webhook request; python-telegram-bot rejects requests without it with 403.
    application.run_webhook(
        listen=webhook.listen,
        port=webhook.port,
        url_path=WEBHOOK_PATH,
        webhook_url=webhook.url.rstrip("/") + "/" + WEBHOOK_PATH,
        secret_token=webhook.secret,
        allowed_updates=ALLOWED_UPDATES,
    )
    return 0


def backup(arguments: list[str]) -> int:
    """Copy the database named by DATABASE_PATH to a new file; needs no bot token."""
    if len(arguments) != 1:
        print("usage: python -m bot backup FILE", file=sys.stderr)
        return 2
    configure_logging("INFO")
    source = Path(os.environ.get("DATABASE_PATH") or DEFAULT_DATABASE_PATH)
    if not source.exists():
        print(f"no database at {source}: set DATABASE_PATH to the bot's database", file=sys.stderr)
        return 2

    from storage import Database, StorageError

    async def copy() -> None:
        async with await Database.open(source) as database:
            await database.back_up(Path(arguments[0]))

    try:
        asyncio.run(copy())
    except StorageError as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return 1
    print(f"backup of {source} written to {arguments[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
