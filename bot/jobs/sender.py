"""The outbox sender: drains queued messages within Telegram's limits.

Each message is claimed (pending → sending, committed) before its request goes out
and marked sent after. A crash in between leaves it `sending`; on the next start it
becomes `uncertain` and is reported, never sent again. Sends run a few at a time,
one per chat. Pace: `global_per_second` for the outbox's own calls, and the calls
Telegram counts also take a slot of the 30/s budget the bot's direct replies share
(bot/ratelimit.py), after the replies, so a long broadcast never holds them up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from typing import Any

import httpx
from telegram import Bot, InputFile, InputMediaPhoto, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot
from telegram.warnings import PTBUserWarning

from bot import disclosure_broadcast
from bot.outbox import OutboxItem, Outcome, Pacer, Status, after
from bot.ratelimit import OUTBOX, TELEGRAM_PER_SECOND, Budget, SharedLimiter, counted, retry_seconds
from bot.services import Services

log = logging.getLogger(__name__)
# Messages with follow-ups once settled: a disclosure's posts (pin, progress, report)
# and pins (the report).
FOLLOWED = ("dpost:", "dpin:")
# The outbox stores Bot API calls by method name; PTB's hint to prefer typed methods is moot.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", category=PTBUserWarning)


class OutboxSender:
    def __init__(self, services: Services, bot: Bot) -> None:
        self.s = services
        self.bot = bot
        cfg = services.config.outbox
        self.pacer = Pacer(cfg.per_chat_seconds, cfg.per_group_per_minute)
        self.pace = Budget.per_second(cfg.global_per_second)
        shared = bot.rate_limiter if isinstance(bot, ExtBot) else None
        # Telegram's budget: the Application's, shared with direct replies; a bare Bot
        # (`jobs run`) sends nothing else, and has one of its own.
        self.telegram = (shared.budget if isinstance(shared, SharedLimiter)
                         else Budget(TELEGRAM_PER_SECOND))
        self._marked = isinstance(shared, SharedLimiter)
        self.in_flight = cfg.in_flight
        self._busy_chats: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._stopping = False
        self.sent_count = 0

    def wake(self) -> None:
        self._wake.set()

    async def recover(self) -> int:
        count = await self.s.outbox.recover()
        if count:
            log.warning("outbox: %d message(s) were mid-send at a crash; marked uncertain", count)
        return count

    async def run(self) -> None:
        """Send until stopped; wakes when something is queued, or at the next due time."""
        while not self._stopping:
            self._wake.clear()
            try:
                wait = await self.pass_once()
            except Exception:
                log.exception("outbox pass failed")
                wait = 1.0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=min(max(wait, 0.02), 1.0))

    async def stop(self) -> None:
        self._stopping = True
        self.wake()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)

    async def drain(self, deadline_s: float = 60.0) -> int:
        """Send everything due now, then return how many went (for `jobs run`)."""
        start, before = time.monotonic(), self.sent_count
        while time.monotonic() - start < deadline_s:
            if not await self.s.outbox.due(self.s.clock.now(), limit=1) and not self._tasks:
                break
            wait = await self.pass_once()
            if self._tasks:
                await asyncio.wait(self._tasks, timeout=max(wait, 0.05))
            else:
                await asyncio.sleep(min(max(wait, 0.02), 1.0))
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)
        return self.sent_count - before

    async def pass_once(self) -> float:
        """Start sends for what is due and allowed; returns seconds until worth looking again."""
        soonest = 1.0
        for item in await self.s.outbox.due(self.s.clock.now()):
            if self._stopping:
                break
            if item.chat_id in self._busy_chats:
                continue
            wait = self.pacer.wait(item.chat_id, time.monotonic())
            if wait > 0:
                soonest = min(soonest, wait)
                continue
            while len(self._tasks) >= self.in_flight:
                await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)
            await self.pace.take()
            if counted(item.method):
                await self.telegram.take()
            if not await self.s.outbox.claim(item.id):
                self._unused(item)
                continue
            self._busy_chats.add(item.chat_id)
            self.pacer.sent(item.chat_id, time.monotonic())
            task = asyncio.create_task(self._send(item))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        self.pacer.forget_idle(time.monotonic())
        return soonest

    def _unused(self, item: OutboxItem) -> None:
        self.pace.unused()
        if counted(item.method):
            self.telegram.unused()

    async def _send(self, item: OutboxItem) -> None:
        try:
            try:
                outcome, retry_after, detail, message_id = await self._attempt(item)
            finally:  # the slots taken in pass_once, free again a second after the answer
                self.pace.done()
                if counted(item.method):
                    self.telegram.done()
            now = self.s.clock.now()
            nxt = after(outcome, item.attempts + 1, now, self.s.config.outbox.max_attempts,
                        retry_after)
            if outcome is Outcome.RETRY_AFTER:
                self.pacer.pause(item.chat_id, time.monotonic() + retry_after)
            if outcome is Outcome.BLOCKED:
                status = "blocked" if item.chat_id > 0 else "removed"
                await self.s.chats.set_status(item.chat_id, status, now,
                                              "private" if item.chat_id > 0 else "group")
            if outcome is Outcome.SENT:
                self.sent_count += 1
            await self.s.outbox.finish(item.id, nxt.status, now, nxt.not_before, message_id,
                                       detail)
            if outcome is not Outcome.SENT:
                log.info("outbox #%d: %s (%s)", item.id, outcome, detail)
            if item.ref and item.ref.startswith(FOLLOWED) and nxt.status is not Status.PENDING:
                await disclosure_broadcast.on_sent(self.s, item, nxt.status)
        except Exception:
            log.exception("outbox #%d: could not record the result", item.id)
        finally:
            self._busy_chats.discard(item.chat_id)
            self.wake()

    async def _attempt(self, item: OutboxItem) -> tuple[Outcome, float, str | None, int | None]:
        try:
            payload = await self._telegram_objects(item)
            api_kwargs = {"chat_id": item.chat_id, **payload}
            if self._marked and isinstance(self.bot, ExtBot):  # its slot is taken already
                result = await self.bot.do_api_request(item.method, api_kwargs=api_kwargs,
                                                       return_type=Message,
                                                       rate_limit_args=OUTBOX)
            else:
                result = await self.bot.do_api_request(item.method, api_kwargs=api_kwargs,
                                                       return_type=Message)
        except RetryAfter as exc:
            return Outcome.RETRY_AFTER, retry_seconds(exc), str(exc), None
        except ChatMigrated as exc:
            await self.s.chats.migrate(item.chat_id, exc.new_chat_id, self.s.clock.now())
            await self.s.outbox.redirect(item.id, exc.new_chat_id)
            return Outcome.MIGRATED, 0.0, f"migrated to {exc.new_chat_id}", None
        except Forbidden as exc:
            return Outcome.BLOCKED, 0.0, str(exc), None
        except BadRequest as exc:
            return Outcome.REJECTED, 0.0, str(exc), None
        except TimedOut as exc:
            return Outcome.UNKNOWN, 0.0, str(exc), None
        except NetworkError as exc:
            never_left = isinstance(exc.__cause__, httpx.ConnectError | httpx.ConnectTimeout)
            return (Outcome.NOT_SENT if never_left else Outcome.UNKNOWN), 0.0, str(exc), None
        except (TypeError, ValueError, KeyError) as exc:  # a payload we cannot send as stored
            return Outcome.REJECTED, 0.0, f"bad payload: {type(exc).__name__}", None
        first = result[0] if isinstance(result, list | tuple) else result
        return Outcome.SENT, 0.0, None, getattr(first, "message_id", None)

    async def _telegram_objects(self, item: OutboxItem) -> dict[str, Any]:
        """Stored JSON back into what PTB expects where plain JSON will not do: albums,
        and images the bot made itself ({"file": id} → an upload)."""
        payload = dict(item.payload)
        if item.method == "sendPhoto":
            payload["photo"] = await self._media(payload["photo"])
        if item.method == "sendMediaGroup":
            payload["media"] = [InputMediaPhoto(await self._media(m["media"], attach=True),
                                                caption=m.get("caption"),
                                                parse_mode=m.get("parse_mode"))
                                for m in payload["media"]]
        return payload

    async def _media(self, value: Any, attach: bool = False) -> str | InputFile:
        """A file id as is; {"file": id} as an upload (`attach`: named in an album)."""
        if not isinstance(value, dict):
            return str(value)
        found = await self.s.outbox.file(int(value["file"]))
        if found is None:
            raise KeyError(f"outbox file {value['file']}")
        return InputFile(found[1], filename=found[0], attach=attach)
