"""A submitted assessment comes back as a report: summary, chart photo and PDF."""

from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from babel.dates import format_date

from bot.i18n import translator
from tests.bot.driver import DEFAULT_TEXT, answer_all, start_in_english
from tests.bot.harness import BotHarness, Person, running_bot

ADMIN = 9002
UNREACHABLE_ADMIN = 9001
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def report_parts(person: Person, locale: str = "en") -> dict[str, Any]:
    """Return the summary texts, the photo and the document the person received."""
    heading = translator(locale).gettext("Smart city assessment report")
    messages = person.messages()
    start = next(
        index for index, message in enumerate(messages) if heading in message.get("text", "")
    )
    received = messages[start:]
    return {
        "texts": [message["text"] for message in received if "text" in message],
        "photos": [message for message in received if "photo" in message],
        "documents": [message for message in received if "document" in message],
    }


def file_content(harness: BotHarness, message: dict[str, Any], kind: str) -> bytes:
    attachment = message[kind][-1] if kind == "photo" else message[kind]
    return harness.api.file(attachment["file_id"]).content


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


async def submit_interview(person: Person) -> None:
    await start_in_english(person)
    await answer_all(person)
    await person.tap("Submit assessment")


async def add_submitted_cities(harness: BotHarness, count: int, level: int = 2) -> None:
    """Store `count` other respondents' submitted assessments, every scored answer at `level`."""
    database = harness.services.database
    questionnaire = harness.services.registry.newest
    for user_id in range(5001, 5001 + count):
        await database.save_respondent(user_id, user_id)
        assessment = await database.create_assessment(
            user_id, questionnaire.id, questionnaire.version
        )
        await database.save_answer(assessment.id, "city_name", f"City {user_id}")
        for section in questionnaire.sections:
            for question in section.scored_questions():
                await database.save_answer(assessment.id, question.id, level)
        await database.submit(assessment.id)


async def test_respondent_receives_report(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3", admin_ids=frozenset({ADMIN})) as harness:
        harness.person(ADMIN, "Ana")
        mayor = harness.person()
        await submit_interview(mayor)

        parts = report_parts(mayor)
        assert "Thank you. Your assessment has been submitted." in mayor.texts()
        assert "Vision and leadership" in parts["texts"][0]
        assert len(parts["photos"]) == 1
        assert len(parts["documents"]) == 1
        document = parts["documents"][0]["document"]
        assert document["file_name"].endswith(".pdf")
        assert file_content(harness, parts["photos"][0], "photo").startswith(PNG_SIGNATURE)
        assert file_content(harness, parts["documents"][0], "document").startswith(b"%PDF")


async def test_admin_receives_report(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3", admin_ids=frozenset({ADMIN})) as harness:
        admin = harness.person(ADMIN, "Ana")
        mayor = harness.person()
        await submit_interview(mayor)

        parts = report_parts(admin)
        assert parts["texts"] == report_parts(mayor)["texts"]
        assert len(parts["photos"]) == 1
        assert len(parts["documents"]) == 1
        pdf = file_content(harness, parts["documents"][0], "document")
        # Free-text answers reach interviewers exactly as the respondent wrote them.
        # The emoji at the end is drawn from a colour bitmap font, as an image.
        assert DEFAULT_TEXT.removesuffix(" 🏙️") in pdf_text(pdf)


async def test_admin_gets_own_language(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3", admin_ids=frozenset({ADMIN})) as harness:
        admin = harness.person(ADMIN, "Ana")
        await harness.services.database.save_respondent(ADMIN, ADMIN)
        await harness.services.database.set_locale(ADMIN, "zh_Hant")
        mayor = harness.person()
        await submit_interview(mayor)

        today = format_date(date.today(), format="long", locale="zh_Hant")
        assert today in report_parts(admin, "zh_Hant")["texts"][0]
        assert today not in report_parts(mayor)["texts"][0]


async def test_unreachable_admin_skipped(tmp_path: Path) -> None:
    admins = frozenset({UNREACHABLE_ADMIN, ADMIN})
    async with running_bot(tmp_path / "bot.sqlite3", admin_ids=admins) as harness:
        # UNREACHABLE_ADMIN never opened a chat with the bot, so sending fails.
        admin = harness.person(ADMIN, "Ana")
        mayor = harness.person()
        await submit_interview(mayor)

        assert len(report_parts(admin)["documents"]) == 1
        assert len(report_parts(mayor)["documents"]) == 1


@pytest.mark.parametrize(("others", "shown"), [(4, False), (5, True)])
async def test_peer_median_needs_five_others(tmp_path: Path, others: int, shown: bool) -> None:
    async with running_bot(tmp_path / "bot.sqlite3") as harness:
        await add_submitted_cities(harness, others)
        mayor = harness.person()
        await submit_interview(mayor)

        summary = "\n".join(report_parts(mayor)["texts"])
        assert ("Median of other cities: 25/100" in summary) is shown
        assert "City 5001" not in summary


async def test_report_command_resends(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3") as harness:
        mayor = harness.person()
        await submit_interview(mayor)
        first_count = len(mayor.messages())

        await mayor.send("/report")

        resent = mayor.messages()[first_count:]
        assert "Smart city assessment report" in resent[0]["text"]
        assert sum("photo" in message for message in resent) == 1
        assert sum("document" in message for message in resent) == 1


async def test_report_command_before_submit(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3") as harness:
        mayor = harness.person()
        await start_in_english(mayor)

        await mayor.send("/report")

        assert "There is no submitted assessment yet." in mayor.last_text()
