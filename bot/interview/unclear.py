"""Let a respondent flag the question on screen as unclear, with an optional remark.

A flag changes neither the question on screen nor any answer. The button
tap is answered with a short notice, and /unclear replies below the question,
so the respondent goes on answering the same question.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Update
from telegram.ext import ContextTypes

from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.interview.callback_data import Callback
from bot.interview.events import record_event
from bot.interview.state import InterviewState, load_state
from bot.reliability import answer_query
from bot.services import get_services
from bot.text_limits import shorten
from questionnaires.text import clean_text
from storage import QuestionEventKind

logger = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

MAX_REMARK_LENGTH = 500


async def unclear_tapped(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    """Flag the question whose Unclear button was tapped, if it is still on screen."""
    t = state.t
    question = state.current
    if question is None or question.id != callback.target:
        await answer_query(
            query, t.gettext("This question is no longer open. Please use the latest message.")
        )
        return

    services = get_services(context)
    if not await record_event(services, state, question.id, QuestionEventKind.FLAGGED):
        await answer_query(query, t.gettext("Your note could not be saved. Please try again."))
        return
    logger.info("assessment %d: question %s flagged unclear", state.assessment.id, question.id)
    await answer_query(
        query,
        t.gettext(
            "Thank you, noted. To say what was unclear, send /unclear followed by your remark."
        ),
    )


async def unclear_command(update: Update, context: Context) -> None:
    """Flag the question on screen as unclear, with the remark typed after the command."""
    message = update.effective_message
    services = get_services(context)
    state = await load_state(services, update.effective_user.id)
    if state is None:
        t = translator(SOURCE_LOCALE)
        await message.reply_text(t.gettext("Send /start to begin the assessment."))
        return

    t = state.t
    question = state.current
    if question is None:
        await message.reply_text(
            t.gettext("No question is open now. Send /unclear while a question is on screen.")
        )
        return
    remark = command_remark(message.text or "")
    if remark is not None and len(remark) > MAX_REMARK_LENGTH:
        await message.reply_text(
            t.gettext(
                "Your remark has {length} characters, but the limit is {max}. "
                "Please shorten it and send /unclear again."
            ).format(length=t.number(len(remark)), max=t.number(MAX_REMARK_LENGTH))
        )
        return

    if not await record_event(services, state, question.id, QuestionEventKind.FLAGGED, remark):
        await message.reply_text(t.gettext("Your note could not be saved. Please try again."))
        return
    logger.info(
        "assessment %d: question %s flagged unclear%s",
        state.assessment.id,
        question.id,
        " with a remark" if remark else "",
    )
    await message.reply_text(_thanks(t, t.text(question.text), remark is not None))


def command_remark(text: str) -> str | None:
    """Return the cleaned text after the command word, or None when there is none."""
    parts = text.split(maxsplit=1)
    if len(parts) < 2:
        return None
    return clean_text(parts[1], keep_newlines=True) or None


def _thanks(t: Translator, question_text: str, with_remark: bool) -> str:
    question = shorten(question_text, 80)
    if with_remark:
        return t.gettext(
            "Thank you. Your remark on “{question}” is saved for the questionnaire's authors. "
            "Please go on with the question above."
        ).format(question=question)
    return t.gettext(
        "Thank you. “{question}” is marked as unclear. To say what was unclear, send "
        "/unclear followed by your remark. Please go on with the question above."
    ).format(question=question)
