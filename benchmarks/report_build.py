"""Report build: the time to build one city's report (summary, chart photo, PDF) per language.

    python benchmarks/report_build.py            # 10 builds per language, a table on stdout
    python -m benchmarks --only reports          # the same figures on the results page

Each build scores a full set of answers to the real questionnaire and
renders the summary messages, the chart PNG and the A4 PDF, as the bot does
in its worker thread. The texts come from the test translator in
tests/reports/samples.py, whose pillar titles and level names are in each
language's script, so the shaping of Thai, Khmer, Burmese, Sinhala and Tamil
is part of the time. The first build in the process loads the fonts and is
reported on its own, not in the percentiles.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from fractions import Fraction
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make the project's packages importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import percentile
from benchmarks.section import Options, Section, table
from questionnaires.scoring import score_assessment
from reports.content import build_report
from reports.pdf import chart_png, report_pdf
from reports.summary import summary_messages
from tests.reports.samples import LOCALES, QUESTIONNAIRE, sample_answers, sample_translator

TITLE = "Report build"
REPRODUCE = "python benchmarks/report_build.py (or python -m benchmarks --only reports)"
BUILDS = 10
QUICK_BUILDS = 2
LEVELS = {"vision": 2, "capacity": 4, "funding": "dont_know", "services": 5, "data": 1}
PEERS = {"vision": Fraction(50), "services": Fraction(75), "data": Fraction(25)}


def build_once(locale: str) -> dict[str, float]:
    """Build one report and return the seconds of each step and in total."""
    t = sample_translator(locale)
    answers = sample_answers(locale, LEVELS)

    started = time.perf_counter()
    score = score_assessment(QUESTIONNAIRE, answers)
    report = build_report(QUESTIONNAIRE, answers, score, date(2026, 3, 14), PEERS, t)
    summary_messages(report)
    content_done = time.perf_counter()
    chart_png(report)
    chart_done = time.perf_counter()
    report_pdf(report)
    finished = time.perf_counter()

    return {
        "content": content_done - started,
        "chart": chart_done - content_done,
        "pdf": finished - chart_done,
        "total": finished - started,
    }


def measure(builds: int) -> tuple[float, dict[str, list[dict[str, float]]]]:
    """Return the first (cold) build's seconds and `builds` timed builds per locale."""
    cold = build_once("en")["total"]
    timings = {locale: [build_once(locale) for _ in range(builds)] for locale in LOCALES}
    return cold, timings


def rows(timings: dict[str, list[dict[str, float]]]) -> list[list[str]]:
    result = []
    for locale, runs in timings.items():
        totals = [run["total"] for run in runs]
        result.append(
            [
                locale,
                _ms(statistics.median(totals)),
                _ms(percentile(totals, 0.95)),
                _ms(statistics.median(run["pdf"] for run in runs)),
                _ms(statistics.median(run["chart"] for run in runs)),
                _ms(statistics.median(run["content"] for run in runs)),
            ]
        )
    return result


HEADER = ["locale", "median ms", "p95 ms", "PDF median ms", "chart median ms", "content ms"]


def run(options: Options) -> Section:
    builds = QUICK_BUILDS if options.quick else BUILDS
    print(f"  reports: {builds} builds in each of {len(LOCALES)} languages ...", flush=True)
    cold, timings = measure(builds)
    all_totals = [run["total"] for runs in timings.values() for run in runs]

    section = Section(TITLE, REPRODUCE)
    section.lines += [
        f"{builds} builds per language, one after another in one process; each is a "
        "full report: scoring, summary messages, chart PNG and A4 PDF. The first build "
        f"in the process, which loads the fonts, took {_ms(cold)} ms and is left out.",
        "",
        *table(HEADER, rows(timings)),
        "",
        f"All languages: median {_ms(statistics.median(all_totals))} ms, "
        f"p95 {_ms(percentile(all_totals, 0.95))} ms.",
    ]
    return section


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def main() -> None:
    cold, timings = measure(BUILDS)
    all_totals = [run["total"] for runs in timings.values() for run in runs]
    widths = [8, 10, 8, 14, 16, 11]
    print("  ".join(name.rjust(width) for name, width in zip(HEADER, widths, strict=True)))
    for row in rows(timings):
        print("  ".join(value.rjust(width) for value, width in zip(row, widths, strict=True)))
    print(f"first build (fonts loading): {_ms(cold)} ms")
    print(
        f"all languages: median {_ms(statistics.median(all_totals))} ms, "
        f"p95 {_ms(percentile(all_totals, 0.95))} ms ({BUILDS} builds per language)"
    )


if __name__ == "__main__":
    main()
