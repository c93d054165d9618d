"""The trouble score: weighted rates, and slowness against questions of the same type."""

import pytest

from analytics.measures import QuestionMeasures
from analytics.trouble import WEIGHTS, score_group, trouble_score


def scale(question_id: str, median_seconds: float | None, **figures: int) -> QuestionMeasures:
    return QuestionMeasures(
        question_id=question_id,
        question_type="scale",
        locale=None,
        reached=10,
        answered=10,
        median_seconds=median_seconds,
        **figures,
    )


def test_no_trouble_scores_zero() -> None:
    assert trouble_score(scale("a", 30), 0.0) == 0


def test_every_sign_scores_hundred() -> None:
    worst = scale(
        "a",
        30,
        flagged_by=10,
        stopped_at=10,
        invalid_before_valid=10,
        dont_know=10,
        not_applicable=10,
        skipped=10,
        changed=10,
    )

    assert trouble_score(worst, 1.0) == pytest.approx(100)


def test_flags_weigh_three() -> None:
    flagged = scale("a", 30, flagged_by=5)

    assert trouble_score(flagged, 0.0) == pytest.approx(100 * 3 * 0.5 / sum(WEIGHTS.values()))


def test_unreached_question_scores_zero() -> None:
    unreached = QuestionMeasures(question_id="a", question_type="scale", locale=None)

    assert trouble_score(unreached, 0.0) == 0


def test_slowness_against_peers() -> None:
    # Peer median of 20, 30 and 60 is 30: 60 s is twice that, 20 s is faster.
    group = score_group([scale("a", 20), scale("b", 30), scale("c", 60)])

    assert [m.slowness for m in group] == [0.0, 0.0, 1.0]


def test_slowness_is_fraction_above_peers() -> None:
    group = score_group([scale("a", 30), scale("b", 40), scale("c", 50)])

    assert group[2].slowness == pytest.approx(50 / 40 - 1)


def test_types_not_compared() -> None:
    long_text = QuestionMeasures(
        question_id="story", question_type="long_text", locale=None, median_seconds=300
    )

    group = score_group([scale("a", 30), long_text])

    assert group[1].slowness == 0


def test_untimed_question_not_slow() -> None:
    group = score_group([scale("a", None), scale("b", 30)])

    assert group[0].slowness == 0
