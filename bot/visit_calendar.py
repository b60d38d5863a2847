"""The visit diary's calendar and coverage: which days of a month remind officers of
their quota, which of them is due, and who was visited in the last 12 months. Plain
Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


def nag_days(month_last: date, days_of_month: list[int], before_end: list[int]) -> list[date]:
    """The month's reminder days, in order: fixed days (clamped into the month) and days
    counted back from its last day."""
    days = {month_last.replace(day=min(d, month_last.day)) for d in days_of_month}
    days |= {month_last - timedelta(days=n) for n in before_end}
    return sorted(days)


def due_nag(today: date, days: list[date]) -> date | None:
    """The latest reminder day reached by `today`: if the bot was down on an earlier one,
    that one is skipped rather than sent twice in a row."""
    reached = [d for d in days if d <= today]
    return reached[-1] if reached else None


@dataclass(frozen=True)
class Coverage:
    """Who in a group of members was visited (talk or home) since a day."""

    since: date
    visited: list[tuple[str, date]]  # name, last visit
    never: list[str]

    @property
    def size(self) -> int:
        return len(self.visited) + len(self.never)


def coverage(members: list[tuple[int, str]], last_visit: dict[int, date],
             since: date) -> Coverage:
    """Members as (id, name) and each one's last visit → who was visited since `since`
    (longest ago first) and who was not."""
    def seen(member_id: int) -> bool:
        return member_id in last_visit and last_visit[member_id] >= since

    visited = sorted(((name, last_visit[m]) for m, name in members if seen(m)),
                     key=lambda item: (item[1], item[0]))
    never = sorted(name for m, name in members if not seen(m))
    return Coverage(since, visited, never)


def year_ago(today: date) -> date:
    """The first day of the 12 months up to today."""
    try:
        return today.replace(year=today.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(today.year - 1, 3, 1)
