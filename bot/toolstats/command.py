"""The /toolstats command: the questions ranked by trouble, and every figure as CSV."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from analytics.measures import questionnaire_stats
from analytics.tables import FIGURE_COLUMNS, REMARK_COLUMNS, figure_rows, remark_rows, to_csv
from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.interview import handlers
from bot.services import Services, get_services
from bot.toolstats.view import toolstats_messages
from storage import AssessmentActivity

logger = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

# The profile question that names the city, for assessments not invited for a
# city (open mode): the respondent's own answer is then the only city there is.
CITY_QUESTION_ID = "city_name"


async def toolstats_command(update: Update, context: Context) -> None:
    """Send an interviewer the ranked questions, then the figures and remarks as CSV files."""
    user, message = update.effective_user, update.effective_message
    services = get_services(context)
    if not await may_see_toolstats(services, user.id):
        # The same reply as for an unknown command, so the refusal reveals nothing.
        logger.info("user %d rejected from /toolstats: not an interviewer", user.id)
        await handlers.unknown_command(update, context)
        return
    t = await _translator_for(services, user.id)

    questionnaire = services.registry.newest
    activities = await services.database.question_activity(questionnaire.id, questionnaire.version)
    # Ten thousand assessments take seconds to measure, so a worker thread does it
    # while the event loop goes on serving respondents.
    stats = await asyncio.to_thread(
        questionnaire_stats, questionnaire, activities, datetime.now(UTC)
    )
    cities = city_names(activities)
    logger.info(
        "user %d received /toolstats on %d assessments of %s v%d",
        user.id,
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


async def may_see_toolstats(services: Services, user_id: int) -> bool:
    """Return whether the user is an admin or an interviewer an admin added."""
    if user_id in services.settings.admin_ids:
        return True
    return await services.database.is_interviewer(user_id)


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


async def _translator_for(services: Services, user_id: int) -> Translator:
    respondent = await services.database.respondent(user_id)
    locale = respondent.locale if respondent and respondent.locale else SOURCE_LOCALE
    return translator(locale)
