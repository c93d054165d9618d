"""`Database`, the storage API that the bot and the engine call."""

import asyncio
import logging
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
from .connection import Session, open_connection
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
)
from .programme import ProgrammeStorage
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
            async with session.reading("integrity check") as connection:
                await check_integrity(connection, path)
            version = await migrate(session, migrations)
        except BaseException:
            await session.close()
            raise

        logger.info("opened database %s at schema version %d", path, version)
        return cls(session)

    async def erase_respondent(self, user_id: int, actor: int, now: datetime) -> int | None:
        """Replace a respondent's Telegram ids by a pseudonym, keeping the answers."""
        async with self._session.transaction("erase_respondent") as connection:
            return await privacy.erase_respondent(connection, user_id, actor, now)

    async def back_up(self, target: str | Path) -> None:
        """Write a consistent copy of the database to a new file while the bot runs."""
        async with self._session.reading("backup") as connection:
            await back_up(connection, Path(target))

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
        async with self._session.transaction("pin_questionnaire") as connection:
            await snapshots.pin(connection, questionnaire_id, version, content)

    async def questionnaire_snapshot(self, questionnaire_id: str, version: int) -> str | None:
        """Return the pinned content of the questionnaire version, or None."""
        async with self._session.reading("questionnaire_snapshot") as connection:
            return await snapshots.content(connection, questionnaire_id, version)

    # Respondents

    async def save_respondent(self, user_id: int, chat_id: int) -> Respondent:
        """Insert the respondent, or update the chat id of a known one and keep its locale."""
        async with self._session.transaction("save_respondent") as connection:
            return await respondents.save(connection, user_id, chat_id)

    async def respondent(self, user_id: int) -> Respondent | None:
        async with self._session.reading("respondent") as connection:
            return await respondents.get(connection, user_id)

    async def set_locale(self, user_id: int, locale: str) -> None:
        """Store the respondent's locale. Raises NotFound for an unknown user id."""
        async with self._session.transaction("set_locale") as connection:
            await respondents.set_locale(connection, user_id, locale)

    # Assessments

    async def create_assessment(
        self, respondent_id: int, questionnaire_id: str, version: int
    ) -> Assessment:
        """Start an assessment in progress on a pinned questionnaire version.

        Raises NotFound if the respondent is not saved or the version is not pinned.
        """
        async with self._session.transaction("create_assessment") as connection:
            return await assessments.create(connection, respondent_id, questionnaire_id, version)

    async def assessment(self, assessment_id: int) -> Assessment | None:
        async with self._session.reading("assessment") as connection:
            return await assessments.get(connection, assessment_id)

    async def latest_assessment(self, respondent_id: int) -> Assessment | None:
        """Return the respondent's most recently started assessment, in any status."""
        async with self._session.reading("latest_assessment") as connection:
            return await assessments.latest(connection, respondent_id)

    async def set_editing(self, assessment_id: int, question_id: str | None) -> None:
        """Store the question being edited, or clear it with None.

        Raises NotFound for an unknown assessment, and AssessmentClosed when
        `question_id` is set on a submitted one. Clearing a submitted one does nothing.
        """
        async with self._session.transaction("set_editing") as connection:
            await assessments.set_editing(connection, assessment_id, question_id)

    async def set_question_message(self, assessment_id: int, message_id: int | None) -> None:
        """Store the id of the message that shows the current question.

        This leaves `updated_at` unchanged. Raises NotFound for an unknown assessment.
        """
        async with self._session.transaction("set_question_message") as connection:
            await assessments.set_question_message(connection, assessment_id, message_id)

    async def submit(self, assessment_id: int) -> bool:
        """Move the assessment from in progress to submitted, clearing editing and drafts.

        Returns False, changing nothing, if it was submitted already.
        Raises NotFound for an unknown assessment.
        """
        async with self._session.transaction("submit") as connection:
            submitted = await assessments.submit(connection, assessment_id)
            if submitted:
                await drafts.delete_all(connection, assessment_id)
            return submitted

    async def latest_submitted_assessment(self, respondent_id: int) -> Assessment | None:
        """Return the respondent's most recently submitted assessment, or None."""
        async with self._session.reading("latest_submitted_assessment") as connection:
            return await assessments.latest_submitted(connection, respondent_id)

    async def others_submitted(
        self, questionnaire_id: str, respondent_id: int
    ) -> list[cohort.SubmittedAnswers]:
        """Return every other respondent's latest submitted answers to the questionnaire id.

        The answers are of any version of the questionnaire; each says which.
        """
        async with self._session.reading("others_submitted") as connection:
            return await cohort.others_submitted(connection, questionnaire_id, respondent_id)

    # Answers

    async def answers(self, assessment_id: int) -> dict[str, StoredAnswer]:
        """Return the current answer of each answered question, keyed by question id."""
        async with self._session.reading("answers") as connection:
            return await answers.current(connection, assessment_id)

    async def answer_values(self, assessment_id: int) -> dict[str, AnswerValue]:
        """Return the current value of each answered question, keyed by question id.

        This is `answers` without the answer times, which the interview does
        not show and which cost a timestamp parse per answer on every update.
        """
        async with self._session.reading("answer_values") as connection:
            return await answers.current_values(connection, assessment_id)

    async def answer_history(self, assessment_id: int) -> list[StoredAnswer]:
        """Return every value ever saved in the assessment, oldest first."""
        async with self._session.reading("answer_history") as connection:
            return await answers.history(connection, assessment_id)

    async def save_answer(self, assessment_id: int, question_id: str, value: AnswerValue) -> None:
        """Save an answer (None for skipped) in one transaction.

        The transaction stores the current answer, appends it to the history,
        deletes the question's draft, clears `editing_question_id` and sets
        `updated_at`. Raises AssessmentClosed, writing nothing, if the assessment
        is submitted, and NotFound for an unknown assessment.
        """
        async with self._session.transaction("save_answer") as connection:
            await answers.save(connection, assessment_id, question_id, value)

    # Drafts

    async def draft(self, assessment_id: int, question_id: str) -> list[str] | None:
        async with self._session.reading("draft") as connection:
            return await drafts.get(connection, assessment_id, question_id)

    async def save_draft(self, assessment_id: int, question_id: str, value: list[str]) -> None:
        """Store or replace the selection in progress on a question.

        Raises AssessmentClosed if the assessment is submitted, and NotFound for an
        unknown assessment.
        """
        async with self._session.transaction("save_draft") as connection:
            await drafts.save(connection, assessment_id, question_id, value)

    async def delete_draft(self, assessment_id: int, question_id: str) -> None:
        """Delete the question's draft. Deleting a missing draft does nothing."""
        async with self._session.transaction("delete_draft") as connection:
            if await drafts.delete(connection, assessment_id, question_id):
                await assessments.touch(connection, assessment_id, utc_now())

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
        async with self._session.transaction("record_question_event") as connection:
            await question_events.record(
                connection, assessment_id, question_id, kind, locale, remark
            )

    async def question_events(self, assessment_id: int) -> list[QuestionEvent]:
        """Return the assessment's question events, oldest first."""
        async with self._session.reading("question_events") as connection:
            return await question_events.for_assessment(connection, assessment_id)

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
