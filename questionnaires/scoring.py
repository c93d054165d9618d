"""Score an assessment per pillar: points earned over points possible.

Each answered maturity question earns its level minus one (0 to 4 points) out
of 4 possible, following the U4SSC practice of scoring only what was
answered. "Don't know" and "not applicable" are left out of the score and show
up as lower coverage. The pillar's maturity level is the mean answered level,
rounded half up. A pillar with a level answer to fewer than half of its
visible scored questions is not assessed: reports show its coverage instead
of a level. The overall level weighs every assessed pillar equally. Exact
fractions keep the result the same on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import groupby

from questionnaires.engine import Answers, visible_questions
from questionnaires.model import LEVEL_COUNT, Questionnaire, ScaleQuestion, Section

POINTS_PER_QUESTION = LEVEL_COUNT - 1
# Share of a pillar's visible scored questions that need a level answer.
MIN_COVERAGE = Fraction(1, 2)
# How many pillars are named as strengths, and how many as gaps, unless they tie.
HIGHLIGHT_COUNT = 2


@dataclass(frozen=True)
class PillarScore:
    section_id: str
    earned: int
    possible: int
    answered: int
    scored_questions: int
    target: int | None

    @property
    def percent(self) -> Fraction | None:
        """Points earned over points possible, 0 to 100, or None when nothing was scored."""
        if self.possible == 0:
            return None
        return Fraction(100 * self.earned, self.possible)

    @property
    def level(self) -> int | None:
        """The mean answered level (1 to 5) rounded half up, or None when nothing was scored."""
        mean = self.mean_level
        return None if mean is None else _round_half_up(mean)

    @property
    def mean_level(self) -> Fraction | None:
        """The exact mean of the answered levels, or None when nothing was scored."""
        if self.answered == 0:
            return None
        return 1 + Fraction(self.earned, self.answered)

    @property
    def coverage(self) -> Fraction | None:
        """Level answers over visible scored questions, or None when the pillar shows none."""
        if self.scored_questions == 0:
            return None
        return Fraction(self.answered, self.scored_questions)

    @property
    def assessed(self) -> bool:
        """Whether enough questions have a level answer for the pillar to be scored."""
        coverage = self.coverage
        return self.answered > 0 and coverage is not None and coverage >= MIN_COVERAGE

    @property
    def assessed_level(self) -> int | None:
        """The level a report shows: `level` when the pillar is assessed, else None."""
        return self.level if self.assessed else None

    @property
    def target_distance(self) -> int | None:
        """Levels from today's to the three-year target, negative when the target is lower.

        None when the pillar is not assessed or has no target.
        """
        level = self.assessed_level
        if level is None or self.target is None:
            return None
        return self.target - level


@dataclass(frozen=True)
class AssessmentScore:
    """The pillar scores of one assessment and what follows from them together."""

    pillars: tuple[PillarScore, ...]

    @property
    def assessed_pillars(self) -> tuple[PillarScore, ...]:
        return tuple(pillar for pillar in self.pillars if pillar.assessed)

    @property
    def overall_mean_level(self) -> Fraction | None:
        """The mean of the assessed pillars' mean levels, or None when none is assessed."""
        means = [pillar.mean_level for pillar in self.assessed_pillars]
        if not means:
            return None
        return sum(means, Fraction(0)) / len(means)

    @property
    def overall_percent(self) -> Fraction | None:
        """The overall mean level on the 0-100 scale of the pillar percentages."""
        mean = self.overall_mean_level
        if mean is None:
            return None
        return 100 * (mean - 1) / POINTS_PER_QUESTION

    @property
    def overall_level(self) -> int | None:
        mean = self.overall_mean_level
        return None if mean is None else _round_half_up(mean)

    @property
    def strengths(self) -> tuple[PillarScore, ...]:
        """The assessed pillars with the highest percentages, highest first.

        Pillars that score the same are named together or not at all, so the
        list contains two pillars unless the top ones tie. A city whose pillars all
        score the same has no strengths and no gaps.
        """
        ranked = sorted(self.assessed_pillars, key=lambda pillar: -pillar.percent)
        if not ranked:
            return ()
        lowest = ranked[-1].percent
        return _highlight([pillar for pillar in ranked if pillar.percent > lowest])

    @property
    def gaps(self) -> tuple[PillarScore, ...]:
        """The assessed pillars with the lowest percentages that are not strengths, lowest first.

        Ties are handled as for `strengths`.
        """
        ranked = sorted(self.assessed_pillars, key=lambda pillar: pillar.percent)
        if not ranked:
            return ()
        highest = ranked[-1].percent
        strengths = self.strengths
        candidates = [
            pillar for pillar in ranked if pillar.percent < highest and pillar not in strengths
        ]
        return _highlight(candidates)

    def pillar(self, section_id: str) -> PillarScore:
        return next(pillar for pillar in self.pillars if pillar.section_id == section_id)


def score_assessment(questionnaire: Questionnaire, answers: Answers) -> AssessmentScore:
    """Score every pillar, then the overall level, strengths and gaps."""
    return AssessmentScore(tuple(score_pillars(questionnaire, answers)))


def score_pillars(questionnaire: Questionnaire, answers: Answers) -> list[PillarScore]:
    """Score every pillar section on the answers to its visible maturity questions."""
    visible_ids = {question.id for question in visible_questions(questionnaire, answers)}
    return [
        _score_section(section, answers, visible_ids)
        for section in questionnaire.sections
        if section.pillar
    ]


def _score_section(section: Section, answers: Answers, visible_ids: set[str]) -> PillarScore:
    scored = [q for q in section.scored_questions() if q.id in visible_ids]
    levels = [level for q in scored if (level := _level(q, answers)) is not None]
    target_question = section.target_question()
    target = answers.get(target_question.id) if target_question else None
    return PillarScore(
        section_id=section.id,
        earned=sum(level - 1 for level in levels),
        possible=POINTS_PER_QUESTION * len(levels),
        answered=len(levels),
        scored_questions=len(scored),
        target=target if isinstance(target, int) else None,
    )


def _level(question: ScaleQuestion, answers: Answers) -> int | None:
    value = answers.get(question.id)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _highlight(ranked: list[PillarScore]) -> tuple[PillarScore, ...]:
    """Take groups of equal percentages from the front of `ranked` while they fit the count.

    The first group is always taken, even when more pillars tie than the count
    allows, because they are equally the highest (or lowest). sorted() is
    stable, so each group keeps the questionnaire's order.
    """
    chosen: list[PillarScore] = []
    for _, group in groupby(ranked, key=lambda pillar: pillar.percent):
        members = list(group)
        if chosen and len(chosen) + len(members) > HIGHLIGHT_COUNT:
            break
        chosen.extend(members)
        if len(chosen) >= HIGHLIGHT_COUNT:
            break
    return tuple(chosen)


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))
