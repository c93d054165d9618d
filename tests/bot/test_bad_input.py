"""Invalid answers, other message kinds, double taps and forged buttons change nothing stored."""

import pytest

from tests.bot.driver import answer_current, answer_until, start_in_english
from tests.bot.harness import BotHarness, buttons

NON_TEXT_MESSAGES = {
    "sticker": {
        "sticker": {
            "file_id": "s1",
            "file_unique_id": "u1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "photo": {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]},
    "voice": {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 2}},
    "location": {"location": {"latitude": 14.6, "longitude": 121.0}},
    "contact": {"contact": {"phone_number": "+6321234567", "first_name": "Ana"}},
}


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("abc", "That is not a number"),
        ("-5", "at least 0"),
        ("1.500", "Do you mean 1.5 or 1,500?"),
        ("12.5", "whole number"),
        ("9" * 60, "too long"),
    ],
)
async def test_invalid_number_asks_again(harness: BotHarness, typed: str, reason: str) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "population")
    before = await mayor.answers()

    await mayor.send(typed)

    assert reason in mayor.texts()[-2]
    assert "How many people live" in mayor.last_text()
    assert await mayor.answers() == before


@pytest.mark.parametrize("typed", ["   ", "\u200b\u200b", "\x00\x07"])
async def test_empty_text_asks_again(harness: BotHarness, typed: str) -> None:
    mayor = harness.person()
    await start_in_english(mayor)

    await mayor.send(typed)

    assert "The answer is empty" in mayor.texts()[-2]
    assert await mayor.answers() == {}


async def test_native_digits_accepted(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "population")

    await mayor.send("１２０，０００")

    assert (await mayor.answers())["population"] == "120000"


async def test_html_in_text_answer_is_escaped(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)

    await mayor.send("<script>alert(1)</script> & Co 👩‍👩‍👧")

    assert (await mayor.answers())["city_name"] == "<script>alert(1)</script> & Co 👩‍👩‍👧"
    assert "Your answer: <script>alert(1)</script> & Co 👩‍👩‍👧" in mayor.texts()[-2]


@pytest.mark.parametrize("kind", sorted(NON_TEXT_MESSAGES))
async def test_non_text_message_gets_hint(harness: BotHarness, kind: str) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "country")
    before = await mayor.answers()

    await mayor.send_content(**NON_TEXT_MESSAGES[kind])

    assert "Please use the buttons" in mayor.texts()[-2]
    assert "In which country" in mayor.last_text()
    assert await mayor.answers() == before


async def test_text_on_button_question_gets_hint(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "country")

    await mayor.send("Philippines")

    assert "Please answer with the buttons" in mayor.texts()[-2]
    assert "country" not in await mayor.answers()


async def test_double_tap_stores_once(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "country")
    message = mayor.messages()[-1]
    tap = [b["callback_data"] for b in buttons(message) if b["text"] == "Malaysia"][0]

    await harness.deliver_together(
        [
            harness.api.push_callback_query(mayor.user, message["message_id"], tap),
            harness.api.push_callback_query(mayor.user, message["message_id"], tap),
        ]
    )

    state = await mayor.state()
    history = await harness.services.database.answer_history(state.assessment.id)
    assert [a.value for a in history if a.question_id == "country"] == ["malaysia"]
    assert state.current.id == "population"
    assert sum("How many people live" in text for text in mayor.texts()) == 1


async def test_old_button_is_refused(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "country")
    old_message_id = mayor.messages()[-1]["message_id"]
    await answer_current(mayor, "thailand")

    update = await mayor.tap_data("a:country:cambodia", message_id=old_message_id)

    answer = harness.api.callback_answer(update["callback_query"]["id"])
    assert "no longer open" in answer["text"]
    assert (await mayor.answers())["country"] == "thailand"


@pytest.mark.parametrize(
    "data",
    [
        "a:country:atlantis",
        "a:vision_strategy:3",
        "a:country:" + "x" * 80,
        "zz:country",
        "",
        "u",
        "c:not_a_question",
        "g:nowhere",
        "t:country:cambodia",
        "l:xx",
    ],
)
async def test_forged_callback_changes_nothing(harness: BotHarness, data: str) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "country")
    before = await mayor.answers()

    update = await mayor.tap_data(data)

    assert harness.api.callback_answer(update["callback_query"]["id"]) is not None
    state = await mayor.state()
    assert state.answers == before
    assert state.current.id == "country"
    assert not state.submitted


async def test_multiple_choice_enforces_maximum(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "offline_groups")
    for choice in ("older_people", "low_income", "rural"):
        await mayor.press(f"t:offline_groups:{choice}")

    update = await mayor.tap_data("t:offline_groups:women")

    answer = harness.api.callback_answer(update["callback_query"]["id"])
    assert "at most 3" in answer["text"]
    await mayor.press("d:offline_groups")
    assert (await mayor.answers())["offline_groups"] == ["older_people", "low_income", "rural"]


async def test_ranking_needs_exact_count(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "top_challenges")
    await mayor.press("t:top_challenges:health")

    update = await mayor.tap_data("d:top_challenges")

    assert "exactly 3" in harness.api.callback_answer(update["callback_query"]["id"])["text"]
    for choice in ("mobility", "disasters"):
        await mayor.press(f"t:top_challenges:{choice}")
    await mayor.press("d:top_challenges")
    assert (await mayor.answers())["top_challenges"] == ["health", "mobility", "disasters"]


async def test_selection_survives_restart(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "funding_sources")
    await mayor.press("t:funding_sources:national")

    await harness.restart()
    await mayor.send("/start")

    ticked = [b["text"] for b in buttons(mayor.messages()[-1]) if b["text"].startswith("☑")]
    assert len(ticked) == 1
    assert "funding_sources" not in await mayor.answers()
