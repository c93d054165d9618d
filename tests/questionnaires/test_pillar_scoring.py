from fractions import Fraction
from typing import Any

import pytest

from questionnaires.model import Questionnaire
from questionnaires.scoring import PillarScore, score_pillars


def pillar(interview: Questionnaire, answers: dict[str, Any], section_id: str) -> PillarScore:
    return next(s for s in score_pillars(interview, answers) if s.section_id == section_id)


def test_only_pillar_sections_scored(interview: Questionnaire) -> None:
    ids = [score.section_id for score in score_pillars(interview, {})]

    assert ids == ["vision", "connectivity", "data"]


# Vision has two scored questions. Each answered one earns its level minus 1 of 4 points.
VISION_CASES = [
    # (vision_strategy, vision_leadership, earned, possible, percent, level)
    (3, 3, 4, 8, Fraction(50), 3),
    (1, 1, 0, 8, Fraction(0), 1),
    (5, 5, 8, 8, Fraction(100), 5),
    (2, 3, 3, 8, Fraction(75, 2), 3),  # mean 2.5 rounds up to 3
    (1, 4, 3, 8, Fraction(75, 2), 3),  # mean 2.5 rounds up to 3
    (4, 5, 7, 8, Fraction(175, 2), 5),  # mean 4.5 rounds up to 5
    (5, 2, 5, 8, Fraction(125, 2), 4),  # mean 3.5 rounds up to 4
    (2, 1, 1, 8, Fraction(25, 2), 2),  # mean 1.5 rounds up to 2
    (4, "dont_know", 3, 4, Fraction(75), 4),
    ("not_applicable", 2, 1, 4, Fraction(25), 2),
]


@pytest.mark.parametrize(
    ("strategy", "leadership", "earned", "possible", "percent", "level"), VISION_CASES
)
def test_vision_pillar_score(
    interview: Questionnaire,
    strategy: Any,
    leadership: Any,
    earned: int,
    possible: int,
    percent: Fraction,
    level: int,
) -> None:
    answers = {"vision_strategy": strategy, "vision_leadership": leadership}

    score = pillar(interview, answers, "vision")

    assert score.earned == earned
    assert score.possible == possible
    assert score.percent == percent
    assert score.level == level
    assert score.scored_questions == 2


def test_dont_know_reduces_answered_count(interview: Questionnaire) -> None:
    answers = {"vision_strategy": 4, "vision_leadership": "dont_know"}

    assert pillar(interview, answers, "vision").answered == 1


@pytest.mark.parametrize(
    "answers",
    [
        {"vision_strategy": "dont_know", "vision_leadership": "dont_know"},
        {"vision_strategy": "not_applicable", "vision_leadership": "dont_know"},
        {"vision_strategy": None, "vision_leadership": None},  # both skipped
        {},
    ],
)
def test_pillar_without_levels_not_scored(
    interview: Questionnaire, answers: dict[str, Any]
) -> None:
    score = pillar(interview, answers, "vision")

    assert score.answered == 0
    assert score.possible == 0
    assert score.percent is None
    assert score.level is None
    assert score.scored_questions == 2


def test_hidden_question_not_scored(interview: Questionnaire) -> None:
    # data_quality keeps an answer of 5 from before has_data_team changed to "no".
    answers = {"has_data_team": "no", "data_quality": 5}

    score = pillar(interview, answers, "data")

    assert score.scored_questions == 0
    assert score.answered == 0
    assert score.level is None


def test_shown_follow_up_scored(interview: Questionnaire) -> None:
    answers = {"has_data_team": "yes", "data_quality": 4}

    score = pillar(interview, answers, "data")

    assert score.percent == 75
    assert score.level == 4


def test_unscored_scale_ignored(interview: Questionnaire) -> None:
    # centre_use is a scale with scored: false, so only connectivity_sensors counts.
    answers = {"has_centre": "yes", "centre_use": 5, "connectivity_sensors": 1}

    score = pillar(interview, answers, "connectivity")

    assert score.scored_questions == 1
    assert score.answered == 1
    assert score.percent == 0
    assert score.level == 1


@pytest.mark.parametrize(("answer", "target"), [(4, 4), (None, None), ("4", None)])
def test_target_captured(interview: Questionnaire, answer: Any, target: int | None) -> None:
    answers = {"vision_strategy": 2, "vision_target": answer}

    assert pillar(interview, answers, "vision").target == target


def test_target_missing_is_none(interview: Questionnaire) -> None:
    assert pillar(interview, {"vision_strategy": 2}, "vision").target is None


def test_target_not_in_score(interview: Questionnaire) -> None:
    answers = {"vision_strategy": 1, "vision_leadership": 1, "vision_target": 5}

    assert pillar(interview, answers, "vision").level == 1


def test_scores_same_for_same_answers(interview: Questionnaire) -> None:
    answers = {
        "vision_strategy": 2,
        "vision_leadership": 5,
        "vision_target": 4,
        "has_centre": "yes",
        "centre_use": 3,
        "connectivity_sensors": "dont_know",
        "has_data_team": "yes",
        "data_quality": 3,
    }
    reversed_answers = dict(reversed(list(answers.items())))

    assert score_pillars(interview, answers) == score_pillars(interview, answers)
    assert score_pillars(interview, answers) == score_pillars(interview, reversed_answers)


def test_real_file_all_level_three(real_questionnaire: Questionnaire) -> None:
    answers = {
        question.id: 3
        for section in real_questionnaire.sections
        for question in section.scored_questions()
    }

    for score in score_pillars(real_questionnaire, answers):
        assert score.percent == 50, score.section_id
        assert score.level == 3, score.section_id
