import pytest

from storage import Database, QuestionnaireChanged

ORIGINAL = '{"id":"smart_city","questions":["q1"],"version":2}'
CHANGED = '{"id":"smart_city","questions":["q1","q2"],"version":2}'


async def test_pin_same_content_twice(db: Database) -> None:
    await db.pin_questionnaire("smart_city", 2, ORIGINAL)
    await db.pin_questionnaire("smart_city", 2, ORIGINAL)

    assert await db.questionnaire_snapshot("smart_city", 2) == ORIGINAL


async def test_pin_changed_content_raises(db: Database) -> None:
    await db.pin_questionnaire("smart_city", 2, ORIGINAL)

    with pytest.raises(QuestionnaireChanged) as raised:
        await db.pin_questionnaire("smart_city", 2, CHANGED)

    assert "'smart_city'" in str(raised.value)
    assert "version 2" in str(raised.value)
    assert await db.questionnaire_snapshot("smart_city", 2) == ORIGINAL


async def test_pin_new_version_of_same_id(db: Database) -> None:
    await db.pin_questionnaire("smart_city", 2, ORIGINAL)
    await db.pin_questionnaire("smart_city", 3, CHANGED)

    assert await db.questionnaire_snapshot("smart_city", 2) == ORIGINAL
    assert await db.questionnaire_snapshot("smart_city", 3) == CHANGED


async def test_unpinned_snapshot_is_none(db: Database) -> None:
    await db.pin_questionnaire("smart_city", 2, ORIGINAL)

    assert await db.questionnaire_snapshot("smart_city", 1) is None
    assert await db.questionnaire_snapshot("mobility", 2) is None


async def test_snapshot_keeps_non_ascii_text(db: Database) -> None:
    content = '{"title":"Умный город — оценка"}'

    await db.pin_questionnaire("smart_city_ru", 1, content)

    assert await db.questionnaire_snapshot("smart_city_ru", 1) == content
