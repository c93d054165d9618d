"""Interviewers get the questions ranked by trouble with /toolstats; respondents do not."""

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot.languages import native_name
from tests.bot.driver import answer_current, start_in_english
from tests.bot.harness import BotHarness, Person, running_bot

ADMIN_ID = 9001


@pytest.fixture
async def harness(database_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(database_path, admin_ids=frozenset({ADMIN_ID})) as running:
        yield running


async def cohort(harness: BotHarness) -> None:
    """An English mayor who flags the country question, a Khmer governor who flags it twice."""
    mayor = harness.person(1001, "Maria")
    await start_in_english(mayor)
    await answer_current(mayor, "Davao City")
    await mayor.send("/unclear Is Hong Kong a country?")
    await answer_current(mayor)

    governor = harness.person(1002, "Sok", language_code="km")
    await governor.send("/start")
    await governor.tap(native_name("km"))
    await answer_current(governor, "Siem Reap")
    await governor.tap("❓")
    await governor.send("/unclear ពាក្យ territory")


def documents(person: Person) -> list[dict[str, Any]]:
    return [message["document"] for message in person.messages() if "document" in message]


def read_csv(harness: BotHarness, document: dict[str, Any]) -> list[dict[str, str]]:
    content = harness.api.file(document["file_id"]).content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


async def test_admin_gets_ranked_table(harness: BotHarness) -> None:
    await cohort(harness)
    admin = harness.person(ADMIN_ID, "Ana")

    await admin.send("/toolstats")

    text = "\n".join(admin.texts())
    assert "Where respondents struggle" in text
    assert "2 assessments, 0 submitted" in text
    assert "1. country · score 27 · 2 respondents" in text
    assert "city_name" not in text
    assert "“Is Hong Kong a country?” (Davao City, en)" in text
    assert "“ពាក្យ territory” (Siem Reap, km)" in text
    assert "Khmer (km)" in text
    assert "English (en)" in text


async def test_admin_gets_figures_csv(harness: BotHarness) -> None:
    await cohort(harness)
    admin = harness.person(ADMIN_ID, "Ana")

    await admin.send("/toolstats")

    figures, remarks = documents(admin)
    assert figures["file_name"] == "toolstats-smart_city-v1.csv"
    rows = read_csv(harness, figures)
    country = next(r for r in rows if r["locale"] == "all" and r["question_id"] == "country")
    assert country["rank"] == "1"
    assert country["unclear_flags"] == "3"
    assert country["flagged_by"] == "2"
    assert country["reached"] == "2"
    khmer = next(r for r in rows if r["locale"] == "km" and r["question_id"] == "country")
    assert khmer["unclear_flags"] == "2"
    assert [r["city"] for r in read_csv(harness, remarks)] == ["Siem Reap", "Davao City"]


async def test_export_has_toolstats_sheet(harness: BotHarness) -> None:
    await cohort(harness)
    admin = harness.person(ADMIN_ID, "Ana")
    await admin.send("/toolstats")
    figures = read_csv(harness, documents(admin)[0])

    await admin.send("/export")

    workbook_file = next(d for d in documents(admin) if d["file_name"] == "results.xlsx")
    workbook = openpyxl.load_workbook(
        io.BytesIO(harness.api.file(workbook_file["file_id"]).content)
    )
    header, *rows = workbook["toolstats"].iter_rows(values_only=True)
    assert header[:3] == ("questionnaire_id", "questionnaire_version", "locale")
    assert len(rows) == len(figures)
    country = next(row for row in rows if row[2] == "all" and row[4] == "country")
    assert country[:6] == ("smart_city", 1, "all", 1, "country", "single_choice")
    assert country[header.index("unclear_flags")] == 3


async def test_admin_before_any_assessment(harness: BotHarness) -> None:
    admin = harness.person(ADMIN_ID, "Ana")

    await admin.send("/toolstats")

    assert "No respondent has reached a question yet." in admin.texts()[0]
    assert len(admin.texts()) == 2
    assert len(documents(admin)) == 1


async def test_interviewer_gets_table(harness: BotHarness) -> None:
    await cohort(harness)
    await harness.services.database.add_interviewer(7001, ADMIN_ID, datetime.now(UTC))
    interviewer = harness.person(7001, "Lin")

    await interviewer.send("/toolstats")

    assert "Where respondents struggle" in interviewer.texts()[0]
    assert len(documents(interviewer)) == 2


async def test_stopped_respondent_counted(database_path: Path) -> None:
    def eight_days_later() -> datetime:
        return datetime.now(UTC) + timedelta(days=8)

    admins = frozenset({ADMIN_ID})
    async with running_bot(database_path, admin_ids=admins, clock=eight_days_later) as harness:
        mayor = harness.person(1001, "Maria")
        await start_in_english(mayor)
        await answer_current(mayor, "Davao City")
        admin = harness.person(ADMIN_ID, "Ana")

        await admin.send("/toolstats")

        rows = read_csv(harness, documents(admin)[0])
    country = next(r for r in rows if r["locale"] == "all" and r["question_id"] == "country")
    city_name = next(r for r in rows if r["locale"] == "all" and r["question_id"] == "city_name")
    assert country["stopped_at"] == "1"
    assert city_name["stopped_after"] == "1"
    assert "stopped here 1" in admin.texts()[0]


async def test_respondent_refused(harness: BotHarness) -> None:
    await cohort(harness)
    mayor = harness.people[1001]
    before = len(mayor.messages())

    await mayor.send("/toolstats")

    assert mayor.last_text() == "Unknown command. Send /help for the list."
    assert len(mayor.messages()) == before + 1
    assert documents(mayor) == []
