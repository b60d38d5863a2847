"""Shared steps for the hardening suites (issue 9): the state a refused or repeated action
must leave alone, read straight from the SQLite file, and a barrier that proves the bot
said nothing more than expected."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from bot.stub import BotApiStub, Message, UserHandle
from tests.harness import BotUnderTest

# Every table that holds the branch's state: who is who, and every item with its history.
STATE_TABLES = ("members", "member_roles", "cards", "card_replies", "card_publications",
                "hazards", "exams", "exam_scores", "study_entries", "visits", "disclosures",
                "disclosure_posts", "disclosure_reads", "audit_log", "flows")

Snapshot = dict[str, list[tuple[Any, ...]]]


def db_path(bot: BotUnderTest) -> Path:
    return Path(bot.services.config.database.path)


def snapshot(path: Path, tables: Iterable[str] = STATE_TABLES) -> Snapshot:
    """Every row of the state tables, through a read-only connection of its own."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def changes(before: Snapshot, after: Snapshot) -> dict[str, dict[str, list[Any]]]:
    """What differs, by table: rows gone and rows new (empty when nothing was written)."""
    out: dict[str, dict[str, list[Any]]] = {}
    for table, rows in before.items():
        now = after.get(table, [])
        if now != rows:
            out[table] = {"gone": [r for r in rows if r not in now],
                          "new": [r for r in now if r not in rows]}
    return out


def query(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


def text(shown: Any) -> str:
    return (getattr(shown, "text", None) or "") if shown is not None else ""


async def barrier(user: UserHandle) -> Message:
    """/help from `user`: updates are handled one at a time, in order, so once its
    answer is here every earlier update has been handled. The answer must be the next
    thing in the user's chat (anything before it was said unasked)."""
    await user.command("/help")
    reply = await user.next_message()
    assert "您的身份" in text(reply), f"unexpected message to {user.name}: {text(reply)}"
    return reply


async def settle(bot: BotUnderTest, stub: BotApiStub, *users: UserHandle) -> None:
    """Let every queued notice go out (the outbox paces them per chat), then mark
    everything so far as read."""
    for _ in range(100):
        await stub.wait_idle()
        waiting = query(db_path(bot), "SELECT count(*) FROM outbox"
                        " WHERE status IN ('pending', 'sending')")[0][0]
        if not waiting:
            break
        await asyncio.sleep(0.2)
    else:
        raise AssertionError("the outbox did not empty")
    await stub.wait_idle()
    for user in users:
        user.catch_up()


async def next_with(user: UserHandle, marker: str, limit: int = 12) -> Message:
    """The next bot message to `user` containing `marker`, skipping others."""
    for _ in range(limit):
        message = await user.next_message(timeout=15)
        if marker in text(message):
            return message
    raise AssertionError(f"no message with {marker!r} to {user.name}:\n{user.transcript()}")


async def member_id(bot: BotUnderTest, tg_user_id: int) -> int:
    member = await bot.services.members.by_tg(tg_user_id)
    assert member is not None, tg_user_id
    return member.id


async def team_id(bot: BotUnderTest, code: str) -> int:
    team = await bot.services.teams.by_code(code)
    assert team is not None, code
    return team.id


async def make_pending(bot: BotUnderTest, stub: BotApiStub, user_id: int,
                       name: str, team_code: str = "A1") -> UserHandle:
    """Someone who applied to a team (no auto-approval) and waits."""
    s = bot.services
    await s.members.register(user_id, name, None, await team_id(bot, team_code), None, False,
                             bot.clock.now())
    handle = stub.user(user_id, name)
    await handle.command("/start")
    assert "审核" in text(await handle.next_message())
    return handle
