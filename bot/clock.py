"""One injectable clock: every "now" in the bot comes from here, always timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved; for tests, the demo and `jobs run --now`."""

    def __init__(self, at: datetime) -> None:
        self._at = to_utc(at)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = to_utc(at)

    def advance(self, **delta: float) -> datetime:
        self._at += timedelta(**delta)
        return self._at


def to_utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("naive datetime: give a timezone")
    return at.astimezone(UTC)


def parse_instant(text: str, tz: ZoneInfo) -> datetime:
    """ISO time from the command line; without an offset it is read in the branch's zone."""
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        at = at.replace(tzinfo=tz)
    return at.astimezone(UTC)


def in_quiet_hours(at: datetime, tz: ZoneInfo, start: time, end: time) -> bool:
    local = at.astimezone(tz).time()
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_hours_end(at: datetime, tz: ZoneInfo, start: time, end: time) -> datetime:
    """When a non-urgent message due at `at` may go out: `at` itself, or the end of quiet hours."""
    if not in_quiet_hours(at, tz, start, end):
        return at
    local = at.astimezone(tz)
    candidate = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate.astimezone(UTC)
