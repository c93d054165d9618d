"""The cohort of a questionnaire: other respondents' submitted answers, for peer medians."""

import json
import sqlite3
from dataclasses import dataclass

from .connection import fetch_all
from .models import AnswerValue, AssessmentStatus


@dataclass(frozen=True, slots=True)
class SubmittedAnswers:
    """The current answers of one submitted assessment, with the version they answer."""

    assessment_id: int
    questionnaire_version: int
    answers: dict[str, AnswerValue]


def others_submitted(
    connection: sqlite3.Connection, questionnaire_id: str, respondent_id: int
) -> list[SubmittedAnswers]:
    """Return the latest submitted assessment of each other respondent, oldest id first.

    One assessment per respondent keeps a city that submitted twice from
    counting twice towards the peer minimum.
    """
    submitted = AssessmentStatus.SUBMITTED.value
    rows = fetch_all(
        connection,
        "SELECT a.id, a.questionnaire_version, answers.question_id, answers.value"
        " FROM assessments AS a"
        " LEFT JOIN answers ON answers.assessment_id = a.id"
        " WHERE a.questionnaire_id = ? AND a.respondent_id != ? AND a.status = ?"
        " AND a.id = ("
        "   SELECT b.id FROM assessments AS b"
        "   WHERE b.respondent_id = a.respondent_id AND b.questionnaire_id = a.questionnaire_id"
        "   AND b.status = ? ORDER BY b.submitted_at DESC, b.id DESC LIMIT 1"
        " )"
        " ORDER BY a.id",
        (questionnaire_id, respondent_id, submitted, submitted),
    )

    cohort: dict[int, SubmittedAnswers] = {}
    for row in rows:
        entry = cohort.get(row["id"])
        if entry is None:
            entry = SubmittedAnswers(row["id"], row["questionnaire_version"], {})
            cohort[row["id"]] = entry
        if row["question_id"] is not None:
            entry.answers[row["question_id"]] = json.loads(row["value"])
    return list(cohort.values())
