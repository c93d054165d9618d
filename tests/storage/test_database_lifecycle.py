from __future__ import annotations

from pathlib import Path

import pytest

from storage import Database, StorageError

QUESTIONNAIRE = '{"id":"smart_city","sections":[],"version":1}'


async def test_reopen_keeps_data(db_path: Path) -> None:
    async with await Database.open(db_path) as db:
        await db.save_respondent(user_id=7, chat_id=70)
        await db.set_locale(7, "ru")
        await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE)
        first = await db.create_assessment(7, "smart_city", 1)
        await db.save_answer(first.id, "q1", "kept")
        await db.submit(first.id)
        second = await db.create_assessment(7, "smart_city", 1)
        await db.save_answer(second.id, "q1", 3)
        await db.save_answer(second.id, "q1", 4)
        await db.save_draft(second.id, "q2", ["b", "a"])
        await db.set_editing(second.id, "q1")
        await db.question_shown(second.id, "q2", 555, "ru")

        respondent = await db.respondent(7)
        assessments = [await db.assessment(first.id), await db.assessment(second.id)]
        answers = [await db.answers(first.id), await db.answers(second.id)]
        history = [await db.answer_history(first.id), await db.answer_history(second.id)]

    async with await Database.open(db_path) as reopened:
        assert await reopened.respondent(7) == respondent
        assert await reopened.assessment(first.id) == assessments[0]
        assert await reopened.assessment(second.id) == assessments[1]
        assert await reopened.latest_assessment(7) == assessments[1]
        assert await reopened.answers(first.id) == answers[0]
        assert await reopened.answers(second.id) == answers[1]
        assert await reopened.answer_history(first.id) == history[0]
        assert await reopened.answer_history(second.id) == history[1]
        assert await reopened.draft(second.id, "q2") == ["b", "a"]
        assert await reopened.questionnaire_snapshot("smart_city", 1) == QUESTIONNAIRE


async def test_close_twice(db_path: Path) -> None:
    db = await Database.open(db_path)

    await db.close()
    await db.close()


async def test_use_after_close_raises(db_path: Path) -> None:
    db = await Database.open(db_path)
    await db.close()

    with pytest.raises(StorageError, match="closed"):
        await db.respondent(7)
    with pytest.raises(StorageError, match="closed"):
        await db.save_respondent(7, 70)


async def test_context_manager_closes(db_path: Path) -> None:
    async with await Database.open(db_path) as db:
        await db.save_respondent(7, 70)

    with pytest.raises(StorageError, match="closed"):
        await db.respondent(7)


async def test_timestamps_are_utc(db_path: Path) -> None:
    async with await Database.open(db_path) as db:
        respondent = await db.save_respondent(7, 70)
        await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE)
        assessment = await db.create_assessment(7, "smart_city", 1)
        await db.save_answer(assessment.id, "q1", "x")
        await db.submit(assessment.id)
        submitted = await db.assessment(assessment.id)
        answer = (await db.answers(assessment.id))["q1"]

    assert submitted is not None
    assert submitted.submitted_at is not None
    for moment in (
        respondent.created_at,
        submitted.started_at,
        submitted.updated_at,
        submitted.submitted_at,
        answer.answered_at,
    ):
        assert moment.utcoffset() is not None
        assert moment.utcoffset().total_seconds() == 0
