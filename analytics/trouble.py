"""The trouble score: one number per question that ranks where respondents struggle.

    score = 100 * sum(weight * rate) / sum(weights)

so it runs from 0 (no sign of trouble) to 100 (every sign in every
respondent). Each rate is a share from 0 to 1, and a rate without respondents
to divide by counts as 0:

    rate            weight  share of
    unclear         3       respondents who reached the question and flagged it unclear
    stopped         2       respondents who reached it and stopped there, unsubmitted
    invalid         1       answering respondents who sent an invalid answer first
    dont_know       1       answers that are "don't know"
    not_applicable  1       answers that are "not applicable"
    skipped         1       answers that are skips
    changed         1       answers changed later
    slow            1       median reading time / peer median - 1, kept within 0 and 1

The peer median is the median of the reading-time medians of the questions of
the same type in the same group, so a scale question is compared with other
scale questions and a long text with other long texts. A question twice as
slow as its peers scores the full 1. A flag is the respondent's own word that
the question is unclear, and stopping loses the rest of the interview, so
those weigh most. The other signs can also have innocent causes: a city may
truly not know a figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from statistics import median
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analytics.measures import QuestionMeasures

WEIGHTS = {
    "unclear": 3.0,
    "stopped": 2.0,
    "invalid": 1.0,
    "dont_know": 1.0,
    "not_applicable": 1.0,
    "skipped": 1.0,
    "changed": 1.0,
    "slow": 1.0,
}


def score_group(group: Sequence[QuestionMeasures]) -> list[QuestionMeasures]:
    """Return the group's measures with `slowness` and `score` filled in, in the same order."""
    peers = _peer_medians(group)
    scored = []
    for measures in group:
        slowness = _slowness(measures.median_seconds, peers.get(measures.question_type))
        scored.append(replace(measures, slowness=slowness, score=trouble_score(measures, slowness)))
    return scored


def trouble_score(measures: QuestionMeasures, slowness: float) -> float:
    rates = {
        "unclear": measures.unclear_rate,
        "stopped": measures.stopped_rate,
        "invalid": measures.invalid_rate,
        "dont_know": measures.dont_know_rate,
        "not_applicable": measures.not_applicable_rate,
        "skipped": measures.skip_rate,
        "changed": measures.change_rate,
        "slow": slowness,
    }
    weighted = sum(WEIGHTS[name] * (rate or 0.0) for name, rate in rates.items())
    return 100 * weighted / sum(WEIGHTS.values())


def _peer_medians(group: Sequence[QuestionMeasures]) -> dict[str, float]:
    medians: dict[str, list[float]] = defaultdict(list)
    for measures in group:
        if measures.median_seconds is not None:
            medians[measures.question_type].append(measures.median_seconds)
    return {question_type: median(values) for question_type, values in medians.items()}


def _slowness(median_seconds: float | None, peer_median: float | None) -> float:
    if median_seconds is None or not peer_median:
        return 0.0
    return min(max(median_seconds / peer_median - 1, 0.0), 1.0)
