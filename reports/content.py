"""The content of a city's report in one language, ready for the templates.

`build_report` is a pure function of the questionnaire, the stored answers,
the submission date, the peer medians and the translator, so a report can be
rebuilt from storage at any time and comes out the same. Every text here is
plain and unescaped: the templates escape it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from babel import Locale
from babel.dates import format_date

from questionnaires.engine import Answers, visible_questions
from questionnaires.model import (
    LEVEL_COUNT,
    ChoiceQuestion,
    Questionnaire,
    Recommendation,
    RecommendationKind,
    Section,
    TextQuestion,
)
from questionnaires.scoring import POINTS_PER_QUESTION, AssessmentScore, PillarScore
from reports.answers import answer_text, choice_label, level_label
from reports.labels import method_paragraphs, report_labels
from reports.peers import PEER_MINIMUM
from reports.translation import Translator, language_tag

# The profile questions that name the city and the respondent in smart city
# questionnaires. A questionnaire without them gets a dash in their place.
CITY_QUESTION = "city_name"
COUNTRY_QUESTION = "country"
ROLE_QUESTION = "respondent_role"
MISSING = "—"
# Quick wins named in the summary message, one per pillar.
TOP_RECOMMENDATIONS = 3


@dataclass(frozen=True)
class AnsweredQuestion:
    question: str
    answer: str
    free_text: bool


@dataclass(frozen=True)
class RecommendationItem:
    pillar: str
    quick_win: bool
    title: str
    action: str
    first_step: str
    peer_example: str | None


@dataclass(frozen=True)
class PillarSection:
    """One pillar's score, answers and recommendations, as texts and chart values."""

    section_id: str
    title: str
    assessed: bool
    level: int | None
    level_text: str
    score_text: str | None
    coverage_text: str
    target: int | None
    target_text: str | None
    distance_text: str | None
    peer_level: Fraction | None
    peer_text: str | None
    answers: tuple[AnsweredQuestion, ...]
    recommendations: tuple[RecommendationItem, ...]

    @property
    def quick_wins(self) -> tuple[RecommendationItem, ...]:
        return tuple(item for item in self.recommendations if item.quick_win)

    @property
    def structural_steps(self) -> tuple[RecommendationItem, ...]:
        return tuple(item for item in self.recommendations if not item.quick_win)


@dataclass(frozen=True)
class Report:
    """Everything a report shows, in the language of `locale`."""

    locale: str
    language: str
    title: str
    city: str
    country: str
    role: str
    submitted_text: str
    overall_text: str
    overall_score_text: str | None
    assessed_text: str
    pillars: tuple[PillarSection, ...]
    strengths: tuple[PillarSection, ...]
    gaps: tuple[PillarSection, ...]
    top_recommendations: tuple[RecommendationItem, ...]
    has_peers: bool
    profile: tuple[AnsweredQuestion, ...]
    glossary: tuple[tuple[str, str], ...]
    maturity_levels: tuple[tuple[str, str], ...]
    level_numbers: tuple[str, ...]
    sources: tuple[str, ...]
    method: tuple[str, ...]
    labels: Mapping[str, str]


def build_report(
    questionnaire: Questionnaire,
    answers: Answers,
    score: AssessmentScore,
    submitted_on: date,
    peers: Mapping[str, Fraction],
    t: Translator,
) -> Report:
    """Write the report of one submitted assessment in the translator's language.

    `score` is `score_assessment(questionnaire, answers)`, and `peers` maps
    section ids to the median percentage of other cities (see reports.peers).
    """
    visible = {question.id for question in visible_questions(questionnaire, answers)}
    pillars = tuple(
        _pillar_section(
            questionnaire, section, score.pillar(section.id), answers, visible, peers, t
        )
        for section in questionnaire.sections
        if section.pillar
    )
    by_id = {pillar.section_id: pillar for pillar in pillars}

    return Report(
        locale=t.locale,
        language=language_tag(t.locale),
        title=t.text(questionnaire.title),
        city=_free_text(answers.get(CITY_QUESTION)),
        country=_choice_answer(questionnaire, COUNTRY_QUESTION, answers, t),
        role=_choice_answer(questionnaire, ROLE_QUESTION, answers, t),
        submitted_text=format_date(submitted_on, format="long", locale=Locale.parse(t.locale)),
        overall_text=_level_text(questionnaire, score.overall_level, t),
        overall_score_text=_score_text(score.overall_percent, t),
        assessed_text=t.gettext("assessed on {assessed} of {total} pillars").format(
            assessed=t.number(len(score.assessed_pillars)), total=t.number(len(pillars))
        ),
        pillars=pillars,
        strengths=tuple(by_id[pillar.section_id] for pillar in score.strengths),
        gaps=tuple(by_id[pillar.section_id] for pillar in score.gaps),
        top_recommendations=_top_recommendations(score, by_id),
        has_peers=bool(peers),
        profile=_profile_answers(questionnaire, answers, visible, t),
        glossary=tuple(
            (t.text(term.term), t.text(term.definition)) for term in questionnaire.glossary
        ),
        maturity_levels=tuple(
            (level_label(questionnaire, level.level, t), t.text(level.description))
            for level in questionnaire.maturity_levels
        ),
        level_numbers=tuple(t.number(level) for level in range(1, LEVEL_COUNT + 1)),
        sources=tuple(questionnaire.sources),
        method=tuple(method_paragraphs(t, PEER_MINIMUM)),
        labels=report_labels(t),
    )


