"""/export and `python -m bot export`: a small cohort's results checked cell by cell."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot.__main__ import main
from questionnaires import engine
from questionnaires.model import (
    DONT_KNOW,
    ChoiceQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScaleQuestion,
    TargetQuestion,
    YesNoQuestion,
)
from tests.bot.driver import answer_all, answer_current, answer_until
from tests.bot.harness import BotHarness, Person, running_bot
from tests.bot.interviewer_helpers import ADMIN, invitation_tokens, new_city

# A text a spreadsheet would run as a formula, with HTML and an emoji besides.
CITY_NAME_ANSWER = '=HYPERLINK("http://127.0.0.1") <b>Iloilo</b> & 🏙️'


@pytest.fixture
async def harness(database_path: Path):
    async with running_bot(
        database_path, admin_ids=frozenset({ADMIN}), open_enrollment=False
    ) as running:
        yield running


async def _cohort(harness: BotHarness) -> tuple[Person, Person]:
    """A submitted mayor who changed one answer and skipped one, and a CIO who stopped early."""
    admin = harness.person(ADMIN, "Ines")
    await new_city(admin)
    await admin.send("/cities")
    await admin.tap("Iloilo")
    await admin.tap("Invite another respondent")
    first_token, second_token = invitation_tokens(admin)

    mayor = harness.person(1001, "Maria")
    await mayor.send(f"/start {first_token}")
    await mayor.tap("English")
    await answer_current(mayor, CITY_NAME_ANSWER)
    await answer_until(mayor, "vision_strategy")
    await answer_current(mayor, 2)
    await mayor.press(f"b:{(await mayor.state()).current.id}")
    await answer_current(mayor, 4)
    await answer_until(mayor, "flagship_project")
    await mayor.press("s:flagship_project")
    await answer_all(mayor)
    await mayor.tap("Submit assessment")

    cio = harness.person(1002, "Jun")
    await cio.send(f"/start {second_token}")
    await cio.tap("English")
    await answer_all(cio, {"respondent_role": "cio", "vision_strategy": DONT_KNOW})
    return mayor, cio


EXPORT_FILES = ("assessments.csv", "answers.csv", "results.xlsx")


def _documents(person: Person, api) -> dict[str, bytes]:
    """Return the export files sent to the person, by name; submitted reports are left out."""
    return {
        message["document"]["file_name"]: api.file(message["document"]["file_id"]).content
        for message in person.messages()
        if message.get("document", {}).get("file_name") in EXPORT_FILES
    }


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _expected_cells(questionnaire: Questionnaire, question: Question, value: Any) -> list[str]:
    """Return the code and English label the export should show, from the questionnaire."""
    if value is None:
        return ["skipped", "Skipped"]
    if value == DONT_KNOW:
        return ["dont_know", "Don't know"]
    if isinstance(question, ScaleQuestion | TargetQuestion):
        return [str(value), questionnaire.maturity_level(value).name]
    if isinstance(question, YesNoQuestion):
        return [value, value.capitalize()]
    if isinstance(question, RankingQuestion):
        labels = [question.choice(choice).label for choice in value]
        return [";".join(value), "; ".join(f"{n}. {label}" for n, label in enumerate(labels, 1))]
    if isinstance(question, MultipleChoiceQuestion):
        return [";".join(value), "; ".join(question.choice(choice).label for choice in value)]
    if isinstance(question, ChoiceQuestion):
        return [value, question.choice(value).label]
    if isinstance(question, NumberQuestion):
        return [value, f"{value} {question.unit}" if question.unit else value]
    text = "'" + value if value.startswith("=") else value
    return [text, text]


async def _expected_wide_row(person: Person, header: list[str]) -> dict[str, str]:
    state = await person.state()
    questionnaire, answers = state.questionnaire, state.answers
    visible = engine.visible_questions(questionnaire, answers)
    assessment = state.assessment
    expected = {
        "assessment_id": str(assessment.id),
        "city_id": "1",
        "city": "Iloilo",
        "city_country": "Philippines",
        "city_time_zone": "Asia/Manila",
        "respondent_id": str(person.user.id),
        "questionnaire_id": "smart_city",
        "questionnaire_version": "1",
        "status": assessment.status.value,
        "started_at_utc": assessment.started_at.isoformat(timespec="seconds"),
        "last_activity_at_utc": assessment.updated_at.isoformat(timespec="seconds"),
        "submitted_at_utc": (
            assessment.submitted_at.isoformat(timespec="seconds") if assessment.submitted_at else ""
        ),
        "answered": str(sum(1 for question in visible if question.id in answers)),
        "visible_questions": str(len(visible)),
    }
    visible_ids = {question.id for question in visible}
    for question in questionnaire.questions:
        cells = ["", ""]
        if question.id in visible_ids and question.id in answers:
            cells = _expected_cells(questionnaire, question, answers[question.id])
        expected[question.id], expected[f"{question.id}_label"] = cells
    assert set(expected) <= set(header)
    return expected


async def test_export_wide_table(harness: BotHarness) -> None:
    mayor, cio = await _cohort(harness)
    admin = harness.people[ADMIN]

    await admin.send("/export")

    documents = _documents(admin, harness.api)
    assert sorted(documents) == ["answers.csv", "assessments.csv", "results.xlsx"]
    assert "Export of 2 assessments" in admin.last_text()
    entry = (await harness.services.database.audit_log())[0]
    assert (entry.action, entry.actor, entry.subject) == ("export", ADMIN, "all")
    assert entry.details["assessments"] == 2

    header, *rows = _csv_rows(documents["assessments.csv"])
    assert len(rows) == 2
    assert len(header) == len(set(header))
    for person, row in zip((mayor, cio), rows, strict=True):
        cells = dict(zip(header, row, strict=True))
        for column, value in (await _expected_wide_row(person, header)).items():
            assert cells[column] == value, column

    mayor_cells = dict(zip(header, rows[0], strict=True))
    cio_cells = dict(zip(header, rows[1], strict=True))
    # Vision: levels 4, 3 and 3 earn 3 + 2 + 2 of 12 points; the others earn 2 of 4 each.
    assert mayor_cells["vision_score_percent"] == "58.33"
    assert mayor_cells["vision_score_level"] == "3"
    assert mayor_cells["vision_target"] == "3"
    assert mayor_cells["vision_target_label"] == "Defined"
    assert mayor_cells["data_score_percent"] == "50.0"
    assert mayor_cells["respondent_role"] == "mayor"
    assert mayor_cells["respondent_role_label"] == "Mayor"
    assert mayor_cells["city_name"] == "'" + CITY_NAME_ANSWER
    assert cio_cells["respondent_role_label"] == "Chief information officer or equivalent"
    # "Don't know" leaves vision_strategy out of the score: 2 + 2 of 8 points.
    assert cio_cells["vision_score_percent"] == "50.0"
    assert cio_cells["status"] == "in_progress"


async def test_export_long_table_and_workbook(harness: BotHarness) -> None:
    mayor, cio = await _cohort(harness)
    admin = harness.people[ADMIN]

    await admin.send("/export")

    documents = _documents(admin, harness.api)
    header, *rows = _csv_rows(documents["answers.csv"])
    mayor_id = str((await mayor.state()).assessment.id)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    strategy = [
        r
        for r in records
        if r["assessment_id"] == mayor_id and r["question_id"] == "vision_strategy"
    ]
    assert [(r["change_number"], r["value"], r["label"], r["current"]) for r in strategy] == [
        ("1", "2", "Exploring", "0"),
        ("2", "4", "Integrated", "1"),
    ]
    assert strategy[0]["section_id"] == "vision"
    history = await harness.services.database.answer_history(int(mayor_id))
    cio_history = await harness.services.database.answer_history((await cio.state()).assessment.id)
    assert len(rows) == len(history) + len(cio_history)
    skipped = [r for r in records if r["question_id"] == "flagship_project"]
    assert (skipped[0]["value"], skipped[0]["label"]) == ("skipped", "Skipped")

    workbook = openpyxl.load_workbook(io.BytesIO(documents["results.xlsx"]))
    assert workbook.sheetnames == ["assessments", "answers", "questions", "toolstats"]
    for sheet, name in (("assessments", "assessments.csv"), ("answers", "answers.csv")):
        csv_rows = _csv_rows(documents[name])
        sheet_rows = list(workbook[sheet].iter_rows(values_only=True))
        assert len(sheet_rows) == len(csv_rows), sheet
        for csv_row, sheet_row in zip(csv_rows, sheet_rows, strict=True):
            assert len(sheet_row) == len(csv_row)
            for column, (cell, text) in enumerate(zip(sheet_row, csv_row, strict=True)):
                assert _same_cell(cell, text), (sheet, csv_rows[0][column], cell, text)

    sheet = workbook["assessments"]
    columns = [cell.value for cell in sheet[1]]
    first = dict(zip(columns, [cell.value for cell in sheet[2]], strict=True))
    assert isinstance(first["assessment_id"], int)
    assert isinstance(first["started_at_utc"], datetime)
    assert first["vision_score_percent"] == 58.33
    assert first["city_name"] == CITY_NAME_ANSWER
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    questions = list(workbook["questions"].iter_rows(values_only=True))
    assert questions[0][5] == "question_id"
    assert ("vision", "vision_strategy") in {(row[2], row[5]) for row in questions[1:]}


async def test_city_export_button(harness: BotHarness) -> None:
    admin = harness.person(ADMIN, "Ines")
    await new_city(admin)
    await new_city(admin, "Empty Town; Thailand; Asia/Bangkok")
    token = invitation_tokens(admin)[0]
    mayor = harness.person(1001, "Maria")
    await mayor.send(f"/start {token}")
    await mayor.tap("English")
    await answer_current(mayor)
    await admin.send("/cities")
    await admin.tap("Empty Town")

    await admin.tap("Export")

    assert "Export of 0 assessments" in admin.last_text()
    header, *rows = _csv_rows(_documents(admin, harness.api)["assessments.csv"])
    assert rows == []
    entry = (await harness.services.database.audit_log())[0]
    assert entry.subject == "city:2"


async def test_command_line_export(
    harness: BotHarness, database_path: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    admin = harness.person(ADMIN, "Ines")
    token = await new_city(admin)
    mayor = harness.person(1001, "Maria")
    await mayor.send(f"/start {token}")
    await mayor.tap("English")
    await answer_current(mayor)
    await admin.send("/export")
    sent = _documents(admin, harness.api)
    monkeypatch.setenv("DATABASE_PATH", str(database_path))

    # The command runs its own event loop, as it does from a shell.
    exit_code = await asyncio.to_thread(main, ["export", "--output", str(tmp_path / "out")])

    assert exit_code == 0
    assert "export: 100%" in capsys.readouterr().err
    for name in ("assessments.csv", "answers.csv"):
        assert (tmp_path / "out" / name).read_bytes() == sent[name]


def _same_cell(cell: Any, text: str) -> bool:
    """Return True if an XLSX cell shows the same value as the CSV cell."""
    if isinstance(cell, datetime):
        # The sheet keeps fractions of a second, read back rounded to the millisecond,
        # and the CSV drops them: 10.9996 s reads as 11.000 s in the sheet, 10 s in the CSV.
        stored = datetime.fromisoformat(text).replace(tzinfo=None)
        return 0 <= (cell - stored).total_seconds() <= 1
    if cell is None:
        return text == ""
    if isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")):
        return "'" + cell == text
    return str(cell) == text
