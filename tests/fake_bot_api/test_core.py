"""FakeBotApi.handle, drivers, observation and fault injection without PTB."""

import asyncio
import json

import pytest

from fake_bot_api import (
    BotApiError,
    BotEventKind,
    FakeBotApi,
    FakeUser,
    TimedOutAfterDelivery,
    UploadedFile,
)

KEYBOARD = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}


async def send_text(api: FakeBotApi, chat_id: int, text: str, **params: object) -> dict:
    result = await api.handle("sendMessage", {"chat_id": chat_id, "text": text, **params})
    assert isinstance(result, dict)
    return result


async def test_method_names_are_case_insensitive(api: FakeBotApi) -> None:
    result = await api.handle("GETME", {})

    assert result == api.bot_user
    assert api.calls[0].method == "getMe"


async def test_unknown_method_returns_404(api: FakeBotApi) -> None:
    with pytest.raises(BotApiError) as raised:
        await api.handle("sendHologram", {})

    assert raised.value.error_code == 404
    assert raised.value.description == "Not Found"
    assert api.calls[0].method == "sendHologram"
    assert api.calls[0].error is raised.value


async def test_form_strings_are_coerced(api: FakeBotApi, user: FakeUser) -> None:
    result = await api.handle(
        "sendMessage",
        {
            "chat_id": str(user.id),
            "text": "42",
            "reply_markup": json.dumps(KEYBOARD),
            "disable_notification": "true",
        },
    )

    params = api.calls_to("sendMessage")[0].params
    assert params["chat_id"] == user.id
    assert params["text"] == "42"
    assert params["reply_markup"] == KEYBOARD
    assert params["disable_notification"] is True
    assert isinstance(result, dict)
    assert result["reply_markup"] == KEYBOARD


async def test_invalid_integer_parameter_is_rejected(api: FakeBotApi, user: FakeUser) -> None:
    with pytest.raises(BotApiError, match="invalid message_id"):
        await api.handle("deleteMessage", {"chat_id": user.id, "message_id": "first"})


async def test_invalid_json_parameter_is_rejected(api: FakeBotApi, user: FakeUser) -> None:
    with pytest.raises(BotApiError, match="can't parse reply_markup JSON object"):
        await send_text(api, user.id, "hi", reply_markup="{not json")


async def test_message_ids_increase_per_chat(api: FakeBotApi, user: FakeUser) -> None:
    other = api.user(43, "Ben")
    api.push_message(user, "hello")

    first = await send_text(api, user.id, "one")
    second = await send_text(api, user.id, "two")
    in_other_chat = await send_text(api, other.id, "one")

    assert [first["message_id"], second["message_id"]] == [2, 3]
    assert in_other_chat["message_id"] == 1
    assert [message["text"] for message in api.messages(user.id)] == ["one", "two"]
    assert len(api.messages(user.id, include_user_messages=True)) == 3


async def test_message_limits_are_enforced(api: FakeBotApi, user: FakeUser) -> None:
    with pytest.raises(BotApiError, match="message text is empty"):
        await send_text(api, user.id, "   ")
    with pytest.raises(BotApiError, match="message is too long"):
        await send_text(api, user.id, "x" * 4097)

    long_data = {"inline_keyboard": [[{"text": "A", "callback_data": "x" * 65}]]}
    with pytest.raises(BotApiError, match="BUTTON_DATA_INVALID"):
        await send_text(api, user.id, "Pick", reply_markup=long_data)

    assert api.messages(user.id) == []


async def test_edit_of_user_message_is_rejected(api: FakeBotApi, user: FakeUser) -> None:
    pushed = api.push_message(user, "my answer")

    with pytest.raises(BotApiError, match="message can't be edited"):
        await api.handle(
            "editMessageText",
            {"chat_id": user.id, "message_id": pushed["message"]["message_id"], "text": "x"},
        )


async def test_delete_message_removes_it(api: FakeBotApi, user: FakeUser) -> None:
    sent = await send_text(api, user.id, "temporary")

    assert await api.handle("deleteMessage", {"chat_id": user.id, "message_id": sent["message_id"]})

    assert api.messages(user.id) == []
    with pytest.raises(BotApiError, match="message to delete not found"):
        await api.handle("deleteMessage", {"chat_id": user.id, "message_id": sent["message_id"]})


async def test_reply_to_missing_message_fails(api: FakeBotApi, user: FakeUser) -> None:
    with pytest.raises(BotApiError, match="message to be replied not found"):
        await send_text(api, user.id, "reply", reply_parameters={"message_id": 99})

    pushed = api.push_message(user, "question?")
    reply = await send_text(
        api, user.id, "answer", reply_parameters={"message_id": pushed["message"]["message_id"]}
    )
    assert reply["reply_to_message"]["text"] == "question?"


