"""A migrated database with two teams and three members, for the storage tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.storage.db import Database
from bot.storage.members import MemberRepo
from bot.storage.teams import TeamRepo


@dataclass(frozen=True)
class People:
    db: Database
    team_a: int
    team_b: int
    officer: int  # 李干事, team A, employee number 0001
    worker: int  # 张三, team A, employee number 1002
    other: int  # 王五, team B, no employee number


@asynccontextmanager
async def opened(path: Path, now: datetime) -> AsyncIterator[People]:
    db = Database(str(path))
    await db.connect()
    await db.migrate()
    try:
        teams = TeamRepo(db)
        await teams.sync([("A1", "一班", False), ("B2", "二班", False)])
        team_a, team_b = await teams.by_code("A1"), await teams.by_code("B2")
        assert team_a is not None and team_b is not None
        members = MemberRepo(db)
        officer = await members.register(1001, "李干事", None, team_a.id, "0001", True, now)
        worker = await members.register(1002, "张三", None, team_a.id, "1002", True, now)
        other = await members.register(1003, "王五", None, team_b.id, None, True, now)
        yield People(db, team_a.id, team_b.id, officer.id, worker.id, other.id)
    finally:
        await db.close()
