"""Reminders to respondents: automatic ones on a schedule, and /remind from an interviewer.

The schedule is derived from the database on every check. A participant is
due when all of these hold: the assessment is not submitted, the
respondent is reachable, the last activity or reminder is
REMINDER_AFTER_DAYS old, fewer than REMINDER_MAX automatic reminders went
out since the last activity, and it is daytime in the city's time zone.

Each reminder is logged before it is sent, so a restart neither repeats nor
loses one. A reminder cut off by a crash counts as sent. The check runs
every CHECK_INTERVAL seconds on python-telegram-bot's JobQueue.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ContextTypes

from bot.clock import current_time
from bot.config import Settings
from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.interview import flow
from bot.interview.language import send_language_picker
from bot.interview.state import load_state
from bot.interviewers.access import Caller, interviewers_only
from bot.interviewers.callback_data import CONTINUE, Action, Button
from bot.interviewers.notifications import notify_interviewers
from bot.interviewers.progress import RespondentProgress, respondent_progress
from bot.interviewers.time_zones import country_of_zone
from bot.languages import COUNTRY_LOCALES
from bot.reliability import answer_query
from bot.sending import DeliveryOutcome, get_sender
from bot.services import SERVICES_KEY, Services, get_services
from questionnaires.estimate import estimated_minutes
from storage import AssessmentStatus, City, Participant, ReminderKind, ReminderOutcome

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
JOB_NAME = "reminders"
CHECK_INTERVAL = 60
# Reminders go out from DAY_START to DAY_END o'clock, local time of the city.
DAY_START = 9
DAY_END = 19
# /remind lists at most this many cities as buttons; the others stay reachable via /cities.
MAX_CITY_BUTTONS = 20

OUTCOMES = {
    DeliveryOutcome.SENT: ReminderOutcome.SENT,
    DeliveryOutcome.UNREACHABLE: ReminderOutcome.UNREACHABLE,
    DeliveryOutcome.FAILED: ReminderOutcome.FAILED,
}


@dataclass(frozen=True)
class ReminderRound:
    sent: int = 0
    unreachable: int = 0
    failed: int = 0

    def as_details(self) -> dict[str, int]:
        return {"sent": self.sent, "unreachable": self.unreachable, "failed": self.failed}


def schedule_reminders(application: Application) -> None:
    """Run the reminder check every CHECK_INTERVAL seconds while the application runs."""
    if application.job_queue is None:
        logger.warning(
            "no JobQueue (install python-telegram-bot[job-queue]): automatic reminders are off"
        )
        return
    application.job_queue.run_repeating(
        reminder_job, interval=CHECK_INTERVAL, first=CHECK_INTERVAL, name=JOB_NAME
    )


async def reminder_job(context: Context) -> None:
    """Send the reminders that are due now."""
    services: Services | None = context.bot_data.get(SERVICES_KEY)
    if services is None:
        return
    now = current_time(context.bot_data)
    await send_due_reminders(context.bot, context.bot_data, services, now)


def is_daytime(now: datetime, time_zone: str) -> bool:
    return DAY_START <= now.astimezone(ZoneInfo(time_zone)).hour < DAY_END


def reminder_due(participant: Participant, city: City, settings: Settings, now: datetime) -> bool:
    """Return True if an automatic reminder to the participant is due at `now`."""
    assessment = participant.assessment
    if assessment is not None and assessment.status == AssessmentStatus.SUBMITTED:
        return False
    if participant.unreachable_at is not None:
        return False

    activity = participant.last_activity
    automatic = [
        reminder
        for reminder in participant.reminders
        if reminder.kind is ReminderKind.AUTOMATIC and reminder.claimed_at > activity
    ]
    if len(automatic) >= settings.reminder_max:
        return False
    last_contact = max([activity, *(reminder.claimed_at for reminder in participant.reminders)])
    if now - last_contact < timedelta(days=settings.reminder_after_days):
        return False
    return is_daytime(now, city.time_zone)


async def send_due_reminders(
    bot: Bot, bot_data: MutableMapping[str, Any], services: Services, now: datetime
) -> ReminderRound:
    """Send every automatic reminder due at `now` and log the round in the audit log."""
    database = services.database
    participants = await database.participants(unfinished_only=True)
    cities = await _cities_of(services, participants)
    due = [
        participant
        for participant in participants
        if reminder_due(participant, cities[participant.invitation.city_id], services.settings, now)
    ]
    if not due:
        return ReminderRound()

    result = await send_reminders(
        bot, bot_data, services, due, cities, ReminderKind.AUTOMATIC, None, now
    )
    await database.record_audit(None, "reminders_sent", "automatic", result.as_details(), now)
    logger.info("automatic reminders: %s", result.as_details())
    return result


async def send_reminders(
    bot: Bot,
    bot_data: MutableMapping[str, Any],
    services: Services,
    participants: list[Participant],
    cities: dict[int, City],
    kind: ReminderKind,
    actor: int | None,
    now: datetime,
) -> ReminderRound:
    """Log and send one reminder to each participant; a blocked respondent is marked."""
    database = services.database
    claims = []
    messages = []
    for participant in participants:
        city = cities[participant.invitation.city_id]
        text, keyboard = await _reminder_message(services, participant, city)
        claims.append(await database.claim_reminder(participant.invitation.id, kind, actor, now))
        messages.append(
            (
                participant.chat_id,
                lambda chat=participant.chat_id, text=text, keyboard=keyboard: bot.send_message(
                    chat, text, reply_markup=keyboard
                ),
            )
        )

    deliveries = await get_sender(bot_data).deliver_all(messages)

    counts = dict.fromkeys(DeliveryOutcome, 0)
    for participant, reminder_id, delivery in zip(participants, claims, deliveries, strict=True):
        counts[delivery.outcome] += 1
        finished_at = current_time(bot_data)
        await database.finish_reminder(reminder_id, OUTCOMES[delivery.outcome], finished_at)
        await _update_reachability(bot, bot_data, services, participant, cities, delivery.outcome)
    return ReminderRound(
        counts[DeliveryOutcome.SENT],
        counts[DeliveryOutcome.UNREACHABLE],
        counts[DeliveryOutcome.FAILED],
    )


async def _update_reachability(
    bot: Bot,
    bot_data: MutableMapping[str, Any],
    services: Services,
    participant: Participant,
    cities: dict[int, City],
    outcome: DeliveryOutcome,
) -> None:
    database = services.database
    user_id = participant.respondent_id
    if outcome is DeliveryOutcome.SENT and participant.unreachable_at is not None:
        await database.clear_unreachable(user_id)
    if outcome is not DeliveryOutcome.UNREACHABLE:
        return
    if not await database.mark_unreachable(user_id, current_time(bot_data)):
        return
    logger.info("respondent %d blocked the bot; notifying the interviewers", user_id)
    city = cities[participant.invitation.city_id]
    await notify_interviewers(
        bot, bot_data, services, lambda t: _unreachable_text(t, city, user_id)
    )


async def _reminder_message(
    services: Services, participant: Participant, city: City
) -> tuple[str, InlineKeyboardMarkup]:
    """Return the reminder in the respondent's language, with the Continue button.

    A respondent who never chose a language gets it in the language of the
    city's country, from its time zone, followed by English.
    """
    progress = await respondent_progress(services, participant)
    locales = [participant.locale] if participant.locale else _guessed_locales(city)
    texts, labels = [], []
    for locale in locales:
        text, label = _reminder_text(translator(locale), city, progress, services)
        texts.append(text)
        labels.append(label)
    button = InlineKeyboardButton("▶️ " + " · ".join(labels), callback_data=CONTINUE)
    return "\n\n".join(texts), InlineKeyboardMarkup([[button]])


def _guessed_locales(city: City) -> list[str]:
    country = country_of_zone(city.time_zone)
    local = COUNTRY_LOCALES.get(country) if country else None
    return [local, SOURCE_LOCALE] if local else [SOURCE_LOCALE]


def _reminder_text(
    t: Translator, city: City, progress: RespondentProgress, services: Services
) -> tuple[str, str]:
    """Return the reminder's text and its button label in one language."""
    name = escape(city.name)
    if progress.answered == 0:
        minutes = estimated_minutes(services.registry.newest)[1]
        text = t.gettext(
            "A reminder: the smart city assessment for {city} is waiting for you. It takes "
            "about {minutes} minutes, and your answers are saved as you go."
        ).format(city=name, minutes=t.number(minutes))
        return text, t.gettext("Start the assessment")
    text = t.gettext(
        "A reminder: your smart city assessment for {city} is waiting. You have answered "
        "{answered} of {total} questions. Tap below to continue where you stopped."
    ).format(city=name, answered=t.number(progress.answered), total=t.number(progress.total))
    return text, t.gettext("Continue the assessment")


