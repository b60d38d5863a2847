"""Rectification deadlines: reminders to the owner before the deadline, one notice
when it is overdue, and one escalation to the chairs — each once per deadline (a new
deadline after 未整改到位 starts again), held through quiet hours.

Only hazards inside the reminder window or overdue are read, a page at a time;
reminders already in the ledger are not made again, and owners and chairs are looked
up once per run."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial

from bot.cards import days_left, reminder_step
from bot.hazard_actions import handler_targets
from bot.hazard_views import owner_buttons
from bot.hazards import Hazard
from bot.jobs.card_rules import reminder_day
from bot.jobs.memo import Memo
from bot.jobs.sweeper import rule
from bot.members import Member
from bot.notify import Reminder
from bot.recipients import chairs, language_of
from bot.roles import MemberStatus
from bot.services import Services
from bot.storage import outbox as outbox_store

PAGE = 500  # hazards read at a time: a sweep's memory does not grow with the branch


async def _owner_chats(s: Services, hazard: Hazard, owner: Member | None) -> list[int]:
    """The registered owner, else the team's handlers (for a department owner)."""
    if owner is not None and owner.status is MemberStatus.ACTIVE:
        return [owner.tg_user_id]
    return await handler_targets(s, hazard.team_id)


def _due(s: Services, hazards: list[Hazard], today: date) -> list[tuple[Hazard, int | None]]:
    """The hazards a reminder is current for, with its step (None: overdue)."""
    found: list[tuple[Hazard, int | None]] = []
    for hazard in hazards:
        if hazard.deadline is None:
            continue
        if days_left(hazard.deadline, today) < 0:
            found.append((hazard, None))
        elif (step := reminder_step(hazard.deadline, today,
                                    s.config.hazards.remind_days_before)) is not None:
            found.append((hazard, step))
    return found


@rule("hazard-deadlines")
async def hazard_deadlines(s: Services, now: datetime) -> list[Reminder]:
    today, early = reminder_day(s, now)
    if early:  # the day's reminders start at cards.remind_at
        return []
    last = today + timedelta(days=max(s.config.hazards.remind_days_before, default=0))
    memo = Memo()
    reminders: list[Reminder] = []
    after: Hazard | None = None
    while hazards := await s.hazards.confirmed_due(last, after, PAGE):
        after = hazards[-1]
        reminders += await _hazard_page(s, _due(s, hazards, today), today, memo)
    return reminders


async def _hazard_page(s: Services, due: list[tuple[Hazard, int | None]], today: date,
                       memo: Memo) -> list[Reminder]:
    """The reminders not yet in the ledger for a page of hazards due or overdue."""
    sent = await outbox_store.recorded_among(s.db, [f"hazard:{h.id}" for h, _ in due])
    owners = await s.members.get_many(h.owner_member_id for h, _ in due if h.owner_member_id)
    reminders = []
    for hazard, step in due:
        assert hazard.deadline is not None
        left = days_left(hazard.deadline, today)
        period = hazard.deadline.isoformat()
        overdue = step is None
        item = f"hazard:{hazard.id}"
        owner = owners.get(hazard.owner_member_id or 0)
        label = owner.name if owner else (
            "-" if hazard.owner_member_id else hazard.owner_name or "-")
        chats = await memo.get(("owner", hazard.owner_member_id, hazard.team_id),
                               partial(_owner_chats, s, hazard, owner))
        for chat_id in chats:
            kind = f"{'overdue' if overdue else step}:{chat_id}"
            if (item, kind, period) in sent:
                continue
            lang = await memo.get(("lang", chat_id), partial(language_of, s, chat_id))
            key = "hazard-overdue" if overdue else \
                ("hazard-remind-today" if left == 0 else "hazard-remind")
            reminders.append(Reminder(
                item=item, kind=kind, period=period, chat_id=chat_id,
                text=s.texts.get(lang, key, id=str(hazard.id), category=hazard.category,
                                 location=hazard.location, days=abs(left), deadline=period,
                                 owner=label),
                buttons=owner_buttons(s.texts, lang, hazard)))
        if overdue:
            for chair in await memo.get("chairs", partial(chairs, s)):
                kind = f"escalate:{chair}"
                if (item, kind, period) in sent:
                    continue
                lang = await memo.get(("chair-lang", chair), partial(s.language, chair))
                reminders.append(Reminder(
                    item=item, kind=kind, period=period, chat_id=chair,
                    text=s.texts.get(lang, "hazard-escalate", id=str(hazard.id),
                                     category=hazard.category, location=hazard.location,
                                     days=-left, deadline=period, owner=label)))
    return reminders
