"""The questionnaires the bot can run: the newest from files, older ones from snapshots.

Every assessment is pinned to the questionnaire version it started with. The
first time a version is seen, its canonical JSON is stored in the database;
an assessment in progress always runs on that stored copy, so editing or
replacing the file never changes an interview under way.
"""

from __future__ import annotations

import json
import logging

from questionnaires.loader import canonical_json, parse_questionnaire
from questionnaires.model import Questionnaire
from storage import Database

logger = logging.getLogger(__name__)


class QuestionnaireRegistry:
    def __init__(self, database: Database, newest: Questionnaire) -> None:
        self._database = database
        self._newest = newest
        self._versions: dict[tuple[str, int], Questionnaire] = {(newest.id, newest.version): newest}

    @classmethod
    async def pin(cls, database: Database, questionnaire: Questionnaire) -> QuestionnaireRegistry:
        """Store a snapshot of the questionnaire that new assessments will use."""
        await database.pin_questionnaire(
            questionnaire.id, questionnaire.version, canonical_json(questionnaire)
        )
        logger.info("questionnaire %s version %d ready", questionnaire.id, questionnaire.version)
        return cls(database, questionnaire)

    @property
    def newest(self) -> Questionnaire:
        return self._newest

    async def version(self, questionnaire_id: str, version: int) -> Questionnaire:
        """Return the pinned questionnaire an assessment started with."""
        key = (questionnaire_id, version)
        if key not in self._versions:
            snapshot = await self._database.questionnaire_snapshot(questionnaire_id, version)
            if snapshot is None:
                raise LookupError(f"questionnaire {questionnaire_id} version {version} not stored")
            self._versions[key] = parse_questionnaire(
                json.loads(snapshot), f"stored {questionnaire_id} v{version}"
            )
        return self._versions[key]
