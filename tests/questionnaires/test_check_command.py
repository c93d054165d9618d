from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from questionnaires.__main__ import main
from questionnaires.estimate import SECONDS_PER_TYPE, estimated_minutes
from questionnaires.loader import parse_questionnaire
from questionnaires.model import Questionnaire, QuestionType

# --- Estimated duration ------------------------------------------------------


def test_every_question_type_has_seconds() -> None:
    assert set(SECONDS_PER_TYPE) == set(QuestionType)


def test_demo_estimate(interview: Questionnaire) -> None:
    # Always shown: a short text (30 s), a single choice (15), 2 numbers (50), a
    # multiple choice (35), a ranking (45), a long text (90), 3 scales (105),
    # 3 targets (45) and 2 yes/no (20). They take 435 s, 8 minutes rounded up.
    # Follow-ups: 2 short texts (60), 2 scales (70) and a number (25). They add
    # 155 s, so all questions take 590 s, 10 minutes rounded up.
    assert estimated_minutes(interview) == (8, 10)


def yes_no_section(count: int) -> dict[str, Any]:
    questions = [
        {"id": f"q{number}", "type": "yes_no", "text": f"Question {number}?"}
        for number in range(1, count + 1)
    ]
    return {"id": "quick", "title": "Quick", "questions": questions}


def test_whole_minute_not_rounded_up(interview_data: dict[str, Any]) -> None:
    interview_data["sections"] = [yes_no_section(6)]  # 6 x 10 s

    assert estimated_minutes(parse_questionnaire(interview_data)) == (1, 1)


def test_follow_up_only_in_upper_estimate(interview_data: dict[str, Any]) -> None:
    section = yes_no_section(7)
    section["questions"][6]["show_if"] = {"question": "q1", "any_of": ["yes"]}
    interview_data["sections"] = [section]

    assert estimated_minutes(parse_questionnaire(interview_data)) == (1, 2)


# --- python -m questionnaires check ------------------------------------------


def test_check_real_file_succeeds(
    real_file: Path, real_questionnaire: Questionnaire, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = main(["check", str(real_file)])
    output = capsys.readouterr()

    assert exit_code == 0
    assert f"{real_file}: smart_city version 1 is valid" in output.out
    assert output.err == ""


def test_check_prints_each_section(
    real_file: Path, real_questionnaire: Questionnaire, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(real_file)])
    lines = capsys.readouterr().out.splitlines()

    for number, section in enumerate(real_questionnaire.sections, start=1):
        line = next(line for line in lines if line.strip().startswith(f"{number}. "))
        assert section.id in line
        assert f"{len(section.questions)} questions" in line
        assert section.title in line


def test_check_prints_totals(
    real_file: Path, real_questionnaire: Questionnaire, capsys: pytest.CaptureFixture[str]
) -> None:
    question_count = len(real_questionnaire.questions)
    section_count = len(real_questionnaire.sections)
    low, high = estimated_minutes(real_questionnaire)

    main(["check", str(real_file)])
    output = capsys.readouterr().out

    assert f"{question_count} questions in {section_count} sections" in output
    assert f"estimated time: {low} to {high} minutes" in output


def test_check_broken_file_fails(
    interview_data: dict[str, Any],
    write_questionnaire: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    del interview_data["sections"][1]["questions"][0]["levels"]
    path = write_questionnaire(interview_data, "broken.yaml")

    exit_code = main(["check", str(path)])
    output = capsys.readouterr()

    assert exit_code == 1
    assert "broken.yaml: invalid questionnaire" in output.err
    assert "question 'vision_strategy' › levels: Field required" in output.err
    assert output.out == ""


def test_check_reports_each_file(
    real_file: Path,
    interview_data: dict[str, Any],
    write_questionnaire: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    interview_data["version"] = 0
    broken = write_questionnaire(interview_data, "broken.yaml")

    exit_code = main(["check", str(broken), str(real_file)])
    output = capsys.readouterr()

    assert exit_code == 1
    assert "broken.yaml: invalid questionnaire" in output.err
    assert "version" in output.err
    assert "smart_city version 1 is valid" in output.out


def test_check_missing_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = main(["check", str(tmp_path / "absent.yaml")])

    assert exit_code == 1
    assert "absent.yaml: invalid questionnaire" in capsys.readouterr().err


def test_check_without_files_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["check"])

    assert raised.value.code == 2
    assert "usage:" in capsys.readouterr().err
