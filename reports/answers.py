"""Describe stored answers as plain text in the reader's language.

The templates escape every text, so nothing here is HTML. Free-text answers
come back exactly as the respondent wrote them, in every language.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

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
from reports.translation import Translator


def answer_text(
    questionnaire: Questionnaire, question: Question, value: AnswerValue, t: Translator
) -> str:
    if value is None:
        return t.gettext("Skipped")
    if isinstance(question, ScaleQuestion | TargetQuestion):
        return _level_answer(questionnaire, value, t)
    if isinstance(question, YesNoQuestion):
        return t.gettext("Yes") if value == YES else t.gettext("No")
    if isinstance(question, RankingQuestion) and isinstance(value, list):
        labels = [choice_label(question, choice_id, t) for choice_id in value]
        return "; ".join(f"{t.number(rank)}. {label}" for rank, label in enumerate(labels, 1))
    if isinstance(question, ChoiceQuestion):
        chosen = value if isinstance(value, list) else [str(value)]
        return ", ".join(choice_label(question, choice_id, t) for choice_id in chosen)
    if isinstance(question, NumberQuestion):
        return _number_answer(question, str(value), t)
    return str(value)


def level_label(questionnaire: Questionnaire, level: int, t: Translator) -> str:
    """Return "3 · Defined" in the reader's language and digits."""
    name = t.text(questionnaire.maturity_level(level).name)
    return f"{t.number(level)} · {name}"


def choice_label(question: ChoiceQuestion, choice_id: str, t: Translator) -> str:
    choice = question.choice(choice_id)
    return t.text(choice.label) if choice else choice_id


def _level_answer(questionnaire: Questionnaire, value: AnswerValue, t: Translator) -> str:
    if value == DONT_KNOW:
        return t.gettext("Don't know")
    if value == NOT_APPLICABLE:
        return t.gettext("Not applicable")
    if isinstance(value, int):
        return level_label(questionnaire, value, t)
    return str(value)


def _number_answer(question: NumberQuestion, value: str, t: Translator) -> str:
    try:
        formatted = t.number(Decimal(value))
    except InvalidOperation:
        formatted = value
    if question.unit:
        return f"{formatted} {t.text(question.unit)}"
    return formatted
