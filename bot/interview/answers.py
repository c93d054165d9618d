"""Describe stored answers in the respondent's language, as escaped HTML."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from bot.i18n import Translator
from questionnaires.engine import AnswerValue
from questionnaires.model import (
    DONT_KNOW,
    NOT_APPLICABLE,
    YES,
    ChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScaleQuestion,
    TargetQuestion,
    YesNoQuestion,
)


def describe_answer(
    questionnaire: Questionnaire, question: Question, value: AnswerValue, t: Translator
) -> str:
    """Return the answer as a short HTML fragment; every user or file text is escaped."""
    if value is None:
        return t.gettext("Skipped")
    if isinstance(question, ScaleQuestion | TargetQuestion):
        return _describe_level(questionnaire, value, t)
    if isinstance(question, YesNoQuestion):
        return t.gettext("Yes") if value == YES else t.gettext("No")
    if isinstance(question, RankingQuestion) and isinstance(value, list):
        labels = [_choice_label(question, choice_id, t) for choice_id in value]
        return "; ".join(f"{t.number(rank)}. {label}" for rank, label in enumerate(labels, 1))
    if isinstance(question, ChoiceQuestion):
        chosen = value if isinstance(value, list) else [str(value)]
        return ", ".join(_choice_label(question, choice_id, t) for choice_id in chosen)
    if isinstance(question, NumberQuestion):
        return _describe_number(question, str(value), t)
    return escape(str(value))


def level_label(questionnaire: Questionnaire, level: int, t: Translator) -> str:
    """Return "3 · Defined" in the respondent's language and digits, escaped."""
    name = t.text(questionnaire.maturity_level(level).name)
    return f"{t.number(level)} · {escape(name)}"


def _describe_level(questionnaire: Questionnaire, value: AnswerValue, t: Translator) -> str:
    if value == DONT_KNOW:
        return t.gettext("Don't know")
    if value == NOT_APPLICABLE:
        return t.gettext("Not applicable")
    if isinstance(value, int):
        return level_label(questionnaire, value, t)
    return escape(str(value))


def _describe_number(question: NumberQuestion, value: str, t: Translator) -> str:
    formatted = t.number(Decimal(value))
    if question.unit:
        return f"{formatted} {escape(t.text(question.unit))}"
    return formatted


def _choice_label(question: ChoiceQuestion, choice_id: str, t: Translator) -> str:
    choice = question.choice(choice_id)
    return escape(t.text(choice.label)) if choice else escape(choice_id)
