"""Reading the cohort for peer medians, and a respondent's latest submitted assessment."""

from storage import Database
from tests.storage.conftest import QUESTIONNAIRE_CONTENT


async def submitted(db: Database, user_id: int, answers: dict, questionnaire_id="smart_city"):
    await db.save_respondent(user_id=user_id, chat_id=user_id)
    assessment = await db.create_assessment(user_id, questionnaire_id, 1)
    for question_id, value in answers.items():
        await db.save_answer(assessment.id, question_id, value)
    await db.submit(assessment.id)
    return assessment


async def pinned(db: Database) -> Database:
    await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE_CONTENT)
    await db.pin_questionnaire("other", 1, QUESTIONNAIRE_CONTENT)
    return db


async def test_cohort_excludes_own_respondent(db: Database) -> None:
    await pinned(db)
    await submitted(db, 1, {"vision_strategy": 2})
    other = await submitted(db, 2, {"vision_strategy": 4, "city_name": "Ipoh"})

    cohort = await db.others_submitted("smart_city", respondent_id=1)

    assert [entry.assessment_id for entry in cohort] == [other.id]
    assert cohort[0].answers == {"vision_strategy": 4, "city_name": "Ipoh"}
    assert cohort[0].questionnaire_version == 1


async def test_cohort_skips_in_progress(db: Database) -> None:
    await pinned(db)
    await db.save_respondent(user_id=3, chat_id=3)
    await db.create_assessment(3, "smart_city", 1)

    assert await db.others_submitted("smart_city", respondent_id=1) == []


async def test_cohort_skips_other_questionnaire(db: Database) -> None:
    await pinned(db)
    await submitted(db, 4, {"vision_strategy": 1}, questionnaire_id="other")

    assert await db.others_submitted("smart_city", respondent_id=1) == []


async def test_cohort_counts_respondent_once(db: Database) -> None:
    await pinned(db)
    await submitted(db, 5, {"vision_strategy": 1})
    second = await db.create_assessment(5, "smart_city", 1)
    await db.save_answer(second.id, "vision_strategy", 5)
    await db.submit(second.id)

    cohort = await db.others_submitted("smart_city", respondent_id=1)

    assert [entry.assessment_id for entry in cohort] == [second.id]
    assert cohort[0].answers == {"vision_strategy": 5}


async def test_cohort_keeps_assessment_without_answers(db: Database) -> None:
    await pinned(db)
    empty = await submitted(db, 6, {})

    cohort = await db.others_submitted("smart_city", respondent_id=1)

    assert [entry.assessment_id for entry in cohort] == [empty.id]
    assert cohort[0].answers == {}


async def test_latest_submitted_skips_open_one(db: Database) -> None:
    await pinned(db)
    first = await submitted(db, 7, {"vision_strategy": 3})
    await db.create_assessment(7, "smart_city", 1)

    latest = await db.latest_submitted_assessment(7)

    assert latest is not None
    assert latest.id == first.id


async def test_latest_submitted_none_before_submit(db: Database) -> None:
    await pinned(db)
    await db.save_respondent(user_id=8, chat_id=8)
    await db.create_assessment(8, "smart_city", 1)

    assert await db.latest_submitted_assessment(8) is None
