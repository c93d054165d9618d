"""Fill a database with many submitted assessments, fast, for the scale benchmark.

The storage API commits every call on its own, which would take most of a
minute for 10,000 assessments. So this benchmark-only helper writes the rows
that the API would write with plain `sqlite3` and `executemany`, in one
transaction. Per respondent these are a city, a redeemed invitation, an
English respondent, a submitted assessment of that city, the scripted
answers with their history, a "shown" question event per answer where that
table exists, and the audit entries of the interviewer's actions. The schema comes from
`Database.open`, and `check_database` reads samples back through the
storage API, so a schema change that this helper misses fails loudly.

NOTE: the column lists follow storage/migrations.py as of schema version 3;
a migration that adds a NOT NULL column without a default needs them updated.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.respondents import scripted_answers
from questionnaires.loader import canonical_json
from questionnaires.model import Questionnaire
from storage import AssessmentStatus, Database
from storage.answers import encode_value
from storage.timestamps import format_timestamp

FIRST_USER_ID = 1_000_000
INTERVIEWER_ID = 42
# Distinct answer sets, cycled over the respondents.
VARIANTS = 16
# Assessments are spread over this many days before the generation time.
SPAN_DAYS = 90


async def create_database(path: Path, questionnaire: Questionnaire, assessments: int) -> None:
    """Create the file with the current schema and the pinned questionnaire, then fill it."""
    database = await Database.open(path)
    try:
        await database.pin_questionnaire(
            questionnaire.id, questionnaire.version, canonical_json(questionnaire)
        )
    finally:
        await database.close()

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        _fill(connection, questionnaire, assessments)
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


async def check_database(path: Path, assessments: int) -> None:
    """Read samples back through the storage API; raise AssertionError if a row is off."""
    async with await Database.open(path) as database:
        for user_id in (FIRST_USER_ID, FIRST_USER_ID + assessments - 1):
            assessment = await database.latest_assessment(user_id)
            if assessment is None or assessment.status is not AssessmentStatus.SUBMITTED:
                raise AssertionError(f"respondent {user_id} has no submitted assessment")
            if not await database.answers(assessment.id):
                raise AssertionError(f"assessment {assessment.id} has no answers")
            invitation = await database.respondent_invitation(user_id)
            if invitation is None or invitation.assessment_id != assessment.id:
                raise AssertionError(f"respondent {user_id} has no invitation to its assessment")
        if await database.city_count() != assessments:
            raise AssertionError(f"expected {assessments} cities")


def _fill(connection: sqlite3.Connection, questionnaire: Questionnaire, count: int) -> None:
    variants = [scripted_answers(questionnaire, variant) for variant in range(VARIANTS)]
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    now = datetime.now(UTC)
    connection.execute(
        "INSERT INTO interviewers (user_id, added_by, added_at) VALUES (?, ?, ?)",
        (INTERVIEWER_ID, INTERVIEWER_ID, format_timestamp(now - timedelta(days=SPAN_DAYS + 3))),
    )

    for index in range(count):
        user_id = FIRST_USER_ID + index
        city_id = assessment_id = index + 1
        started = now - timedelta(days=SPAN_DAYS) + timedelta(seconds=index * 600 % 7_000_000)
        answers = variants[index % VARIANTS]
        _insert_participant(connection, user_id, city_id, started)
        _insert_assessment(connection, questionnaire, user_id, assessment_id, city_id, started)
        _insert_answers(connection, assessment_id, answers, started, "question_events" in tables)


def _insert_participant(
    connection: sqlite3.Connection, user_id: int, city_id: int, started: datetime
) -> None:
    created = format_timestamp(started - timedelta(days=2))
    issued = format_timestamp(started - timedelta(days=1))
    redeemed = format_timestamp(started)
    expires = format_timestamp(started + timedelta(days=30))
    subject = f"city:{city_id}"
    connection.execute(
        "INSERT INTO cities (id, name, country, time_zone, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (city_id, f"City {city_id}", "philippines", "Asia/Manila", INTERVIEWER_ID, created),
    )
    connection.execute(
        "INSERT INTO respondents (user_id, chat_id, locale, created_at) VALUES (?, ?, 'en', ?)",
        (user_id, user_id, redeemed),
    )
    connection.executemany(
        "INSERT INTO audit_log (actor, action, subject, details, at) VALUES (?, ?, ?, ?, ?)",
        [
            (INTERVIEWER_ID, "city_created", subject, "{}", created),
            (
                INTERVIEWER_ID,
                "invitation_issued",
                subject,
                json.dumps({"invitation_id": city_id}),
                issued,
            ),
            (
                user_id,
                "invitation_redeemed",
                subject,
                json.dumps({"invitation_id": city_id}),
                redeemed,
            ),
        ],
    )
    connection.execute(
        "INSERT INTO invitations (id, token_sha256, city_id, created_by, created_at, expires_at,"
        " used_by, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            city_id,
            hashlib.sha256(f"benchmark-token-{city_id}".encode()).hexdigest(),
            city_id,
            INTERVIEWER_ID,
            issued,
            expires,
            user_id,
            redeemed,
        ),
    )


def _insert_assessment(
    connection: sqlite3.Connection,
    questionnaire: Questionnaire,
    user_id: int,
    assessment_id: int,
    city_id: int,
    started: datetime,
) -> None:
    submitted = format_timestamp(started + timedelta(minutes=40))
    connection.execute(
        "INSERT INTO assessments (id, respondent_id, questionnaire_id, questionnaire_version,"
        " status, started_at, updated_at, submitted_at, city_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            assessment_id,
            user_id,
            questionnaire.id,
            questionnaire.version,
            AssessmentStatus.SUBMITTED.value,
            format_timestamp(started),
            submitted,
            submitted,
            city_id,
        ),
    )
    connection.execute(
        "UPDATE invitations SET assessment_id = ? WHERE id = ?", (assessment_id, city_id)
    )


def _insert_answers(
    connection: sqlite3.Connection,
    assessment_id: int,
    answers: dict,
    started: datetime,
    with_events: bool,
) -> None:
    rows = list(_answer_rows(assessment_id, answers, started))
    connection.executemany(
        "INSERT INTO answers (assessment_id, question_id, value, answered_at) VALUES (?, ?, ?, ?)",
        rows,
    )
    connection.executemany(
        "INSERT INTO answer_history (assessment_id, question_id, value, answered_at)"
        " VALUES (?, ?, ?, ?)",
        rows,
    )
    if with_events:
        connection.executemany(
            "INSERT INTO question_events (assessment_id, question_id, kind, occurred_at, locale)"
            " VALUES (?, ?, 'shown', ?, 'en')",
            [(assessment_id, question_id, at) for _, question_id, _, at in rows],
        )


def _answer_rows(
    assessment_id: int, answers: dict, started: datetime
) -> Iterator[tuple[int, str, str, str]]:
    for position, (question_id, value) in enumerate(answers.items(), start=1):
        answered = format_timestamp(started + timedelta(seconds=40 * position))
        yield assessment_id, question_id, encode_value(question_id, value), answered
