"""Idle flows expire with a message; the global error handler speaks without secrets."""

from __future__ import annotations

import logging

import pytest

from bot.jobs.sweeper import sweep
from bot.stub import BotApiStub, UserHandle
from tests.harness import TOKEN, BotUnderTest


async def test_idle_flow_expires_with_a_message(bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = stub.user(3001, "张师傅")
    await worker.command("/start")
    await worker.next_message()
    await worker.send("张三")
    await worker.next_message()
    bot.clock.advance(minutes=bot.config.conversations.idle_minutes + 1)
    assert await sweep(bot.services) == 1  # 22:01: quiet hours hold the notice
    await worker.no_message(within=0.5)
    bot.clock.advance(hours=10)  # 08:01 the next morning
    bot.services.mail.wake()
    assert "太久没有继续" in (await worker.next_message()).text
    assert await bot.services.flows.get(3001) is None
    assert await sweep(bot.services) == 0


async def test_error_handler_tells_user_and_admins_without_secrets(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    await admin.command("/start")
    await admin.next_message()
    members = bot.services.members

    async def broken(tg_user_id: int) -> None:
        raise RuntimeError("disk on fire")

    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr(members, "actor", broken)
    user = stub.user(4242, "匿名测试")
    await user.command("/help")
    assert "出了点问题" in (await user.next_message()).text
    monkeypatch.undo()
    notice = await admin.next_message()
    assert "RuntimeError" in notice.text and "4242" not in notice.text
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "bot.errors")
    assert "RuntimeError" in logged and "4242" not in logged and "匿名测试" not in logged
    assert TOKEN not in logged
