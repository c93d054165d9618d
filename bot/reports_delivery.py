"""Send the city's report: to the respondent on submit and on /report, and to the interviewers.

The report is built from the stored answers each time, so a report sent
again, or sent in another language, says the same thing. Building takes
about a second of CPU, so it runs in a worker thread and the event loop
keeps serving other respondents.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, Update
from telegram.constants import ChatAction
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.services import Services, get_services
from questionnaires.engine import AnswerValue
from questionnaires.model import Questionnaire
from questionnaires.scoring import score_assessment
from reports.build import ReportFiles, build_report_files
from reports.peers import peer_medians
from storage import Assessment, Respondent

logger = logging.getLogger(__name__)

# A cohort member: the questionnaire version it answered and its answers.
CohortEntry = tuple[Questionnaire, dict[str, AnswerValue]]


async def report_recipients(services: Services) -> set[int]:
    """Return the user ids that receive every submitted report, besides the respondent.

    These are the admins and the interviewers, so a city's submission reaches them all.
    """
    interviewers = await services.database.interviewers()
    return set(services.settings.admin_ids) | {interviewer.user_id for interviewer in interviewers}


async def deliver_submitted_report(
    bot: Bot, services: Services, respondent: Respondent, assessment: Assessment
) -> None:
    """Send the report of a just-submitted assessment to its respondent and the interviewers.

    A report that fails to build or to reach one interviewer is logged, and
    the others still receive theirs.
    """
    builder = ReportBuilder(services, assessment)
    await send_report(bot, builder, respondent.chat_id, _locale_of(respondent))
    logger.info("report of assessment %d sent to its respondent", assessment.id)

    recipients = await report_recipients(services)
    for user_id in sorted(recipients - {respondent.user_id}):
        await _send_to_interviewer(bot, services, builder, user_id)


async def report_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the report of the user's latest submitted assessment again."""
    user = update.effective_user
    services = get_services(context)
    respondent = await services.database.respondent(user.id)
    assessment = (
        await services.database.latest_submitted_assessment(user.id) if respondent else None
    )
    if respondent is None or assessment is None:
        t = translator(_locale_of(respondent))
        await update.effective_message.reply_text(
            t.gettext(
                "There is no submitted assessment yet. Answer every question, submit the "
                "assessment, and the report comes right after."
            )
        )
        return

    builder = ReportBuilder(services, assessment)
    await send_report(context.bot, builder, respondent.chat_id, _locale_of(respondent))
    logger.info("report of assessment %d sent again to its respondent", assessment.id)


class ReportBuilder:
    """Builds one assessment's report once per language, with the peer medians read once."""

    def __init__(self, services: Services, assessment: Assessment) -> None:
        self._services = services
        self._assessment = assessment
        self._built: dict[str, ReportFiles] = {}
        self._inputs: tuple[Questionnaire, dict[str, AnswerValue], list[CohortEntry]] | None = None

    @property
    def assessment_id(self) -> int:
        return self._assessment.id

    async def files(self, locale: str) -> ReportFiles:
        if locale not in self._built:
            questionnaire, answers, cohort = await self._read_inputs()
            self._built[locale] = await asyncio.to_thread(
                _build, questionnaire, answers, cohort, self._assessment, translator(locale)
            )
            logger.info("report of assessment %d built in %s", self._assessment.id, locale)
        return self._built[locale]

    async def _read_inputs(self) -> tuple[Questionnaire, dict[str, AnswerValue], list[CohortEntry]]:
        if self._inputs is None:
            assessment = self._assessment
            registry, database = self._services.registry, self._services.database
            questionnaire = await registry.version(
                assessment.questionnaire_id, assessment.questionnaire_version
            )
            stored = await database.answers(assessment.id)
            others = await database.others_submitted(
                assessment.questionnaire_id, assessment.respondent_id
            )
            cohort = [
                (
                    await registry.version(
                        assessment.questionnaire_id, other.questionnaire_version
                    ),
                    other.answers,
                )
                for other in others
            ]
            answers = {question_id: answer.value for question_id, answer in stored.items()}
            self._inputs = (questionnaire, answers, cohort)
        return self._inputs


async def send_report(bot: Bot, builder: ReportBuilder, chat_id: int, locale: str) -> None:
    """Build the report in `locale` and send the summary, the chart photo and the PDF.

    A report that fails to build is logged, and the chat is told to try /report later.
    """
    await bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
    try:
        files = await builder.files(locale)
    except Exception:
        # Rendering runs third-party code (WeasyPrint, PDFium) on stored data; one
        # failure must not lose the submission or stop the other recipients.
        logger.exception("report of assessment %d failed to build", builder.assessment_id)
        t = translator(locale)
        await bot.send_message(
            chat_id,
            t.gettext("The report could not be prepared just now. Send /report to try again."),
        )
        return

    for text in files.messages:
        await bot.send_message(chat_id, text)
    await bot.send_photo(chat_id, photo=files.chart_png, caption=files.chart_caption)
    await bot.send_document(
        chat_id, document=files.pdf, filename=files.pdf_filename, caption=files.pdf_caption
    )


async def _send_to_interviewer(
    bot: Bot, services: Services, builder: ReportBuilder, user_id: int
) -> None:
    # An interviewer who never wrote to the bot has no row; a private chat's id is the user id.
    interviewer = await services.database.respondent(user_id)
    chat_id = interviewer.chat_id if interviewer else user_id
    try:
        await send_report(bot, builder, chat_id, _locale_of(interviewer))
    except Forbidden as error:
        logger.warning(
            "report of assessment %d not sent to interviewer %d, who blocked the bot: %s",
            builder.assessment_id,
            user_id,
            error.message,
        )
        return
    except TelegramError as error:
        logger.warning(
            "report of assessment %d not sent to interviewer %d: %s",
            builder.assessment_id,
            user_id,
            error.message,
        )
        return
    logger.info("report of assessment %d sent to interviewer %d", builder.assessment_id, user_id)


def _build(
    questionnaire: Questionnaire,
    answers: dict[str, AnswerValue],
    cohort: list[CohortEntry],
    assessment: Assessment,
    t: Translator,
) -> ReportFiles:
    peers = peer_medians([score_assessment(version, other) for version, other in cohort])
    submitted_on = (assessment.submitted_at or assessment.updated_at).date()
    return build_report_files(questionnaire, answers, submitted_on, peers, t)


def _locale_of(respondent: Respondent | None) -> str:
    return respondent.locale if respondent and respondent.locale else SOURCE_LOCALE
