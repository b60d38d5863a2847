"""/stats: the figures of this month, last month or this year — a chair the branch's,
an officer their team's, each with the charts; a worker their own (cards written,
hazards reported, study notes)."""

from __future__ import annotations

from telegram import InputMediaPhoto, Update
from telegram.constants import ParseMode

from bot import summaries
from bot.cards import Outcome, local_date
from bot.handlers.common import Ctx, answer, caller, in_private, say
from bot.roles import Actor, Role
from bot.services import Services
from bot.study import month_bounds, month_of, previous_month

PERIODS = ("this", "last", "year")


def period_months(s: Services, period: str) -> list[str]:
    today = local_date(s.clock.now(), s.config.tz)
    if period == "last":
        return [previous_month(today)]
    if period == "year":
        return summaries.months_of_year(today)
    return [month_of(today)]


async def show_stats(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    if not actor.active and not actor.is_admin:
        await say(update, s.texts.get(lang, "need-member"))
        return
    await say(update, s.texts.get(lang, "stats-ask"), [[
        (s.texts.get(lang, f"btn-stats-{p}"), f"st:{p}") for p in PERIODS]])


async def on_period(update: Update, context: Ctx) -> None:
    """st:this | st:last | st:year."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    period = query.data.removeprefix("st:")
    if period not in PERIODS or (not actor.active and not actor.is_admin):
        await answer(update, s.texts.get(lang, "button-stale"), alert=True)
        return
    await answer(update)
    months = period_months(s, period)
    label = s.texts.get(lang, f"stats-period-{period}")
    if not (actor.is_chair or actor.is_admin or actor.has(Role.OFFICER)):
        await say(update, await _mine(s, actor, lang, months, label))
        return
    scope = None if (actor.is_chair or actor.is_admin) else actor.team_id
    team = await s.teams.get(scope) if scope is not None else None
    shown = months if period == "year" else summaries.months_back(
        months[-1], s.config.summaries.months_shown)
    figures = await summaries.gather(s, months, scope)
    text = summaries.headline(s, lang, team.name if team else s.config.branch.name, label,
                              figures, head="stats-head")
    await say(update, text)
    await summaries.widen_chart(s, figures, shown, scope)  # the chart's earlier months
    images = await summaries.charts(s, lang, figures)
    chat = update.effective_chat
    if images and chat is not None:
        await context.bot.send_media_group(chat.id, [InputMediaPhoto(png) for png in images])
    elif chat is not None:
        await context.bot.send_message(chat.id, s.texts.get(lang, "stats-no-font"),
                                       parse_mode=ParseMode.HTML)


async def _mine(s: Services, actor: Actor, lang: str, months: list[str], label: str) -> str:
    """A worker's own figures: cards written (anonymous ones too, found by their keyed
    tag, never shown to anyone else), hazards reported, study notes."""
    first, last = month_bounds(months[0])[0], month_bounds(months[-1])[1]
    tz = s.config.tz
    cards = [c for c in await s.cards.of_owner(s.sealer.tag(actor.tg_user_id), limit=500)
             if first <= local_date(c.created_at, tz) <= last]
    hazards = [h for h in await s.hazards.of_reporter(actor.member_id or 0, limit=500)
               if first <= local_date(h.found_at, tz) <= last]
    notes = await s.study.count(actor.member_id or 0, first, last)
    return s.texts.get(
        lang, "stats-mine", period=label, cards=len(cards),
        replied=sum(1 for c in cards if c.first_replied_at is not None),
        implemented=sum(1 for c in cards if c.outcome is Outcome.IMPLEMENTED),
        hazards=len(hazards), rectified=sum(1 for h in hazards if h.fixed_at is not None),
        notes=notes, target=s.config.study.monthly_target * len(months))
