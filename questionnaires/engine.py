"""The interview engine: which question comes next, and what an answer means.

Everything here is a pure function of a questionnaire and the answers stored
so far, so the place in an interview is always derived from storage and a
restart resumes at the same question. Answer values are JSON-compatible:

- single choice: the choice id; yes/no: "yes" or "no"
- multiple choice and ranking: a list of choice ids (ranking in rank order)
- scale: the level as an int 1-5, or "dont_know" / "not_applicable"
- target: the level as an int 1-5
- number: the canonical decimal string, such as "1500" or "12.5"
- text: the text as typed, trimmed
- None: the respondent skipped an optional question
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from questionnaires.errors import InvalidAnswer
from questionnaires.model import (
    DONT_KNOW,
    LEVEL_COUNT,
    NO,
    NOT_APPLICABLE,
    YES,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TargetQuestion,
    TextQuestion,
    YesNoQuestion,
)
from questionnaires.numbers import format_decimal_value, parse_number
from questionnaires.text import clean_text

AnswerValue = str | int | float | list[str] | None
Answers = Mapping[str, AnswerValue]
# The functions that walk the visible questions take them as `visible` when
# the caller has computed `visible_questions(questionnaire, answers)` already.
Visible = Sequence[Question]

__all__ = [
    "AnswerValue",
    "Answers",
    "InvalidAnswer",
    "Progress",
    "button_answer",
    "current_question",
    "finish_selection",
    "is_complete",
    "next_question",
    "previous_question",
    "progress",
    "text_answer",
    "toggle_selection",
    "visible_questions",
]


@dataclass(frozen=True)
class Progress:
    section_number: int
    section_count: int
    question_number: int
    question_count: int


def visible_questions(questionnaire: Questionnaire, answers: Answers) -> list[Question]:
    """List the questions that apply, given the answers so far, in questionnaire order.

    A condition on a question that is itself hidden counts as not met, so a
    whole chain of follow-ups disappears when its first answer changes.
    """
    visible: list[Question] = []
    shown: set[str] = set()
    for question in questionnaire.questions:
        condition = question.show_if
        if condition is None or (
            condition.question in shown
            and _matches(answers.get(condition.question), condition.any_of)
        ):
            visible.append(question)
            shown.add(question.id)
    return visible


def _visible(questionnaire: Questionnaire, answers: Answers, visible: Visible | None) -> Visible:
    return visible_questions(questionnaire, answers) if visible is None else visible


def next_question(
    questionnaire: Questionnaire, answers: Answers, *, visible: Visible | None = None
) -> Question | None:
    """Return the first visible question without an answer, or None when all are answered."""
    visible = _visible(questionnaire, answers, visible)
    return next((q for q in visible if q.id not in answers), None)


def current_question(
    questionnaire: Questionnaire,
    answers: Answers,
    editing_question_id: str | None,
    *,
    visible: Visible | None = None,
) -> Question | None:
    """Return the question on screen: the one being changed, else the next unanswered one."""
    visible = _visible(questionnaire, answers, visible)
    if editing_question_id is not None:
        if any(q.id == editing_question_id for q in visible):
            return questionnaire.question(editing_question_id)
    return next_question(questionnaire, answers, visible=visible)


def previous_question(
    questionnaire: Questionnaire,
    answers: Answers,
    question_id: str,
    *,
    visible: Visible | None = None,
) -> Question | None:
    """Return the visible question before `question_id`, or None at the first one."""
    visible = _visible(questionnaire, answers, visible)
    ids = [q.id for q in visible]
    if question_id not in ids:
        return None
    index = ids.index(question_id)
    return visible[index - 1] if index > 0 else None


def is_complete(
    questionnaire: Questionnaire, answers: Answers, *, visible: Visible | None = None
) -> bool:
    return next_question(questionnaire, answers, visible=visible) is None


def progress(
    questionnaire: Questionnaire,
    answers: Answers,
    question_id: str,
    *,
    visible: Visible | None = None,
) -> Progress:
    visible_ids = [q.id for q in _visible(questionnaire, answers, visible)]
    section_ids = [s.id for s in questionnaire.sections]
    section = questionnaire.section_of(question_id)
    return Progress(
        section_number=section_ids.index(section.id) + 1,
        section_count=len(section_ids),
        question_number=visible_ids.index(question_id) + 1,
        question_count=len(visible_ids),
    )


def button_answer(question: Question, token: str) -> AnswerValue:
    """Turn the value carried by a tapped button into an answer, or raise InvalidAnswer.

    Callback data can be forged by any client, so every token is checked
    against the question's own choices.
    """
    if isinstance(question, SingleChoiceQuestion) and question.choice(token):
        return token
    if isinstance(question, YesNoQuestion) and token in (YES, NO):
        return token
    if isinstance(question, ScaleQuestion) and token in (DONT_KNOW, NOT_APPLICABLE):
        return token
    if isinstance(question, ScaleQuestion | TargetQuestion) and _is_level(token):
        return int(token)
    raise InvalidAnswer("unknown_choice")


def toggle_selection(question: Question, selection: list[str], choice_id: str) -> list[str]:
    """Add or remove one choice of a multiple choice or ranking question being answered.

    A ranking keeps the order of taps, so removing a choice moves the later
    ones up. A selection already at its maximum rejects another choice.
    """
    if not isinstance(question, MultipleChoiceQuestion | RankingQuestion):
        raise InvalidAnswer("unknown_choice")
    if question.choice(choice_id) is None:
        raise InvalidAnswer("unknown_choice")
    if choice_id in selection:
        return [chosen for chosen in selection if chosen != choice_id]
    if len(selection) >= _max_selections(question):
        raise InvalidAnswer("too_many_selections", max=_max_selections(question))
    return [*selection, choice_id]


def finish_selection(question: Question, selection: list[str]) -> list[str]:
    """Check a finished selection against the question's limits and return it as the answer."""
    if not isinstance(question, MultipleChoiceQuestion | RankingQuestion):
        raise InvalidAnswer("unknown_choice")
    if any(question.choice(choice_id) is None for choice_id in selection):
        raise InvalidAnswer("unknown_choice")
    if len(set(selection)) != len(selection):
        raise InvalidAnswer("unknown_choice")
    if isinstance(question, RankingQuestion) and len(selection) != question.pick:
        raise InvalidAnswer("rank_exactly", count=question.pick)
    if isinstance(question, MultipleChoiceQuestion) and len(selection) < question.min_selections:
        raise InvalidAnswer("too_few_selections", min=question.min_selections)
    if len(selection) > _max_selections(question):
        raise InvalidAnswer("too_many_selections", max=_max_selections(question))
    return list(selection)


