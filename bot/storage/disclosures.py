"""Disclosures (厂务公开), their posts in group chats and who read them. A post's
delivery (status, message id) is read from its outbox row, never copied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.disclosures import Attachment, Disclosure, Progress, Status
from bot.storage import audit
from bot.storage.db import Database, Row, Tx, from_ts, ts


@dataclass(frozen=True)
class NewDisclosure:
    category: str
    period: str
    title: str
    body: str
    drafted_by: int
    chats: tuple[int, ...]
    attachment: Attachment = Attachment.NONE
    file_id: str | None = None
    file_name: str | None = None
    images: tuple[int, ...] = ()
    pin: bool = False
    parent_id: int | None = None


@dataclass(frozen=True)
class Post:
    disclosure_id: int
    chat_id: int  # where it was queued (the outbox row follows a group's migration)
    outbox_id: int
    status: str
    message_id: int | None
    error: str | None
    pin_outbox_id: int | None
    pin_status: str | None
    pin_error: str | None
    shown_count: int
    count_edit_at: datetime | None
    sent_to: int  # the chat it went to


def _disclosure(row: Row, images: tuple[int, ...] = ()) -> Disclosure:
    created = from_ts(row["created_at"])
    assert created is not None
    return Disclosure(
        id=row["id"], category=row["category"], period=row["period"], title=row["title"],
        body=row["body"], status=Status(row["status"]), drafted_by=row["drafted_by"],
        created_at=created, parent_id=row["parent_id"],
        attachment=Attachment(row["attachment"]), file_id=row["file_id"],
        file_name=row["file_name"], pin=bool(row["pin"]), decided_by=row["decided_by"],
        decided_at=from_ts(row["decided_at"]), return_comment=row["return_comment"],
        replaced_by=row["replaced_by"], images=images)


_POSTS = ("SELECT p.*, o.status, o.message_id, o.error, o.chat_id AS sent_to,"
          " q.status AS pin_status, q.error AS pin_error FROM disclosure_posts p"
          " JOIN outbox o ON o.id = p.outbox_id LEFT JOIN outbox q ON q.id = p.pin_outbox_id")


def _post(row: Row) -> Post:
    return Post(row["disclosure_id"], row["chat_id"], row["outbox_id"], row["status"],
                row["message_id"], row["error"], row["pin_outbox_id"], row["pin_status"],
                row["pin_error"], row["shown_count"], from_ts(row["count_edit_at"]),
                row["sent_to"])


async def insert(tx: Tx, new: NewDisclosure, now: datetime) -> int:
    disclosure_id = await tx.execute(
        "INSERT INTO disclosures (parent_id, category, period, title, body, attachment,"
        " file_id, file_name, pin, status, drafted_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
        (new.parent_id, new.category, new.period, new.title, new.body, new.attachment.value,
         new.file_id, new.file_name, int(new.pin), new.drafted_by, ts(now)))
    for position, file in enumerate(new.images):
        await tx.execute("INSERT INTO disclosure_images (disclosure_id, position, file)"
                         " VALUES (?, ?, ?)", (disclosure_id, position, file))
    for chat_id in dict.fromkeys(new.chats):
        await tx.execute("INSERT INTO disclosure_targets (disclosure_id, chat_id)"
                         " VALUES (?, ?)", (disclosure_id, chat_id))
    await audit.record(tx, now, new.drafted_by, "disclosure", disclosure_id, None, "pending")
    return disclosure_id


async def decide(tx: Tx, disclosure_id: int, status: Status, by: int, now: datetime,
                 comment: str | None = None) -> bool:
    """pending → approved or returned, if still pending (the first chair wins)."""
    changed = await tx.execute(
        "UPDATE disclosures SET status = ?, decided_by = ?, decided_at = ?,"
        " return_comment = ? WHERE id = ? AND status = 'pending'",
        (status.value, by, ts(now), comment, disclosure_id))
    if changed:
        await audit.record(tx, now, by, "disclosure", disclosure_id, "pending", status.value,
                           comment)
    return bool(changed)


async def mark_replaced(tx: Tx, old_id: int, new_id: int) -> bool:
    """A returned draft submitted again: once only (an old 修改后重新提交 button then
    opens nothing)."""
    return bool(await tx.execute(
        "UPDATE disclosures SET replaced_by = ? WHERE id = ? AND status = 'returned'"
        " AND replaced_by IS NULL", (new_id, old_id)))


async def add_post(tx: Tx, disclosure_id: int, chat_id: int, outbox_id: int) -> None:
    await tx.execute("INSERT INTO disclosure_posts (disclosure_id, chat_id, outbox_id)"
                     " VALUES (?, ?, ?)", (disclosure_id, chat_id, outbox_id))


async def set_pin(tx: Tx, outbox_id: int, pin_outbox_id: int) -> bool:
    return bool(await tx.execute(
        "UPDATE disclosure_posts SET pin_outbox_id = ? WHERE outbox_id = ?"
        " AND pin_outbox_id IS NULL", (pin_outbox_id, outbox_id)))


async def set_shown(tx: Tx, disclosure_id: int, chat_id: int, count: int,
                    at: datetime) -> None:
    await tx.execute("UPDATE disclosure_posts SET shown_count = ?, count_edit_at = ?"
                     " WHERE disclosure_id = ? AND chat_id = ?",
                     (count, ts(at), disclosure_id, chat_id))


async def set_progress(tx: Tx, disclosure_id: int, at: datetime,
                       outbox_id: int | None = None) -> None:
    await tx.execute("UPDATE disclosures SET progress_at = ?,"
                     " progress_outbox_id = coalesce(?, progress_outbox_id) WHERE id = ?",
                     (ts(at), outbox_id, disclosure_id))


class DisclosureRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, disclosure_id: int) -> Disclosure | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM disclosures WHERE id = ?", (disclosure_id,))
            if row is None:
                return None
            files = await tx.fetchall("SELECT file FROM disclosure_images WHERE"
                                      " disclosure_id = ? ORDER BY position", (disclosure_id,))
        return _disclosure(row, tuple(r["file"] for r in files))

    async def listed(self, status: Status | None = None, limit: int = 10,
                     before: int | None = None) -> list[Disclosure]:
        """Newest first; originals only (corrections are shown under theirs)."""
        sql, params = "SELECT * FROM disclosures WHERE parent_id IS NULL", list[object]()
        if status is not None:
            sql += " AND status = ?"
            params.append(status.value)
        if before is not None:
            sql += " AND id < ?"
            params.append(before)
        async with self.db.read() as tx:
            rows = await tx.fetchall(sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
        return [_disclosure(r) for r in rows]

    async def created_between(self, start: datetime, end: datetime) -> list[Disclosure]:
        """Originals drafted in [start, end), oldest first (for the archive's export)."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM disclosures WHERE parent_id IS NULL AND created_at >= ?"
                " AND created_at < ? ORDER BY id", (ts(start), ts(end)))
        return [_disclosure(r) for r in rows]

    async def corrections(self, disclosure_id: int) -> list[Disclosure]:
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT * FROM disclosures WHERE parent_id = ?"
                                     " ORDER BY id", (disclosure_id,))
        return [_disclosure(r) for r in rows]

    async def targets(self, disclosure_id: int) -> list[int]:
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT chat_id FROM disclosure_targets WHERE"
                                     " disclosure_id = ? ORDER BY chat_id", (disclosure_id,))
        return [r["chat_id"] for r in rows]

    async def posts(self, disclosure_id: int) -> list[Post]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(_POSTS + " WHERE p.disclosure_id = ? ORDER BY p.chat_id",
                                     (disclosure_id,))
        return [_post(r) for r in rows]

    async def post_by_outbox(self, outbox_id: int) -> Post | None:
        async with self.db.read() as tx:
            row = await tx.fetchone(_POSTS + " WHERE p.outbox_id = ?", (outbox_id,))
        return _post(row) if row else None

    async def post_at(self, disclosure_id: int, chat_id: int, message_id: int) -> Post | None:
        """The post a button was pressed under: this disclosure's, in this chat, this
        very message (a forged press on another message finds nothing)."""
        async with self.db.read() as tx:
            row = await tx.fetchone(
                _POSTS + " WHERE p.disclosure_id = ? AND o.chat_id = ? AND o.message_id = ?"
                " AND o.status = 'sent'", (disclosure_id, chat_id, message_id))
        return _post(row) if row else None

    async def progress(self, disclosure_id: int) -> Progress:
        async with self.db.read() as tx:
            row = await tx.fetchone(
                "SELECT count(*) AS total, sum(o.status = 'sent') AS sent,"
                " sum(o.status = 'failed') AS failed, sum(o.status = 'uncertain') AS unsure"
                " FROM disclosure_posts p JOIN outbox o ON o.id = p.outbox_id"
                " WHERE p.disclosure_id = ?", (disclosure_id,))
        assert row is not None
        return Progress(row["total"], row["sent"] or 0, row["failed"] or 0, row["unsure"] or 0)

    async def progress_state(self, disclosure_id: int) -> tuple[datetime | None, int | None]:
        """When the drafter's progress line was last updated, and its message id."""
        async with self.db.read() as tx:
            row = await tx.fetchone(
                "SELECT d.progress_at, o.message_id FROM disclosures d LEFT JOIN outbox o"
                " ON o.id = d.progress_outbox_id AND o.status = 'sent' WHERE d.id = ?",
                (disclosure_id,))
        return (from_ts(row["progress_at"]), row["message_id"]) if row else (None, None)

    async def unreported(self, kind: str) -> list[int]:
        """Disclosures with posts whose final report (ledger `kind`) has not gone yet."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT DISTINCT p.disclosure_id AS id FROM disclosure_posts p"
                " LEFT JOIN notification_ledger l ON l.kind = ?"
                " AND l.item = 'disclosure:' || p.disclosure_id"
                " WHERE l.item IS NULL ORDER BY id", (kind,))
        return [r["id"] for r in rows]

    async def add_read(self, disclosure_id: int, chat_id: int, member_id: int,
                       now: datetime) -> bool:
        """已阅: True the first time this member reads it in this chat."""
        async with self.db.tx() as tx:
            return bool(await tx.execute(
                "INSERT INTO disclosure_reads (disclosure_id, chat_id, member_id, read_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (disclosure_id, chat_id, member_id, ts(now))))

    async def read_counts(self, disclosure_id: int) -> dict[int, int]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT chat_id, count(*) AS n FROM disclosure_reads WHERE disclosure_id = ?"
                " GROUP BY chat_id", (disclosure_id,))
        return {r["chat_id"]: r["n"] for r in rows}

    async def questions(self, disclosure_id: int) -> list[int]:
        """Cards raised with 有疑问 under it (or under one of its corrections)."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT id FROM cards WHERE disclosure_id = ? OR disclosure_id IN"
                " (SELECT id FROM disclosures WHERE parent_id = ?) ORDER BY id",
                (disclosure_id, disclosure_id))
        return [r["id"] for r in rows]
