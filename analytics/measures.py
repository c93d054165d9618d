"""Measures per question, over all respondents and per language, ranked by trouble."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from analytics.observations import Observation, Remark, is_stopped, observe
from analytics.trouble import score_group
from questionnaires.model import DONT_KNOW, NOT_APPLICABLE, Questionnaire
from storage.models import AssessmentActivity, AssessmentStatus


@dataclass(frozen=True)
class QuestionMeasures:
    """The figures of one question over one group of respondents.

    `locale` is None for all languages together. `reached` counts assessments
    that were shown the question or answered it, `answered` those with a saved
    answer (a skip included). The other counts are assessments, except
    `invalid_answers` and `flags`, which count events.
    """

    question_id: str
    question_type: str
    locale: str | None
    reached: int = 0
    answered: int = 0
    timed: int = 0
    median_seconds: float | None = None
    paused: int = 0
    dont_know: int = 0
    not_applicable: int = 0
    skipped: int = 0
    changed: int = 0
    invalid_answers: int = 0
    invalid_before_valid: int = 0
    flags: int = 0
    flagged_by: int = 0
    remarks: tuple[Remark, ...] = ()
    stopped_after: int = 0
    stopped_at: int = 0
    slowness: float = 0.0
    score: float = 0.0

    @property
    def unclear_rate(self) -> float | None:
        return _share(self.flagged_by, self.reached)

    @property
    def stopped_rate(self) -> float | None:
        return _share(self.stopped_at, self.reached)

    @property
    def invalid_rate(self) -> float | None:
        return _share(self.invalid_before_valid, self.answered)

    @property
    def dont_know_rate(self) -> float | None:
        return _share(self.dont_know, self.answered)

    @property
    def not_applicable_rate(self) -> float | None:
        return _share(self.not_applicable, self.answered)

    @property
    def skip_rate(self) -> float | None:
        return _share(self.skipped, self.answered)

    @property
    def change_rate(self) -> float | None:
        return _share(self.changed, self.answered)


@dataclass(frozen=True)
class QuestionnaireStats:
    """The measures of one questionnaire version.

    `overall` lists every question of the questionnaire in its order, reached
    or not. `by_locale` lists, per language, the questions reached in it.
    """

    questionnaire_id: str
    version: int
    assessments: int
    submitted: int
    stopped: int
    overall: tuple[QuestionMeasures, ...]
    by_locale: dict[str, tuple[QuestionMeasures, ...]]

    def ranked(self, locale: str | None = None) -> list[QuestionMeasures]:
        """Return the reached questions of a language (None: all), most trouble first.

        Ties go to the question flagged by more respondents, then reached by
        more, then to the earlier one in the questionnaire.
        """
        group = self.overall if locale is None else self.by_locale.get(locale, ())
        order = {measures.question_id: index for index, measures in enumerate(self.overall)}
        reached = [measures for measures in group if measures.reached]
        return sorted(
            reached,
            key=lambda m: (-m.score, -m.flagged_by, -m.reached, order[m.question_id]),
        )


def questionnaire_stats(
    questionnaire: Questionnaire, activities: Iterable[AssessmentActivity], now: datetime
) -> QuestionnaireStats:
    """Measure every question on the assessments of one questionnaire version.

    The activities are read once and only running totals per question and
    language are kept, so they can be streamed from storage however many
    there are. `now` decides which assessments in progress count as stopped.
    """
    question_types = {question.id: str(question.type) for question in questionnaire.questions}
    tally = _Tally(question_types)
    for activity in activities:
        tally.add(activity, now)

    overall = [
        tally.overall(question_id).measures(question_id, question_type, None)
        for question_id, question_type in question_types.items()
    ]
    by_locale: dict[str, tuple[QuestionMeasures, ...]] = {}
    for locale in tally.locales():
        measured = [
            totals.measures(question_id, question_types[question_id], locale)
            for question_id, totals in tally.in_locale(locale)
        ]
        by_locale[locale] = tuple(score_group(measured))

    return QuestionnaireStats(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        assessments=tally.assessments,
        submitted=tally.submitted,
        stopped=tally.stopped,
        overall=tuple(score_group(overall)),
        by_locale=by_locale,
    )


class _Totals:
    """The running counts of one question over the observations added to it.

    The median needs every reading time, so they are kept in a compact array
    of doubles: 8 bytes per timed answer.
    """

    def __init__(self) -> None:
        self.reached = 0
        self.answered = 0
        self.timings = array("d")
        self.paused = 0
        self.dont_know = 0
        self.not_applicable = 0
        self.skipped = 0
        self.changed = 0
        self.invalid_answers = 0
        self.invalid_before_valid = 0
        self.flags = 0
        self.flagged_by = 0
        self.remarks: list[Remark] = []
        self.stopped_after = 0
        self.stopped_at = 0

    def add(self, observation: Observation) -> None:
        # Most observations have no flag, invalid answer or stop, so each count
        # is guarded by a truth test rather than added to with zero.
        self.reached += 1
        if observation.invalid_answers:
            self.invalid_answers += observation.invalid_answers
        if observation.flags:
            self.flags += observation.flags
            self.flagged_by += 1
            self.remarks += observation.remarks
        if observation.stopped_after:
            self.stopped_after += 1
        if observation.stopped_at:
            self.stopped_at += 1
        if not observation.answered:
            return

        self.answered += 1
        if observation.reading_seconds is not None:
            self.timings.append(observation.reading_seconds)
        if observation.paused:
            self.paused += 1
        value = observation.value
        if value is None:
            self.skipped += 1
        elif value == DONT_KNOW:
            self.dont_know += 1
        elif value == NOT_APPLICABLE:
            self.not_applicable += 1
        if observation.changed:
            self.changed += 1
        if observation.invalid_before_valid:
            self.invalid_before_valid += 1

    def merge(self, other: _Totals) -> None:
        """Add the counts and reading times of `other`, but not its remarks."""
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.timings += other.timings

    def measures(
        self, question_id: str, question_type: str, locale: str | None
    ) -> QuestionMeasures:
        # sorted() is stable, so remarks made at the same instant keep the order added.
        remarks = sorted(self.remarks, key=lambda remark: remark.flagged_at, reverse=True)
        return QuestionMeasures(
            question_id=question_id,
            question_type=question_type,
            locale=locale,
            reached=self.reached,
            answered=self.answered,
            timed=len(self.timings),
            median_seconds=median(self.timings) if self.timings else None,
            paused=self.paused,
            dont_know=self.dont_know,
            not_applicable=self.not_applicable,
            skipped=self.skipped,
            changed=self.changed,
            invalid_answers=self.invalid_answers,
            invalid_before_valid=self.invalid_before_valid,
            flags=self.flags,
            flagged_by=self.flagged_by,
            remarks=tuple(remarks),
            stopped_after=self.stopped_after,
            stopped_at=self.stopped_at,
        )


_COUNTS = (
    "reached",
    "answered",
    "paused",
    "dont_know",
    "not_applicable",
    "skipped",
    "changed",
    "invalid_answers",
    "invalid_before_valid",
    "flags",
    "flagged_by",
    "stopped_after",
    "stopped_at",
)


class _Tally:
    """Running totals per question of the questionnaire and locale, fed one assessment at a time."""

    def __init__(self, question_types: dict[str, str]) -> None:
        self.assessments = 0
        self.submitted = 0
        self.stopped = 0
        self._questions = question_types
        self._totals: dict[str, dict[str, _Totals]] = {}
        # The overall remarks of each question, in the order observed, which a
        # merge of the per-locale lists would not keep.
        self._remarks: dict[str, list[Remark]] = defaultdict(list)

    def add(self, activity: AssessmentActivity, now: datetime) -> None:
        self.assessments += 1
        if activity.status == AssessmentStatus.SUBMITTED:
            self.submitted += 1
        if is_stopped(activity, now):
            self.stopped += 1

        for observation in observe(activity, now):
            question_id = observation.question_id
            if question_id not in self._questions:
                continue
            by_locale = self._totals.setdefault(question_id, {})
            totals = by_locale.get(observation.locale)
            if totals is None:
                totals = by_locale[observation.locale] = _Totals()
            totals.add(observation)
            if observation.remarks:
                self._remarks[question_id] += observation.remarks

    def overall(self, question_id: str) -> _Totals:
        """Return the question's totals over every locale."""
        overall = _Totals()
        for totals in self._totals.get(question_id, {}).values():
            overall.merge(totals)
        overall.remarks = self._remarks.get(question_id, [])
        return overall

    def locales(self) -> list[str]:
        """Return every locale that any question was observed in, sorted."""
        return sorted({locale for by_locale in self._totals.values() for locale in by_locale})

    def in_locale(self, locale: str) -> list[tuple[str, _Totals]]:
        """Return the totals of the questions reached in the locale, in questionnaire order."""
        return [
            (question_id, self._totals[question_id][locale])
            for question_id in self._questions
            if locale in self._totals.get(question_id, {})
        ]


def _share(count: int, total: int) -> float | None:
    return count / total if total else None
