"""Pydantic models of a questionnaire file and the checks that span questions.

A questionnaire is loaded whole or not at all: every model forbids unknown
fields, and the cross-question checks (unique ids, glossary references,
conditions on earlier questions) run when the `Questionnaire` is built.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Ids travel in Telegram callback data, which is limited to 64 bytes
# (Bot API, InlineKeyboardButton.callback_data), so they stay short and ASCII.
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,23}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

LEVEL_COUNT = 5
DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
YES = "yes"
NO = "no"


class RecommendationKind(StrEnum):
    QUICK_WIN = "quick_win"  # doable within the next 12 months at low cost
    STRUCTURAL = "structural"  # changes rules, budgets or organisation over years


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"
    TARGET = "target"
    YES_NO = "yes_no"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    RANKING = "ranking"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    id: Identifier
    label: Text


class MaturityLevel(Strict):
    level: Annotated[int, Field(ge=1, le=LEVEL_COUNT)]
    name: Text
    description: Text


class GlossaryTerm(Strict):
    id: Identifier
    term: Text
    definition: Text


class Condition(Strict):
    """Show a question only when an earlier answer is one of `any_of`.

    For a multiple choice question the condition holds when any selected
    choice is listed. For a scale the values are the levels as strings
    ("1" to "5") or "dont_know" / "not_applicable".
    """

    question: Identifier
    any_of: Annotated[list[str], Field(min_length=1)]


class QuestionBase(Strict):
    id: Identifier
    text: Text
    help: Text | None = None
    required: bool = True
    glossary: list[Identifier] = []
    show_if: Condition | None = None

    def answer_values(self) -> set[str] | None:
        """Return the values a condition on this question may name, or None if free-form."""
        return None


class ChoiceQuestion(QuestionBase):
    choices: Annotated[list[Choice], Field(min_length=1)]

    def answer_values(self) -> set[str] | None:
        return {choice.id for choice in self.choices}

    def choice(self, choice_id: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.id == choice_id), None)

    @model_validator(mode="after")
    def _unique_choice_ids(self) -> ChoiceQuestion:
        seen: set[str] = set()
        for choice in self.choices:
            if choice.id in seen:
                raise ValueError(f"duplicate choice id {choice.id!r} in question {self.id!r}")
            seen.add(choice.id)
        return self


class SingleChoiceQuestion(ChoiceQuestion):
    type: Literal[QuestionType.SINGLE_CHOICE]


class MultipleChoiceQuestion(ChoiceQuestion):
    type: Literal[QuestionType.MULTIPLE_CHOICE]
    min_selections: Annotated[int, Field(ge=0)] = 1
    max_selections: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _selection_bounds(self) -> MultipleChoiceQuestion:
        upper = self.max_selections or len(self.choices)
        if upper > len(self.choices) or self.min_selections > upper:
            raise ValueError(
                f"question {self.id!r}: need min_selections <= max_selections <= "
                f"{len(self.choices)} choices, got {self.min_selections} and {upper}"
            )
        return self


class RankingQuestion(ChoiceQuestion):
    type: Literal[QuestionType.RANKING]
    pick: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _pick_within_choices(self) -> RankingQuestion:
        if self.pick > len(self.choices):
            raise ValueError(
                f"question {self.id!r}: pick {self.pick} exceeds its {len(self.choices)} choices"
            )
        return self


class ScaleQuestion(QuestionBase):
    """A maturity question: five observable level descriptions, lowest first."""

    type: Literal[QuestionType.SCALE]
    levels: Annotated[list[Text], Field(min_length=LEVEL_COUNT, max_length=LEVEL_COUNT)]
    scored: bool = True

    def answer_values(self) -> set[str] | None:
        return {str(level) for level in range(1, LEVEL_COUNT + 1)} | {DONT_KNOW, NOT_APPLICABLE}


class TargetQuestion(QuestionBase):
    """Where the leader wants the section's pillar to be; offers the questionnaire's levels."""

    type: Literal[QuestionType.TARGET]

    def answer_values(self) -> set[str] | None:
        return {str(level) for level in range(1, LEVEL_COUNT + 1)}


class YesNoQuestion(QuestionBase):
    type: Literal[QuestionType.YES_NO]

    def answer_values(self) -> set[str] | None:
        return {YES, NO}


class NumberQuestion(QuestionBase):
    type: Literal[QuestionType.NUMBER]
    integer: bool = True
    min: Decimal | None = None
    max: Decimal | None = None
    unit: Text | None = None

    @model_validator(mode="after")
    def _ordered_bounds(self) -> NumberQuestion:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"question {self.id!r}: min {self.min} is above max {self.max}")
        return self


class TextQuestion(QuestionBase):
    min_length: Annotated[int, Field(ge=1)] = 1
    max_length: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _ordered_lengths(self) -> TextQuestion:
        if self.min_length > self.max_length:
            raise ValueError(f"question {self.id!r}: min_length is above max_length")
        return self


class ShortTextQuestion(TextQuestion):
    type: Literal[QuestionType.SHORT_TEXT]
    max_length: Annotated[int, Field(ge=1, le=200)] = 120


class LongTextQuestion(TextQuestion):
    type: Literal[QuestionType.LONG_TEXT]
    # A Telegram text message carries at most 4096 characters (Bot API, sendMessage).
    max_length: Annotated[int, Field(ge=1, le=4096)] = 1500


Question = Annotated[
    (
        SingleChoiceQuestion
        | MultipleChoiceQuestion
        | ScaleQuestion
        | TargetQuestion
        | YesNoQuestion
        | NumberQuestion
        | ShortTextQuestion
        | LongTextQuestion
        | RankingQuestion
    ),
    Field(discriminator="type"),
]


class Recommendation(Strict):
    """An action for a pillar, offered when the pillar's maturity level is one of `levels`."""

    id: Identifier
    levels: Annotated[list[Annotated[int, Field(ge=1, le=LEVEL_COUNT)]], Field(min_length=1)]
    kind: RecommendationKind
    title: Text
    action: Text
    first_step: Text
    peer_example: Text | None = None

    @model_validator(mode="after")
    def _unique_levels(self) -> Recommendation:
        if len(set(self.levels)) != len(self.levels):
            raise ValueError(f"recommendation {self.id!r} lists a level twice: {self.levels}")
        return self


