"""Peer comparison: the median pillar score of the other cities in the cohort.

A median is shown only when at least five other cities are behind it, so no
single city's score can be read from it. The cohort is the latest submitted
assessment of every other respondent on the same questionnaire id. The caller
reads it from storage and scores each with its own questionnaire version.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from statistics import median

from questionnaires.scoring import AssessmentScore

PEER_MINIMUM = 5


def peer_medians(others: Sequence[AssessmentScore]) -> dict[str, Fraction]:
    """Return the median percentage of each pillar that at least five others assessed.

    Pillars are matched by section id, so versions that keep a pillar's id
    compare with each other. An empty result means no comparison is shown.
    """
    if len(others) < PEER_MINIMUM:
        return {}

    percents: dict[str, list[Fraction]] = {}
    for score in others:
        for pillar in score.assessed_pillars:
            percents.setdefault(pillar.section_id, []).append(pillar.percent)

    return {
        section_id: median(values)
        for section_id, values in percents.items()
        if len(values) >= PEER_MINIMUM
    }
