"""Reminders end to end: the schedule, daytime, submission, restarts, blocked users, floods."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n import translator
from fake_bot_api import BotApiError
from questionnaires import engine
from questionnaires.estimate import estimated_minutes
from questionnaires.loader import FILES_DIR, load_directory
from tests.bot.driver import answer_all, answer_current
from tests.bot.harness import BotHarness, Person, running_bot
from tests.bot.interviewer_helpers import ADMIN, SettableClock, new_city, run_reminder_check

MANILA = "Asia/Manila"
REMINDER = "A reminder:"
BLOCKED = "Forbidden: bot was blocked by the user"
MINUTES = estimated_minutes(load_directory(FILES_DIR)[-1])[1]


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock()


@pytest.fixture
async def harness(database_path: Path, clock: SettableClock):
    async with running_bot(
        database_path, admin_ids=frozenset({ADMIN}), open_enrollment=False, clock=clock
    ) as running:
        yield running


async def _respondent(harness: BotHarness, user_id: int, answers: int = 1) -> Person:
    """A respondent of a new city who answered `answers` questions in English."""
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin, f"City {user_id}; Philippines; {MANILA}")
    respondent = harness.person(user_id, f"Mayor {user_id}")
    await respondent.send(f"/start {token}")
    await respondent.tap("English")
    for _ in range(answers):
        await answer_current(respondent)
    return respondent


def _reminders(person: Person) -> list[str]:
    return [text for text in person.texts() if REMINDER in text]


async def test_reminder_due_after_idle_days(harness: BotHarness, clock: SettableClock) -> None:
    mayor = await _respondent(harness, 1001, answers=2)
    state = await mayor.state()
    total = len(engine.visible_questions(state.questionnaire, state.answers))

    clock.local_time(days_ahead=2, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)
    early = _reminders(mayor)
    clock.local_time(days_ahead=2, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)

    assert early == []
    [reminder] = _reminders(mayor)
    assert "City 1001" in reminder
    assert f"You have answered 2 of {total} questions" in reminder
    assert mayor.messages()[-1]["reply_markup"]["inline_keyboard"][0][0]["text"] == (
        "▶️ Continue the assessment"
    )


async def test_continue_shows_current_question(harness: BotHarness, clock: SettableClock) -> None:
    mayor = await _respondent(harness, 1001, answers=2)
    current = (await mayor.state()).current
    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)

    await mayor.tap("Continue the assessment")

    assert (
        mayor.messages()[-1]["message_id"] == (await mayor.state()).assessment.question_message_id
    )
    assert current.text in mayor.last_text()
    answered_id = await answer_current(mayor)
    assert answered_id == current.id


async def test_reminder_waits_for_daytime(harness: BotHarness, clock: SettableClock) -> None:
    mayor = await _respondent(harness, 1001)

    clock.local_time(days_ahead=4, hour=2, time_zone=MANILA)
    await run_reminder_check(harness)
    at_night = _reminders(mayor)
    clock.local_time(days_ahead=4, hour=19, time_zone=MANILA)
    await run_reminder_check(harness)
    in_the_evening = _reminders(mayor)
    clock.local_time(days_ahead=5, hour=9, time_zone=MANILA)
    await run_reminder_check(harness)

    assert at_night == []
    assert in_the_evening == []
    assert len(_reminders(mayor)) == 1


async def test_no_reminder_after_submission(harness: BotHarness, clock: SettableClock) -> None:
    mayor = await _respondent(harness, 1001)
    await answer_all(mayor)
    await mayor.tap("Submit assessment")

    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)

    assert (await mayor.state()).submitted
    assert _reminders(mayor) == []


async def test_not_repeated_after_restart(harness: BotHarness, clock: SettableClock) -> None:
    mayor = await _respondent(harness, 1001)
    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)

    await harness.restart()
    clock.advance(minutes=1)
    await run_reminder_check(harness)
    clock.advance(hours=5)
    await run_reminder_check(harness)

    assert len(_reminders(mayor)) == 1


async def test_reminders_stop_at_maximum(harness: BotHarness, clock: SettableClock) -> None:
    mayor = await _respondent(harness, 1001)

    for days_ahead in (4, 3, 3, 3):
        clock.local_time(days_ahead=days_ahead, hour=12, time_zone=MANILA)
        await run_reminder_check(harness)

    assert len(_reminders(mayor)) == 2


async def test_reminder_before_start(harness: BotHarness, clock: SettableClock) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")
    await mayor.send(f"/start {token}")

    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)
    [reminder] = _reminders(mayor)
    await mayor.tap("Start the assessment")

    assert "is waiting for you" in reminder
    assert "Please choose your language" in mayor.last_text()


async def test_reminder_without_language_bilingual(
    harness: BotHarness, clock: SettableClock
) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin, "Khon Kaen; Thailand; Asia/Bangkok")
    mayor = harness.person(1001, "Somchai")
    await mayor.send(f"/start {token}")

    clock.local_time(days_ahead=4, hour=12, time_zone="Asia/Bangkok")
    await run_reminder_check(harness)
    [reminder] = _reminders(mayor)
    thai, english = reminder.split("\n\n")
    [[button]] = mayor.messages()[-1]["reply_markup"]["inline_keyboard"]

    assert thai == translator("th").gettext(
        "A reminder: the smart city assessment for {city} is waiting for you. It takes "
        "about {minutes} minutes, and your answers are saved as you go."
    ).format(city="Khon Kaen", minutes=translator("th").number(MINUTES))
    assert english.startswith("A reminder: the smart city assessment for Khon Kaen")
    assert button["text"].endswith("· Start the assessment")
    assert translator("th").gettext("Start the assessment") in button["text"]


async def test_reminder_with_language_monolingual(
    harness: BotHarness, clock: SettableClock
) -> None:
    mayor = await _respondent(harness, 1001)

    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)
    [reminder] = _reminders(mayor)

    assert reminder.startswith(REMINDER)
    assert "\n\n" not in reminder


async def test_blocked_respondent_marked(harness: BotHarness, clock: SettableClock) -> None:
    first = await _respondent(harness, 1001)
    second = await _respondent(harness, 1002)
    admin = harness.people[ADMIN]
    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)

    harness.api.fail_next("sendMessage", BotApiError(403, BLOCKED))
    await run_reminder_check(harness)
    notice = admin.last_text()
    await admin.send("/cities")

    assert _reminders(first) == []
    assert len(_reminders(second)) == 1
    assert "City 1001: respondent 1001 blocked the bot" in notice
    assert "City 1001 (Philippines): started" in admin.last_text()
    assert "respondent unreachable" in admin.last_text()
    participants = await harness.services.database.participants()
    assert [p.unreachable_at is not None for p in participants] == [True, False]


async def test_unreachable_not_reminded_again(harness: BotHarness, clock: SettableClock) -> None:
    mayor = await _respondent(harness, 1001)
    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)
    harness.api.fail_next("sendMessage", BotApiError(403, BLOCKED))
    await run_reminder_check(harness)
    calls_before = len(harness.api.calls_to("sendMessage"))

    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)
    await run_reminder_check(harness)

    assert len(harness.api.calls_to("sendMessage")) == calls_before
    assert _reminders(mayor) == []


async def test_flood_error_retried(harness: BotHarness, clock: SettableClock) -> None:
    first = await _respondent(harness, 1001)
    second = await _respondent(harness, 1002)
    clock.local_time(days_ahead=4, hour=12, time_zone=MANILA)

    harness.api.fail_next(
        "sendMessage", BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)
    )
    await run_reminder_check(harness)

    assert len(_reminders(first)) == 1
    assert len(_reminders(second)) == 1
    flood_errors = [call for call in harness.api.calls_to("sendMessage") if call.error]
    assert len(flood_errors) == 1
    entries = await harness.services.database.audit_log()
    assert entries[0].action == "reminders_sent"
    assert entries[0].details == {"sent": 2, "unreachable": 0, "failed": 0}


async def test_remind_one_city(harness: BotHarness) -> None:
    first = await _respondent(harness, 1001)
    second = await _respondent(harness, 1002)
    admin = harness.people[ADMIN]

    await admin.send("/remind")
    await admin.tap("City 1001")

    assert len(_reminders(first)) == 1
    assert _reminders(second) == []
    assert "Reminders sent: 1. Unreachable: 0. Failed: 0." in admin.last_text()
    entry = (await harness.services.database.audit_log())[0]
    assert (entry.action, entry.actor, entry.subject) == ("reminders_sent", ADMIN, "city:1")


async def test_remind_all_unfinished(harness: BotHarness) -> None:
    first = await _respondent(harness, 1001)
    second = await _respondent(harness, 1002)
    finished = await _respondent(harness, 1003)
    await answer_all(finished)
    await finished.tap("Submit assessment")
    admin = harness.people[ADMIN]

    await admin.send("/remind all")

    assert len(_reminders(first)) == 1
    assert len(_reminders(second)) == 1
    assert _reminders(finished) == []
    assert "Reminders sent: 2." in admin.last_text()


async def test_remind_from_city_detail(harness: BotHarness) -> None:
    mayor = await _respondent(harness, 1001)
    admin = harness.people[ADMIN]
    await admin.send("/cities")
    await admin.tap("City 1001")

    await admin.tap("Remind")

    assert len(_reminders(mayor)) == 1
