"""The least an update can cost: bare Applications that only reply, or write one row and reply.

Both use the bot's per-user update processor, because handling each user's
updates in order is part of the work and not an extra of this bot. The
writing floor opens its SQLite file with `storage.connection.open_connection`,
so it runs with the pragmas the bot's database has (WAL, busy timeout,
foreign keys, and SQLite's default synchronous=FULL), and commits one
INSERT per update before replying, as the bot commits an answer before it
sends the next question.
"""

from __future__ import annotations

import time
from pathlib import Path

import aiosqlite
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from benchmarks.instant_api import InstantBotApi
from bot.update_processor import PerUserUpdateProcessor
from storage.connection import execute, open_connection, run_on_thread

TOKEN = "123456789:AAHbenchmark-token-0123456789abcdefg"
CONNECTION_KEY = "floor_connection"


def reply_floor(api: InstantBotApi) -> Application:
    """Build an Application whose one handler replies "ok" to every update."""
    application = _bare_application(api)
    application.add_handler(TypeHandler(Update, _reply))
    return application


async def write_floor(api: InstantBotApi, database_path: Path) -> Application:
    """Build an Application that commits one row per update to SQLite, then replies."""
    application = _bare_application(api)
    connection = await open_connection(database_path)
    await run_on_thread(
        connection,
        execute,
        "CREATE TABLE IF NOT EXISTS received_updates ("
        " id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,"
        " update_id INTEGER NOT NULL, received_at REAL NOT NULL)",
    )
    application.bot_data[CONNECTION_KEY] = connection
    application.add_handler(TypeHandler(Update, _write_and_reply))
    return application


async def close_floor(application: Application) -> None:
    connection: aiosqlite.Connection | None = application.bot_data.pop(CONNECTION_KEY, None)
    if connection is not None:
        await connection.close()


def _bare_application(api: InstantBotApi) -> Application:
    return (
        ApplicationBuilder()
        .token(TOKEN)
        .request(api)
        .get_updates_request(api)
        .concurrent_updates(PerUserUpdateProcessor())
        .build()
    )


async def _reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_message(update.effective_chat.id, "ok")


async def _write_and_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    connection: aiosqlite.Connection = context.bot_data[CONNECTION_KEY]
    # The connection is in autocommit mode, so this INSERT is one committed transaction,
    # handed to aiosqlite's worker thread in one round trip as the bot's operations are.
    await run_on_thread(
        connection,
        execute,
        "INSERT INTO received_updates (user_id, update_id, received_at) VALUES (?, ?, ?)",
        (update.effective_user.id, update.update_id, time.time()),
    )
    await context.bot.send_message(update.effective_chat.id, "ok")
