"""A real telegram.Bot talking to FakeBotApi through FakeRequest."""

import asyncio
import datetime

import pytest
import telegram
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, Forbidden, RetryAfter, TimedOut

from fake_bot_api import BotApiError, FakeBotApi, FakeUser


def yes_no_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Yes", callback_data="q1:yes")],
            [InlineKeyboardButton("No", callback_data="q1:no")],
        ]
    )


async def test_get_me_returns_bot_user(bot: telegram.Bot, api: FakeBotApi) -> None:
    me = await bot.get_me()

    assert me.id == api.bot_user["id"]
    assert me.is_bot
    assert me.username == "test_bot"
    assert bot.username == "test_bot"


async def test_get_me_uses_configured_identity() -> None:
    api = FakeBotApi(bot_id=777, bot_first_name="Survey", bot_username="survey_bot")

    me = await api.handle("getMe", {})

    assert me == api.bot_user
    assert api.bot_user["id"] == 777
    assert api.bot_user["first_name"] == "Survey"
    assert api.bot_user["username"] == "survey_bot"


async def test_send_message_keeps_inline_keyboard(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    sent = await bot.send_message(
        user.id, "Do you have a smart city strategy?", reply_markup=yes_no_keyboard()
    )

    assert sent.message_id == 1
    assert sent.chat.id == user.id
    assert sent.from_user is not None
    assert sent.from_user.id == api.bot_user["id"]
    assert sent.reply_markup == yes_no_keyboard()

    stored = api.last_message(user.id)
    assert stored["text"] == "Do you have a smart city strategy?"
    assert stored["reply_markup"] == yes_no_keyboard().to_dict()


async def test_send_message_stores_reply_keyboard(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    keyboard = ReplyKeyboardMarkup([["1", "2", "3"]], one_time_keyboard=True)

    sent = await bot.send_message(user.id, "Rate from 1 to 3", reply_markup=keyboard)

    # The Bot API echoes only inline keyboards, but the fake keeps what the bot sent.
    assert sent.reply_markup is None
    assert api.last_message(user.id)["reply_markup"] == keyboard.to_dict()


async def test_send_message_parses_html(bot: telegram.Bot, api: FakeBotApi, user: FakeUser) -> None:
    sent = await bot.send_message(user.id, "<b>Question 1</b> of 5 &amp; more", parse_mode="HTML")

    assert sent.text == "Question 1 of 5 & more"
    assert sent.text_html == "<b>Question 1</b> of 5 &amp; more"
    assert api.calls_to("sendMessage")[0].params["text"] == "<b>Question 1</b> of 5 &amp; more"


async def test_send_message_rejects_unescaped_html(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await bot.send_message(user.id, "Budget <5% of total", parse_mode="HTML")

    assert api.messages(user.id) == []


async def test_send_message_to_unknown_chat_fails(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(999, "hello")


async def test_edit_message_text_and_markup(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    sent = await bot.send_message(user.id, "Question 1", reply_markup=yes_no_keyboard())
    answered = InlineKeyboardMarkup([[InlineKeyboardButton("✓ Yes", callback_data="q1:yes")]])

    edited = await bot.edit_message_text(
        "Question 1: Yes", chat_id=user.id, message_id=sent.message_id, reply_markup=answered
    )

    assert isinstance(edited, telegram.Message)
    assert edited.text == "Question 1: Yes"
    assert edited.edit_date is not None
    assert api.last_message(user.id)["text"] == "Question 1: Yes"
    assert api.last_message(user.id)["reply_markup"] == answered.to_dict()

    await bot.edit_message_reply_markup(chat_id=user.id, message_id=sent.message_id)

    assert "reply_markup" not in api.last_message(user.id)
    assert len(api.messages(user.id)) == 1


async def test_edit_message_text_without_markup_removes_keyboard(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    sent = await bot.send_message(user.id, "Question 1", reply_markup=yes_no_keyboard())

    await bot.edit_message_text("Question 1 (closed)", chat_id=user.id, message_id=sent.message_id)

    assert "reply_markup" not in api.last_message(user.id)


async def test_edit_unchanged_message_raises_not_modified(
    bot: telegram.Bot, user: FakeUser
) -> None:
    sent = await bot.send_message(user.id, "Question 1", reply_markup=yes_no_keyboard())

    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text(
            "Question 1",
            chat_id=user.id,
            message_id=sent.message_id,
            reply_markup=yes_no_keyboard(),
        )
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=user.id, message_id=sent.message_id, reply_markup=yes_no_keyboard()
        )


async def test_edit_unknown_message_raises_not_found(bot: telegram.Bot, user: FakeUser) -> None:
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("text", chat_id=user.id, message_id=99)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_reply_markup(chat_id=user.id, message_id=99)


async def test_get_updates_returns_message_update(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    pushed = api.push_message(user, "/start invite-abc")

    updates = await bot.get_updates(timeout=0)

    assert [update.update_id for update in updates] == [pushed["update_id"]]
    message = updates[0].message
    assert message is not None
    assert message.text == "/start invite-abc"
    assert message.from_user is not None
    assert message.from_user.language_code == "de"
    assert message.chat.type == "private"
    assert message.parse_entities(["bot_command"]) == {
        message.entities[0]: "/start",
    }


async def test_get_updates_returns_callback_query(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    sent = await bot.send_message(user.id, "Question 1", reply_markup=yes_no_keyboard())
    api.push_callback_query(user, sent.message_id, "q1:no")

    updates = await bot.get_updates(timeout=0)

    query = updates[0].callback_query
    assert query is not None
    assert query.data == "q1:no"
    assert query.from_user.id == user.id
    assert query.message is not None
    assert query.message.message_id == sent.message_id

    assert await query.answer("Saved")
    assert api.callback_answer(query.id) == {"callback_query_id": query.id, "text": "Saved"}


async def test_get_updates_offset_confirms_updates(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    first = api.push_message(user, "first")
    second = api.push_message(user, "second")

    assert len(await bot.get_updates(timeout=0)) == 2
    assert len(await bot.get_updates(timeout=0)) == 2

    remaining = await bot.get_updates(offset=first["update_id"] + 1, timeout=0)
    assert [update.update_id for update in remaining] == [second["update_id"]]

    assert await bot.get_updates(offset=second["update_id"] + 1, timeout=0) == ()
    assert api.pending_updates == []


async def test_get_updates_waits_for_pushed_update(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    async def push_later() -> None:
        await asyncio.sleep(0.05)
        api.push_message(user, "late answer")

    pusher = asyncio.create_task(push_later())
    updates = await bot.get_updates(timeout=2)
    await pusher

    assert [update.message.text for update in updates if update.message] == ["late answer"]


async def test_send_photo_and_document_keep_bytes(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    photo = await bot.send_photo(
        user.id, b"\x89PNG fake chart", caption="Pillar scores", filename="chart.png"
    )
    document = await bot.send_document(user.id, b"%PDF-1.7 fake report", filename="report.pdf")

    assert photo.caption == "Pillar scores"
    assert api.file(photo.photo[-1].file_id).content == b"\x89PNG fake chart"

    assert document.document is not None
    assert document.document.file_name == "report.pdf"
    assert document.document.mime_type == "application/pdf"
    stored = api.file(document.document.file_id)
    assert stored.content == b"%PDF-1.7 fake report"
    assert stored.filename == "report.pdf"

    telegram_file = await bot.get_file(document.document.file_id)
    assert await telegram_file.download_as_bytearray() == b"%PDF-1.7 fake report"


async def test_send_photo_by_file_id_reuses_upload(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    first = await bot.send_photo(user.id, b"chart bytes")

    second = await bot.send_photo(user.id, first.photo[-1].file_id)

    assert second.photo[-1].file_id == first.photo[-1].file_id
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await bot.send_photo(user.id, "no-such-file-id")


async def test_set_my_commands_per_language(bot: telegram.Bot, api: FakeBotApi) -> None:
    await bot.set_my_commands([BotCommand("start", "Start the interview")])
    await bot.set_my_commands([BotCommand("start", "Interview starten")], language_code="de")

    english = await bot.get_my_commands()
    german = await bot.get_my_commands(language_code="de")
    french = await bot.get_my_commands(language_code="fr")

    assert [command.description for command in english] == ["Start the interview"]
    assert [command.description for command in german] == ["Interview starten"]
    assert french == ()
    assert api.commands(language_code="de") == [
        {"command": "start", "description": "Interview starten"}
    ]


async def test_set_my_commands_rejects_invalid_name(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start-Now", "Start")])


# PTB 22 warns that RetryAfter.retry_after will become a timedelta.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_injected_429_raises_retry_after(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    api.fail_next(
        "sendMessage", BotApiError(429, "Too Many Requests: retry after 3", retry_after=3)
    )

    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(user.id, "Question 1")

    assert raised.value.retry_after in (3, datetime.timedelta(seconds=3))
    assert api.messages(user.id) == []

    await bot.send_message(user.id, "Question 1")
    assert len(api.messages(user.id)) == 1


async def test_injected_403_raises_forbidden(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    api.fail_next(
        "sendMessage", BotApiError(403, "Forbidden: bot was blocked by the user"), times=2
    )

    for _ in range(2):
        with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
            await bot.send_message(user.id, "Reminder")

    assert api.messages(user.id) == []
    assert [type(call.error) for call in api.calls_to("sendMessage")] == [BotApiError] * 2


async def test_lost_response_raises_timed_out(
    bot: telegram.Bot, api: FakeBotApi, user: FakeUser
) -> None:
    api.deliver_then_time_out("sendMessage")

    with pytest.raises(TimedOut):
        await bot.send_message(user.id, "Question 2")

    assert api.last_message(user.id)["text"] == "Question 2"
    assert api.calls_to("sendMessage")[0].result["text"] == "Question 2"
