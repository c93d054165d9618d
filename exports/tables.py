"""The export's three tables: one row per assessment, one per saved answer, one per question.

The wide table starts with the assessment and its city, the respondent's
role, status and UTC times, and the count of visible questions answered.
Then come per pillar the score in percent and the maturity level, and per
question its code and English label. A pillar's target level is the
answer to its target question. Questions hidden by an earlier answer stay
empty. With several questionnaire versions in use, the columns are the
union of their questions, in the newest version's order first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from exports import xlsx
from exports.cells import ExportCell, Rendered, join, render
from exports.labels import answer_code, answer_label
from questionnaires import engine
from questionnaires.loader import parse_questionnaire
from questionnaires.model import (
    ChoiceQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    TargetQuestion,
    YesNoQuestion,
)
from questionnaires.scoring import PillarScore, score_pillars
from storage import AnswerValue, ExportedAssessment
from storage.export_source import ExportedAnswer

ROLE_QUESTION = "respondent_role"
# Pillar scores are percentages rounded to this many decimals.
SCORE_DECIMALS = 2

WIDE_COLUMNS = [
    "assessment_id",
    "city_id",
    "city",
    "city_country",
    "city_time_zone",
    "respondent_id",
    "respondent_role",
    "respondent_role_label",
    "questionnaire_id",
    "questionnaire_version",
    "status",
    "started_at_utc",
    "last_activity_at_utc",
    "submitted_at_utc",
    "answered",
    "visible_questions",
]
LONG_COLUMNS = [
    "assessment_id",
    "city",
    "city_country",
    "respondent_id",
    "questionnaire_version",
    "section_id",
    "question_id",
    "change_number",
    "value",
    "label",
    "answered_at_utc",
    "current",
]
QUESTION_COLUMNS = [
    "questionnaire_id",
    "questionnaire_version",
    "section_id",
    "section_title",
    "pillar",
    "question_id",
    "type",
    "required",
    "text",
    "answer_codes",
]


class AnswerCells:
    """The code and label of each answer, rendered and cached because the same answers
    recur so often. Both tables share one, so that the answers are rendered once.

    Texts longer than CACHED_TEXT_LENGTH are typed answers that rarely repeat, so they
    are not kept. The cache starts over once it contains CACHED_ANSWERS entries, which
    keeps it under about 10 MB, because an entry of the longest text takes an estimated
    1 KB.
    """

    CACHED_TEXT_LENGTH = 200
    CACHED_ANSWERS = 10_000

    def __init__(self) -> None:
        self._cache: dict[tuple, Rendered] = {}

    def get(
        self, questionnaire: Questionnaire, question: Question | None, value: AnswerValue
    ) -> Rendered:
        hashable = tuple(value) if isinstance(value, list) else value
        key = (questionnaire.id, questionnaire.version, question.id if question else None, hashable)
        cells = self._cache.get(key)
        if cells is None:
            cells = render(
                [answer_code(question, value), answer_label(questionnaire, question, value)]
            )
            if not isinstance(value, str) or len(value) <= self.CACHED_TEXT_LENGTH:
                if len(self._cache) >= self.CACHED_ANSWERS:
                    self._cache.clear()
                self._cache[key] = cells
        return cells


class Questionnaires:
    """The questionnaire versions an export covers, parsed from their stored snapshots."""

    def __init__(self, snapshots: dict[tuple[str, int], str]) -> None:
        self._versions = {
            key: parse_questionnaire(json.loads(content), f"stored {key[0]} v{key[1]}")
            for key, content in snapshots.items()
        }

    def get(self, questionnaire_id: str, version: int) -> Questionnaire:
        return self._versions[(questionnaire_id, version)]

    def newest_first(self) -> list[Questionnaire]:
        return [self._versions[key] for key in sorted(self._versions, reverse=True)]


class WideTable:
    def __init__(self, questionnaires: Questionnaires, answer_cells: AnswerCells) -> None:
        self._questionnaires = questionnaires
        self._answer_cells = answer_cells
        self._scores: dict[tuple[int, int, int], Rendered] = {}
        versions = questionnaires.newest_first()
        self.pillars = _unique(s.id for q in versions for s in q.sections if s.pillar)
        # The role question has its columns up front, so it is not repeated with the others.
        self.question_ids = [
            question_id
            for question_id in _unique(question.id for q in versions for question in q.questions)
            if question_id != ROLE_QUESTION
        ]
        self.header = list(WIDE_COLUMNS)
        for pillar in self.pillars:
            self.header += [f"{pillar}_score_percent", f"{pillar}_score_level"]
        for question_id in self.question_ids:
            # A question id that matches a column above gets a prefix, so names stay unique.
            name = f"q_{question_id}" if question_id in self.header else question_id
            self.header += [name, f"{name}_label"]

    def row(self, assessment: ExportedAssessment, answers: dict[str, AnswerValue]) -> Rendered:
        """Return the assessment's row."""
        questionnaire = self._questionnaires.get(
            assessment.questionnaire_id, assessment.questionnaire_version
        )
        visible = {
            question.id: question for question in engine.visible_questions(questionnaire, answers)
        }
        shown = {
            question_id: value for question_id, value in answers.items() if question_id in visible
        }

        role_question = visible.get(ROLE_QUESTION)
        role = shown.get(ROLE_QUESTION) if role_question else None
        cells: list[ExportCell] = [
            assessment.id,
            assessment.city_id,
            assessment.city_name,
            assessment.country,
            assessment.time_zone,
            assessment.respondent_id,
            answer_code(role_question, role) if ROLE_QUESTION in shown else None,
            answer_label(questionnaire, role_question, role) if ROLE_QUESTION in shown else None,
            assessment.questionnaire_id,
            assessment.questionnaire_version,
            assessment.status.value,
            assessment.started_at,
            assessment.updated_at,
            assessment.submitted_at,
            len(shown),
            len(visible),
        ]

        parts = [render(cells)]
        scores = {score.section_id: score for score in score_pillars(questionnaire, answers)}
        for pillar in self.pillars:
            parts.append(self._score_cells(scores.get(pillar)))

        for question_id in self.question_ids:
            if question_id not in shown:
                parts.append(_EMPTY_PAIR)
                continue
            parts.append(
                self._answer_cells.get(questionnaire, visible[question_id], shown[question_id])
            )
        return join(parts)

    def _score_cells(self, score: PillarScore | None) -> Rendered:
        """Return a pillar's percent and level cells, rendered once per distinct score.

        Both follow from the earned, possible and answered counts alone, and computing
        their exact fractions for every row took 0.3 s of a 10,000-assessment export.
        """
        if score is None:
            return _EMPTY_PAIR
        key = (score.earned, score.possible, score.answered)
        cells = self._scores.get(key)
        if cells is None:
            percent = score.percent
            rounded = None if percent is None else round(float(percent), SCORE_DECIMALS)
            cells = self._scores[key] = render([rounded, score.level])
        return cells


