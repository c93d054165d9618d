"""Persistence of respondents, assessments, answers and questionnaire snapshots.

This is the only package that speaks SQL. It keeps everything in one SQLite file
in WAL mode, and `Database.open` migrates the schema to the current version.
"""

from .audit import AuditEntry
from .cities import City, CityDraft
from .database import Database
from .errors import (
    AssessmentClosed,
    DatabaseCorrupt,
    NotFound,
    QuestionnaireChanged,
    SchemaTooNew,
    StorageError,
)
from .export_source import ExportedAssessment, ExportSource
from .interviewers import Interviewer
from .invitations import Invitation, InvitationState, Redemption, RedemptionOutcome
from .migrations import MIGRATIONS, Migration
from .models import (
    AnswerValue,
    Assessment,
    AssessmentActivity,
    AssessmentStatus,
    QuestionEvent,
    QuestionEventKind,
    Respondent,
    StoredAnswer,
    StoredInterview,
)
from .reminders import Participant, Reminder, ReminderKind, ReminderOutcome

__all__ = [
    "MIGRATIONS",
    "AnswerValue",
    "Assessment",
    "AssessmentActivity",
    "AssessmentClosed",
    "DatabaseCorrupt",
    "AssessmentStatus",
    "Database",
    "Migration",
    "NotFound",
    "QuestionEvent",
    "QuestionEventKind",
    "QuestionnaireChanged",
    "Respondent",
    "SchemaTooNew",
    "StorageError",
    "StoredAnswer",
    "StoredInterview",
    "AuditEntry",
    "City",
    "CityDraft",
    "ExportSource",
    "ExportedAssessment",
    "Interviewer",
    "Invitation",
    "InvitationState",
    "Participant",
    "Redemption",
    "RedemptionOutcome",
    "Reminder",
    "ReminderKind",
    "ReminderOutcome",
]
