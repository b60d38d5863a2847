"""Receipts of 提交 presses (see migration 0008): what a press made, sealed."""

from __future__ import annotations

from datetime import datetime

from bot.storage.db import Database, Tx, ts


async def keep(tx: Tx, owner_tag: str, message_id: int, sealed: str, at: datetime) -> None:
    await tx.execute(
        "INSERT INTO submit_receipts (owner_tag, message_id, sealed, created_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (owner_tag, message_id) DO UPDATE SET"
        " sealed = excluded.sealed, said = 0, created_at = excluded.created_at",
        (owner_tag, message_id, sealed, ts(at)))


async def find(db: Database, owner_tag: str, message_id: int,
               since: datetime) -> tuple[str, bool] | None:
    """(sealed, said) of the press on that message, if kept since then."""
    async with db.read() as tx:
        row = await tx.fetchone(
            "SELECT sealed, said FROM submit_receipts WHERE owner_tag = ? AND message_id = ?"
            " AND created_at >= ?", (owner_tag, message_id, ts(since)))
    return None if row is None else (str(row[0]), bool(row[1]))


async def mark_said(db: Database, owner_tag: str, message_id: int) -> None:
    async with db.tx() as tx:
        await tx.execute("UPDATE submit_receipts SET said = 1 WHERE owner_tag = ?"
                         " AND message_id = ?", (owner_tag, message_id))


async def prune(tx: Tx, before: datetime) -> int:
    return await tx.execute("DELETE FROM submit_receipts WHERE created_at < ?", (ts(before),))
