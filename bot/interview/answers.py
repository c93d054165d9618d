"""Describe stored answers in the respondent's language, as escaped HTML for chat messages.

The wording is the report's (`reports.answers`); chat messages are HTML, so
the text is escaped here, whole, after it is built.
"""

from __future__ import annotations

from html import escape

from bot.i18n import Translator
from questionnaires.engine import AnswerValue
from questionnaires.model import Question, Questionnaire
from reports import answers


def describe_answer(
    questionnaire: Questionnaire, question: Question, value: AnswerValue, t: Translator
) -> str:
    """Return the answer as an HTML-escaped fragment."""
    return escape(answers.answer_text(questionnaire, question, value, t))


def level_label(questionnaire: Questionnaire, level: int, t: Translator) -> str:
    """Return "3 · Defined" in the respondent's language and digits, HTML-escaped."""
    return escape(answers.level_label(questionnaire, level, t))
