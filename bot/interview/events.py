"""Record what happens to a question on screen, for the questionnaire statistics.

A failed write is logged and swallowed: the statistics miss one event, but
the interview never stops for them.
"""

from __future__ import annotations

import logging

from bot.interview.state import InterviewState
from bot.services import Services
from storage import QuestionEventKind, StorageError

logger = logging.getLogger(__name__)


async def record_event(
    services: Services,
    state: InterviewState,
    question_id: str,
    kind: QuestionEventKind,
    remark: str | None = None,
) -> bool:
    """Store the event in the respondent's current language; return False if that failed."""
    try:
        await services.database.record_question_event(
            state.assessment.id, question_id, kind, state.t.locale, remark
        )
    except StorageError as error:
        logger.warning(
            "assessment %d: %s event on %s not recorded, interview goes on: %s",
            state.assessment.id,
            kind,
            question_id,
            error,
        )
        return False
    return True
