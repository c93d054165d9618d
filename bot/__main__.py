"""Run the bot: `python -m bot` polls Telegram, `python -m bot demo` runs the terminal demo."""

from __future__ import annotations

import sys

from bot.config import ConfigError, configure_logging, load_settings


def main(argv: list[str]) -> int:
    if argv[:1] == ["demo"]:
        from bot.demo import run_demo

        return run_demo(argv[1:])
    if argv:
        print(f"unknown argument {argv[0]!r}: use no argument to run the bot, or 'demo'")
        return 2
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)

    from bot.app import build_application

    application = build_application(settings)
    application.run_polling(allowed_updates=["message", "edited_message", "callback_query"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
