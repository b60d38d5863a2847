from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock, in_quiet_hours, parse_instant, quiet_hours_end

SH = ZoneInfo("Asia/Shanghai")
Q = (time(22, 0), time(7, 0))


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def test_fixed_clock_is_utc_and_moves() -> None:
    clock = FixedClock(local("2026-11-16T10:00"))
    assert clock.now().tzinfo is UTC and clock.now().hour == 2
    clock.advance(hours=1)
    assert clock.now().hour == 3
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 1, 1))


@pytest.mark.parametrize(("at", "quiet"), [
    ("2026-11-16T21:59", False), ("2026-11-16T22:00", True), ("2026-11-17T03:00", True),
    ("2026-11-17T06:59", True), ("2026-11-17T07:00", False), ("2026-11-17T12:00", False),
])
def test_quiet_hours_across_midnight(at: str, quiet: bool) -> None:
    assert in_quiet_hours(local(at), SH, *Q) is quiet


def test_held_until_morning() -> None:
    assert quiet_hours_end(local("2026-11-16T23:30"), SH, *Q) == local("2026-11-17T07:00")
    assert quiet_hours_end(local("2026-11-17T02:00"), SH, *Q) == local("2026-11-17T07:00")
    noon = local("2026-11-17T12:00")
    assert quiet_hours_end(noon, SH, *Q) == noon
    assert not in_quiet_hours(noon, SH, time(0, 0), time(0, 0))


def test_parse_instant_uses_branch_zone() -> None:
    assert parse_instant("2026-11-17T08:00", SH) == datetime(2026, 11, 17, 0, 0, tzinfo=UTC)
    assert parse_instant("2026-11-17T08:00+00:00", SH).hour == 8
