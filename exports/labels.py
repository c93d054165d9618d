"""Answers as export cells: a code for analysis and an English label for reading.

Codes follow the stored values: a choice id, a maturity level 1 to 5 or
"dont_know" / "not_applicable", "yes" / "no", a number, or the typed text.
Several choices are joined with ";" in the order stored (rank order for a
ranking). A skipped optional question has the code "skipped".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from questionnaires.model import (
    DONT_KNOW,
    LEVEL_COUNT,
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
from storage import AnswerValue

SKIPPED = "skipped"
SEPARATOR = ";"
SPECIAL_LABELS = {DONT_KNOW: "Don't know", NOT_APPLICABLE: "Not applicable", SKIPPED: "Skipped"}

Cell = str | int | float | Decimal | None


def answer_code(question: Question | None, value: AnswerValue) -> Cell:
    """Return the answer's code; a number question's value becomes a Decimal."""
    if value is None:
        return SKIPPED
    if isinstance(value, list):
        return SEPARATOR.join(value)
    if isinstance(question, NumberQuestion) and isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def answer_label(
    questionnaire: Questionnaire, question: Question | None, value: AnswerValue
) -> str:
    """Return the answer in the questionnaire's English words."""
    if value is None:
        return SPECIAL_LABELS[SKIPPED]
    if isinstance(value, str) and value in SPECIAL_LABELS and _is_level_question(question):
        return SPECIAL_LABELS[value]
    if _is_level_question(question) and isinstance(value, int):
        return questionnaire.maturity_level(value).name if 1 <= value <= LEVEL_COUNT else str(value)
    if isinstance(question, YesNoQuestion):
        return "Yes" if value == YES else "No"
    if isinstance(question, RankingQuestion) and isinstance(value, list):
        labels = [_choice_label(question, choice_id) for choice_id in value]
        return "; ".join(f"{rank}. {label}" for rank, label in enumerate(labels, 1))
    if isinstance(question, ChoiceQuestion):
        chosen = value if isinstance(value, list) else [str(value)]
        return "; ".join(_choice_label(question, choice_id) for choice_id in chosen)
    if isinstance(question, NumberQuestion) and question.unit:
        return f"{value} {question.unit}"
    if isinstance(value, list):
        return SEPARATOR.join(value)
    return str(value)


def _is_level_question(question: Question | None) -> bool:
    return isinstance(question, ScaleQuestion | TargetQuestion)


def _choice_label(question: ChoiceQuestion, choice_id: str) -> str:
    choice = question.choice(choice_id)
    return choice.label if choice is not None else choice_id
