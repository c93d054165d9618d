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
    with `question_shown`, so it tracks the respondent's progress.
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
class StoredInterview:
    """A respondent's latest assessment as the interview needs it, read in one go.

    `assessment` is None for a respondent who has not started one; `answers` are
    the current values and `drafts` the selections in progress, by question id.
    """

    respondent: Respondent
    assessment: Assessment | None
    answers: dict[str, AnswerValue]
    drafts: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One saved value of a question. A `value` of None means the question was skipped."""

    question_id: str
    value: AnswerValue
    answered_at: datetime


class QuestionEventKind(StrEnum):
    """Kind of event on a question besides its answer: shown, rejected as invalid, or flagged."""

    SHOWN = "shown"
    INVALID = "invalid"
    FLAGGED = "flagged"


@dataclass(frozen=True, slots=True)
class QuestionEvent:
    """A question shown, an answer to it rejected as invalid, or the question flagged unclear.

    `locale` is the respondent's language at that moment. Only a flag may carry a
    `remark`: the respondent's note on what was unclear.
    """

    question_id: str
    kind: QuestionEventKind
    occurred_at: datetime
    locale: str
    remark: str | None = None


@dataclass(frozen=True, slots=True)
class AssessmentActivity:
    """One assessment with its answer history and question events, both oldest first.

    `city` is the name of the city the assessment was invited for, or None.
    """

    assessment_id: int
    status: AssessmentStatus
    updated_at: datetime
    respondent_locale: str | None
    history: tuple[StoredAnswer, ...]
    events: tuple[QuestionEvent, ...]
    city: str | None = None
