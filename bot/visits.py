"""走访谈心: the officers' diary (民情日记) of talks (谈心) and home visits (家访), and the
monthly quota each officer keeps. Plain Python: no Telegram, no database.

A visit is one talk or home visit: whom (a registered member, or a name for someone
who is not), the day, notes, the occasions that called for it (四必访 / 五必谈), and a
follow-up: none, a second visit on a date (a reminder then), or hardship help (困难帮扶)
flagged to the chairs. Diary notes are read by their author and the chairs only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.cards import is_blank
from bot.dates import coming_day, folded
from bot.members import InvalidInput, clean_name
from bot.study import parse_past_date

MAX_NOTES = 2000
MAX_HELP = 500
PERSON_MIN, PERSON_MAX = 2, 20


class Kind(StrEnum):
    TALK = "talk"  # 谈心
    HOME = "home"  # 家访


class FollowUp(StrEnum):
    NONE = "none"
    REVISIT = "revisit"  # 再访 on a date
    HELP = "help"  # 困难帮扶, flagged to the chairs


@dataclass(frozen=True)
class Visit:
    id: int
    officer_id: int
    kind: Kind
    member_id: int | None  # None: someone not registered with the bot
    person: str  # the name as written in the diary
    team_id: int | None  # the visited member's team when it was logged
    visited_on: date
    notes: str
    reasons: tuple[str, ...]
    follow_up: FollowUp
    created_at: datetime
    revisit_on: date | None = None
    help_note: str = ""
    help_taken_by: int | None = None
    help_taken_at: datetime | None = None

    @property
    def help_open(self) -> bool:
        return self.follow_up is FollowUp.HELP and self.help_taken_by is None


@dataclass(frozen=True)
class Quota:
    """Talks and home visits an officer should hold in a month, as (least, most)."""

    talks: tuple[int, int] = (3, 5)
    homes: tuple[int, int] = (2, 4)

    def of(self, kind: Kind) -> tuple[int, int]:
        return self.talks if kind is Kind.TALK else self.homes


@dataclass(frozen=True)
class Tally:
    talks: int = 0
    homes: int = 0

    def of(self, kind: Kind) -> int:
        return self.talks if kind is Kind.TALK else self.homes


@dataclass(frozen=True)
class Missing:
    """What an officer still owes this month: talks and home visits to the minimum."""

    talks: int = 0
    homes: int = 0

    @property
    def any(self) -> bool:
        return self.talks > 0 or self.homes > 0


def missing(tally: Tally, quota: Quota) -> Missing:
    return Missing(max(0, quota.talks[0] - tally.talks), max(0, quota.homes[0] - tally.homes))


def met(tally: Tally, quota: Quota) -> bool:
    return not missing(tally, quota).any


def tally(visits: list[tuple[int, Kind]]) -> dict[int, Tally]:
    """(officer id, kind) pairs → each officer's talks and home visits."""
    talks: dict[int, int] = {}
    homes: dict[int, int] = {}
    for officer, kind in visits:
        bucket = talks if kind is Kind.TALK else homes
        bucket[officer] = bucket.get(officer, 0) + 1
    return {o: Tally(talks.get(o, 0), homes.get(o, 0)) for o in {*talks, *homes}}


def parse_visit_day(text: str | None, today: date) -> date:
    """'今天', '昨天' or a day of this month up to today. Yesterday is allowed on the 1st
    too (it counts in last month). Errors: visit-date-bad / -future / -too-old."""
    return parse_past_date(text, today, max(today.day - 1, 1), "visit-date")


def visit_day_allowed(day: date, today: date) -> bool:
    """A day a button or a stored draft may carry (the same rule as typed days)."""
    return day <= today and ((day.month == today.month and day.year == today.year)
                             or day == today - timedelta(days=1))


_AHEAD = {"明天": 1, "明日": 1, "tomorrow": 1, "后天": 2}


def parse_revisit_day(text: str | None, today: date, max_days: int) -> date:
    """'明天', '后天', '11-28', '11月28日', '2026-12-01', or a number of days ('7', '7天')
    → a day after today, at most `max_days` ahead. Without a year, the next such day.
    Errors: revisit-date-bad / -past / -far."""
    plain = folded(text).replace(" ", "").lower()
    days = plain.removesuffix("天后").removesuffix("天").removesuffix("days").removesuffix(
        "day")
    if plain in _AHEAD:
        found = today + timedelta(days=_AHEAD[plain])
    elif days.isdigit() and len(days) <= 3:
        found = today + timedelta(days=int(days))
    else:
        found = coming_day(plain, today, "revisit-date-bad")
    if found <= today:
        raise InvalidInput("revisit-date-past")
    if (found - today).days > max_days:
        raise InvalidInput("revisit-date-far", days=max_days)
    return found


