"""The bot's own messages (reminders, alerts, notices) go into the outbox through here.

Non-urgent messages wait out quiet hours; a reminder keyed by (item, kind, period)
goes into the outbox at most once, ever, in the same transaction as its ledger row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.clock import Clock, quiet_hours_end
from bot.config import Config
from bot.limits import split_text
from bot.outbox import URGENT, inline_keyboard
from bot.storage import outbox as outbox_store
from bot.storage.db import Database, Tx

Buttons = list[list[tuple[str, str]]]


@dataclass(frozen=True)
class Reminder:
    """One message a sweep rule wants sent exactly once."""

    item: str
    kind: str
    period: str
    chat_id: int
    text: str
    buttons: Buttons = field(default_factory=list)
    urgent: bool = False


class Mailer:
    def __init__(self, db: Database, clock: Clock, config: Config,
                 wake: Callable[[], None] = lambda: None) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.wake = wake

    def send_time(self, now: datetime, urgent: bool) -> datetime:
        if urgent:
            return now
        quiet = self.config.branch.quiet_hours
        return quiet_hours_end(now, self.config.tz, quiet.start, quiet.end)

    @staticmethod
    def payload(text: str, buttons: Buttons | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {"text": text, "parse_mode": "HTML"}
        if buttons:
            payload["reply_markup"] = inline_keyboard(buttons)
        return payload

    async def enqueue(self, tx: Tx, chat_id: int, text: str, buttons: Buttons | None = None,
                      urgent: bool = False, ref: str | None = None,
                      now: datetime | None = None) -> int:
        """Queue a message inside the caller's transaction (with the change it reports).
        A text over Telegram's limit goes as several messages, the buttons under the
        last; the last one's id is returned."""
        now = now or self.clock.now()
        parts = split_text(text)
        outbox_id = 0
        for n, part in enumerate(parts):
            outbox_id = await outbox_store.enqueue(
                tx, chat_id, "sendMessage",
                self.payload(part, buttons if n == len(parts) - 1 else None),
                self.send_time(now, urgent), now, priority=URGENT if urgent else 0, ref=ref,
            )
        return outbox_id

    async def send(self, chat_id: int, text: str, buttons: Buttons | None = None,
                   urgent: bool = False, ref: str | None = None) -> int:
        async with self.db.tx() as tx:
            outbox_id = await self.enqueue(tx, chat_id, text, buttons, urgent, ref)
        self.wake()
        return outbox_id

    async def send_once(self, reminder: Reminder, now: datetime | None = None) -> bool:
        """Queue `reminder` unless its (item, kind, period) was queued before."""
        return bool(await self.send_once_many([reminder], now))

    async def send_once_many(self, reminders: list[Reminder], now: datetime | None = None,
                             chunk: int = 100) -> int:
        """`send_once` for each reminder, `chunk` of them to a transaction (a commit
        each would cost a disk flush each); how many were queued now."""
        now = now or self.clock.now()
        queued = 0
        for start in range(0, len(reminders), chunk):
            async with self.db.tx() as tx:
                new = [await self._queue_once(tx, reminder, now)
                       for reminder in reminders[start:start + chunk]]
            if any(new):
                queued += sum(new)
                self.wake()
        return queued

    async def _queue_once(self, tx: Tx, reminder: Reminder, now: datetime) -> bool:
        if not await outbox_store.record_once(tx, reminder.item, reminder.kind,
                                              reminder.period, now):
            return False
        outbox_id = await self.enqueue(tx, reminder.chat_id, reminder.text,
                                       reminder.buttons, reminder.urgent,
                                       ref=f"{reminder.kind}:{reminder.item}", now=now)
        await outbox_store.link_ledger(tx, reminder.item, reminder.kind, reminder.period,
                                       outbox_id)
        return True
