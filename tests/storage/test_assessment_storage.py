import pytest

from storage import (
    Assessment,
    AssessmentClosed,
    AssessmentStatus,
    Database,
    NotFound,
    QuestionEventKind,
)


async def test_create_assessment_fields(db: Database, assessment: Assessment) -> None:
    assert assessment.respondent_id == 1001
    assert assessment.questionnaire_id == "smart_city"
    assert assessment.questionnaire_version == 1
    assert assessment.status is AssessmentStatus.IN_PROGRESS
    assert assessment.editing_question_id is None
    assert assessment.question_message_id is None
    assert assessment.submitted_at is None
    assert assessment.updated_at == assessment.started_at
    assert await db.assessment(assessment.id) == assessment


async def test_create_needs_saved_respondent(db: Database) -> None:
    await db.pin_questionnaire("smart_city", 1, "{}")

    with pytest.raises(NotFound, match="respondent 404"):
        await db.create_assessment(404, "smart_city", 1)


async def test_create_needs_pinned_questionnaire(db: Database) -> None:
    await db.save_respondent(7, 70)

    with pytest.raises(NotFound, match="not pinned"):
        await db.create_assessment(7, "smart_city", 9)

    assert await db.latest_assessment(7) is None


async def test_unknown_assessment_is_none(db: Database) -> None:
    assert await db.assessment(404) is None


async def test_latest_assessment_newest_started(db: Database, assessment: Assessment) -> None:
    await db.save_respondent(7, 70)
    other_respondents = await db.create_assessment(7, "smart_city", 1)
    newer = await db.create_assessment(1001, "smart_city", 1)

    await db.save_answer(assessment.id, "q1", "touches the older one")

    assert await db.latest_assessment(1001) == newer
    assert await db.latest_assessment(7) == other_respondents


async def test_latest_assessment_none_without_any(db: Database) -> None:
    await db.save_respondent(7, 70)

    assert await db.latest_assessment(7) is None


async def test_set_editing_stores_question(db: Database, assessment: Assessment) -> None:
    await db.set_editing(assessment.id, "q3")
    editing = await db.assessment(assessment.id)

    await db.set_editing(assessment.id, None)
    cleared = await db.assessment(assessment.id)

    assert editing is not None
    assert editing.editing_question_id == "q3"
    assert editing.updated_at > assessment.updated_at
    assert cleared is not None
    assert cleared.editing_question_id is None


async def test_question_shown_keeps_updated_at(db: Database, assessment: Assessment) -> None:
    recorded = await db.question_shown(assessment.id, "q1", 321, "th")
    stored = await db.assessment(assessment.id)
    events = await db.question_events(assessment.id)

    assert recorded
    assert stored is not None
    assert stored.question_message_id == 321
    assert stored.updated_at == assessment.updated_at
    assert [(event.question_id, event.kind, event.locale) for event in events] == [
        ("q1", QuestionEventKind.SHOWN, "th")
    ]


async def test_question_shown_unknown_assessment(db: Database) -> None:
    with pytest.raises(NotFound, match="assessment 404"):
        await db.question_shown(404, "q1", 1, "en")


async def test_submit_once(db: Database, assessment: Assessment) -> None:
    await db.set_editing(assessment.id, "q1")

    moved = await db.submit(assessment.id)
    submitted = await db.assessment(assessment.id)

    assert moved is True
    assert submitted is not None
    assert submitted.status is AssessmentStatus.SUBMITTED
    assert submitted.submitted_at is not None
    assert submitted.updated_at == submitted.submitted_at
    assert submitted.editing_question_id is None


async def test_submit_twice_returns_false(db: Database, assessment: Assessment) -> None:
    await db.submit(assessment.id)
    first = await db.assessment(assessment.id)

    moved_again = await db.submit(assessment.id)

    assert moved_again is False
    assert await db.assessment(assessment.id) == first


async def test_submit_unknown_assessment(db: Database) -> None:
    with pytest.raises(NotFound, match="assessment 404"):
        await db.submit(404)


async def test_set_editing_after_submit(db: Database, assessment: Assessment) -> None:
    await db.submit(assessment.id)
    submitted = await db.assessment(assessment.id)

    with pytest.raises(AssessmentClosed, match=f"assessment {assessment.id}"):
        await db.set_editing(assessment.id, "q1")
    await db.set_editing(assessment.id, None)

    assert await db.assessment(assessment.id) == submitted
