"""An admin erases a respondent's Telegram ids; the city's answers stay."""

from pathlib import Path

import pytest

from tests.bot.driver import answer_until, start_in_english
from tests.bot.harness import BotHarness, running_bot
from tests.bot.interviewer_helpers import ADMIN, INTERVIEWER, UNKNOWN_COMMAND


@pytest.fixture
async def harness(database_path: Path):
    async with running_bot(database_path, admin_ids=frozenset({ADMIN})) as running:
        yield running


async def test_erase_keeps_answers(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "population")
    state = await mayor.state()
    admin = harness.person(ADMIN, "Ana")

    await admin.send(f"/erase {mayor.user.id}")

    assert "Their answers stay with the city" in admin.last_text()
    database = harness.services.database
    assert await database.respondent(mayor.user.id) is None
    kept = await database.assessment(state.assessment.id)
    assert kept.respondent_id < 0
    answers = await database.answers(state.assessment.id)
    assert answers["city_name"].value == state.answers["city_name"]
    entries = await database.audit_log()
    assert [entry.action for entry in entries if entry.actor == ADMIN] == ["respondent_erased"]


async def test_erase_unknown_respondent(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ana")

    await admin.send("/erase 4242")

    assert "No respondent has the user id 4242." in admin.last_text()


async def test_erase_needs_user_id(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ana")

    await admin.send("/erase someone")

    assert "followed by the respondent's Telegram user id" in admin.last_text()


async def test_erase_refused_for_interviewer(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ana")
    await admin.send(f"/interviewers add {INTERVIEWER}")
    mayor = harness.person()
    await start_in_english(mayor)
    interviewer = harness.person(INTERVIEWER, "Ivo")

    await interviewer.send(f"/erase {mayor.user.id}")

    assert interviewer.last_text() == UNKNOWN_COMMAND
    assert await harness.services.database.respondent(mayor.user.id) is not None


async def test_erased_respondent_starts_afresh(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await mayor.send("Vigan")
    admin = harness.person(ADMIN, "Ana")
    await admin.send(f"/erase {mayor.user.id}")

    await mayor.send("Laoag")

    assert "Send /start" in mayor.last_text()
