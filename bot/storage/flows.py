"""Conversation state: one open flow per user, saved at every step so nothing is lost."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.flows import FlowState
from bot.storage.db import Database, Row, Tx, from_ts, ts


def _state(row: Row) -> FlowState:
    started, updated = from_ts(row["started_at"]), from_ts(row["updated_at"])
    assert started is not None and updated is not None
    return FlowState(row["tg_user_id"], row["name"], row["step"], json.loads(row["data"]),
                     started, updated)


class FlowRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, tg_user_id: int) -> FlowState | None:
        row = await self.db.fetchone("SELECT * FROM flows WHERE tg_user_id = ?", (tg_user_id,))
        return _state(row) if row else None

    async def save(self, state: FlowState) -> None:
        await self.db.execute(
            "INSERT INTO flows (tg_user_id, name, step, data, started_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tg_user_id) DO UPDATE SET"
            " name = excluded.name, step = excluded.step, data = excluded.data,"
            " started_at = excluded.started_at, updated_at = excluded.updated_at",
            (state.tg_user_id, state.name, state.step, _dump(state.data),
             ts(state.started_at), ts(state.updated_at)),
        )

    async def delete(self, tg_user_id: int) -> FlowState | None:
        async with self.db.tx() as tx:
            row = await tx.fetchone("SELECT * FROM flows WHERE tg_user_id = ?", (tg_user_id,))
            await tx.execute("DELETE FROM flows WHERE tg_user_id = ?", (tg_user_id,))
        return _state(row) if row else None

    async def idle_since(self, before: datetime) -> list[FlowState]:
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT * FROM flows WHERE updated_at <= ?", (ts(before),))
        return [_state(r) for r in rows]

    async def delete_if_unchanged(self, state: FlowState) -> bool:
        """Drop an idle flow unless the user moved on since it was read."""
        async with self.db.tx() as tx:
            removed = await tx.execute(
                "DELETE FROM flows WHERE tg_user_id = ? AND updated_at = ?",
                (state.tg_user_id, ts(state.updated_at)),
            )
        return bool(removed)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


async def consume(tx: Tx, state: FlowState) -> bool:
    """Delete the flow only if it is still exactly `state` (a repeated press, or one from
    before a change, consumes nothing)."""
    return bool(await tx.execute(
        "DELETE FROM flows WHERE tg_user_id = ? AND name = ? AND step = ? AND updated_at = ?",
        (state.tg_user_id, state.name, state.step, ts(state.updated_at)),
    ))
