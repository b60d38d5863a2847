"""Sweep rules of the foundation: pending members waiting for approval, idle flows."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.jobs.sweeper import rule
from bot.notify import Reminder
from bot.recipients import approvers
from bot.services import Services


@rule("pending-members")
async def pending_members(s: Services, now: datetime) -> list[Reminder]:
    """A member still pending after the configured hours: remind the approvers, once."""
    hours = s.config.jobs.pending_member_remind_hours
    reminders = []
    for member in await s.members.pending_since(now - timedelta(hours=hours)):
        team = await s.teams.get(member.team_id) if member.team_id else None
        for approver in await approvers(s, member.team_id):
            lang = await s.language(approver)
            reminders.append(Reminder(
                item=f"member:{member.id}",
                kind=f"pending-remind:{approver}",
                period="1",
                chat_id=approver,
                text=s.texts.get(lang, "approve-reminder", name=member.name,
                                 team=team.name if team else "-", hours=hours),
                buttons=[[(s.texts.get(lang, "btn-approve"), f"m:ok:{member.id}"),
                          (s.texts.get(lang, "btn-reject"), f"m:no:{member.id}")]],
            ))
    return reminders


@rule("idle-flows")
async def idle_flows(s: Services, now: datetime) -> list[Reminder]:
    """Close flows left idle too long, and say so (once) to the user."""
    idle = timedelta(minutes=s.config.conversations.idle_minutes)
    reminders = []
    for state in await s.flows.idle_since(now - idle):
        if not await s.flows.delete_if_unchanged(state):
            continue
        lang = await s.language(state.tg_user_id)
        reminders.append(Reminder(
            item=f"flow:{state.tg_user_id}:{state.started_at.isoformat()}",
            kind="flow-expired",
            period="1",
            chat_id=state.tg_user_id,
            text=s.texts.get(lang, "flow-expired", flow=s.texts.get(lang, f"flow-{state.name}")),
        ))
    return reminders
