"""Estimate how long a respondent takes to answer a questionnaire on a phone."""

from __future__ import annotations

from questionnaires.model import Question, Questionnaire, QuestionType

# Estimated seconds to read and answer one question of each type on a phone:
# a scale means reading five level descriptions of up to about 110 characters
# (about 30 s at 1,000 characters a minute), a long text means typing. A target
# question repeats the generic levels the respondent has already read.
SECONDS_PER_TYPE = {
    QuestionType.SINGLE_CHOICE: 15,
    QuestionType.MULTIPLE_CHOICE: 35,
    QuestionType.SCALE: 35,
    QuestionType.TARGET: 15,
    QuestionType.YES_NO: 10,
    QuestionType.NUMBER: 25,
    QuestionType.SHORT_TEXT: 30,
    QuestionType.LONG_TEXT: 90,
    QuestionType.RANKING: 45,
}


def question_seconds(question: Question) -> int:
    return SECONDS_PER_TYPE[QuestionType(question.type)]


def estimated_minutes(questionnaire: Questionnaire) -> tuple[int, int]:
    """Return the estimated minutes without and with the conditional follow-ups, rounded up."""
    always = [q for q in questionnaire.questions if q.show_if is None]
    low = sum(question_seconds(question) for question in always)
    high = sum(question_seconds(question) for question in questionnaire.questions)
    return -(-low // 60), -(-high // 60)
