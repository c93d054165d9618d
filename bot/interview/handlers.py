"""Handlers of the interview: commands, button taps and typed answers.

Handlers stay thin: they load the stored state, ask the engine what an input
means, store the result and hand over to `flow` for the reply. Every button
tap is checked against the current question, because Telegram delivers taps
on old messages and any client can forge callback data.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.i18n import SOURCE_LOCALE, Translator, translator
from bot.interview import flow
from bot.interview.callback_data import Action, Callback, decode
from bot.interview.events import record_event
from bot.interview.language import send_language_picker
from bot.interview.messages import (
    commands_help_text,
    help_text,
    invalid_answer_text,
    privacy_text,
    submitted_text,
)
from bot.interview.question_view import question_keyboard, question_text
from bot.interview.review_view import section_menu_keyboard, section_menu_text
from bot.interview.state import InterviewState, load_state
from bot.interview.unclear import unclear_tapped
from bot.reliability import answer_query
from bot.services import Services, get_services
from questionnaires import engine
from questionnaires.engine import AnswerValue
from questionnaires.errors import InvalidAnswer
from questionnaires.model import Question
from storage import AssessmentClosed, QuestionEventKind

logger = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


async def start_command(update: Update, context: Context) -> None:
    """Open the user's assessment, or resume it where it stopped."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return
    services = get_services(context)
    respondent = await services.database.save_respondent(user.id, chat.id)
    if respondent.locale is None:
        await send_language_picker(context.bot, chat.id, user.language_code)
        return
    await flow.open_or_resume(context.bot, services, user.id, user.first_name)


async def review_command(update: Update, context: Context) -> None:
    """Show every answer by section, with buttons to change them."""
    state = await _state_or_hint(update, context)
    if state is not None:
        await flow.show_review(context.bot, state)


async def help_command(update: Update, context: Context) -> None:
    """Explain how the interview works and list the commands."""
    t = await _translator_for(update, context)
    await update.effective_message.reply_text(commands_help_text(t))


async def privacy_command(update: Update, context: Context) -> None:
    """Say what is stored and who sees it."""
    t = await _translator_for(update, context)
    await update.effective_message.reply_text(privacy_text(t))


async def text_message(update: Update, context: Context) -> None:
    """Take a typed answer to a number or text question."""
    state = await _state_or_hint(update, context)
    if state is None:
        return
    if state.submitted:
        await update.effective_message.reply_text(submitted_text(state.t))
        return
    question = state.current
    if question is None:
        await flow.show_review(context.bot, state)
        return

    try:
        value = engine.text_answer(question, update.effective_message.text, state.t.locale)
    except InvalidAnswer as error:
        await record_event(get_services(context), state, question.id, QuestionEventKind.INVALID)
        await update.effective_message.reply_text(invalid_answer_text(error, state.t))
        await _repeat_question(context, get_services(context), state)
        return
    await _record(context, state, question.id, value, state.assessment.question_message_id)


async def other_message(update: Update, context: Context) -> None:
    """Answer stickers, photos, voice notes, edits and the like with a hint, changing nothing."""
    state = await _state_or_hint(update, context)
    if state is None or state.submitted:
        return
    await context.bot.send_message(state.respondent.chat_id, _hint_for(update, state))
    await _repeat_question(context, get_services(context), state)


def _hint_for(update: Update, state: InterviewState) -> str:
    """Say why a message was not taken as an answer and what to send instead."""
    t = state.t
    question = state.current
    typed = question is not None and engine.accepts_text(question)
    if update.edited_message is not None:
        if typed:
            return t.gettext("Edited messages are not read. Please send the answer again.")
        return t.gettext("Edited messages are not read. Please use the buttons below.")
    if update.effective_message.forward_origin is not None:
        return t.gettext("Forwarded messages are not read as answers. Please answer yourself.")
    if typed:
        return t.gettext("I can only read typed text here. Please type your answer.")
    return t.gettext("I can only read button taps here. Please use the buttons below.")


