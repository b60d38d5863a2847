"""Who hears about what: approvers of a team's members, where a team's cards go, the
chairs. Plain lookups over storage; no Telegram."""

from __future__ import annotations

from bot.roles import Role
from bot.services import Services


async def approvers(s: Services, team_id: int | None) -> list[int]:
    """Telegram ids of who approves a team's new members: its officers, else the chairs,
    else the admins (members with the role, then the admins named in the config)."""
    for role, team in ((Role.OFFICER, team_id), (Role.CHAIR, None), (Role.ADMIN, None)):
        found = await s.members.with_role(role, team)
        if found:
            return [m.tg_user_id for m in found]
    return sorted(set(s.config.admins.user_ids))


async def officer_targets(s: Services, team_id: int | None) -> list[int]:
    """Where a team's card goes: the officers' chat for the team (or the branch-wide one)
    if there is one, else each officer privately (falling back to chairs, then admins)."""
    chats = [c.chat_id for c in await s.chats.with_purpose("officers")
             if c.team_id in (team_id, None)]
    return chats or await approvers(s, team_id)


async def chairs(s: Services) -> list[int]:
    """The chairs, else the admins named in the config."""
    found = await s.members.with_role(Role.CHAIR)
    if found:
        return [m.tg_user_id for m in found]
    return sorted(set(s.config.admins.user_ids))


async def language_of(s: Services, chat_id: int) -> str:
    """A user's language; a group chat reads the branch's language."""
    if chat_id < 0:
        return s.texts.language(None)
    return await s.language(chat_id)
