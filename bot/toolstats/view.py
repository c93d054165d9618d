"""The /toolstats messages: questions ranked by trouble, overall and per language.

Only interviewers receive these messages, so remarks appear with their city.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from babel import Locale, UnknownLocaleError

from analytics.measures import QuestionMeasures, QuestionnaireStats
from analytics.observations import STOPPED_AFTER, Remark
from bot.i18n import Translator
from bot.text_limits import shorten, split_blocks
from questionnaires.model import Questionnaire

TOP_OVERALL = 10
TOP_PER_LANGUAGE = 5
REMARKS_PER_QUESTION = 3
QUESTION_TEXT_LENGTH = 80
REMARK_LENGTH = 200

CityOf = Callable[[int], str | None]


def toolstats_messages(
    questionnaire: Questionnaire, stats: QuestionnaireStats, city_of: CityOf, t: Translator
) -> list[str]:
    """Return the HTML messages, split to fit Telegram's message limit."""
    blocks = [_header(questionnaire, stats, t)]
    if not stats.ranked():
        return blocks

    blocks.append("<b>" + t.gettext("All languages") + "</b>")
    blocks += _ranking(questionnaire, _troubled(stats, None, TOP_OVERALL), {}, city_of, t)

    overall_scores = {m.question_id: m.score for m in stats.overall}
    for locale in stats.by_locale:
        blocks.append(f"<b>{escape(_language_name(locale, t))} ({escape(locale)})</b>")
        troubled = _troubled(stats, locale, TOP_PER_LANGUAGE)
        blocks += _ranking(questionnaire, troubled, overall_scores, city_of, t)
    return split_blocks(blocks)


def _troubled(stats: QuestionnaireStats, locale: str | None, limit: int) -> list[QuestionMeasures]:
    """Return the top questions of a language (None: all) that show any trouble."""
    return [m for m in stats.ranked(locale) if m.score > 0][:limit]


def _ranking(
    questionnaire: Questionnaire,
    troubled: list[QuestionMeasures],
    overall_scores: dict[str, float],
    city_of: CityOf,
    t: Translator,
) -> list[str]:
    if not troubled:
        return [t.gettext("No question shows any sign of trouble.")]
    return [
        _entry(questionnaire, rank, m, overall_scores.get(m.question_id), city_of, t)
        for rank, m in enumerate(troubled, start=1)
    ]


def _header(questionnaire: Questionnaire, stats: QuestionnaireStats, t: Translator) -> str:
    lines = [
        "<b>" + t.gettext("Where respondents struggle") + "</b>",
        t.ngettext(
            "{title}, version {version}: {count} assessment, {submitted} submitted, "
            "{stopped} stopped (no activity for {days} days).",
            "{title}, version {version}: {count} assessments, {submitted} submitted, "
            "{stopped} stopped (no activity for {days} days).",
            stats.assessments,
        ).format(
            title=escape(t.text(questionnaire.title)),
            version=t.number(stats.version),
            count=t.number(stats.assessments),
            submitted=t.number(stats.submitted),
            stopped=t.number(stats.stopped),
            days=t.number(STOPPED_AFTER.days),
        ),
    ]
    if not stats.ranked():
        lines.append(t.gettext("No respondent has reached a question yet."))
        return "\n".join(lines)
    lines.append(
        t.gettext(
            "Questions are ranked by trouble score, from 0 (no sign of trouble) to 100. "
            "The score weighs unclear flags most, then respondents who stopped at the "
            "question, then invalid answers, don't know, not applicable, skips, changed "
            "answers and slow reading. All figures are in the CSV file below."
        )
    )
    return "\n".join(lines)


def _entry(
    questionnaire: Questionnaire,
    rank: int,
    m: QuestionMeasures,
    overall_score: float | None,
    city_of: CityOf,
    t: Translator,
) -> str:
    score = t.number(round(m.score))
    if overall_score is not None:
        score = t.gettext("{score} (all languages: {overall})").format(
            score=score, overall=t.number(round(overall_score))
        )
    title = t.ngettext(
        "{rank}. <b>{question}</b> · score {score} · {reached} respondent",
        "{rank}. <b>{question}</b> · score {score} · {reached} respondents",
        m.reached,
    ).format(
        rank=t.number(rank),
        question=escape(m.question_id),
        score=score,
        reached=t.number(m.reached),
    )
    lines = [title]

    question = questionnaire.question(m.question_id)
    if question is not None:
        lines.append("<i>" + shorten(t.text(question.text), QUESTION_TEXT_LENGTH) + "</i>")
    figures = _figures(m, t)
    if figures:
        lines.append(" · ".join(figures))
    lines += [_remark_line(remark, city_of, t) for remark in m.remarks[:REMARKS_PER_QUESTION]]
    return "\n".join(lines)


def _figures(m: QuestionMeasures, t: Translator) -> list[str]:
    """Return the figures that show some trouble, each with its count or share."""
    figures = []
    if m.flagged_by:
        figures.append(
            t.gettext("❓ flagged by {count} ({share})").format(
                count=t.number(m.flagged_by), share=t.percent(m.unclear_rate or 0)
            )
        )
    if m.stopped_at:
        figures.append(t.gettext("stopped here {count}").format(count=t.number(m.stopped_at)))
    rates = [
        (m.invalid_before_valid, m.invalid_rate, t.gettext("invalid first {share}")),
        (m.dont_know, m.dont_know_rate, t.gettext("don't know {share}")),
        (m.not_applicable, m.not_applicable_rate, t.gettext("not applicable {share}")),
        (m.skipped, m.skip_rate, t.gettext("skipped {share}")),
        (m.changed, m.change_rate, t.gettext("changed {share}")),
    ]
    figures += [label.format(share=t.percent(rate or 0)) for count, rate, label in rates if count]
    if m.median_seconds is not None:
        figures.append(
            t.gettext("median {seconds} s").format(seconds=t.number(round(m.median_seconds)))
        )
    return figures


def _remark_line(remark: Remark, city_of: CityOf, t: Translator) -> str:
    city = city_of(remark.assessment_id) or t.gettext("city unknown")
    return t.gettext("• “{remark}” ({city}, {locale})").format(
        remark=shorten(" ".join(remark.text.split()), REMARK_LENGTH),
        city=shorten(city, 60),
        locale=escape(remark.locale),
    )


def _language_name(locale: str, t: Translator) -> str:
    """Return the language's name in the interviewer's language, or the code if unknown."""
    try:
        name = Locale.parse(locale).get_display_name(t.babel_locale)
    except (ValueError, UnknownLocaleError):
        return locale
    return name or locale
