"""The periodic sweeper: registered rules derive reminders from stored deadlines.

Nothing is scheduled in memory. Every run asks each rule what is due as of "now";
the notification ledger makes each reminder go out once, however often the sweep
runs or the bot restarts, and the outbox holds non-urgent ones through quiet hours.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.notify import Reminder
from bot.services import Services

log = logging.getLogger(__name__)

Rule = Callable[[Services, datetime], Awaitable[list[Reminder]]]
RULES: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    def add(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn
    return add


async def sweep(services: Services, now: datetime | None = None,
                only: str | None = None) -> int:
    """Run every rule (or the one named) once; returns how many reminders were newly
    queued."""
    now = now or services.clock.now()
    queued = 0
    for name, fn in RULES.items():
        if only is not None and name != only:
            continue
        try:
            reminders = await fn(services, now)
        except Exception:
            log.exception("sweep rule %s failed", name)
            continue
        queued += await services.mail.send_once_many(reminders, now)
    if queued:
        log.info("sweep queued %d reminder(s)", queued)
    return queued
