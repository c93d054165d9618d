"""Peer medians appear only when at least five other cities stand behind them."""

from fractions import Fraction

from questionnaires.scoring import AssessmentScore, score_assessment
from reports.peers import PEER_MINIMUM, peer_medians
from tests.reports.samples import QUESTIONNAIRE, sample_answers


def cohort(*vision_levels) -> list[AssessmentScore]:
    return [
        score_assessment(QUESTIONNAIRE, sample_answers(levels={"vision": level}))
        for level in vision_levels
    ]


def test_minimum_is_five() -> None:
    assert PEER_MINIMUM == 5


def test_four_others_no_medians() -> None:
    assert peer_medians(cohort(1, 2, 3, 4)) == {}


def test_five_others_give_medians() -> None:
    medians = peer_medians(cohort(1, 2, 5, 4, 4))

    assert medians["vision"] == 75
    assert medians["data"] == 50
    assert set(medians) == {section.id for section in QUESTIONNAIRE.sections if section.pillar}


def test_even_count_median_between() -> None:
    medians = peer_medians(cohort(1, 2, 2, 3, 5, 5))

    assert medians["vision"] == Fraction(75, 2)


def test_pillar_assessed_by_four_left_out() -> None:
    # The fifth city answered "don't know" on vision, so only four stand behind it.
    medians = peer_medians(cohort(1, 2, 3, 4, "dont_know"))

    assert "vision" not in medians
    assert medians["data"] == 50
