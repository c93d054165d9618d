"""The /toolstats command: the questions ranked by trouble, and every figure as CSV."""

from __future__ import annotations

import asyncio
import logging

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from analytics.measures import questionnaire_stats
from analytics.tables import FIGURE_COLUMNS, REMARK_COLUMNS, figure_rows, remark_rows, to_csv
from bot.interviewers.access import Caller, interviewers_only
from bot.toolstats.view import toolstats_messages
from storage import AssessmentActivity

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
    activities = await services.database.question_activity(questionnaire.id, questionnaire.version)
    # Ten thousand assessments take seconds to measure, so a worker thread does it
    # while the event loop goes on serving respondents.
    stats = await asyncio.to_thread(questionnaire_stats, questionnaire, activities, caller.now)
    cities = city_names(activities)
    logger.info(
        "user %d received /toolstats on %d assessments of %s v%d",
        caller.user_id,
        len(activities),
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


def city_names(activities: list[AssessmentActivity]) -> dict[int, str]:
    """Map each assessment to its invited city, or else to the city name the respondent gave."""
    names: dict[int, str] = {}
    for activity in activities:
        answers = [a for a in activity.history if a.question_id == CITY_QUESTION_ID]
        answered = answers[-1].value if answers else None
        name = activity.city or (answered if isinstance(answered, str) else None)
        if name:
            names[activity.assessment_id] = name
    return names
