"""/newcity step by step and in one line, and /cities with its pages and city details."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaires import engine
from tests.bot.driver import answer_all, answer_current, start_in_english
from tests.bot.harness import BotHarness, running_bot
from tests.bot.interviewer_helpers import ADMIN, invitation_tokens, new_city, photos


@pytest.fixture
async def harness(database_path: Path):
    async with running_bot(
        database_path, admin_ids=frozenset({ADMIN}), open_enrollment=False
    ) as running:
        yield running


async def test_new_city_in_one_line(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/newcity San José <del>; Philippines; asia/manila")

    [city] = await harness.services.database.cities_page(0, 10)
    assert city.name == "San José <del>"
    assert city.country == "Philippines"
    assert city.time_zone == "Asia/Manila"
    assert "Added San José <del> (Philippines), time zone Asia/Manila" in admin.texts()[-2]
    assert len(photos(admin)) == 1


async def test_new_city_step_by_step(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/newcity")
    await admin.send("Chiang Mai")
    country_prompt = admin.last_text()
    await admin.send("Thailand")
    zone_prompt = admin.messages()[-1]
    await admin.send("Asia/Bangkok")

    assert "In which country is Chiang Mai?" in country_prompt
    assert "Time zones of Thailand: Asia/Bangkok" in zone_prompt["text"]
    assert zone_prompt["reply_markup"]["keyboard"] == [[{"text": "Asia/Bangkok"}]]
    [city] = await harness.services.database.cities_page(0, 10)
    assert (city.name, city.country, city.time_zone) == ("Chiang Mai", "Thailand", "Asia/Bangkok")
    assert len(invitation_tokens(admin)) == 1


async def test_unknown_time_zone_asked_again(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/newcity Iloilo; Philippines; Mars/Olympus")
    await admin.send("Manila")

    assert "Mars/Olympus is not a time zone I know." in "\n".join(admin.texts())
    [city] = await harness.services.database.cities_page(0, 10)
    assert city.time_zone == "Asia/Manila"


async def test_cancel_ends_draft(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/newcity")
    await admin.send("/cancel")
    await admin.send("Iloilo")

    assert "Stopped. No city was added." in "\n".join(admin.texts())
    assert await harness.services.database.city_count() == 0


async def test_draft_survives_restart(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    await admin.send("/newcity")
    await admin.send("Iloilo")

    await harness.restart()
    await admin.send("Philippines; Asia/Manila")

    [city] = await harness.services.database.cities_page(0, 10)
    assert city.name == "Iloilo"


async def test_interviewer_mid_interview(database_path: Path) -> None:
    async with running_bot(database_path, admin_ids=frozenset({ADMIN})) as harness:
        admin = harness.person(ADMIN, "Ines")
        await start_in_english(admin)
        city_question = (await admin.state()).current.id

        await admin.send("/newcity")
        await admin.send("Iloilo")
        await admin.send("/cancel")
        await answer_current(admin, "Cebu")

        answers = await admin.answers()
        assert answers[city_question] == "Cebu"
        assert await harness.services.database.city_count() == 0


async def test_cities_empty(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")

    await admin.send("/cities")

    assert "No cities yet. Send /newcity" in admin.last_text()


async def test_cities_pages(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    for number in range(1, 11):
        await new_city(admin, f"City {number:02d}; Thailand; Asia/Bangkok")

    await admin.send("/cities")
    first_page = admin.messages()[-1]
    await admin.tap("Next")
    second_page = admin.messages()[-1]
    await admin.tap("Previous")

    assert "page 1 of 2" in first_page["text"]
    assert "City 10" in first_page["text"]
    assert "City 02" not in first_page["text"]
    assert "page 2 of 2" in second_page["text"]
    assert "City 01" in second_page["text"]
    assert second_page["message_id"] == first_page["message_id"]
    assert "page 1 of 2" in admin.last_text()


async def test_city_detail(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")
    await mayor.send(f"/start {token}")
    await mayor.tap("English")
    await answer_current(mayor, "Iloilo City")

    await admin.send("/cities")
    listing = admin.last_text()
    await admin.tap("Iloilo")

    detail = admin.last_text()
    state = await mayor.state()
    total = len(engine.visible_questions(state.questionnaire, state.answers))
    assert f"Iloilo (Philippines): started, 1 of {total} answered" in listing
    assert "Time zone: Asia/Manila" in detail
    assert f"Respondent 1001: 1 of {total} answered" in detail
    assert "Invitations: 0 open, 1 used, 0 expired, 0 revoked" in detail
    labels = [
        button["text"]
        for row in admin.messages()[-1]["reply_markup"]["inline_keyboard"]
        for button in row
    ]
    assert labels == [
        "🔔 Remind",
        "➕ Invite another respondent",
        "🔁 Re-issue invitation",
        "📊 Export",
        "« Cities",
    ]


async def test_city_states_listed(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    await new_city(admin, "Invited Town; Thailand; Asia/Bangkok")

    await admin.send("/cities")

    assert "Invited Town (Thailand): invited, not started" in admin.last_text()


async def test_city_reports_button(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")
    await mayor.send(f"/start {token}")
    await mayor.tap("English")
    await answer_all(mayor)
    await mayor.tap("Submit assessment")
    documents_before = [m for m in admin.messages() if "document" in m]

    await admin.send("/cities")
    await admin.tap("Iloilo")
    await admin.tap("Reports")

    documents = [m for m in admin.messages() if "document" in m]
    assert len(documents) == len(documents_before) + 1
    assert documents[-1]["document"]["file_name"].endswith(".pdf")
    entry = (await harness.services.database.audit_log())[0]
    assert (entry.action, entry.subject) == ("reports_sent", "city:1")
