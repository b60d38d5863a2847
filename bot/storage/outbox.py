"""The outbox table: every message the bot sends on its own initiative passes here."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bot.outbox import OutboxItem, Status
from bot.storage.db import Database, Row, Tx, from_ts, ts


def _item(row: Row) -> OutboxItem:
    return OutboxItem(row["id"], row["chat_id"], row["method"], json.loads(row["payload"]),
                      row["priority"], row["attempts"], row["ref"])


async def enqueue(tx: Tx, chat_id: int, method: str, payload: dict[str, Any],
                  not_before: datetime, now: datetime, priority: int = 0,
                  ref: str | None = None) -> int:
    return await tx.execute(
        "INSERT INTO outbox (chat_id, method, payload, priority, not_before, status, created_at,"
        " ref) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
        (chat_id, method, json.dumps(payload, ensure_ascii=False), priority, ts(not_before),
         ts(now), ref),
    )


async def give_up(tx: Tx, outbox_id: int, error: str) -> None:
    """Mark a message queued for the record as failed without trying it (its chat is
    known to be out of reach)."""
    await tx.execute("UPDATE outbox SET status = 'failed', error = ?, sent_at = NULL"
                     " WHERE id = ? AND status = 'pending'", (error, outbox_id))


async def add_file(tx: Tx, filename: str, data: bytes, now: datetime) -> int:
    """An image the bot made (a score board, a chart), for a payload to name as
    {"file": id} where Telegram expects a photo."""
    return await tx.execute("INSERT INTO outbox_files (filename, data, created_at)"
                            " VALUES (?, ?, ?)", (filename, data, ts(now)))


class OutboxRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def due(self, now: datetime, limit: int = 200) -> list[OutboxItem]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM outbox WHERE status = 'pending' AND not_before <= ?"
                " ORDER BY priority DESC, id LIMIT ?", (ts(now), limit),
            )
        return [_item(r) for r in rows]

    async def next_due(self) -> datetime | None:
        async with self.db.read() as tx:
            value = await tx.scalar("SELECT min(not_before) FROM outbox WHERE status = 'pending'")
        return from_ts(value)

    async def claim(self, item_id: int) -> bool:
        """pending → sending, committed before the request goes out."""
        async with self.db.tx() as tx:
            return bool(await tx.execute(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1"
                " WHERE id = ? AND status = 'pending'", (item_id,),
            ))

    async def finish(self, item_id: int, status: Status, now: datetime,
                     not_before: datetime | None = None, message_id: int | None = None,
                     error: str | None = None) -> None:
        async with self.db.tx() as tx:
            await tx.execute(
                "UPDATE outbox SET status = ?, not_before = coalesce(?, not_before),"
                " message_id = coalesce(?, message_id), error = ?,"
                " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
                (status, ts(not_before) if not_before else None, message_id, error, status,
                 ts(now), item_id),
            )
            # A message to an anonymous author is forgotten once it is out of our hands.
            await tx.execute(
                "UPDATE outbox SET payload = '{}', chat_id = 0 WHERE id = ? AND ref = 'sealed'"
                " AND status NOT IN ('pending', 'sending')", (item_id,))

    async def redirect(self, item_id: int, chat_id: int) -> None:
        async with self.db.tx() as tx:
            await tx.execute("UPDATE outbox SET chat_id = ? WHERE id = ?", (chat_id, item_id))

    async def recover(self) -> int:
        """After a crash: what was mid-send may have arrived, so it is never sent again."""
        async with self.db.tx() as tx:
            return await tx.execute(
                "UPDATE outbox SET status = 'uncertain', error = 'interrupted by a restart'"
                " WHERE status = 'sending'")

    async def fail_pending_for_chat(self, chat_id: int, error: str) -> int:
        async with self.db.tx() as tx:
            return await tx.execute(
                "UPDATE outbox SET status = 'failed', error = ? WHERE chat_id = ?"
                " AND status = 'pending'", (error, chat_id))

    async def counts(self, ref: str | None = None) -> dict[str, int]:
        sql = "SELECT status, count(*) FROM outbox"
        params: tuple[object, ...] = ()
        if ref is not None:
            sql += " WHERE ref = ?"
            params = (ref,)
        async with self.db.read() as tx:
            rows = await tx.fetchall(sql + " GROUP BY status", params)
        return {row[0]: row[1] for row in rows}

    async def get(self, item_id: int) -> dict[str, Any] | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM outbox WHERE id = ?", (item_id,))
        return dict(row) if row else None

    async def file(self, file_id: int) -> tuple[str, bytes] | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT filename, data FROM outbox_files WHERE id = ?",
                                    (file_id,))
        return (row["filename"], bytes(row["data"])) if row else None


async def refresh_pending(tx: Tx, ref: str, payload: dict[str, Any]) -> int:
    """Replace the payload of a message with this ref still waiting to go (an update
    that is due anyway takes the newest content); how many were changed."""
    return await tx.execute(
        "UPDATE outbox SET payload = ? WHERE ref = ? AND status = 'pending'",
        (json.dumps(payload, ensure_ascii=False), ref))


async def record_once(tx: Tx, item: str, kind: str, period: str, now: datetime) -> bool:
    """The notification ledger: True the first time (item, kind, period) is seen, ever."""
    return bool(await tx.execute(
        "INSERT INTO notification_ledger (item, kind, period, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (item, kind, period) DO NOTHING", (item, kind, period, ts(now)),
    ))


async def recorded(db: Database, item: str, kind: str, period: str) -> bool:
    """Whether (item, kind, period) is in the ledger already."""
    async with db.read() as tx:
        return bool(await tx.scalar(
            "SELECT 1 FROM notification_ledger WHERE item = ? AND kind = ? AND period = ?",
            (item, kind, period)))


async def recorded_among(db: Database, items: Iterable[str],
                         chunk: int = 500) -> set[tuple[str, str, str]]:
    """Every (item, kind, period) in the ledger for these items: what a sweep rule need
    not make again."""
    wanted = list(dict.fromkeys(items))
    found: set[tuple[str, str, str]] = set()
    for start in range(0, len(wanted), chunk):  # a read each: others may go between
        part = wanted[start:start + chunk]
        async with db.read() as tx:
            rows = await tx.fetchall(
                "SELECT item, kind, period FROM notification_ledger WHERE item IN"
                f" ({', '.join('?' * len(part))})", part)
        found.update((r[0], r[1], r[2]) for r in rows)
    return found


async def link_ledger(tx: Tx, item: str, kind: str, period: str, outbox_id: int) -> None:
    await tx.execute(
        "UPDATE notification_ledger SET outbox_id = ? WHERE item = ? AND kind = ? AND period = ?",
        (outbox_id, item, kind, period),
    )
