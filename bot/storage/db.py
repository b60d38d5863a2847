"""The SQLite database: connection, pragmas, numbered migrations, transactions.

One aiosqlite connection serves the whole bot. Every use goes through an asyncio
lock, so a transaction of one task never interleaves with statements of another.
Timestamps are stored as ISO-8601 UTC text (`ts()`); SQL stays portable
(ON CONFLICT, RETURNING) for the PostgreSQL backend that will follow.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.storage.errors import Conflict, MigrationError, StorageError

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
Row = sqlite3.Row


def ts(at: datetime) -> str:
    """A timestamp as stored: UTC, ISO-8601, second precision kept to microseconds."""
    if at.tzinfo is None:
        raise ValueError("naive datetime")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def from_ts(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order."""
    found = []
    folder = resources.files("bot.storage.migrations")
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise MigrationError(f"migration numbers must run 1..n without gaps: {versions}")
    return found


Params = Iterable[Any] | Mapping[str, Any]


def _bound(params: Params) -> tuple[Any, ...] | Mapping[str, Any]:
    """Positional parameters as a tuple; named ones (:name) as the mapping."""
    return params if isinstance(params, Mapping) else tuple(params)


class Tx:
    """Statements inside one transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; returns lastrowid for inserts, else the changed row count."""
        try:
            cursor = await self._conn.execute(sql, _bound(params))
        except sqlite3.IntegrityError as exc:
            raise Conflict(str(exc)) from exc
        except sqlite3.Error as exc:
            raise StorageError(str(exc)) from exc
        if sql.lstrip()[:6].upper() == "INSERT" and cursor.rowcount == 1:
            return int(cursor.lastrowid or 0)
        return cursor.rowcount

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        try:  # one trip to the database thread, not two (execute, then fetch)
            return list(await self._conn.execute_fetchall(sql, _bound(params)))
        except sqlite3.Error as exc:
            raise StorageError(str(exc)) from exc

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def scalar(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


class Database:
    def __init__(self, path: str, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._writer: asyncio.Task[object] | None = None

    async def connect(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = await aiosqlite.connect(self.path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=FULL")
            await conn.execute("PRAGMA foreign_keys=ON")
            # Deleted rows (a draft, a flow) are overwritten, not left in free pages.
            await conn.execute("PRAGMA secure_delete=ON")
            await conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open database {self.path}: {exc}") from exc
        self._conn = conn

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise StorageError("database is not connected")
        return self._conn

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Tx]:
        """A write transaction (BEGIN IMMEDIATE); commits on success, rolls back on error."""
        async with self._lock:
            conn = self.conn
            await conn.execute("BEGIN IMMEDIATE")
            self._writer = asyncio.current_task()
            try:
                yield Tx(conn)
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")
            finally:
                self._writer = None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """Reads that see one consistent snapshot. Inside the same task's write
        transaction they read through it (and see its changes)."""
        if self._writer is not None and self._writer is asyncio.current_task():
            yield Tx(self.conn)
            return
        async with self._lock:
            conn = self.conn
            await conn.execute("BEGIN")
            try:
                yield Tx(conn)
            finally:
                await conn.execute("COMMIT")

    async def migrate(self) -> list[int]:
        """Apply every migration not yet applied; returns the versions applied now."""
        applied_now = []
        async with self.tx() as tx:
            await tx.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in await tx.fetchall("SELECT version FROM schema_migrations")}
        known = migrations()
        if done - {v for v, _, _ in known}:
            raise MigrationError(
                f"database has migrations this code does not know: {sorted(done)}; "
                "is this an older version of the bot?"
            )
        for version, name, sql in known:
            if version in done:
                continue
            async with self.tx() as tx:
                for statement in _statements(sql):
                    await tx.execute(statement)
                await tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, ts(datetime.now(UTC))),
                )
            applied_now.append(version)
        return applied_now

    async def integrity_check(self) -> str:
        async with self.read() as tx:
            return str(await tx.scalar("PRAGMA integrity_check"))

    async def backup(self, target: str) -> None:
        """A consistent copy through SQLite's online backup API, while writes go on."""
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            async with self._lock:
                dest = await aiosqlite.connect(target)
                try:
                    await self.conn.backup(dest)
                finally:
                    await dest.close()
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot write the backup to {target}: {exc}") from exc


def _statements(sql: str) -> list[str]:
    """Split a migration file on semicolons at line ends (no triggers with bodies here)."""
    parts = [p.strip() for p in re.split(r";\s*$", sql, flags=re.MULTILINE)]
    return [p for p in parts if p and not all(line.startswith("--") for line in p.splitlines())]
