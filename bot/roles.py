"""Roles and who may do what. Plain rules: no Telegram, no database.

Every update is authorised from an `Actor` loaded fresh from storage, so a revoked
role stops working on the very next update.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    WORKER = "worker"
    SUPERVISOR = "supervisor"  # 群监员, safety supervisor
    REPRESENTATIVE = "representative"  # 职工代表
    OFFICER = "officer"  # 工会委员 / 小组长
    CHAIR = "chair"  # 工会主席
    ADMIN = "admin"


class MemberStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    REJECTED = "rejected"
    DEACTIVATED = "deactivated"


# Roles an admin may grant; worker is implied by active membership.
GRANTABLE = (Role.SUPERVISOR, Role.REPRESENTATIVE, Role.OFFICER, Role.CHAIR, Role.ADMIN)
# Roles only an admin may grant or take away.
ADMIN_ONLY = frozenset({Role.CHAIR, Role.ADMIN})


@dataclass(frozen=True)
class Actor:
    """Whoever sent an update, as the database knows them right now."""

    tg_user_id: int
    member_id: int | None = None
    name: str = ""
    team_id: int | None = None
    status: MemberStatus | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    config_admin: bool = False

    @property
    def active(self) -> bool:
        return self.status is MemberStatus.ACTIVE

    def has(self, role: Role) -> bool:
        if role is Role.ADMIN and self.config_admin:
            return True
        if not self.active:
            return False
        return role is Role.WORKER or role in self.roles

    @property
    def is_admin(self) -> bool:
        return self.has(Role.ADMIN)

    @property
    def is_chair(self) -> bool:
        return self.has(Role.CHAIR)

    @property
    def is_officer(self) -> bool:
        """Officer of some team, or above: can see the officers' side of the bot."""
        return self.has(Role.OFFICER) or self.is_chair or self.is_admin

    def officer_of(self, team_id: int | None) -> bool:
        """May act as an officer for items of this team."""
        if self.is_chair or self.is_admin:
            return True
        return self.has(Role.OFFICER) and team_id is not None and team_id == self.team_id

    def may_manage_roles(self, role: Role) -> bool:
        if role in ADMIN_ONLY:
            return self.is_admin
        return self.is_admin or self.is_chair

    def may_set_chat_purpose(self, purpose: str, team_id: int | None) -> bool:
        if self.is_admin or self.is_chair:
            return True
        if purpose == "team":
            return self.officer_of(team_id)
        return purpose == "officers" and self.has(Role.OFFICER)

    @property
    def role_level(self) -> str:
        """The highest role, for /help and the command menu."""
        for role in (Role.ADMIN, Role.CHAIR, Role.OFFICER):
            if self.has(role):
                return role.value
        if self.active:
            return Role.WORKER.value
        return "guest"
