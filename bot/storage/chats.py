"""Group chats the bot is in, and what each is for; private chats only when they block us."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage import audit
from bot.storage.db import Database, Row, ts

PURPOSES = ("team", "officers", "safety", "branch")


@dataclass(frozen=True)
class Chat:
    chat_id: int
    type: str
    title: str | None
    purpose: str | None
    team_id: int | None
    status: str
    migrated_to: int | None = None  # a group that became a supergroup: its new id


def _chat(row: Row) -> Chat:
    return Chat(row["chat_id"], row["type"], row["title"], row["purpose"], row["team_id"],
                row["status"], row["migrated_to"])


class ChatRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, chat_id: int) -> Chat | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM chats WHERE chat_id = ?", (chat_id,))
        return _chat(row) if row else None

    async def seen(self, chat_id: int, type_: str, title: str | None, at: datetime,
                   actor: int | None = None) -> None:
        """The bot was added to (or is active in) a chat."""
        async with self.db.tx() as tx:
            old = await tx.scalar("SELECT status FROM chats WHERE chat_id = ?", (chat_id,))
            await tx.execute(
                "INSERT INTO chats (chat_id, type, title, status, added_at, updated_at)"
                " VALUES (?, ?, ?, 'active', ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
                " type = excluded.type, title = excluded.title, status = 'active',"
                " updated_at = excluded.updated_at",
                (chat_id, type_, title, ts(at), ts(at)),
            )
            if old != "active":
                await audit.record(tx, at, actor, "chat", chat_id, old, "active")

    async def set_status(self, chat_id: int, status: str, at: datetime,
                         type_: str = "private", actor: int | None = None) -> None:
        """Removed from a group, or blocked by a user: stop sending there."""
        async with self.db.tx() as tx:
            old = await tx.scalar("SELECT status FROM chats WHERE chat_id = ?", (chat_id,))
            if old == status:
                return
            await tx.execute(
                "INSERT INTO chats (chat_id, type, status, added_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
                " status = excluded.status, updated_at = excluded.updated_at",
                (chat_id, type_, status, ts(at), ts(at)),
            )
            await audit.record(tx, at, actor, "chat", chat_id, old, status)

    async def set_purpose(self, chat_id: int, purpose: str, team_id: int | None,
                          actor: int | None, at: datetime) -> None:
        async with self.db.tx() as tx:
            old = await tx.fetchone("SELECT purpose, team_id FROM chats WHERE chat_id = ?",
                                    (chat_id,))
            await tx.execute(
                "UPDATE chats SET purpose = ?, team_id = ?, updated_at = ? WHERE chat_id = ?",
                (purpose, team_id, ts(at), chat_id),
            )
            before = f"{old['purpose']}:{old['team_id']}" if old and old["purpose"] else None
            await audit.record(tx, at, actor, "chat_purpose", chat_id, before,
                               f"{purpose}:{team_id}")

    async def migrate(self, old_id: int, new_id: int, at: datetime) -> None:
        """A group became a supergroup: the new id takes over purpose, team and pending mail."""
        async with self.db.tx() as tx:
            old = await tx.fetchone("SELECT * FROM chats WHERE chat_id = ?", (old_id,))
            if old is None:
                return
            await tx.execute(
                "INSERT INTO chats (chat_id, type, title, purpose, team_id, status, added_at,"
                " updated_at) VALUES (?, 'supergroup', ?, ?, ?, 'active', ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET purpose = excluded.purpose,"
                " team_id = excluded.team_id, status = 'active', updated_at = excluded.updated_at",
                (new_id, old["title"], old["purpose"], old["team_id"], old["added_at"], ts(at)),
            )
            await tx.execute(
                "UPDATE chats SET status = 'migrated', migrated_to = ?, updated_at = ?"
                " WHERE chat_id = ?", (new_id, ts(at), old_id),
            )
            await tx.execute(
                "UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'pending'",
                (new_id, old_id),
            )
            # What was posted once to the group (a monthly summary, a weekly study
            # reminder) counts as posted to the supergroup.
            old_key, new_key = f"chat:{old_id}", f"chat:{new_id}"
            await tx.execute("UPDATE OR IGNORE notification_ledger SET item = ? WHERE item = ?",
                             (new_key, old_key))
            await tx.execute("UPDATE OR IGNORE notification_ledger SET kind = ? WHERE kind = ?",
                             (new_key, old_key))
            await audit.record(tx, at, None, "chat", old_id, old["status"], "migrated",
                               f"to {new_id}")

    async def with_purpose(self, purpose: str, team_id: int | None = None) -> list[Chat]:
        sql = "SELECT * FROM chats WHERE purpose = ? AND status = 'active'"
        params: tuple[object, ...] = (purpose,)
        if team_id is not None:
            sql += " AND team_id = ?"
            params += (team_id,)
        async with self.db.read() as tx:
            rows = await tx.fetchall(sql + " ORDER BY chat_id", params)
        return [_chat(r) for r in rows]

    async def groups(self) -> list[Chat]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM chats WHERE type != 'private' ORDER BY status, chat_id")
        return [_chat(r) for r in rows]
