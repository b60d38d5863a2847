"""隐患: a hazard from discovery to verified rectification. Plain Python.

reported → confirmed (an owner and a deadline) → fixed (the owner shows a photo) →
verified (someone else accepts the fix); or rejected (不属实) or duplicate. A fix
that does not pass goes back to confirmed with a new deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.cards import is_blank
from bot.dates import coming_day
from bot.members import InvalidInput

MAX_DESCRIPTION = 1000
MAX_LOCATION = 40
MAX_OWNER = 20
MAX_PHOTOS = 5
MAX_DEADLINE_DAYS = 90


class Severity(StrEnum):
    ORDINARY = "ordinary"  # 一般
    SIGNIFICANT = "significant"  # 较大
    MAJOR = "major"  # 重大


SEVERITY_ORDER = {Severity.MAJOR: 0, Severity.SIGNIFICANT: 1, Severity.ORDINARY: 2}


class HazardStatus(StrEnum):
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    FIXED = "fixed"
    VERIFIED = "verified"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


OPEN = frozenset({HazardStatus.REPORTED, HazardStatus.CONFIRMED, HazardStatus.FIXED})

TRANSITIONS: dict[str, tuple[frozenset[HazardStatus], HazardStatus]] = {
    "confirm": (frozenset({HazardStatus.REPORTED}), HazardStatus.CONFIRMED),
    "reject": (frozenset({HazardStatus.REPORTED}), HazardStatus.REJECTED),
    "duplicate": (frozenset({HazardStatus.REPORTED}), HazardStatus.DUPLICATE),
    "fix": (frozenset({HazardStatus.CONFIRMED}), HazardStatus.FIXED),
    "verify": (frozenset({HazardStatus.FIXED}), HazardStatus.VERIFIED),
    "redo": (frozenset({HazardStatus.FIXED}), HazardStatus.CONFIRMED),
}


class HazardTransitionError(Exception):
    def __init__(self, current: HazardStatus, action: str) -> None:
        super().__init__(f"{action} not allowed from {current}")


def next_status(current: HazardStatus, action: str) -> HazardStatus:
    sources, target = TRANSITIONS[action]
    if current not in sources:
        raise HazardTransitionError(current, action)
    return target


@dataclass(frozen=True)
class Hazard:
    id: int
    team_id: int | None
    reporter_member_id: int | None
    location: str
    category: str
    severity: Severity
    description: str
    found_at: datetime
    created_at: datetime
    status: HazardStatus
    owner_member_id: int | None = None
    owner_name: str | None = None
    deadline: date | None = None
    first_deadline: date | None = None
    confirmed_by: int | None = None
    handled_by: int | None = None
    reject_reason: str | None = None
    duplicate_of: int | None = None
    fixed_at: datetime | None = None
    fixed_by: int | None = None
    redo_reason: str | None = None
    rounds: int = 0
    verified_by: int | None = None
    verified_at: datetime | None = None
    photos: tuple[str, ...] = field(default_factory=tuple)
    fix_photos: tuple[str, ...] = field(default_factory=tuple)

    @property
    def open(self) -> bool:
        return self.status in OPEN


def clean_location(text: str | None) -> str:
    place = " ".join((text or "").split())
    if is_blank(place):
        raise InvalidInput("hazard-location-empty")
    if len(place) > MAX_LOCATION:
        raise InvalidInput("hazard-location-too-long", length=len(place), limit=MAX_LOCATION)
    return place


def clean_description(text: str | None) -> str:
    body = (text or "").strip()
    if is_blank(body):
        raise InvalidInput("hazard-text-empty")
    if len(body) > MAX_DESCRIPTION:
        raise InvalidInput("hazard-text-too-long", length=len(body), limit=MAX_DESCRIPTION)
    return body


def clean_owner_name(text: str | None) -> str:
    name = " ".join((text or "").split())
    if is_blank(name) or len(name) > MAX_OWNER:
        raise InvalidInput("hazard-owner-bad", limit=MAX_OWNER)
    return name


_TIME = re.compile(
    r"^\s*(?:(\d{1,2})[-/.月](\d{1,2})(?:日\s*|\s+))?(\d{1,2})[:：点](\d{2})?\s*分?\s*$")


def parse_found_at(text: str, now: datetime, tz: ZoneInfo, max_days: int) -> datetime:
    """'14:30' (today), '11-20 14:30' or '11月20日 6点' → an aware instant, not in the
    future and not more than `max_days` back."""
    match = _TIME.match(text or "")
    if not match:
        raise InvalidInput("hazard-found-bad")
    month, day, hour, minute = match.groups()
    local_now = now.astimezone(tz)
    try:
        on = local_now.date() if month is None else date(local_now.year, int(month), int(day))
        if (on - local_now.date()).days > 180:  # "12-31" typed in January: last year
            on = on.replace(year=on.year - 1)
        found = datetime.combine(on, time(int(hour), int(minute or 0)), tz)
    except ValueError:
        raise InvalidInput("hazard-found-bad") from None
    return check_found_at(found, now, max_days)


def check_found_at(found: datetime, now: datetime, max_days: int) -> datetime:
    if found > now + timedelta(minutes=1):
        raise InvalidInput("hazard-found-future")
    if now - found > timedelta(days=max_days):
        raise InvalidInput("hazard-found-too-old", days=max_days)
    return found


def parse_deadline(text: str, today: date) -> date:
    """'2026-12-01', '12-01' or '12月1日': today or later, within 90 days."""
    return check_deadline(coming_day(text, today, "hazard-deadline-bad"), today)


def check_deadline(deadline: date, today: date) -> date:
    if deadline < today:
        raise InvalidInput("hazard-deadline-past")
    if (deadline - today).days > MAX_DEADLINE_DAYS:
        raise InvalidInput("hazard-deadline-far", days=MAX_DEADLINE_DAYS)
    return deadline


def sort_key(hazard: Hazard) -> tuple[int, date, int]:
    """Officers' list: most severe first, then the soonest deadline."""
    return (SEVERITY_ORDER[hazard.severity], hazard.deadline or date.max, hazard.id)


def may_verify(hazard: Hazard, member_id: int | None) -> bool:
    """Verification is by someone other than the owner and whoever recorded the fix."""
    return member_id is not None and member_id not in (hazard.owner_member_id,
                                                       hazard.fixed_by)


def fixed_on_time(hazard: Hazard, tz: ZoneInfo) -> bool | None:
    if hazard.status is not HazardStatus.VERIFIED or hazard.fixed_at is None:
        return None
    deadline = hazard.first_deadline or hazard.deadline
    return deadline is None or hazard.fixed_at.astimezone(tz).date() <= deadline


# Reporting, step by step.
REPORT_STEPS = ("location", "category", "severity", "description", "photos", "found",
                "preview")


def next_report_step(step: str, editing: bool = False) -> str:
    if editing:
        return "preview"
    return REPORT_STEPS[REPORT_STEPS.index(step) + 1]
