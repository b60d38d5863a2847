"""Shared steps for the hazard tests: a supervisor, reporting a hazard, the handler's copy."""

from __future__ import annotations

from bot.roles import Role
from bot.stub import BotApiStub, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker
from tests.harness import BotUnderTest

__all__ = ["make_officer", "make_supervisor", "make_worker", "next_with", "report_hazard"]


async def make_supervisor(bot: BotUnderTest, stub: BotApiStub, user_id: int, name: str,
                          team_code: str = "A1") -> UserHandle:
    handle = await make_worker(bot, stub, user_id, name, team_code)
    member = await bot.services.members.by_tg(user_id)
    assert member is not None
    await bot.services.members.grant(member.id, Role.SUPERVISOR, None, bot.clock.now())
    return handle


async def next_with(user: UserHandle, needle: str) -> Message:
    """The user's next message containing `needle` (earlier ones are skipped)."""
    while True:
        message = await user.next_message()
        if needle in (message.text or ""):
            return message


async def report_hazard(worker: UserHandle, description: str, severity: str = "一般",
                        location: str = "回风巷", category: str = "通风",
                        photos: int = 1, found: str = "刚才") -> Message:
    """Report a hazard through the whole flow; returns the bot's confirmation."""
    await worker.command("/hazard")
    await worker.press(await worker.next_message(), location)
    await worker.press(await worker.next_message(), category)
    await worker.press(await worker.next_message(), severity)
    assert "描述" in (await worker.next_message()).text
    await worker.send(description)
    last = await worker.next_message()
    for n in range(photos):
        await worker.send_photo(b"\x89PNG hazard photo %d" % n)
        last = await worker.next_message()
    await worker.press(last, "完成" if photos else "跳过")
    ask_found = await worker.next_message()
    if found in ("刚才", "1 小时前", "3 小时前"):
        await worker.press(ask_found, found)
    else:
        await worker.send(found)
    preview = await worker.next_message()
    assert "请确认" in (preview.text or ""), preview.text
    await worker.press(preview, "提交")
    return await worker.next_message()