def _unreachable_text(t: Translator, city: City, user_id: int) -> str:
    return "⚠️ " + t.gettext(
        "{city}: respondent {user} blocked the bot, so reminders no longer reach them. "
        "Please contact them another way."
    ).format(city=escape(city.name), user=user_id)


async def _cities_of(services: Services, participants: list[Participant]) -> dict[int, City]:
    cities = {}
    for city_id in {participant.invitation.city_id for participant in participants}:
        city = await services.database.city(city_id)
        if city is not None:
            cities[city_id] = city
    return cities


# Interviewer commands and buttons


@interviewers_only
async def remind_command(update: Update, context: Context, caller: Caller) -> None:
    """Offer to remind one unfinished city or all of them; "/remind all" does all at once."""
    if context.args and context.args[0].lower() == "all":
        await _remind(update, context, caller, None)
        return

    unfinished = await caller.services.database.participants(unfinished_only=True)
    t = caller.t
    if not unfinished:
        await update.effective_message.reply_text(
            t.gettext("Every respondent has submitted, or nobody has opened an invitation yet.")
        )
        return
    cities = await _cities_of(caller.services, unfinished)
    city_ids = sorted({p.invitation.city_id for p in unfinished}, key=lambda i: cities[i].name)
    rows = [
        [
            InlineKeyboardButton(
                cities[city_id].name, callback_data=Button(Action.REMIND_CITY, city_id).encode()
            )
        ]
        for city_id in city_ids[:MAX_CITY_BUTTONS]
    ]
    rows.append(
        [
            InlineKeyboardButton(
                "🔔 " + t.gettext("Remind all unfinished"),
                callback_data=Button(Action.REMIND_ALL).encode(),
            )
        ]
    )
    await update.effective_message.reply_text(
        t.gettext("Which city should I remind? Respondents who submitted are left out."),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def remind_city_tapped(
    update: Update, context: Context, caller: Caller, city_id: int
) -> None:
    if await caller.services.database.city(city_id) is None:
        logger.warning("user %d tapped Remind of unknown city %d", caller.user_id, city_id)
        await answer_query(
            update.callback_query, caller.t.gettext("This button is not valid."), show_alert=True
        )
        return
    await answer_query(update.callback_query)
    await _remind(update, context, caller, city_id)


async def remind_all_tapped(update: Update, context: Context, caller: Caller) -> None:
    await answer_query(update.callback_query)
    await _remind(update, context, caller, None)


async def _remind(update: Update, context: Context, caller: Caller, city_id: int | None) -> None:
    """Remind the unfinished respondents of one city, or of every city, now."""
    services, t = caller.services, caller.t
    city_ids = None if city_id is None else [city_id]
    unfinished = await services.database.participants(city_ids, unfinished_only=True)
    cities = await _cities_of(services, unfinished)
    if not unfinished:
        await context.bot.send_message(
            caller.user_id,
            t.gettext("Nobody to remind: every respondent has submitted, or none has started."),
        )
        return

    result = await send_reminders(
        context.bot,
        context.bot_data,
        services,
        unfinished,
        cities,
        ReminderKind.MANUAL,
        caller.user_id,
        caller.now,
    )
    subject = "all" if city_id is None else f"city:{city_id}"
    await services.database.record_audit(
        caller.user_id, "reminders_sent", subject, result.as_details(), caller.now
    )
    logger.info("user %d sent reminders to %s: %s", caller.user_id, subject, result.as_details())
    await context.bot.send_message(
        caller.user_id,
        t.gettext("Reminders sent: {sent}. Unreachable: {unreachable}. Failed: {failed}.").format(
            sent=t.number(result.sent),
            unreachable=t.number(result.unreachable),
            failed=t.number(result.failed),
        ),
    )


# The respondent's Continue button


async def continue_tapped(update: Update, context: Context) -> None:
    """Show the respondent's current question, as /start would, from a reminder's button."""
    query = update.callback_query
    user = query.from_user
    chat_id = query.message.chat.id
    services = get_services(context)
    await answer_query(query)
    await flow.edit_message_markup(context.bot, chat_id, query.message.message_id)
    await services.database.clear_unreachable(user.id)

    respondent = await services.database.respondent(user.id)
    if respondent is None or respondent.locale is None:
        await send_language_picker(context.bot, chat_id, user.language_code)
        return
    state = await load_state(services, user.id)
    if state is None or state.submitted:
        await flow.open_or_resume(context.bot, services, user.id, user.first_name)
        return
    old_message_id = state.assessment.question_message_id
    if old_message_id is not None and state.current is not None:
        await flow.edit_message_markup(context.bot, chat_id, old_message_id)
    await flow.show_current(context.bot, services, state)
