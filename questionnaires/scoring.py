"""Score an assessment per pillar: points earned over points possible.

Each answered maturity question earns its level minus one (0 to 4 points) out
of 4 possible, following the U4SSC practice of scoring only what was
answered. "Don't know" and "not applicable" are left out of the score and show
up as lower coverage. The pillar's maturity level is the mean answered level,
rounded half up. Exact fractions keep the result the same on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from questionnaires.engine import Answers, visible_questions
from questionnaires.model import LEVEL_COUNT, Questionnaire, ScaleQuestion, Section

POINTS_PER_QUESTION = LEVEL_COUNT - 1


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
        if self.answered == 0:
            return None
        mean = 1 + Fraction(self.earned, self.answered)
        return int(mean + Fraction(1, 2))


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
