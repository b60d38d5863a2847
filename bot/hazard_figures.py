"""Monthly hazard figures — found, confirmed, rectified on time or late, overdue — by
category, severity, team, and found per reporter (the seeds' "2,700 hidden dangers
found"). Counted over the hazards found in a month, as they stand now. Plain Python."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, fields
from datetime import date
from zoneinfo import ZoneInfo

from bot.hazards import Hazard, HazardStatus, fixed_on_time


@dataclass
class HazardFigures:
    found: int = 0
    confirmed: int = 0
    rejected: int = 0
    duplicate: int = 0
    rectified_on_time: int = 0
    rectified_late: int = 0
    overdue_open: int = 0

    def add(self, other: HazardFigures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def count(hazard: Hazard, today: date, tz: ZoneInfo) -> HazardFigures:
    f = HazardFigures(found=1)
    if hazard.confirmed_by is not None:
        f.confirmed = 1
    if hazard.status is HazardStatus.REJECTED:
        f.rejected = 1
    if hazard.status is HazardStatus.DUPLICATE:
        f.duplicate = 1
    on_time = fixed_on_time(hazard, tz)
    if on_time is True:
        f.rectified_on_time = 1
    elif on_time is False:
        f.rectified_late = 1
    if hazard.status is HazardStatus.CONFIRMED and hazard.deadline and today > hazard.deadline:
        f.overdue_open = 1
    return f


def tally(hazards: list[Hazard], today: date, tz: ZoneInfo,
          by: Callable[[Hazard], Hashable]) -> dict[Hashable, HazardFigures]:
    """Figures grouped by `by` (e.g. lambda h: h.category, h.severity, h.team_id)."""
    groups: dict[Hashable, HazardFigures] = {}
    for hazard in hazards:
        groups.setdefault(by(hazard), HazardFigures()).add(count(hazard, today, tz))
    return groups


def found_per_reporter(hazards: list[Hazard]) -> dict[int | None, int]:
    found: dict[int | None, int] = {}
    for hazard in hazards:
        found[hazard.reporter_member_id] = found.get(hazard.reporter_member_id, 0) + 1
    return found
