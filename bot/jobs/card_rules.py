"""The 30-day clock: reminders before a card's reply is due, and the chairs' daily
digest of overdue cards. Each goes out once (the ledger), held through quiet hours.

Only the cards inside the reminder window are read, a page at a time; reminders
already in the ledger are not made again, and who must act is looked up once per team,
officer and department in a run: a sweep stays cheap with tens of thousands of open
cards."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial

from bot.card_views import department_name, leader_buttons, officer_buttons
from bot.cards import Card, CardStatus, days_left, reminder_step, waiting_for
from bot.jobs.memo import Memo
from bot.jobs.sweeper import rule
from bot.members import Member
from bot.notify import Reminder
from bot.recipients import chairs, language_of, officer_targets
from bot.services import Services
from bot.storage import outbox as outbox_store

OVERDUE_SHOWN = 50
PAGE = 500  # cards read at a time: a sweep's memory does not grow with the branch


def reminder_day(s: Services, now: datetime) -> tuple[date, bool]:
    """The local date, and whether it is still before `cards.remind_at` today."""
    local = now.astimezone(s.config.tz)
    return local.date(), local.time() < s.config.cards.remind_at


def _accepting_officer(s: Services, card: Card, officer: Member | None) -> int | None:
    """The accepting officer's chat, while they are still an officer of the team."""
    if officer is not None and s.members.actor_of(officer).officer_of(card.team_id):
        return officer.tg_user_id
    return None


async def _recipients(s: Services, card: Card, officers: dict[int, Member],
                      memo: Memo) -> list[tuple[int, bool]]:
    """(chat id, is a leader) of who must act: the accepting officer once accepted (else
    the team's officers), and the department's registered leaders. `officers`: the
    accepting officers, by member id."""
    from bot.queries import registered_leaders

    targets = await memo.get(("team", card.team_id), partial(officer_targets, s, card.team_id))
    if card.status is CardStatus.NEW:
        return [(chat, False) for chat in targets]
    officer = _accepting_officer(s, card, officers.get(card.accepted_by or 0))
    found = [(officer, False)] if officer is not None else [(c, False) for c in targets]
    leaders = await memo.get(("leaders", card.department),
                             partial(registered_leaders, s, card.department))
    found += [(leader, True) for leader in leaders
              if leader not in {chat for chat, _ in found}]
    return found


@rule("card-reminders")
async def card_reminders(s: Services, now: datetime) -> list[Reminder]:
    today, early = reminder_day(s, now)
    if early:  # the day's reminders start at cards.remind_at
        return []
    last = today + timedelta(days=max(s.config.cards.remind_days_before, default=0))
    memo = Memo()
    reminders: list[Reminder] = []
    after: Card | None = None
    while cards := await s.cards.unreplied_due(today, last, after, PAGE):
        after = cards[-1]
        reminders += await _card_page(s, cards, today, memo)
    return reminders


async def _card_page(s: Services, cards: list[Card], today: date,
                     memo: Memo) -> list[Reminder]:
    """The reminders not yet in the ledger for a page of cards in the window."""
    sent = await outbox_store.recorded_among(s.db, [f"card:{c.id}" for c in cards])
    officers = await s.members.get_many(c.accepted_by for c in cards if c.accepted_by)
    reminders = []
    for card in cards:
        step = reminder_step(card.due_on, today, s.config.cards.remind_days_before)
        if step is None:
            continue
        item, period = f"card:{card.id}", card.due_on.isoformat()
        for chat_id, leader in await _recipients(s, card, officers, memo):
            kind = f"due-{step}:{chat_id}"
            if (item, kind, period) in sent:
                continue
            lang = await memo.get(("lang", chat_id), partial(language_of, s, chat_id))
            key = "card-remind-today" if days_left(card.due_on, today) == 0 else "card-remind"
            text = s.texts.get(lang, key, id=str(card.id), category=card.category,
                               days=days_left(card.due_on, today),
                               due=card.due_on.isoformat(),
                               wait=s.texts.get(lang, waiting_for(card)),
                               department=department_name(s.config, card.department))
            buttons = leader_buttons(s.texts, lang, card) if leader else \
                officer_buttons(s.texts, lang, card)
            reminders.append(Reminder(item=item, kind=kind, period=period, chat_id=chat_id,
                                      text=text, buttons=buttons))
    return reminders


@rule("card-overdue")
async def card_overdue(s: Services, now: datetime) -> list[Reminder]:
    """Once a day (from `cards.remind_at`), one digest per chair of every card past its
    reply date."""
    today, early = reminder_day(s, now)
    if early:
        return []
    period = today.isoformat()
    readers = [chair for chair in await chairs(s)
               if not await outbox_store.recorded(s.db, "cards-overdue", f"digest:{chair}",
                                                  period)]
    if not readers:
        return []
    count, overdue = await s.cards.overdue(today, OVERDUE_SHOWN)
    if not count:
        return []
    teams = {t.id: t.name for t in await s.teams.all()}
    reminders = []
    for chair in readers:
        lang = await s.language(chair)
        lines = [s.texts.get(lang, "card-overdue-title", count=count, date=period)]
        for card in overdue:
            lines.append(s.texts.get(
                lang, "card-overdue-line", id=str(card.id), category=card.category,
                team=teams.get(card.team_id or 0, "-"), days=-days_left(card.due_on, today),
                wait=s.texts.get(lang, waiting_for(card))))
        if count > OVERDUE_SHOWN:
            lines.append(s.texts.get(lang, "card-overdue-more", count=count - OVERDUE_SHOWN))
        reminders.append(Reminder(item="cards-overdue", kind=f"digest:{chair}",
                                  period=period, chat_id=chair, text="\n".join(lines)))
    return reminders
