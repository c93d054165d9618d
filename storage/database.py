"""`Database`, the storage API that the bot and the engine call."""

import asyncio
import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType

from . import (
    answers,
    assessments,
    cohort,
    drafts,
    privacy,
    question_events,
    respondents,
    snapshots,
)
from .connection import open_connection
from .maintenance import back_up, check_integrity
from .migrations import MIGRATIONS, Migration, migrate
from .models import (
    AnswerValue,
    Assessment,
    AssessmentActivity,
    QuestionEvent,
    QuestionEventKind,
    Respondent,
    StoredAnswer,
    StoredInterview,
)
from .programme import ProgrammeStorage
from .session import Session
from .timestamps import utc_now

logger = logging.getLogger(__name__)


class Database(ProgrammeStorage):
    """One SQLite file, reached through one connection that concurrent tasks share.

    Every write is committed before its method returns. Methods raise StorageError
    or one of its subclasses, and TypeError or ValueError for an answer or draft
    value outside its declared type. The methods of the interviewers' programme
    (cities, invitations, reminders, audit log) come from `ProgrammeStorage`.
    """

    def __init__(self, session: Session) -> None:
        """Wrap an open, migrated session. Use `Database.open` instead."""
        self._session = session

    @classmethod
    async def open(
        cls, path: str | Path, *, migrations: Sequence[Migration] = MIGRATIONS
    ) -> "Database":
        """Open or create the database file and apply the migrations that it lacks.

        `migrations` replaces the schema's migration list, for tests only.
        Raises SchemaTooNew for a file written by a newer release.
        """
        path = Path(path)
        session = Session(await open_connection(path), path)
        try:
            await session.read("integrity check", check_integrity, path)
            version = await migrate(session, migrations)
        except BaseException:
            await session.close()
            raise

        logger.info("opened database %s at schema version %d", path, version)
        return cls(session)

    async def erase_respondent(self, user_id: int, actor: int, now: datetime) -> int | None:
        """Replace a respondent's Telegram ids by a pseudonym, keeping the answers."""
        return await self._session.write(
            "erase_respondent", privacy.erase_respondent, user_id, actor, now
        )

    async def back_up(self, target: str | Path) -> None:
        """Write a consistent copy of the database to a new file while the bot runs."""
        await back_up(self._session, Path(target))

    async def close(self) -> None:
        """Close the connection after the running operation. Safe to call twice."""
        if await self._session.close():
            logger.info("closed database %s", self._session.path)

    async def __aenter__(self) -> "Database":
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    # Questionnaire snapshots

    async def pin_questionnaire(self, questionnaire_id: str, version: int, content: str) -> None:
        """Store the questionnaire's content and its sha256 unless this version is stored.

        `content` is the questionnaire as canonical JSON text. The hash covers the
        text as given, so the caller must serialize it the same way every time.
        Raises QuestionnaireChanged if the version was stored with other content.
        """
        await self._session.write(
            "pin_questionnaire", snapshots.pin, questionnaire_id, version, content
        )

    async def questionnaire_snapshot(self, questionnaire_id: str, version: int) -> str | None:
        """Return the pinned content of the questionnaire version, or None."""
        return await self._session.read(
            "questionnaire_snapshot", snapshots.content, questionnaire_id, version
        )

    # Respondents

    async def save_respondent(self, user_id: int, chat_id: int) -> Respondent:
        """Insert the respondent, or update the chat id of a known one and keep its locale."""
        return await self._session.write("save_respondent", respondents.save, user_id, chat_id)

    async def respondent(self, user_id: int) -> Respondent | None:
        return await self._session.read("respondent", respondents.get, user_id)

    async def set_locale(self, user_id: int, locale: str) -> None:
        """Store the respondent's locale. Raises NotFound for an unknown user id."""
        await self._session.write("set_locale", respondents.set_locale, user_id, locale)

    # Assessments

    async def create_assessment(
        self, respondent_id: int, questionnaire_id: str, version: int
    ) -> Assessment:
        """Start an assessment in progress on a pinned questionnaire version.

        Raises NotFound if the respondent is not saved or the version is not pinned.
        """
        return await self._session.write(
            "create_assessment", assessments.create, respondent_id, questionnaire_id, version
        )

    async def assessment(self, assessment_id: int) -> Assessment | None:
        return await self._session.read("assessment", assessments.get, assessment_id)

    async def latest_assessment(self, respondent_id: int) -> Assessment | None:
        """Return the respondent's most recently started assessment, in any status."""
        return await self._session.read("latest_assessment", assessments.latest, respondent_id)

    async def set_editing(self, assessment_id: int, question_id: str | None) -> None:
        """Store the question being edited, or clear it with None.

        Raises NotFound for an unknown assessment, and AssessmentClosed when
        `question_id` is set on a submitted one. Clearing a submitted one does nothing.
        """
        await self._session.write(
            "set_editing", assessments.set_editing, assessment_id, question_id
        )

    async def submit(self, assessment_id: int) -> bool:
        """Move the assessment from in progress to submitted, clearing editing and drafts.

        Returns False, changing nothing, if it was submitted already.
        Raises NotFound for an unknown assessment.
        """

        def steps(connection: sqlite3.Connection):
            submitted = assessments.submit(connection, assessment_id)
            if submitted:
                drafts.delete_all(connection, assessment_id)
            return submitted

        return await self._session.write("submit", steps)

    async def latest_submitted_assessment(self, respondent_id: int) -> Assessment | None:
        """Return the respondent's most recently submitted assessment, or None."""
        return await self._session.read(
            "latest_submitted_assessment", assessments.latest_submitted, respondent_id
        )

    async def others_submitted(
        self, questionnaire_id: str, respondent_id: int
    ) -> list[cohort.SubmittedAnswers]:
        """Return every other respondent's latest submitted answers to the questionnaire id.

        The answers are of any version of the questionnaire; each says which.
        """
        return await self._session.read(
            "others_submitted", cohort.others_submitted, questionnaire_id, respondent_id
        )

    async def interview(self, user_id: int) -> StoredInterview | None:
        """Return the respondent with their latest assessment, its answers and drafts.

        One read serves a whole update of the interview. Returns None for an
        unknown user id.
        """
        return await self._session.read("interview", _read_interview, user_id)

    async def question_shown(
        self, assessment_id: int, question_id: str, message_id: int, locale: str
    ) -> bool:
        """Store the id of the message now showing the question, and its "shown" event.

        Both are written in one transaction, but a failed event write is rolled
        back alone and logged: the statistics miss one event, and the message id
        is stored all the same. Returns whether the event was recorded. Raises
        NotFound for an unknown assessment.
        """

        def steps(connection: sqlite3.Connection) -> sqlite3.Error | None:
            assessments.set_question_message(connection, assessment_id, message_id)
            return question_events.record_or_skip(
                connection, assessment_id, question_id, QuestionEventKind.SHOWN, locale
            )

        failure = await self._session.write("question_shown", steps)
        if failure is not None:
            logger.warning(
                "assessment %d: shown event on %s not recorded: %s",
                assessment_id,
                question_id,
                failure,
            )
        return failure is None

    # Answers

    async def answers(self, assessment_id: int) -> dict[str, StoredAnswer]:
        """Return the current answer of each answered question, keyed by question id."""
        return await self._session.read("answers", answers.current, assessment_id)

    async def answer_history(self, assessment_id: int) -> list[StoredAnswer]:
        """Return every value ever saved in the assessment, oldest first."""
        return await self._session.read("answer_history", answers.history, assessment_id)

    async def save_answer(self, assessment_id: int, question_id: str, value: AnswerValue) -> None:
        """Save an answer (None for skipped) in one transaction.

        The transaction stores the current answer, appends it to the history,
        deletes the question's draft, clears `editing_question_id` and sets
        `updated_at`. Raises AssessmentClosed, writing nothing, if the assessment
        is submitted, and NotFound for an unknown assessment.
        """
        await self._session.write("save_answer", answers.save, assessment_id, question_id, value)

    # Drafts

    async def draft(self, assessment_id: int, question_id: str) -> list[str] | None:
        return await self._session.read("draft", drafts.get, assessment_id, question_id)

    async def save_draft(self, assessment_id: int, question_id: str, value: list[str]) -> None:
        """Store or replace the selection in progress on a question.

        Raises AssessmentClosed if the assessment is submitted, and NotFound for an
        unknown assessment.
        """
        await self._session.write("save_draft", drafts.save, assessment_id, question_id, value)

    async def delete_draft(self, assessment_id: int, question_id: str) -> None:
        """Delete the question's draft. Deleting a missing draft does nothing."""

        def steps(connection: sqlite3.Connection):
            if drafts.delete(connection, assessment_id, question_id):
                assessments.touch(connection, assessment_id, utc_now())

        await self._session.write("delete_draft", steps)

    # Question events

    async def record_question_event(
        self,
        assessment_id: int,
        question_id: str,
        kind: QuestionEventKind,
        locale: str,
        remark: str | None = None,
    ) -> None:
        """Append an event on a question at the current time, in the respondent's locale.

        This leaves `updated_at` unchanged. Raises ValueError for a remark on an
        event other than a flag, and StorageError for an unknown assessment.
        """
        await self._session.write(
            "record_question_event",
            question_events.record,
            assessment_id,
            question_id,
            kind,
            locale,
            remark,
        )

    async def question_events(self, assessment_id: int) -> list[QuestionEvent]:
        """Return the assessment's question events, oldest first."""
        return await self._session.read(
            "question_events", question_events.for_assessment, assessment_id
        )

    async def question_activity(
        self, questionnaire_id: str, version: int
    ) -> list[AssessmentActivity]:
        """Return every assessment of a questionnaire version with its answer history and events.

        The read runs in a worker thread on a read-only connection of its own, so
        it does not hold up the other operations on this database.
        """
        return await asyncio.to_thread(
            question_events.read_activity, self._session.path, questionnaire_id, version
        )


def _read_interview(connection: sqlite3.Connection, user_id: int) -> StoredInterview | None:
    respondent = respondents.get(connection, user_id)
    if respondent is None:
        return None
    assessment = assessments.latest(connection, user_id)
    if assessment is None:
        return StoredInterview(respondent, None, {}, {})
    return StoredInterview(
        respondent,
        assessment,
        answers.current_values(connection, assessment.id),
        drafts.of_assessment(connection, assessment.id),
    )
