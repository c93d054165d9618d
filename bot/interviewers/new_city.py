"""/newcity: name, country and time zone, one message at a time or in one line.

The answers so far are stored as the interviewer's city draft, so a restart
in the middle loses nothing. While a draft is open, the interviewer's typed
messages go to it instead of to the interview. A draft left alone for
DRAFT_LIFETIME no longer catches text, and /cancel ends it at once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from html import escape

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import ContextTypes

from bot.clock import current_time
from bot.interview import handlers
from bot.interviewers.access import Caller, caller_of, interviewers_only
from bot.interviewers.invitations import issue_and_send
from bot.interviewers.time_zones import find_zone, zones_of_country
from bot.services import get_services
from storage import CityDraft

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
DRAFT_LIFETIME = timedelta(minutes=30)
MAX_NAME_LENGTH = 120
MAX_COUNTRY_LENGTH = 80
# Zones offered as reply keyboard buttons; a country with more is listed in the text only.
MAX_ZONE_BUTTONS = 8


@interviewers_only
async def new_city_command(update: Update, context: Context, caller: Caller) -> None:
    """Start a city draft, or take all three fields from the command's line."""
    line = " ".join(context.args or [])
    draft = CityDraft(caller.user_id, None, None, caller.now)
    await caller.services.database.save_city_draft(caller.user_id, None, None, caller.now)
    if line:
        await _take(update, context, caller, draft, line)
        return
    t = caller.t
    await update.effective_message.reply_text(
        "\n".join(
            [
                t.gettext("What is the name of the city or local government unit?"),
                "",
                t.gettext(
                    "You can also send all three in one line: name; country; time zone, "
                    "for example: Iloilo; Philippines; Asia/Manila. Send /cancel to stop."
                ),
            ]
        )
    )


@interviewers_only
async def cancel_command(update: Update, context: Context, caller: Caller) -> None:
    """End the caller's city draft."""
    t = caller.t
    if await caller.services.database.delete_city_draft(caller.user_id):
        text = t.gettext("Stopped. No city was added.")
    else:
        text = t.gettext("There is nothing to cancel.")
    await update.effective_message.reply_text(text, reply_markup=ReplyKeyboardRemove())


async def text_message(update: Update, context: Context) -> None:
    """Take a typed message as the next /newcity field, or pass it on to the interview.

    Registered ahead of the interview's text handler with the same filter, so
    text goes to an open city draft first and to the interview otherwise.
    """
    user = update.effective_user
    database = get_services(context).database
    draft = await database.city_draft(user.id) if user is not None else None
    if draft is not None and current_time(context.bot_data) - draft.started_at > DRAFT_LIFETIME:
        await database.delete_city_draft(user.id)
        logger.info("city draft of user %d expired", user.id)
        draft = None
    caller = await caller_of(update, context, admins_only=False) if draft is not None else None
    if draft is None or caller is None:
        await handlers.text_message(update, context)
        return

    await _take(update, context, caller, draft, update.effective_message.text)


async def _take(
    update: Update, context: Context, caller: Caller, draft: CityDraft, text: str
) -> None:
    """Fill the draft's next fields from `text`, which may carry several, separated by ';'."""
    t = caller.t
    message = update.effective_message
    fields = [part.strip() for part in text.split(";")]
    name, country = draft.name, draft.country

    if name is None:
        name = fields.pop(0)
        if not 0 < len(name) <= MAX_NAME_LENGTH:
            await message.reply_text(
                t.gettext("Please send a city name of 1 to {max} characters.").format(
                    max=t.number(MAX_NAME_LENGTH)
                )
            )
            return
    if country is None and fields:
        country = fields.pop(0)
        if not 0 < len(country) <= MAX_COUNTRY_LENGTH:
            await message.reply_text(
                t.gettext("Please send a country name of 1 to {max} characters.").format(
                    max=t.number(MAX_COUNTRY_LENGTH)
                )
            )
            return
    await caller.services.database.save_city_draft(caller.user_id, name, country, caller.now)

    if country is None:
        await message.reply_text(t.gettext("In which country is {city}?").format(city=escape(name)))
        return
    if not fields:
        await _ask_time_zone(update, caller, country)
        return

    zone = find_zone(fields[0])
    if zone is None:
        await message.reply_text(
            t.gettext("{zone} is not a time zone I know.").format(zone=escape(fields[0]))
        )
        await _ask_time_zone(update, caller, country)
        return
    await _create(update, context, caller, name, country, zone)


async def _ask_time_zone(update: Update, caller: Caller, country: str) -> None:
    t = caller.t
    zones = zones_of_country(country, caller.t.locale)
    lines = [
        t.gettext(
            "Which time zone do the city's leaders live in? Send its IANA name, such as "
            "Asia/Manila. Reminders go out only during their daytime."
        )
    ]
    markup = None
    if zones:
        lines += [
            "",
            t.gettext("Time zones of {country}: {zones}").format(
                country=escape(country), zones=", ".join(zones)
            ),
        ]
    if 0 < len(zones) <= MAX_ZONE_BUTTONS:
        markup = ReplyKeyboardMarkup(
            [[KeyboardButton(zone)] for zone in zones], one_time_keyboard=True, resize_keyboard=True
        )
    await update.effective_message.reply_text("\n".join(lines), reply_markup=markup)


async def _create(
    update: Update, context: Context, caller: Caller, name: str, country: str, zone: str
) -> None:
    city = await caller.services.database.create_city(
        name, country, zone, caller.user_id, caller.now
    )
    logger.info("city %d added by user %d", city.id, caller.user_id)
    t = caller.t
    await update.effective_message.reply_text(
        t.gettext(
            "Added {city} ({country}), time zone {zone}. Here is its first invitation."
        ).format(city=escape(city.name), country=escape(city.country), zone=escape(city.time_zone)),
        reply_markup=ReplyKeyboardRemove(),
    )
    await issue_and_send(context.bot, caller, city)