def text_answer(question: Question, text: str, locale: str) -> AnswerValue:
    """Turn a typed message into an answer for a number or text question, or raise InvalidAnswer."""
    if isinstance(question, NumberQuestion):
        return _number_answer(question, text, locale)
    if isinstance(question, TextQuestion):
        return _text_answer(question, text)
    raise InvalidAnswer("use_buttons")


def accepts_text(question: Question) -> bool:
    return isinstance(question, NumberQuestion | TextQuestion)


def _number_answer(question: NumberQuestion, text: str, locale: str) -> str:
    value = parse_number(text, locale)
    if question.integer and value != value.to_integral_value():
        raise InvalidAnswer("not_integer")
    if question.min is not None and value < question.min:
        raise InvalidAnswer("too_small", min=question.min)
    if question.max is not None and value > question.max:
        raise InvalidAnswer("too_large", max=question.max)
    return format_decimal_value(value)


def _text_answer(question: TextQuestion, text: str) -> str:
    multiline = question.type == "long_text"
    cleaned = clean_text(text, keep_newlines=multiline)
    if not cleaned:
        raise InvalidAnswer("empty_text")
    if len(cleaned) < question.min_length:
        raise InvalidAnswer("too_short", min=question.min_length)
    if len(cleaned) > question.max_length:
        raise InvalidAnswer("too_long", max=question.max_length, length=len(cleaned))
    return cleaned


def _max_selections(question: MultipleChoiceQuestion | RankingQuestion) -> int:
    if isinstance(question, RankingQuestion):
        return question.pick
    return question.max_selections or len(question.choices)


def _is_level(token: str) -> bool:
    return token.isascii() and token.isdigit() and 1 <= int(token) <= LEVEL_COUNT


def _matches(value: Any, any_of: list[str]) -> bool:
    if value is None:
        return False
    if isinstance(value, list):
        return any(str(item) in any_of for item in value)
    return str(value) in any_of
