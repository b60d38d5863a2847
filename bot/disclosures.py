"""厂务公开: the rules of a disclosure — its draft, who may approve it, and the pacing
of what the bot shows while and after it is broadcast. Plain Python: no Telegram, no
database."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.cards import is_blank
from bot.limits import utf16_len
from bot.members import InvalidInput

MAX_TITLE = 60
MAX_BODY = 3000  # the post, with its heading, stays one Telegram message (4096)
MAX_PERIOD = 20
MAX_COMMENT = 500
MAX_CORRECTION = 1500
MAX_UPLOAD_BYTES = 10_000_000
TABLE_SUFFIXES = (".csv", ".xlsx")


class Status(StrEnum):
    PENDING = "pending"  # waiting for a chair
    RETURNED = "returned"  # sent back to the drafter with a comment
    APPROVED = "approved"  # approved and queued to the chats


class Attachment(StrEnum):
    NONE = "none"
    PHOTO = "photo"
    DOCUMENT = "document"  # a PDF, posted as it is
    TABLE = "table"  # a CSV/XLSX, posted as images and as the original file


@dataclass(frozen=True)
class Disclosure:
    id: int
    category: str
    period: str
    title: str
    body: str
    status: Status
    drafted_by: int
    created_at: datetime
    parent_id: int | None = None
    attachment: Attachment = Attachment.NONE
    file_id: str | None = None
    file_name: str | None = None
    pin: bool = False
    decided_by: int | None = None
    decided_at: datetime | None = None
    return_comment: str | None = None
    replaced_by: int | None = None  # returned, then submitted again as this one
    images: tuple[int, ...] = ()  # outbox_files ids of a table's images

    @property
    def is_correction(self) -> bool:
        return self.parent_id is not None


# The draft's steps, in order; a step done while editing goes back to the preview.
STEPS = ("category", "period", "title", "body", "attach", "chats", "pin")
EDITABLE = ("period", "title", "body", "attach", "chats", "pin")


def next_step(step: str, editing: bool) -> str:
    if editing or step not in STEPS or step == STEPS[-1]:
        return "preview"
    return STEPS[STEPS.index(step) + 1]


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def clean_title(text: str) -> str:
    title = _one_line(text)
    if len(title) < 2 or is_blank(title):
        raise InvalidInput("disclose-title-short")
    if len(title) > MAX_TITLE:
        raise InvalidInput("disclose-title-long", limit=MAX_TITLE, length=len(title))
    return title


def clean_period(text: str) -> str:
    period = _one_line(text)
    if is_blank(period):
        raise InvalidInput("disclose-period-empty")
    if len(period) > MAX_PERIOD:
        raise InvalidInput("disclose-period-long", limit=MAX_PERIOD)
    return period


def _block(text: str, limit: int, long_key: str, empty_key: str) -> str:
    """Lines trimmed; at most `limit` as Telegram counts length (an emoji is two), so
    the post that carries it stays one message."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    body = "\n".join(lines).strip()
    if is_blank(body):
        raise InvalidInput(empty_key)
    if utf16_len(body) > limit:
        raise InvalidInput(long_key, limit=limit, length=utf16_len(body))
    return body


def clean_body(text: str) -> str:
    return _block(text, MAX_BODY, "disclose-body-long", "disclose-body-empty")


def clean_comment(text: str) -> str:
    return _block(text, MAX_COMMENT, "disclose-comment-long", "disclose-comment-empty")


def clean_correction(text: str) -> str:
    return _block(text, MAX_CORRECTION, "disclose-fix-long", "disclose-fix-empty")


def month_label(year: int, month: int, lang: str) -> str:
    if lang.startswith("zh"):
        return f"{year}年{month}月"
    return f"{year}-{month:02d}"


def recent_months(today: date, count: int = 3) -> list[tuple[int, int]]:
    """This month and the ones before it, newest first: what a disclosure is usually for."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def attachment_kind(file_name: str | None, mime: str | None) -> Attachment | None:
    """What an uploaded document is, from its name (or type); None if not taken."""
    name = (file_name or "").lower()
    if name.endswith(TABLE_SUFFIXES):
        return Attachment.TABLE
    if name.endswith(".pdf") or mime == "application/pdf":
        return Attachment.DOCUMENT
    return None


def missing(data: dict[str, Any]) -> str | None:
    """The text key naming the first part a draft still lacks, or None if complete."""
    for part in ("category", "period", "title", "body"):
        if not data.get(part):
            return f"disclose-missing-{part}"
    if not data.get("chats"):
        return "disclose-missing-chats"
    return None


def approval_refusal(is_chair: bool, member_id: int | None, drafted_by: int) -> str | None:
    """Why this person may not approve (or return) the draft, or None if they may.
    The drafter never decides on their own draft, even as a chair."""
    if not is_chair or member_id is None:
        return "disclose-chairs-only"
    if member_id == drafted_by:
        return "disclose-own-draft"
    return None


def next_edit_at(last: datetime | None, now: datetime, every_seconds: int) -> datetime:
    """When a message's 已阅 count may next be edited: now, or `every_seconds` after the
    last edit, whichever is later."""
    if last is None:
        return now
    return max(now, last + timedelta(seconds=every_seconds))


@dataclass(frozen=True)
class Progress:
    """Where a broadcast stands, counted over its chats."""

    total: int
    sent: int
    failed: int
    uncertain: int

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.uncertain

    @property
    def finished(self) -> bool:
        return self.done >= self.total


def progress_due(last: datetime | None, now: datetime, every_seconds: int,
                 progress: Progress) -> bool:
    """Whether to update the drafter's progress line now: not more often than
    `every_seconds`, and never once the broadcast is over (the report says it all)."""
    if progress.finished or progress.done == 0:
        return False
    return last is None or now - last >= timedelta(seconds=every_seconds)


def read_share(read: int, expected: int) -> str:
    """"18/22" — readers against the registered members expected in the chat; a chat
    where more read than were expected counts the readers."""
    return f"{read}/{max(read, expected)}"