class Section(Strict):
    id: Identifier
    title: Text
    intro: Text | None = None
    pillar: bool = False
    questions: Annotated[list[Question], Field(min_length=1)]
    recommendations: list[Recommendation] = []

    def recommendations_for(self, level: int) -> list[Recommendation]:
        """Return the recommendations for a pillar at `level`, in file order."""
        return [item for item in self.recommendations if level in item.levels]

    def target_question(self) -> TargetQuestion | None:
        return next((q for q in self.questions if isinstance(q, TargetQuestion)), None)

    def scored_questions(self) -> list[ScaleQuestion]:
        return [q for q in self.questions if isinstance(q, ScaleQuestion) and q.scored]


class Questionnaire(Strict):
    id: Identifier
    version: Annotated[int, Field(ge=1)]
    title: Text
    description: Text
    sources: Annotated[list[Text], Field(min_length=1)]
    maturity_levels: Annotated[
        list[MaturityLevel], Field(min_length=LEVEL_COUNT, max_length=LEVEL_COUNT)
    ]
    glossary: list[GlossaryTerm] = []
    sections: Annotated[list[Section], Field(min_length=1)]

    # The model is frozen, so the lookups below are computed once per questionnaire.
    # pydantic leaves cached properties out of validation, dumps and equality.

    @cached_property
    def questions(self) -> list[Question]:
        """List every question in order. The list is shared, so callers must not change it."""
        return [question for section in self.sections for question in section.questions]

    def question(self, question_id: str) -> Question | None:
        return self._question_index.get(question_id)

    def section_of(self, question_id: str) -> Section:
        return self._section_index[question_id]

    def glossary_term(self, term_id: str) -> GlossaryTerm | None:
        return next((term for term in self.glossary if term.id == term_id), None)

    def maturity_level(self, level: int) -> MaturityLevel:
        return self.maturity_levels[level - 1]

    @cached_property
    def _question_index(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    @cached_property
    def _section_index(self) -> dict[str, Section]:
        return {question.id: section for section in self.sections for question in section.questions}

    @model_validator(mode="after")
    def _levels_in_order(self) -> Questionnaire:
        levels = [level.level for level in self.maturity_levels]
        if levels != list(range(1, LEVEL_COUNT + 1)):
            raise ValueError(f"maturity_levels must be levels 1 to {LEVEL_COUNT} in order")
        return self

    @model_validator(mode="after")
    def _unique_ids(self) -> Questionnaire:
        _require_unique("section", [section.id for section in self.sections])
        _require_unique("question", [question.id for question in self.questions])
        _require_unique("glossary term", [term.id for term in self.glossary])
        _require_unique(
            "recommendation",
            [item.id for section in self.sections for item in section.recommendations],
        )
        return self

    @model_validator(mode="after")
    def _known_glossary_terms(self) -> Questionnaire:
        known = {term.id for term in self.glossary}
        for question in self.questions:
            for term_id in question.glossary:
                if term_id not in known:
                    raise ValueError(
                        f"question {question.id!r}: glossary term {term_id!r} is not defined"
                    )
        return self

    @model_validator(mode="after")
    def _conditions_on_earlier_questions(self) -> Questionnaire:
        earlier: dict[str, QuestionBase] = {}
        for question in self.questions:
            condition = question.show_if
            if condition is not None:
                _check_condition(question.id, condition, earlier)
            earlier[question.id] = question
        return self

    @model_validator(mode="after")
    def _one_target_per_pillar(self) -> Questionnaire:
        for section in self.sections:
            targets = [q for q in section.questions if isinstance(q, TargetQuestion)]
            if len(targets) > 1:
                raise ValueError(f"section {section.id!r} has {len(targets)} target questions")
            if targets and not section.pillar:
                raise ValueError(f"section {section.id!r} has a target question but no pillar")
        return self

    @model_validator(mode="after")
    def _recommendations_on_pillars(self) -> Questionnaire:
        for section in self.sections:
            if section.recommendations and not section.pillar:
                raise ValueError(f"section {section.id!r} has recommendations but is not a pillar")
        return self


def _require_unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(f"duplicate {kind} id {item_id!r}")
        seen.add(item_id)


def _check_condition(
    question_id: str, condition: Condition, earlier: dict[str, QuestionBase]
) -> None:
    source = earlier.get(condition.question)
    if source is None:
        raise ValueError(
            f"question {question_id!r}: show_if refers to {condition.question!r}, "
            "which is not an earlier question"
        )
    allowed = source.answer_values()
    if allowed is None:
        raise ValueError(
            f"question {question_id!r}: show_if refers to {condition.question!r}, "
            "whose free-form answers cannot be matched"
        )
    unknown = sorted(set(condition.any_of) - allowed)
    if unknown:
        raise ValueError(
            f"question {question_id!r}: show_if values {unknown} are not answers "
            f"of {condition.question!r}"
        )
