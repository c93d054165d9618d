"""The state kept in memory after an answer equals the state read back from the database."""

from __future__ import annotations

from pathlib import Path

from bot.interview.state import load_state
from tests.bot.driver import answer_current, start_in_english
from tests.bot.harness import running_bot


async def test_after_answer_matches_stored_state(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3") as harness:
        person = harness.person()
        await start_in_english(person)
        for _ in range(6):
            before = await person.state()
            question_id = await answer_current(person)
            stored = await load_state(harness.services, person.user.id)
            expected = before.after_answer(question_id, stored.answers[question_id])

            assert expected.answers == stored.answers
            assert expected.assessment.editing_question_id is None
            assert stored.assessment.editing_question_id is None
            assert expected.current == stored.current
