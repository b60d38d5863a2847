"""厂务公开 in the sweep: the pins and final reports of broadcasts that a crash (or a
lost answer) left without them. Idempotent, so running it every sweep is harmless."""

from __future__ import annotations

from datetime import datetime

from bot import disclosure_broadcast
from bot.jobs.sweeper import rule
from bot.notify import Reminder
from bot.services import Services


@rule("disclosure-catch-up")
async def catch_up(s: Services, now: datetime) -> list[Reminder]:
    await disclosure_broadcast.catch_up(s)
    return []
