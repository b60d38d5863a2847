"""Steps shared by the 厂务公开 flow tests (tests/e2e/test_disclosures_flow.py): a branch
with an officer, a chair and team group chats; a draft typed up to its preview; an
approved disclosure with its posts in the groups; and waiting for what the bot does in
the background (posts, pins, the 已阅 count on a button)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.disclosure_helpers import make_chair, make_officer, make_worker, team_group
from tests.harness import BotUnderTest, hold_sweeper

TITLE = "2026年10月工资发放情况"
BODY = "10月工资已于11月15日发放，人均6820元。"
# The team groups a branch may have: chat id, title, team code.
GROUPS = ((-1001000000101, "综采一班群", "A1"), (-1001000000102, "掘进二班群", "B2"),
          (-1001000000103, "机电队群", "C3"))

__all__ = [
    "BODY", "GROUPS", "TITLE", "Branch", "approve_and_post", "bot_messages", "make_branch",
    "make_chair", "make_officer", "make_worker", "message_with", "restart", "said",
    "submit", "team_group", "to_pin", "to_preview", "until",
]


@dataclass
class Branch:
    officer: UserHandle  # 李委员, officer of 综采一班 (A1)
    chair: UserHandle  # 张主席, chair (a member of 机电队, C3)
    groups: list[GroupHandle]


async def make_branch(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                      groups: int = 2) -> Branch:
    """李委员 (officer of 综采一班), 张主席 (chair) and `groups` team chats with the bot
    as an admin: 综采一班群 set up by the officer, the others by the chair."""
    officer = await make_officer(bot, stub, admin, 7001, "李委员")
    chair = await make_chair(bot, stub, admin, 7002, "张主席", team_code="C3")
    handles = []
    for chat_id, title, code in GROUPS[:groups]:
        setter = officer if code == "A1" else chair
        handles.append(await team_group(stub, setter, chat_id, title, team_code=code))
    return Branch(officer, chair, handles)


async def restart(bot: BotUnderTest) -> None:
    """A redeploy: the new process would sweep at start; these tests hold that sweep."""
    await bot.restart()
    hold_sweeper(bot)


async def said(user: UserHandle) -> str:
    """The text of the next message to `user`."""
    return (await user.next_message()).text or ""


async def message_with(view: UserHandle | GroupHandle, needle: str,
                       timeout: float = 5.0) -> Message:  # noqa: ASYNC109
    """The next message in `view` containing `needle`, skipping the others."""
    deadline = time.monotonic() + timeout
    while True:
        message = await view.next_message(timeout=max(deadline - time.monotonic(), 0.01))
        if needle in (message.text or ""):
            return message


def bot_messages(stub: BotApiStub, chat_id: int) -> list[Message]:
    return [m for m in stub.messages.get(chat_id, []) if m.from_bot]


async def until(stub: BotApiStub, check: Callable[[], bool], what: str,
                timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Wait for something the bot does in the background (a pin, an edit)."""
    deadline = time.monotonic() + timeout
    while not check():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"not within {timeout}s: {what}\n{stub.transcript()}")
        await stub.wait_change(min(remaining, 0.2))


async def to_pin(drafter: UserHandle, *, category: str = "工资", title: str = TITLE,
                 body: str = BODY, chats: tuple[str, ...] = ("全部班组群",)) -> Message:
    """/disclose through the steps up to the question 置顶吗 (last month as the period)."""
    await drafter.command("/disclose")
    await drafter.press(await drafter.next_message(), category)
    ask_period = await drafter.next_message()
    await drafter.press(ask_period, ask_period.button_texts()[1])
    assert "标题" in await said(drafter)
    await drafter.send(title)
    assert "请写公开的内容" in await said(drafter)
    await drafter.send(body)
    await drafter.press(await drafter.next_message(), "不加附件")
    ask_chats = await drafter.next_message()
    for label in chats:
        await drafter.press(ask_chats, label)
        ask_chats = await drafter.next_message()
    await drafter.press(ask_chats, "完成")
    ask_pin = await drafter.next_message()
    assert "要置顶吗" in (ask_pin.text or ""), ask_pin.text
    return ask_pin


async def to_preview(drafter: UserHandle, *, category: str = "工资", title: str = TITLE,
                     body: str = BODY, chats: tuple[str, ...] = ("全部班组群",),
                     pin: bool = True) -> Message:
    """/disclose through every step to the preview (last month as the period)."""
    ask_pin = await to_pin(drafter, category=category, title=title, body=body, chats=chats)
    await drafter.press(ask_pin, "📌 置顶" if pin else "不置顶")
    preview = await drafter.next_message()
    assert "预览" in (preview.text or ""), preview.text
    return preview


async def submit(drafter: UserHandle, chair: UserHandle | None = None,
                 **draft: object) -> Message | None:
    """A draft submitted; the chair's approval request (when a chair is given)."""
    preview = await to_preview(drafter, **draft)  # type: ignore[arg-type]
    await drafter.press(preview, "提交审批")
    assert "已提交审批" in await said(drafter)
    return await message_with(chair, "待审批") if chair is not None else None


async def approve_and_post(stub: BotApiStub, branch: Branch, ask: Message,
                           groups: list[GroupHandle] | None = None) -> list[Message]:
    """The chair approves; returns the post in each group, once the drafter has the
    final report (so pins and the report are done)."""
    await branch.chair.press(ask, "批准发布")
    posts = [await message_with(g, "厂务公开 ·") for g in groups or branch.groups]
    await message_with(branch.officer, "发送完毕")
    return posts
