"""`Database.interview`: an interview update's whole state in one read."""

from __future__ import annotations

from storage import Assessment, Database


async def test_answers_match_stored_answers(db: Database, assessment: Assessment) -> None:
    await db.save_answer(assessment.id, "level", 3)
    await db.save_answer(assessment.id, "share", 12.5)
    await db.save_answer(assessment.id, "name", "Iloilo <City> & ✓")
    await db.save_answer(assessment.id, "pillars", ["data", "mobility"])
    await db.save_answer(assessment.id, "skipped", None)
    await db.save_answer(assessment.id, "level", 4)

    interview = await db.interview(assessment.respondent_id)
    stored = await db.answers(assessment.id)

    assert interview is not None
    assert interview.answers == {
        "level": 4,
        "share": 12.5,
        "name": "Iloilo <City> & ✓",
        "pillars": ["data", "mobility"],
        "skipped": None,
    }
    assert interview.answers == {
        question_id: answer.value for question_id, answer in stored.items()
    }


async def test_interview_has_latest_assessment_and_drafts(
    db: Database, assessment: Assessment
) -> None:
    await db.save_draft(assessment.id, "pillars", ["data"])

    interview = await db.interview(assessment.respondent_id)

    assert interview is not None
    assert interview.respondent == await db.respondent(assessment.respondent_id)
    assert interview.assessment == await db.assessment(assessment.id)
    assert interview.answers == {}
    assert interview.drafts == {"pillars": ["data"]}


async def test_interview_without_assessment(db: Database) -> None:
    await db.save_respondent(user_id=3003, chat_id=4004)

    interview = await db.interview(3003)

    assert interview is not None
    assert interview.assessment is None
    assert interview.answers == {}


async def test_interview_of_unknown_user(db: Database) -> None:
    assert await db.interview(9999) is None
