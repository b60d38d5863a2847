"""The monthly summary and the weekly digest.

monthly-summary: on `summaries.day` from `summaries.at` (or the two days after, if
the bot was down), last month's charts go to each branch chat (the branch's figures)
and each team chat (its team's), as one album with the headline as its caption —
once per chat and month (the ledger), held through quiet hours by the outbox.

weekly-digest: on `summaries.digest_weekday` from `summaries.digest_at`, each officer
and chair gets what waits for them: cards near or past their reply date, hazards to
confirm or past their deadline, and their visits this month against the quota.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from bot import summaries
from bot.jobs.digest import digest_for, digest_readers
from bot.jobs.sweeper import rule
from bot.limits import CAPTION_MAX
from bot.notices import Outgoing, album, flush
from bot.notify import Reminder
from bot.services import Services
from bot.storage import outbox as outbox_store
from bot.storage.chats import Chat
from bot.study import previous_month

log = logging.getLogger(__name__)
CATCH_UP_DAYS = 2
KIND = "monthly-summary"


def summary_due(local: datetime, day: int, at: object) -> bool:
    """From `day` at `at`, and on the two days after at any hour."""
    if local.day == day:
        return local.time() >= at  # type: ignore[operator]
    return day < local.day <= day + CATCH_UP_DAYS


@rule(KIND)
async def monthly_summary(s: Services, now: datetime) -> list[Reminder]:
    cfg = s.config.summaries
    local = now.astimezone(s.config.tz)
    if not cfg.monthly_summary or not summary_due(local, cfg.day, cfg.at):
        return []
    month = previous_month(local.date())
    lang = s.texts.language(None)
    drawn: dict[int | None, tuple[str, list[bytes]]] = {}
    for chat in [*await s.chats.with_purpose("branch"), *await s.chats.with_purpose("team")]:
        if await outbox_store.recorded(s.db, f"chat:{chat.chat_id}", KIND, month):
            continue
        scope = chat.team_id if chat.purpose == "team" else None
        if chat.purpose == "team" and scope is None:
            continue
        if scope not in drawn:
            drawn[scope] = await _summary(s, lang, month, scope)
        await _post(s, chat, month, *drawn[scope])
    return []


async def _summary(s: Services, lang: str, month: str,
                   team_id: int | None) -> tuple[str, list[bytes]]:
    shown = summaries.months_back(month, s.config.summaries.months_shown)
    figures = await summaries.gather(s, [month], team_id, shown)
    team = await s.teams.get(team_id) if team_id is not None else None
    scope = team.name if team else s.config.branch.name
    text = summaries.headline(s, lang, scope, summaries.month_label(month, lang), figures)
    return text, await summaries.charts(s, lang, figures)


async def _post(s: Services, chat: Chat, month: str, text: str, images: list[bytes]) -> None:
    """The album with the headline as its caption (or the headline alone, without a
    font), and its ledger row, in one transaction."""
    now = s.clock.now()
    async with s.db.tx() as tx:
        if not await outbox_store.record_once(tx, f"chat:{chat.chat_id}", KIND, month, now):
            return
        ref = f"summary:{month}"
        note = Outgoing(chat.chat_id, "sendMessage", s.mail.payload(text), ref)
        out = [note]
        if images:
            files: list[str | dict[str, int]] = [
                {"file": await outbox_store.add_file(tx, f"{month}-{n}.png", png, now)}
                for n, png in enumerate(images, 1)]
            fits = len(text) <= CAPTION_MAX
            out = album(chat.chat_id, files, ref, caption=text if fits else None)
            out += [] if fits else [note]
        await flush(s, tx, out)
    s.mail.wake()


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@rule("weekly-digest")
async def weekly_digest(s: Services, now: datetime) -> list[Reminder]:
    cfg = s.config.summaries
    local = now.astimezone(s.config.tz)
    if not cfg.weekly_digest or local.isoweekday() != cfg.digest_weekday \
            or local.time() < cfg.digest_at:
        return []
    week, soon = week_of(local.date()), local.date() + timedelta(days=cfg.digest_days_ahead)
    reminders = []
    for member in await digest_readers(s):
        text = await digest_for(s, member, local.date(), soon)
        if text:
            reminders.append(Reminder(item=f"digest:{member.id}", kind="weekly-digest",
                                      period=week, chat_id=member.tg_user_id, text=text))
    return reminders
