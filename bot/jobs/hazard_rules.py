"""Rectification deadlines: reminders to the owner before the deadline, one notice
when it is overdue, and one escalation to the chairs — each once per deadline (a new
deadline after 未整改到位 starts again), held through quiet hours."""

from __future__ import annotations

from datetime import datetime

from bot.cards import days_left, reminder_step
from bot.hazard_actions import handler_targets, owner_label
from bot.hazard_views import owner_buttons
from bot.hazards import Hazard
from bot.jobs.card_rules import reminder_day
from bot.jobs.sweeper import rule
from bot.notify import Reminder
from bot.recipients import chairs, language_of
from bot.services import Services


async def _owner_chats(s: Services, hazard: Hazard) -> list[int]:
    """The registered owner, else the team's handlers (for a department owner)."""
    owner = await s.members.get(hazard.owner_member_id) if hazard.owner_member_id else None
    if owner is not None and (await s.members.actor(owner.tg_user_id)).active:
        return [owner.tg_user_id]
    return await handler_targets(s, hazard.team_id)


@rule("hazard-deadlines")
async def hazard_deadlines(s: Services, now: datetime) -> list[Reminder]:
    today, early = reminder_day(s, now)
    if early:  # the day's reminders start at cards.remind_at
        return []
    reminders = []
    for hazard in await s.hazards.confirmed():
        if hazard.deadline is None:
            continue
        left = days_left(hazard.deadline, today)
        period = hazard.deadline.isoformat()
        step = reminder_step(hazard.deadline, today, s.config.hazards.remind_days_before,
                             early)
        overdue = left < 0 and not early
        if step is None and not overdue:
            continue
        owner = await owner_label(s, hazard) or "-"
        for chat_id in await _owner_chats(s, hazard):
            lang = await language_of(s, chat_id)
            key = "hazard-overdue" if overdue else \
                ("hazard-remind-today" if left == 0 else "hazard-remind")
            reminders.append(Reminder(
                item=f"hazard:{hazard.id}", kind=f"{'overdue' if overdue else step}:{chat_id}",
                period=period, chat_id=chat_id,
                text=s.texts.get(lang, key, id=str(hazard.id), category=hazard.category,
                                 location=hazard.location, days=abs(left), deadline=period,
                                 owner=owner),
                buttons=owner_buttons(s.texts, lang, hazard)))
        if overdue:
            for chair in await chairs(s):
                lang = await s.language(chair)
                reminders.append(Reminder(
                    item=f"hazard:{hazard.id}", kind=f"escalate:{chair}", period=period,
                    chat_id=chair,
                    text=s.texts.get(lang, "hazard-escalate", id=str(hazard.id),
                                     category=hazard.category, location=hazard.location,
                                     days=-left, deadline=period, owner=owner)))
    return reminders
