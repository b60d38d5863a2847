"""What a 提交 press made (bot/receipts.py), on a real database: remembered in the
transaction that stores the item, sealed (the table shows neither the person nor the
code), recalled only by the same person on the same preview, said once marked, and
forgotten after a day."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot import receipts
from bot.clock import FixedClock
from bot.config import load_config
from bot.services import Services, open_services

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
async def s(tmp_path: Path) -> AsyncIterator[Services]:
    config = tmp_path / "bot.toml"
    config.write_text(f'[telegram]\ntoken = "1:x"\n[database]\npath = "{tmp_path}/r.sqlite3"\n'
                      '[[teams]]\ncode = "A1"\nname = "一班"\n', "utf-8")
    services = await open_services(load_config(config), FixedClock(T0))
    yield services
    await services.close()


async def table(s: Services) -> list[tuple[Any, ...]]:
    async with s.db.read() as tx:
        return [tuple(r) for r in await tx.fetchall("SELECT * FROM submit_receipts")]


async def test_a_press_is_recalled_by_the_same_person_on_the_same_preview(
        s: Services) -> None:
    async with s.db.tx() as tx:
        await receipts.remember(tx, s, 3001, 77, receipts.Made("card", 12, "ABCDE-FGHJK"))
    made = await receipts.recall(s, 3001, 77)
    assert made == receipts.Made("card", 12, "ABCDE-FGHJK", said=False)
    assert await receipts.recall(s, 3002, 77) is None  # somebody else
    assert await receipts.recall(s, 3001, 78) is None  # another preview
    await receipts.said(s, 3001, 77)
    assert (await receipts.recall(s, 3001, 77)) == receipts.Made("card", 12, "ABCDE-FGHJK",
                                                                 said=True)


async def test_the_table_shows_neither_the_person_nor_the_code(s: Services) -> None:
    async with s.db.tx() as tx:
        await receipts.remember(tx, s, 3001, 77, receipts.Made("card", 12, "ABCDE-FGHJK"))
    [row] = await table(s)
    assert "3001" not in str(row) and "ABCDE" not in str(row) and "card" not in str(row)


async def test_a_rolled_back_item_leaves_no_receipt(s: Services) -> None:
    with pytest.raises(RuntimeError):
        async with s.db.tx() as tx:
            await receipts.remember(tx, s, 3001, 77, receipts.Made("hz", 3))
            raise RuntimeError("the item could not be stored")
    assert await receipts.recall(s, 3001, 77) is None


async def test_kept_a_day(s: Services) -> None:
    async with s.db.tx() as tx:
        await receipts.remember(tx, s, 3001, 77, receipts.Made("hz", 3))
    assert isinstance(s.clock, FixedClock)
    s.clock.advance(hours=23)
    assert await receipts.recall(s, 3001, 77) is not None
    s.clock.advance(hours=2)
    assert await receipts.recall(s, 3001, 77) is None
    async with s.db.tx() as tx:  # the next press anyone makes clears it away
        await receipts.remember(tx, s, 3002, 90, receipts.Made("hz", 4))
    assert len(await table(s)) == 1


async def test_no_preview_no_receipt(s: Services) -> None:
    async with s.db.tx() as tx:
        await receipts.remember(tx, s, 3001, None, receipts.Made("hz", 3))
    assert await table(s) == []
