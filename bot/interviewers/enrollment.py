"""Who may start an assessment: invitation links, and the invitation-only default.

A deep link `t.me/<bot>?start=<token>` arrives as "/start <token>". Without
OPEN_ENROLLMENT, /start and the language picker open an assessment only for
a respondent who redeemed an invitation or already has an assessment.
Anyone else gets a message on how to get an invitation. These handlers are registered
ahead of the interview's own /start and language handlers and hand over to
them once the respondent may go on.
"""

from __future__ import annotations

import logging
import math
from html import escape

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot import menus
from bot.clock import current_time
from bot.i18n import N_, SOURCE_LOCALE, Translator, translator
from bot.interview import flow, handlers, language
from bot.interview.callback_data import decode
from bot.interviewers.access import caller_of
from bot.interviewers.invitations import START_PARAMETER, token_hash
from bot.interviewers.notifications import notify_interviewers
from bot.interviewers.throttle import RedemptionThrottle
from bot.languages import SUPPORTED_LOCALES, locale_from_language_code, native_name
from bot.reliability import answer_query
from bot.services import Services, get_services
from storage import City, Redemption, RedemptionOutcome

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
THROTTLE_KEY = "redemption_throttle"

REJECTIONS = {
    RedemptionOutcome.UNKNOWN: N_(
        "This invitation link is not valid. Please open the whole link exactly as you "
        "received it, or ask the interviewer for a new one."
    ),
    RedemptionOutcome.USED: N_(
        "This invitation has already been used. Each invitation works for one person: "
        "please ask the interviewer for your own."
    ),
    RedemptionOutcome.EXPIRED: N_(
        "This invitation has expired. Please ask the interviewer for a new one."
    ),
    RedemptionOutcome.REVOKED: N_(
        "This invitation has been withdrawn. Please ask the interviewer for a new one."
    ),
}


