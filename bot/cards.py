"""民主管理信息卡: the card's states, the 30-day clock and input rules. Plain Python.

A card is raised (new), accepted and forwarded to a department (accepted), answered
(replied) and given an outcome (closed); or it is returned or marked a duplicate.
A worker unhappy with the answer reopens it (back to accepted, with a fresh clock).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.members import InvalidInput

MAX_TEXT = 2000
MAX_PHOTOS = 5
MAX_REASON = 500
MAX_REPLIER = 40


class CardStatus(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    REPLIED = "replied"
    CLOSED = "closed"
    RETURNED = "returned"
    DUPLICATE = "duplicate"


class Identity(StrEnum):
    NAMED = "named"  # 实名: officers see who wrote it
    ANONYMOUS = "anonymous"  # 匿名: sealed link, reply still reaches the chat
    SECRET = "secret"  # 完全匿名: no link; receipt code and /check


class Outcome(StrEnum):
    IMPLEMENTED = "implemented"  # 已落实
    PARTIAL = "partial"  # 部分落实
    DECLINED = "declined"  # 不予采纳


class Rating(StrEnum):
    SATISFIED = "satisfied"
    BASIC = "basic"
    UNSATISFIED = "unsatisfied"


OPEN = frozenset({CardStatus.NEW, CardStatus.ACCEPTED, CardStatus.REPLIED})
UNREPLIED = frozenset({CardStatus.NEW, CardStatus.ACCEPTED})

# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[CardStatus], CardStatus]] = {
    "accept": (frozenset({CardStatus.NEW}), CardStatus.ACCEPTED),
    "return": (frozenset({CardStatus.NEW}), CardStatus.RETURNED),
    "duplicate": (frozenset({CardStatus.NEW}), CardStatus.DUPLICATE),
    "reply": (frozenset({CardStatus.ACCEPTED}), CardStatus.REPLIED),
    "outcome": (frozenset({CardStatus.REPLIED}), CardStatus.CLOSED),
    "reopen": (frozenset({CardStatus.REPLIED, CardStatus.CLOSED}), CardStatus.ACCEPTED),
}


class CardTransitionError(Exception):
    def __init__(self, current: CardStatus, action: str) -> None:
        super().__init__(f"{action} not allowed from {current}")
        self.current = current
        self.action = action


def next_status(current: CardStatus, action: str) -> CardStatus:
    sources, target = TRANSITIONS[action]
    if current not in sources:
        raise CardTransitionError(current, action)
    return target


@dataclass(frozen=True)
class Card:
    id: int
    team_id: int | None
    category: str
    body: str
    identity: Identity
    status: CardStatus
    created_at: datetime
    due_on: date
    author_member_id: int | None = None  # only for real-name cards
    publish_ok: bool = False
    department: str | None = None
    accepted_by: int | None = None
    handled_by: int | None = None
    return_reason: str | None = None
    duplicate_of: int | None = None
    first_replied_at: datetime | None = None
    rounds: int = 0
    outcome: Outcome | None = None
    outcome_reason: str | None = None
    reopened: int = 0
    photos: tuple[str, ...] = field(default_factory=tuple)
    disclosure_id: int | None = None  # raised with 有疑问 under this disclosure

    @property
    def open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class Reply:
    id: int
    card_id: int
    round: int
    body: str
    replier: str
    replier_member_id: int | None
    recorded_by: int | None
    created_at: datetime
    rating: Rating | None = None
    rating_reason: str | None = None


def is_blank(text: str) -> bool:
    """Nothing a reader could see: only spaces, control or zero-width characters."""
    return all(unicodedata.category(ch)[0] in "CZ" for ch in text)


def clean_body(text: str | None) -> str:
    body = (text or "").strip()
    if is_blank(body):
        raise InvalidInput("card-text-empty")
    if len(body) > MAX_TEXT:
        raise InvalidInput("card-text-too-long", length=len(body), limit=MAX_TEXT)
    return body


def clean_reason(text: str | None, limit: int = MAX_REASON) -> str:
    reason = " ".join((text or "").split())
    if is_blank(reason):
        raise InvalidInput("reason-empty")
    if len(reason) > limit:
        raise InvalidInput("reason-too-long", length=len(reason), limit=limit)
    return reason


def clean_replier(text: str | None) -> str:
    """Who answered, e.g. 机电科 王科长."""
    name = " ".join((text or "").split())
    if is_blank(name):
        raise InvalidInput("card-replier-empty")
    if len(name) > MAX_REPLIER:
        raise InvalidInput("card-replier-too-long", limit=MAX_REPLIER)
    return name


def clean_reply(text: str | None) -> str:
    reply = (text or "").strip()
    if is_blank(reply):
        raise InvalidInput("card-reply-empty")
    if len(reply) > MAX_TEXT:
        raise InvalidInput("card-text-too-long", length=len(reply), limit=MAX_TEXT)
    return reply


_CARD_REF = re.compile(r"^\s*(?:#|no\.?|№|第)?\s*(\d{1,9})\s*(?:号)?\s*$", re.IGNORECASE)


def parse_card_ref(text: str | None) -> int:
    """'#12', '12', 'No.12', '第12号' → 12."""
    match = _CARD_REF.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise InvalidInput("card-ref-bad")
    return int(match.group(1))


def local_date(at: datetime, tz: ZoneInfo) -> date:
    return at.astimezone(tz).date()


def due_date(raised_at: datetime, tz: ZoneInfo, reply_days: int) -> date:
    """The reply is due by the end of this local day."""
    return local_date(raised_at, tz) + timedelta(days=reply_days)


def replied_on_time(due_on: date, replied_at: datetime, tz: ZoneInfo) -> bool:
    return local_date(replied_at, tz) <= due_on


def days_left(due_on: date, today: date) -> int:
    """Positive: days to go; 0: due today; negative: days overdue."""
    return (due_on - today).days


def reminder_step(due_on: date, today: date, days_before: list[int],
                  before_time: bool = False) -> int | None:
    """Which of the before-due reminders is current today: the nearest threshold passed.

    With [7, 3, 1]: 7 from a week before, 3 from three days before, 1 the day before,
    0 on the due day; None before the first and once overdue (the digest takes over).
    `before_time`: it is not yet the time of day reminders go out, so a threshold that
    falls today has not been reached. A bot that was down across several thresholds
    sends only the current one.
    """
    left = days_left(due_on, today)
    if left < 0:
        return None
    passed = [k for k in [*days_before, 0] if left < k or (left == k and not before_time)]
    return min(passed) if passed else None


def waiting_for(card: Card) -> str:
    """The text key naming what an open card waits for."""
    return {
        CardStatus.NEW: "card-wait-accept",
        CardStatus.ACCEPTED: "card-wait-reply",
        CardStatus.REPLIED: "card-wait-outcome",
    }.get(card.status, "card-wait-nothing")


def may_publish(card: Card) -> bool:
    """公开答复: anonymous cards always (without identity); real-name ones only by consent."""
    if card.status not in (CardStatus.REPLIED, CardStatus.CLOSED):
        return False
    return card.identity is not Identity.NAMED or card.publish_ok


# Writing a card, step by step. The publish question is asked only for real-name cards.
DRAFT_STEPS = ("category", "text", "photos", "identity", "publish", "preview")
EDITABLE = ("category", "text", "photos", "identity")


def next_draft_step(step: str, identity: str | None, editing: bool = False) -> str:
    """The step after `step`; while editing from the preview, straight back to it."""
    if step == "identity":
        return "publish" if identity == Identity.NAMED else "preview"
    if editing or step == "publish":
        return "preview"
    return DRAFT_STEPS[DRAFT_STEPS.index(step) + 1]
