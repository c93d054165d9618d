from __future__ import annotations

from storage import Assessment, Database


async def test_values_match_stored_answers(db: Database, assessment: Assessment) -> None:
    await db.save_answer(assessment.id, "level", 3)
    await db.save_answer(assessment.id, "share", 12.5)
    await db.save_answer(assessment.id, "name", "Iloilo <City> & ✓")
    await db.save_answer(assessment.id, "pillars", ["data", "mobility"])
    await db.save_answer(assessment.id, "skipped", None)
    await db.save_answer(assessment.id, "level", 4)

    values = await db.answer_values(assessment.id)
    stored = await db.answers(assessment.id)

    assert values == {
        "level": 4,
        "share": 12.5,
        "name": "Iloilo <City> & ✓",
        "pillars": ["data", "mobility"],
        "skipped": None,
    }
    assert values == {question_id: answer.value for question_id, answer in stored.items()}


async def test_values_empty_without_answers(db: Database, assessment: Assessment) -> None:
    assert await db.answer_values(assessment.id) == {}
