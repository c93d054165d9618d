"""`Database` methods of the interviewers' programme: cities, invitations, reminders, audit.

Times that decide an outcome (expiry, reminder due dates) come from the caller
as `now`, so the bot's clock can be replaced in tests. Every interviewer action
that changes data writes its audit entry in the same transaction.
"""

from datetime import datetime
from typing import Any

from . import audit, cities, interviewers, invitations, reminders
from .audit import AuditEntry
from .cities import City, CityDraft
from .connection import Session
from .interviewers import Interviewer
from .invitations import Invitation, Redemption, RedemptionOutcome
from .reminders import Participant, ReminderKind, ReminderOutcome


class ProgrammeStorage:
    """Mixed into `Database`, which provides the session."""

    _session: Session

    # Cities

    async def create_city(
        self, name: str, country: str, time_zone: str, created_by: int, now: datetime
    ) -> City:
        """Store a new city and delete its creator's /newcity draft."""
        async with self._session.transaction("create_city") as connection:
            city = await cities.create(connection, name, country, time_zone, created_by, now)
            await cities.delete_draft(connection, created_by)
            await audit.record(connection, created_by, "city_created", f"city:{city.id}", {}, now)
            return city

    async def city(self, city_id: int) -> City | None:
        async with self._session.reading("city") as connection:
            return await cities.get(connection, city_id)

    async def cities_page(self, offset: int, limit: int) -> list[City]:
        """Return up to `limit` cities after skipping `offset`, newest first."""
        async with self._session.reading("cities_page") as connection:
            return await cities.page(connection, offset, limit)

    async def city_count(self) -> int:
        async with self._session.reading("city_count") as connection:
            return await cities.count(connection)

    async def city_draft(self, user_id: int) -> CityDraft | None:
        async with self._session.reading("city_draft") as connection:
            return await cities.draft(connection, user_id)

    async def save_city_draft(
        self, user_id: int, name: str | None, country: str | None, now: datetime
    ) -> None:
        async with self._session.transaction("save_city_draft") as connection:
            await cities.save_draft(connection, user_id, name, country, now)

    async def delete_city_draft(self, user_id: int) -> bool:
        """Delete the user's /newcity draft; return False if there was none."""
        async with self._session.transaction("delete_city_draft") as connection:
            return await cities.delete_draft(connection, user_id)

    # Invitations

    async def issue_invitation(
        self,
        token_sha256: str,
        city_id: int,
        created_by: int,
        now: datetime,
        expires_at: datetime,
    ) -> Invitation:
        """Store an open invitation. Raises NotFound for an unknown city."""
        async with self._session.transaction("issue_invitation") as connection:
            invitation = await invitations.issue(
                connection, token_sha256, city_id, created_by, now, expires_at
            )
            details = {"invitation_id": invitation.id, "expires_at": expires_at.isoformat()}
            await audit.record(
                connection, created_by, "invitation_issued", f"city:{city_id}", details, now
            )
            return invitation

    async def invitations_of_city(self, city_id: int) -> list[Invitation]:
        async with self._session.reading("invitations_of_city") as connection:
            return await invitations.of_city(connection, city_id)

    async def invitations_of_cities(self, city_ids: list[int]) -> dict[int, list[Invitation]]:
        async with self._session.reading("invitations_of_cities") as connection:
            return await invitations.of_cities(connection, city_ids)

    async def redeem_invitation(
        self, token_sha256: str, user_id: int, chat_id: int, now: datetime
    ) -> Redemption:
        """Redeem an invitation for the user and save the user as a respondent.

        See `invitations.redeem` for the outcomes. Only REDEEMED changes anything.
        """
        async with self._session.transaction("redeem_invitation") as connection:
            redemption = await invitations.redeem(connection, token_sha256, user_id, chat_id, now)
            if redemption.outcome is RedemptionOutcome.REDEEMED and redemption.invitation:
                invitation = redemption.invitation
                details = {"invitation_id": invitation.id}
                subject = f"city:{invitation.city_id}"
                await audit.record(
                    connection, user_id, "invitation_redeemed", subject, details, now
                )
            return redemption

    async def revoke_invitation(self, invitation_id: int, actor: int, now: datetime) -> bool:
        """Revoke an open invitation; return False if it was redeemed or revoked already."""
        async with self._session.transaction("revoke_invitation") as connection:
            invitation = await invitations.get(connection, invitation_id)
            if invitation is None or not await invitations.revoke(connection, invitation_id, now):
                return False
            details = {"invitation_id": invitation_id}
            subject = f"city:{invitation.city_id}"
            await audit.record(connection, actor, "invitation_revoked", subject, details, now)
            return True

    async def revoke_open_invitations(self, city_id: int, actor: int, now: datetime) -> list[int]:
        """Revoke every open invitation of the city and return their ids."""
        async with self._session.transaction("revoke_open_invitations") as connection:
            revoked = await invitations.revoke_open(connection, city_id, now)
            for invitation_id in revoked:
                details = {"invitation_id": invitation_id}
                await audit.record(
                    connection, actor, "invitation_revoked", f"city:{city_id}", details, now
                )
            return revoked

    async def respondent_invitation(self, user_id: int) -> Invitation | None:
        """Return the invitation the user redeemed most recently, or None."""
        async with self._session.reading("respondent_invitation") as connection:
            return await invitations.of_respondent(connection, user_id)

    # Interviewers

    async def add_interviewer(self, user_id: int, added_by: int, now: datetime) -> bool:
        """Add an interviewer; return False if the user is one already."""
        async with self._session.transaction("add_interviewer") as connection:
            added = await interviewers.add(connection, user_id, added_by, now)
            if added:
                subject = f"user:{user_id}"
                await audit.record(connection, added_by, "interviewer_added", subject, {}, now)
            return added

    async def remove_interviewer(self, user_id: int, removed_by: int, now: datetime) -> bool:
        """Remove an interviewer; return False if the user was none."""
        async with self._session.transaction("remove_interviewer") as connection:
            removed = await interviewers.remove(connection, user_id)
            if removed:
                subject = f"user:{user_id}"
                await audit.record(connection, removed_by, "interviewer_removed", subject, {}, now)
            return removed

    async def is_interviewer(self, user_id: int) -> bool:
        async with self._session.reading("is_interviewer") as connection:
            return await interviewers.exists(connection, user_id)

    async def interviewers(self) -> list[Interviewer]:
        async with self._session.reading("interviewers") as connection:
            return await interviewers.all_interviewers(connection)

    # Audit log

    async def record_audit(
        self,
        actor: int | None,
        action: str,
        subject: str | None,
        details: dict[str, Any],
        now: datetime,
    ) -> None:
        """Append an audit entry. `details` must be JSON-serializable and hold no secrets."""
        async with self._session.transaction("record_audit") as connection:
            await audit.record(connection, actor, action, subject, details, now)

    async def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        """Return the latest audit entries, newest first."""
        async with self._session.reading("audit_log") as connection:
            return await audit.recent(connection, limit)

    # Reminders and reachability

    async def participants(
        self, city_ids: list[int] | None = None, *, unfinished_only: bool = False
    ) -> list[Participant]:
        """Return the respondents who redeemed invitations of these cities, or of all cities.

        With `unfinished_only`, those whose assessment is submitted are left out.
        """
        async with self._session.reading("participants") as connection:
            return await reminders.participants(
                connection, city_ids, unfinished_only=unfinished_only
            )

    async def claim_reminder(
        self, invitation_id: int, kind: ReminderKind, sent_by: int | None, now: datetime
    ) -> int:
        """Log a reminder as being sent, before sending it, and return its id."""
        async with self._session.transaction("claim_reminder") as connection:
            return await reminders.claim(connection, invitation_id, kind, sent_by, now)

    async def finish_reminder(
        self, reminder_id: int, outcome: ReminderOutcome, now: datetime
    ) -> None:
        async with self._session.transaction("finish_reminder") as connection:
            await reminders.finish(connection, reminder_id, outcome, now)

    async def mark_unreachable(self, user_id: int, now: datetime) -> bool:
        """Mark a respondent who blocked the bot; return False if marked already."""
        async with self._session.transaction("mark_unreachable") as connection:
            return await reminders.mark_unreachable(connection, user_id, now)

    async def clear_unreachable(self, user_id: int) -> bool:
        """Mark a respondent reachable again; return False if it was not marked."""
        async with self._session.transaction("clear_unreachable") as connection:
            return await reminders.clear_unreachable(connection, user_id)
