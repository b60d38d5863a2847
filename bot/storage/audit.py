"""The audit log: every state change of every item, in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database, Tx, ts


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor_member_id: int | None
    item_type: str
    item_id: str
    from_state: str | None
    to_state: str
    note: str | None


async def record(
    tx: Tx,
    at: datetime,
    actor_member_id: int | None,
    item_type: str,
    item_id: object,
    from_state: str | None,
    to_state: str,
    note: str | None = None,
) -> None:
    await tx.execute(
        "INSERT INTO audit_log (at, actor_member_id, item_type, item_id, from_state, to_state,"
        " note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (ts(at), actor_member_id, item_type, str(item_id), from_state, to_state, note),
    )


async def history(db: Database, item_type: str, item_id: object) -> list[AuditEntry]:
    async with db.read() as tx:
        rows = await tx.fetchall(
            "SELECT at, actor_member_id, item_type, item_id, from_state, to_state, note"
            " FROM audit_log WHERE item_type = ? AND item_id = ? ORDER BY id",
            (item_type, str(item_id)),
        )
    return [AuditEntry(*row) for row in rows]
