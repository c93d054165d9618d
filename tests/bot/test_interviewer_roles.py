"""Admins and interviewers: who may use which command and button, and managing the team."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import utc_now
from tests.bot.harness import BotHarness, running_bot
from tests.bot.interviewer_helpers import (
    ADMIN,
    INTERVIEWER,
    INVALID_BUTTON,
    UNKNOWN_COMMAND,
    new_city,
)

INTERVIEWER_COMMANDS = [
    "/newcity",
    "/newcity Iloilo; Philippines; Asia/Manila",
    "/cities",
    "/remind",
    "/remind all",
    "/export",
    "/cancel",
    "/interviewers",
    "/interviewers add 1003",
    "/erase 1001",
]
INTERVIEWER_BUTTONS = [
    "iv:p:0",
    "iv:c:1:0",
    "iv:r:1",
    "iv:a",
    "iv:n:1",
    "iv:i:1",
    "iv:x:1:0",
    "iv:e:1",
    "iv:o:1",
    f"iv:d:{INTERVIEWER}",
]


@pytest.fixture
async def harness(database_path: Path):
    async with running_bot(
        database_path, admin_ids=frozenset({ADMIN}), open_enrollment=False
    ) as running:
        yield running


async def _stranger_with_a_message(harness: BotHarness):
    """A user who is neither admin nor interviewer but has a chat with the bot."""
    stranger = harness.person(1003, "Eve")
    await stranger.send("/help")
    return stranger


@pytest.mark.parametrize("command", INTERVIEWER_COMMANDS)
async def test_stranger_command_refused(harness: BotHarness, command: str) -> None:
    admin = harness.person(ADMIN, "Ines")
    await new_city(admin)
    stranger = await _stranger_with_a_message(harness)

    await stranger.send(command)

    assert stranger.last_text() == UNKNOWN_COMMAND
    assert await harness.services.database.city_count() == 1
    assert not await harness.services.database.is_interviewer(1003)


@pytest.mark.parametrize("data", INTERVIEWER_BUTTONS)
async def test_stranger_button_refused(harness: BotHarness, data: str) -> None:
    admin = harness.person(ADMIN, "Ines")
    await new_city(admin)
    await harness.services.database.add_interviewer(INTERVIEWER, ADMIN, utc_now())
    stranger = await _stranger_with_a_message(harness)
    sent_before = len(stranger.messages())

    update = await stranger.tap_data(data)

    answer = harness.api.callback_answer(update["callback_query"]["id"])
    assert answer["text"] == INVALID_BUTTON
    assert answer["show_alert"] is True
    assert len(stranger.messages()) == sent_before
    assert len(await harness.services.database.invitations_of_city(1)) == 1
    assert await harness.services.database.is_interviewer(INTERVIEWER)


async def test_interviewer_cannot_manage_team(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    await admin.send(f"/interviewers add {INTERVIEWER}")
    interviewer = harness.person(INTERVIEWER, "Jo")

    await interviewer.send("/interviewers add 1003")
    command_reply = interviewer.last_text()
    update = await interviewer.tap_data(f"iv:d:{INTERVIEWER}")

    assert command_reply == UNKNOWN_COMMAND
    answer = harness.api.callback_answer(update["callback_query"]["id"])
    assert answer["text"] == INVALID_BUTTON
    assert await harness.services.database.is_interviewer(INTERVIEWER)
    assert not await harness.services.database.is_interviewer(1003)


async def test_admin_adds_interviewer(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    interviewer = harness.person(INTERVIEWER, "Jo")
    await interviewer.send("/help")

    await admin.send(f"/interviewers add {INTERVIEWER}")
    await interviewer.send("/newcity Iloilo; Philippines; Asia/Manila")

    assert f"{INTERVIEWER} is now an interviewer." in "\n".join(admin.texts())
    assert "You are an interviewer" in interviewer.texts()[1]
    assert "Invitation for Iloilo" in interviewer.messages()[-1]["caption"]
    entries = await harness.services.database.audit_log()
    assert ("interviewer_added", ADMIN, f"user:{INTERVIEWER}") in [
        (entry.action, entry.actor, entry.subject) for entry in entries
    ]


async def test_admin_removes_interviewer(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    await admin.send(f"/interviewers add {INTERVIEWER}")
    interviewer = harness.person(INTERVIEWER, "Jo")

    await admin.send("/interviewers")
    await admin.tap(f"Remove {INTERVIEWER}")
    await interviewer.send("/cities")

    assert f"{INTERVIEWER} is no longer an interviewer." in "\n".join(admin.texts())
    assert interviewer.last_text() == UNKNOWN_COMMAND
    assert not await harness.services.database.is_interviewer(INTERVIEWER)


async def test_admin_adds_chosen_person(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    await admin.send("/interviewers")

    await admin.send_content(users_shared={"request_id": 1, "users": [{"user_id": INTERVIEWER}]})

    assert await harness.services.database.is_interviewer(INTERVIEWER)
    assert "could not message them yet" in "\n".join(admin.texts())


async def test_unreadable_team_command(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/interviewers add someone")

    assert "send /interviewers add USER_ID" in admin.last_text()
    assert await harness.services.database.interviewers() == []


async def test_interviewer_start_shows_commands(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/start")

    assert "You are an interviewer" in admin.last_text()
    assert "/newcity" in admin.last_text()
