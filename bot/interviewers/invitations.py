"""Issue an invitation: a random token, its deep link and the link as a QR code."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import secrets
from datetime import timedelta
from html import escape

import segno
from telegram import Bot, InputFile

from bot.interviewers.access import Caller
from bot.interviewers.views import local_date
from storage import City, Invitation

logger = logging.getLogger(__name__)

# secrets.token_urlsafe(24) gives 192 random bits as 32 characters of A-Z, a-z,
# 0-9, _ and -, which fits a deep link's start parameter (Bot API, "Deep
# linking": up to 64 of those characters).
TOKEN_BYTES = 24
START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")
QR_SCALE = 10


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def invitation_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={token}"


def qr_png(link: str) -> bytes:
    """Return the link as a QR code PNG, with error correction level M for printed copies."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=QR_SCALE, border=4)
    return buffer.getvalue()


async def issue_and_send(bot: Bot, caller: Caller, city: City) -> Invitation:
    """Store a new invitation for the city and send its link and QR code to the caller."""
    token = new_token()
    settings = caller.services.settings
    expires_at = caller.now + timedelta(days=settings.invitation_days)
    invitation = await caller.services.database.issue_invitation(
        token_hash(token), city.id, caller.user_id, caller.now, expires_at
    )
    logger.info(
        "invitation %d issued for city %d by user %d", invitation.id, city.id, caller.user_id
    )

    link = invitation_link(bot.username, token)
    await bot.send_photo(
        caller.user_id,
        photo=InputFile(qr_png(link), filename="invitation.png"),
        caption=_caption(caller, city, link, invitation),
    )
    return invitation


def _caption(caller: Caller, city: City, link: str, invitation: Invitation) -> str:
    t = caller.t
    lines = [
        "<b>"
        + t.gettext("Invitation for {city}").format(city=escape(city.name))
        + "</b> ("
        + escape(city.country)
        + ")",
        link,
        "",
        t.gettext(
            "Send this link to one respondent of the city, or let them scan the QR code. "
            "It works once and expires on {date}."
        ).format(date=local_date(invitation.expires_at, city.time_zone, t)),
        t.gettext("To invite another respondent, open the city in /cities."),
    ]
    return "\n".join(lines)
