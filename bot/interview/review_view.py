"""Render the review screen and a section's change menu."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.interview.answers import describe_answer
from bot.interview.callback_data import Action, Callback
from questionnaires.engine import Answers, visible_questions
from questionnaires.model import Question, Questionnaire, Section
from reports.text_limits import shorten, split_blocks

QUESTION_PREVIEW = 90
ANSWER_PREVIEW = 300


def review_messages(questionnaire: Questionnaire, answers: Answers, t: Translator) -> list[str]:
    """Return the answers by section, split into messages that fit Telegram's limit."""
    title = "<b>" + t.gettext("Your answers") + "</b>"
    blocks = [title]
    for section in questionnaire.sections:
        lines = _answer_lines(questionnaire, section, answers, t)
        if lines:
            blocks.append("\n".join([f"<b>{escape(t.text(section.title))}</b>", *lines]))
    return split_blocks(blocks)


def review_prompt(complete: bool, submitted: bool, t: Translator) -> str:
    if submitted:
        return t.gettext("This assessment has been submitted, so its answers can no longer change.")
    if complete:
        return t.gettext(
            "All questions are answered. Tap a section to change an answer, or submit "
            "the assessment. After submitting, answers can no longer change."
        )
    return t.gettext("Some questions are still open. Tap a section to change an answer.")


def review_keyboard(
    questionnaire: Questionnaire, complete: bool, t: Translator
) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                f"✏️ {t.text(section.title)}",
                callback_data=Callback(Action.SECTION, section.id).encode(),
            )
        ]
        for section in questionnaire.sections
    ]
    if complete:
        submit = Callback(Action.SUBMIT).encode()
        rows.append(
            [InlineKeyboardButton("✅ " + t.gettext("Submit assessment"), callback_data=submit)]
        )
    return InlineKeyboardMarkup(rows)


def section_menu_text(
    questionnaire: Questionnaire, section: Section, answers: Answers, t: Translator
) -> str:
    lines = _answer_lines(questionnaire, section, answers, t)
    heading = f"<b>{escape(t.text(section.title))}</b>"
    prompt = t.gettext("Tap the number of the question to change.")
    return "\n".join([heading, *lines, "", f"<i>{prompt}</i>"])


def section_menu_keyboard(
    questionnaire: Questionnaire, section: Section, answers: Answers, t: Translator
) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            t.number(number), callback_data=Callback(Action.CHANGE, question.id).encode()
        )
        for number, question in _numbered(questionnaire, section, answers)
    ]
    rows = [buttons[start : start + 5] for start in range(0, len(buttons), 5)]
    rows.append(
        [
            InlineKeyboardButton(
                "« " + t.gettext("Back to review"), callback_data=Callback(Action.REVIEW).encode()
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def _answer_lines(
    questionnaire: Questionnaire, section: Section, answers: Answers, t: Translator
) -> list[str]:
    lines = []
    for number, question in _numbered(questionnaire, section, answers):
        text = shorten(t.text(question.text), QUESTION_PREVIEW)
        if question.id in answers:
            answer = describe_answer(questionnaire, question, answers[question.id], t)
            answer = _shorten_html(answer)
        else:
            answer = t.gettext("not answered yet")
        lines.append(f"{t.number(number)}. {text}\n   → <i>{answer}</i>")
    return lines


def _numbered(
    questionnaire: Questionnaire, section: Section, answers: Answers
) -> list[tuple[int, Question]]:
    """Return the section's visible questions with their numbers in the whole interview.

    The numbers match the "Question 14 of 47" line the respondent saw when answering.
    """
    visible = visible_questions(questionnaire, answers)
    section_ids = {question.id for question in section.questions}
    return [
        (number, question)
        for number, question in enumerate(visible, start=1)
        if question.id in section_ids
    ]


def _shorten_html(answer: str) -> str:
    # Long text answers are cut for the review; the stored answer stays whole. An
    # escaped answer is cut only where no entity (such as &amp;) would be split.
    if len(answer) <= ANSWER_PREVIEW:
        return answer
    cut = answer[:ANSWER_PREVIEW]
    ampersand = cut.rfind("&")
    if ampersand > cut.rfind(";"):
        cut = cut[:ampersand]
    return cut + "…"
