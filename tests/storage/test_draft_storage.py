import pytest

from storage import Assessment, AssessmentClosed, Database, NotFound


async def test_draft_saved_and_overwritten(db: Database, assessment: Assessment) -> None:
    await db.save_draft(assessment.id, "q1", ["energy"])
    first = await db.draft(assessment.id, "q1")

    await db.save_draft(assessment.id, "q1", ["mobility", "energy"])

    assert first == ["energy"]
    assert await db.draft(assessment.id, "q1") == ["mobility", "energy"]


async def test_empty_draft_is_not_missing(db: Database, assessment: Assessment) -> None:
    await db.save_draft(assessment.id, "q1", [])

    assert await db.draft(assessment.id, "q1") == []
    assert await db.draft(assessment.id, "q2") is None


async def test_delete_draft(db: Database, assessment: Assessment) -> None:
    await db.save_draft(assessment.id, "q1", ["energy"])

    await db.delete_draft(assessment.id, "q1")
    await db.delete_draft(assessment.id, "q1")

    assert await db.draft(assessment.id, "q1") is None


async def test_save_draft_touches_updated_at(db: Database, assessment: Assessment) -> None:
    await db.save_draft(assessment.id, "q1", ["energy"])

    updated = await db.assessment(assessment.id)

    assert updated is not None
    assert updated.updated_at > assessment.updated_at


async def test_submit_deletes_drafts(db: Database, assessment: Assessment) -> None:
    await db.save_draft(assessment.id, "q1", ["energy"])

    await db.submit(assessment.id)

    assert await db.draft(assessment.id, "q1") is None


async def test_save_draft_after_submit(db: Database, assessment: Assessment) -> None:
    await db.submit(assessment.id)

    with pytest.raises(AssessmentClosed, match="'q1'"):
        await db.save_draft(assessment.id, "q1", ["energy"])

    assert await db.draft(assessment.id, "q1") is None


async def test_save_draft_unknown_assessment(db: Database) -> None:
    with pytest.raises(NotFound, match="assessment 404"):
        await db.save_draft(404, "q1", ["energy"])


@pytest.mark.parametrize("value", ["energy", ["energy", 2], None])
async def test_invalid_draft_rejected(db: Database, assessment: Assessment, value: object) -> None:
    with pytest.raises(TypeError, match="'q1'"):
        await db.save_draft(assessment.id, "q1", value)  # type: ignore[arg-type]

    assert await db.draft(assessment.id, "q1") is None
