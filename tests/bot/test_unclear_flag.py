"""Respondents flag a question as unclear, by button or /unclear, without leaving it."""

import sqlite3
from typing import Any

import pytest

from questionnaires.loader import load_directory
from storage import QuestionEvent, QuestionEventKind
from tests.bot.driver import answer_all, answer_current, answer_until, start_in_english
from tests.bot.harness import BotHarness, Person

QUESTIONNAIRE = load_directory()[-1]
FIRST_OF_EACH_TYPE = {
    str(question.type): question.id
    for question in reversed(QUESTIONNAIRE.questions)
    if question.show_if is None
}


async def tap_unclear(harness: BotHarness, person: Person) -> dict[str, Any] | None:
    """Tap ❓ Unclear on the latest question and return how the bot answered the tap."""
    message, data = person.find_button("❓")
    update = harness.api.push_callback_query(person.user, message["message_id"], data)
    await harness.deliver(update)
    return harness.api.callback_answer(update["callback_query"]["id"])


async def events_of(person: Person, kind: QuestionEventKind) -> list[QuestionEvent]:
    state = await person.state()
    events = await person.harness.services.database.question_events(state.assessment.id)
    return [event for event in events if event.kind == kind]


def test_every_type_covered() -> None:
    assert len(FIRST_OF_EACH_TYPE) == 9


@pytest.mark.parametrize(("question_type", "question_id"), sorted(FIRST_OF_EACH_TYPE.items()))
async def test_flag_before_and_after_answering(
    harness: BotHarness, question_type: str, question_id: str
) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, question_id)
    screen, answers = mayor.messages(), await mayor.answers()

    answer = await tap_unclear(harness, mayor)

    assert "/unclear" in answer["text"]
    assert mayor.messages() == screen
    assert await mayor.answers() == answers
    assert (await mayor.state()).current.id == question_id

    await answer_current(mayor)
    await mayor.tap("Back")
    answered = await mayor.answers()
    screen = mayor.messages()

    await tap_unclear(harness, mayor)

    assert mayor.messages() == screen
    assert await mayor.answers() == answered
    assert (await mayor.state()).current.id == question_id
    flags = await events_of(mayor, QuestionEventKind.FLAGGED)
    assert [event.question_id for event in flags] == [question_id, question_id]
    assert flags[0].remark is None


async def test_flag_after_review_change(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_all(mayor)
    await mayor.tap("Vision and leadership")
    await mayor.press("c:vision_leadership")
    screen, answers = mayor.messages(), await mayor.answers()

    await tap_unclear(harness, mayor)

    assert mayor.messages() == screen
    assert await mayor.answers() == answers
    flags = await events_of(mayor, QuestionEventKind.FLAGGED)
    assert [event.question_id for event in flags] == ["vision_leadership"]


async def test_command_with_remark(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)

    await mayor.send("/unclear What is an LGU?\nIs it the province?")

    flags = await events_of(mayor, QuestionEventKind.FLAGGED)
    assert [event.question_id for event in flags] == ["city_name"]
    assert flags[0].remark == "What is an LGU?\nIs it the province?"
    assert flags[0].locale == "en"
    assert "Your remark on" in mayor.last_text()
    assert await mayor.answers() == {}


async def test_text_answer_after_command(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await mayor.send("/unclear")

    await mayor.send("Davao City")

    assert (await mayor.answers())["city_name"] == "Davao City"


async def test_command_without_remark(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)

    await mayor.send("/unclear   ")

    flags = await events_of(mayor, QuestionEventKind.FLAGGED)
    assert [event.remark for event in flags] == [None]
    assert "marked as unclear" in mayor.last_text()


async def test_command_rejects_long_remark(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)

    await mayor.send("/unclear " + "x" * 501)

    assert await events_of(mayor, QuestionEventKind.FLAGGED) == []
    assert "the limit is 500" in mayor.last_text()


async def test_command_after_submit(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "population")
    state = await mayor.state()
    await harness.services.database.submit(state.assessment.id)

    await mayor.send("/unclear Too long")

    assert "No question is open" in mayor.last_text()
    assert await events_of(mayor, QuestionEventKind.FLAGGED) == []


async def test_command_before_start(harness: BotHarness) -> None:
    stranger = harness.person()

    await stranger.send("/unclear")

    assert "/start" in stranger.last_text()


async def test_old_question_flag_rejected(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_current(mayor)

    await mayor.tap_data("f:city_name")

    assert await events_of(mayor, QuestionEventKind.FLAGGED) == []


async def test_shown_events_recorded(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_current(mayor)

    shown = await events_of(mayor, QuestionEventKind.SHOWN)

    assert [event.question_id for event in shown] == ["city_name", "country"]


async def test_invalid_answer_recorded(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "population")

    await mayor.send("many")

    invalid = await events_of(mayor, QuestionEventKind.INVALID)
    assert [event.question_id for event in invalid] == ["population"]


async def test_rejected_done_recorded(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "top_challenges")
    await mayor.press("t:top_challenges:mobility")

    await mayor.press("d:top_challenges")

    invalid = await events_of(mayor, QuestionEventKind.INVALID)
    assert [event.question_id for event in invalid] == ["top_challenges"]


async def test_failed_recording_keeps_interview(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    with sqlite3.connect(harness.database_path) as connection:
        connection.execute("DROP TABLE question_events")

    await answer_current(mayor)

    assert (await mayor.answers())["city_name"]
    assert "In which country" in mayor.last_text()