async def unknown_command(update: Update, context: Context) -> None:
    t = await _translator_for(update, context)
    await update.effective_message.reply_text(
        t.gettext("Unknown command. Send /help for the list.")
    )


async def callback_query(update: Update, context: Context) -> None:
    """Route a button tap after checking it against the stored state."""
    query = update.callback_query
    services = get_services(context)
    state = await load_state(services, query.from_user.id)
    callback = decode(query.data)
    if state is None or callback is None:
        t = state.t if state else translator(SOURCE_LOCALE)
        logger.warning("user %d sent unknown callback data", query.from_user.id)
        await answer_query(query, t.gettext("This button is not valid."), show_alert=True)
        return

    handler = _CALLBACK_HANDLERS.get(callback.action)
    if handler is None:
        await answer_query(query, state.t.gettext("This button is not valid."), show_alert=True)
        return
    await handler(context, state, query, callback)


async def _on_answer(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    question = await _open_question(state, query, callback)
    if question is None:
        return
    try:
        value = engine.button_answer(question, callback.value)
    except InvalidAnswer as error:
        logger.warning("user %d sent a forged answer to %s", query.from_user.id, question.id)
        await answer_query(query, invalid_answer_text(error, state.t), show_alert=True)
        return
    await answer_query(query)
    await _record(context, state, question.id, value, query.message.message_id)


async def _on_toggle(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    question = await _open_question(state, query, callback)
    if question is None:
        return
    services = get_services(context)
    try:
        selection = engine.toggle_selection(question, state.selection(question), callback.value)
    except InvalidAnswer as error:
        await record_event(services, state, question.id, QuestionEventKind.INVALID)
        await answer_query(query, invalid_answer_text(error, state.t), show_alert=True)
        return
    await services.database.save_draft(state.assessment.id, question.id, selection)
    await answer_query(query)

    screen = state.screen(question, selection)
    await flow.edit_message(
        context.bot,
        state.respondent.chat_id,
        query.message.message_id,
        question_text(screen, state.t),
        question_keyboard(screen, state.t),
    )


async def _on_done(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    question = await _open_question(state, query, callback)
    if question is None:
        return
    try:
        value = engine.finish_selection(question, state.selection(question))
    except InvalidAnswer as error:
        await record_event(get_services(context), state, question.id, QuestionEventKind.INVALID)
        await answer_query(query, invalid_answer_text(error, state.t), show_alert=True)
        return
    await answer_query(query)
    await _record(context, state, question.id, value, query.message.message_id)


async def _on_skip(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    question = await _open_question(state, query, callback)
    if question is None:
        return
    if question.required:
        await answer_query(
            query, state.t.gettext("This question needs an answer."), show_alert=True
        )
        return
    await answer_query(query)
    await _record(context, state, question.id, None, query.message.message_id)


async def _on_back(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    question = await _open_question(state, query, callback)
    if question is None:
        return
    previous = engine.previous_question(state.questionnaire, state.answers, question.id)
    if previous is None:
        await answer_query(query, state.t.gettext("This is the first question."))
        return
    await answer_query(query)

    services = get_services(context)
    await services.database.set_editing(state.assessment.id, previous.id)
    await flow.edit_message_markup(context.bot, state.respondent.chat_id, query.message.message_id)
    updated = await load_state(services, state.respondent.user_id)
    await flow.show_current(context.bot, services, updated)


async def _on_help(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    question = state.questionnaire.question(callback.target)
    if question is None:
        await answer_query(query, state.t.gettext("This button is not valid."), show_alert=True)
        return
    await answer_query(query)
    await context.bot.send_message(
        state.respondent.chat_id, help_text(state.questionnaire, question, state.t)
    )


async def _on_review(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    await answer_query(query)
    await flow.show_review(context.bot, state)


async def _on_section(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    section = next((s for s in state.questionnaire.sections if s.id == callback.target), None)
    if section is None or state.submitted:
        await answer_query(query, state.t.gettext("This button is not valid."), show_alert=True)
        return
    await answer_query(query)
    await flow.edit_message(
        context.bot,
        state.respondent.chat_id,
        query.message.message_id,
        section_menu_text(state.questionnaire, section, state.answers, state.t),
        section_menu_keyboard(state.questionnaire, section, state.answers, state.t),
    )


async def _on_change(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    visible = {q.id for q in engine.visible_questions(state.questionnaire, state.answers)}
    if state.submitted or callback.target not in visible:
        await answer_query(
            query, state.t.gettext("This question can no longer be changed."), show_alert=True
        )
        return
    await answer_query(query)

    services = get_services(context)
    await services.database.set_editing(state.assessment.id, callback.target)
    updated = await load_state(services, state.respondent.user_id)
    await flow.show_current(context.bot, services, updated)


async def _on_submit(
    context: Context, state: InterviewState, query: CallbackQuery, callback: Callback
) -> None:
    t = state.t
    if state.submitted:
        await answer_query(
            query, t.gettext("This assessment has already been submitted."), show_alert=True
        )
        return
    if not state.complete:
        await answer_query(query, t.gettext("Some questions are still open."), show_alert=True)
        return
    services = get_services(context)
    if not await services.database.submit(state.assessment.id):
        await answer_query(
            query, t.gettext("This assessment has already been submitted."), show_alert=True
        )
        return
    logger.info("assessment %d submitted", state.assessment.id)
    await answer_query(query)

    await flow.edit_message_markup(context.bot, state.respondent.chat_id, query.message.message_id)
    submitted = await load_state(services, state.respondent.user_id)
    await flow.send_summary(context.bot, services, submitted)


_CALLBACK_HANDLERS = {
    Action.ANSWER: _on_answer,
    Action.TOGGLE: _on_toggle,
    Action.DONE: _on_done,
    Action.SKIP: _on_skip,
    Action.BACK: _on_back,
    Action.HELP: _on_help,
    Action.UNCLEAR: unclear_tapped,
    Action.REVIEW: _on_review,
    Action.SECTION: _on_section,
    Action.CHANGE: _on_change,
    Action.SUBMIT: _on_submit,
}


async def _open_question(
    state: InterviewState, query: CallbackQuery, callback: Callback
) -> Question | None:
    """Return the current question if the tapped button belongs to it, else answer the tap."""
    question = state.current
    if question is not None and question.id == callback.target:
        return question
    await answer_query(
        query, state.t.gettext("This question is no longer open. Please use the latest message.")
    )
    return None


async def _record(
    context: Context,
    state: InterviewState,
    question_id: str,
    value: AnswerValue,
    message_id: int | None,
) -> None:
    question = state.questionnaire.question(question_id)
    try:
        await flow.record_answer(
            context.bot, get_services(context), state, question, value, message_id
        )
    except AssessmentClosed:
        await context.bot.send_message(state.respondent.chat_id, submitted_text(state.t))


async def _repeat_question(context: Context, services: Services, state: InterviewState) -> None:
    """Send the current question again below a hint, closing the old copy's buttons."""
    old_message_id = state.assessment.question_message_id
    if old_message_id is not None and state.current is not None:
        await flow.edit_message_markup(context.bot, state.respondent.chat_id, old_message_id)
    await flow.show_current(context.bot, services, state)


async def _state_or_hint(update: Update, context: Context) -> InterviewState | None:
    user = update.effective_user
    if user is None:
        return None
    state = await load_state(get_services(context), user.id)
    if state is None:
        t = translator(SOURCE_LOCALE)
        await context.bot.send_message(
            update.effective_chat.id, t.gettext("Send /start to begin the assessment.")
        )
    return state


async def _translator_for(update: Update, context: Context) -> Translator:
    respondent = await get_services(context).database.respondent(update.effective_user.id)
    locale = respondent.locale if respondent and respondent.locale else SOURCE_LOCALE
    return translator(locale)