async def start_command(update: Update, context: Context) -> None:
    """Redeem the invitation in a deep link, or let a known respondent continue."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return
    services = get_services(context)
    if context.args:
        await _redeem(update, context, services, context.args[0])
        return

    if not await may_enroll(services, user.id):
        caller = await caller_of(update, context, admins_only=False)
        if caller is not None:
            # The chat may be new, in which case the menu set at start did not reach it.
            await menus.show_staff_menu(context.bot, user.id, caller.t, caller.is_admin)
            await message.reply_text(interviewer_help_text(caller.t))
            return
        logger.info("user %d sent /start without an invitation", user.id)
        t = await _respondent_translator(services, user.id, user.language_code)
        await message.reply_text(invitation_needed_text(t))
        return
    await services.database.clear_unreachable(user.id)
    await handlers.start_command(update, context)


async def language_chosen(update: Update, context: Context) -> None:
    """Pass a language choice on, unless it would open an assessment without an invitation."""
    query = update.callback_query
    services = get_services(context)
    callback = decode(query.data)
    locale = callback.target if callback else None
    if locale not in SUPPORTED_LOCALES or await may_enroll(services, query.from_user.id):
        await language.language_chosen(update, context)
        return

    t = translator(locale)
    await answer_query(query)
    chosen = t.gettext("Language: {name}").format(name=native_name(locale))
    await flow.edit_message(context.bot, query.message.chat.id, query.message.message_id, chosen)
    caller = await caller_of(update, context, admins_only=False)
    if caller is None:
        await context.bot.send_message(query.message.chat.id, invitation_needed_text(t))
        return

    # Staff without an assessment of their own keep the language for their screens.
    user = query.from_user
    await services.database.save_respondent(user.id, query.message.chat.id)
    await services.database.set_locale(user.id, locale)
    logger.info("staff user %d chose locale %s", user.id, locale)
    await menus.show_staff_menu(context.bot, user.id, t, caller.is_admin)
    await context.bot.send_message(query.message.chat.id, interviewer_help_text(t))


async def may_enroll(services: Services, user_id: int) -> bool:
    """Return True if the user may open an assessment, or already has one."""
    if services.settings.open_enrollment:
        return True
    database = services.database
    if await database.latest_assessment(user_id) is not None:
        return True
    return await database.respondent_invitation(user_id) is not None


def interviewer_help_text(t: Translator) -> str:
    return t.gettext(
        "You are an interviewer of the smart city assessment. Send /newcity to add a city and "
        "get its invitation link, /cities to follow progress, /remind to remind respondents "
        "and /export for the results."
    )


def invitation_needed_text(t: Translator) -> str:
    return t.gettext(
        "Welcome! This smart city assessment is by invitation only. Please open the personal "
        "invitation link that the programme's interviewer sent you. If you have none, ask the "
        "interviewer who contacted your city for one."
    )


async def _redeem(update: Update, context: Context, services: Services, token: str) -> None:
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    now = current_time(context.bot_data)
    throttle: RedemptionThrottle = context.bot_data.setdefault(THROTTLE_KEY, RedemptionThrottle())
    t = await _respondent_translator(services, user.id, user.language_code)

    wait = throttle.blocked_for(user.id, now)
    if wait is not None:
        logger.warning("user %d sent an invitation token while slowed down", user.id)
        minutes = math.ceil(wait.total_seconds() / 60)
        await message.reply_text(
            t.gettext(
                "Too many invalid invitation links. Please wait {minutes} minutes before you "
                "try again, or ask the interviewer for a new link."
            ).format(minutes=t.number(minutes))
        )
        return

    if START_PARAMETER.fullmatch(token):
        redemption = await services.database.redeem_invitation(
            token_hash(token), user.id, chat.id, now
        )
    else:
        redemption = Redemption(RedemptionOutcome.UNKNOWN)
    if not redemption.accepted:
        throttle.record_failure(user.id, now)
        logger.info("user %d: invitation rejected (%s)", user.id, redemption.outcome.value)
        await message.reply_text(t.gettext(REJECTIONS[redemption.outcome]))
        return

    throttle.record_success(user.id)
    city = await services.database.city(redemption.invitation.city_id)
    await _welcome(update, context, services, redemption, city, t)


async def _welcome(
    update: Update,
    context: Context,
    services: Services,
    redemption: Redemption,
    city: City,
    t: Translator,
) -> None:
    user, message = update.effective_user, update.effective_message
    outcome = redemption.outcome
    if outcome is RedemptionOutcome.PARTICIPATING:
        text = t.gettext(
            "You already take part in the assessment for {city}, so this invitation stays unused."
        )
        await message.reply_text(text.format(city=escape(city.name)))
    elif outcome is RedemptionOutcome.ALREADY_SUBMITTED:
        await message.reply_text(
            t.gettext("You have already submitted an assessment, so this invitation stays unused.")
        )
    elif outcome is RedemptionOutcome.REDEEMED:
        logger.info(
            "invitation %d redeemed by user %d for city %d",
            redemption.invitation.id,
            user.id,
            city.id,
        )
        text = t.gettext("You are invited to the smart city assessment for {city}.")
        await message.reply_text("🏙 " + text.format(city=escape(city.name)))

    await services.database.clear_unreachable(user.id)
    await handlers.start_command(update, context)
    if outcome is RedemptionOutcome.REDEEMED:
        await notify_interviewers(
            context.bot,
            context.bot_data,
            services,
            lambda reader: _started_text(reader, city, user.id),
        )


def _started_text(t: Translator, city: City, user_id: int) -> str:
    return "🏙 " + t.gettext(
        "{city} ({country}): respondent {user} opened an invitation and can start now."
    ).format(city=escape(city.name), country=escape(city.country), user=user_id)


async def _respondent_translator(
    services: Services, user_id: int, language_code: str | None
) -> Translator:
    """Return the translator for the stored locale, else Telegram's language hint, else English."""
    respondent = await services.database.respondent(user_id)
    if respondent is not None and respondent.locale:
        return translator(respondent.locale)
    return translator(locale_from_language_code(language_code) or SOURCE_LOCALE)
