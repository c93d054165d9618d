"""The report's fixed texts: headings, captions and the note on method.

They are gathered here, with literal strings in gettext calls, so that the
catalog extraction finds them; the templates only place them.
"""

from __future__ import annotations

from reports.translation import Translator


def report_labels(t: Translator) -> dict[str, str]:
    return {
        "report": t.gettext("Smart city assessment report"),
        "city": t.gettext("City"),
        "country": t.gettext("Country"),
        "role": t.gettext("Respondent's role"),
        "submitted": t.gettext("Submitted on"),
        "questionnaire": t.gettext("Questionnaire"),
        "about_city": t.gettext("About the city"),
        "overall": t.gettext("Overall level"),
        "overview": t.gettext("Overview"),
        "pillars": t.gettext("Pillars"),
        "pillar": t.gettext("Pillar"),
        "level": t.gettext("Level today"),
        "score": t.gettext("Score"),
        "coverage": t.gettext("Coverage"),
        "target": t.gettext("Target in three years"),
        "distance": t.gettext("Distance to the target"),
        "peers": t.gettext("Median of other cities"),
        "strengths": t.gettext("Strengths"),
        "gaps": t.gettext("Gaps"),
        "no_strengths": t.gettext("No pillar stands out above the others."),
        "no_gaps": t.gettext("No pillar lags behind the others."),
        "next_steps": t.gettext("What to do next"),
        "answers": t.gettext("Your answers"),
        "recommendations": t.gettext("Recommendations"),
        "quick_wins": t.gettext("Quick wins for the next 12 months"),
        "structural": t.gettext("Structural steps"),
        "first_step": t.gettext("First step"),
        "peer_example": t.gettext("Example from the region"),
        "glossary": t.gettext("Glossary"),
        "method": t.gettext("How the scores are calculated"),
        "maturity_levels": t.gettext("Maturity levels"),
        "sources": t.gettext("Sources"),
        "chart_today": t.gettext("Level today"),
        "chart_target": t.gettext("Target in three years"),
        "chart_peers": t.gettext("Median of other cities"),
        "not_assessed": t.gettext("Not assessed"),
        "not_assessed_note": t.gettext(
            "Not assessed: fewer than half of the questions of this pillar have a level "
            "answer, so no score or recommendations are given. Ask the departments "
            "concerned for the missing facts."
        ),
        "pdf_follows": t.gettext(
            "The full report, with the answers and recommendations for every pillar, "
            "follows as a PDF."
        ),
        "chart_caption": t.gettext("Level today and target in three years, by pillar"),
    }


def method_paragraphs(t: Translator, peer_minimum: int) -> list[str]:
    """Return the short note on method, with the rules the scoring applies."""
    return [
        t.gettext(
            "Each pillar is scored on its maturity questions. An answer at level 1 earns "
            "0 points and an answer at level 5 earns 4 points. The pillar's score is the "
            "points earned over the points possible, from 0 to 100, and its level is the "
            "mean answered level, rounded half up."
        ),
        t.gettext(
            'Answers of "don\'t know" and "not applicable" are left out of the score and '
            "shown as coverage. A pillar with a level answer to fewer than half of its "
            "questions is not assessed."
        ),
        t.gettext(
            "The overall level is the mean of the assessed pillars, each weighted equally. "
            "Strengths and gaps are the pillars with the highest and lowest scores."
        ),
        t.gettext(
            "The median of other cities is shown only when at least {count} other cities "
            "have submitted the same questionnaire, so that no city can be identified. "
            "Other cities are never named."
        ).format(count=t.number(peer_minimum)),
        t.gettext(
            "All answers are the respondent's own assessment and were not checked against "
            "documents. The same answers always give the same report."
        ),
    ]
