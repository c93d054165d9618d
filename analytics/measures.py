"""Measures per question, over all respondents and per language, ranked by trouble."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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
    questionnaire: Questionnaire, activities: Sequence[AssessmentActivity], now: datetime
) -> QuestionnaireStats:
    """Measure every question on the assessments of one questionnaire version.

    `now` decides which assessments in progress count as stopped.
    """
    known = {question.id: question for question in questionnaire.questions}
    observations = [
        observation
        for activity in activities
        for observation in observe(activity, now)
        if observation.question_id in known
    ]
    question_types = {question_id: str(question.type) for question_id, question in known.items()}

    by_question = _group(observations, lambda o: o.question_id)
    overall = [
        _measure(question_id, question_types[question_id], None, by_question.get(question_id, []))
        for question_id in known
    ]
    by_locale: dict[str, tuple[QuestionMeasures, ...]] = {}
    for locale, group in sorted(_group(observations, lambda o: o.locale).items()):
        in_locale = _group(group, lambda o: o.question_id)
        measured = [
            _measure(question_id, question_types[question_id], locale, in_locale[question_id])
            for question_id in known
            if question_id in in_locale
        ]
        by_locale[locale] = tuple(score_group(measured))

    return QuestionnaireStats(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        assessments=len(activities),
        submitted=sum(1 for a in activities if a.status == AssessmentStatus.SUBMITTED),
        stopped=sum(1 for a in activities if is_stopped(a, now)),
        overall=tuple(score_group(overall)),
        by_locale=by_locale,
    )


def _group(
    observations: Iterable[Observation], key: Callable[[Observation], str]
) -> dict[str, list[Observation]]:
    groups: dict[str, list[Observation]] = defaultdict(list)
    for observation in observations:
        groups[key(observation)].append(observation)
    return groups


def _measure(
    question_id: str,
    question_type: str,
    locale: str | None,
    observations: list[Observation],
) -> QuestionMeasures:
    answered = [o for o in observations if o.answered]
    timings = [o.reading_seconds for o in answered if o.reading_seconds is not None]
    remarks = sorted(
        (remark for o in observations for remark in o.remarks),
        key=lambda remark: remark.flagged_at,
        reverse=True,
    )
    return QuestionMeasures(
        question_id=question_id,
        question_type=question_type,
        locale=locale,
        reached=len(observations),
        answered=len(answered),
        timed=len(timings),
        median_seconds=median(timings) if timings else None,
        paused=sum(1 for o in answered if o.paused),
        dont_know=sum(1 for o in answered if o.value == DONT_KNOW),
        not_applicable=sum(1 for o in answered if o.value == NOT_APPLICABLE),
        skipped=sum(1 for o in answered if o.value is None),
        changed=sum(1 for o in answered if o.changed),
        invalid_answers=sum(o.invalid_answers for o in observations),
        invalid_before_valid=sum(1 for o in answered if o.invalid_before_valid),
        flags=sum(o.flags for o in observations),
        flagged_by=sum(1 for o in observations if o.flags),
        remarks=tuple(remarks),
        stopped_after=sum(1 for o in observations if o.stopped_after),
        stopped_at=sum(1 for o in observations if o.stopped_at),
    )


def _share(count: int, total: int) -> float | None:
    return count / total if total else None
