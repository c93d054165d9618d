"""Admins and interviewers see their own commands in Telegram's menu, in their language."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n import translator
from bot.interviewers.enrollment import interviewer_help_text
from tests.bot.harness import BotHarness, running_bot
from tests.bot.interviewer_helpers import ADMIN, INTERVIEWER

RESPONDENT_MENU = ["start", "review", "report", "unclear", "help", "language", "privacy"]
INTERVIEWER_MENU = [*RESPONDENT_MENU, "newcity", "cities", "remind", "export", "cancel"]
ADMIN_MENU = [*INTERVIEWER_MENU, "interviewers", "erase"]


@pytest.fixture
async def harness(database_path: Path):
    async with running_bot(
        database_path, admin_ids=frozenset({ADMIN}), open_enrollment=False
    ) as running:
        yield running


def menu_of(harness: BotHarness, user_id: int) -> list[str]:
    commands = harness.api.commands(scope={"type": "chat", "chat_id": user_id})
    return [command["command"] for command in commands]


async def test_admin_menu_set_at_start(harness: BotHarness) -> None:
    assert menu_of(harness, ADMIN) == ADMIN_MENU


async def test_added_interviewer_gets_menu(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send(f"/interviewers add {INTERVIEWER}")

    assert menu_of(harness, INTERVIEWER) == INTERVIEWER_MENU


async def test_removed_interviewer_loses_menu(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    await admin.send(f"/interviewers add {INTERVIEWER}")

    await admin.send("/interviewers")
    await admin.tap(f"Remove {INTERVIEWER}")

    assert menu_of(harness, INTERVIEWER) == []


async def test_staff_language_kept_and_menu_translated(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/language")
    await admin.tap("ไทย")

    respondent = await harness.services.database.respondent(ADMIN)
    assert respondent.locale == "th"
    descriptions = harness.api.commands(scope={"type": "chat", "chat_id": ADMIN})
    assert descriptions[0]["description"] != "Start or continue the assessment"
    assert admin.last_text() == interviewer_help_text(translator("th"))
