"""Sliding-window flood limits modelled on Telegram's documented broadcast limits.

Telegram's FAQ: about 30 messages per second overall, about one message per second
to a single chat (short bursts are tolerated), and at most 20 messages per minute to
one group. Every counted call (send*/edit*/copy/forward) is checked against each
window that applies; a refused call is not counted and reports how long until the
oldest entry of the violated window expires.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field


@dataclass
class FloodLimits:
    """Limits; ``None`` disables that window. Defaults mirror Telegram's FAQ."""

    global_per_s: int | None = 30
    per_chat_per_s: float | None = 1.0
    per_chat_burst: int = 3
    per_group_per_min: int | None = 20


@dataclass
class _Window:
    size: int
    seconds: float
    hits: deque[float] = field(default_factory=deque)

    def retry_after(self, now: float) -> float:
        """0 if one more hit fits now, else seconds until it does."""
        while self.hits and self.hits[0] <= now - self.seconds:
            self.hits.popleft()
        if len(self.hits) < self.size:
            return 0.0
        return self.hits[0] + self.seconds - now


class FloodTracker:
    """Holds the windows for one :class:`FloodLimits` configuration."""

    def __init__(self, limits: FloodLimits) -> None:
        self.limits = limits
        self._global: _Window | None = (
            _Window(limits.global_per_s, 1.0) if limits.global_per_s else None
        )
        self._chats: dict[int, _Window] = {}
        self._groups: dict[int, _Window] = {}

    def _windows(self, chat_id: int) -> list[_Window]:
        lim = self.limits
        found: list[_Window] = []
        if self._global is not None:
            found.append(self._global)
        if lim.per_chat_per_s:
            burst = max(1, lim.per_chat_burst)
            found.append(
                self._chats.setdefault(chat_id, _Window(burst, burst / lim.per_chat_per_s))
            )
        if chat_id < 0 and lim.per_group_per_min:
            found.append(self._groups.setdefault(chat_id, _Window(lim.per_group_per_min, 60.0)))
        return found

    def check(self, chat_id: int, now: float) -> int:
        """Record a hit and return 0, or return retry_after seconds (>= 1) and record nothing."""
        windows = self._windows(chat_id)
        wait = max((w.retry_after(now) for w in windows), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for w in windows:
            w.hits.append(now)
        return 0
