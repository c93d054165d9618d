"""The export reader: a read-only snapshot streamed one assessment at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import Database, ExportSource, StorageError
from tests.storage.conftest import QUESTIONNAIRE_CONTENT, SqliteFile

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)


async def _two_assessments(db: Database) -> int:
    """Respondent 1001 in city Iloilo with two answers, 1002 outside any city with none."""
    await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE_CONTENT)
    city = await db.create_city("Iloilo", "Philippines", "Asia/Manila", 900, NOW)
    invitation = await db.issue_invitation("a" * 64, city.id, 900, NOW, NOW + timedelta(30))
    await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)
    first = await db.create_assessment(1001, "smart_city", 1)
    await db.save_answer(first.id, "vision_plan", 2)
    await db.save_answer(first.id, "vision_plan", 4)
    await db.save_answer(first.id, "city_name", "Iloilo")
    await db.save_respondent(1002, 1002)
    await db.create_assessment(1002, "smart_city", 1)
    return city.id


async def test_answers_paired_with_assessments(db: Database, db_path: Path) -> None:
    await _two_assessments(db)

    with ExportSource(db_path) as source:
        rows = list(source.assessments_with_answers())
        count = source.count()

    assert count == 2
    assert [assessment.respondent_id for assessment, _ in rows] == [1001, 1002]
    assert rows[0][0].city_name == "Iloilo"
    assert rows[0][0].time_zone == "Asia/Manila"
    assert rows[0][1] == {"city_name": "Iloilo", "vision_plan": 4}
    assert rows[1][0].city_id is None
    assert rows[1][1] == {}


async def test_history_in_order(db: Database, db_path: Path) -> None:
    await _two_assessments(db)

    with ExportSource(db_path) as source:
        rows = list(source.assessments_with_history())

    values = [(answer.question_id, answer.value) for answer in rows[0][1]]
    assert values == [("vision_plan", 2), ("vision_plan", 4), ("city_name", "Iloilo")]
    assert rows[1][1] == []


@pytest.mark.parametrize(
    "stored",
    [
        "2026-03-02T04:05:06.123456+00:00",
        "2026-03-02T06:05:06.123456+02:00",
        "2026-03-02 04:05:06.123456+00:00",
        "2026-03-02T04:05:06+00:00",
        "2026-03-02T04:05:06Z",
        "2026-W10-1T04:05:06.123456+00:00",
    ],
)
async def test_history_times_in_utc(
    db: Database, db_path: Path, sqlite_file: SqliteFile, stored: str
) -> None:
    await _two_assessments(db)
    sqlite_file.query("UPDATE answer_history SET answered_at = ?", (stored,))

    with ExportSource(db_path) as source:
        answer = next(source.assessments_with_history())[1][0]

    assert answer.answered_at.tzinfo is UTC
    assert answer.answered_at == datetime.fromisoformat(stored)
    assert answer.answered_at_text == answer.answered_at.isoformat(timespec="seconds")


async def test_repeated_values_decoded_alike(db: Database, db_path: Path) -> None:
    await _two_assessments(db)
    long_text = "x" * 300
    await db.save_answer(1, "priorities", ["a", "b"])
    await db.save_answer(1, "priorities", ["a", "b"])
    await db.save_answer(1, "essay", long_text)

    with ExportSource(db_path) as source:
        history = next(source.assessments_with_history())[1]

    assert [answer.value for answer in history[-3:]] == [["a", "b"], ["a", "b"], long_text]


async def test_one_city_only(db: Database, db_path: Path) -> None:
    city_id = await _two_assessments(db)

    with ExportSource(db_path, city_id=city_id) as source:
        rows = list(source.assessments_with_history())
        count = source.count()

    assert count == 1
    assert [assessment.respondent_id for assessment, _ in rows] == [1001]
    assert len(rows[0][1]) == 3


async def test_snapshot_ignores_later_writes(db: Database, db_path: Path) -> None:
    await _two_assessments(db)

    with ExportSource(db_path) as source:
        assert source.count() == 2
        await db.save_respondent(1003, 1003)
        await db.create_assessment(1003, "smart_city", 1)
        rows = list(source.assessments_with_answers())

    assert len(rows) == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="not found"):
        ExportSource(tmp_path / "none.sqlite3")
