"""Retention: once a day, what is past its keeping time (`[privacy]`) is deleted —
closed cards and hazards with their replies and photos, and old sent messages with
the images made for them. Records that others point to (a disclosure's posts, the
reminder ledger) are kept. So are forgotten: handled updates' ids (bot/update_inbox.py)
and remembered 提交 presses (bot/receipts.py) past their day."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import receipts
from bot.jobs.sweeper import rule
from bot.notify import Reminder
from bot.services import Services
from bot.storage import outbox as outbox_store
from bot.storage.privacy import purge

log = logging.getLogger(__name__)


@rule("retention")
async def retention(s: Services, now: datetime) -> list[Reminder]:
    day = now.astimezone(s.config.tz).date().isoformat()
    if await outbox_store.recorded(s.db, "retention", "purge", day):
        return []
    cfg = s.config.privacy
    done = await purge(s.db, now - timedelta(days=cfg.keep_closed_days),
                       now - timedelta(days=cfg.keep_messages_days))
    await s.inbox.prune()
    async with s.db.tx() as tx:
        await receipts.prune(tx, s)
        await outbox_store.record_once(tx, "retention", "purge", day, now)
    if done.cards or done.hazards or done.outbox or done.files:
        log.info("retention: deleted %d card(s), %d hazard(s), %d message(s), %d file(s)",
                 done.cards, done.hazards, done.outbox, done.files)
    return []
