"""The update inbox: each update from Telegram stored until it is handled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database, ts


@dataclass(frozen=True)
class Stored:
    update_id: int
    payload: str | None  # None once handled


class InboxRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, update_id: int, payload: str, at: datetime) -> bool:
        """Store an update as received. False: it was already there (left as it is)."""
        row = await self.db.fetchone(
            "INSERT INTO update_inbox (update_id, payload, received_at) VALUES (?, ?, ?)"
            " ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
            (update_id, payload, ts(at)))
        return row is not None

    async def handled(self, update_id: int, at: datetime) -> None:
        """Mark an update handled and forget what it said."""
        await self.db.execute(
            "UPDATE update_inbox SET payload = NULL, handled_at = ?"
            " WHERE update_id = ? AND handled_at IS NULL", (ts(at), update_id))

    async def everything(self) -> list[Stored]:
        """Every update still held, oldest first: the unhandled with their payload."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT update_id, payload FROM update_inbox ORDER BY update_id")
        return [Stored(int(r[0]), r[1]) for r in rows]

    async def prune(self, handled_before: datetime, below: int | None = None) -> int:
        """Forget updates handled before the time (and numbered below `below`, if
        given); returns how many."""
        async with self.db.tx() as tx:
            return await tx.execute(
                "DELETE FROM update_inbox WHERE handled_at IS NOT NULL AND handled_at < ?"
                " AND (? IS NULL OR update_id < ?)", (ts(handled_before), below, below))

    async def unhandled_count(self) -> int:
        async with self.db.read() as tx:
            return int(await tx.scalar(
                "SELECT count(*) FROM update_inbox WHERE handled_at IS NULL"))
