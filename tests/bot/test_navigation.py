"""Respondents stop and resume, go back, change answers from the review, and follow conditions."""

from pathlib import Path

from tests.bot.driver import answer_all, answer_current, answer_until, start_in_english
from tests.bot.harness import BotHarness, running_bot


async def test_resume_after_restart_keeps_answers(database_path: Path) -> None:
    async with running_bot(database_path) as harness:
        mayor = harness.person()
        await start_in_english(mayor)
        await answer_until(mayor, "vision_leadership")
        answers_before = await mayor.answers()

        await harness.restart()
        await mayor.send("/start")

        state = await mayor.state()
        assert state.current.id == "vision_leadership"
        assert await mayor.answers() == answers_before
        assert "Welcome back" in mayor.texts()[-2]
        assert "Who leads smart city work" in mayor.last_text()


async def test_back_changes_previous_answer(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "population")
    await mayor.send("250000")

    await mayor.tap("Back")
    assert "How many people live" in mayor.last_text()
    assert "Current answer: 250,000 residents" in mayor.last_text()
    await mayor.send("260000")

    state = await mayor.state()
    assert state.current.id == "respondent_role"
    assert state.answers["population"] == "260000"
    history = await harness.services.database.answer_history(state.assessment.id)
    assert [a.value for a in history if a.question_id == "population"] == ["250000", "260000"]


async def test_back_on_first_question_stays(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_current(mayor, "Davao")
    await mayor.tap("Back")

    assert "Back" not in str(mayor.messages()[-1].get("reply_markup"))

    update = await mayor.tap_data("b:city_name")

    answer = harness.api.callback_answer(update["callback_query"]["id"])
    assert answer["text"] == "This is the first question."
    state = await mayor.state()
    assert state.current.id == "city_name"
    assert state.answers == {"city_name": "Davao"}


async def test_review_change_returns_to_review(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_all(mayor)
    assert "All questions are answered" in mayor.last_text()

    await mayor.tap("Vision and leadership")
    await mayor.tap("7", message=mayor.messages()[-1])
    assert "Who leads smart city work" in mayor.last_text()
    await answer_current(mayor, 5)

    state = await mayor.state()
    assert state.answers["vision_leadership"] == 5
    assert state.current is None
    assert "All questions are answered" in mayor.last_text()
    assert "5 · Leading" in "\n".join(mayor.texts()[-6:])


async def test_follow_up_asked_when_condition_met(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "vision_strategy")
    await answer_current(mayor, 4)

    state = await mayor.state()
    assert state.current.id == "plan_name"


async def test_follow_up_skipped_when_condition_unmet(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "vision_strategy")
    await answer_current(mayor, 1)

    state = await mayor.state()
    assert state.current.id == "vision_leadership"


async def test_changed_condition_hides_follow_up(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "vision_strategy")
    await answer_current(mayor, 4)
    await answer_current(mayor, "Smart Plan 2030")
    await mayor.tap("Back")
    await mayor.tap("Back", message=mayor.messages()[-1])
    assert "smart city plan today" in mayor.last_text()

    await answer_current(mayor, 2)

    state = await mayor.state()
    assert state.current.id == "vision_leadership"
    assert "plan_name" not in {q.id for q in _visible(state)}


async def test_skip_optional_question(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "vision_strategy")
    await answer_current(mayor, 3)
    await mayor.tap("Skip")

    state = await mayor.state()
    assert state.answers["plan_name"] is None
    assert state.current.id == "vision_leadership"
    assert "Skipped" in mayor.texts()[-2]


async def test_summary_after_submit(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_all(mayor, {"vision_strategy": 5, "vision_leadership": 4, "vision_priorities": 3})
    await mayor.tap("Submit assessment")

    summary = "\n".join(mayor.texts())
    assert "Vision and leadership: 4 · Integrated (75/100), scored on 3 of 3 questions" in summary
    await mayor.send("/start")
    assert "has been submitted" in mayor.last_text()


def _visible(state):
    from questionnaires.engine import visible_questions

    return visible_questions(state.questionnaire, state.answers)
