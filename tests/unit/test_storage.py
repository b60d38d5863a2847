from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.storage.db import Database, migrations
from bot.storage.errors import Conflict, MigrationError
from bot.storage.members import MemberRepo
from bot.storage.teams import TeamRepo

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


async def test_migrations_on_empty_then_existing_database(tmp_path: Path) -> None:
    db = Database(str(tmp_path / "x.sqlite3"))
    await db.connect()
    assert await db.migrate() == [v for v, _, _ in migrations()]
    assert await db.migrate() == []  # an existing database: nothing to do
    async with db.read() as tx:
        assert await tx.scalar("PRAGMA journal_mode") == "wal"
        assert await tx.scalar("PRAGMA foreign_keys") == 1
    await db.close()
    again = Database(str(tmp_path / "x.sqlite3"))
    await again.connect()
    assert await again.migrate() == []
    assert await again.integrity_check() == "ok"
    await again.close()


async def test_unknown_newer_migration_is_refused(tmp_path: Path) -> None:
    db = Database(str(tmp_path / "x.sqlite3"))
    await db.connect()
    await db.migrate()
    async with db.tx() as tx:
        await tx.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(MigrationError):
        await db.migrate()
    await db.close()


async def test_failed_transaction_rolls_back_and_conflicts_are_ours(tmp_path: Path) -> None:
    db = Database(str(tmp_path / "x.sqlite3"))
    await db.connect()
    await db.migrate()
    teams = TeamRepo(db)
    await teams.sync([("A1", "一班", False)])
    team = await teams.by_code("a1")
    assert team is not None
    members = MemberRepo(db)
    with pytest.raises(RuntimeError):
        async with db.tx() as tx:
            await tx.execute("UPDATE teams SET name = 'changed'")
            raise RuntimeError
    assert (await teams.get(team.id)).name == "一班"  # type: ignore[union-attr]
    with pytest.raises(Conflict):
        async with db.tx() as tx:
            await tx.execute("INSERT INTO teams (code, name, join_code) VALUES ('A1', 'x', 'y')")
    member = await members.register(1, "张三", None, team.id, None, False, NOW)
    changed, _ = await members.decide(member.id, "approve", None, NOW)
    again, after = await members.decide(member.id, "reject", None, NOW)
    assert changed and not again and after is not None and after.status == "active"
    await teams.sync([])
    assert await teams.all() == []
    await db.close()
