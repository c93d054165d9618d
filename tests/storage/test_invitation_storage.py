"""Cities, invitations and their redemption, stored in a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage import Database, InvitationState, NotFound, RedemptionOutcome
from tests.storage.conftest import QUESTIONNAIRE_CONTENT

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=30)
INTERVIEWER = 501


async def _city_with_invitation(db: Database, token_hash: str = "a" * 64):
    city = await db.create_city("Iloilo", "Philippines", "Asia/Manila", INTERVIEWER, NOW)
    invitation = await db.issue_invitation(token_hash, city.id, INTERVIEWER, NOW, LATER)
    return city, invitation


async def test_city_created(db: Database) -> None:
    city = await db.create_city("Iloilo", "Philippines", "Asia/Manila", INTERVIEWER, NOW)

    stored = await db.city(city.id)

    assert stored == city
    assert stored.time_zone == "Asia/Manila"
    assert await db.city_count() == 1


async def test_cities_page_newest_first(db: Database) -> None:
    for name in ("A", "B", "C"):
        await db.create_city(name, "Thailand", "Asia/Bangkok", INTERVIEWER, NOW)

    first = await db.cities_page(0, 2)
    second = await db.cities_page(2, 2)

    assert [city.name for city in first] == ["C", "B"]
    assert [city.name for city in second] == ["A"]


async def test_invitation_for_unknown_city(db: Database) -> None:
    with pytest.raises(NotFound):
        await db.issue_invitation("b" * 64, 99, INTERVIEWER, NOW, LATER)


async def test_redeem_once(db: Database) -> None:
    city, invitation = await _city_with_invitation(db)

    first = await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)
    second = await db.redeem_invitation(invitation.token_sha256, 1002, 1002, NOW)

    assert first.outcome is RedemptionOutcome.REDEEMED
    assert first.invitation.used_by == 1001
    assert second.outcome is RedemptionOutcome.USED
    assert await db.respondent(1002) is None


async def test_redeem_again_by_same_respondent(db: Database) -> None:
    _, invitation = await _city_with_invitation(db)
    await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)

    again = await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)

    assert again.outcome is RedemptionOutcome.ALREADY_YOURS


async def test_redeem_unknown_token(db: Database) -> None:
    redemption = await db.redeem_invitation("f" * 64, 1001, 1001, NOW)

    assert redemption.outcome is RedemptionOutcome.UNKNOWN
    assert not redemption.accepted


async def test_redeem_expired(db: Database) -> None:
    _, invitation = await _city_with_invitation(db)

    redemption = await db.redeem_invitation(invitation.token_sha256, 1001, 1001, LATER)

    assert redemption.outcome is RedemptionOutcome.EXPIRED
    assert invitation.state(LATER) is InvitationState.EXPIRED


async def test_redeem_revoked(db: Database) -> None:
    _, invitation = await _city_with_invitation(db)
    assert await db.revoke_invitation(invitation.id, INTERVIEWER, NOW)

    redemption = await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)

    assert redemption.outcome is RedemptionOutcome.REVOKED
    assert not await db.revoke_invitation(invitation.id, INTERVIEWER, NOW)


async def test_second_city_refused(db: Database) -> None:
    city, invitation = await _city_with_invitation(db)
    other = await db.create_city("Cebu", "Philippines", "Asia/Manila", INTERVIEWER, NOW)
    other_invitation = await db.issue_invitation("c" * 64, other.id, INTERVIEWER, NOW, LATER)
    await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)

    redemption = await db.redeem_invitation(other_invitation.token_sha256, 1001, 1001, NOW)

    assert redemption.outcome is RedemptionOutcome.PARTICIPATING
    assert redemption.invitation.city_id == city.id
    stored = await db.invitations_of_city(other.id)
    assert stored[0].used_by is None


async def test_new_assessment_linked_to_city(db: Database) -> None:
    city, invitation = await _city_with_invitation(db)
    await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)
    await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE_CONTENT)

    assessment = await db.create_assessment(1001, "smart_city", 1)

    [participant] = await db.participants([city.id])
    assert participant.assessment == assessment
    assert participant.invitation.assessment_id == assessment.id


async def test_open_assessment_moves_to_city(db: Database) -> None:
    await db.save_respondent(1001, 1001)
    await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE_CONTENT)
    assessment = await db.create_assessment(1001, "smart_city", 1)
    city, invitation = await _city_with_invitation(db)

    redemption = await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)

    assert redemption.invitation.assessment_id == assessment.id
    [participant] = await db.participants([city.id])
    assert participant.assessment.id == assessment.id


async def test_submitted_respondent_keeps_token_open(db: Database) -> None:
    await db.save_respondent(1001, 1001)
    await db.pin_questionnaire("smart_city", 1, QUESTIONNAIRE_CONTENT)
    assessment = await db.create_assessment(1001, "smart_city", 1)
    await db.submit(assessment.id)
    _, invitation = await _city_with_invitation(db)

    redemption = await db.redeem_invitation(invitation.token_sha256, 1001, 1001, NOW)

    assert redemption.outcome is RedemptionOutcome.ALREADY_SUBMITTED
    assert (await db.invitations_of_city(invitation.city_id))[0].used_by is None


async def test_revoke_open_invitations(db: Database) -> None:
    city, first = await _city_with_invitation(db)
    used = await db.issue_invitation("d" * 64, city.id, INTERVIEWER, NOW, LATER)
    await db.redeem_invitation(used.token_sha256, 1001, 1001, NOW)

    revoked = await db.revoke_open_invitations(city.id, INTERVIEWER, NOW)

    assert revoked == [first.id]
    states = [i.state(NOW) for i in await db.invitations_of_city(city.id)]
    assert states == [InvitationState.REVOKED, InvitationState.USED]


async def test_actions_audited(db: Database) -> None:
    city, invitation = await _city_with_invitation(db)
    await db.revoke_invitation(invitation.id, INTERVIEWER, NOW)

    entries = await db.audit_log()

    actions = [entry.action for entry in reversed(entries)]
    assert actions == ["city_created", "invitation_issued", "invitation_revoked"]
    assert entries[0].actor == INTERVIEWER
    assert entries[0].subject == f"city:{city.id}"
    assert entries[0].details == {"invitation_id": invitation.id}


async def test_city_draft_round_trip(db: Database) -> None:
    await db.save_city_draft(INTERVIEWER, "Iloilo", None, NOW)
    await db.save_city_draft(INTERVIEWER, "Iloilo", "Philippines", NOW + timedelta(minutes=1))

    draft = await db.city_draft(INTERVIEWER)

    assert draft.name == "Iloilo"
    assert draft.country == "Philippines"
    assert draft.started_at == NOW


async def test_city_creation_ends_draft(db: Database) -> None:
    await db.save_city_draft(INTERVIEWER, "Iloilo", "Philippines", NOW)

    await db.create_city("Iloilo", "Philippines", "Asia/Manila", INTERVIEWER, NOW)

    assert await db.city_draft(INTERVIEWER) is None
