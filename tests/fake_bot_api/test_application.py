"""A real PTB Application polling FakeBotApi through FakeRequest."""

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from fake_bot_api import BotEvent, BotEventKind, FakeBotApi, FakeRequest, FakeUser

from .conftest import TOKEN


async def ask_first_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply to /start with a question and two inline buttons."""
    assert update.message is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes", callback_data="yes"),
                InlineKeyboardButton("No", callback_data="no"),
            ]
        ]
    )
    await update.message.reply_text("Is there a data strategy?", reply_markup=keyboard)


async def record_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button tap and show the choice in place of the keyboard."""
    query = update.callback_query
    assert query is not None
    await query.answer("Saved")
    await query.edit_message_text(f"Is there a data strategy? {query.data}")


def build_application(api: FakeBotApi) -> Application:
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(FakeRequest(api))
        .get_updates_request(FakeRequest(api))
        .build()
    )
    application.add_handler(CommandHandler("start", ask_first_question))
    application.add_handler(CallbackQueryHandler(record_choice))
    return application


async def next_event(events: "asyncio.Queue[BotEvent]") -> BotEvent:
    return await asyncio.wait_for(events.get(), timeout=2)


async def test_application_answers_start_and_button(api: FakeBotApi, user: FakeUser) -> None:
    events = api.subscribe()
    application = build_application(api)

    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=1)

        api.push_message(user, "/start")
        question = await next_event(events)
        api.push_callback_query(user, question.message["message_id"], "no")
        answer = await next_event(events)
        edit = await next_event(events)

        await application.updater.stop()
        await application.stop()

    assert question.kind == BotEventKind.MESSAGE_SENT
    assert question.message["text"] == "Is there a data strategy?"
    assert answer.kind == BotEventKind.CALLBACK_QUERY_ANSWERED
    assert answer.params["text"] == "Saved"
    assert edit.kind == BotEventKind.MESSAGE_EDITED
    assert api.last_message(user.id)["text"] == "Is there a data strategy? no"
    assert "reply_markup" not in api.last_message(user.id)
