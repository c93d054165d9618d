"""Texts and inline keyboards of the interviewers' city list and city detail, as HTML."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_timedelta
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import N_, Translator
from bot.interviewers.callback_data import Action, Button
from bot.interviewers.progress import CityProgress, CityState, RespondentProgress
from storage import InvitationState

PAGE_SIZE = 8

STATE_LABELS = {
    CityState.INVITED: N_("invited, not started"),
    CityState.STARTED: N_("started"),
    CityState.SUBMITTED: N_("submitted"),
    CityState.EXPIRED: N_("invitation expired"),
    CityState.NOT_INVITED: N_("no open invitation"),
}


def local_date(moment: datetime, time_zone: str, t: Translator) -> str:
    """Return the date of `moment` in the time zone, in the reader's language."""
    return format_date(moment.astimezone(ZoneInfo(time_zone)), "long", locale=t.babel_locale)


def time_ago(moment: datetime, now: datetime, t: Translator) -> str:
    """Return "2 days ago" in the reader's language."""
    return format_timedelta(moment - now, add_direction=True, locale=t.babel_locale)


def state_text(progress: CityProgress, t: Translator) -> str:
    """Return the city's state, with answers counted for a started city."""
    text = t.gettext(STATE_LABELS[progress.state])
    if progress.state is CityState.STARTED:
        text += ", " + t.gettext("{answered} of {total} answered").format(
            answered=t.number(progress.answered), total=t.number(progress.total)
        )
    if progress.unreachable:
        text += " · ⚠️ " + t.gettext("respondent unreachable")
    return text


def city_list_text(
    entries: list[CityProgress], page: int, pages: int, now: datetime, t: Translator
) -> str:
    if not entries:
        return t.gettext("No cities yet. Send /newcity to add the first one.")
    lines = [
        "<b>"
        + t.gettext("Cities")
        + "</b> · "
        + t.gettext("page {page} of {pages}").format(
            page=t.number(page + 1), pages=t.number(pages)
        ),
        "",
    ]
    for entry in entries:
        lines.append(
            f"<b>{escape(entry.city.name)}</b> ({escape(entry.city.country)}): "
            f"{state_text(entry, t)} · {time_ago(entry.last_activity, now, t)}"
        )
    lines += ["", t.gettext("Tap a city for its details and actions.")]
    return "\n".join(lines)


def city_list_keyboard(
    entries: list[CityProgress], page: int, pages: int, t: Translator
) -> InlineKeyboardMarkup | None:
    if not entries:
        return None
    rows = [
        [_button(entry.city.name, Button(Action.CITY, entry.city.id, page))] for entry in entries
    ]
    navigation = []
    if page > 0:
        navigation.append(_button("‹ " + t.gettext("Previous"), Button(Action.PAGE, page - 1)))
    if page + 1 < pages:
        navigation.append(_button(t.gettext("Next") + " ›", Button(Action.PAGE, page + 1)))
    if navigation:
        rows.append(navigation)
    return InlineKeyboardMarkup(rows)


def city_detail_text(progress: CityProgress, now: datetime, t: Translator) -> str:
    city = progress.city
    counts = progress.invitations
    lines = [
        f"<b>{escape(city.name)}</b> ({escape(city.country)})",
        t.gettext("Time zone: {zone}").format(zone=escape(city.time_zone)),
        t.gettext("State: {state}").format(state=state_text(progress, t)),
        t.gettext("Last activity: {when}").format(when=time_ago(progress.last_activity, now, t)),
        "",
        "<b>" + t.gettext("Respondents") + "</b>",
    ]
    if not progress.respondents:
        lines.append(t.gettext("Nobody has opened an invitation yet."))
    lines += [
        _respondent_line(respondent, city.time_zone, now, t) for respondent in progress.respondents
    ]
    lines += [
        "",
        t.gettext(
            "Invitations: {open} open, {used} used, {expired} expired, {revoked} revoked"
        ).format(
            open=t.number(counts[InvitationState.OPEN]),
            used=t.number(counts[InvitationState.USED]),
            expired=t.number(counts[InvitationState.EXPIRED]),
            revoked=t.number(counts[InvitationState.REVOKED]),
        ),
    ]
    return "\n".join(lines)


def city_detail_keyboard(progress: CityProgress, page: int, t: Translator) -> InlineKeyboardMarkup:
    city_id = progress.city.id
    rows = []
    if progress.unfinished:
        rows.append(
            [_button("🔔 " + t.gettext("Remind"), Button(Action.REMIND_CITY, city_id, page))]
        )
    rows.append(
        [
            _button(
                "➕ " + t.gettext("Invite another respondent"),
                Button(Action.INVITE_ANOTHER, city_id, page),
            )
        ]
    )
    reissue = [
        _button("🔁 " + t.gettext("Re-issue invitation"), Button(Action.REISSUE, city_id, page))
    ]
    if progress.invitations[InvitationState.OPEN]:
        reissue.append(
            _button(
                "✖️ " + t.gettext("Revoke open invitations"),
                Button(Action.REVOKE_OPEN, city_id, page),
            )
        )
    rows.append(reissue)
    if any(respondent.submitted for respondent in progress.respondents):
        rows.append(
            [_button("📄 " + t.gettext("Reports"), Button(Action.REPORT_CITY, city_id, page))]
        )
    rows.append(
        [
            _button("📊 " + t.gettext("Export"), Button(Action.EXPORT_CITY, city_id, page)),
            _button("« " + t.gettext("Cities"), Button(Action.PAGE, page)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def _respondent_line(
    respondent: RespondentProgress, time_zone: str, now: datetime, t: Translator
) -> str:
    participant = respondent.participant
    name = t.gettext("Respondent {id}").format(id=participant.respondent_id)
    if respondent.submitted and participant.assessment and participant.assessment.submitted_at:
        status = t.gettext("submitted on {date}").format(
            date=local_date(participant.assessment.submitted_at, time_zone, t)
        )
    else:
        status = t.gettext("{answered} of {total} answered").format(
            answered=t.number(respondent.answered), total=t.number(respondent.total)
        )
    line = f"• {name}: {status} · {time_ago(participant.last_activity, now, t)}"
    if respondent.unreachable:
        line += " · ⚠️ " + t.gettext("blocked the bot")
    return line


def _button(text: str, button: Button) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=button.encode())
