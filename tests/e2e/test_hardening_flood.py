"""Flood control: one user sending hundreds of messages while ten others use the bot.
The flooder is dropped after the burst and told once; the others are answered
promptly; the per-user buckets stay bounded. The long version (1,000 messages in a
minute) is marked slow; CI runs 300."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.stub import BotApiStub, UserHandle
from bot.throttle import Throttle
from tests.e2e.cards_helpers import make_worker
from tests.harness import BotUnderTest, make_config

NOTICE = "您发得太快了"


@pytest.fixture
async def strict_bot(stub: BotApiStub, clock: FixedClock,
                     tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """The bot with the shipped flood limits (20 updates per 10 s)."""
    config = make_config(tmp_path / "bot.sqlite3", stub,
                         flood={"max_updates": 20, "per_seconds": 10.0})
    bot = BotUnderTest(config, clock)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


async def _one_reply(user: UserHandle) -> float:
    """Seconds from /help to its answer."""
    user.catch_up()
    start = time.monotonic()
    await user.command("/help")
    await user.next_message(timeout=10)
    return time.monotonic() - start


async def _flood_while_others_work(bot: BotUnderTest, stub: BotApiStub,
                                   messages: int) -> tuple[list[float], UserHandle]:
    flooder = await make_worker(bot, stub, 9000, "刷屏者")
    others = [await make_worker(bot, stub, 9100 + n, f"职工{n}") for n in range(10)]
    waits: list[float] = []

    async def flood() -> None:
        for n in range(messages):
            await flooder.send(f"第{n}条")
            if n % 50 == 49:
                await asyncio.sleep(0.05)  # as fast as a phone could, in bursts

    async def work(user: UserHandle) -> None:
        for _ in range(3):
            waits.append(await _one_reply(user))
            await asyncio.sleep(0.2)

    await asyncio.gather(flood(), *(work(u) for u in others))
    await stub.wait_idle()
    return waits, flooder


async def _check(bot: BotUnderTest, stub: BotApiStub, messages: int) -> None:
    waits, flooder = await _flood_while_others_work(bot, stub, messages)
    p99 = statistics.quantiles(waits, n=100)[98] if len(waits) > 1 else waits[0]
    assert p99 < 2.0, f"others waited up to {max(waits):.2f} s (p99 {p99:.2f})"
    texts = [m.text or "" for m in stub.bot_messages(flooder.id)]
    assert sum(NOTICE in t for t in texts) == 1, texts[-5:]
    answered = sum(1 for t in texts if NOTICE not in t)
    assert answered <= 25, f"{answered} of the flooder's messages were answered"
    throttle: Throttle = bot.app.bot_data["throttle"]
    assert throttle.dropped >= messages - 25
    assert len(throttle) <= 11 + 2  # one bucket per user seen (and the admin)


async def test_a_flooder_is_throttled_and_the_others_answered(
        strict_bot: BotUnderTest, stub: BotApiStub) -> None:
    """刷屏者 sends 300 messages while ten workers each ask /help three times: the
    workers' answers come within 2 s (p99), the flooder gets one polite notice and no
    more than the burst is answered."""
    await _check(strict_bot, stub, 300)


@pytest.mark.slow
async def test_a_thousand_messages_in_a_minute(strict_bot: BotUnderTest,
                                               stub: BotApiStub) -> None:
    await _check(strict_bot, stub, 1000)


async def test_a_throttled_press_is_still_answered(strict_bot: BotUnderTest,
                                                   stub: BotApiStub) -> None:
    """A flooder's button press past the limit gets the notice as an alert (or an empty
    answer afterwards), never a spinner left turning."""
    user = await make_worker(strict_bot, stub, 9001, "刷按钮")
    await user.command("/lang")
    ask = await user.next_message()
    answers = [await user.press(ask, data="lang:zh-CN") for _ in range(40)]
    assert len(answers) == 40
    assert sum(1 for a in answers if NOTICE in (a.text or "")) == 1


def test_buckets_are_bounded() -> None:
    """Ten thousand and one users: the least recently seen bucket is forgotten."""
    throttle = Throttle(5, 10.0, 60.0, max_users=100)

    async def run() -> None:
        for user in range(10_001):
            assert await throttle.allow(user)

    asyncio.run(run())
    assert len(throttle) == 100
