"""学习笔记 end to end: /study (kind → duration → day → notes as text and/or photos →
保存) with this month's progress, /mystudy, bad input at every step, repeated and forged
presses, restarts in the middle, and who may not log at all. The clock starts at
Mon 2026-11-16 10:00 (Shanghai)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.flows import FlowState
from bot.stub import BotApiStub, Message, UserHandle
from bot.study import StudyEntry
from tests.e2e.study_helpers import create_exam, log_study, make_officer, make_worker, xlsx_bytes
from tests.harness import BotUnderTest, hold_sweeper, local

KINDS = ["政治学习", "业务学习", "操作规程", "应知应会", "法律法规", "其他"]



@pytest.fixture(autouse=True)
async def no_background_sweep(bot: BotUnderTest) -> AsyncIterator[None]:
    """The running bot sweeps its reminder rules 0.2 s after start; these tests move
    the clock around, so the calendar's reminders must not race with them."""
    hold_sweeper(bot)
    yield


async def said(user: UserHandle) -> str:
    return (await user.next_message()).text or ""


async def member_id(bot: BotUnderTest, tg_user_id: int) -> int:
    member = await bot.services.members.by_tg(tg_user_id)
    assert member is not None
    return member.id


async def entries(bot: BotUnderTest, tg_user_id: int) -> list[StudyEntry]:
    """Everything the member logged this year, newest first, with the photos' file ids."""
    s = bot.services
    found = await s.study.of_member(await member_id(bot, tg_user_id), date(2026, 1, 1),
                                    date(2026, 12, 31))
    full = [await s.study.get(e.id) for e in found]
    assert all(e is not None for e in full)
    return [e for e in full if e is not None]


async def flow_of(bot: BotUnderTest, tg_user_id: int) -> FlowState:
    state = await bot.services.flows.get(tg_user_id)
    assert state is not None, "the draft was lost"
    assert state.name == "study"
    return state


async def to_notes_step(worker: UserHandle, kind: str = "操作规程") -> Message:
    """/study, a kind, 60 分钟, 今天; the request for the notes."""
    await worker.command("/study")
    await worker.press(await worker.next_message(), kind)
    await worker.press(await worker.next_message(), "60 分钟")
    await worker.press(await worker.next_message(), "今天")
    ask = await worker.next_message()
    assert "请发学习笔记" in (ask.text or ""), ask.text
    return ask


# ---- the whole flow, typed and tapped --------------------------------------------------

async def test_typed_answers_text_and_photos_are_saved(bot: BotUnderTest,
                                                      stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5101, "王建国")

    await worker.command("/study")
    ask_kind = await worker.next_message()
    assert "这次学的是什么" in (ask_kind.text or "")
    assert ask_kind.button_texts() == KINDS
    await worker.send("法律法规")  # typing a kind's name is as good as its button
    ask_minutes = await worker.next_message()
    assert "学了多长时间" in (ask_minutes.text or "")
    assert ask_minutes.button_texts() == ["30 分钟", "60 分钟", "90 分钟"]
    await worker.send("1.5小时")
    ask_day = await worker.next_message()
    assert "哪天学的" in (ask_day.text or "") and "7 天以内" in (ask_day.text or "")
    assert ask_day.button_texts() == ["今天", "昨天"]
    await worker.send("11月14日")
    ask_notes = await worker.next_message()
    assert "请发学习笔记" in (ask_notes.text or "") and not ask_notes.buttons

    first, second = "学习《安全生产法》第三章", "从业人员的权利和义务"
    await worker.send(first)
    got = await worker.next_message()
    assert f"已收到：文字 {len(first)} 字 · 照片 0/3 张" in (got.text or ""), got.text
    assert got.button_texts() == ["💾 保存"]
    for n in (1, 2):
        await worker.send_photo(b"\x89PNG notebook page %d" % n)
        assert f"文字 {len(first)} 字 · 照片 {n}/3 张" in await said(worker)
    await worker.send(second)
    last = await worker.next_message()
    both = f"{first}\n{second}"
    assert f"已收到：文字 {len(both)} 字 · 照片 2/3 张" in (last.text or ""), last.text
    assert await bot.services.study.count(await member_id(bot, 5101), date(2026, 11, 1),
                                          date(2026, 11, 30)) == 0  # nothing before 保存

    await worker.press(last, "保存")
    done = await said(worker)
    assert "✅ 已记录：法律法规 · 90 分钟 · 2026-11-14" in done, done
    assert "本月 1/4 篇 · 还差 3 篇" in done, done
    assert await bot.services.flows.get(5101) is None
    [entry] = await entries(bot, 5101)
    assert (entry.kind, entry.minutes, entry.studied_on) == ("法律法规", 90, date(2026, 11, 14))
    assert entry.notes == both and len(entry.photos) == 2
    assert all(entry.photos), entry.photos  # Telegram file ids, to show them again

    # Tapping all the way, with a photo only: the second note of the month.
    done = await log_study(worker, notes=None, photos=1, kind="业务学习", minutes="45",
                           day="昨天")
    assert "✅ 已记录：业务学习 · 45 分钟 · 2026-11-15" in (done.text or ""), done.text
    assert "本月 2/4 篇 · 还差 2 篇" in (done.text or ""), done.text
    newest = (await entries(bot, 5101))[0]
    assert newest.notes == "" and len(newest.photos) == 1 and newest.minutes == 45


