"""`Database` methods of the interviewers' programme: cities, invitations, reminders, audit.

Times that decide an outcome (expiry, reminder due dates) come from the caller
as `now`, so the bot's clock can be replaced in tests. Every interviewer action
that changes data writes its audit entry in the same transaction.
"""

import sqlite3
from datetime import datetime
from typing import Any

from . import audit, cities, interviewers, invitations, reminders
from .audit import AuditEntry
from .cities import City, CityDraft
from .interviewers import Interviewer
from .invitations import Invitation, Redemption, RedemptionOutcome
from .reminders import Participant, ReminderKind, ReminderOutcome
from .session import Session


class ProgrammeStorage:
    """Mixed into `Database`, which provides the session."""

    _session: Session

    # Cities

    async def create_city(
        self, name: str, country: str, time_zone: str, created_by: int, now: datetime
    ) -> City:
        """Store a new city and delete its creator's /newcity draft."""

        def steps(connection: sqlite3.Connection):
            city = cities.create(connection, name, country, time_zone, created_by, now)
            cities.delete_draft(connection, created_by)
            audit.record(connection, created_by, "city_created", f"city:{city.id}", {}, now)
            return city

        return await self._session.write("create_city", steps)

    async def city(self, city_id: int) -> City | None:
        return await self._session.read("city", cities.get, city_id)

    async def cities_page(self, offset: int, limit: int) -> list[City]:
        """Return up to `limit` cities after skipping `offset`, newest first."""
        return await self._session.read("cities_page", cities.page, offset, limit)

    async def city_count(self) -> int:
        return await self._session.read("city_count", cities.count)

    async def city_draft(self, user_id: int) -> CityDraft | None:
        return await self._session.read("city_draft", cities.draft, user_id)

    async def save_city_draft(
        self, user_id: int, name: str | None, country: str | None, now: datetime
    ) -> None:
        await self._session.write("save_city_draft", cities.save_draft, user_id, name, country, now)

    async def delete_city_draft(self, user_id: int) -> bool:
        """Delete the user's /newcity draft; return False if there was none."""
        return await self._session.write("delete_city_draft", cities.delete_draft, user_id)

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

        def steps(connection: sqlite3.Connection):
            invitation = invitations.issue(
                connection, token_sha256, city_id, created_by, now, expires_at
            )
            details = {"invitation_id": invitation.id, "expires_at": expires_at.isoformat()}
            audit.record(
                connection, created_by, "invitation_issued", f"city:{city_id}", details, now
            )
            return invitation

        return await self._session.write("issue_invitation", steps)

    async def invitations_of_city(self, city_id: int) -> list[Invitation]:
        return await self._session.read("invitations_of_city", invitations.of_city, city_id)

    async def invitations_of_cities(self, city_ids: list[int]) -> dict[int, list[Invitation]]:
        return await self._session.read("invitations_of_cities", invitations.of_cities, city_ids)

    async def redeem_invitation(
        self, token_sha256: str, user_id: int, chat_id: int, now: datetime
    ) -> Redemption:
        """Redeem an invitation for the user and save the user as a respondent.

        See `invitations.redeem` for the outcomes. Only REDEEMED changes anything.
        """

        def steps(connection: sqlite3.Connection):
            redemption = invitations.redeem(connection, token_sha256, user_id, chat_id, now)
            if redemption.outcome is RedemptionOutcome.REDEEMED and redemption.invitation:
                invitation = redemption.invitation
                details = {"invitation_id": invitation.id}
                subject = f"city:{invitation.city_id}"
                audit.record(connection, user_id, "invitation_redeemed", subject, details, now)
            return redemption

        return await self._session.write("redeem_invitation", steps)

    async def revoke_invitation(self, invitation_id: int, actor: int, now: datetime) -> bool:
        """Revoke an open invitation; return False if it was redeemed or revoked already."""

        def steps(connection: sqlite3.Connection):
            invitation = invitations.get(connection, invitation_id)
            if invitation is None or not invitations.revoke(connection, invitation_id, now):
                return False
            details = {"invitation_id": invitation_id}
            subject = f"city:{invitation.city_id}"
            audit.record(connection, actor, "invitation_revoked", subject, details, now)
            return True

        return await self._session.write("revoke_invitation", steps)

    async def revoke_open_invitations(self, city_id: int, actor: int, now: datetime) -> list[int]:
        """Revoke every open invitation of the city and return their ids."""

        def steps(connection: sqlite3.Connection):
            revoked = invitations.revoke_open(connection, city_id, now)
            for invitation_id in revoked:
                details = {"invitation_id": invitation_id}
                audit.record(
                    connection, actor, "invitation_revoked", f"city:{city_id}", details, now
                )
            return revoked

        return await self._session.write("revoke_open_invitations", steps)

    async def respondent_invitation(self, user_id: int) -> Invitation | None:
        """Return the invitation the user redeemed most recently, or None."""
        return await self._session.read("respondent_invitation", invitations.of_respondent, user_id)

    # Interviewers

    async def add_interviewer(self, user_id: int, added_by: int, now: datetime) -> bool:
        """Add an interviewer; return False if the user is one already."""

        def steps(connection: sqlite3.Connection):
            added = interviewers.add(connection, user_id, added_by, now)
            if added:
                subject = f"user:{user_id}"
                audit.record(connection, added_by, "interviewer_added", subject, {}, now)
            return added

        return await self._session.write("add_interviewer", steps)

    async def remove_interviewer(self, user_id: int, removed_by: int, now: datetime) -> bool:
        """Remove an interviewer; return False if the user was none."""

        def steps(connection: sqlite3.Connection):
            removed = interviewers.remove(connection, user_id)
            if removed:
                subject = f"user:{user_id}"
                audit.record(connection, removed_by, "interviewer_removed", subject, {}, now)
            return removed

        return await self._session.write("remove_interviewer", steps)

    async def is_interviewer(self, user_id: int) -> bool:
        return await self._session.read("is_interviewer", interviewers.exists, user_id)

    async def interviewers(self) -> list[Interviewer]:
        return await self._session.read("interviewers", interviewers.all_interviewers)

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
        await self._session.write(
            "record_audit", audit.record, actor, action, subject, details, now
        )

    async def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        """Return the latest audit entries, newest first."""
        return await self._session.read("audit_log", audit.recent, limit)

    # Reminders and reachability

    async def participants(
        self, city_ids: list[int] | None = None, *, unfinished_only: bool = False
    ) -> list[Participant]:
        """Return the respondents who redeemed invitations of these cities, or of all cities.

        With `unfinished_only`, those whose assessment is submitted are left out.
        """
        return await self._session.read(
            "participants", reminders.participants, city_ids, unfinished_only=unfinished_only
        )

    async def claim_reminder(
        self, invitation_id: int, kind: ReminderKind, sent_by: int | None, now: datetime
    ) -> int:
        """Log a reminder as being sent, before sending it, and return its id."""
        return await self._session.write(
            "claim_reminder", reminders.claim, invitation_id, kind, sent_by, now
        )

    async def finish_reminder(
        self, reminder_id: int, outcome: ReminderOutcome, now: datetime
    ) -> None:
        await self._session.write("finish_reminder", reminders.finish, reminder_id, outcome, now)

    async def mark_unreachable(self, user_id: int, now: datetime) -> bool:
        """Mark a respondent who blocked the bot; return False if marked already."""
        return await self._session.write(
            "mark_unreachable", reminders.mark_unreachable, user_id, now
        )

    async def clear_unreachable(self, user_id: int) -> bool:
        """Mark a respondent reachable again; return False if it was not marked."""
        return await self._session.write("clear_unreachable", reminders.clear_unreachable, user_id)
