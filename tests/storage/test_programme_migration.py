"""Upgrading a version-1 file to the interviewers' schema keeps every row."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage import MIGRATIONS, Database

if TYPE_CHECKING:
    from conftest import SqliteFile

STAMP = "2026-01-05T08:00:00.000000+00:00"


def _fill_version_one(sqlite_file: SqliteFile) -> None:
    sqlite_file.query(
        "INSERT INTO questionnaire_snapshots VALUES ('smart_city', 1, '{}', 'x', ?)", (STAMP,)
    )
    sqlite_file.query("INSERT INTO respondents VALUES (1001, 2001, 'th', ?)", (STAMP,))
    sqlite_file.query(
        "INSERT INTO assessments (respondent_id, questionnaire_id, questionnaire_version,"
        " status, started_at, updated_at) VALUES (1001, 'smart_city', 1, 'in_progress', ?, ?)",
        (STAMP, STAMP),
    )
    sqlite_file.query("INSERT INTO answers VALUES (1, 'vision_plan', '3', ?)", (STAMP,))
    sqlite_file.query(
        "INSERT INTO answer_history (assessment_id, question_id, value, answered_at)"
        " VALUES (1, 'vision_plan', '3', ?)",
        (STAMP,),
    )
    sqlite_file.query("INSERT INTO drafts VALUES (1, 'funding_sources', '[\"a\"]', ?)", (STAMP,))


async def test_upgrade_from_version_one(db_path: Path, sqlite_file: SqliteFile) -> None:
    async with await Database.open(db_path, migrations=MIGRATIONS[:1]):
        pass
    _fill_version_one(sqlite_file)

    async with await Database.open(db_path) as db:
        respondent = await db.respondent(1001)
        assessment = await db.latest_assessment(1001)
        answers = await db.answers(1)
        history = await db.answer_history(1)
        draft = await db.draft(1, "funding_sources")

    assert sqlite_file.user_version() == len(MIGRATIONS)
    assert respondent.locale == "th"
    assert assessment.id == 1
    assert answers["vision_plan"].value == 3
    assert len(history) == 1
    assert draft == ["a"]
    assert sqlite_file.query("SELECT city_id FROM assessments") == [(None,)]
    assert sqlite_file.query("SELECT unreachable_at FROM respondents") == [(None,)]


async def test_upgrade_adds_programme_tables(db_path: Path, sqlite_file: SqliteFile) -> None:
    async with await Database.open(db_path, migrations=MIGRATIONS[:1]):
        pass

    async with await Database.open(db_path):
        pass

    assert {
        "cities",
        "invitations",
        "interviewers",
        "audit_log",
        "reminders",
        "city_drafts",
    } <= sqlite_file.table_names()
