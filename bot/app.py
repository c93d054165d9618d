"""Wire the Application: settings, services, handlers and the command menu, in one place."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import answer_path_calls, menus, reliability, reports_delivery
from bot.config import Settings
from bot.i18n import compile_if_stale
from bot.interview import handlers, language, unclear
from bot.interview.callback_data import Action
from bot.interviewers import register_interviewer_handlers
from bot.registry import QuestionnaireRegistry
from bot.reliability import FloodControlRetry, RecentUpdates, duplicate_filter
from bot.services import SERVICES_KEY, Services
from bot.toolstats.command import toolstats_command
from bot.update_processor import PerUserUpdateProcessor
from questionnaires.loader import FILES_DIR, load_directory
from storage import Database

logger = logging.getLogger(__name__)

SETTINGS_KEY = "settings"


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    serving: bool = False,
) -> Application:
    """Build the Application; `request` replaces the HTTP client, as the tests and demo do.

    `serving` marks the one long-running bot process, which also freezes its
    start-up objects out of the garbage collector once the services are open.
    """
    answer_path_calls.hide_typed_method_advice()
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_url)
        .base_file_url(settings.file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(PerUserUpdateProcessor())
        .rate_limiter(FloodControlRetry())
        .post_init(open_services_for_serving if serving else open_services)
        .post_shutdown(close_services)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    application = builder.build()
    application.bot_data[SETTINGS_KEY] = settings
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:
    # Group -1 runs before every other group, so a repeated update stops there.
    application.add_handler(TypeHandler(Update, duplicate_filter(RecentUpdates())), group=-1)
    # Interviewer features come first: some of their handlers pass updates on to the
    # interview's own, which a later registration would never let them see.
    register_interviewer_handlers(application)
    command = {
        "start": handlers.start_command,
        "review": handlers.review_command,
        "report": reports_delivery.report_command,
        "help": handlers.help_command,
        "language": language.language_command,
        "privacy": handlers.privacy_command,
        "unclear": unclear.unclear_command,
        "toolstats": toolstats_command,
    }
    for name, callback in command.items():
        application.add_handler(CommandHandler(name, callback, filters.ChatType.PRIVATE))
    # The language picker is tapped before any assessment exists, so it is routed
    # ahead of the interview's buttons, which all need one.
    language_pattern = f"^{Action.LANGUAGE.value}:"
    application.add_handler(CallbackQueryHandler(language.language_chosen, language_pattern))
    application.add_handler(CallbackQueryHandler(handlers.callback_query))

    private = filters.ChatType.PRIVATE
    # Commands are registered above, so any command left here is unknown.
    application.add_handler(MessageHandler(private & filters.COMMAND, handlers.unknown_command))
    application.add_handler(
        MessageHandler(
            private & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.FORWARDED,
            handlers.text_message,
        )
    )
    application.add_handler(MessageHandler(private, handlers.other_message))
    application.add_error_handler(reliability.log_error)


async def open_services(application: Application, questionnaires_dir: Path = FILES_DIR) -> None:
    """Open the database, pin the newest questionnaire and register the command menu."""
    settings: Settings = application.bot_data[SETTINGS_KEY]
    compile_if_stale()
    database = await Database.open(settings.database_path)
    newest = load_directory(questionnaires_dir)[-1]
    registry = await QuestionnaireRegistry.pin(database, newest)
    services = Services(settings, database, registry)
    application.bot_data[SERVICES_KEY] = services
    await menus.show_respondent_menus(application.bot)
    await menus.show_staff_menus(application.bot, services)
    logger.info("bot @%s ready, database %s", application.bot.username, settings.database_path)


async def open_services_for_serving(application: Application) -> None:
    """Open the services, then move every object alive at start out of the collector's scans.

    The questionnaires, catalogs and libraries loaded at start live as long as
    the process, yet every full collection scanned them again while no update
    moved: up to 170 ms, and 31 ms once frozen, in the paced run of
    benchmarks/answer_path.py with 200 respondents on 2 cores.
    """
    await open_services(application)
    gc.collect()
    gc.freeze()
    logger.info("froze %d start-up objects out of garbage collection", gc.get_freeze_count())


async def close_services(application: Application) -> None:
    services: Services | None = application.bot_data.pop(SERVICES_KEY, None)
    if services is not None:
        await services.database.close()
        logger.info("database closed")
