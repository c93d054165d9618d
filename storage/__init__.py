"""Persistence of respondents, assessments, answers and questionnaire snapshots.

This is the only package that speaks SQL. It keeps everything in one SQLite file
in WAL mode, and `Database.open` migrates the schema to the current version.
"""

from .database import Database
from .errors import (
    AssessmentClosed,
    DatabaseCorrupt,
    NotFound,
    QuestionnaireChanged,
    SchemaTooNew,
    StorageError,
)
from .migrations import MIGRATIONS, Migration
from .models import AnswerValue, Assessment, AssessmentStatus, Respondent, StoredAnswer

__all__ = [
    "MIGRATIONS",
    "AnswerValue",
    "Assessment",
    "AssessmentClosed",
    "DatabaseCorrupt",
    "AssessmentStatus",
    "Database",
    "Migration",
    "NotFound",
    "QuestionnaireChanged",
    "Respondent",
    "SchemaTooNew",
    "StorageError",
    "StoredAnswer",
]
