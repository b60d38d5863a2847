"""The update inbox (bot/update_inbox.py) on a real database: an update is stored once,
sealed, and a copy is refused; handling forgets its payload; what a run left unhandled comes
back, oldest first, and only that; handled ids are kept a day and, for those Telegram
may still send again, until a newer run has moved past them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.clock import FixedClock
from bot.seal import Sealer
from bot.storage.db import Database
from bot.storage.inbox import InboxRepo
from bot.update_inbox import UpdateInbox

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SEALER = Sealer(Fernet.generate_key())


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(str(tmp_path / "inbox.sqlite3"))
    await database.connect()
    await database.migrate()
    yield database
    await database.close()


def message(update_id: int, text: str) -> dict[str, object]:
    return {"update_id": update_id, "message": {"message_id": update_id, "text": text,
                                                "date": 0, "chat": {"id": 7, "type": "private"}}}


async def test_an_update_is_stored_once_and_a_copy_is_refused(db: Database) -> None:
    inbox = UpdateInbox(InboxRepo(db), FixedClock(T0), SEALER)
    assert await inbox.receive(101, message(101, "你好"))
    assert not await inbox.receive(101, message(101, "你好"))
    await inbox.handled(101)
    assert not await inbox.receive(101, message(101, "你好"))  # handled: still refused


async def test_handling_forgets_what_the_update_said(db: Database) -> None:
    repo = InboxRepo(db)
    inbox = UpdateInbox(repo, FixedClock(T0), SEALER)
    await inbox.receive(5, message(5, "三号皮带机照明不足"))
    await inbox.handled(5)
    assert [(s.update_id, s.payload) for s in await repo.everything()] == [(5, None)]
    assert await repo.unhandled_count() == 0


async def test_what_an_update_says_is_stored_sealed(db: Database) -> None:
    repo = InboxRepo(db)
    await UpdateInbox(repo, FixedClock(T0), SEALER).receive(6, message(6, "班长克扣补贴"))
    [stored] = await repo.everything()
    assert stored.payload is not None and "班长" not in stored.payload
    assert "班长克扣补贴" in SEALER.open_text(stored.payload)


async def test_a_left_over_that_does_not_open_is_skipped(db: Database) -> None:
    repo = InboxRepo(db)
    await UpdateInbox(repo, FixedClock(T0), Sealer(Fernet.generate_key())).receive(
        7, message(7, "换过钥匙"))
    assert await UpdateInbox(repo, FixedClock(T0), SEALER).left_over() == []
    assert await repo.unhandled_count() == 0


async def test_what_a_run_left_unhandled_comes_back_oldest_first(db: Database) -> None:
    first = UpdateInbox(InboxRepo(db), FixedClock(T0), SEALER)
    for n in (12, 10, 11, 13):
        await first.receive(n, message(n, f"第{n}条"))
    await first.handled(11)
    again = UpdateInbox(InboxRepo(db), FixedClock(T0), SEALER)
    assert [u["update_id"] for u in await again.left_over()] == [10, 12, 13]
    assert (await again.left_over())[0]["message"]["text"] == "第10条"  # type: ignore[index]


async def test_handled_ids_are_kept_a_day_and_past_the_newest_run(db: Database) -> None:
    repo = InboxRepo(db)
    clock = FixedClock(T0)
    old_run = UpdateInbox(repo, clock, SEALER)
    for n in (1, 2, 3):
        await old_run.receive(n, message(n, "x"))
        await old_run.handled(n)
    await old_run.receive(4, message(4, "还没处理"))

    clock.advance(days=3)  # down for three days; Telegram sends 2 and 3 again
    new_run = UpdateInbox(repo, clock, SEALER)
    assert await new_run.prune() == 0  # nothing received yet: 2 and 3 may still come
    assert not await new_run.receive(2, message(2, "x"))
    assert not await new_run.receive(3, message(3, "x"))
    assert await new_run.prune() == 1  # 1 only: this run started at 2
    assert [s.update_id for s in await repo.everything()] == [2, 3, 4]

    clock.advance(days=31)  # whatever happens, a month later they are gone
    await new_run.receive(50, message(50, "x"))
    await new_run.handled(50)
    assert await new_run.prune() == 2
    assert [s.update_id for s in await repo.everything()] == [4, 50]  # 4 never handled
