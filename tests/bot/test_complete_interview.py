"""A respondent answers the whole questionnaire, reviews, submits and gets the summary."""

from tests.bot.driver import answer_all
from tests.bot.harness import BotHarness


async def test_respondent_completes_interview(harness: BotHarness) -> None:
    mayor = harness.person()
    await mayor.send("/start")
    await mayor.tap("English")

    asked = await answer_all(mayor)
    await mayor.tap("Submit assessment")

    state = await mayor.state()
    assert state.submitted
    assert len(asked) == len(set(asked))
    assert "Thank you. Your assessment has been submitted." in mayor.last_text()
    assert "Vision and leadership" in mayor.last_text()
