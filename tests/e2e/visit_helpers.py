"""Shared steps for the visit diary tests: logging a talk or home visit end to end, and a
chair."""

from __future__ import annotations

from bot.stub import BotApiStub, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker
from tests.harness import BotUnderTest

__all__ = ["log_visit", "make_chair", "make_officer", "make_worker"]


async def make_chair(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, user_id: int,
                     name: str, team_code: str = "A1") -> UserHandle:
    """A registered member made chair (工会主席) by the admin."""
    return await make_officer(bot, stub, admin, user_id, name, team_code, role="工会主席")


async def log_visit(officer: UserHandle, whom: str, kind: str = "谈心", day: str = "今天",
                    notes: str = "聊了家里老人住院的事，情绪还稳定。",
                    reasons: tuple[str, ...] = ("住院",), follow: str = "不需要",
                    follow_answer: str | None = None, pick: str | None = None) -> Message:
    """/visit through to the saved reply. `whom` is typed and searched; `pick` presses
    a name among several found, or the write-as-is button when it starts with 就写."""
    await officer.command("/visit")
    await officer.press(await officer.next_message(), kind)
    assert "对象是谁" in (await officer.next_message()).text
    await officer.send(whom)
    ask = await officer.next_message()
    if pick is not None:
        await officer.press(ask, pick)
        ask = await officer.next_message()
    assert "哪天" in ask.text, ask.text
    if day in ("今天", "昨天"):
        await officer.press(ask, day)
    else:
        await officer.send(day)
    assert "请写下" in (await officer.next_message()).text
    await officer.send(notes)
    ask = await officer.next_message()
    for reason in reasons:
        await officer.press(ask, reason)
        ask = await officer.next_message()
    await officer.press(ask, "完成")
    ask = await officer.next_message()
    assert "跟进" in ask.text, ask.text
    await officer.press(ask, follow)
    if follow != "不需要":
        ask = await officer.next_message()
        assert follow_answer is not None
        if follow_answer.endswith(")") or follow_answer.endswith("）"):
            await officer.press(ask, follow_answer)
        else:
            await officer.send(follow_answer)
    preview = await officer.next_message()
    assert "请核对" in preview.text, preview.text
    await officer.press(preview, "保存")
    return await officer.next_message()
