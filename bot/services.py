"""What handlers need beside the update: settings, the database and the questionnaires."""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import CallbackContext

from bot.config import Settings
from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.registry import QuestionnaireRegistry
from storage import Database

SERVICES_KEY = "services"


@dataclass(frozen=True)
class Services:
    settings: Settings
    database: Database
    registry: QuestionnaireRegistry


def get_services(context: CallbackContext) -> Services:
    return context.bot_data[SERVICES_KEY]


async def translator_of(services: Services, user_id: int) -> Translator:
    """Return the translator for the user's stored locale, or English."""
    respondent = await services.database.respondent(user_id)
    return translator(respondent.locale if respondent and respondent.locale else SOURCE_LOCALE)
