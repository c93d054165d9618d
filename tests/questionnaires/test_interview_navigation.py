from typing import Any

import pytest

from questionnaires.engine import (
    current_question,
    is_complete,
    next_question,
    previous_question,
    progress,
    visible_questions,
)
from questionnaires.model import Questionnaire

Answers = dict[str, Any]


def visible_ids(interview: Questionnaire, answers: Answers) -> list[str]:
    return [q.id for q in visible_questions(interview, answers)]


def walk(interview: Questionnaire, planned: Answers) -> list[str]:
    """Answer each question the engine offers from `planned`, and return the ids in order."""
    answers: Answers = {}
    order: list[str] = []
    while (question := next_question(interview, answers)) is not None:
        order.append(question.id)
        answers[question.id] = planned[question.id]
    return order


# Planned answers for a whole interview, follow-ups included.
ALL_YES = {
    "city_name": "Hue",
    "country": "other",
    "population": "650000",
    "online_share": "12.5",
    "funding_sources": ["loan", "own_budget"],
    "loan_lender": "Development bank",
    "top_challenges": ["water", "safety"],
    "notes": None,
    "vision_strategy": 3,
    "plan_name": "Hue 2030",
    "vision_leadership": 2,
    "vision_target": 4,
    "has_centre": "yes",
    "centre_use": 5,
    "centre_staff": "12",
    "connectivity_sensors": "dont_know",
    "connectivity_target": 3,
    "has_data_team": "yes",
    "data_quality": 2,
    "data_target": 3,
}
ALL_NO = {
    **ALL_YES,
    "funding_sources": ["own_budget"],
    "vision_strategy": 1,
    "has_centre": "no",
    "has_data_team": "no",
}


# --- Visible questions -------------------------------------------------------


def test_visible_without_answers(interview: Questionnaire) -> None:
    assert visible_ids(interview, {}) == [
        "city_name",
        "country",
        "population",
        "online_share",
        "funding_sources",
        "top_challenges",
        "notes",
        "vision_strategy",
        "vision_leadership",
        "vision_target",
        "has_centre",
        "connectivity_sensors",
        "connectivity_target",
        "has_data_team",
        "data_target",
    ]


def test_follow_up_shown_when_condition_met(interview: Questionnaire) -> None:
    assert "centre_use" in visible_ids(interview, {"has_centre": "yes"})


def test_follow_up_hidden_when_condition_not_met(interview: Questionnaire) -> None:
    assert "centre_use" not in visible_ids(interview, {"has_centre": "no"})


def test_follow_up_hidden_when_source_skipped(interview: Questionnaire) -> None:
    assert "centre_use" not in visible_ids(interview, {"has_centre": None})


@pytest.mark.parametrize(
    ("level", "expected_visible"),
    [(1, False), (2, False), (3, True), (5, True), ("dont_know", False)],
)
def test_follow_up_of_scale_level(
    interview: Questionnaire, level: Any, expected_visible: bool
) -> None:
    answers = {"vision_strategy": level}

    assert ("plan_name" in visible_ids(interview, answers)) is expected_visible


@pytest.mark.parametrize(
    ("sources", "expected_visible"),
    [(["own_budget"], False), (["own_budget", "loan"], True), (["donor"], True), ([], False)],
)
def test_follow_up_of_any_selected_choice(
    interview: Questionnaire, sources: list[str], expected_visible: bool
) -> None:
    answers = {"funding_sources": sources}

    assert ("loan_lender" in visible_ids(interview, answers)) is expected_visible


def test_chain_shown_when_every_link_met(interview: Questionnaire) -> None:
    visible = visible_ids(interview, {"has_centre": "yes", "centre_use": 4})

    assert "centre_use" in visible
    assert "centre_staff" in visible


def test_chain_hidden_below_hidden_question(interview: Questionnaire) -> None:
    # centre_use still has an answer of 4 from before has_centre changed to "no".
    visible = visible_ids(interview, {"has_centre": "no", "centre_use": 4})

    assert "centre_use" not in visible
    assert "centre_staff" not in visible


# --- Next and current question -----------------------------------------------


def test_next_question_order_with_follow_ups(interview: Questionnaire) -> None:
    assert walk(interview, ALL_YES) == [
        "city_name",
        "country",
        "population",
        "online_share",
        "funding_sources",
        "loan_lender",
        "top_challenges",
        "notes",
        "vision_strategy",
        "plan_name",
        "vision_leadership",
        "vision_target",
        "has_centre",
        "centre_use",
        "centre_staff",
        "connectivity_sensors",
        "connectivity_target",
        "has_data_team",
        "data_quality",
        "data_target",
    ]


