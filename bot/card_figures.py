"""Monthly card figures per team — "58 raised, 53 implemented" — counted from the cards
raised in a month, whatever has happened to them since. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.cards import UNREPLIED, Card, CardStatus, Outcome, Rating, replied_on_time


@dataclass
class CardFigures:
    raised: int = 0
    accepted: int = 0
    returned: int = 0
    duplicate: int = 0
    replied_on_time: int = 0
    replied_late: int = 0
    overdue_open: int = 0
    implemented: int = 0
    partial: int = 0
    declined: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0

    def add(self, other: CardFigures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def month_bounds(month: str, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """'2026-11' → its first local instant and the next month's first, as aware datetimes."""
    year, number = (int(part) for part in month.split("-"))
    start = date(year, number, 1)
    end = date(year + number // 12, number % 12 + 1, 1)
    return (datetime.combine(start, time(), tz), datetime.combine(end, time(), tz))


def month_of(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m")


def count(card: Card, rating: Rating | None, today: date, tz: ZoneInfo) -> CardFigures:
    f = CardFigures(raised=1)
    if card.accepted_by is not None:
        f.accepted = 1
    if card.status is CardStatus.RETURNED:
        f.returned = 1
    if card.status is CardStatus.DUPLICATE:
        f.duplicate = 1
    if card.first_replied_at is not None:
        if replied_on_time(card.due_on, card.first_replied_at, tz):
            f.replied_on_time = 1
        else:
            f.replied_late = 1
    if card.status in UNREPLIED and today > card.due_on:
        f.overdue_open = 1
    if card.outcome is Outcome.IMPLEMENTED:
        f.implemented = 1
    elif card.outcome is Outcome.PARTIAL:
        f.partial = 1
    elif card.outcome is Outcome.DECLINED:
        f.declined = 1
    if rating is not None:
        setattr(f, rating.value, 1)
    return f


def tally(cards: list[tuple[Card, Rating | None]], today: date,
          tz: ZoneInfo) -> dict[int | None, CardFigures]:
    """Figures per team id (None: cards without a team), from (card, latest rating) pairs."""
    per_team: dict[int | None, CardFigures] = {}
    for card, rating in cards:
        per_team.setdefault(card.team_id, CardFigures()).add(count(card, rating, today, tz))
    return per_team
