"""The toolstats sheet's rows, measured in a worker process as in an export."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.toolstats import TOOLSTATS_COLUMNS, ToolstatsInBackground, toolstats_rows
from questionnaires.loader import canonical_json
from storage import Database, QuestionEventKind, StorageError
from tests.analytics.builders import DAY, at, tiny_questionnaire

NOW = at(30 * DAY)


async def fill(path: Path) -> None:
    """An English respondent who answers and flags readiness, a Khmer one who only reads it."""
    questionnaire = tiny_questionnaire()
    async with await Database.open(path) as database:
        await database.pin_questionnaire("tiny", 1, canonical_json(questionnaire))
        for user_id, locale in ((1001, "en"), (1002, "km")):
            await database.save_respondent(user_id=user_id, chat_id=user_id)
            await database.set_locale(user_id, locale)
            assessment = await database.create_assessment(user_id, "tiny", 1)
            await database.record_question_event(
                assessment.id, "readiness", QuestionEventKind.SHOWN, locale
            )
        await database.record_question_event(
            1, "readiness", QuestionEventKind.FLAGGED, "en", "Which plan?"
        )
        await database.save_answer(1, "readiness", 3)


async def test_worker_rows_match_inline(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    await fill(path)
    questionnaires = [tiny_questionnaire()]

    with ToolstatsInBackground(path, questionnaires, NOW) as background:
        rows = background.rows()

    assert rows == toolstats_rows(path, questionnaires, NOW)
    assert len(rows) == 4 + 2
    assert all(len(row) == len(TOOLSTATS_COLUMNS) for row in rows)
    assert rows[0][:4] == ["tiny", 1, "all", 1]


async def test_worker_error_raised_in_caller(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"

    with ToolstatsInBackground(missing, [tiny_questionnaire()], NOW) as background:
        with pytest.raises(StorageError, match="missing.sqlite3"):
            background.rows()
