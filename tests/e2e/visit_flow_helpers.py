"""Steps for the /visit flow tests: members without a chat, reading the diary and the
draft back from the database, walking the flow to a given step, a quiet restart."""

from __future__ import annotations

from datetime import date

from bot.flows import FlowState
from bot.stub import Message, UserHandle
from bot.visits import Visit
from tests.harness import BotUnderTest, hold_sweeper

REASONS = ["住院", "家庭变故", "婚丧", "生活困难", "思想波动", "岗位变动", "其他"]
WHOM_BUTTONS = ["本班组成员", "按班组选", "没登记的人"]
FOLLOW_BUTTONS = ["不需要", "🔁 再访", "🆘 困难帮扶"]
PREVIEW_BUTTONS = ["💾 保存", "✏️ 修改", "取消"]
EDIT_BUTTONS = ["类型", "对象", "日期", "记录", "原因", "跟进", "返回"]
OFFICERS_ONLY = "民情日记只有工会委员、小组长和主席可以记。"
STALE = "这个按钮已过期，请按最新的消息操作。"
USE_BUTTONS = "请点下面的按钮选择。"
NEED_TEXT = "这一步需要输入文字。"



async def said(user: UserHandle) -> str:
    return (await user.next_message()).text or ""


async def member_id(bot: BotUnderTest, tg_user_id: int) -> int:
    member = await bot.services.members.by_tg(tg_user_id)
    assert member is not None
    return member.id


async def team_id(bot: BotUnderTest, code: str) -> int:
    team = await bot.services.teams.by_code(code)
    assert team is not None
    return team.id


async def add_member(bot: BotUnderTest, tg_user_id: int, name: str, team_code: str = "A1",
                     employee_no: str | None = None, active: bool = True) -> int:
    """A member registered straight in the database (no chat with the bot needed)."""
    member = await bot.services.members.register(
        tg_user_id, name, None, await team_id(bot, team_code), employee_no, active,
        bot.clock.now())
    return member.id


async def visits_of(bot: BotUnderTest, tg_user_id: int) -> list[Visit]:
    """Every diary entry the user wrote, newest first."""
    return await bot.services.visits.of_officer(await member_id(bot, tg_user_id),
                                                date(2000, 1, 1), date(2100, 1, 1))


async def latest(bot: BotUnderTest, tg_user_id: int) -> Visit:
    """The diary entry the user wrote last."""
    return max(await visits_of(bot, tg_user_id), key=lambda v: v.id)


async def all_visits(bot: BotUnderTest) -> int:
    async with bot.services.db.read() as tx:
        return int(await tx.scalar("SELECT count(*) FROM visits"))


async def flow_of(bot: BotUnderTest, tg_user_id: int) -> FlowState:
    state = await bot.services.flows.get(tg_user_id)
    assert state is not None, "the draft was lost"
    assert state.name == "visit"
    return state


async def start(officer: UserHandle, kind: str = "谈心") -> Message:
    """/visit and a kind: the question who it was."""
    await officer.command("/visit")
    ask = await officer.next_message()
    assert "这次是谈心还是家访" in (ask.text or ""), ask.text
    await officer.press(ask, kind)
    whom = await officer.next_message()
    assert f"{kind}对象是谁" in (whom.text or ""), whom.text
    return whom


async def to_day(officer: UserHandle, whom: str, kind: str = "谈心") -> Message:
    """/visit, a kind, a name typed that finds one member: the question which day."""
    await start(officer, kind)
    await officer.send(whom)
    ask = await officer.next_message()
    assert "哪天" in (ask.text or ""), ask.text
    return ask


async def day_to_preview(officer: UserHandle, ask_day: Message, day: str = "今天",
                         notes: str = "聊了孩子上学的事，心情不错。") -> Message:
    """From the day question to the preview: the day, notes, no occasion, no follow-up."""
    if day in ("今天", "昨天"):
        await officer.press(ask_day, day)
    else:
        await officer.send(day)
    ask = await officer.next_message()
    assert "请写下" in (ask.text or ""), ask.text
    await officer.send(notes)
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "不需要")
    preview = await officer.next_message()
    assert "请核对" in (preview.text or ""), preview.text
    return preview


async def to_preview(officer: UserHandle, whom: str, kind: str = "谈心", day: str = "今天",
                     notes: str = "聊了孩子上学的事，心情不错。") -> Message:
    return await day_to_preview(officer, await to_day(officer, whom, kind), day, notes)


async def save(officer: UserHandle, preview: Message) -> str:
    answered = await officer.press(preview, "保存")
    assert not answered.text, answered.text
    return await said(officer)


async def restart_quietly(bot: BotUnderTest) -> None:
    """Restart the bot, keeping its background sweep off (the clock may have moved)."""
    await bot.restart()
    hold_sweeper(bot)
