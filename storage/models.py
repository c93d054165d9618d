"""Records that the storage layer returns."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

AnswerValue = str | int | float | list[str] | None
"""An answer as stored in JSON. None means the respondent skipped the question."""


class AssessmentStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


@dataclass(frozen=True, slots=True)
class Respondent:
    """A Telegram user who answers questionnaires, keyed by Telegram user id."""

    user_id: int
    chat_id: int
    locale: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Assessment:
    """One respondent's pass through one pinned questionnaire version.

    `updated_at` changes with every answer, draft, editing or status change, but not
    with `set_question_message`, so it tracks the respondent's progress.
    """

    id: int
    respondent_id: int
    questionnaire_id: str
    questionnaire_version: int
    status: AssessmentStatus
    editing_question_id: str | None
    question_message_id: int | None
    started_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One saved value of a question. A `value` of None means the question was skipped."""

    question_id: str
    value: AnswerValue
    answered_at: datetime
