"""Every measure on a small cohort of four assessments, computed by hand.

A1 (English, submitted): reads readiness 40 s and later changes 3 to 4,
   sends one invalid staff answer, skips the note, flags has_plan.
A2 (English, stopped): answers readiness "don't know", pauses on staff,
   sends one invalid answer, stops at the note.
A3 (Khmer, stopped): flags readiness, answers "not applicable", goes
   Back and changes it to 2, stops at the note.
A4 (Khmer, active yesterday): answers readiness after a 20-minute pause.
"""

import pytest

from analytics.measures import QuestionMeasures, QuestionnaireStats, questionnaire_stats
from analytics.observations import observe
from tests.analytics.builders import (
    DAY,
    activity,
    answer,
    at,
    flagged,
    invalid,
    shown,
    tiny_questionnaire,
)

NOW = at(30 * DAY)
YESTERDAY = 29 * DAY


def cohort():
    a1 = activity(
        1,
        [
            shown("readiness", 0),
            shown("staff", 41),
            invalid("staff", 60),
            shown("staff", 61),
            shown("note", 91),
            shown("has_plan", 101),
            flagged("has_plan", 110, "Which plan do you mean?"),
            shown("readiness", 200),
        ],
        [
            answer("readiness", 3, 40),
            answer("staff", "12", 90),
            answer("note", None, 100),
            answer("has_plan", "yes", 130),
            answer("readiness", 4, 210),
        ],
        submitted=True,
    )
    a2 = activity(
        2,
        [
            shown("readiness", 0),
            shown("staff", 21),
            invalid("staff", 421),
            shown("staff", 422),
            shown("note", 453),
        ],
        [answer("readiness", "dont_know", 20), answer("staff", "5", 452)],
    )
    a3 = activity(
        3,
        [
            shown("readiness", 0, locale="km"),
            flagged("readiness", 30, "ពាក្យ readiness មិនច្បាស់", locale="km"),
            shown("staff", 91, locale="km"),
            shown("readiness", 100, locale="km"),
            shown("staff", 121, locale="km"),
            shown("note", 150, locale="km"),
        ],
        [
            answer("readiness", "not_applicable", 90),
            answer("readiness", 2, 120),
            answer("staff", "10", 141),
        ],
        locale="km",
    )
    a4 = activity(
        4,
        [shown("readiness", YESTERDAY, locale="km")],
        [answer("readiness", 3, YESTERDAY + 1200)],
        locale="km",
    )
    return [a1, a2, a3, a4]


@pytest.fixture
def stats() -> QuestionnaireStats:
    return questionnaire_stats(tiny_questionnaire(), cohort(), NOW)


def overall(stats: QuestionnaireStats, question_id: str) -> QuestionMeasures:
    return next(m for m in stats.overall if m.question_id == question_id)


def in_locale(stats: QuestionnaireStats, locale: str, question_id: str) -> QuestionMeasures:
    return next(m for m in stats.by_locale[locale] if m.question_id == question_id)


def test_cohort_counts(stats: QuestionnaireStats) -> None:
    assert stats.assessments == 4
    assert stats.submitted == 1
    assert stats.stopped == 2


def test_readiness_measures(stats: QuestionnaireStats) -> None:
    readiness = overall(stats, "readiness")

    assert readiness.reached == 4
    assert readiness.answered == 4
    assert readiness.timed == 3
    assert readiness.median_seconds == 40
    assert readiness.paused == 1
    assert readiness.dont_know == 1
    assert readiness.not_applicable == 0
    assert readiness.changed == 2
    assert readiness.flags == 1
    assert readiness.flagged_by == 1
    assert [r.text for r in readiness.remarks] == ["ពាក្យ readiness មិនច្បាស់"]


def test_staff_measures(stats: QuestionnaireStats) -> None:
    staff = overall(stats, "staff")

    assert staff.reached == 3
    assert staff.answered == 3
    assert staff.median_seconds == 31
    assert staff.paused == 1
    assert staff.invalid_answers == 2
    assert staff.invalid_before_valid == 2
    assert staff.invalid_rate == pytest.approx(2 / 3)
    assert staff.stopped_after == 2
    assert staff.stopped_at == 0


def test_note_measures(stats: QuestionnaireStats) -> None:
    note = overall(stats, "note")

    assert note.reached == 3
    assert note.answered == 1
    assert note.skipped == 1
    assert note.skip_rate == 1
    assert note.stopped_at == 2
    assert note.stopped_rate == pytest.approx(2 / 3)
    assert note.median_seconds == 9


def test_has_plan_measures(stats: QuestionnaireStats) -> None:
    has_plan = overall(stats, "has_plan")

    assert has_plan.reached == 1
    assert has_plan.unclear_rate == 1
    assert has_plan.median_seconds == 29
    assert has_plan.remarks[0].text == "Which plan do you mean?"
    assert has_plan.remarks[0].assessment_id == 1


