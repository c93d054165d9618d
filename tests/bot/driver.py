"""Answer questions through the chat the way a respondent would, for end-to-end tests."""

from __future__ import annotations

from typing import Any

from questionnaires.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TargetQuestion,
    TextQuestion,
    YesNoQuestion,
)
from tests.bot.harness import Person

DEFAULT_TEXT = "Our city <b>plans</b> & builds 🏙️"


async def answer_current(person: Person, value: Any = None) -> str:
    """Answer the question on screen with `value`, or a typical answer; return its id."""
    state = await person.state()
    question = state.current
    assert question is not None, "no question is open"

    if isinstance(question, ScaleQuestion | TargetQuestion):
        await person.press(f"a:{question.id}:{value if value is not None else 3}")
    elif isinstance(question, YesNoQuestion):
        await person.press(f"a:{question.id}:{value or 'yes'}")
    elif isinstance(question, SingleChoiceQuestion):
        await person.press(f"a:{question.id}:{value or question.choices[0].id}")
    elif isinstance(question, MultipleChoiceQuestion | RankingQuestion):
        count = question.pick if isinstance(question, RankingQuestion) else question.min_selections
        for choice_id in value or [choice.id for choice in question.choices[: max(count, 1)]]:
            await person.press(f"t:{question.id}:{choice_id}")
        await person.press(f"d:{question.id}")
    elif isinstance(question, NumberQuestion):
        await person.send(str(value if value is not None else question.min or 1))
    elif isinstance(question, TextQuestion):
        await person.send(value or DEFAULT_TEXT)
    return question.id


async def answer_all(person: Person, values: dict[str, Any] | None = None) -> list[str]:
    """Answer every open question in turn; return the ids in the order they were asked."""
    values = values or {}
    asked = []
    while (state := await person.state()) is not None and state.current is not None:
        question_id = state.current.id
        asked.append(await answer_current(person, values.get(question_id)))
        assert len(asked) < 200, f"interview does not end; stuck at {question_id}"
    return asked


async def start_in_english(person: Person) -> None:
    """Send /start and pick English, as a new respondent does."""
    await person.send("/start")
    await person.tap("English")


async def answer_until(
    person: Person, question_id: str, values: dict[str, Any] | None = None
) -> None:
    """Answer questions in turn until `question_id` is the one on screen."""
    values = values or {}
    for _ in range(200):
        state = await person.state()
        if state.current is None or state.current.id == question_id:
            assert state.current is not None, f"{question_id} was never asked"
            return
        await answer_current(person, values.get(state.current.id))
    raise AssertionError(f"{question_id} was never asked")
