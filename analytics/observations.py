"""Observations: the figures one assessment gives about each question it reached.

The rules, per assessment and question:

- Reading time runs from the question being shown to its first answer, over
  the respondent's uninterrupted run of activity on that question. Walking
  back from the first answer, the run takes every event on the same question
  and ends at the first event or answer about another question, so time spent
  on an earlier question after tapping Back is not counted. The run starts at
  its first "shown" event. A gap between consecutive moments of the run that
  is longer than PAUSE_AFTER is a pause and is left out. The other gaps add
  up to the reading time. A run with no "shown" event, or whose every gap is
  a pause, gives no reading time.
- An answer is changed when a later saved value differs from the one saved
  before it. Saving the same value again is no change.
- Invalid answers before a valid one are those rejected before the first saved
  answer, typed or tapped.
- An assessment has stopped when it is still in progress and nothing happened
  in it (answer, draft, question event) for more than STOPPED_AFTER. Its last answered
  question is the one of its latest saved answer. The question it stopped at
  is the one shown last, if that question has no answer.
- The locale of a question is the language it was last shown in up to its
  first answer, or at any time if it has no answer. Without a "shown" event
  it is the language of the question's latest event, and without any event
  the respondent's language.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from storage.models import (
    AnswerValue,
    AssessmentActivity,
    AssessmentStatus,
    QuestionEvent,
    QuestionEventKind,
    StoredAnswer,
)

PAUSE_AFTER = timedelta(minutes=5)
STOPPED_AFTER = timedelta(days=7)
# BCP 47 "undetermined", for answers stored before any event recorded a language.
UNKNOWN_LOCALE = "und"


@dataclass(frozen=True)
class Remark:
    """A respondent's note on what was unclear in a question."""

    assessment_id: int
    question_id: str
    locale: str
    flagged_at: datetime
    text: str


@dataclass(frozen=True)
class Observation:
    """One assessment's figures on one question it reached."""

    assessment_id: int
    question_id: str
    locale: str
    answered: bool
    value: AnswerValue
    reading_seconds: float | None
    paused: bool
    changed: bool
    invalid_answers: int
    invalid_before_valid: int
    flags: int
    remarks: tuple[Remark, ...]
    stopped_after: bool
    stopped_at: bool


@dataclass(frozen=True)
class _Moment:
    at: datetime
    question_id: str
    kind: QuestionEventKind | None  # None for a saved answer


def observe(activity: AssessmentActivity, now: datetime) -> list[Observation]:
    """Return one observation per question the assessment reached, in order of first contact."""
    timeline = _timeline(activity)
    stopped = is_stopped(activity, now)
    last_answered = activity.history[-1].question_id if stopped and activity.history else None
    stopped_at = _question_on_screen(activity) if stopped else None

    events: dict[str, list[QuestionEvent]] = defaultdict(list)
    for event in activity.events:
        events[event.question_id].append(event)
    history: dict[str, list[StoredAnswer]] = defaultdict(list)
    for answer in activity.history:
        history[answer.question_id].append(answer)
    first_answer_index: dict[str, int] = {}
    for index, moment in enumerate(timeline):
        if moment.kind is None:
            first_answer_index.setdefault(moment.question_id, index)

    observations = []
    for question_id in dict.fromkeys(moment.question_id for moment in timeline):
        reading_seconds, paused = None, False
        if question_id in first_answer_index:
            reading_seconds, paused = _reading_time(timeline, first_answer_index[question_id])
        observations.append(
            _observe_question(
                activity.assessment_id,
                question_id,
                events[question_id],
                history[question_id],
                activity.respondent_locale,
                (reading_seconds, paused),
                stopped_after=question_id == last_answered,
                stopped_at=question_id == stopped_at,
            )
        )
    return observations


def is_stopped(activity: AssessmentActivity, now: datetime) -> bool:
    """Return whether the assessment is in progress with no activity for over STOPPED_AFTER."""
    if activity.status != AssessmentStatus.IN_PROGRESS:
        return False
    return now - last_activity(activity) > STOPPED_AFTER


