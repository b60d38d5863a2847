"""Shared steps for the 厂务公开 tests: group chats with a purpose, a chair, and a
disclosure drafted end to end up to the chairs' approval message."""

from __future__ import annotations

from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker
from tests.e2e.visit_helpers import make_chair

__all__ = ["draft", "make_chair", "make_officer", "make_worker", "team_group"]


async def team_group(stub: BotApiStub, officer: UserHandle, chat_id: int, title: str,
                     team_code: str = "A1", admin_bot: bool = True,
                     purpose: str | None = None) -> GroupHandle:
    """A group with the bot in it (an admin, so it may pin), set up as `team_code`'s
    team chat (or `purpose`, e.g. "branch") by `officer`."""
    group = stub.group(chat_id, title)
    group.add_member(officer)
    await group.add_bot(by=officer, status="administrator" if admin_bot else "member")
    await group.next_message()  # the bot's hello
    await officer.send_to(group, f"/setchat {purpose or 'team ' + team_code}")
    await group.next_message()
    return group


async def draft(officer: UserHandle, chair: UserHandle | None, *, category: str = "工资",
                title: str = "2026年10月工资发放情况",
                body: str = "10月工资已于11月15日发放，人均6820元。",
                chats: tuple[str, ...] = ("全部班组群",), pin: bool = True,
                attach: tuple[bytes, str, str] | None = None) -> Message | None:
    """/disclose through to 提交审批; returns the chair's approval message (or None when
    no chair is given)."""
    await officer.command("/disclose")
    await officer.press(await officer.next_message(), category)
    ask_period = await officer.next_message()
    await officer.press(ask_period, ask_period.button_texts()[1])  # last month
    assert "标题" in (await officer.next_message()).text
    await officer.send(title)
    assert "请写公开的内容" in (await officer.next_message()).text
    await officer.send(body)
    ask_attach = await officer.next_message()
    if attach is None:
        await officer.press(ask_attach, "不加附件")
    else:
        data, name, mime = attach
        await officer.send_document(data, name, mime)
    ask_chats = await officer.next_message()
    for label in chats:
        await officer.press(ask_chats, label)
        ask_chats = await officer.next_message()
    await officer.press(ask_chats, "完成")
    await officer.press(await officer.next_message(), "📌 置顶" if pin else "不置顶")
    preview = await officer.next_message()
    assert "预览" in preview.text, preview.text
    await officer.press(preview, "提交审批")
    done = await officer.next_message()
    assert "已提交审批" in done.text, done.text
    if chair is None:
        return None
    while True:
        ask = await chair.next_message()
        if "待审批" in (ask.text or ""):
            return ask