def test_scores_by_hand(stats: QuestionnaireStats) -> None:
    # Weights sum to 11; slowness is 0 because each type has one question.
    assert overall(stats, "readiness").score == pytest.approx(100 * (3 / 4 + 1 / 4 + 2 / 4) / 11)
    assert overall(stats, "staff").score == pytest.approx(100 * (2 / 3) / 11)
    assert overall(stats, "note").score == pytest.approx(100 * (2 * 2 / 3 + 1) / 11)
    assert overall(stats, "has_plan").score == pytest.approx(100 * 3 / 11)


def test_ranking_overall(stats: QuestionnaireStats) -> None:
    ranked = [m.question_id for m in stats.ranked()]

    assert ranked == ["has_plan", "note", "readiness", "staff"]


def test_split_by_language(stats: QuestionnaireStats) -> None:
    assert sorted(stats.by_locale) == ["en", "km"]
    assert in_locale(stats, "en", "readiness").reached == 2
    assert in_locale(stats, "km", "readiness").reached == 2


def test_khmer_readiness_flagged(stats: QuestionnaireStats) -> None:
    khmer = in_locale(stats, "km", "readiness")
    english = in_locale(stats, "en", "readiness")

    assert khmer.unclear_rate == 0.5
    assert english.unclear_rate == 0
    assert khmer.median_seconds == 90
    assert english.median_seconds == 30
    assert khmer.score == pytest.approx(100 * (3 / 2 + 1 / 2) / 11)
    assert english.score == pytest.approx(100 * (1 / 2 + 1 / 2) / 11)


def test_language_lists_reached_questions(stats: QuestionnaireStats) -> None:
    khmer = [m.question_id for m in stats.by_locale["km"]]

    assert khmer == ["readiness", "staff", "note"]


def test_unreached_question_listed_overall() -> None:
    only_first = [activity(1, [shown("readiness", 0)], [answer("readiness", 2, 10)])]

    stats = questionnaire_stats(tiny_questionnaire(), only_first, NOW)

    assert [m.question_id for m in stats.overall] == ["readiness", "staff", "note", "has_plan"]
    assert [m.question_id for m in stats.ranked()] == ["readiness"]


def test_stopped_after_seven_days() -> None:
    history = [answer("readiness", 2, 0)]

    just_before = observe(activity(1, [], history), at(7 * DAY))
    just_after = observe(activity(1, [], history), at(7 * DAY + 1))

    assert not just_before[0].stopped_after
    assert just_after[0].stopped_after


def test_submitted_never_stopped() -> None:
    history = [answer("readiness", 2, 0)]

    observations = observe(activity(1, [], history, submitted=True), NOW)

    assert not observations[0].stopped_after


def test_event_counts_as_activity() -> None:
    # A respondent who only opened the question yesterday has not stopped.
    assessment = activity(1, [shown("staff", YESTERDAY)], [answer("readiness", 2, 0)])

    observations = observe(assessment, NOW)

    assert not any(o.stopped_after or o.stopped_at for o in observations)


def test_review_open_stops_at_no_question() -> None:
    events = [shown("readiness", 0)]
    observations = observe(activity(1, events, [answer("readiness", 2, 10)]), NOW)

    assert observations[0].stopped_after
    assert not observations[0].stopped_at


def test_locale_from_respondent_without_events() -> None:
    observations = observe(activity(1, [], [answer("readiness", 2, 0)], locale="th"), NOW)

    assert observations[0].locale == "th"


def test_locale_unknown_without_any() -> None:
    observations = observe(activity(1, [], [answer("readiness", 2, 0)], locale=None), NOW)

    assert observations[0].locale == "und"


def test_same_value_again_is_no_change() -> None:
    history = [answer("readiness", 2, 0), answer("readiness", 2, 30)]

    observations = observe(activity(1, [], history), NOW)

    assert not observations[0].changed


def test_invalid_after_answer_not_before_valid() -> None:
    events = [shown("staff", 0), shown("staff", 100), invalid("staff", 110)]
    observations = observe(activity(1, events, [answer("staff", "3", 10)]), NOW)

    assert observations[0].invalid_answers == 1
    assert observations[0].invalid_before_valid == 0


def test_unknown_question_ignored() -> None:
    stray = [activity(1, [shown("removed_question", 0)], [])]

    stats = questionnaire_stats(tiny_questionnaire(), stray, NOW)

    assert stats.ranked() == []
    assert stats.by_locale == {}


def test_stream_measured_like_list(stats: QuestionnaireStats) -> None:
    streamed = questionnaire_stats(tiny_questionnaire(), iter(cohort()), NOW)

    assert streamed == stats


def test_remarks_at_same_instant_keep_order() -> None:
    # Two languages flag the question at the same second: the overall list keeps
    # the order of the assessments, as the per-language lists do.
    khmer = activity(
        1, [shown("readiness", 0, "km"), flagged("readiness", 5, "first", "km")], [], locale="km"
    )
    english = activity(2, [shown("readiness", 0), flagged("readiness", 5, "second")], [])

    stats = questionnaire_stats(tiny_questionnaire(), [khmer, english], NOW)

    assert [r.text for r in overall(stats, "readiness").remarks] == ["first", "second"]
