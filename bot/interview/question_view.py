"""Render one question as an HTML message with its inline keyboard."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.interview.answers import describe_answer, level_label
from bot.interview.callback_data import Action, Callback
from questionnaires.engine import AnswerValue, Progress
from questionnaires.model import (
    DONT_KNOW,
    LEVEL_COUNT,
    NO,
    NOT_APPLICABLE,
    YES,
    ChoiceQuestion,
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

BAR_CELLS = 10
# Keyboards built so far, by screen. Each entry keeps its questionnaire alive,
# so the questionnaire's id in a key cannot be reused by another object.
_KEYBOARD_CACHE_SIZE = 4096
_keyboards: dict[tuple[object, ...], tuple[Questionnaire, InlineKeyboardMarkup | None]] = {}


@dataclass(frozen=True)
class QuestionScreen:
    questionnaire: Questionnaire
    question: Question
    progress: Progress
    current_answer: AnswerValue
    has_answer: bool
    selection: list[str]
    can_go_back: bool


def question_text(screen: QuestionScreen, t: Translator) -> str:
    """Return the message text: section and progress, the question, its levels and a hint."""
    lines = [_header(screen, t)]
    section = screen.questionnaire.section_of(screen.question.id)
    if section.intro and section.questions[0].id == screen.question.id:
        lines += ["", f"<i>{escape(t.text(section.intro))}</i>"]
    lines += ["", f"<b>{escape(t.text(screen.question.text))}</b>"]
    levels = _level_lines(screen, t)
    if levels:
        lines += ["", *levels]
    if screen.has_answer:
        answer = describe_answer(screen.questionnaire, screen.question, screen.current_answer, t)
        lines += ["", t.gettext("Current answer: {answer}").format(answer=answer)]
    lines += ["", f"<i>{_instruction(screen.question, screen.selection, t)}</i>"]
    return "\n".join(lines)


def answered_text(screen: QuestionScreen, value: AnswerValue, t: Translator) -> str:
    """Return the text a question message keeps once answered: the question and the answer."""
    answer = describe_answer(screen.questionnaire, screen.question, value, t)
    return "\n".join(
        [
            _header(screen, t),
            "",
            f"<b>{escape(t.text(screen.question.text))}</b>",
            "",
            "✅ " + t.gettext("Your answer: {answer}").format(answer=answer),
        ]
    )


def question_keyboard(screen: QuestionScreen, t: Translator) -> InlineKeyboardMarkup | None:
    """Return the answer buttons and the Back / Help / Unclear / Skip row.

    The keyboard depends only on the question, the language, the selection and
    whether Back applies, so most screens are shared by many respondents and
    each is built once.
    """
    key = (
        id(screen.questionnaire),
        screen.question.id,
        t.locale,
        tuple(screen.selection),
        screen.can_go_back,
    )
    cached = _keyboards.get(key)
    if cached is not None:
        return cached[1]
    keyboard = _build_keyboard(screen, t)
    if len(_keyboards) >= _KEYBOARD_CACHE_SIZE:
        _keyboards.clear()
    _keyboards[key] = (screen.questionnaire, keyboard)
    return keyboard


def _build_keyboard(screen: QuestionScreen, t: Translator) -> InlineKeyboardMarkup | None:
    # Button labels are plain text in Telegram (no parse mode), so they are not escaped.
    rows = [row for row in [*_answer_rows(screen, t), _navigation_row(screen, t)] if row]
    return InlineKeyboardMarkup(rows) if rows else None


def progress_bar(done: int, total: int) -> str:
    filled = round(BAR_CELLS * done / total) if total else 0
    return "▰" * filled + "▱" * (BAR_CELLS - filled)


def _header(screen: QuestionScreen, t: Translator) -> str:
    progress = screen.progress
    section = screen.questionnaire.section_of(screen.question.id)
    section_line = t.gettext("Section {number} of {count}").format(
        number=t.number(progress.section_number), count=t.number(progress.section_count)
    )
    question_line = t.gettext("Question {number} of {count}").format(
        number=t.number(progress.question_number), count=t.number(progress.question_count)
    )
    bar = progress_bar(progress.question_number - 1, progress.question_count)
    return f"<b>{section_line} · {escape(t.text(section.title))}</b>\n{question_line} {bar}"


def _level_lines(screen: QuestionScreen, t: Translator) -> list[str]:
    question = screen.question
    if isinstance(question, ScaleQuestion):
        descriptions = question.levels
    elif isinstance(question, TargetQuestion):
        descriptions = [level.description for level in screen.questionnaire.maturity_levels]
    else:
        return []
    return [
        f"<b>{level_label(screen.questionnaire, level, t)}</b>: {escape(t.text(description))}"
        for level, description in enumerate(descriptions, start=1)
    ]


def _instruction(question: Question, selection: list[str], t: Translator) -> str:
    if isinstance(question, RankingQuestion):
        text = t.gettext("Tap your top {count} in order, first the most important, then Done.")
        return text.format(count=t.number(question.pick))
    if isinstance(question, MultipleChoiceQuestion):
        return _selection_instruction(question, t)
    if isinstance(question, NumberQuestion):
        if question.unit:
            return t.gettext("Type a number ({unit}).").format(unit=escape(t.text(question.unit)))
        return t.gettext("Type a number.")
    if isinstance(question, TextQuestion):
        return t.gettext("Type your answer (at most {count} characters).").format(
            count=t.number(question.max_length)
        )
    return t.gettext("Tap one answer.")


def _selection_instruction(question: MultipleChoiceQuestion, t: Translator) -> str:
    maximum = question.max_selections or len(question.choices)
    if maximum < len(question.choices):
        return t.gettext("Tap up to {count} answers, then Done.").format(count=t.number(maximum))
    return t.gettext("Tap all answers that apply, then Done.")


def _answer_rows(screen: QuestionScreen, t: Translator) -> list[list[InlineKeyboardButton]]:
    question = screen.question
    if isinstance(question, SingleChoiceQuestion):
        return [
            [_answer_button(question, choice.id, t.text(choice.label))]
            for choice in question.choices
        ]
    if isinstance(question, YesNoQuestion):
        return [
            [
                _answer_button(question, YES, t.gettext("Yes")),
                _answer_button(question, NO, t.gettext("No")),
            ]
        ]
    if isinstance(question, ScaleQuestion | TargetQuestion):
        return _level_rows(screen, t)
    if isinstance(question, MultipleChoiceQuestion | RankingQuestion):
        return _selection_rows(question, screen.selection, t)
    return []


def _level_rows(screen: QuestionScreen, t: Translator) -> list[list[InlineKeyboardButton]]:
    question = screen.question
    rows = [
        [
            _answer_button(
                question,
                str(level),
                f"{t.number(level)} · {t.text(screen.questionnaire.maturity_level(level).name)}",
            )
        ]
        for level in range(1, LEVEL_COUNT + 1)
    ]
    if isinstance(question, ScaleQuestion):
        rows.append(
            [
                _answer_button(question, DONT_KNOW, t.gettext("Don't know")),
                _answer_button(question, NOT_APPLICABLE, t.gettext("Not applicable")),
            ]
        )
    return rows


def _selection_rows(
    question: ChoiceQuestion, selection: list[str], t: Translator
) -> list[list[InlineKeyboardButton]]:
    ranking = isinstance(question, RankingQuestion)
    rows = []
    for choice in question.choices:
        label = t.text(choice.label)
        if choice.id in selection:
            mark = f"{t.number(selection.index(choice.id) + 1)}." if ranking else "☑"
        else:
            mark = "▫️" if ranking else "☐"
        callback = Callback(Action.TOGGLE, question.id, choice.id).encode()
        rows.append([InlineKeyboardButton(f"{mark} {label}", callback_data=callback)])
    done = t.gettext("Done ({count} chosen)").format(count=t.number(len(selection)))
    rows.append(
        [
            InlineKeyboardButton(
                f"✔️ {done}", callback_data=Callback(Action.DONE, question.id).encode()
            )
        ]
    )
    return rows


def _navigation_row(screen: QuestionScreen, t: Translator) -> list[InlineKeyboardButton]:
    question = screen.question
    row = []
    if screen.can_go_back:
        row.append(_button(t.gettext("◀ Back"), Action.BACK, question.id))
    if question.help or question.glossary:
        row.append(_button(t.gettext("ℹ️ Help"), Action.HELP, question.id))
    row.append(_button(t.gettext("❓ Unclear"), Action.UNCLEAR, question.id))
    if not question.required:
        row.append(_button(t.gettext("Skip ▶"), Action.SKIP, question.id))
    return row


def _answer_button(question: Question, value: str, label: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        label, callback_data=Callback(Action.ANSWER, question.id, value).encode()
    )


def _button(label: str, action: Action, question_id: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=Callback(action, question_id).encode())
