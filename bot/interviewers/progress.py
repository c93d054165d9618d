"""Progress of each city: its respondents' answers, its invitations and its last activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.services import Services
from questionnaires import engine
from storage import AssessmentStatus, City, InvitationState, Participant


class CityState(StrEnum):
    INVITED = "invited"
    STARTED = "started"
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    NOT_INVITED = "not_invited"


@dataclass(frozen=True)
class RespondentProgress:
    """One participant's assessment: visible questions answered of those visible."""

    participant: Participant
    answered: int
    total: int

    @property
    def submitted(self) -> bool:
        assessment = self.participant.assessment
        return assessment is not None and assessment.status == AssessmentStatus.SUBMITTED

    @property
    def unreachable(self) -> bool:
        return self.participant.unreachable_at is not None and not self.submitted


@dataclass(frozen=True)
class CityProgress:
    city: City
    state: CityState
    respondents: list[RespondentProgress]
    invitations: dict[InvitationState, int]
    last_activity: datetime

    @property
    def answered(self) -> int:
        return sum(respondent.answered for respondent in self.respondents)

    @property
    def total(self) -> int:
        return sum(respondent.total for respondent in self.respondents)

    @property
    def unreachable(self) -> bool:
        return any(respondent.unreachable for respondent in self.respondents)

    @property
    def unfinished(self) -> list[RespondentProgress]:
        return [respondent for respondent in self.respondents if not respondent.submitted]


async def cities_progress(
    services: Services, cities: list[City], now: datetime
) -> list[CityProgress]:
    """Return the progress of each city, in the order given."""
    database = services.database
    city_ids = [city.id for city in cities]
    invitations = await database.invitations_of_cities(city_ids)
    participants = await database.participants(city_ids)

    by_city: dict[int, list[RespondentProgress]] = {city_id: [] for city_id in city_ids}
    for participant in participants:
        by_city[participant.invitation.city_id].append(
            await respondent_progress(services, participant)
        )

    result = []
    for city in cities:
        states = [invitation.state(now) for invitation in invitations[city.id]]
        counts = {state: states.count(state) for state in InvitationState}
        respondents = by_city[city.id]
        moments = [city.created_at]
        moments += [invitation.created_at for invitation in invitations[city.id]]
        moments += [respondent.participant.last_activity for respondent in respondents]
        result.append(
            CityProgress(city, _state(respondents, counts), respondents, counts, max(moments))
        )
    return result


async def respondent_progress(services: Services, participant: Participant) -> RespondentProgress:
    """Count the participant's answered questions among those the answers make visible."""
    assessment = participant.assessment
    if assessment is None:
        questionnaire = services.registry.newest
        return RespondentProgress(participant, 0, len(engine.visible_questions(questionnaire, {})))

    questionnaire = await services.registry.version(
        assessment.questionnaire_id, assessment.questionnaire_version
    )
    stored = await services.database.answers(assessment.id)
    answers = {question_id: answer.value for question_id, answer in stored.items()}
    visible = engine.visible_questions(questionnaire, answers)
    answered = sum(1 for question in visible if question.id in answers)
    return RespondentProgress(participant, answered, len(visible))


def _state(respondents: list[RespondentProgress], counts: dict[InvitationState, int]) -> CityState:
    if respondents and all(respondent.submitted for respondent in respondents):
        return CityState.SUBMITTED
    if respondents:
        return CityState.STARTED
    if counts[InvitationState.OPEN]:
        return CityState.INVITED
    if counts[InvitationState.EXPIRED]:
        return CityState.EXPIRED
    return CityState.NOT_INVITED