def _pillar_section(
    questionnaire: Questionnaire,
    section: Section,
    score: PillarScore,
    answers: Answers,
    visible: set[str],
    peers: Mapping[str, Fraction],
    t: Translator,
) -> PillarSection:
    title = t.text(section.title)
    level = score.assessed_level
    peer_percent = peers.get(section.id)
    recommendations = section.recommendations_for(level) if level is not None else []

    return PillarSection(
        section_id=section.id,
        title=title,
        assessed=level is not None,
        level=level,
        level_text=_level_text(questionnaire, level, t),
        score_text=_score_text(score.percent, t) if level is not None else None,
        coverage_text=t.gettext("scored on {answered} of {total} questions").format(
            answered=t.number(score.answered), total=t.number(score.scored_questions)
        ),
        target=score.target,
        target_text=_target_text(questionnaire, score.target, t),
        distance_text=_distance_text(score.target_distance, t),
        peer_level=None if peer_percent is None else _percent_to_level(peer_percent),
        peer_text=_score_text(peer_percent, t),
        answers=tuple(
            AnsweredQuestion(
                question=t.text(question.text),
                answer=answer_text(questionnaire, question, answers.get(question.id), t),
                free_text=isinstance(question, TextQuestion),
            )
            for question in section.questions
            if question.id in visible and question.id in answers
        ),
        recommendations=tuple(
            _recommendation_item(title, item, t) for item in _quick_wins_first(recommendations)
        ),
    )


def _recommendation_item(pillar: str, item: Recommendation, t: Translator) -> RecommendationItem:
    return RecommendationItem(
        pillar=pillar,
        quick_win=item.kind is RecommendationKind.QUICK_WIN,
        title=t.text(item.title),
        action=t.text(item.action),
        first_step=t.text(item.first_step),
        peer_example=t.text(item.peer_example) if item.peer_example else None,
    )


def _quick_wins_first(items: list[Recommendation]) -> list[Recommendation]:
    # sorted() is stable, so each kind keeps the file's order.
    return sorted(items, key=lambda item: item.kind is not RecommendationKind.QUICK_WIN)


def _top_recommendations(
    score: AssessmentScore, by_id: Mapping[str, PillarSection]
) -> tuple[RecommendationItem, ...]:
    """Pick the first quick win of the weakest pillars: lowest level, then farthest from target.

    Ties keep the questionnaire's order, so the same answers pick the same actions.
    """
    assessed = [pillar for pillar in score.pillars if pillar.assessed]
    ranked = sorted(assessed, key=lambda p: (p.assessed_level, -(p.target_distance or 0)))
    chosen: list[RecommendationItem] = []
    for pillar in ranked:
        quick_wins = by_id[pillar.section_id].quick_wins
        if quick_wins:
            chosen.append(quick_wins[0])
        if len(chosen) == TOP_RECOMMENDATIONS:
            break
    return tuple(chosen)


def _profile_answers(
    questionnaire: Questionnaire, answers: Answers, visible: set[str], t: Translator
) -> tuple[AnsweredQuestion, ...]:
    """Answer the profile section's questions other than the city, country and role.

    The profile section is the one that asks for the city's name; other sections
    without a pillar, such as feedback on the questionnaire, stay out of the report.
    """
    if questionnaire.question(CITY_QUESTION) is None:
        return ()
    shown_elsewhere = {CITY_QUESTION, COUNTRY_QUESTION, ROLE_QUESTION}
    return tuple(
        AnsweredQuestion(
            question=t.text(question.text),
            answer=answer_text(questionnaire, question, answers.get(question.id), t),
            free_text=isinstance(question, TextQuestion),
        )
        for question in questionnaire.section_of(CITY_QUESTION).questions
        if question.id in visible and question.id in answers and question.id not in shown_elsewhere
    )


def _choice_answer(
    questionnaire: Questionnaire, question_id: str, answers: Answers, t: Translator
) -> str:
    question = questionnaire.question(question_id)
    value = answers.get(question_id)
    if not isinstance(question, ChoiceQuestion) or not isinstance(value, str):
        return MISSING
    return choice_label(question, value, t)


def _level_text(questionnaire: Questionnaire, level: int | None, t: Translator) -> str:
    if level is None:
        return t.gettext("Not assessed")
    return level_label(questionnaire, level, t)


def _target_text(questionnaire: Questionnaire, target: int | None, t: Translator) -> str | None:
    return None if target is None else level_label(questionnaire, target, t)


def _free_text(value: object) -> str:
    return value if isinstance(value, str) and value else MISSING


def _score_text(percent: Fraction | None, t: Translator) -> str | None:
    if percent is None:
        return None
    rounded = int(percent + Fraction(1, 2))
    return t.gettext("{score}/100").format(score=t.number(rounded))


def _distance_text(distance: int | None, t: Translator) -> str | None:
    if distance is None:
        return None
    if distance > 0:
        return t.ngettext(
            "{count} level below the target", "{count} levels below the target", distance
        ).format(count=t.number(distance))
    if distance == 0:
        return t.gettext("at the target level")
    return t.gettext("the target is below today's level")


def _percent_to_level(percent: Fraction) -> Fraction:
    """Place a 0-100 percentage on the 1-5 maturity scale, as the chart draws levels."""
    return 1 + percent * POINTS_PER_QUESTION / 100
