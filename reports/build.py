"""Build everything the bot sends for one submitted assessment, in one language."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from html import escape

from questionnaires.engine import Answers
from questionnaires.model import Questionnaire
from questionnaires.scoring import score_assessment
from reports.content import Report, build_report
from reports.pdf import chart_png, report_pdf
from reports.summary import summary_messages
from reports.translation import Translator

FILENAME_CITY_LENGTH = 60


@dataclass(frozen=True)
class ReportFiles:
    """The summary messages (HTML), the chart photo (PNG) and the report (PDF)."""

    locale: str
    messages: tuple[str, ...]
    chart_png: bytes
    chart_caption: str
    pdf: bytes
    pdf_filename: str
    pdf_caption: str


def build_report_files(
    questionnaire: Questionnaire,
    answers: Answers,
    submitted_on: date,
    peers: Mapping[str, Fraction],
    t: Translator,
) -> ReportFiles:
    """Score the answers and render the report. Takes about a second, so call it off the loop.

    `peers` maps section ids to the median percentage of other cities, from
    `reports.peers.peer_medians`, or is empty when the cohort is too small.
    """
    score = score_assessment(questionnaire, answers)
    report = build_report(questionnaire, answers, score, submitted_on, peers, t)
    return ReportFiles(
        locale=t.locale,
        messages=tuple(summary_messages(report)),
        chart_png=chart_png(report),
        chart_caption=escape(report.labels["chart_caption"]),
        pdf=report_pdf(report),
        pdf_filename=pdf_filename(report, submitted_on),
        pdf_caption=escape(f"{report.labels['report']}: {report.city}"),
    )


def pdf_filename(report: Report, submitted_on: date) -> str:
    """Name the PDF after the city, in its own script, and the submission date."""
    words = "".join(char if _in_word(char) else " " for char in report.city).split()
    city = "-".join(words)[:FILENAME_CITY_LENGTH].strip("-") or "city"
    return f"smart-city-report-{city}-{submitted_on.isoformat()}.pdf"


def _in_word(char: str) -> bool:
    # Letters, digits and combining marks, which Thai, Khmer and Burmese words contain.
    return unicodedata.category(char)[0] in "LMN"
