"""What the weekly digest tells an officer or chair: the cards and hazards of their
team (a chair: of the branch) that need them this week, and their visits this month
against the quota. Empty when nothing waits."""

from __future__ import annotations

from datetime import date

from bot import visit_actions
from bot.cards import UNREPLIED
from bot.hazards import HazardStatus
from bot.members import Member
from bot.roles import Role
from bot.services import Services
from bot.study import month_of


async def digest_readers(s: Services) -> list[Member]:
    """The active officers and chairs, each once."""
    found: dict[int, Member] = {}
    for role in (Role.CHAIR, Role.OFFICER):
        for member in await s.members.with_role(role):
            found.setdefault(member.id, member)
    return list(found.values())


async def digest_for(s: Services, member: Member, today: date, soon: date) -> str:
    lang = await s.language(member.tg_user_id)
    t = s.texts
    chair = Role.CHAIR in member.roles
    team = None if chair else member.team_id
    if team is None and not chair:
        return ""
    lines = []
    cards = [c for c in await s.cards.open_cards(team, limit=500) if c.status in UNREPLIED]
    overdue = sum(1 for c in cards if c.due_on < today)
    due = sum(1 for c in cards if today <= c.due_on <= soon)
    if overdue or due:
        lines.append(t.get(lang, "digest-cards", overdue=overdue, due=due,
                               days=(soon - today).days))
    hazards = await s.hazards.open_hazards(team)
    waiting = sum(1 for h in hazards if h.status is HazardStatus.REPORTED)
    late = sum(1 for h in hazards if h.status is HazardStatus.CONFIRMED and h.deadline
               and h.deadline < today)
    near = sum(1 for h in hazards if h.status is HazardStatus.CONFIRMED and h.deadline
               and today <= h.deadline <= soon)
    if waiting or late or near:
        lines.append(t.get(lang, "digest-hazards", waiting=waiting, late=late, near=near,
                               days=(soon - today).days))
    if Role.OFFICER in member.roles:
        tally = (await visit_actions.month_tally(s, month_of(today))).get(member.id)
        quota = visit_actions.quota_for(s, member)
        talks, homes = (tally.talks, tally.homes) if tally else (0, 0)
        if talks < quota.talks[0] or homes < quota.homes[0]:
            lines.append(t.get(lang, "digest-visits", talks=talks, talks_least=quota.talks[0],
                               homes=homes, homes_least=quota.homes[0]))
    if not lines:
        return ""
    return "\n".join([t.get(lang, "digest-head", day=today.strftime("%m-%d")), *lines])
