"""Every kind of message a phone can send, on every question type: a hint, nothing changed.

One test per question type walks the whole table of message kinds and of
awkward typed texts, so the interview is set up once per type.
"""

from typing import Any

import pytest

from tests.bot.driver import answer_until, start_in_english
from tests.bot.harness import BotHarness, Person

QUESTION_OF_TYPE = {
    "short_text": "city_name",
    "single_choice": "country",
    "number": "population",
    "scale": "vision_strategy",
    "target": "vision_target",
    "multiple_choice": "funding_sources",
    "yes_no": "online_payment",
    "ranking": "top_challenges",
    "long_text": "flagship_project",
}
TYPED_QUESTIONS = {"short_text", "number", "long_text"}

FILE = {"file_id": "f1", "file_unique_id": "u1"}
MESSAGE_KINDS: dict[str, dict[str, Any]] = {
    "sticker": {
        "sticker": {
            **FILE,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "photo": {"photo": [{**FILE, "width": 90, "height": 90}]},
    "voice": {"voice": {**FILE, "duration": 3}},
    "video": {"video": {**FILE, "width": 640, "height": 360, "duration": 5}},
    "document": {"document": {**FILE, "file_name": "plan.pdf"}},
    "location": {"location": {"latitude": 13.75, "longitude": 100.5}},
    "contact": {"contact": {"phone_number": "+66 2 123 4567", "first_name": "Somchai"}},
    "poll": {
        "poll": {
            "id": "p1",
            "question": "Which?",
            "options": [
                {"text": "A", "voter_count": 0, "persistent_id": "a"},
                {"text": "B", "voter_count": 0, "persistent_id": "b"},
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    },
    "forwarded text": {
        "text": "1200",
        "forward_origin": {"type": "hidden_user", "sender_user_name": "Someone", "date": 0},
    },
}

# Typed texts that no question may take: each gets a reason and the question again.
REJECTED_TEXTS = {
    "only spaces": "     ",
    "zero-width and control characters": "\u200b\u200c\x00\x1f",
}
# Texts over the limit or not numbers: rejected by number questions, and by text
# questions where the length is exceeded.
LONG_TEXT = "Smart city " * 420
NOT_NUMBERS = {
    "HTML": "<b>12</b>",
    "Markdown": "*12* _x_ `1`",
    "emoji with joiners": "👩‍💻👨‍👩‍👧",
    "negative": "-40",
    "huge": "9" * 45,
}


async def send_edited(harness: BotHarness, person: Person) -> None:
    last = person.messages()[-1]
    update = harness.api.push_update(
        {
            "edited_message": {
                "message_id": last["message_id"] + 1,
                "date": 0,
                "edit_date": 1,
                "chat": person.user.private_chat(),
                "from": person.user.to_dict(),
                "text": "1200",
            }
        }
    )
    await harness.deliver(update)


async def assert_refused(
    person: Person, before: dict[str, Any], question_id: str, case: str
) -> None:
    assert await person.answers() == before, case
    state = await person.state()
    assert state.current.id == question_id, case


@pytest.mark.parametrize("question_type", sorted(QUESTION_OF_TYPE))
async def test_bad_input_on_question_type(harness: BotHarness, question_type: str) -> None:
    question_id = QUESTION_OF_TYPE[question_type]
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, question_id)
    before = await mayor.answers()
    screen = mayor.last_text()

    for kind, content in MESSAGE_KINDS.items():
        await mayor.send_content(**content)
        assert "Please" in mayor.texts()[-2], kind
        assert mayor.last_text() == screen, kind
        await assert_refused(mayor, before, question_id, kind)

    await send_edited(harness, mayor)
    assert "Edited messages are not read" in mayor.texts()[-2]
    await assert_refused(mayor, before, question_id, "edited message")

    for case, text in REJECTED_TEXTS.items():
        await mayor.send(text)
        assert mayor.last_text() == screen, case
        await assert_refused(mayor, before, question_id, case)

    if question_type == "number":
        for case, text in NOT_NUMBERS.items():
            await mayor.send(text)
            assert mayor.last_text() == screen, case
            await assert_refused(mayor, before, question_id, case)
    if question_type in TYPED_QUESTIONS:
        await mayor.send(LONG_TEXT)
        reason = "not a number" if question_type == "number" else "the limit is"
        assert reason in mayor.texts()[-2]
        await assert_refused(mayor, before, question_id, "text over 4096 characters")
    else:
        for case, text in {**NOT_NUMBERS, "long text": LONG_TEXT}.items():
            await mayor.send(text)
            assert "buttons" in mayor.texts()[-2], case
            await assert_refused(mayor, before, question_id, case)


@pytest.mark.parametrize(
    "text",
    ["<b>Mayor's</b> & <i>council</i> *plan*", "👩‍💻 Smart 🏙️ city 👨‍👩‍👧", "ผู้ว่าฯ ๒๕๖๗ plan"],
)
async def test_awkward_text_stored_as_typed(harness: BotHarness, text: str) -> None:
    mayor = harness.person()
    await start_in_english(mayor)

    await mayor.send(text)

    assert (await mayor.answers())["city_name"] == text
    assert f"Your answer: {text}" in mayor.texts()[-2]
