"""Send what comes after a stored change: the next question, the review or the summary.

Every function here runs after the storage write it follows has been
committed, so a crash between the write and the reply loses no answer: the
next update resumes from what is stored.
"""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot import answer_path_calls
from bot.interview.messages import submitted_text, welcome_back_text, welcome_text
from bot.interview.question_view import answered_text, question_keyboard, question_text
from bot.interview.review_view import review_keyboard, review_messages, review_prompt
from bot.interview.state import InterviewState, load_state
from bot.reports_delivery import deliver_submitted_report
from bot.services import Services
from questionnaires.engine import AnswerValue
from questionnaires.model import Question

logger = logging.getLogger(__name__)


async def open_or_resume(bot: Bot, services: Services, user_id: int, first_name: str) -> None:
    """Welcome the respondent to a new assessment or back to the open one, then ask on."""
    state = await load_state(services, user_id)
    if state is None:
        questionnaire = services.registry.newest
        assessment = await services.database.create_assessment(
            user_id, questionnaire.id, questionnaire.version
        )
        logger.info("assessment %d opened for user %d", assessment.id, user_id)
        state = await load_state(services, user_id)
        await bot.send_message(
            state.respondent.chat_id, welcome_text(state.questionnaire, state.t, first_name)
        )
    elif state.submitted:
        await bot.send_message(state.respondent.chat_id, submitted_text(state.t))
        return
    else:
        await bot.send_message(state.respondent.chat_id, welcome_back_text(state.t))
    await show_current(bot, services, state)


async def show_current(bot: Bot, services: Services, state: InterviewState) -> None:
    """Send the question on screen, or the review when every question is answered."""
    question = state.current
    if question is None:
        await show_review(bot, state)
        return

    screen = state.screen(question, state.selection(question))
    message_id = await answer_path_calls.send_message(
        bot,
        state.respondent.chat_id,
        question_text(screen, state.t),
        question_keyboard(screen, state.t),
    )
    await services.database.question_shown(
        state.assessment.id, question.id, message_id, state.t.locale
    )


async def record_answer(
    bot: Bot,
    services: Services,
    state: InterviewState,
    question: Question,
    value: AnswerValue,
    message_id: int | None,
) -> None:
    """Store an answer, close its question message and move on to the next question."""
    await services.database.save_answer(state.assessment.id, question.id, value)
    # DEBUG, not INFO: the answer history keeps every answer with its time, and
    # a line per answer would bury the rarer events in the log.
    logger.debug("assessment %d: answer to %s stored", state.assessment.id, question.id)

    if message_id is not None:
        text = answered_text(state.screen(question), value, state.t)
        await edit_message(bot, state.respondent.chat_id, message_id, text)

    await show_current(bot, services, state.after_answer(question.id, value))


async def show_review(bot: Bot, state: InterviewState) -> None:
    t = state.t
    for text in review_messages(state.questionnaire, state.answers, t):
        await answer_path_calls.send_message(bot, state.respondent.chat_id, text)
    prompt = review_prompt(state.complete, state.submitted, t)
    keyboard = None if state.submitted else review_keyboard(state.questionnaire, state.complete, t)
    await answer_path_calls.send_message(bot, state.respondent.chat_id, prompt, keyboard)


async def send_summary(bot: Bot, services: Services, state: InterviewState) -> None:
    """Thank the respondent, then send the city's report to them and to the interviewers."""
    thanks = state.t.gettext("Thank you. Your assessment has been submitted.")
    await bot.send_message(state.respondent.chat_id, f"<b>{thanks}</b>")
    await deliver_submitted_report(bot, services, state.respondent, state.assessment)


async def edit_message(
    bot: Bot,
    chat_id: int,
    message_id: int,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Edit a message the bot sent, tolerating one that is gone or already shows `text`."""
    try:
        await answer_path_calls.edit_message_text(bot, chat_id, message_id, text, reply_markup)
    except BadRequest as error:
        # A double tap edits to the same content ("message is not modified"), and
        # a respondent may delete the bot's old messages; neither changes any answer.
        logger.info("chat %d message %d not edited: %s", chat_id, message_id, error.message)


async def edit_message_markup(bot: Bot, chat_id: int, message_id: int) -> None:
    """Remove a message's buttons, so that taps on an old question go nowhere."""
    try:
        await answer_path_calls.remove_keyboard(bot, chat_id, message_id)
    except BadRequest as error:
        logger.info("chat %d message %d keyboard kept: %s", chat_id, message_id, error.message)
