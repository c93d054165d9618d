"""One respondent's interview as stored: assessment, pinned questionnaire and answers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.interview.question_view import QuestionScreen
from bot.services import Services
from questionnaires import engine
from questionnaires.engine import AnswerValue
from questionnaires.model import Question, Questionnaire
from storage import Assessment, AssessmentStatus, Respondent


@dataclass(frozen=True)
class InterviewState:
    respondent: Respondent
    assessment: Assessment
    questionnaire: Questionnaire
    answers: dict[str, AnswerValue]

    @property
    def submitted(self) -> bool:
        return self.assessment.status == AssessmentStatus.SUBMITTED

    @property
    def current(self) -> Question | None:
        """The question on screen, or None when every visible question is answered."""
        if self.submitted:
            return None
        return engine.current_question(
            self.questionnaire, self.answers, self.assessment.editing_question_id
        )

    @property
    def complete(self) -> bool:
        return engine.is_complete(self.questionnaire, self.answers)

    @property
    def t(self) -> Translator:
        return translator(self.respondent.locale or SOURCE_LOCALE)

    def after_answer(self, question_id: str, value: AnswerValue) -> InterviewState:
        """Return the state as `Database.save_answer` leaves it: answer stored, editing cleared.

        This saves reading the state back after every answer. Only the user's own
        updates change an assessment's answers and editing question, and the
        per-user update processor handles them one at a time.
        """
        assessment = replace(self.assessment, editing_question_id=None)
        return replace(self, assessment=assessment, answers={**self.answers, question_id: value})

    def screen(self, question: Question, selection: list[str] | None = None) -> QuestionScreen:
        previous = engine.previous_question(self.questionnaire, self.answers, question.id)
        return QuestionScreen(
            questionnaire=self.questionnaire,
            question=question,
            progress=engine.progress(self.questionnaire, self.answers, question.id),
            current_answer=self.answers.get(question.id),
            has_answer=question.id in self.answers,
            selection=selection or [],
            can_go_back=previous is not None,
        )


async def load_state(services: Services, user_id: int) -> InterviewState | None:
    """Read the user's latest assessment, or None if the user has none."""
    database = services.database
    respondent = await database.respondent(user_id)
    if respondent is None:
        return None
    assessment = await database.latest_assessment(respondent.user_id)
    if assessment is None:
        return None
    questionnaire = await services.registry.version(
        assessment.questionnaire_id, assessment.questionnaire_version
    )
    answers = await database.answer_values(assessment.id)
    return InterviewState(respondent, assessment, questionnaire, answers)
