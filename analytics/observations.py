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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter
from typing import NamedTuple

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


class Observation(NamedTuple):
    """One assessment's figures on one question it reached.

    An export makes one per assessment and question reached, and CPython 3.11
    builds a named tuple about three times faster than a frozen dataclass.
    """

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


# A moment of the timeline: when, on which question, and the event's kind, or
# None for a saved answer.
_Moment = tuple[datetime, str, QuestionEventKind | None]


def observe(activity: AssessmentActivity, now: datetime) -> list[Observation]:
    """Return one observation per question the assessment reached, in order of first contact."""
    readings = _reading_times(_timeline(activity))
    answers = _AnswerSummary(activity.history)
    events = _EventSummary(activity.events, answers.first_answered_at)

    stopped = is_stopped(activity, now)
    last_answered = activity.history[-1].question_id if stopped and activity.history else None
    stopped_at = events.last_shown if stopped and events.last_shown not in answers.values else None
    fallback_locale = activity.respondent_locale or UNKNOWN_LOCALE

    observations = []
    for question_id, reading in readings.items():
        flags = events.flags.get(question_id, ())
        remarks = _remarks(activity.assessment_id, flags) if flags else ()
        observations.append(
            Observation(
                assessment_id=activity.assessment_id,
                question_id=question_id,
                locale=events.locale(question_id, fallback_locale),
                answered=question_id in answers.values,
                value=answers.values.get(question_id),
                reading_seconds=reading[0],
                paused=reading[1],
                changed=question_id in answers.changed,
                invalid_answers=events.invalid.get(question_id, 0),
                invalid_before_valid=events.invalid_before_valid.get(question_id, 0),
                flags=len(flags),
                remarks=remarks,
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
    moments: list[_Moment] = [(e.occurred_at, e.question_id, e.kind) for e in activity.events]
    moments += [(a.answered_at, a.question_id, None) for a in activity.history]
    # The sort is stable, so at the same instant events stay before answers.
    moments.sort(key=itemgetter(0))
    return moments


def _reading_times(timeline: list[_Moment]) -> dict[str, tuple[float | None, bool]]:
    """Map each question of the timeline, in order of first contact, to its reading time
    and whether a pause was left out.

    A question without an answer maps to (None, False). The run of a first
    answer is the stretch of consecutive moments on its question that ends at
    the answer, so one forward pass that keeps the first "shown" moment of the
    current stretch finds every run.
    """
    readings: dict[str, tuple[float | None, bool]] = {}
    answered: set[str] = set()
    previous, first_shown = None, None
    for index, (_, question_id, kind) in enumerate(timeline):
        if question_id != previous:
            previous, first_shown = question_id, None
        if question_id not in readings:
            readings[question_id] = (None, False)

        if kind == QuestionEventKind.SHOWN:
            if first_shown is None:
                first_shown = index
        elif kind is None and question_id not in answered:
            answered.add(question_id)
            if first_shown is not None:
                readings[question_id] = _reading_time(timeline, first_shown, index)
    return readings


def _reading_time(
    timeline: list[_Moment], first_shown: int, answer_index: int
) -> tuple[float | None, bool]:
    """Return the seconds of reading from `first_shown` to `answer_index` in the timeline,
    and whether a pause was left out."""
    seconds, counted, paused = 0.0, 0, False
    for index in range(first_shown + 1, answer_index + 1):
        gap = timeline[index][0] - timeline[index - 1][0]
        if gap > PAUSE_AFTER:
            paused = True
            continue
        seconds += gap.total_seconds()
        counted += 1
    return (seconds if counted else None), paused


class _AnswerSummary:
    """Per question, from the answer history oldest first: the first answer's time,
    the latest value, and whether a later value differed from the one before it."""

    def __init__(self, history: Sequence[StoredAnswer]) -> None:
        self.first_answered_at: dict[str, datetime] = {}
        self.values: dict[str, AnswerValue] = {}
        self.changed: set[str] = set()
        for answer in history:
            question_id = answer.question_id
            if question_id not in self.values:
                self.first_answered_at[question_id] = answer.answered_at
            elif self.values[question_id] != answer.value:
                self.changed.add(question_id)
            self.values[question_id] = answer.value


class _EventSummary:
    """Per question, from the events in the order recorded: counts, flags and locales."""

    def __init__(
        self, events: Sequence[QuestionEvent], first_answered_at: dict[str, datetime]
    ) -> None:
        self.invalid: dict[str, int] = {}
        self.invalid_before_valid: dict[str, int] = {}
        self.flags: dict[str, list[QuestionEvent]] = {}
        self.last_shown: str | None = None
        self._shown_locale: dict[str, str] = {}
        self._last_locale: dict[str, str] = {}

        # One loop with no call per event: an export runs it for every event stored.
        for event in events:
            question_id = event.question_id
            answered_at = first_answered_at.get(question_id)
            self._last_locale[question_id] = event.locale
            if event.kind == QuestionEventKind.SHOWN:
                self.last_shown = question_id
                if answered_at is None or event.occurred_at <= answered_at:
                    self._shown_locale[question_id] = event.locale
            elif event.kind == QuestionEventKind.INVALID:
                self.invalid[question_id] = self.invalid.get(question_id, 0) + 1
                if answered_at is not None and event.occurred_at < answered_at:
                    before = self.invalid_before_valid.get(question_id, 0)
                    self.invalid_before_valid[question_id] = before + 1
            elif event.kind == QuestionEventKind.FLAGGED:
                self.flags.setdefault(question_id, []).append(event)

    def locale(self, question_id: str, fallback: str) -> str:
        """Return the question's locale by the rule in the module docstring."""
        if question_id in self._shown_locale:
            return self._shown_locale[question_id]
        return self._last_locale.get(question_id, fallback)


def _remarks(assessment_id: int, flags: list[QuestionEvent]) -> tuple[Remark, ...]:
    return tuple(_remark(assessment_id, event) for event in flags if event.remark)


def _remark(assessment_id: int, event: QuestionEvent) -> Remark:
    return Remark(
        assessment_id=assessment_id,
        question_id=event.question_id,
        locale=event.locale,
        flagged_at=event.occurred_at,
        text=event.remark or "",
    )
