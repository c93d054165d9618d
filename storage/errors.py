"""Exceptions raised by the storage layer.

SQLite errors reach callers as `StorageError`, so no caller needs to import sqlite3.
Messages name ids and versions, not answer values.
"""


class StorageError(Exception):
    """A storage operation failed. The base class of every error in this package."""


class QuestionnaireChanged(StorageError):
    """A questionnaire version was pinned before with different content."""


class AssessmentClosed(StorageError):
    """The assessment is submitted, so its answers and drafts can no longer change."""


class NotFound(StorageError):
    """The respondent, assessment or questionnaire snapshot that a write needs is missing."""


class SchemaTooNew(StorageError):
    """The database file has a schema version newer than this code supports."""


class DatabaseCorrupt(StorageError):
    """The database file failed SQLite's integrity check."""
