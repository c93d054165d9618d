"""Reading time from a question being shown to its first answer, with pauses left out."""

from analytics.observations import Observation, observe
from storage.models import AssessmentActivity
from tests.analytics.builders import DAY, MINUTE, activity, answer, at, invalid, shown

NOW = at(DAY)


def observed(assessment: AssessmentActivity, question_id: str) -> Observation:
    return next(o for o in observe(assessment, NOW) if o.question_id == question_id)


def test_time_from_shown_to_answer() -> None:
    assessment = activity(1, [shown("staff", 10)], [answer("staff", "12", 52)])

    observation = observed(assessment, "staff")

    assert observation.reading_seconds == 42
    assert not observation.paused


def test_gap_of_five_minutes_counts() -> None:
    assessment = activity(1, [shown("staff", 0)], [answer("staff", "12", 5 * MINUTE)])

    assert observed(assessment, "staff").reading_seconds == 5 * MINUTE


def test_longer_gap_is_pause() -> None:
    events = [shown("staff", 0), invalid("staff", 5 * MINUTE + 1)]
    assessment = activity(1, events, [answer("staff", "12", 5 * MINUTE + 31)])

    observation = observed(assessment, "staff")

    assert observation.reading_seconds == 30
    assert observation.paused


def test_resumed_question_counts_after_pause() -> None:
    events = [shown("staff", 0), shown("staff", 2 * DAY / 3)]
    assessment = activity(1, events, [answer("staff", "12", 2 * DAY / 3 + 25)])

    observation = observed(assessment, "staff")

    assert observation.reading_seconds == 25
    assert observation.paused


def test_only_pause_gives_no_time() -> None:
    assessment = activity(1, [shown("staff", 0)], [answer("staff", "12", 20 * MINUTE)])

    observation = observed(assessment, "staff")

    assert observation.reading_seconds is None
    assert observation.paused


def test_invalid_answers_stay_in_time() -> None:
    events = [shown("staff", 0), invalid("staff", 20), shown("staff", 21)]
    assessment = activity(1, events, [answer("staff", "12", 50)])

    assert observed(assessment, "staff").reading_seconds == 50


def test_time_on_earlier_question_left_out() -> None:
    # staff is shown, the respondent goes Back to readiness, answers it again,
    # and comes back to staff: only the second visit to staff counts.
    events = [
        shown("readiness", 0),
        shown("staff", 20),
        shown("readiness", 200),
        shown("staff", 230),
    ]
    history = [answer("readiness", 3, 19), answer("readiness", 4, 229), answer("staff", "9", 245)]

    assert observed(activity(1, events, history), "staff").reading_seconds == 15


def test_later_answers_not_timed() -> None:
    events = [shown("staff", 0), shown("has_plan", 11), shown("staff", 100)]
    history = [answer("staff", "1", 10), answer("has_plan", "yes", 90), answer("staff", "2", 400)]

    assert observed(activity(1, events, history), "staff").reading_seconds == 10


def test_answer_without_shown_not_timed() -> None:
    assessment = activity(1, [], [answer("staff", "12", 30)])

    assert observed(assessment, "staff").reading_seconds is None