def clean_visit_notes(text: str | None) -> str:
    body = (text or "").strip()
    if is_blank(body):
        raise InvalidInput("visit-notes-empty")
    if len(body) > MAX_NOTES:
        raise InvalidInput("visit-notes-too-long", length=len(body), limit=MAX_NOTES)
    return body


def clean_help_note(text: str | None) -> str:
    body = (text or "").strip()
    if is_blank(body):
        raise InvalidInput("visit-help-empty")
    if len(body) > MAX_HELP:
        raise InvalidInput("visit-help-too-long", length=len(body), limit=MAX_HELP)
    return body


def clean_person(text: str | None) -> str:
    """The name of someone not registered, as the officer writes it: 2 to 20
    characters."""
    try:
        name = clean_name(text or "")
    except InvalidInput:
        raise InvalidInput("visit-person-bad") from None
    if not PERSON_MIN <= len(name) <= PERSON_MAX:
        raise InvalidInput("visit-person-bad")
    return name


def toggle(chosen: list[str], reason: str) -> list[str]:
    """Pick or unpick one occasion, kept in the configured order by the caller."""
    return [r for r in chosen if r != reason] if reason in chosen else [*chosen, reason]


STEPS = ("kind", "whom", "day", "notes", "reasons", "follow", "preview")
# Ways of naming the person: typed and searched, picked from a team, or written down.
WHOM_STEPS = ("whom", "team", "member", "person")
EDITABLE = ("kind", "whom", "day", "notes", "reasons", "follow")


def next_step(step: str, data: dict[str, object]) -> str:
    """The draft's step after `step`: a follow-up asks its date or the hardship; an
    edit made from the preview goes back to it."""
    if step in WHOM_STEPS:
        step = "whom"
    if step == "follow":
        return {FollowUp.REVISIT.value: "revisit", FollowUp.HELP.value: "help"}.get(
            str(data.get("follow")), "preview")
    if step in ("revisit", "help", "preview") or data.get("editing"):
        return "preview"
    if step == "kind" and data.get("person"):  # started from a 再访 with the person known
        return "day"
    return STEPS[STEPS.index(step) + 1]


@dataclass(frozen=True)
class Draft:
    """The parts a finished diary entry needs, read back from a stored draft."""

    kind: Kind
    member_id: int | None
    person: str
    visited_on: date
    notes: str
    reasons: tuple[str, ...] = ()
    follow_up: FollowUp = FollowUp.NONE
    revisit_on: date | None = None
    help_note: str = ""


def check_draft(data: dict[str, object], today: date) -> Draft:
    """The draft as a diary entry; InvalidInput names the first part still missing (a
    draft kept over a month's turn may hold a day no longer allowed)."""
    kind = str(data.get("kind") or "")
    if kind not in Kind.__members__.values():
        raise InvalidInput("visit-missing-kind")
    person = str(data.get("person") or "")
    if not person:
        raise InvalidInput("visit-missing-whom")
    day = date.fromisoformat(str(data["day"])) if data.get("day") else None
    if day is None or not visit_day_allowed(day, today):
        raise InvalidInput("visit-missing-day")
    notes = str(data.get("notes") or "")
    if not notes:
        raise InvalidInput("visit-missing-notes")
    follow = FollowUp(str(data.get("follow") or FollowUp.NONE))
    revisit = date.fromisoformat(str(data["revisit_on"])) if data.get("revisit_on") else None
    if follow is FollowUp.REVISIT and (revisit is None or revisit <= today):
        raise InvalidInput("visit-missing-revisit")
    help_note = str(data.get("help_note") or "")
    if follow is FollowUp.HELP and not help_note:
        raise InvalidInput("visit-missing-help")
    member = data.get("member_id")
    reasons = data.get("reasons") or []
    assert isinstance(reasons, list)
    return Draft(Kind(kind), int(str(member)) if member is not None else None, person, day,
                 notes, tuple(str(r) for r in reasons), follow,
                 revisit if follow is FollowUp.REVISIT else None,
                 help_note if follow is FollowUp.HELP else "")
