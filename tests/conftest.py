from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.stub import BotApiStub, UserHandle
from tests.harness import ADMIN_ID, START, TOKEN, BotUnderTest, make_config


@pytest.fixture
async def stub() -> AsyncIterator[BotApiStub]:
    server = BotApiStub(token=TOKEN, bot_id=123456, bot_username="xiaojia_bot",
                        bot_name="职工小家")
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def bot(stub: BotApiStub, clock: FixedClock, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    under_test = BotUnderTest(make_config(tmp_path / "bot.sqlite3", stub), clock)
    await under_test.start()
    try:
        yield under_test
    finally:
        await under_test.stop()


@pytest.fixture
def admin(stub: BotApiStub) -> UserHandle:
    return stub.user(ADMIN_ID, "管理员老周")
