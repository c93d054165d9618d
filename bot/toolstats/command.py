"""The /toolstats command: the questions ranked by trouble, and every figure as CSV."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from analytics.measures import QuestionnaireStats, questionnaire_stats
from analytics.tables import FIGURE_COLUMNS, REMARK_COLUMNS, figure_rows, remark_rows, to_csv
from bot.interviewers.access import Caller, interviewers_only
from bot.toolstats.view import toolstats_messages
from questionnaires.model import Questionnaire
from storage import AssessmentActivity
from storage.question_events import stream_activity

logger = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

# The profile question that names the city, for assessments not invited for a
# city (open mode): the respondent's own answer is then the only city there is.
CITY_QUESTION_ID = "city_name"


@interviewers_only
async def toolstats_command(update: Update, context: Context, caller: Caller) -> None:
    """Send an interviewer the ranked questions, then the figures and remarks as CSV files."""
    message, services, t = update.effective_message, caller.services, caller.t

    questionnaire = services.registry.newest
    # Ten thousand assessments take seconds to read and measure, so a worker thread
    # does it while the event loop goes on serving respondents.
    stats, cities = await asyncio.to_thread(
        measure, services.settings.database_path, questionnaire, caller.now
    )
    logger.info(
        "user %d received /toolstats on %d assessments of %s v%d",
        caller.user_id,
        stats.assessments,
        questionnaire.id,
        questionnaire.version,
    )

    for text in toolstats_messages(questionnaire, stats, cities.get, t):
        await message.reply_text(text)
    name = f"{questionnaire.id}-v{questionnaire.version}"
    await message.reply_document(
        InputFile(to_csv(FIGURE_COLUMNS, figure_rows(stats)), filename=f"toolstats-{name}.csv"),
        caption=t.gettext("Every figure per question, for all languages and for each language."),
    )
    remarks = remark_rows(stats, cities.get)
    if remarks:
        await message.reply_document(
            InputFile(to_csv(REMARK_COLUMNS, remarks), filename=f"unclear-remarks-{name}.csv"),
            caption=t.gettext("Every remark on an unclear question, with its city."),
        )


def measure(
    database_path: Path, questionnaire: Questionnaire, now: datetime
) -> tuple[QuestionnaireStats, dict[int, str]]:
    """Measure the questionnaire version in one pass over its stored activity.

    Returns the statistics and the city of each assessment that has one. The
    activity is streamed, so memory stays flat however many assessments there are.
    """
    cities: dict[int, str] = {}

    def noting_cities(activities: Iterator[AssessmentActivity]) -> Iterator[AssessmentActivity]:
        for activity in activities:
            name = city_name(activity)
            if name:
                cities[activity.assessment_id] = name
            yield activity

    activities = stream_activity(database_path, questionnaire.id, questionnaire.version)
    stats = questionnaire_stats(questionnaire, noting_cities(activities), now)
    return stats, cities


def city_name(activity: AssessmentActivity) -> str | None:
    """Return the assessment's invited city, or else the city name the respondent gave."""
    answers = [a for a in activity.history if a.question_id == CITY_QUESTION_ID]
    answered = answers[-1].value if answers else None
    return activity.city or (answered if isinstance(answered, str) else None)
