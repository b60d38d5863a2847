"""Shared steps for the monthly summary and weekly digest tests: a bot with the
[summaries] it needs, sweeps at set local times, and reading the albums it posts."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from bot.clock import FixedClock
from bot.jobs.sweeper import sweep
from bot.storage.db import from_ts
from bot.stub import BotApiStub, Message
from tests.harness import BotUnderTest, hold_sweeper, local, make_config

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_CHART_BYTES = 100 * 1024
SUMMARY_REF = "summary:%"


async def start_bot(stub: BotApiStub, clock: FixedClock, tmp_path: Path,
                    **summaries: Any) -> BotUnderTest:
    """The bot with `summaries` on top of the harness's (both jobs off), its own
    sweeps held so the tests sweep at the times they set."""
    # The sweeps run every rule: the daily retention would delete last month's sent
    # albums (30 days) that these tests count.
    config = make_config(tmp_path / "bot.sqlite3", stub, summaries=summaries,
                         privacy={"keep_messages_days": 3650})
    under_test = BotUnderTest(config, clock)
    await under_test.start()
    hold_sweeper(under_test)
    return under_test


async def sweep_at(bot: BotUnderTest, when: str) -> int:
    """The whole sweep as the running bot's job runs it, with the clock at `when`
    (Shanghai wall-clock time); how many reminders it newly queued (the monthly
    summary queues its albums itself and is not counted)."""
    bot.clock.set(local(when))
    return await sweep(bot.services)


async def restart_and_sweep(bot: BotUnderTest) -> int:
    """A restart, and the whole sweep the bot runs as it starts."""
    await bot.restart()
    hold_sweeper(bot)
    return await sweep(bot.services)


async def settle(bot: BotUnderTest, timeout: float = 8.0) -> None:  # noqa: ASYNC109
    """Wait until the outbox has nothing due now and nothing in flight."""
    s = bot.services
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        due = await s.outbox.due(s.clock.now(), limit=1)
        if not due and not (await s.outbox.counts()).get("sending"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the outbox did not settle")


def albums(stub: BotApiStub, chat_id: int) -> list[list[Message]]:
    """The bot's albums in a chat, in order: its messages grouped by media_group_id."""
    groups: dict[str, list[Message]] = {}
    for message in stub.bot_messages(chat_id):
        group_id = message.data.get("media_group_id")
        if group_id is not None:
            groups.setdefault(str(group_id), []).append(message)
    return list(groups.values())


def summary_texts(stub: BotApiStub, chat_id: int) -> list[str]:
    """Monthly summaries sent as text (no font, or a caption too long for an album)."""
    return [m.text for m in stub.bot_messages(chat_id) if m.text and "月度小结" in m.text]


def check_album(album: list[Message]) -> str:
    """One album of the four charts as PNG photos, each within the size a phone takes;
    returns the caption (the headline) under its first photo."""
    assert len(album) == 4, [m.shown for m in album]
    for message in album:
        assert "photo" in message.data, message.shown
        assert message.photo is not None and message.photo.startswith(PNG_MAGIC)
        assert len(message.photo) <= MAX_CHART_BYTES, len(message.photo)
    assert [m.caption is not None for m in album] == [True, False, False, False]
    caption = album[0].caption
    assert caption is not None
    return caption


async def summary_rows(bot: BotUnderTest) -> list[tuple[int, str, str, str]]:
    """(chat_id, method, status, not_before as local ISO minutes) of the summaries
    queued in the outbox."""
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT chat_id, method, status, not_before FROM outbox"
                                 " WHERE ref LIKE ? ORDER BY id", (SUMMARY_REF,))
    found = []
    for r in rows:
        not_before = from_ts(r["not_before"])
        assert not_before is not None
        found.append((r["chat_id"], r["method"], r["status"],
                      not_before.astimezone(bot.config.tz).strftime("%Y-%m-%dT%H:%M")))
    return found


def digests(stub: BotApiStub, chat_id: int) -> list[str]:
    """The weekly digests a member received."""
    return [m.text for m in stub.bot_messages(chat_id) if m.text and "本周待办" in m.text]


async def digest_rows(bot: BotUnderTest) -> list[int]:
    """The chats the weekly digests were queued for, ever (one outbox row each)."""
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT chat_id FROM outbox WHERE ref LIKE ?"
                                 " ORDER BY id", ("weekly-digest:%",))
    return [r["chat_id"] for r in rows]
