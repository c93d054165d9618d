from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from storage import Assessment, AssessmentClosed, Database, NotFound, StorageError

if TYPE_CHECKING:
    from conftest import SqliteFile


async def test_overwrite_keeps_history_in_order(db: Database, assessment: Assessment) -> None:
    await db.save_answer(assessment.id, "q1", "first")
    await db.save_answer(assessment.id, "q2", None)
    await db.save_answer(assessment.id, "q1", "second")
    await db.save_answer(assessment.id, "q1", "third")

    current = await db.answers(assessment.id)
    history = await db.answer_history(assessment.id)

    assert {question_id: answer.value for question_id, answer in current.items()} == {
        "q1": "third",
        "q2": None,
    }
    assert [(answer.question_id, answer.value) for answer in history] == [
        ("q1", "first"),
        ("q2", None),
        ("q1", "second"),
        ("q1", "third"),
    ]
    assert current["q1"] == history[-1]
    answered_at = [answer.answered_at for answer in history]
    assert answered_at == sorted(answered_at)


async def test_skipped_answer_round_trip(db: Database, assessment: Assessment) -> None:
    await db.save_answer(assessment.id, "q1", None)

    current = await db.answers(assessment.id)

    assert "q1" in current
    assert current["q1"].value is None


@pytest.mark.parametrize(
    "value",
    [
        ["mobility", "energy", "governance"],
        [],
        ["Ответ с «кавычками»", 'and "quotes"'],
        0.1 + 0.2,
        1e-300,
        -2.5,
        3.0,
        42,
        2**60,
        "",
        "Line one\nline two, ünïcode ✓",
    ],
)
async def test_value_round_trip(db: Database, assessment: Assessment, value: object) -> None:
    await db.save_answer(assessment.id, "q1", value)  # type: ignore[arg-type]

    stored = (await db.answers(assessment.id))["q1"].value

    assert stored == value
    assert type(stored) is type(value)


async def test_save_after_submit_writes_nothing(db: Database, assessment: Assessment) -> None:
    await db.save_answer(assessment.id, "q1", "before")
    await db.submit(assessment.id)
    submitted = await db.assessment(assessment.id)

    with pytest.raises(AssessmentClosed, match=f"assessment {assessment.id}"):
        await db.save_answer(assessment.id, "q1", "after")
    with pytest.raises(AssessmentClosed):
        await db.save_answer(assessment.id, "q2", None)

    assert (await db.answers(assessment.id))["q1"].value == "before"
    assert "q2" not in await db.answers(assessment.id)
    assert len(await db.answer_history(assessment.id)) == 1
    assert await db.assessment(assessment.id) == submitted


async def test_save_answer_unknown_assessment(db: Database) -> None:
    with pytest.raises(NotFound, match="assessment 404"):
        await db.save_answer(404, "q1", "x")


async def test_save_answer_clears_editing(db: Database, assessment: Assessment) -> None:
    await db.set_editing(assessment.id, "q1")

    await db.save_answer(assessment.id, "q1", "edited")
    updated = await db.assessment(assessment.id)

    assert updated is not None
    assert updated.editing_question_id is None
    assert updated.updated_at == (await db.answers(assessment.id))["q1"].answered_at


async def test_save_answer_deletes_its_draft(db: Database, assessment: Assessment) -> None:
    await db.save_draft(assessment.id, "q1", ["a", "b"])
    await db.save_draft(assessment.id, "q2", ["c"])

    await db.save_answer(assessment.id, "q1", ["a", "b"])

    assert await db.draft(assessment.id, "q1") is None
    assert await db.draft(assessment.id, "q2") == ["c"]


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (True, TypeError),
        ({"a": 1}, TypeError),
        (("a", "b"), TypeError),
        (["a", 1], TypeError),
        (math.nan, ValueError),
        (math.inf, ValueError),
    ],
)
async def test_invalid_value_writes_nothing(
    db: Database, assessment: Assessment, value: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match="'q1'"):
        await db.save_answer(assessment.id, "q1", value)  # type: ignore[arg-type]

    assert await db.answers(assessment.id) == {}
    assert await db.answer_history(assessment.id) == []


async def test_invalid_value_message_omits_value(db: Database, assessment: Assessment) -> None:
    with pytest.raises(TypeError) as raised:
        await db.save_answer(assessment.id, "q1", ["secret text", 1])  # type: ignore[list-item]

    assert "secret text" not in str(raised.value)


async def test_failed_save_rolls_back_all(
    db: Database, assessment: Assessment, sqlite_file: SqliteFile
) -> None:
    await db.save_draft(assessment.id, "q1", ["a"])
    await db.set_editing(assessment.id, "q1")
    before = await db.assessment(assessment.id)
    # The history insert comes after the answer upsert, so this fails the transaction midway.
    sqlite_file.query(
        "CREATE TRIGGER reject_history BEFORE INSERT ON answer_history"
        " BEGIN SELECT RAISE(ABORT, 'history rejected by test trigger'); END"
    )

    with pytest.raises(StorageError, match="history rejected"):
        await db.save_answer(assessment.id, "q1", ["a"])

    assert await db.answers(assessment.id) == {}
    assert await db.draft(assessment.id, "q1") == ["a"]
    assert await db.assessment(assessment.id) == before


async def test_concurrent_saves_all_land(db: Database, assessment: Assessment) -> None:
    separate = [db.save_answer(assessment.id, f"q{number}", number) for number in range(40)]
    same_question = [db.save_answer(assessment.id, "shared", number) for number in range(20)]
    drafts = [db.save_draft(assessment.id, f"d{number}", [str(number)]) for number in range(20)]

    await asyncio.gather(*separate, *same_question, *drafts)

    current = await db.answers(assessment.id)
    history = await db.answer_history(assessment.id)
    shared_history = [answer.value for answer in history if answer.question_id == "shared"]
    assert set(current) == {f"q{number}" for number in range(40)} | {"shared"}
    assert all(current[f"q{number}"].value == number for number in range(40))
    assert len(history) == 60
    assert sorted(shared_history) == list(range(20))  # type: ignore[type-var]
    assert current["shared"].value == shared_history[-1]
    for number in range(20):
        assert await db.draft(assessment.id, f"d{number}") == [str(number)]


async def test_two_connections_save_concurrently(
    db: Database, assessment: Assessment, db_path: Path
) -> None:
    async with await Database.open(db_path) as other:
        first = [db.save_answer(assessment.id, f"a{number}", number) for number in range(25)]
        second = [other.save_answer(assessment.id, f"b{number}", number) for number in range(25)]

        await asyncio.gather(*first, *second)

    current = await db.answers(assessment.id)
    assert len(current) == 50
    assert len(await db.answer_history(assessment.id)) == 50


@pytest.mark.parametrize("yields_before_cancel", range(12))
async def test_cancelled_save_leaves_database_usable(
    db: Database, assessment: Assessment, yields_before_cancel: int
) -> None:
    task = asyncio.create_task(db.save_answer(assessment.id, "q1", "maybe"))
    for _ in range(yields_before_cancel):
        await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass

    await db.save_answer(assessment.id, "q2", "after")

    history = [answer.question_id for answer in await db.answer_history(assessment.id)]
    current = await db.answers(assessment.id)
    assert history in (["q2"], ["q1", "q2"])
    assert ("q1" in current) == ("q1" in history)
