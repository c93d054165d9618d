"""One respondent's interview as stored: assessment, pinned questionnaire and answers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.interview.question_view import QuestionScreen
from bot.services import Services
from questionnaires import engine
from questionnaires.engine import AnswerValue
from questionnaires.model import (
    MultipleChoiceQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
)
from storage import Assessment, AssessmentStatus, Respondent


@dataclass(frozen=True)
class InterviewState:
    respondent: Respondent
    assessment: Assessment
    questionnaire: Questionnaire
    answers: dict[str, AnswerValue]
    drafts: dict[str, list[str]]

    @cached_property
    def visible(self) -> list[Question]:
        """The questions that apply given the answers, computed once per state."""
        return engine.visible_questions(self.questionnaire, self.answers)

    @property
    def submitted(self) -> bool:
        return self.assessment.status == AssessmentStatus.SUBMITTED

    @property
    def current(self) -> Question | None:
        """The question on screen, or None when every visible question is answered."""
        if self.submitted:
            return None
        return engine.current_question(
            self.questionnaire,
            self.answers,
            self.assessment.editing_question_id,
            visible=self.visible,
        )

    @property
    def complete(self) -> bool:
        return engine.is_complete(self.questionnaire, self.answers, visible=self.visible)

    @property
    def t(self) -> Translator:
        return translator(self.respondent.locale or SOURCE_LOCALE)

    def selection(self, question: Question) -> list[str]:
        """Return the choices tapped so far on a multiple choice or ranking question."""
        if not isinstance(question, MultipleChoiceQuestion | RankingQuestion):
            return []
        draft = self.drafts.get(question.id)
        if draft is not None:
            return draft
        stored = self.answers.get(question.id)
        return list(stored) if isinstance(stored, list) else []

    def after_answer(self, question_id: str, value: AnswerValue) -> InterviewState:
        """Return the state as `Database.save_answer` leaves it.

        The answer is stored, and the editing question and the question's draft
        are cleared. This saves reading the state back after every answer. Only
        the user's own updates change an assessment's answers, drafts and editing
        question, and the per-user update processor handles them one at a time.
        """
        assessment = replace(self.assessment, editing_question_id=None)
        drafts = {key: value for key, value in self.drafts.items() if key != question_id}
        answers = {**self.answers, question_id: value}
        return replace(self, assessment=assessment, answers=answers, drafts=drafts)

    def screen(self, question: Question, selection: list[str] | None = None) -> QuestionScreen:
        previous = engine.previous_question(
            self.questionnaire, self.answers, question.id, visible=self.visible
        )
        return QuestionScreen(
            questionnaire=self.questionnaire,
            question=question,
            progress=engine.progress(
                self.questionnaire, self.answers, question.id, visible=self.visible
            ),
            current_answer=self.answers.get(question.id),
            has_answer=question.id in self.answers,
            selection=selection or [],
            can_go_back=previous is not None,
        )


async def load_state(services: Services, user_id: int) -> InterviewState | None:
    """Read the user's latest assessment, or None if the user has none."""
    stored = await services.database.interview(user_id)
    if stored is None or stored.assessment is None:
        return None
    assessment = stored.assessment
    questionnaire = await services.registry.version(
        assessment.questionnaire_id, assessment.questionnaire_version
    )
    return InterviewState(
        stored.respondent, assessment, questionnaire, stored.answers, stored.drafts
    )
