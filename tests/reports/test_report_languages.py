"""A report in every supported language: its PDF's text reads back, shaped scripts included.

The extracted text must contain each pillar name exactly as written, so a
mark that was dropped, detached or reordered in a Thai, Khmer, Burmese,
Sinhala or Tamil name fails the test. The pillar names come from the test
translator in samples.py.
"""

from datetime import date
from fractions import Fraction
from functools import cache

import pypdfium2
import pytest

from bot.languages import SUPPORTED_LOCALES
from reports.build import ReportFiles, build_report_files
from tests.reports.samples import (
    CITY_NAMES,
    LEVEL_NAMES,
    LOCALES,
    PILLAR_NAMES,
    QUESTIONNAIRE,
    sample_answers,
    sample_translator,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A4 in PDF points (1/72 inch): 210 by 297 millimetres.
A4_POINTS = (595.28, 841.89)
LEVELS = {"vision": 2, "capacity": 4, "funding": "dont_know", "services": 5, "data": 1}
PEERS = {"vision": Fraction(50), "services": Fraction(75)}


@cache
def files(locale: str) -> ReportFiles:
    return build_report_files(
        QUESTIONNAIRE,
        sample_answers(locale, LEVELS),
        date(2026, 3, 14),
        PEERS,
        sample_translator(locale),
    )


def pdf_pages(content: bytes) -> list[tuple[tuple[float, float], str]]:
    document = pypdfium2.PdfDocument(content)
    try:
        return [(page.get_size(), page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def squeezed(text: str) -> str:
    # Line breaks fall between words, or anywhere in scripts without spaces.
    return "".join(text.split())


def test_samples_cover_every_locale() -> None:
    assert set(LOCALES) == set(SUPPORTED_LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_pdf_text_has_pillar_names(locale: str) -> None:
    text = squeezed("".join(text for _, text in pdf_pages(files(locale).pdf)))

    for name in PILLAR_NAMES[locale]:
        assert squeezed(name) in text, name
    assert squeezed(CITY_NAMES[locale]) in text


@pytest.mark.parametrize("locale", sorted(LEVEL_NAMES))
def test_pdf_text_has_level_names(locale: str) -> None:
    text = squeezed("".join(text for _, text in pdf_pages(files(locale).pdf)))

    for name in LEVEL_NAMES[locale]:
        assert squeezed(name) in text, name


@pytest.mark.parametrize("locale", LOCALES)
def test_pdf_pages_are_a4(locale: str) -> None:
    for width, height in (size for size, _ in pdf_pages(files(locale).pdf)):
        assert width == pytest.approx(A4_POINTS[0], abs=0.5)
        assert height == pytest.approx(A4_POINTS[1], abs=0.5)


@pytest.mark.parametrize("locale", LOCALES)
def test_chart_is_png(locale: str) -> None:
    assert files(locale).chart_png.startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("locale", LOCALES)
def test_summary_has_pillar_names(locale: str) -> None:
    summary = "\n".join(files(locale).messages)

    for name in PILLAR_NAMES[locale]:
        assert name in summary


def test_pdf_filename_keeps_script() -> None:
    assert files("th").pdf_filename == "smart-city-report-เชียงใหม่-2026-03-14.pdf"


def test_pdf_sections_in_english() -> None:
    text = "".join(text for _, text in pdf_pages(files("en").pdf))

    for heading in ("Overview", "Your answers", "Glossary", "How the scores are calculated"):
        assert heading in text
    assert "Quick wins for the next 12 months" in text
    assert "Not assessed: fewer than half of the questions" in text
