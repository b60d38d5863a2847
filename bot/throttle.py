"""Flood control per user: each user's updates drip through a leaky bucket (aiolimiter)
of `max_updates` per `per_seconds`; past it their updates are dropped, and they are
told once per `notice_seconds`. Memory stays bounded: at most `max_users` buckets,
the least recently seen forgotten first."""

from __future__ import annotations

from collections import OrderedDict

from aiolimiter import AsyncLimiter


class Throttle:
    def __init__(self, max_updates: int, per_seconds: float, notice_seconds: float,
                 max_users: int = 10_000) -> None:
        self.max_updates = max_updates
        self.per_seconds = per_seconds
        self.notice_seconds = notice_seconds
        self.max_users = max_users
        self._buckets: OrderedDict[int, AsyncLimiter] = OrderedDict()
        self._noticed: dict[int, float] = {}
        self.dropped = 0

    async def allow(self, user_id: int) -> bool:
        """True (and counted) if the user's update may go on; False if it is dropped."""
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = AsyncLimiter(self.max_updates, self.per_seconds)
            while len(self._buckets) > self.max_users:
                old, _ = self._buckets.popitem(last=False)
                self._noticed.pop(old, None)
        self._buckets.move_to_end(user_id)
        if bucket.has_capacity():
            await bucket.acquire()  # there is room: returns at once
            return True
        self.dropped += 1
        return False

    def notice_due(self, user_id: int, now: float) -> bool:
        """Whether to tell a dropped user now: once per notice_seconds."""
        last = self._noticed.get(user_id)
        if last is not None and now - last < self.notice_seconds:
            return False
        self._noticed[user_id] = now
        return True

    def __len__(self) -> int:
        return len(self._buckets)