def last_activity(activity: AssessmentActivity) -> datetime:
    moments = [activity.updated_at]
    moments += [event.occurred_at for event in activity.events]
    moments += [answer.answered_at for answer in activity.history]
    return max(moments)


def _timeline(activity: AssessmentActivity) -> list[_Moment]:
    # sorted() is stable, so at the same instant events stay before answers.
    moments = [_Moment(e.occurred_at, e.question_id, e.kind) for e in activity.events]
    moments += [_Moment(a.answered_at, a.question_id, None) for a in activity.history]
    return sorted(moments, key=lambda moment: moment.at)


def _observe_question(
    assessment_id: int,
    question_id: str,
    events: list[QuestionEvent],
    history: list[StoredAnswer],
    respondent_locale: str | None,
    reading: tuple[float | None, bool],
    *,
    stopped_after: bool,
    stopped_at: bool,
) -> Observation:
    first_answer_at = history[0].answered_at if history else None
    invalid = [event for event in events if event.kind == QuestionEventKind.INVALID]
    invalid_before_valid = 0
    if first_answer_at is not None:
        invalid_before_valid = sum(1 for event in invalid if event.occurred_at < first_answer_at)

    flags = [event for event in events if event.kind == QuestionEventKind.FLAGGED]
    return Observation(
        assessment_id=assessment_id,
        question_id=question_id,
        locale=_locale(events, first_answer_at, respondent_locale),
        answered=bool(history),
        value=history[-1].value if history else None,
        reading_seconds=reading[0],
        paused=reading[1],
        changed=_changed(history),
        invalid_answers=len(invalid),
        invalid_before_valid=invalid_before_valid,
        flags=len(flags),
        remarks=tuple(_remark(assessment_id, event) for event in flags if event.remark),
        stopped_after=stopped_after,
        stopped_at=stopped_at,
    )


def _reading_time(timeline: list[_Moment], answer_index: int) -> tuple[float | None, bool]:
    """Return the seconds of reading before the answer at `answer_index` in the timeline,
    and whether a pause was left out."""
    question_id = timeline[answer_index].question_id
    start = answer_index
    while start > 0 and timeline[start - 1].question_id == question_id:
        start -= 1
    run = timeline[start : answer_index + 1]

    first_shown = next(
        (index for index, moment in enumerate(run) if moment.kind == QuestionEventKind.SHOWN),
        None,
    )
    if first_shown is None:
        return None, False

    seconds, counted, paused = 0.0, 0, False
    for earlier, later in pairwise(run[first_shown:]):
        gap = later.at - earlier.at
        if gap > PAUSE_AFTER:
            paused = True
            continue
        seconds += gap.total_seconds()
        counted += 1
    return (seconds if counted else None), paused


def _changed(history: list[StoredAnswer]) -> bool:
    return any(earlier.value != later.value for earlier, later in pairwise(history))


def _locale(
    events: list[QuestionEvent], first_answer_at: datetime | None, respondent_locale: str | None
) -> str:
    shown = [
        event
        for event in events
        if event.kind == QuestionEventKind.SHOWN
        and (first_answer_at is None or event.occurred_at <= first_answer_at)
    ]
    if shown:
        return shown[-1].locale
    if events:
        return events[-1].locale
    return respondent_locale or UNKNOWN_LOCALE


def _question_on_screen(activity: AssessmentActivity) -> str | None:
    """Return the question shown last if it has no answer, else None (the review was open)."""
    shown = [event for event in activity.events if event.kind == QuestionEventKind.SHOWN]
    if not shown:
        return None
    answered = {answer.question_id for answer in activity.history}
    last = shown[-1].question_id
    return None if last in answered else last


def _remark(assessment_id: int, event: QuestionEvent) -> Remark:
    return Remark(
        assessment_id=assessment_id,
        question_id=event.question_id,
        locale=event.locale,
        flagged_at=event.occurred_at,
        text=event.remark or "",
    )
