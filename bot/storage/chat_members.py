"""Who is in which group, as far as the bot has seen, and so who should read what is
posted there: the registered members of a chat."""

from __future__ import annotations

from datetime import datetime

from bot.storage.db import Database, ts

# Members a chat of this purpose is for, unless seen to have left it:
# a team chat is its team's, the branch chat everyone's, the officers' chat the officers'.
_IMPLIED = {
    "team": "m.team_id = :team",
    "branch": "1",
    "officers": "EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id"
                " AND r.role IN ('officer', 'chair'))",
    "safety": "EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id"
              " AND r.role IN ('supervisor', 'chair'))",
}


def _counts(purpose: str | None) -> str:
    """Members the chat is for and not seen to leave, plus members seen in it who are
    not among those: two counts, each able to use an index."""
    implied = f"coalesce(({_IMPLIED.get(purpose or '', '0')}), 0)"  # a NULL team: none
    return (
        "SELECT (SELECT count(*) FROM members m WHERE m.status = 'active' AND "
        f"{implied} AND NOT EXISTS (SELECT 1 FROM chat_members c WHERE c.chat_id = :chat"
        " AND c.tg_user_id = m.tg_user_id AND c.present = 0))"
        " + (SELECT count(*) FROM chat_members c JOIN members m"
        " ON m.tg_user_id = c.tg_user_id WHERE c.chat_id = :chat AND c.present = 1"
        f" AND m.status = 'active' AND NOT ({implied}))")


class ChatMemberRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def seen(self, chat_id: int, tg_user_id: int, present: bool, at: datetime) -> None:
        async with self.db.tx() as tx:
            await tx.execute(
                "INSERT INTO chat_members (chat_id, tg_user_id, present, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (chat_id, tg_user_id) DO UPDATE SET"
                " present = excluded.present, updated_at = excluded.updated_at",
                (chat_id, tg_user_id, int(present), ts(at)))

    async def expected(self, chat_id: int, purpose: str | None, team_id: int | None) -> int:
        """How many registered, active members are in the chat."""
        async with self.db.read() as tx:
            return int(await tx.scalar(_counts(purpose), {"chat": chat_id, "team": team_id})
                       or 0)

    async def unread(self, disclosure_id: int, team_id: int) -> list[tuple[str, str | None]]:
        """Active members of the team who have not pressed 已阅 in any chat: (name,
        employee number), by name."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT m.name, m.employee_no FROM members m WHERE m.team_id = ?"
                " AND m.status = 'active' AND NOT EXISTS (SELECT 1 FROM disclosure_reads r"
                " WHERE r.disclosure_id = ? AND r.member_id = m.id) ORDER BY m.name, m.id",
                (team_id, disclosure_id))
        return [(r["name"], r["employee_no"]) for r in rows]

    async def team_reads(self, disclosure_id: int) -> dict[int, tuple[int, int]]:
        """Per team: (members who read it, active members)."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT m.team_id, count(*) AS total, sum(EXISTS (SELECT 1 FROM"
                " disclosure_reads r WHERE r.disclosure_id = ? AND r.member_id = m.id)) AS done"
                " FROM members m WHERE m.status = 'active' AND m.team_id IS NOT NULL"
                " GROUP BY m.team_id", (disclosure_id,))
        return {r["team_id"]: (r["done"] or 0, r["total"]) for r in rows}
