"""学习型小家: study notes against a monthly target, and exams. Plain Python.

A study entry is one note (篇): a kind, a duration, the day it was held, and the notes
as text, a photo of the handwritten notebook, or both. Exams hold one score per
member, never above the exam's full marks.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.cards import is_blank
from bot.dates import DAY_PATTERN, folded
from bot.members import InvalidInput

MAX_NOTES = 2000
MAX_SUBJECT = 30
MAX_FULL_MARKS = 1000
EXAM_DAYS_BACK = 366


@dataclass(frozen=True)
class StudyEntry:
    id: int
    member_id: int
    team_id: int | None
    kind: str
    minutes: int
    studied_on: date
    notes: str
    created_at: datetime
    photos: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Exam:
    id: int
    team_id: int
    subject: str
    held_on: date
    full_marks: float
    created_by: int | None
    created_at: datetime
    changed_at: datetime
    posted_at: datetime | None = None

    @property
    def posted_current(self) -> bool:
        """The board was posted, and no score changed since."""
        return self.posted_at is not None and self.posted_at >= self.changed_at


_MINUTES = re.compile(r"^(\d{1,4}(?:\.\d+)?)\s*(分钟|分|min|mins|minutes|m)?$", re.I)
_HOURS = re.compile(r"^(\d{1,2}(?:\.\d+)?)\s*(小时|个小时|钟头|h|hr|hrs|hours?)$", re.I)


def parse_minutes(text: str | None, max_minutes: int) -> int:
    """'45', '45分钟', '1.5小时', '2h' → whole minutes, 1 … max_minutes."""
    plain = folded(text).replace(" ", "")
    if match := _MINUTES.match(plain):
        minutes = float(match.group(1))
    elif match := _HOURS.match(plain):
        minutes = float(match.group(1)) * 60
    else:
        raise InvalidInput("study-minutes-bad", max=max_minutes)
    whole = int(minutes + 0.5)  # 2.5 minutes is 3, not banker's 2
    if not 1 <= whole <= max_minutes:
        raise InvalidInput("study-minutes-bad", max=max_minutes)
    return whole


_RELATIVE = {"今天": 0, "今日": 0, "today": 0, "昨天": 1, "昨日": 1, "yesterday": 1,
             "前天": 2}


def parse_past_date(text: str | None, today: date, days_back: int, key: str) -> date:
    """'今天', '昨天', '11-18', '11月18日' or '2026-11-18' → a day from `days_back`
    days ago up to today. Without a year, this year's day, or last year's when this
    year's is more than half a year ahead ('12-30' in January). Errors are
    `{key}-bad`, `{key}-future` and `{key}-too-old`."""
    plain = folded(text).replace(" ", "").lower()
    if plain in _RELATIVE:
        found = today - timedelta(days=_RELATIVE[plain])
    else:
        match = DAY_PATTERN.match(plain)
        if not match:
            raise InvalidInput(f"{key}-bad")
        year, month, day = match.groups()
        candidates = []
        for y in ([int(year)] if year else [today.year, today.year - 1]):
            try:
                candidates.append(date(y, int(month), int(day)))
            except ValueError:
                continue
        if not candidates:
            raise InvalidInput(f"{key}-bad")
        found = candidates[0]
        if not year and found > today and (found - today).days > 180 and len(candidates) > 1:
            found = candidates[1]  # "12-30" typed in January is last year's
    if found > today:
        raise InvalidInput(f"{key}-future")
    if (today - found).days > days_back:
        raise InvalidInput(f"{key}-too-old", days=days_back)
    return found


def clean_notes(text: str | None) -> str:
    body = (text or "").strip()
    if is_blank(body):
        raise InvalidInput("study-notes-empty")
    if len(body) > MAX_NOTES:
        raise InvalidInput("study-notes-too-long", length=len(body), limit=MAX_NOTES)
    return body


def check_entry(notes: str, photos: list[str]) -> None:
    """A study note needs the notes as text, a photo of the notebook, or both."""
    if is_blank(notes) and not photos:
        raise InvalidInput("study-need-notes")


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[date, date]:
    """'2026-11' → (first day, last day)."""
    year, mon = (int(part) for part in month.split("-"))
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def previous_month(day: date) -> str:
    return month_of(day.replace(day=1) - timedelta(days=1))


def last_day(day: date) -> date:
    return month_bounds(month_of(day))[1]


def totals_by_kind(entries: list[StudyEntry]) -> list[tuple[str, int, int]]:
    """(kind, notes, minutes), most notes first."""
    counts: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    for entry in entries:
        counts[entry.kind] += 1
        minutes[entry.kind] += entry.minutes
    return [(kind, n, minutes[kind]) for kind, n in counts.most_common()]


def below_target(counts: dict[int, int], members: list[int], target: int) -> list[int]:
    """Members with fewer than `target` notes (no entry counts as 0)."""
    return [m for m in members if counts.get(m, 0) < target]


def nudge_day(month_last: date, days_before: int) -> date:
    return month_last - timedelta(days=days_before)


def next_weekly(today: date, weekday: int) -> date:
    """The date of the next study on ISO `weekday` (1 = Monday), today included."""
    return today + timedelta(days=(weekday - today.isoweekday()) % 7)


# Exams -------------------------------------------------------------------------------

def clean_subject(text: str | None) -> str:
    subject = " ".join((text or "").split())
    if is_blank(subject):
        raise InvalidInput("exam-subject-empty")
    if len(subject) > MAX_SUBJECT:
        raise InvalidInput("exam-subject-too-long", limit=MAX_SUBJECT)
    return subject


_NUMBER = re.compile(r"^\d{1,4}(?:\.\d{1,2})?$")


def parse_full_marks(text: str | None) -> float:
    plain = folded(text).removesuffix("分").strip()
    if not _NUMBER.match(plain) or not 0 < float(plain) <= MAX_FULL_MARKS:
        raise InvalidInput("exam-full-bad", max=MAX_FULL_MARKS)
    return float(plain)


def parse_score(text: str | None, full_marks: float) -> float:
    """A score from 0 to the full marks, at most two decimals ('85', '85.5', '８５分')."""
    plain = folded(text).removesuffix("分").strip()
    if not _NUMBER.match(plain):
        raise InvalidInput("exam-score-bad", full=fmt_score(full_marks))
    score = float(plain)
    if score > full_marks:
        raise InvalidInput("exam-score-over", full=fmt_score(full_marks))
    return score


def fmt_score(score: float) -> str:
    """85.0 → '85', 85.5 → '85.5'."""
    return f"{score:.2f}".rstrip("0").rstrip(".")


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks for scores sorted high to low; equal scores share a rank (1, 2, 2, 4)."""
    ranks: list[int] = []
    for i, score in enumerate(scores):
        ranks.append(ranks[-1] if i and score == scores[i - 1] else i + 1)
    return ranks


def average(scores: list[float]) -> float | None:
    return round(sum(scores) / len(scores), 1) if scores else None
