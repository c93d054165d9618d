"""Interviewers, participants, the reminder log and reachability, in a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import Database, ReminderKind, ReminderOutcome
from tests.storage.conftest import QUESTIONNAIRE_CONTENT

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
ADMIN = 900


async def _participant_city(db: Database) -> int:
    city = await db.create_city("Iloilo", "Philippines", "Asia/Manila", ADMIN, NOW)
    invitation = await db.issue_invitation("a" * 64, city.id, ADMIN, NOW, NOW + timedelta(30))
    await db.redeem_invitation(invitation.token_sha256, 1001, 2001, NOW)
    return city.id


async def test_interviewer_added_once(db: Database) -> None:
    assert await db.add_interviewer(501, ADMIN, NOW)
    assert not await db.add_interviewer(501, ADMIN, NOW)

    assert await db.is_interviewer(501)
    assert [i.user_id for i in await db.interviewers()] == [501]


async def test_interviewer_removed(db: Database) -> None:
    await db.add_interviewer(501, ADMIN, NOW)

    assert await db.remove_interviewer(501, ADMIN, NOW)
    assert not await db.remove_interviewer(501, ADMIN, NOW)

    assert not await db.is_interviewer(501)
    actions = [entry.action for entry in reversed(await db.audit_log())]
    assert actions == ["interviewer_added", "interviewer_removed"]


async def test_participant_before_assessment(db: Database) -> None:
    city_id = await _participant_city(db)

    [participant] = await db.participants([city_id])

    assert participant.respondent_id == 1001
    assert participant.chat_id == 2001
    assert participant.assessment is None
    assert participant.last_activity == NOW
    assert await db.participants([city_id + 1]) == []


async def test_reminder_claimed_then_finished(db: Database) -> None:
    city_id = await _participant_city(db)
    [participant] = await db.participants([city_id])

    reminder_id = await db.claim_reminder(
        participant.invitation.id, ReminderKind.AUTOMATIC, None, NOW
    )
    [claimed] = (await db.participants([city_id]))[0].reminders
    await db.finish_reminder(reminder_id, ReminderOutcome.SENT, NOW + timedelta(seconds=1))
    [finished] = (await db.participants([city_id]))[0].reminders

    assert claimed.outcome is ReminderOutcome.SENDING
    assert finished.outcome is ReminderOutcome.SENT
    assert finished.finished_at == NOW + timedelta(seconds=1)
    assert finished.kind is ReminderKind.AUTOMATIC


async def test_unreachable_marked_once(db: Database) -> None:
    city_id = await _participant_city(db)

    assert await db.mark_unreachable(1001, NOW)
    assert not await db.mark_unreachable(1001, NOW + timedelta(hours=1))

    [participant] = await db.participants([city_id])
    assert participant.unreachable_at == NOW


async def test_unreachable_cleared(db: Database) -> None:
    city_id = await _participant_city(db)
    await db.mark_unreachable(1001, NOW)

    assert await db.clear_unreachable(1001)
    assert not await db.clear_unreachable(1001)

    [participant] = await db.participants([city_id])
    assert participant.unreachable_at is None


async def test_unfinished_only_skips_submitted(db: Database) -> None:
    city_id = await _participant_city(db)
    await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE_CONTENT)
    assessment = await db.create_assessment(1001, "smart_city", 1)

    before = await db.participants(unfinished_only=True)
    await db.submit(assessment.id)
    after = await db.participants(unfinished_only=True)

    assert [p.assessment.id for p in before] == [assessment.id]
    assert after == []
    assert len(await db.participants([city_id])) == 1
