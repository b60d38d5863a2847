"""The visit diary's calendar: officers below their monthly minimum are reminded on the
configured days, the chairs get last month's completion table on the 1st, and a 再访
is reminded on its day. Each goes out once (the ledger) and waits out quiet hours."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import queries
from bot.jobs.sweeper import rule
from bot.notify import Reminder
from bot.recipients import chairs
from bot.services import Services
from bot.study import last_day, month_of, previous_month
from bot.visit_actions import may_keep_diary
from bot.visit_calendar import due_nag, nag_days
from bot.visit_views import completion_text, nag_text
from bot.visits import missing

REPORT_BY_DAY = 3
# How late a reminder missed while the bot was down is still sent.
NAG_LATE_DAYS = 3
REVISIT_LATE_DAYS = 7


def _after(s: Services, now: datetime) -> tuple[datetime, bool]:
    local = now.astimezone(s.config.tz)
    return local, local.time() >= s.config.visits.remind_at


@rule("visit-nag")
async def quota_nag(s: Services, now: datetime) -> list[Reminder]:
    """On each reminder day from remind_at (or, if the bot was down then, up to three
    days late), every officer below the least of their quota: their numbers and what is
    missing. A missed reminder day is not sent once the next one has come."""
    local, after = _after(s, now)
    cfg, today = s.config.visits, local.date()
    month_last = last_day(today)
    day = due_nag(today, nag_days(month_last, cfg.remind_days,
                                  cfg.remind_days_before_month_end))
    if day is None or (day == today and not after) or \
            (today - day).days > NAG_LATE_DAYS:
        return []
    month = month_of(today)
    reminders = []
    for row in await queries.visit_figures(s, month):
        if not missing(row.tally, row.quota).any:
            continue
        lang = await s.language(row.tg_user_id)
        reminders.append(Reminder(
            item=f"visit-quota:{row.member_id}", kind=f"nag:{day.isoformat()}", period=month,
            chat_id=row.tg_user_id,
            text=nag_text(s.texts, lang, month, row.tally, row.quota, month_last),
            buttons=[[(s.texts.get(lang, "btn-visit-now"), "visit:start")]]))
    return reminders


@rule("visit-report")
async def completion_report(s: Services, now: datetime) -> list[Reminder]:
    """On the 1st from remind_at (on the 2nd or 3rd at any hour, if the bot was down
    then): last month's table of every officer against their quota, to the chairs. Not
    sent for a month before the diary was first used."""
    local, after = _after(s, now)
    if (local.day == 1 and not after) or local.day > REPORT_BY_DAY:
        return []
    month = previous_month(local.date())
    month_end = local.date().replace(day=1) - timedelta(days=1)
    if not await s.visits.any_until(month_end):
        return []
    rows = [(o.name, o.team, o.tally, o.quota) for o in await queries.visit_figures(s, month)]
    if not rows:
        return []
    reminders = []
    for chair in await chairs(s):
        lang = await s.language(chair)
        reminders.append(Reminder(item="visit-report", kind=f"chair:{chair}", period=month,
                                  chat_id=chair,
                                  text=completion_text(s.texts, lang, month, rows, past=True)))
    return reminders


@rule("visit-revisit")
async def revisit_due(s: Services, now: datetime) -> list[Reminder]:
    """On a 再访's day from remind_at, one reminder to the officer who set it, unless the
    person was visited again since. Missed days are caught up for a week."""
    local, after = _after(s, now)
    today = local.date()
    last = today if after else today - timedelta(days=1)
    reminders = []
    for visit in await s.visits.revisits_due(today - timedelta(days=REVISIT_LATE_DAYS), last):
        if await s.visits.seen_again(visit):
            continue
        officer = await s.members.get(visit.officer_id)
        if officer is None:
            continue
        if not may_keep_diary(await s.members.actor(officer.tg_user_id)):
            continue
        lang = await s.language(officer.tg_user_id)
        assert visit.revisit_on is not None
        text = s.texts.get(lang, "visit-revisit-remind", person=visit.person,
                           day=visit.revisit_on.strftime("%m-%d"),
                           first=visit.visited_on.strftime("%m-%d"),
                           kind=s.texts.get(lang, f"visit-kind-{visit.kind}"),
                           id=str(visit.id))
        reminders.append(Reminder(item=f"visit:{visit.id}", kind="revisit",
                                  period=visit.revisit_on.isoformat(),
                                  chat_id=officer.tg_user_id, text=text,
                                  buttons=[[(s.texts.get(lang, "btn-visit-again"),
                                             f"v:{visit.id}:again")]]))
    return reminders
