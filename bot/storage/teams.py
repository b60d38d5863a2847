"""Teams (班组): synced from the config at start-up; each has a join code for deep links."""

from __future__ import annotations

import secrets

from bot.members import Team
from bot.storage.db import Database, Row


def _team(row: Row) -> Team:
    return Team(row["id"], row["code"], row["name"], row["join_code"], bool(row["auto_approve"]))


class TeamRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def sync(self, teams: list[tuple[str, str, bool]]) -> None:
        """Make the stored teams match the config: add new, rename, retire missing."""
        async with self.db.tx() as tx:
            codes = [code for code, _, _ in teams]
            for code, name, auto in teams:
                await tx.execute(
                    "INSERT INTO teams (code, name, join_code, auto_approve, active)"
                    " VALUES (?, ?, ?, ?, 1) ON CONFLICT (code) DO UPDATE SET"
                    " name = excluded.name, auto_approve = excluded.auto_approve, active = 1",
                    (code, name, secrets.token_urlsafe(6).replace("-", "x").replace("_", "y"),
                     int(auto)),
                )
            marks = ",".join("?" * len(codes)) or "''"
            await tx.execute(f"UPDATE teams SET active = 0 WHERE code NOT IN ({marks})", codes)

    async def all(self) -> list[Team]:
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT * FROM teams WHERE active = 1 ORDER BY code")
        return [_team(r) for r in rows]

    async def get(self, team_id: int) -> Team | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM teams WHERE id = ?", (team_id,))
        return _team(row) if row else None

    async def by_code(self, code: str) -> Team | None:
        async with self.db.read() as tx:
            row = await tx.fetchone(
                "SELECT * FROM teams WHERE upper(code) = upper(?) AND active = 1", (code,)
            )
        return _team(row) if row else None

    async def by_join_code(self, join_code: str) -> Team | None:
        async with self.db.read() as tx:
            row = await tx.fetchone(
                "SELECT * FROM teams WHERE join_code = ? AND active = 1", (join_code,)
            )
        return _team(row) if row else None
