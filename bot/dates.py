"""Days as workers type them: '2026-12-01', '12-01', '12月1日' (full-width digits too).
Plain Python; each flow adds its own limits and error texts."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from bot.members import InvalidInput

DAY_PATTERN = re.compile(r"^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$")
# A day typed without a year and gone by at most this long is taken as this year's (a
# slip the caller calls "past"), not as next year's.
RECENT_DAYS = 180


def folded(text: str | None) -> str:
    """Full-width digits and punctuation folded to ASCII, outer spaces trimmed."""
    return unicodedata.normalize("NFKC", text or "").strip()


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def coming_day(text: str | None, today: date, bad_key: str) -> date:
    """A typed day meant to lie ahead. With a year, that day. Without one, the next
    such day from today on ('01-05' typed in December is next year's; '02-29' the next
    leap year's), unless this year's went by in the last half year. Raises `bad_key`
    for text that is no day; the caller checks past and far."""
    match = DAY_PATTERN.match(folded(text).replace(" ", ""))
    if not match:
        raise InvalidInput(bad_key)
    year, month, day = match.groups()
    years = [int(year)] if year else [today.year, today.year + 1]
    valid = [d for d in (_day(y, int(month), int(day)) for y in years) if d is not None]
    if not valid:
        raise InvalidInput(bad_key)
    if year or (valid[0] < today and (today - valid[0]).days <= RECENT_DAYS):
        return valid[0]
    return next((d for d in valid if d >= today), valid[0])
