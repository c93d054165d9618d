"""Question events: recorded, read back per assessment, and gathered per questionnaire version."""

from pathlib import Path

import pytest

from storage import AssessmentStatus, Database, QuestionEventKind, StorageError
from storage.question_events import stream_activity


async def start(db: Database, user_id: int, locale: str | None = "en", version: int = 1) -> int:
    await db.save_respondent(user_id=user_id, chat_id=user_id + 1)
    if locale is not None:
        await db.set_locale(user_id, locale)
    content = f'{{"id":"smart_city","sections":[],"version":{version}}}'
    await db.pin_questionnaire("smart_city", version, content)
    assessment = await db.create_assessment(user_id, "smart_city", version)
    return assessment.id


async def test_events_read_back_in_order(db: Database) -> None:
    assessment_id = await start(db, 1001)

    await db.record_question_event(assessment_id, "city_name", QuestionEventKind.SHOWN, "en")
    await db.record_question_event(assessment_id, "city_name", QuestionEventKind.INVALID, "en")
    await db.record_question_event(
        assessment_id, "city_name", QuestionEventKind.FLAGGED, "km", "ពាក្យ LGU"
    )

    events = await db.question_events(assessment_id)
    assert [event.kind for event in events] == ["shown", "invalid", "flagged"]
    assert events[2].locale == "km"
    assert events[2].remark == "ពាក្យ LGU"
    assert events[0].occurred_at <= events[2].occurred_at


async def test_event_leaves_updated_at(db: Database) -> None:
    assessment_id = await start(db, 1001)
    before = await db.assessment(assessment_id)

    await db.record_question_event(assessment_id, "city_name", QuestionEventKind.SHOWN, "en")

    assert (await db.assessment(assessment_id)).updated_at == before.updated_at


async def test_remark_only_on_flag(db: Database) -> None:
    assessment_id = await start(db, 1001)

    with pytest.raises(ValueError, match="only a flag"):
        await db.record_question_event(
            assessment_id, "city_name", QuestionEventKind.SHOWN, "en", "text"
        )


async def test_unknown_assessment_rejected(db: Database) -> None:
    with pytest.raises(StorageError):
        await db.record_question_event(999, "city_name", QuestionEventKind.SHOWN, "en")


async def test_activity_gathers_version(db: Database) -> None:
    first = await start(db, 1001, locale="km")
    await db.record_question_event(first, "city_name", QuestionEventKind.SHOWN, "km")
    await db.save_answer(first, "city_name", "Siem Reap")
    await db.save_answer(first, "city_name", "Siem Reap City")
    second = await start(db, 1002)
    await db.submit(second)

    activities = await db.question_activity("smart_city", 1)

    assert [a.assessment_id for a in activities] == [first, second]
    assert activities[0].respondent_locale == "km"
    assert [a.value for a in activities[0].history] == ["Siem Reap", "Siem Reap City"]
    assert [e.kind for e in activities[0].events] == [QuestionEventKind.SHOWN]
    assert activities[1].status == AssessmentStatus.SUBMITTED
    assert activities[1].history == ()


async def test_activity_leaves_out_other_versions(db: Database) -> None:
    await start(db, 1001, version=1)
    newer = await start(db, 1002, version=2)

    activities = await db.question_activity("smart_city", 2)

    assert [a.assessment_id for a in activities] == [newer]


async def test_stream_pairs_rows_across_versions(db: Database, db_path: Path) -> None:
    # Assessments of two versions alternate by id, so the stream of one version
    # has to pass over the other's answers and events.
    first = await start(db, 1001, version=1)
    other = await start(db, 1002, version=2)
    silent = await start(db, 1003, version=1)
    last = await start(db, 1004, version=1)
    for assessment_id in (first, other, last):
        await db.record_question_event(assessment_id, "city_name", QuestionEventKind.SHOWN, "en")
        await db.save_answer(assessment_id, "city_name", f"City {assessment_id}")
    await db.record_question_event(other, "country", QuestionEventKind.SHOWN, "en")

    activities = list(stream_activity(db_path, "smart_city", 1))

    assert [a.assessment_id for a in activities] == [first, silent, last]
    assert [a.value for a in activities[0].history] == [f"City {first}"]
    assert activities[1].history == ()
    assert activities[1].events == ()
    assert [a.value for a in activities[2].history] == [f"City {last}"]
    assert [e.question_id for e in activities[2].events] == ["city_name"]


async def test_stream_decodes_every_value(db: Database, db_path: Path) -> None:
    assessment_id = await start(db, 1001)
    values = [
        "Davao City",
        'Quote " and \\ slash',
        "ព្រះរាជាណាចក្រ",
        "0",
        12,
        -3,
        2.5,
        ["a", "b"],
        None,
    ]
    for index, value in enumerate(values):
        await db.save_answer(assessment_id, f"q{index}", value)

    streamed = next(stream_activity(db_path, "smart_city", 1))

    assert [answer.value for answer in streamed.history] == values
    assert [type(answer.value) for answer in streamed.history] == [type(v) for v in values]


async def test_stream_equals_question_activity(db: Database, db_path: Path) -> None:
    first = await start(db, 1001, locale="km")
    await db.record_question_event(first, "city_name", QuestionEventKind.SHOWN, "km")
    await db.record_question_event(first, "city_name", QuestionEventKind.FLAGGED, "km", "ពាក្យ")
    await db.save_answer(first, "city_name", "Siem Reap")
    second = await start(db, 1002)
    await db.submit(second)

    streamed = list(stream_activity(db_path, "smart_city", 1))

    assert streamed == await db.question_activity("smart_city", 1)


async def test_stream_missing_file_fails(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="failed to open"):
        list(stream_activity(tmp_path / "missing.sqlite3", "smart_city", 1))
