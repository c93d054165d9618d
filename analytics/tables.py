"""The questionnaire statistics as rows: for a CSV file or a sheet of the export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence

from analytics.measures import QuestionMeasures, QuestionnaireStats

ALL_LOCALES = "all"

FIGURE_COLUMNS = (
    "locale",
    "rank",
    "question_id",
    "question_type",
    "trouble_score",
    "reached",
    "answered",
    "unclear_flags",
    "flagged_by",
    "unclear_rate",
    "remarks",
    "stopped_at",
    "stopped_rate",
    "stopped_after",
    "invalid_answers",
    "invalid_before_valid",
    "invalid_rate",
    "dont_know",
    "dont_know_rate",
    "not_applicable",
    "not_applicable_rate",
    "skipped",
    "skip_rate",
    "changed",
    "change_rate",
    "timed",
    "median_seconds",
    "paused",
    "slowness",
)

REMARK_COLUMNS = ("question_id", "locale", "city", "flagged_at", "remark")

Row = dict[str, str | int | float | None]

# Spreadsheet programs run a cell that starts with one of these as a formula
# (OWASP, "CSV Injection"), and remarks and city names are typed by respondents.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def figure_rows(stats: QuestionnaireStats) -> list[Row]:
    """Return one row per question for all languages, then per language, ranked.

    The all-languages rows cover every question: the ranked ones first, then
    the unreached ones in questionnaire order and without a rank. Rates are
    fractions from 0 to 1, or None where no respondent answered. The score
    runs from 0 to 100.
    """
    rows = _group_rows(ALL_LOCALES, stats.ranked(), stats.overall)
    for locale in stats.by_locale:
        rows += _group_rows(locale, stats.ranked(locale), stats.by_locale[locale])
    return rows


def remark_rows(stats: QuestionnaireStats, city_of: Callable[[int], str | None]) -> list[Row]:
    """Return every remark, newest first, with the city of its assessment from `city_of`."""
    remarks = [remark for measures in stats.overall for remark in measures.remarks]
    remarks.sort(key=lambda remark: remark.flagged_at, reverse=True)
    return [
        {
            "question_id": remark.question_id,
            "locale": remark.locale,
            "city": city_of(remark.assessment_id),
            "flagged_at": remark.flagged_at.isoformat(timespec="seconds"),
            "remark": remark.text,
        }
        for remark in remarks
    ]


def to_csv(columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> bytes:
    """Write the rows as CSV in UTF-8 with a byte order mark, which Excel needs to read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


def _group_rows(
    locale: str, ranked: list[QuestionMeasures], group: Sequence[QuestionMeasures]
) -> list[Row]:
    ranked_ids = {measures.question_id for measures in ranked}
    unranked = [measures for measures in group if measures.question_id not in ranked_ids]
    rows = [_row(locale, rank, measures) for rank, measures in enumerate(ranked, start=1)]
    rows += [_row(locale, None, measures) for measures in unranked]
    return rows


def _row(locale: str, rank: int | None, m: QuestionMeasures) -> Row:
    return {
        "locale": locale,
        "rank": rank,
        "question_id": m.question_id,
        "question_type": m.question_type,
        "trouble_score": round(m.score, 1),
        "reached": m.reached,
        "answered": m.answered,
        "unclear_flags": m.flags,
        "flagged_by": m.flagged_by,
        "unclear_rate": _rate(m.unclear_rate),
        "remarks": len(m.remarks),
        "stopped_at": m.stopped_at,
        "stopped_rate": _rate(m.stopped_rate),
        "stopped_after": m.stopped_after,
        "invalid_answers": m.invalid_answers,
        "invalid_before_valid": m.invalid_before_valid,
        "invalid_rate": _rate(m.invalid_rate),
        "dont_know": m.dont_know,
        "dont_know_rate": _rate(m.dont_know_rate),
        "not_applicable": m.not_applicable,
        "not_applicable_rate": _rate(m.not_applicable_rate),
        "skipped": m.skipped,
        "skip_rate": _rate(m.skip_rate),
        "changed": m.changed,
        "change_rate": _rate(m.change_rate),
        "timed": m.timed,
        "median_seconds": None if m.median_seconds is None else round(m.median_seconds, 1),
        "paused": m.paused,
        "slowness": round(m.slowness, 3),
    }


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