async def test_push_message_with_other_content(api: FakeBotApi, user: FakeUser) -> None:
    sticker = {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }

    update = api.push_message(user, sticker=sticker)

    assert update["message"]["sticker"] == sticker
    assert "text" not in update["message"]
    with pytest.raises(ValueError, match="needs a text"):
        api.push_message(user)


async def test_push_update_assigns_increasing_ids(api: FakeBotApi, user: FakeUser) -> None:
    edited = {
        "edited_message": {
            "message_id": 1,
            "date": 0,
            "chat": user.private_chat(),
            "text": "changed",
        }
    }

    first = api.push_update({"update_id": 500, **edited})
    second = api.push_message(user, "next")

    assert first["update_id"] == 1
    assert second["update_id"] == 2
    assert [update["update_id"] for update in api.pending_updates] == [1, 2]


async def test_push_callback_query_requires_existing_button(
    api: FakeBotApi, user: FakeUser
) -> None:
    sent = await send_text(api, user.id, "Pick", reply_markup=KEYBOARD)

    with pytest.raises(ValueError, match="no inline button"):
        api.push_callback_query(user, sent["message_id"], "no")
    with pytest.raises(LookupError, match="not found"):
        api.push_callback_query(user, 99, "yes")

    stale = api.push_callback_query(user, sent["message_id"], "old", require_button=False)
    fresh = api.push_callback_query(user, sent["message_id"], "yes")
    assert stale["callback_query"]["id"] != fresh["callback_query"]["id"]


async def test_callback_query_can_be_answered_once(api: FakeBotApi, user: FakeUser) -> None:
    sent = await send_text(api, user.id, "Pick", reply_markup=KEYBOARD)
    update = api.push_callback_query(user, sent["message_id"], "yes")
    query_id = update["callback_query"]["id"]

    assert api.callback_answer(query_id) is None
    assert await api.handle("answerCallbackQuery", {"callback_query_id": query_id})
    with pytest.raises(BotApiError, match="query is too old"):
        await api.handle("answerCallbackQuery", {"callback_query_id": query_id})
    with pytest.raises(BotApiError, match="query is too old"):
        await api.handle("answerCallbackQuery", {"callback_query_id": "unknown"})


async def test_long_poll_times_out_empty(api: FakeBotApi) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()

    result = await api.handle("getUpdates", {"timeout": "0.1"})

    assert result == []
    assert loop.time() - started >= 0.09


async def test_newer_long_poll_ends_older_with_conflict(api: FakeBotApi) -> None:
    older = asyncio.create_task(api.handle("getUpdates", {"timeout": 2}))
    await asyncio.sleep(0.01)

    assert await api.handle("getUpdates", {"timeout": 0}) == []
    with pytest.raises(BotApiError) as raised:
        await older
    assert raised.value.error_code == 409


async def test_negative_offset_keeps_last_updates(api: FakeBotApi, user: FakeUser) -> None:
    for text in ("a", "b", "c"):
        api.push_message(user, text)

    result = await api.handle("getUpdates", {"offset": -1})

    assert [update["message"]["text"] for update in result] == ["c"]
    assert len(api.pending_updates) == 1


async def test_allowed_updates_filters_kinds(api: FakeBotApi, user: FakeUser) -> None:
    api.push_message(user, "text")
    api.push_update(
        {
            "message_reaction": {
                "chat": user.private_chat(),
                "message_id": 1,
                "date": 0,
                "old_reaction": [],
                "new_reaction": [],
            }
        }
    )

    default = await api.handle("getUpdates", {})
    only_messages = await api.handle("getUpdates", {"allowed_updates": '["callback_query"]'})

    assert [next(iter(set(update) - {"update_id"})) for update in default] == ["message"]
    assert only_messages == []


async def test_webhook_blocks_get_updates(api: FakeBotApi, user: FakeUser) -> None:
    api.push_message(user, "pending")
    with pytest.raises(BotApiError, match="HTTPS URL"):
        await api.handle("setWebhook", {"url": "http://example.invalid/hook"})

    assert await api.handle("setWebhook", {"url": "https://example.invalid/hook"})
    info = await api.handle("getWebhookInfo", {})
    assert info == {
        "url": "https://example.invalid/hook",
        "has_custom_certificate": False,
        "pending_update_count": 1,
    }
    with pytest.raises(BotApiError) as raised:
        await api.handle("getUpdates", {})
    assert raised.value.error_code == 409

    assert await api.handle("deleteWebhook", {"drop_pending_updates": "true"})
    assert await api.handle("getUpdates", {}) == []