def test_next_question_order_without_follow_ups(interview: Questionnaire) -> None:
    assert walk(interview, ALL_NO) == visible_ids(interview, {})


def test_next_question_after_profile(interview: Questionnaire, profile_answers: Answers) -> None:
    assert next_question(interview, profile_answers).id == "vision_strategy"


def test_skipped_question_counts_as_answered(interview: Questionnaire) -> None:
    answers = {"city_name": None}

    assert next_question(interview, answers).id == "country"


def test_next_question_none_when_complete(interview: Questionnaire) -> None:
    answers = {question_id: ALL_NO[question_id] for question_id in walk(interview, ALL_NO)}

    assert next_question(interview, answers) is None
    assert is_complete(interview, answers)


def test_hidden_follow_up_not_needed(interview: Questionnaire) -> None:
    answers = {question_id: ALL_YES[question_id] for question_id in walk(interview, ALL_YES)}
    answers["has_centre"] = "no"

    assert is_complete(interview, answers)


def test_current_without_editing_is_next(
    interview: Questionnaire, profile_answers: Answers
) -> None:
    assert current_question(interview, profile_answers, None).id == "vision_strategy"


def test_current_is_question_being_edited(
    interview: Questionnaire, profile_answers: Answers
) -> None:
    assert current_question(interview, profile_answers, "population").id == "population"


def test_current_edit_of_hidden_falls_back(
    interview: Questionnaire, profile_answers: Answers
) -> None:
    # loan_lender was answered, then funding_sources changed so that it is hidden.
    answers = {**profile_answers, "loan_lender": "Development bank"}

    assert current_question(interview, answers, "loan_lender").id == "vision_strategy"


def test_current_edit_of_unknown_falls_back(
    interview: Questionnaire, profile_answers: Answers
) -> None:
    assert current_question(interview, profile_answers, "removed_q").id == "vision_strategy"


# --- Previous question -------------------------------------------------------


def test_previous_at_first_is_none(interview: Questionnaire) -> None:
    assert previous_question(interview, {}, "city_name") is None


def test_previous_within_section(interview: Questionnaire) -> None:
    assert previous_question(interview, {}, "population").id == "country"


def test_previous_crosses_section(interview: Questionnaire) -> None:
    assert previous_question(interview, {}, "vision_strategy").id == "notes"


def test_previous_skips_hidden_follow_up(interview: Questionnaire) -> None:
    answers = {"vision_strategy": 1}

    assert previous_question(interview, answers, "vision_leadership").id == "vision_strategy"


def test_previous_includes_shown_follow_up(interview: Questionnaire) -> None:
    answers = {"vision_strategy": 3}

    assert previous_question(interview, answers, "vision_leadership").id == "plan_name"


def test_previous_skips_hidden_chain(interview: Questionnaire) -> None:
    answers = {"has_centre": "no", "centre_use": 5}

    assert previous_question(interview, answers, "connectivity_sensors").id == "has_centre"


def test_previous_of_hidden_is_none(interview: Questionnaire) -> None:
    assert previous_question(interview, {}, "plan_name") is None


# --- Progress ----------------------------------------------------------------


def test_progress_at_first_question(interview: Questionnaire) -> None:
    at_start = progress(interview, {}, "city_name")

    assert at_start.section_number == 1
    assert at_start.section_count == 4
    assert at_start.question_number == 1
    assert at_start.question_count == 15


def test_progress_in_second_section(interview: Questionnaire, profile_answers: Answers) -> None:
    at_vision = progress(interview, profile_answers, "vision_strategy")

    assert at_vision.section_number == 2
    assert at_vision.question_number == 8


def test_progress_at_last_question(interview: Questionnaire) -> None:
    at_end = progress(interview, {}, "data_target")

    assert at_end.section_number == 4
    assert at_end.question_number == 15


def test_progress_total_grows_with_follow_up(
    interview: Questionnaire, profile_answers: Answers
) -> None:
    before = progress(interview, profile_answers, "vision_strategy")
    answers = {**profile_answers, "vision_strategy": 4}
    after = progress(interview, answers, "plan_name")

    assert before.question_count == 15
    assert after.question_count == 16
    assert after.question_number == 9


def test_progress_counts_after_hidden_follow_up(interview: Questionnaire) -> None:
    with_centre = progress(interview, {"has_centre": "yes"}, "connectivity_sensors")
    without_centre = progress(interview, {"has_centre": "no"}, "connectivity_sensors")

    assert with_centre.question_number == 13
    assert without_centre.question_number == 12
