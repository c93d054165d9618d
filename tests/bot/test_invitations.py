"""Invitations end to end: deep links, single use, expiry, revocation and the slowdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.interviewers.invitations import token_hash
from tests.bot.driver import answer_current
from tests.bot.harness import BotHarness, running_bot
from tests.bot.interviewer_helpers import (
    ADMIN,
    SettableClock,
    invitation_tokens,
    new_city,
    photos,
)

INVITATION_ONLY = "This smart city assessment is by invitation only"


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock()


@pytest.fixture
async def harness(database_path: Path, clock: SettableClock):
    async with running_bot(
        database_path, admin_ids=frozenset({ADMIN}), open_enrollment=False, clock=clock
    ) as running:
        yield running


async def test_start_without_invitation(harness: BotHarness) -> None:
    mayor = harness.person(1001)

    await mayor.send("/start")

    assert INVITATION_ONLY in mayor.last_text()
    assert await harness.services.database.respondent(1001) is None


async def test_invitation_sent_as_link_and_qr(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    token = await new_city(admin)

    [photo] = photos(admin)
    assert 32 <= len(token) <= 64
    assert "Invitation for Iloilo" in photo["caption"]
    png = harness.api.file(photo["photo"][0]["file_id"]).content
    assert png.startswith(b"\x89PNG")
    invitations = await harness.services.database.invitations_of_city(1)
    assert invitations[0].token_sha256 == token_hash(token)


async def test_invitation_used_once(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")
    other = harness.person(1002, "Rosa")

    await mayor.send(f"/start {token}")
    await other.send(f"/start {token}")

    assert "invited to the smart city assessment for Iloilo" in mayor.texts()[0]
    assert "Please choose your language" in mayor.last_text()
    assert "already been used" in other.last_text()
    assert await harness.services.database.respondent(1002) is None


async def test_assessment_belongs_to_city(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")

    await mayor.send(f"/start {token}")
    await mayor.tap("English")
    await answer_current(mayor)

    [participant] = await harness.services.database.participants([1])
    assert participant.respondent_id == 1001
    assert participant.assessment.id == (await mayor.state()).assessment.id
    assert "Welcome, Maria." in "\n".join(mayor.texts())


async def test_same_link_resumes(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")
    await mayor.send(f"/start {token}")
    await mayor.tap("English")
    answered_id = await answer_current(mayor)

    await mayor.send(f"/start {token}")

    state = await mayor.state()
    assert answered_id in state.answers
    assert "Welcome back" in "\n".join(mayor.texts()[-3:])


async def test_city_start_notified(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")

    await mayor.send(f"/start {token}")

    assert "Iloilo (Philippines): respondent 1001 opened an invitation" in admin.last_text()


async def test_expired_invitation(harness: BotHarness, clock: SettableClock) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")

    clock.advance(days=30, seconds=1)
    await mayor.send(f"/start {token}")

    assert "This invitation has expired" in mayor.last_text()
    assert await harness.services.database.respondent(1001) is None


async def test_revoked_invitation(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    await admin.send("/cities")
    await admin.tap("Iloilo")
    mayor = harness.person(1001, "Maria")

    await admin.tap("Revoke open invitations")
    await mayor.send(f"/start {token}")

    assert "This invitation has been withdrawn" in mayor.last_text()
    assert "1 revoked" in admin.last_text()


async def test_reissued_invitation(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    old_token = await new_city(admin)
    await admin.send("/cities")
    await admin.tap("Iloilo")

    await admin.tap("Re-issue invitation")
    new_token = invitation_tokens(admin)[-1]
    mayor = harness.person(1001, "Maria")
    deputy = harness.person(1002, "Rosa")
    await mayor.send(f"/start {old_token}")
    await deputy.send(f"/start {new_token}")

    assert new_token != old_token
    assert "withdrawn" in mayor.last_text()
    assert "Please choose your language" in deputy.last_text()


async def test_second_respondent_of_city(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    first_token = await new_city(admin)
    await admin.send("/cities")
    await admin.tap("Iloilo")
    await admin.tap("Invite another respondent")
    second_token = invitation_tokens(admin)[-1]
    mayor, cio = harness.person(1001, "Maria"), harness.person(1002, "Jun")

    await mayor.send(f"/start {first_token}")
    await cio.send(f"/start {second_token}")

    participants = await harness.services.database.participants([1])
    assert [p.respondent_id for p in participants] == [1001, 1002]


async def test_wrong_tokens_slowed_down(harness: BotHarness, clock: SettableClock) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    guesser = harness.person(1003, "Guess")

    for attempt in range(5):
        await guesser.send(f"/start wrong-token-{attempt}")
    await guesser.send(f"/start {token}")
    rejection = guesser.last_text()
    clock.advance(minutes=15)
    await guesser.send(f"/start {token}")

    assert "Too many invalid invitation links" in rejection
    assert "wait 15 minutes" in rejection
    assert "Please choose your language" in guesser.last_text()


async def test_malformed_token_rejected(harness: BotHarness) -> None:
    stranger = harness.person(1003, "Guess")

    await stranger.send("/start not/a*token")

    assert "This invitation link is not valid" in stranger.last_text()


async def test_language_picker_keeps_invitation_rule(harness: BotHarness) -> None:
    stranger = harness.person(1003, "Guess")

    await stranger.send("/language")
    await stranger.tap("English")

    assert INVITATION_ONLY in stranger.last_text()
    assert await stranger.state() is None


async def test_open_enrollment_needs_no_invitation(database_path: Path) -> None:
    async with running_bot(database_path, open_enrollment=True) as harness:
        respondent = harness.person(1001)

        await respondent.send("/start")

        assert "Please choose your language" in respondent.last_text()