async def test_commands_are_stored_per_scope(api: FakeBotApi) -> None:
    commands = [{"command": "report", "description": "Send the report"}]
    scope = {"type": "chat", "chat_id": 42}

    await api.handle(
        "setMyCommands", {"commands": json.dumps(commands), "scope": json.dumps(scope)}
    )

    assert api.commands(scope=scope) == commands
    assert api.commands() == []
    assert await api.handle("getMyCommands", {"scope": scope}) == commands
    assert await api.handle("deleteMyCommands", {"scope": scope})
    assert api.commands(scope=scope) == []


async def test_close_and_log_out_return_true(api: FakeBotApi) -> None:
    assert await api.handle("close", {}) is True
    assert await api.handle("logOut", {}) is True


async def test_subscriber_sees_sends_and_edits(api: FakeBotApi, user: FakeUser) -> None:
    events = api.subscribe()

    sent = await send_text(api, user.id, "Question 1", reply_markup=KEYBOARD)
    await api.handle(
        "editMessageText",
        {"chat_id": user.id, "message_id": sent["message_id"], "text": "Question 1: Yes"},
    )
    await api.handle("sendChatAction", {"chat_id": user.id, "action": "typing"})
    await api.handle("deleteMessage", {"chat_id": user.id, "message_id": sent["message_id"]})

    kinds = [events.get_nowait().kind for _ in range(events.qsize())]
    assert kinds == [
        BotEventKind.MESSAGE_SENT,
        BotEventKind.MESSAGE_EDITED,
        BotEventKind.CHAT_ACTION_SENT,
        BotEventKind.MESSAGE_DELETED,
    ]

    api.unsubscribe(events)
    await send_text(api, user.id, "unseen")
    assert events.empty()


async def test_event_message_shows_reply_keyboard(api: FakeBotApi, user: FakeUser) -> None:
    events = api.subscribe()
    keyboard = {"keyboard": [[{"text": "1"}, {"text": "2"}]], "one_time_keyboard": True}

    await send_text(api, user.id, "Rate", reply_markup=keyboard)

    event = events.get_nowait()
    assert event.chat_id == user.id
    assert event.message is not None
    assert event.message["reply_markup"] == keyboard


async def test_chat_action_must_be_known(api: FakeBotApi, user: FakeUser) -> None:
    with pytest.raises(BotApiError, match="wrong parameter action"):
        await api.handle("sendChatAction", {"chat_id": user.id, "action": "dancing"})


async def test_failed_call_has_no_effect(api: FakeBotApi, user: FakeUser) -> None:
    api.fail_next(
        "SENDMESSAGE", BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)
    )

    with pytest.raises(BotApiError) as raised:
        await send_text(api, user.id, "Question 1")

    assert raised.value.to_response() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    assert api.messages(user.id) == []
    assert await send_text(api, user.id, "Question 1")


async def test_faults_apply_only_to_their_method(api: FakeBotApi, user: FakeUser) -> None:
    api.fail_next("editMessageText", BotApiError(400, "Bad Request: boom"))
    api.deliver_then_time_out("sendMessage")

    with pytest.raises(TimedOutAfterDelivery) as raised:
        await send_text(api, user.id, "delivered")
    assert raised.value.result["text"] == "delivered"
    assert api.last_message(user.id)["text"] == "delivered"

    api.clear_faults()
    sent = await send_text(api, user.id, "second")
    edited = await api.handle(
        "editMessageText", {"chat_id": user.id, "message_id": sent["message_id"], "text": "edited"}
    )
    assert isinstance(edited, dict)


async def test_fail_next_rejects_zero_times(api: FakeBotApi) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        api.fail_next("sendMessage", BotApiError(500, "Internal Server Error"), times=0)


async def test_document_by_attach_reference(api: FakeBotApi, user: FakeUser) -> None:
    upload = UploadedFile("answers.csv", b"q,a\n1,yes\n", "text/csv")

    result = await api.handle(
        "sendDocument", {"chat_id": user.id, "document": "attach://part1", "part1": upload}
    )

    assert isinstance(result, dict)
    assert result["document"]["file_name"] == "answers.csv"
    assert api.file(result["document"]["file_id"]).content == b"q,a\n1,yes\n"
    file_info = await api.handle("getFile", {"file_id": result["document"]["file_id"]})
    assert isinstance(file_info, dict)
    assert file_info["file_path"].endswith(".csv")


async def test_register_file_serves_get_file(api: FakeBotApi) -> None:
    stored = api.register_file(b"scan", "scan.pdf")

    file_info = await api.handle("getFile", {"file_id": stored.file_id})

    assert file_info == stored.to_file_dict()
    assert stored.mime_type == "application/pdf"
    assert api.file_by_path(stored.file_path) == stored
    with pytest.raises(BotApiError, match="invalid file_id"):
        await api.handle("getFile", {"file_id": "missing"})


async def test_last_message_without_messages_raises(api: FakeBotApi, user: FakeUser) -> None:
    with pytest.raises(LookupError, match="no message in chat 42"):
        api.last_message(user.id)
