"""Coverage, the not-assessed state, the overall level, strengths, gaps and targets."""

from fractions import Fraction
from typing import Any

import pytest

from questionnaires.loader import FILES_DIR, load_questionnaire, parse_questionnaire
from questionnaires.model import DONT_KNOW, NOT_APPLICABLE
from questionnaires.scoring import score_assessment

QUESTIONNAIRE = load_questionnaire(FILES_DIR / "smart-city-v1.yaml")
PILLARS = [section for section in QUESTIONNAIRE.sections if section.pillar]


def answers_at(levels: dict[str, Any], targets: dict[str, int] | None = None) -> dict[str, Any]:
    """Answer each pillar's scored questions with its value in `levels` (default 3).

    Target questions get the level in `targets`, and pillars missing there stay without one.
    """
    targets = targets or {}
    answers: dict[str, Any] = {"has_operations_centre": "no"}
    for section in PILLARS:
        for question in section.scored_questions():
            answers[question.id] = levels.get(section.id, 3)
        target = section.target_question()
        if target is not None and section.id in targets:
            answers[target.id] = targets[section.id]
    return answers


def test_all_dont_know_assesses_nothing() -> None:
    score = score_assessment(QUESTIONNAIRE, answers_at({s.id: DONT_KNOW for s in PILLARS}))

    assert score.assessed_pillars == ()
    assert score.overall_level is None
    assert score.overall_percent is None
    assert score.strengths == ()
    assert score.gaps == ()
    for pillar in score.pillars:
        assert pillar.coverage == 0, pillar.section_id
        assert pillar.assessed_level is None, pillar.section_id


def test_skipped_pillar_not_assessed() -> None:
    answers = answers_at({"funding": NOT_APPLICABLE, "vision": 4, "data": 2})

    score = score_assessment(QUESTIONNAIRE, answers)

    funding = score.pillar("funding")
    assert not funding.assessed
    assert funding.assessed_level is None
    assert len(score.assessed_pillars) == len(PILLARS) - 1
    assert funding not in score.gaps


def test_skipped_pillar_left_out_of_overall() -> None:
    answers = answers_at({"funding": DONT_KNOW, "vision": 5})

    score = score_assessment(QUESTIONNAIRE, answers)

    # Six pillars at level 3 and vision at 5: the mean is 3 + 2/7.
    assert score.overall_mean_level == 3 + Fraction(2, 7)
    assert score.overall_level == 3


def test_half_coverage_still_assessed() -> None:
    # Data has four scored questions: two answered is exactly half.
    answers = answers_at({})
    answers["data_governance"] = DONT_KNOW
    answers["data_open"] = DONT_KNOW

    data = score_assessment(QUESTIONNAIRE, answers).pillar("data")

    assert data.coverage == Fraction(1, 2)
    assert data.assessed


def test_under_half_coverage_not_assessed() -> None:
    # Vision has three scored questions: one answered is a third.
    answers = answers_at({})
    answers["vision_strategy"] = DONT_KNOW
    answers["vision_leadership"] = NOT_APPLICABLE

    vision = score_assessment(QUESTIONNAIRE, answers).pillar("vision")

    assert vision.coverage == Fraction(1, 3)
    assert not vision.assessed
    assert vision.level == 3


def test_no_visible_questions_not_assessed() -> None:
    # The pillar's only scored question, data_quality, shows only after has_data_team "yes".
    hidden = parse_questionnaire(
        {
            "id": "hidden",
            "version": 1,
            "title": "Hidden",
            "description": "A pillar whose scored question can hide.",
            "sources": ["Test suite"],
            "maturity_levels": [m.model_dump() for m in QUESTIONNAIRE.maturity_levels],
            "sections": [
                {
                    "id": "data",
                    "title": "Data",
                    "pillar": True,
                    "questions": [
                        {"id": "has_data_team", "type": "yes_no", "text": "Data team?"},
                        {
                            "id": "data_quality",
                            "type": "scale",
                            "text": "Data quality?",
                            "levels": list("abcde"),
                            "show_if": {"question": "has_data_team", "any_of": ["yes"]},
                        },
                    ],
                }
            ],
        }
    )

    data = score_assessment(hidden, {"has_data_team": "no", "data_quality": 5}).pillar("data")

    assert data.coverage is None
    assert not data.assessed


@pytest.mark.parametrize(("target", "distance"), [(5, 2), (3, 0), (2, -1), (1, -2)])
def test_target_distance(target: int, distance: int) -> None:
    answers = answers_at({}, targets={"vision": target})

    vision = score_assessment(QUESTIONNAIRE, answers).pillar("vision")

    assert vision.target == target
    assert vision.target_distance == distance


def test_target_distance_needs_assessment() -> None:
    answers = answers_at({"vision": DONT_KNOW}, targets={"vision": 4})

    vision = score_assessment(QUESTIONNAIRE, answers).pillar("vision")

    assert vision.target == 4
    assert vision.target_distance is None


def test_strengths_highest_first() -> None:
    answers = answers_at({"services": 5, "data": 4, "funding": 1, "outcomes": 2})

    score = score_assessment(QUESTIONNAIRE, answers)

    assert [pillar.section_id for pillar in score.strengths] == ["services", "data"]
    assert [pillar.section_id for pillar in score.gaps] == ["funding", "outcomes"]


def test_equal_pillars_no_strengths_or_gaps() -> None:
    score = score_assessment(QUESTIONNAIRE, answers_at({}))

    assert score.overall_level == 3
    assert score.overall_percent == 50
    assert score.strengths == ()
    assert score.gaps == ()


def test_top_tie_named_together() -> None:
    answers = answers_at({"capacity": 5, "participation": 5, "connectivity": 5, "vision": 1})

    score = score_assessment(QUESTIONNAIRE, answers)

    assert [pillar.section_id for pillar in score.strengths] == [
        "capacity",
        "participation",
        "connectivity",
    ]
    # The four pillars tied at level 3 would not fit beside vision, so none is named.
    assert [pillar.section_id for pillar in score.gaps] == ["vision"]


def test_tie_beyond_count_left_out() -> None:
    answers = answers_at({"vision": 5, "capacity": 4, "funding": 4, "data": 1})

    score = score_assessment(QUESTIONNAIRE, answers)

    assert [pillar.section_id for pillar in score.strengths] == ["vision"]
    assert [pillar.section_id for pillar in score.gaps] == ["data"]


def test_tie_within_count_kept_in_file_order() -> None:
    answers = answers_at({"vision": 5, "outcomes": 5, "services": 1, "capacity": 1})

    score = score_assessment(QUESTIONNAIRE, answers)

    assert [pillar.section_id for pillar in score.strengths] == ["vision", "outcomes"]
    assert [pillar.section_id for pillar in score.gaps] == ["capacity", "services"]


def test_pillar_never_strength_and_gap() -> None:
    answers = answers_at(
        {s.id: DONT_KNOW for s in PILLARS} | {"vision": 5, "data": 3, "services": 1}
    )

    score = score_assessment(QUESTIONNAIRE, answers)

    assert [pillar.section_id for pillar in score.strengths] == ["vision", "data"]
    assert [pillar.section_id for pillar in score.gaps] == ["services"]


def test_same_answers_same_score() -> None:
    answers = answers_at({"vision": 4, "data": DONT_KNOW}, targets={"vision": 2})

    assert score_assessment(QUESTIONNAIRE, answers) == score_assessment(QUESTIONNAIRE, answers)
