"""Rules of the outbox: what happens after each kind of send outcome, and pacing
within Telegram's limits (1 message/s per chat, 20/min per group, ~30/s overall).
Plain Python, with monotonic times passed in."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # claimed, then the bot died or the answer was lost: never resent


class Outcome(StrEnum):
    SENT = "sent"
    RETRY_AFTER = "retry_after"  # 429
    NOT_SENT = "not_sent"  # the request surely never reached Telegram: safe to retry
    BLOCKED = "blocked"  # 403: user blocked the bot, or the bot left the group
    MIGRATED = "migrated"  # the group became a supergroup
    REJECTED = "rejected"  # 400: this message can never be sent as it is
    UNKNOWN = "unknown"  # timed out mid-request: it may have arrived


URGENT = 10  # priority of alerts that jump the queue (major hazards)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    chat_id: int
    method: str
    payload: dict[str, Any]
    priority: int
    attempts: int
    ref: str | None


@dataclass(frozen=True)
class Next:
    status: Status
    not_before: datetime | None = None


def after(outcome: Outcome, attempts: int, now: datetime, max_attempts: int,
          retry_after: float = 0.0) -> Next:
    """The item's next state after a send attempt ended with `outcome`."""
    if outcome is Outcome.SENT:
        return Next(Status.SENT)
    if outcome is Outcome.RETRY_AFTER:
        return Next(Status.PENDING, now + timedelta(seconds=max(retry_after, 1.0)))
    if outcome is Outcome.MIGRATED:
        return Next(Status.PENDING, now)
    if outcome is Outcome.NOT_SENT:
        if attempts >= max_attempts:
            return Next(Status.FAILED)
        return Next(Status.PENDING, now + timedelta(seconds=min(2**attempts, 300)))
    if outcome is Outcome.UNKNOWN:
        return Next(Status.UNCERTAIN)
    return Next(Status.FAILED)


class Pacer:
    """Decides when the next message to a chat may go, from the last ones sent."""

    def __init__(self, per_chat_seconds: float = 1.0, per_group_per_minute: int = 20) -> None:
        self.per_chat_seconds = per_chat_seconds
        self.per_group_per_minute = per_group_per_minute
        self._last: dict[int, float] = {}
        self._group_window: dict[int, deque[float]] = {}
        self._paused_until: dict[int, float] = {}

    @staticmethod
    def is_group(chat_id: int) -> bool:
        return chat_id < 0

    def wait(self, chat_id: int, now: float) -> float:
        """Seconds until a message to `chat_id` may be sent (0 = now)."""
        wait = max(0.0, self._paused_until.get(chat_id, 0.0) - now)
        last = self._last.get(chat_id)
        if last is not None:
            wait = max(wait, last + self.per_chat_seconds - now)
        window = self._group_window.get(chat_id)
        if window is not None and self.is_group(chat_id):
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self.per_group_per_minute:
                wait = max(wait, window[0] + 60.0 - now)
        return wait

    def sent(self, chat_id: int, now: float) -> None:
        self._last[chat_id] = now
        if self.is_group(chat_id):
            self._group_window.setdefault(chat_id, deque()).append(now)

    def pause(self, chat_id: int, until: float) -> None:
        self._paused_until[chat_id] = max(until, self._paused_until.get(chat_id, 0.0))

    def forget_idle(self, now: float) -> None:
        """Drop what is older than any limit, so memory stays bounded."""
        horizon = now - max(60.0, self.per_chat_seconds)
        for chat_id in [c for c, t in self._last.items() if t < horizon]:
            self._last.pop(chat_id, None)
            self._group_window.pop(chat_id, None)
        for chat_id in [c for c, t in self._paused_until.items() if t < now]:
            self._paused_until.pop(chat_id, None)


def inline_keyboard(rows: list[list[tuple[str, str]]]) -> dict[str, Any]:
    """Bot API JSON of an inline keyboard from rows of (text, callback data or URL)."""
    def button(text: str, target: str) -> dict[str, str]:
        if target.startswith(("https://", "http://", "tg://")):
            return {"text": text, "url": target}
        return {"text": text, "callback_data": target}

    return {"inline_keyboard": [[button(t, d) for t, d in row] for row in rows]}