async def test_progress_to_the_target_and_a_note_backdated_into_last_month(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5102, "李秀兰")
    bot.clock.set(local("2026-11-02T10:00"))

    done = (await log_study(worker, kind="政治学习", minutes="30 分钟", day="10-30")).text or ""
    assert "2026-10-30" in done and "10 月 1/4 篇 · 还差 3 篇" in done, done
    assert "本月" not in done
    expected = ["本月 1/4 篇 · 还差 3 篇", "本月 2/4 篇 · 还差 2 篇", "本月 3/4 篇 · 还差 1 篇",
                "本月 4/4 篇 · 已完成本月目标"]
    for n, progress in enumerate(expected):
        done = (await log_study(worker, notes=f"班前会学习第 {n + 1} 次")).text or ""
        assert "2026-11-02" in done and progress in done, (progress, done)
    done = (await log_study(worker, day="昨天")).text or ""  # 11-01: still November
    assert "本月 5/4 篇 · 已完成本月目标" in done, done
    assert len(await entries(bot, 5102)) == 6


async def test_mystudy_shows_this_month_the_year_by_kind_and_exam_scores(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    worker = await make_worker(bot, stub, 5103, "赵春生")
    mate = await make_worker(bot, stub, 5104, "钱秋月")
    officer = await make_officer(bot, stub, admin, 5105, "孙主任")
    newcomer = await make_worker(bot, stub, 5106, "周小雨")

    bot.clock.set(local("2026-11-03T10:00"))
    await log_study(worker, kind="政治学习", minutes="30 分钟", day="10-31")
    bot.clock.set(local("2026-11-16T10:00"))
    await log_study(worker, notes="学习顶板管理规定", kind="操作规程", minutes="60 分钟")
    await log_study(worker, notes=None, photos=1, kind="业务学习", minutes="90 分钟", day="昨天")
    await log_study(mate, notes="学习工会法", kind="其他", minutes="30 分钟")

    card = await create_exam(officer, subject="安全规程")
    await officer.press(card, "上传成绩表")
    await officer.next_message()
    await officer.send_document(xlsx_bytes([["姓名", "成绩"], ["赵春生", 85.5],
                                            ["钱秋月", 70]]), "scores.xlsx")
    await officer.press(await officer.next_message(), "导入")
    assert "已导入 2 人" in await said(officer)

    await worker.command("/mystudy")
    text = await said(worker)
    lines = text.splitlines()
    assert lines[0] == "📖 我的学习" and lines[1] == "本月 2/4 篇 · 还差 2 篇", text
    this_month = ["11-16 操作规程 60 分钟 · 文字 8 字", "11-15 业务学习 90 分钟 · 照片 1 张"]
    assert lines[2:4] == this_month, text  # newest first
    assert "10-31" not in text and "其他" not in text  # last month, and the mate's note
    assert "2026 年：共 3 篇，180 分钟" in lines, text
    for line in ("· 政治学习：1 篇，30 分钟", "· 操作规程：1 篇，60 分钟",
                 "· 业务学习：1 篇，90 分钟"):
        assert line in lines, (line, text)
    assert "最近的考试" in lines
    assert "· 2026-11-16 安全规程：85.5 分（满分 100）" in lines, text
    assert "70 分" not in text and "钱秋月" not in text  # the mate's score

    await newcomer.command("/mystudy")
    text = await said(newcomer)
    assert "本月 0/4 篇 · 还差 4 篇" in text and "本月还没有记学习笔记" in text, text
    assert "2026 年：共 0 篇，0 分钟" in text and "最近的考试" not in text, text


# ---- bad input --------------------------------------------------------------------------

async def test_bad_input_at_every_step_is_answered_and_the_flow_stays(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5107, "孙立新")

    async def refused(needle: str, step: str) -> Message:
        answer = await worker.next_message()
        assert needle in (answer.text or ""), (needle, answer.text)
        assert (await flow_of(bot, 5107)).step == step
        return answer

    await worker.command("/study")
    await worker.next_message()
    await worker.send("学习")
    again = await refused("请点下面的按钮选择", "kind")
    assert again.button_texts() == KINDS  # asked again, with the buttons
    await worker.send_sticker()
    await refused("这一步需要输入文字", "kind")
    await worker.send("应知应会")

    await refused("学了多长时间", "minutes")
    for bad in ("半小时", "0", "481", "9小时"):
        await worker.send(bad)
        await refused("没看懂时长", "minutes")
    await worker.send_voice()
    await refused("这一步需要输入文字", "minutes")
    await worker.send("8小时")  # 480 minutes, the most

    await refused("哪天学的", "day")
    for bad, needle in (("2026-11-17", "不能记以后的日子"), ("11-08", "只能补记 7 天以内"),
                        ("前几天", "没看懂日期"), ("11-31", "没看懂日期")):
        await worker.send(bad)
        await refused(needle, "day")
    await worker.send("11-09")  # exactly seven days back

    ask_notes = await refused("请发学习笔记", "notes")
    await worker.press(ask_notes, data="f:study:notes:save")  # 保存 with nothing yet
    await refused("请发文字笔记，或笔记本的照片", "notes")
    await worker.send_document(b"\x89PNG page as a file", "笔记.png", "image/png")
    await refused("照片请用“照片”方式发送", "notes")
    await worker.send_sticker()
    await refused("请发文字笔记，或笔记本的照片", "notes")
    await worker.send_voice()
    await refused("请发文字笔记，或笔记本的照片", "notes")
    await worker.send("   ")
    await refused("笔记内容是空的", "notes")
    assert (await flow_of(bot, 5107)).data.get("photos") in (None, [])
    for n in (1, 2, 3):
        await worker.send_photo(b"\x89PNG page %d" % n)
        await refused(f"照片 {n}/3 张", "notes")
    await worker.send_photo(b"\x89PNG page 4")
    last = await refused("最多 3 张照片，这张没有加上。发完请点【保存】", "notes")
    assert len((await flow_of(bot, 5107)).data["photos"]) == 3
    await worker.send("a" * 2001)
    await refused("笔记太长了：2001 字，最多 2000 字", "notes")

    await worker.press(last, "保存")
    assert "✅ 已记录：应知应会 · 480 分钟 · 2026-11-09" in await said(worker)
    [entry] = await entries(bot, 5107)
    assert entry.notes == "" and len(entry.photos) == 3 and entry.minutes == 480


async def test_cancel_drops_the_draft(bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5108, "马春花")
    ask = await to_notes_step(worker)
    await worker.send("学了一半")
    ready = await worker.next_message()
    await worker.command("/cancel")
    assert "已取消「学习笔记」" in await said(worker)
    answered = await worker.press(ready, "保存")
    assert "按钮已过期" in (answered.text or "")
    await worker.press(ask, data="f:study:notes:save")
    assert await entries(bot, 5108) == [] and await bot.services.flows.get(5108) is None
    await worker.no_message(within=0.3)


# ---- repeated and forged presses --------------------------------------------------------

async def test_pressing_save_twice_stores_one_note(bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5109, "何志强")
    await to_notes_step(worker)
    await worker.send("学习《煤矿安全规程》第二编")
    ready = await worker.next_message()
    first = await worker.press(ready, "保存")
    assert "本月 1/4 篇" in await said(worker)
    again = await worker.press(ready, "保存")  # the same button, pressed again
    assert "按钮已过期" in (again.text or "") and not first.text
    await worker.no_message(within=0.3)
    assert len(await entries(bot, 5109)) == 1

    # Two presses at once, on a new draft: still one note more.
    await to_notes_step(worker, kind="业务学习")
    await worker.send("学习新型支架操作")
    ready = await worker.next_message()
    answers = await asyncio.gather(worker.press(ready, "保存"), worker.press(ready, "保存"))
    assert sum("按钮已过期" in (a.text or "") for a in answers) == 1, answers
    assert "本月 2/4 篇" in await said(worker)
    await worker.no_message(within=0.3)
    assert [e.kind for e in await entries(bot, 5109)] == ["业务学习", "操作规程"]


async def test_forged_presses_change_nothing_and_are_answered(bot: BotUnderTest,
                                                             stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5110, "冯丽娟")
    welcome = stub.bot_messages(5110)[-1]
    for data in ("f:study:notes:save", "f:study:kind:0", "study:start:x"):
        answered = await worker.press(welcome, data=data)  # no draft at all
        assert answered is not None, data
    assert await bot.services.flows.get(5110) is None

    await worker.command("/study")
    ask_kind = await worker.next_message()
    # Values no button carries: answered, the kind asked again, nothing chosen.
    for data in ("f:study:kind:99", "f:study:kind:6", "f:study:kind:abc", "f:study:kind:-1",
                 "f:study:kind:²", "f:study:kind:"):
        answered = await worker.press(ask_kind, data=data)
        assert answered is not None, data
        assert "按钮已过期" in await said(worker), data
        state = await flow_of(bot, 5110)
        assert state.step == "kind" and "kind" not in state.data, data
    # Buttons of other steps or flows: only the press is answered.
    for data in ("f:study:notes:save", "f:study:minutes:60", "f:study:day:0", "f:hz:kind:0",
                 "f:study:kind", "f:exam:kind:0"):
        answered = await worker.press(ask_kind, data=data)
        assert "按钮已过期" in (answered.text or ""), data
        assert (await flow_of(bot, 5110)).step == "kind", data

    await worker.press(ask_kind, "其他")
    ask_minutes = await worker.next_message()
    for data in ("f:study:minutes:45", "f:study:minutes:0", "f:study:minutes:9999"):
        await worker.press(ask_minutes, data=data)  # only the offered durations
        assert "按钮已过期" in await said(worker), data
        assert (await flow_of(bot, 5110)).step == "minutes", data
    answered = await worker.press(ask_kind, "政治学习")  # the earlier question's button
    assert "按钮已过期" in (answered.text or "")
    await worker.press(ask_minutes, "30 分钟")
    ask_day = await worker.next_message()
    for data in ("f:study:day:2", "f:study:day:7", "f:study:day:-1"):
        await worker.press(ask_day, data=data)  # only 今天 and 昨天 are buttons
        assert "按钮已过期" in await said(worker), data
        assert (await flow_of(bot, 5110)).step == "day", data
    state = await flow_of(bot, 5110)
    assert state.data == {"kind": "其他", "minutes": 30}, state.data
    assert await entries(bot, 5110) == []
    await worker.no_message(within=0.3)


# ---- restarts ---------------------------------------------------------------------------

async def test_a_restart_in_the_middle_loses_nothing(bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5111, "郭永福")
    await worker.command("/study")
    await worker.press(await worker.next_message(), "应知应会")
    await worker.press(await worker.next_message(), "90 分钟")
    ask_day = await worker.next_message()

    await bot.restart()
    await worker.press(ask_day, "昨天")  # the question asked before the restart
    assert "请发学习笔记" in await said(worker)
    await worker.send("学习自救器使用方法")
    assert "文字 9 字 · 照片 0/3 张" in await said(worker)

    await bot.restart()
    await worker.send_photo(b"\x89PNG self-rescuer")
    assert "文字 9 字 · 照片 1/3 张" in await said(worker)

    await bot.restart()
    await worker.command("/study")  # where was I?
    resumed = await worker.next_message()
    assert "接着上次的继续" in (resumed.text or "")
    assert "文字 9 字 · 照片 1/3 张" in (resumed.text or "")
    await worker.press(resumed, "保存")
    done = await said(worker)
    assert "✅ 已记录：应知应会 · 90 分钟 · 2026-11-15" in done and "本月 1/4 篇" in done, done
    [entry] = await entries(bot, 5111)
    assert entry.notes == "学习自救器使用方法" and len(entry.photos) == 1


# ---- who may log ------------------------------------------------------------------------

async def test_pending_strangers_and_deactivated_members_cannot_log(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    team = await s.teams.by_code("A1")
    assert team is not None
    await s.members.register(5201, "韩小雪", None, team.id, None, False, bot.clock.now())
    pending, stranger = stub.user(5201, "韩小雪"), stub.user(5202, "路人乙")
    for someone, needle in ((pending, "正在等工会小组长审核"), (stranger, "登记")):
        for command in ("/study", "/mystudy"):
            await someone.command(command)
            assert needle in await said(someone), (someone.name, command)
        answered = await someone.press(stub.bot_messages(someone.id)[-1], data="study:start")
        assert answered is not None
        assert needle in await said(someone), someone.name
        assert await s.flows.get(someone.id) is None

    # Deactivated while the draft is open: 保存 stores nothing.
    worker = await make_worker(bot, stub, 5203, "曹德旺")
    await to_notes_step(worker)
    await worker.send("学习井下防火规定")
    ready = await worker.next_message()
    await admin.command("/deactivate", f"#{await member_id(bot, 5203)}")
    assert "已停用 曹德旺" in await said(admin)
    await worker.press(ready, "保存")
    assert "您的账号已停用" in await said(worker)
    assert await entries(bot, 5203) == [] and await s.flows.get(5203) is None
    for command in ("/study", "/mystudy"):
        await worker.command(command)
        assert "您的账号已停用" in await said(worker), command
    assert await s.flows.get(5203) is None


# ---- regressions ------------------------------------------------------------------------

async def test_a_photo_over_the_limit_points_at_the_save_button(bot: BotUnderTest,
                                                                 stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5112, "潘小红")
    await to_notes_step(worker)
    for n in range(4):
        await worker.send_photo(b"\x89PNG page %d" % n)
        last = await worker.next_message()
    refusal = (last.text or "").split("\n\n")[0]
    assert "这张没有加上" in refusal
    named = [label for label in ("完成", "保存") if label in refusal]
    assert named == ["保存"], (refusal, last.button_texts())


async def test_tomorrow_typed_without_a_year_is_called_a_future_day(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5113, "蒋文斌")
    await worker.command("/study")
    await worker.press(await worker.next_message(), "操作规程")
    await worker.press(await worker.next_message(), "60 分钟")
    await worker.next_message()
    for tomorrow in ("11-17", "11月17日"):
        await worker.send(tomorrow)
        answer = await said(worker)
        assert "不能记以后的日子" in answer, (tomorrow, answer)


async def test_words_written_under_a_notebook_photo_are_kept_as_notes(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 5114, "韩立新")
    await to_notes_step(worker)
    await worker.send_photo(b"\x89PNG page", caption="学了通风管理规定")
    received = await worker.next_message()
    assert "文字 8 字 · 照片 1/3 张" in (received.text or "")
    await worker.press(received, "保存")
    assert "本月 1/4 篇" in await said(worker)
    [entry] = await entries(bot, 5114)
    assert entry.notes == "学了通风管理规定" and len(entry.photos) == 1
