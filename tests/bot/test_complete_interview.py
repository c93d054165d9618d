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
    texts = mayor.texts()
    assert "Thank you. Your assessment has been submitted." in texts
    assert any("Vision and leadership" in text for text in texts)
    assert "document" in mayor.messages()[-1]
