"""Build stored assessment activity by hand: events and answers at given seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from questionnaires.loader import parse_questionnaire
from questionnaires.model import Questionnaire
from storage.models import (
    AnswerValue,
    AssessmentActivity,
    AssessmentStatus,
    QuestionEvent,
    QuestionEventKind,
    StoredAnswer,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MINUTE = 60
DAY = 24 * 60 * MINUTE

LEVELS = ["None.", "Pilots.", "A plan.", "Shared systems.", "Leading."]

TINY_QUESTIONNAIRE = {
    "id": "tiny",
    "version": 1,
    "title": "Tiny assessment",
    "description": "Four questions for the statistics tests.",
    "sources": ["Test suite"],
    "maturity_levels": [
        {"level": level, "name": f"Level {level}", "description": f"Level {level}."}
        for level in range(1, 6)
    ],
    "sections": [
        {
            "id": "basics",
            "title": "Basics",
            "pillar": True,
            "questions": [
                {"id": "readiness", "type": "scale", "text": "How ready?", "levels": LEVELS},
                {"id": "staff", "type": "number", "text": "How many staff?", "min": 0},
                {"id": "note", "type": "short_text", "text": "Any note?", "required": False},
                {"id": "has_plan", "type": "yes_no", "text": "Is there a plan?"},
            ],
        }
    ],
}


def tiny_questionnaire() -> Questionnaire:
    return parse_questionnaire(TINY_QUESTIONNAIRE, "tiny")


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def shown(question_id: str, seconds: float, locale: str = "en") -> QuestionEvent:
    return QuestionEvent(question_id, QuestionEventKind.SHOWN, at(seconds), locale)


def invalid(question_id: str, seconds: float, locale: str = "en") -> QuestionEvent:
    return QuestionEvent(question_id, QuestionEventKind.INVALID, at(seconds), locale)


def flagged(
    question_id: str, seconds: float, remark: str | None = None, locale: str = "en"
) -> QuestionEvent:
    return QuestionEvent(question_id, QuestionEventKind.FLAGGED, at(seconds), locale, remark)


def answer(question_id: str, value: AnswerValue, seconds: float) -> StoredAnswer:
    return StoredAnswer(question_id, value, at(seconds))


def activity(
    assessment_id: int,
    events: list[QuestionEvent],
    history: list[StoredAnswer],
    *,
    submitted: bool = False,
    locale: str | None = "en",
) -> AssessmentActivity:
    """An assessment whose `updated_at` is its latest answer, as storage keeps it."""
    moments = [answer.answered_at for answer in history] or [START]
    return AssessmentActivity(
        assessment_id=assessment_id,
        status=AssessmentStatus.SUBMITTED if submitted else AssessmentStatus.IN_PROGRESS,
        updated_at=max(moments),
        respondent_locale=locale,
        history=tuple(history),
        events=tuple(events),
    )
