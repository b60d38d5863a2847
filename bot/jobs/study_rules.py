"""The study calendar: a reminder to each team chat before its weekly study, one gentle
reminder to workers below the month's target near month end, and each team's
participation to its officers on the 1st. Each goes out once (the ledger)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.jobs.sweeper import rule
from bot.notify import Reminder
from bot.recipients import approvers, language_of
from bot.roles import MemberStatus
from bot.services import Services
from bot.study import (
    below_target,
    last_day,
    month_bounds,
    month_of,
    next_weekly,
    nudge_day,
    previous_month,
)
from bot.study_views import participation_text

REPORT_BY_DAY = 3


@rule("study-weekly")
async def weekly_study(s: Services, now: datetime) -> list[Reminder]:
    """Within `remind_before_minutes` of a team's weekly study, one reminder to each of
    its team chats. A study already begun (the bot was down) gets none."""
    cfg, local = s.config.study, now.astimezone(s.config.tz)
    lead = timedelta(minutes=cfg.remind_before_minutes)
    reminders = []
    for team in await s.teams.all():
        plan = cfg.team(team.code)
        if plan.weekday is None:
            continue
        day = next_weekly(local.date(), plan.weekday)
        starts = datetime.combine(day, plan.at, s.config.tz)
        if starts <= local:  # today's has begun: the next one is a week away
            starts += timedelta(days=7)
        if starts - local > lead:
            continue
        for chat in await s.chats.with_purpose("team", team.id):
            lang = await language_of(s, chat.chat_id)
            text = s.texts.get(lang, "study-weekly-remind", team=team.name,
                               time=plan.at.strftime("%H:%M"),
                               weekday=s.texts.get(lang, f"weekday-{plan.weekday}"))
            reminders.append(Reminder(item=f"study-week:{team.id}", kind=f"chat:{chat.chat_id}",
                                      period=starts.date().isoformat(), chat_id=chat.chat_id,
                                      text=text))
    return reminders


def _after(s: Services, now: datetime) -> tuple[datetime, bool]:
    local = now.astimezone(s.config.tz)
    return local, local.time() >= s.config.study.remind_at


@rule("study-nudge")
async def month_end_nudge(s: Services, now: datetime) -> list[Reminder]:
    """From `month_end_days_before` days before the month's last day (at remind_at) to
    the month's end: each active member below the target, once a month."""
    local, after = _after(s, now)
    cfg, today = s.config.study, local.date()
    if not after or today < nudge_day(last_day(today), cfg.month_end_days_before):
        return []
    month = month_of(today)
    counts = await s.study.counts(*month_bounds(month))
    reminders = []
    for team in await s.teams.all():
        members = await s.members.in_team(team.id, MemberStatus.ACTIVE)
        by_id = {m.id: m for m in members}
        for member_id in below_target(counts, list(by_id), cfg.monthly_target):
            member = by_id[member_id]
            lang = await s.language(member.tg_user_id)
            text = s.texts.get(lang, "study-nudge", count=counts.get(member_id, 0),
                               target=cfg.monthly_target, month=today.month,
                               left=cfg.monthly_target - counts.get(member_id, 0),
                               last=last_day(today).strftime("%m-%d"))
            reminders.append(Reminder(item=f"study-member:{member_id}", kind="nudge",
                                      period=month, chat_id=member.tg_user_id, text=text,
                                      buttons=[[(s.texts.get(lang, "btn-study-now"),
                                                 "study:start")]]))
    return reminders


@rule("study-report")
async def participation_report(s: Services, now: datetime) -> list[Reminder]:
    """On the 1st from remind_at (or, if the bot was down, by the 3rd): each team's
    officers get last month's participation. A month in which nobody in the branch
    logged a note (the bot was not used for study yet) is not reported."""
    local, after = _after(s, now)
    if not after or local.day > REPORT_BY_DAY:
        return []
    month = previous_month(local.date())
    counts = await s.study.counts(*month_bounds(month))
    if not counts:
        return []
    target = s.config.study.monthly_target
    reminders = []
    for team in await s.teams.all():
        members = await s.members.in_team(team.id, MemberStatus.ACTIVE)
        if not members:
            continue
        rows = [(m.name, counts.get(m.id, 0)) for m in members]
        for officer in await approvers(s, team.id):
            lang = await s.language(officer)
            text = participation_text(s.texts, lang, team.name, month, target, rows)
            reminders.append(Reminder(item=f"study-team:{team.id}", kind=f"report:{officer}",
                                      period=month, chat_id=officer, text=text))
    return reminders
