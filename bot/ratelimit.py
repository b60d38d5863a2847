"""One budget for Telegram's ~30 messages a second, shared by direct replies and the
outbox, replies first.

Telegram counts a message when it arrives and refuses the 31st within a second. A
`Budget` slot is taken before a call goes out and given back one period after its
answer came back: Telegram counted the call before answering, and the next call on
that slot reaches Telegram after it was sent, so no window of one period ever holds
more than `size` calls, whatever the latency (the cost is one round trip per slot).
Waiting callers are served urgent first (a worker's reply), then in order (the
outbox), so a long broadcast fills what replies leave and never makes them queue;
every fourth slot goes to the outbox if it waits, so a crowd of replies cannot hold
back an alert for good. The outbox's calls are spread out, one per period/size, and so
are replies once half the slots are taken, so that slots come free one at a time
rather than all at once a period after a burst (when everyone would wait out the rest
of that period); a few replies in a quiet moment go at once.

`SharedLimiter` is the Application's rate limiter (instead of PTB's AIORateLimiter,
whose 429 pauses every request and whose leaky bucket lets a burst of 30 pass on top
of the steady 30/s): direct replies take an urgent slot, and a 429 holds back only
the request it answered. The outbox sender takes its own slots, in the background
class, and marks its requests so that they are not counted twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import warnings
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.constants import FloodLimit
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)
TELEGRAM_PER_SECOND = FloodLimit.MESSAGES_PER_SECOND  # 30
GROUP_PER_MINUTE = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP  # 20
URGENT_RUN = 3  # then a background caller, if one waits
CATCH_UP = 2  # turns of the spread a late caller may make up (a burst of 3 at most)
OUTBOX = "outbox"  # rate_limit_args of the sender's requests: paced already
_COUNTED = ("send", "edit", "copy", "forward", "stoppoll")


def counted(method: str) -> bool:
    """Whether Telegram counts this call against its message limits: sends (an album
    once), edits, copies and forwards; not pins, deletions, chat actions or reads."""
    name = method.lower()
    return name.startswith(_COUNTED) and name != "sendchataction"


class Budget:
    """At most `size` calls in any `period` seconds, counted from the answers (above)."""

    def __init__(self, size: int, period: float = 1.0, spacing: float | None = None) -> None:
        if size < 1 or period <= 0:
            raise ValueError("a budget needs a slot and a period")
        self.size, self.period = size, period
        self._free = size
        self._spacing = period / size if spacing is None else spacing
        self._next_turn = 0.0
        self._urgent_run = 0  # urgent callers served in a row while background ones wait
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._background: deque[asyncio.Future[None]] = deque()

    @classmethod
    def per_second(cls, rate: float) -> Budget:
        """`rate` calls a second; below one, one call per 1/rate seconds."""
        size = max(1, math.floor(rate))
        return cls(size, size / rate)

    @property
    def waiting(self) -> int:
        return len(self._urgent) + len(self._background)

    async def take(self, urgent: bool = False) -> None:
        """Wait for a turn in the spread (an urgent caller only once half the slots are
        taken), then for a slot: an urgent caller goes before background ones (but for
        every fourth slot)."""
        loop = asyncio.get_running_loop()
        if not urgent or self._free < self.size // 2:
            now = loop.time()
            turn = max(now - CATCH_UP * self._spacing, self._next_turn)  # a late caller
            self._next_turn = turn + self._spacing
            if turn > now:
                await asyncio.sleep(turn - now)
        if self._free > 0:  # nobody waits while a slot is free
            self._free -= 1
            return
        future = loop.create_future()
        queue = self._urgent if urgent else self._background
        queue.append(future)
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # handed over as we were cancelled: no call made
            else:
                with contextlib.suppress(ValueError):
                    queue.remove(future)
            raise

    def done(self) -> None:
        """The call that took a slot has its answer (or failed): free it one period on."""
        asyncio.get_running_loop().call_later(self.period, self._release)

    def unused(self) -> None:
        """The slot taken was not used for a call after all: free it now."""
        self._release()

    def _release(self) -> None:
        while self._urgent or self._background:
            background_turn = bool(self._background) and (
                not self._urgent or self._urgent_run >= URGENT_RUN)
            if background_turn:
                future, self._urgent_run = self._background.popleft(), 0
            else:
                future = self._urgent.popleft()
                self._urgent_run += 1 if self._background else 0
            if not future.done():
                future.set_result(None)
                return
        self._free = min(self.size, self._free + 1)

    @contextlib.asynccontextmanager
    async def slot(self, urgent: bool = False) -> AsyncIterator[None]:
        await self.take(urgent)
        try:
            yield
        finally:
            self.done()


Result = bool | dict[str, Any] | list[dict[str, Any]]


class SharedLimiter(BaseRateLimiter[str]):
    """PTB's hook for every request but getUpdates (see the module's docstring)."""

    def __init__(self, budget: Budget | None = None, max_retries: int = 3) -> None:
        self.budget = budget or Budget(TELEGRAM_PER_SECOND)
        self.max_retries = max_retries
        self._groups: dict[int, AsyncLimiter] = {}

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def _group(self, chat_id: int) -> AsyncLimiter:
        if len(self._groups) > 512:  # forget the groups whose bucket has drained
            for key, limiter in list(self._groups.items()):
                if limiter.has_capacity(limiter.max_rate):
                    del self._groups[key]
        return self._groups.setdefault(chat_id, AsyncLimiter(GROUP_PER_MINUTE, 60))

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Result]],
                              args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: str | None) -> Result:
        if rate_limit_args == OUTBOX or not counted(endpoint):
            return await callback(*args, **kwargs)  # paced by the sender, or not counted
        chat_id = _chat_id(data.get("chat_id"))
        for attempt in range(self.max_retries + 1):
            try:
                if chat_id is not None and chat_id < 0:
                    async with self._group(chat_id), self.budget.slot(urgent=True):
                        return await callback(*args, **kwargs)
                async with self.budget.slot(urgent=True):
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.max_retries:
                    log.warning("%s: still 429 after %d retries", endpoint, attempt)
                    raise
                seconds = retry_seconds(exc)
                log.info("%s: 429, retrying this request in %.1f s", endpoint, seconds)
                await asyncio.sleep(seconds + 0.1)
        raise AssertionError("unreachable")  # pragma: no cover


def retry_seconds(exc: RetryAfter) -> float:
    """How long a 429 asks to wait (PTB warns that the attribute becomes a timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = exc.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def _chat_id(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
