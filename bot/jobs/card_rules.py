"""The 30-day clock: reminders before a card's reply is due, and the chairs' daily
digest of overdue cards. Each goes out once (the ledger), held through quiet hours."""

from __future__ import annotations

from datetime import date, datetime

from bot.card_views import department_name, leader_buttons, officer_buttons
from bot.cards import Card, CardStatus, days_left, reminder_step, waiting_for
from bot.jobs.sweeper import rule
from bot.notify import Reminder
from bot.recipients import chairs, language_of, officer_targets
from bot.services import Services


def reminder_day(s: Services, now: datetime) -> tuple[date, bool]:
    """The local date, and whether it is still before `cards.remind_at` today."""
    local = now.astimezone(s.config.tz)
    return local.date(), local.time() < s.config.cards.remind_at


async def _recipients(s: Services, card: Card) -> list[tuple[int, bool]]:
    """(chat id, is a leader) of who must act: the accepting officer once accepted (else
    the team's officers), and the department's registered leaders."""
    from bot.queries import registered_leaders

    if card.status is CardStatus.NEW:
        return [(chat, False) for chat in await officer_targets(s, card.team_id)]
    found: list[tuple[int, bool]] = []
    officer = await s.members.get(card.accepted_by) if card.accepted_by else None
    if officer is not None and (await s.members.actor(officer.tg_user_id)).officer_of(
            card.team_id):
        found.append((officer.tg_user_id, False))
    else:
        found += [(chat, False) for chat in await officer_targets(s, card.team_id)]
    found += [(leader, True) for leader in await registered_leaders(s, card.department)
              if leader not in {chat for chat, _ in found}]
    return found


@rule("card-reminders")
async def card_reminders(s: Services, now: datetime) -> list[Reminder]:
    today, early = reminder_day(s, now)
    if early:  # the day's reminders start at cards.remind_at
        return []
    reminders = []
    for card in await s.cards.unreplied():
        step = reminder_step(card.due_on, today, s.config.cards.remind_days_before, early)
        if step is None:
            continue
        for chat_id, leader in await _recipients(s, card):
            lang = await language_of(s, chat_id)
            key = "card-remind-today" if days_left(card.due_on, today) == 0 else "card-remind"
            text = s.texts.get(lang, key, id=str(card.id), category=card.category,
                               days=days_left(card.due_on, today),
                               due=card.due_on.isoformat(),
                               wait=s.texts.get(lang, waiting_for(card)),
                               department=department_name(s.config, card.department))
            buttons = leader_buttons(s.texts, lang, card) if leader else \
                officer_buttons(s.texts, lang, card)
            reminders.append(Reminder(item=f"card:{card.id}", kind=f"due-{step}:{chat_id}",
                                      period=card.due_on.isoformat(), chat_id=chat_id,
                                      text=text, buttons=buttons))
    return reminders


@rule("card-overdue")
async def card_overdue(s: Services, now: datetime) -> list[Reminder]:
    """Once a day (from `cards.remind_at`), one digest per chair of every card past its
    reply date."""
    today, early = reminder_day(s, now)
    if early:
        return []
    overdue = [c for c in await s.cards.unreplied() if days_left(c.due_on, today) < 0]
    if not overdue:
        return []
    teams = {t.id: t.name for t in await s.teams.all()}
    reminders = []
    for chair in await chairs(s):
        lang = await s.language(chair)
        lines = [s.texts.get(lang, "card-overdue-title", count=len(overdue),
                             date=today.isoformat())]
        for card in overdue[:50]:
            lines.append(s.texts.get(
                lang, "card-overdue-line", id=str(card.id), category=card.category,
                team=teams.get(card.team_id or 0, "-"), days=-days_left(card.due_on, today),
                wait=s.texts.get(lang, waiting_for(card))))
        if len(overdue) > 50:
            lines.append(s.texts.get(lang, "card-overdue-more", count=len(overdue) - 50))
        reminders.append(Reminder(item="cards-overdue", kind=f"digest:{chair}",
                                  period=today.isoformat(), chat_id=chair,
                                  text="\n".join(lines)))
    return reminders