class LongTable:
    header = LONG_COLUMNS

    def __init__(self, questionnaires: Questionnaires, answer_cells: AnswerCells) -> None:
        self._questionnaires = questionnaires
        self._answer_cells = answer_cells
        # Per questionnaire version and question id: the question, and its section id and
        # question id rendered, so rows need no scan of the questionnaire.
        self._index: dict[tuple[str, int], dict[str, tuple[Question, Rendered]]] = {}
        self._unknown: dict[str, Rendered] = {}
        self._change_numbers: list[Rendered] = []

    def rows(
        self, assessment: ExportedAssessment, history: list[ExportedAnswer]
    ) -> Iterator[Rendered]:
        """Yield one row per saved value, oldest first.

        `current` is 1 on each question's last saved value, which is its answer now.
        """
        questionnaire = self._questionnaires.get(
            assessment.questionnaire_id, assessment.questionnaire_version
        )
        known = self._index_of(questionnaire)
        # The assessment's own cells are the same on each of its rows.
        prefix = render(
            [
                assessment.id,
                assessment.city_name,
                assessment.country,
                assessment.respondent_id,
                assessment.questionnaire_version,
            ]
        )
        last = {answer.question_id: index for index, answer in enumerate(history)}
        changes: dict[str, int] = {}
        for index, answer in enumerate(history):
            question_id = answer.question_id
            changes[question_id] = change = changes.get(question_id, 0) + 1
            question, identity = known.get(question_id) or self._unknown_question(question_id)
            number = self._change_number(change)
            cells = self._answer_cells.get(questionnaire, question, answer.value)
            moment = xlsx.moment_xml(answer.answered_at)
            current = _CURRENT if last[question_id] == index else _NOT_CURRENT
            # Each file's row is one f-string, the fastest join for the half a million rows
            # of a large export. The time's CSV text is the one csv_fields would write.
            yield Rendered(
                f"{prefix.csv},{identity.csv},{number.csv},{cells.csv},"
                f"{answer.answered_at_text},{current.csv}",
                f"{prefix.xml}{identity.xml}{number.xml}{cells.xml}{moment}{current.xml}",
            )

    def _index_of(self, questionnaire: Questionnaire) -> dict[str, tuple[Question, Rendered]]:
        key = (questionnaire.id, questionnaire.version)
        if key not in self._index:
            self._index[key] = {
                question.id: (question, render([section.id, question.id]))
                for section in questionnaire.sections
                for question in section.questions
            }
        return self._index[key]

    def _unknown_question(self, question_id: str) -> tuple[None, Rendered]:
        """Return no question and the cells of an id that the questionnaire version lacks."""
        identity = self._unknown.get(question_id)
        if identity is None:
            identity = self._unknown[question_id] = render([None, question_id])
        return None, identity

    def _change_number(self, change: int) -> Rendered:
        while len(self._change_numbers) < change:
            self._change_numbers.append(render([len(self._change_numbers) + 1]))
        return self._change_numbers[change - 1]


_EMPTY_PAIR = render([None, None])
_CURRENT = render([1])
_NOT_CURRENT = render([0])


def question_rows(questionnaires: Questionnaires) -> Iterator[list[ExportCell]]:
    """Yield the codebook: every question of every version, with its answer codes."""
    for questionnaire in questionnaires.newest_first():
        for section in questionnaire.sections:
            for question in section.questions:
                yield [
                    questionnaire.id,
                    questionnaire.version,
                    section.id,
                    section.title,
                    1 if section.pillar else 0,
                    question.id,
                    question.type.value,
                    1 if question.required else 0,
                    question.text,
                    _answer_codes(questionnaire, question),
                ]


def _answer_codes(questionnaire: Questionnaire, question: Question) -> str:
    if isinstance(question, ChoiceQuestion):
        return "; ".join(f"{choice.id} = {choice.label}" for choice in question.choices)
    if isinstance(question, ScaleQuestion | TargetQuestion):
        levels = [f"{level.level} = {level.name}" for level in questionnaire.maturity_levels]
        if isinstance(question, ScaleQuestion):
            levels += ["dont_know = Don't know", "not_applicable = Not applicable"]
        return "; ".join(levels)
    if isinstance(question, YesNoQuestion):
        return "yes = Yes; no = No"
    return ""


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))
