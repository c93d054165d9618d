"""/cities: the paginated list of cities, each city's detail, and its invitation actions."""

from __future__ import annotations

import logging
import math

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.interview import flow
from bot.interviewers.access import Caller, interviewers_only
from bot.interviewers.invitations import issue_and_send
from bot.interviewers.progress import cities_progress
from bot.interviewers.views import (
    PAGE_SIZE,
    city_detail_keyboard,
    city_detail_text,
    city_list_keyboard,
    city_list_text,
)
from bot.reliability import answer_query
from bot.reports_delivery import ReportBuilder, send_report
from storage import AssessmentStatus, City

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@interviewers_only
async def cities_command(update: Update, context: Context, caller: Caller) -> None:
    """Show the first page of cities."""
    text, keyboard = await _page(caller, 0)
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def page_tapped(update: Update, context: Context, caller: Caller, page: int) -> None:
    query = update.callback_query
    await answer_query(query)
    text, keyboard = await _page(caller, page)
    await flow.edit_message(
        context.bot, query.message.chat.id, query.message.message_id, text, keyboard
    )


async def city_tapped(
    update: Update, context: Context, caller: Caller, city_id: int, page: int
) -> None:
    query = update.callback_query
    city = await _existing_city(update, caller, city_id)
    if city is None:
        return
    await answer_query(query)
    text, keyboard = await _detail(caller, city, page)
    await flow.edit_message(
        context.bot, query.message.chat.id, query.message.message_id, text, keyboard
    )


async def invite_another_tapped(
    update: Update, context: Context, caller: Caller, city_id: int
) -> None:
    """Issue one more invitation to the city, for another respondent."""
    city = await _existing_city(update, caller, city_id)
    if city is None:
        return
    await answer_query(update.callback_query)
    await issue_and_send(context.bot, caller, city)


async def reissue_tapped(update: Update, context: Context, caller: Caller, city_id: int) -> None:
    """Revoke the city's open invitations and issue a new one in their place."""
    city = await _existing_city(update, caller, city_id)
    if city is None:
        return
    await answer_query(update.callback_query)
    revoked = await caller.services.database.revoke_open_invitations(
        city.id, caller.user_id, caller.now
    )
    logger.info(
        "user %d re-issued the invitation of city %d, revoking %s", caller.user_id, city.id, revoked
    )
    if revoked:
        await context.bot.send_message(caller.user_id, _revoked_text(caller, len(revoked)))
    await issue_and_send(context.bot, caller, city)


async def revoke_open_tapped(
    update: Update, context: Context, caller: Caller, city_id: int, page: int
) -> None:
    """Revoke the city's open invitations and show the updated detail."""
    query = update.callback_query
    city = await _existing_city(update, caller, city_id)
    if city is None:
        return
    revoked = await caller.services.database.revoke_open_invitations(
        city.id, caller.user_id, caller.now
    )
    logger.info("user %d revoked invitations %s of city %d", caller.user_id, revoked, city.id)
    await answer_query(query, _revoked_text(caller, len(revoked)))
    text, keyboard = await _detail(caller, city, page)
    await flow.edit_message(
        context.bot, query.message.chat.id, query.message.message_id, text, keyboard
    )


async def report_tapped(update: Update, context: Context, caller: Caller, city_id: int) -> None:
    """Send the caller the report of each submitted assessment of the city."""
    city = await _existing_city(update, caller, city_id)
    if city is None:
        return
    participants = await caller.services.database.participants([city.id])
    submitted = [
        participant.assessment
        for participant in participants
        if participant.assessment and participant.assessment.status == AssessmentStatus.SUBMITTED
    ]
    if not submitted:
        await answer_query(
            update.callback_query, caller.t.gettext("No assessment of this city is submitted yet.")
        )
        return
    await answer_query(update.callback_query)
    for assessment in submitted:
        builder = ReportBuilder(caller.services, assessment)
        await send_report(context.bot, builder, caller.user_id, caller.t.locale)
    details = {"assessments": [assessment.id for assessment in submitted]}
    await caller.services.database.record_audit(
        caller.user_id, "reports_sent", f"city:{city.id}", details, caller.now
    )
    logger.info("user %d got the reports of city %d", caller.user_id, city.id)


async def _page(caller: Caller, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    database = caller.services.database
    pages = max(1, math.ceil(await database.city_count() / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    cities = await database.cities_page(page * PAGE_SIZE, PAGE_SIZE)
    entries = await cities_progress(caller.services, cities, caller.now)
    text = city_list_text(entries, page, pages, caller.now, caller.t)
    return text, city_list_keyboard(entries, page, pages, caller.t)


async def _detail(caller: Caller, city: City, page: int) -> tuple[str, InlineKeyboardMarkup]:
    [progress] = await cities_progress(caller.services, [city], caller.now)
    return (
        city_detail_text(progress, caller.now, caller.t),
        city_detail_keyboard(progress, page, caller.t),
    )


async def _existing_city(update: Update, caller: Caller, city_id: int) -> City | None:
    """Return the city, or answer the tap with an alert when the id names none."""
    city = await caller.services.database.city(city_id)
    if city is None:
        logger.warning("user %d tapped a button of unknown city %d", caller.user_id, city_id)
        await answer_query(
            update.callback_query, caller.t.gettext("This button is not valid."), show_alert=True
        )
    return city


def _revoked_text(caller: Caller, count: int) -> str:
    t = caller.t
    return t.ngettext(
        "{count} open invitation revoked.", "{count} open invitations revoked.", count
    ).format(count=t.number(count))
