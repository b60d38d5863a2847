"""Shared steps for the card tests: members, writing a card, the officer's copy."""

from __future__ import annotations

from bot.stub import BotApiStub, Message, UserHandle
from tests.e2e.test_registration import make_officer
from tests.harness import BotUnderTest

__all__ = ["make_officer", "make_worker", "write_card"]

IDENTITY_BUTTON = {"named": "实名", "anonymous": "匿名", "secret": "完全匿名"}


async def make_worker(bot: BotUnderTest, stub: BotApiStub, user_id: int, name: str,
                      team_code: str = "A1", tg_name: str | None = None) -> UserHandle:
    s = bot.services
    team = await s.teams.by_code(team_code)
    assert team is not None
    await s.members.register(user_id, name, None, team.id, None, True, bot.clock.now())
    handle = stub.user(user_id, tg_name or name)
    await handle.command("/start")
    await handle.next_message()
    return handle


async def write_card(worker: UserHandle, text: str, identity: str = "named",
                     category: str = "安全生产", photos: int = 0,
                     publish: bool = True) -> Message:
    """Write and submit a card; returns the bot's confirmation."""
    await worker.command("/card")
    await worker.press(await worker.next_message(), category)
    assert "请写下" in (await worker.next_message()).text
    await worker.send(text)
    ask_photos = await worker.next_message()
    assert "照片" in ask_photos.text
    last = ask_photos
    for n in range(photos):
        await worker.send_photo(b"\x89PNG fake photo %d" % n)
        last = await worker.next_message()
        assert f"第 {n + 1} 张" in last.text
    await worker.press(last, "完成" if photos else "跳过")
    await worker.press(await worker.next_message(), IDENTITY_BUTTON[identity])
    if identity == "named":
        await worker.press(await worker.next_message(), "同意公开" if publish else "不公开")
    preview = await worker.next_message()
    assert "请确认" in preview.text and text[:20] in preview.text
    await worker.press(preview, "提交")
    done = await worker.next_message()
    assert "#" in done.text
    return done
