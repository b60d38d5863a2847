"""走访谈心 /visit end to end: kind → whom (a name or employee number searched, a team's
roster with pages, someone not registered) → day → notes → occasions → follow-up (再访 /
困难帮扶) → preview → 保存, with this month's progress; the day rules around a month's
turn; bad input at every step; 修改 and 取消; repeated and forged presses; restarts in the
middle; who may not keep the diary; /visits. The clock starts at Mon 2026-11-16 10:00
(Shanghai)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.stub import BotApiStub, Message, UserHandle
from bot.visits import FollowUp, Kind
from tests.e2e.visit_flow_helpers import (
    EDIT_BUTTONS,
    FOLLOW_BUTTONS,
    NEED_TEXT,
    OFFICERS_ONLY,
    PREVIEW_BUTTONS,
    REASONS,
    STALE,
    USE_BUTTONS,
    WHOM_BUTTONS,
    add_member,
    all_visits,
    day_to_preview,
    flow_of,
    latest,
    member_id,
    restart_quietly,
    said,
    save,
    start,
    team_id,
    to_day,
    to_preview,
    visits_of,
)
from tests.e2e.visit_helpers import log_visit, make_chair, make_officer, make_worker
from tests.harness import BotUnderTest, hold_sweeper, local

NOVEMBER_START = "本月 谈心 0/3 · 家访 0/2"


@pytest.fixture(autouse=True)
async def no_background_sweep(bot: BotUnderTest) -> AsyncIterator[None]:
    """The running bot sweeps its reminder rules 0.2 s after start; these tests move the
    clock around, so the calendar's reminders must not race with them."""
    hold_sweeper(bot)
    yield


# ---- the whole flow ---------------------------------------------------------------------

async def test_a_talk_with_a_member_found_by_name(bot: BotUnderTest, stub: BotApiStub,
                                                  admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6001, "李主任")
    wang = await add_member(bot, 6101, "王小明")

    await officer.command("/visit")
    ask_kind = await officer.next_message()
    assert "民情日记" in (ask_kind.text or "") and "这次是谈心还是家访" in (ask_kind.text or "")
    assert ask_kind.button_texts() == ["谈心", "家访"]
    await officer.press(ask_kind, "谈心")
    ask_whom = await officer.next_message()
    assert "谈心对象是谁？输入姓名或工号查找" in (ask_whom.text or ""), ask_whom.text
    assert ask_whom.button_texts() == WHOM_BUTTONS
    await officer.send("王小明")
    ask_day = await officer.next_message()
    assert "哪天？点按钮，或输入本月的日期" in (ask_day.text or ""), ask_day.text
    assert ask_day.button_texts() == ["今天", "昨天"]
    state = await flow_of(bot, 6001)
    assert state.step == "day"
    assert (state.data["person"], state.data["member_id"], state.data["team_id"]) == (
        "王小明", wang, await team_id(bot, "A1"))
    await officer.press(ask_day, "今天")
    ask_notes = await officer.next_message()
    assert "请写下和王小明谈了什么" in (ask_notes.text or "") and not ask_notes.buttons
    notes = "聊了家里老人住院的事，情绪还稳定。\n下周再问问。"
    await officer.send(notes)
    ask_reasons = await officer.next_message()
    assert "因为什么事走访？可以多选，也可以不选" in (ask_reasons.text or "")
    assert ask_reasons.button_texts() == [*REASONS, "完成"]
    await officer.press(ask_reasons, "完成")
    ask_follow = await officer.next_message()
    assert "还需要跟进吗" in (ask_follow.text or "")
    assert ask_follow.button_texts() == FOLLOW_BUTTONS
    await officer.press(ask_follow, "不需要")
    preview = await officer.next_message()
    text = preview.text or ""
    assert "请核对" in text and "谈心 · 王小明（综采一班）· 2026-11-16" in text, text
    assert "原因：无" in text and "跟进：不需要" in text and notes in text, text
    assert preview.button_texts() == PREVIEW_BUTTONS
    assert await visits_of(bot, 6001) == []  # nothing before 保存

    done = await save(officer, preview)
    assert "✅ 已记入民情日记 #1：谈心 · 王小明 · 11-16" in done, done
    assert "本月 谈心 1/3 · 家访 0/2 · 还差谈心 2 次、家访 2 次" in done, done
    assert await bot.services.flows.get(6001) is None
    [visit] = await visits_of(bot, 6001)
    assert (visit.id, visit.kind, visit.member_id, visit.person) == (1, Kind.TALK, wang, "王小明")
    assert visit.team_id == await team_id(bot, "A1")
    assert visit.visited_on == date(2026, 11, 16) and visit.notes == notes
    assert visit.reasons == () and visit.follow_up is FollowUp.NONE
    assert visit.revisit_on is None and visit.help_note == ""
    assert visit.officer_id == await member_id(bot, 6001)
    await officer.no_message(within=0.2)


async def test_employee_numbers_in_any_case_and_the_counts_rising_to_the_quota(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6002, "李主任")
    wang = await add_member(bot, 6102, "王小明", employee_no="T-1024")
    zhao = await add_member(bot, 6103, "赵六六", team_code="B2", employee_no="k77")

    steps = [("t-1024", "谈心", "本月 谈心 1/3 · 家访 0/2 · 还差谈心 2 次、家访 2 次"),
             ("T-1024", "家访", "本月 谈心 1/3 · 家访 1/2 · 还差谈心 2 次、家访 1 次"),
             ("K77", "谈心", "本月 谈心 2/3 · 家访 1/2 · 还差谈心 1 次、家访 1 次"),
             ("k77", "家访", "本月 谈心 2/3 · 家访 2/2 · 还差谈心 1 次"),
             ("王小明", "谈心", "本月 谈心 3/3 · 家访 2/2 · ✓ 已完成"),
             ("赵六六", "谈心", "本月 谈心 4/3 · 家访 2/2 · ✓ 已完成")]
    for n, (whom, kind, progress) in enumerate(steps, start=1):
        done = (await log_visit(officer, whom, kind=kind, reasons=())).text or ""
        person = "王小明" if whom.upper() == "T-1024" or whom == "王小明" else "赵六六"
        assert f"#{n}：{kind} · {person} · 11-16" in done, (whom, done)
        assert progress in done, (progress, done)
    found = [(v.member_id, v.kind) for v in reversed(await visits_of(bot, 6002))]
    assert found == [(wang, Kind.TALK), (wang, Kind.HOME), (zhao, Kind.TALK),
                     (zhao, Kind.HOME), (wang, Kind.TALK), (zhao, Kind.TALK)]
    assert [v.team_id for v in await visits_of(bot, 6002)][:2] == [
        await team_id(bot, "B2"), await team_id(bot, "A1")]


async def test_a_home_visit_picked_from_the_own_team_and_from_a_team_with_pages(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6003, "李主任")
    await add_member(bot, 6104, "王小明")
    zhao = await add_member(bot, 6105, "赵六六")
    await add_member(bot, 6106, "钱待审", active=False)  # pending: not on the roster
    diggers = [await add_member(bot, 6200 + n, f"掘进工{n:02d}", team_code="B2")
               for n in range(1, 13)]

    ask_whom = await start(officer, "家访")
    await officer.press(ask_whom, "本班组成员")
    roster = await officer.next_message()
    assert "综采一班（2 人），点名字选" in (roster.text or ""), roster.text
    assert roster.button_texts() == ["王小明", "赵六六", "返回"]  # not the officer, not pending
    await officer.press(roster, "赵六六")
    preview = await day_to_preview(officer, await officer.next_message())
    assert "家访 · 赵六六（综采一班）· 2026-11-16" in (preview.text or "")
    done = await save(officer, preview)
    assert "#1：家访 · 赵六六 · 11-16" in done and "本月 谈心 0/3 · 家访 1/2" in done, done
    [visit] = await visits_of(bot, 6003)
    assert (visit.kind, visit.member_id, visit.team_id) == (
        Kind.HOME, zhao, await team_id(bot, "A1"))

    ask_whom = await start(officer, "家访")
    await officer.press(ask_whom, "按班组选")
    teams = await officer.next_message()
    assert "选一个班组" in (teams.text or "")
    assert teams.button_texts() == ["综采一班", "掘进二班", "机电队", "返回"]
    await officer.press(teams, "机电队")
    empty = await officer.next_message()
    assert "机电队还没有登记的职工" in (empty.text or ""), empty.text
    await officer.press(empty, "返回")
    ask_whom = await officer.next_message()
    assert "家访对象是谁" in (ask_whom.text or "")
    await officer.press(ask_whom, "按班组选")
    await officer.press(await officer.next_message(), "掘进二班")
    page1 = await officer.next_message()
    assert "掘进二班（12 人），点名字选" in (page1.text or ""), page1.text
    names = [f"掘进工{n:02d}" for n in range(1, 13)]
    assert page1.button_texts() == [*names[:10], "下一页 ▶", "返回"]
    await officer.press(page1, "下一页")
    page2 = await officer.next_message()
    assert page2.button_texts() == [*names[10:], "◀ 上一页", "返回"]
    await officer.press(page2, "上一页")
    again = await officer.next_message()
    assert again.button_texts() == page1.button_texts()
    await officer.press(again, "下一页")
    page2 = await officer.next_message()
    await officer.press(page2, "掘进工12")
    preview = await day_to_preview(officer, await officer.next_message(), day="昨天")
    assert "家访 · 掘进工12（掘进二班）· 2026-11-15" in (preview.text or ""), preview.text
    done = await save(officer, preview)
    assert "#2：家访 · 掘进工12 · 11-15" in done and "本月 谈心 0/3 · 家访 2/2" in done, done
    newest = await latest(bot, 6003)
    assert (newest.member_id, newest.team_id, newest.visited_on) == (
        diggers[-1], await team_id(bot, "B2"), date(2026, 11, 15))


async def test_several_found_too_many_none_found_and_someone_not_registered(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6004, "李主任")
    zhang = await add_member(bot, 6110, "张伟")
    zhang_ming = await add_member(bot, 6111, "张伟明", team_code="B2")
    await add_member(bot, 6112, "张伟华", team_code="C3")
    for n in range(11):
        await add_member(bot, 6120 + n, f"刘{'一二三四五六七八九十甲'[n]}", team_code="B2")

    # Several match: pick one of them.
    ask_whom = await start(officer)
    await officer.send("张")
    found = await officer.next_message()
    assert "有几个人符合，请选一个" in (found.text or "") and "找到 3 人" in (found.text or "")
    assert found.button_texts() == ["张伟 · 综采一班", "张伟华 · 机电队", "张伟明 · 掘进二班",
                                    "返回"]
    await officer.press(found, "张伟明 · 掘进二班")
    done = await save(officer, await day_to_preview(officer, await officer.next_message()))
    assert "#1：谈心 · 张伟明 · 11-16" in done, done
    assert (await latest(bot, 6004)).member_id == zhang_ming

    # A whole name that is also part of others' names is the one meant.
    done = (await log_visit(officer, "张伟", reasons=())).text or ""
    assert "#2：谈心 · 张伟 · 11-16" in done, done
    assert (await latest(bot, 6004)).member_id == zhang

    # Too many match: the first ten, and a hint to type more.
    await start(officer)
    await officer.send("刘")
    many = await officer.next_message()
    assert "符合的人太多，只列出前 10 个" in (many.text or ""), many.text
    assert len(many.button_texts()) == 11 and many.button_texts()[-1] == "返回"
    await officer.press(many, "返回")
    ask_whom = await officer.next_message()
    assert ask_whom.button_texts() == WHOM_BUTTONS  # "刘" alone is no name to write down
    assert (await flow_of(bot, 6004)).step == "whom"

    # Nobody found: write the name down as it is.
    await officer.send("刘大爷")
    none = await officer.next_message()
    assert "没有找到“刘大爷”。可以重新输入，或直接按这个名字记下。" in (none.text or "")
    assert none.button_texts() == [*WHOM_BUTTONS, "就写“刘大爷”（没登记）"]
    await officer.press(none, "就写“刘大爷”")
    preview = await day_to_preview(officer, await officer.next_message())
    assert "谈心 · 刘大爷（未登记）· 2026-11-16" in (preview.text or ""), preview.text
    done = await save(officer, preview)
    assert "#3：谈心 · 刘大爷 · 11-16" in done and "本月 谈心 3/3" in done, done
    newest = (await latest(bot, 6004))
    assert (newest.person, newest.member_id, newest.team_id) == ("刘大爷", None, None)

    # 没登记的人: type the name.
    ask_whom = await start(officer, "家访")
    await officer.press(ask_whom, "没登记的人")
    ask_person = await officer.next_message()
    assert "请输入对方的姓名" in (ask_person.text or "")
    assert ask_person.button_texts() == ["返回"]
    await officer.send("  退休职工 老陈  ")
    preview = await day_to_preview(officer, await officer.next_message())
    assert "家访 · 退休职工 老陈（未登记）" in (preview.text or ""), preview.text
    done = await save(officer, preview)
    assert "#4：家访 · 退休职工 老陈 · 11-16" in done and "家访 1/2" in done, done
    newest = (await latest(bot, 6004))
    assert (newest.person, newest.member_id, newest.kind) == ("退休职工 老陈", None, Kind.HOME)



async def test_follow_ups_revisit_by_button_and_by_date_and_hardship_with_a_note(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6005, "李主任")
    chair = await make_chair(bot, stub, admin, 6006, "周主席")
    await add_member(bot, 6130, "王小明")

    # 再访 in 7 days, by its button.
    await officer.press(await to_day(officer, "王小明"), "今天")
    assert "请写下" in await said(officer)
    await officer.send("说起孩子要转学，还没定。")
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "再访")
    ask_revisit = await officer.next_message()
    assert "哪天再访？" in (ask_revisit.text or "") and "92 天以内" in (ask_revisit.text or "")
    assert ask_revisit.button_texts() == ["7 天后（11-23）", "14 天后（11-30）",
                                          "30 天后（12-16）"]
    await officer.press(ask_revisit, "7 天后")
    preview = await officer.next_message()
    assert "跟进：🔁 11-23 再访" in (preview.text or ""), preview.text
    done = await save(officer, preview)
    assert "#1：谈心 · 王小明 · 11-16" in done and "🔁 11-23 早上会提醒你再访。" in done, done
    visit = await latest(bot, 6005)
    assert (visit.follow_up, visit.revisit_on, visit.help_note) == (
        FollowUp.REVISIT, date(2026, 11, 23), "")

    # 再访 on a typed date.
    done = (await log_visit(officer, "王小明", kind="家访", follow="再访",
                            follow_answer="12月1日")).text or ""
    assert "🔁 12-01 早上会提醒你再访。" in done and "家访 1/2" in done, done
    visit = await latest(bot, 6005)
    assert (visit.follow_up, visit.revisit_on) == (FollowUp.REVISIT, date(2026, 12, 1))

    # 困难帮扶 with a note: reported to the chair.
    await officer.press(await to_day(officer, "王小明"), "昨天")
    assert "请写下" in await said(officer)
    await officer.send("爱人重病住院，家里欠了钱。")
    ask = await officer.next_message()
    await officer.press(ask, "住院")
    await officer.press(await officer.next_message(), "生活困难")
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "困难帮扶")
    ask_help = await officer.next_message()
    assert "请简单写明王小明的困难和需要的帮助" in (ask_help.text or ""), ask_help.text
    await officer.send("医药费缺口约两万元，申请困难补助。")
    preview = await officer.next_message()
    text = preview.text or ""
    assert "原因：住院、生活困难" in text and "跟进：🆘 困难帮扶" in text, text
    assert "🆘 困难情况：医药费缺口约两万元，申请困难补助。" in text, text
    done = await save(officer, preview)
    assert "#3：谈心 · 王小明 · 11-15" in done and "🆘 已报告工会主席（1 人）。" in done, done
    visit = await latest(bot, 6005)
    assert (visit.follow_up, visit.help_note, visit.revisit_on) == (
        FollowUp.HELP, "医药费缺口约两万元，申请困难补助。", None)
    assert visit.reasons == ("住院", "生活困难") and visit.help_taken_by is None
    notice = await chair.next_message()
    assert "困难帮扶" in (notice.text or "") and "/visit_3" in (notice.text or ""), notice.text
    assert "医药费缺口约两万元" in (notice.text or "")
    assert notice.button_texts() == ["✅ 我来跟进"]


async def test_occasions_toggle_on_and_off_and_are_kept_in_the_configured_order(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6007, "李主任")
    await add_member(bot, 6131, "王小明")
    await officer.press(await to_day(officer, "王小明"), "今天")
    assert "请写下" in await said(officer)
    await officer.send("岗位调整后有些想法。")
    ask = await officer.next_message()
    for press, chosen in (("其他", ["其他"]), ("岗位变动", ["岗位变动", "其他"]),
                          ("住院", ["住院", "岗位变动", "其他"]),
                          ("✓ 其他", ["住院", "岗位变动"]),
                          ("思想波动", ["住院", "思想波动", "岗位变动"]),
                          ("✓ 住院", ["思想波动", "岗位变动"]),
                          ("家庭变故", ["家庭变故", "思想波动", "岗位变动"])):
        await officer.press(ask, press)
        ask = await officer.next_message()
        assert (await flow_of(bot, 6007)).data["reasons"] == chosen, (press, chosen)
        shown = [r for r in REASONS if f"✓ {r}" in ask.button_texts()]
        assert shown == chosen, (press, ask.button_texts())
        assert len(ask.button_texts()) == len(REASONS) + 1
    await officer.press(ask, "完成")
    await officer.press(await officer.next_message(), "不需要")
    preview = await officer.next_message()
    assert "原因：家庭变故、思想波动、岗位变动" in (preview.text or ""), preview.text
    await save(officer, preview)
    assert (await latest(bot, 6007)).reasons == ("家庭变故", "思想波动", "岗位变动")

    # One picked and unpicked: none at all is fine.
    await officer.press(await to_day(officer, "王小明"), "今天")
    assert "请写下" in await said(officer)
    await officer.send("随便聊聊。")
    ask = await officer.next_message()
    await officer.press(ask, "婚丧")
    ask = await officer.next_message()
    await officer.press(ask, "✓ 婚丧")
    ask = await officer.next_message()
    assert not any(b.startswith("✓") for b in ask.button_texts())
    await officer.press(ask, "完成")
    await officer.press(await officer.next_message(), "不需要")
    preview = await officer.next_message()
    assert "原因：无" in (preview.text or "")
    assert "本月 谈心 2/3" in await save(officer, preview)
    assert (await latest(bot, 6007)).reasons == ()


# ---- the day ---------------------------------------------------------------------------

async def test_which_days_may_be_logged_mid_month(bot: BotUnderTest, stub: BotApiStub,
                                                  admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6008, "李主任")
    await add_member(bot, 6132, "王小明")

    await to_day(officer, "王小明")
    for typed, needle in (("11-17", "不能记以后的日子"), ("11月17日", "不能记以后的日子"),
                          ("明天", "没看懂日期"), ("2027-01-01", "不能记以后的日子"),
                          ("10-31", "只能记本月的（或昨天的）走访谈心"),
                          ("2026-10-16", "只能记本月的（或昨天的）走访谈心"),
                          ("前几天", "没看懂日期"), ("11-31", "没看懂日期"),
                          ("13-01", "没看懂日期"), ("周一", "没看懂日期")):
        await officer.send(typed)
        refusal = await officer.next_message()
        assert needle in (refusal.text or ""), (typed, refusal.text)
        assert "哪天" in (refusal.text or "") and refusal.button_texts() == ["今天", "昨天"]
        state = await flow_of(bot, 6008)
        assert state.step == "day" and "day" not in state.data, typed
    await officer.send("11-01")  # the first of this month: fine
    assert "请写下" in await said(officer)
    assert (await flow_of(bot, 6008)).data["day"] == "2026-11-01"
    await officer.command("/cancel")
    assert "已取消「走访谈心记录」" in await said(officer)

    for day, shown in (("今天", "11-16"), ("昨天", "11-15"), ("11月2日", "11-02"),
                       ("2026-11-10", "11-10"), ("前天", "11-14")):
        done = (await log_visit(officer, "王小明", day=day)).text or ""
        assert f"谈心 · 王小明 · {shown}" in done and "本月 谈心" in done, (day, done)
    days = sorted(v.visited_on.day for v in await visits_of(bot, 6008))
    assert days == [2, 10, 14, 15, 16]


async def test_on_the_first_yesterday_counts_for_last_month(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6009, "李主任")
    await add_member(bot, 6133, "王小明")
    bot.clock.set(local("2026-12-01T10:00"))

    done = (await log_visit(officer, "王小明", day="昨天")).text or ""
    assert "#1：谈心 · 王小明 · 11-30" in done, done
    assert "11月 谈心 1/3 · 家访 0/2 · 差谈心 2 次、家访 2 次" in done, done
    assert "本月" not in done
    assert (await latest(bot, 6009)).visited_on == date(2026, 11, 30)

    done = (await log_visit(officer, "王小明", kind="家访", day="11-30")).text or ""
    assert "11月 谈心 1/3 · 家访 1/2" in done, done

    await to_day(officer, "王小明")
    for typed in ("11-29", "前天", "2026-11-01"):
        await officer.send(typed)
        assert "只能记本月的（或昨天的）走访谈心" in await said(officer), typed
    await officer.command("/cancel")
    await officer.next_message()

    done = (await log_visit(officer, "王小明")).text or ""
    assert "#3：谈心 · 王小明 · 12-01" in done, done
    assert "本月 谈心 1/3 · 家访 0/2" in done, done  # December's own count
    assert [v.visited_on for v in await visits_of(bot, 6009)] == [
        date(2026, 12, 1), date(2026, 11, 30), date(2026, 11, 30)]


async def test_a_draft_saved_after_midnight_with_a_day_no_longer_allowed_goes_back(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6010, "李主任")
    await add_member(bot, 6134, "王小明")
    bot.clock.set(local("2026-11-30T23:00"))
    preview = await to_preview(officer, "王小明", day="昨天", notes="夜班后聊了几句。")
    assert "2026-11-29" in (preview.text or "")

    bot.clock.set(local("2026-12-01T00:30"))
    await officer.press(preview, "保存")
    back = await officer.next_message()
    assert "日期要重新选：只能记本月的（或昨天的）。" in (back.text or ""), back.text
    assert "哪天" in (back.text or "") and back.button_texts() == ["今天", "昨天"]
    assert await all_visits(bot) == 0
    state = await flow_of(bot, 6010)
    assert state.step == "day" and state.data["notes"] == "夜班后聊了几句。"
    answered = await officer.press(preview, "保存")  # the old preview is out of date
    assert STALE in (answered.text or "")
    assert await all_visits(bot) == 0

    await officer.press(back, "昨天")  # 11-30: allowed on the 1st, and straight to the preview
    preview = await officer.next_message()
    assert "请核对" in (preview.text or "") and "2026-11-30" in (preview.text or "")
    done = await save(officer, preview)
    assert "#1：谈心 · 王小明 · 11-30" in done and "11月 谈心 1/3" in done, done
    visit = await latest(bot, 6010)
    assert visit.visited_on == date(2026, 11, 30) and visit.notes == "夜班后聊了几句。"



async def test_a_revisit_button_stores_the_day_it_shows_even_after_midnight(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6030, "李主任")
    await add_member(bot, 6157, "王小明")
    bot.clock.set(local("2026-11-16T23:50"))
    await officer.press(await to_day(officer, "王小明"), "今天")
    assert "请写下" in await said(officer)
    await officer.send("夜班前聊了几句。")
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "再访")
    ask = await officer.next_message()
    assert "7 天后（11-23）" in ask.button_texts()
    bot.clock.set(local("2026-11-17T00:10"))
    await officer.press(ask, "7 天后（11-23）")
    preview = await officer.next_message()
    assert "跟进：🔁 11-23 再访" in (preview.text or ""), preview.text
    await save(officer, preview)
    assert (await latest(bot, 6030)).revisit_on == date(2026, 11, 23)

# ---- bad input --------------------------------------------------------------------------

async def test_bad_input_at_every_step_is_answered_and_the_draft_stays(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6011, "李主任")
    await add_member(bot, 6135, "王小明")

    async def refused(needle: str, step: str, again: str) -> None:
        answer = (await officer.next_message()).text or ""
        assert needle in answer, (needle, answer)
        assert again in answer, (again, answer)  # and the question is asked again
        assert (await flow_of(bot, 6011)).step == step

    await officer.command("/visit")
    await officer.next_message()
    await officer.send_sticker()
    await refused(NEED_TEXT, "kind", "谈心还是家访")
    await officer.send("聊聊")
    await refused(USE_BUTTONS, "kind", "谈心还是家访")
    await officer.send("家访")  # a kind's name typed is as good as its button
    assert "家访对象是谁" in await said(officer)

    await officer.send_photo(b"\x89PNG a face")
    await refused(NEED_TEXT, "whom", "家访对象是谁")
    await officer.send_sticker()
    await refused(NEED_TEXT, "whom", "家访对象是谁")
    await officer.press(stub.bot_messages(6011)[-1], "没登记的人")
    assert "请输入对方的姓名" in await said(officer)
    await officer.send_voice()
    await refused(NEED_TEXT, "person", "请输入对方的姓名")
    for invisible in ("\u200b\u200b", "\u2060"):
        await officer.send(invisible)
        await refused("姓名要 2 到 20 个字", "person", "请输入对方的姓名")
    await officer.press(stub.bot_messages(6011)[-1], "返回")
    assert "家访对象是谁" in await said(officer)
    await officer.send("王小明")

    assert "哪天" in await said(officer)
    await officer.send_sticker()
    await refused(NEED_TEXT, "day", "哪天")
    await officer.send("11-15")

    assert "请写下和王小明谈了什么" in await said(officer)
    await officer.send_photo(b"\x89PNG notebook", caption="照片里是记录")
    await refused(NEED_TEXT, "notes", "请写下")
    for blank in ("   ", "\u3000\u3000", "\u200b"):
        await officer.send(blank)
        await refused("记录是空的，请写几句。", "notes", "请写下")
    await officer.send("记" * 2001)
    await refused("记录太长了：2001 字，最多 2000 字。", "notes", "请写下")
    assert "notes" not in (await flow_of(bot, 6011)).data
    await officer.send("记" * 2000)  # the most

    assert "因为什么事走访" in await said(officer)
    await officer.send("住院")
    await refused(USE_BUTTONS, "reasons", "因为什么事走访")
    await officer.send_sticker()
    await refused(NEED_TEXT, "reasons", "因为什么事走访")
    await officer.press(stub.bot_messages(6011)[-1], "完成")

    assert "还需要跟进吗" in await said(officer)
    await officer.send("再访")
    await refused(USE_BUTTONS, "follow", "还需要跟进吗")
    await officer.press(stub.bot_messages(6011)[-1], "再访")

    assert "哪天再访" in await said(officer)
    for typed, needle in (("过几天", "没看懂日期。请输入如 11-28、明天，或天数如 10。"),
                          ("11-31", "没看懂日期"), ("2026-11-16", "再访要定在明天或以后。"),
                          ("2026-11-10", "再访要定在明天或以后。"),
                          ("0", "再访要定在明天或以后。"), ("93", "再访最多定在 92 天以内。"),
                          ("2027-02-17", "再访最多定在 92 天以内。"),
                          ("1000天", "没看懂日期")):
        await officer.send(typed)
        await refused(needle, "revisit", "哪天再访")
    await officer.send_sticker()
    await refused(NEED_TEXT, "revisit", "哪天再访")
    assert "revisit_on" not in (await flow_of(bot, 6011)).data
    await officer.send("92")  # the furthest: 2027-02-16

    preview = await officer.next_message()
    assert "跟进：🔁 02-16 再访" in (preview.text or ""), preview.text
    await officer.send("保存")
    await refused(USE_BUTTONS, "preview", "请核对")
    await officer.press(stub.bot_messages(6011)[-1], "修改")
    assert "要修改哪一项" in await said(officer)
    await officer.send("跟进")
    await refused(USE_BUTTONS, "edit", "要修改哪一项")
    await officer.press(stub.bot_messages(6011)[-1], "跟进")
    await officer.press(await officer.next_message(), "困难帮扶")

    assert "请简单写明王小明的困难" in await said(officer)
    await officer.send_photo(b"\x89PNG bill")
    await refused(NEED_TEXT, "help", "请简单写明")
    for blank in ("  ", "\u3000"):
        await officer.send(blank)
        await refused("请写明困难情况。", "help", "请简单写明")
    await officer.send("难" * 501)
    await refused("太长了：501 字，最多 500 字。", "help", "请简单写明")
    await officer.send("难" * 500)

    preview = await officer.next_message()
    assert "跟进：🆘 困难帮扶" in (preview.text or "")
    done = await save(officer, preview)
    assert "#1：家访 · 王小明 · 11-15" in done, done
    assert "🆘 已报告工会主席（1 人）。" in done, done  # no chair yet: the admin is told
    assert "困难帮扶" in await said(admin)
    [visit] = await visits_of(bot, 6011)
    assert visit.kind is Kind.HOME and visit.notes == "记" * 2000
    assert visit.follow_up is FollowUp.HELP and visit.help_note == "难" * 500
    assert visit.revisit_on is None and visit.visited_on == date(2026, 11, 15)


async def test_a_one_character_name_for_someone_not_registered_is_refused(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6012, "李主任")
    await officer.press(await start(officer), "没登记的人")
    assert "请输入对方的姓名" in await said(officer)
    await officer.send("张")
    answer = await said(officer)
    assert "姓名要 2 到 20 个字" in answer, answer
    state = await flow_of(bot, 6012)
    assert state.step == "person" and not state.data.get("person"), state.data


async def test_a_name_over_twenty_characters_for_someone_not_registered_is_refused(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6013, "李主任")
    await officer.press(await start(officer), "没登记的人")
    assert "请输入对方的姓名" in await said(officer)
    await officer.send("某" * 25)
    answer = await said(officer)
    assert "姓名要 2 到 20 个字" in answer, answer
    assert (await flow_of(bot, 6013)).step == "person"


async def test_a_search_that_is_no_name_offers_no_write_as_is_button(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6021, "李主任")
    await start(officer)
    await officer.send("某" * 25)  # found nobody, and too long to be written down
    reply = await officer.next_message()
    assert "请重新输入姓名或工号" in reply.text, reply.text
    assert not any(label.startswith("就写") for label in reply.button_texts())
    assert (await flow_of(bot, 6021)).data.get("typed") is None


# ---- 修改 and 取消 ---------------------------------------------------------------------

async def test_each_part_is_changed_from_the_preview_and_saved_as_changed(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6014, "李主任")
    await add_member(bot, 6140, "王小明")
    zhao = await add_member(bot, 6141, "赵六六")
    preview = await to_preview(officer, "王小明", notes="第一稿")

    async def edit(part: str) -> Message:
        """修改 → the part: its question."""
        await officer.press(preview, "修改")
        menu = await officer.next_message()
        assert "要修改哪一项" in (menu.text or "") and menu.button_texts() == EDIT_BUTTONS
        await officer.press(menu, part)
        return await officer.next_message()

    async def back_at_preview(*needles: str) -> None:
        nonlocal preview
        preview = await officer.next_message()
        text = preview.text or ""
        assert "请核对" in text and preview.button_texts() == PREVIEW_BUTTONS, text
        for needle in needles:
            assert needle in text, (needle, text)
        assert (await flow_of(bot, 6014)).step == "preview"

    await officer.press(await edit("类型"), "家访")
    await back_at_preview("家访 · 王小明（综采一班）· 2026-11-16")

    ask_whom = await edit("对象")
    assert "家访对象是谁" in (ask_whom.text or "")
    await officer.press(ask_whom, "本班组成员")
    await officer.press(await officer.next_message(), "赵六六")
    await back_at_preview("家访 · 赵六六（综采一班）")

    assert "哪天" in ((await edit("日期")).text or "")
    await officer.send("11-03")
    await back_at_preview("家访 · 赵六六（综采一班）· 2026-11-03")

    assert "请写下和赵六六谈了什么" in ((await edit("记录")).text or "")
    await officer.send("第二稿：家里装修，借了钱。")
    await back_at_preview("第二稿：家里装修，借了钱。")
    assert "第一稿" not in (preview.text or "")

    await officer.press(await edit("原因"), "生活困难")
    await officer.press(await officer.next_message(), "家庭变故")
    await officer.press(await officer.next_message(), "完成")
    await back_at_preview("原因：家庭变故、生活困难")

    await officer.press(await edit("跟进"), "再访")
    await officer.press(await officer.next_message(), "14 天后")
    await back_at_preview("跟进：🔁 11-30 再访")

    await officer.press(await edit("跟进"), "不需要")  # and back to none
    await back_at_preview("跟进：不需要")

    await officer.press(preview, "修改")
    await officer.press(await officer.next_message(), "返回")
    await back_at_preview("家访 · 赵六六（综采一班）· 2026-11-03", "原因：家庭变故、生活困难")

    await officer.press(await edit("对象"), "没登记的人")  # someone not registered
    await officer.next_message()
    await officer.send("赵六六的母亲")
    await back_at_preview("家访 · 赵六六的母亲（未登记）")
    await edit("对象")  # and back to the member, typed
    await officer.send("赵六六")
    await back_at_preview("家访 · 赵六六（综采一班）")

    done = await save(officer, preview)
    assert "#1：家访 · 赵六六 · 11-03" in done and "本月 谈心 0/3 · 家访 1/2" in done, done
    assert "再访" not in done
    [visit] = await visits_of(bot, 6014)
    assert (visit.kind, visit.member_id, visit.person, visit.team_id) == (
        Kind.HOME, zhao, "赵六六", await team_id(bot, "A1"))
    assert visit.visited_on == date(2026, 11, 3) and visit.notes == "第二稿：家里装修，借了钱。"
    assert visit.reasons == ("家庭变故", "生活困难")
    assert visit.follow_up is FollowUp.NONE and visit.revisit_on is None


async def test_cancel_drops_the_draft_and_stores_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6015, "李主任")
    await add_member(bot, 6142, "王小明")
    preview = await to_preview(officer, "王小明")
    await officer.press(preview, "取消")
    assert "已取消「走访谈心记录」" in await said(officer)
    assert await bot.services.flows.get(6015) is None
    answered = await officer.press(preview, "保存")
    assert STALE in (answered.text or "")
    assert await all_visits(bot) == 0

    # /cancel in the middle too.
    ask_day = await to_day(officer, "王小明")
    await officer.command("/cancel")
    assert "已取消「走访谈心记录」" in await said(officer)
    answered = await officer.press(ask_day, "今天")
    assert STALE in (answered.text or "")
    assert await bot.services.flows.get(6015) is None and await all_visits(bot) == 0
    await officer.no_message(within=0.2)


# ---- repeated, stale and forged presses ------------------------------------------------

async def test_save_pressed_twice_stores_one_visit(bot: BotUnderTest, stub: BotApiStub,
                                                   admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6016, "李主任")
    await add_member(bot, 6143, "王小明")
    preview = await to_preview(officer, "王小明")
    assert "本月 谈心 1/3" in await save(officer, preview)
    again = await officer.press(preview, "保存")
    assert STALE in (again.text or "")
    await officer.no_message(within=0.2)
    assert await all_visits(bot) == 1

    # Two presses at once on a new draft: still one visit more.
    preview = await to_preview(officer, "王小明", kind="家访")
    answers = await asyncio.gather(officer.press(preview, "保存"),
                                   officer.press(preview, "保存"))
    done = await said(officer)
    assert "#2：家访 · 王小明" in done and "家访 1/2" in done, done
    assert sum(STALE in (a.text or "") for a in answers) == 1, answers
    await officer.no_message(within=0.2)
    assert await all_visits(bot) == 2


async def test_buttons_of_an_earlier_step_are_stale_and_change_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6017, "李主任")
    await add_member(bot, 6144, "王小明")
    await officer.command("/visit")
    ask_kind = await officer.next_message()
    await officer.press(ask_kind, "谈心")
    ask_whom = await officer.next_message()
    await officer.send("王小明")
    ask_day = await officer.next_message()
    await officer.press(ask_day, "今天")
    await officer.next_message()
    before = await flow_of(bot, 6017)

    for message, label in ((ask_kind, "家访"), (ask_whom, "按班组选"), (ask_whom, "没登记的人"),
                           (ask_day, "昨天")):
        answered = await officer.press(message, label)
        assert STALE in (answered.text or ""), label
        assert await flow_of(bot, 6017) == before, label
    await officer.no_message(within=0.2)
    await officer.send("聊了班组里的矛盾。")
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "不需要")
    done = await save(officer, await officer.next_message())
    assert "#1：谈心 · 王小明 · 11-16" in done, done
    [visit] = await visits_of(bot, 6017)
    assert visit.kind is Kind.TALK and visit.visited_on == date(2026, 11, 16)


async def test_forged_presses_are_answered_and_change_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6018, "李主任")
    wang = await add_member(bot, 6145, "王小明")
    gone = await add_member(bot, 6146, "钱离职")
    waiting = await add_member(bot, 6147, "孙待审", active=False)
    await admin.command("/deactivate", f"#{gone}")
    assert "已停用 钱离职" in await said(admin)
    me = await member_id(bot, 6018)

    # No draft at all: only the press is answered.
    welcome = stub.bot_messages(6018)[-1]
    for data in ("f:visit:kind:talk", "f:visit:preview:save", "f:visit:member:1"):
        answered = await officer.press(welcome, data=data)
        assert STALE in (answered.text or ""), data
    assert await bot.services.flows.get(6018) is None

    ask_whom = await start(officer)
    await officer.press(ask_whom, "本班组成员")
    roster = await officer.next_message()
    assert roster.button_texts() == ["王小明", "返回"]
    before = await flow_of(bot, 6018)
    for target in (gone, me, waiting, 99999):
        await officer.press(roster, data=f"f:visit:member:{target}")
        answer = await said(officer)
        assert "这个人已不在职工名单里（或不能记自己），请重新选。" in answer, (target, answer)
        assert await flow_of(bot, 6018) == before, target
    for data in ("f:visit:member:abc", "f:visit:member:-1", "f:visit:member:",
                 "f:visit:member:p-1", "f:visit:member:１"):
        await officer.press(roster, data=data)
        assert STALE in await said(officer), data
        assert await flow_of(bot, 6018) == before, data
    for data in ("f:visit:team:1", "f:visit:day:0", "f:visit:preview:save"):
        answered = await officer.press(roster, data=data)  # another step's buttons
        assert STALE in (answered.text or ""), data
        assert await flow_of(bot, 6018) == before, data

    await officer.press(roster, "返回")
    await officer.press(await officer.next_message(), "按班组选")
    teams = await officer.next_message()
    for data in ("f:visit:team:99", "f:visit:team:0", "f:visit:team:abc", "f:visit:team:"):
        await officer.press(teams, data=data)
        assert STALE in await said(officer), data
        assert (await flow_of(bot, 6018)).step == "team", data
    await officer.press(teams, "返回")
    await officer.next_message()
    await officer.send("王小明")
    ask_day = await officer.next_message()
    for data in ("f:visit:day:2", "f:visit:day:-1", "f:visit:day:7"):
        await officer.press(ask_day, data=data)  # only 今天 and 昨天 are buttons
        assert STALE in await said(officer), data
        assert "day" not in (await flow_of(bot, 6018)).data, data
    await officer.press(ask_day, "今天")
    await officer.next_message()
    await officer.send("谈了思想状况。")
    ask = await officer.next_message()
    for data in ("f:visit:reasons:99", "f:visit:reasons:7", "f:visit:reasons:-1",
                 "f:visit:reasons:x"):
        await officer.press(ask, data=data)
        assert STALE in await said(officer), data
        state = await flow_of(bot, 6018)
        assert state.step == "reasons" and state.data["reasons"] == [], data
    await officer.press(ask, "完成")
    ask = await officer.next_message()
    await officer.press(ask, data="f:visit:follow:maybe")
    assert STALE in await said(officer)
    await officer.press(ask, "再访")
    ask = await officer.next_message()
    for data in ("f:visit:revisit:8", "f:visit:revisit:0", "f:visit:revisit:365"):
        await officer.press(ask, data=data)  # only the offered numbers of days
        assert STALE in await said(officer), data
        assert "revisit_on" not in (await flow_of(bot, 6018)).data, data
    await officer.press(ask, "30 天后")
    preview = await officer.next_message()
    for data in ("f:visit:preview:publish", "f:visit:preview:kind"):
        await officer.press(preview, data=data)
        assert STALE in await said(officer), data
    answered = await officer.press(preview, data="f:visit:edit:kind")  # not at the menu
    assert STALE in (answered.text or "")
    assert await all_visits(bot) == 0
    done = await save(officer, preview)
    assert "#1：谈心 · 王小明 · 11-16" in done and "🔁 12-16 早上会提醒你再访。" in done, done
    [visit] = await visits_of(bot, 6018)
    assert (visit.member_id, visit.reasons, visit.revisit_on) == (wang, (), date(2026, 12, 16))


async def test_an_older_write_as_is_button_writes_the_name_it_shows(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6019, "李主任")
    await start(officer)
    await officer.send("张三丰")
    first = await officer.next_message()
    assert "就写“张三丰”（没登记）" in first.button_texts()
    await officer.send("李四光")
    second = await officer.next_message()
    assert "就写“李四光”（没登记）" in second.button_texts()
    await officer.press(first, "就写“张三丰”")
    assert STALE in (await officer.next_message()).text
    state = await flow_of(bot, 6019)
    assert state.step == "whom" and state.data.get("person") is None, state.data


async def test_a_member_deactivated_before_save_sends_the_draft_back_to_whom(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6020, "李主任")
    gone = await add_member(bot, 6148, "钱离职")
    await add_member(bot, 6149, "王小明")
    preview = await to_preview(officer, "钱离职", notes="谈了离职的打算。")
    await admin.command("/deactivate", f"#{gone}")
    assert "已停用 钱离职" in await said(admin)
    await officer.press(preview, "保存")
    back = await officer.next_message()
    assert "这个人已不在职工名单里（或不能记自己），请重新选。" in (back.text or ""), back.text
    assert "谈心对象是谁" in (back.text or "")
    assert (await flow_of(bot, 6020)).step == "whom" and await all_visits(bot) == 0
    await officer.send("王小明")
    preview = await officer.next_message()  # straight back to the preview
    assert "谈心 · 王小明（综采一班）" in (preview.text or ""), preview.text
    assert "谈了离职的打算。" in (preview.text or "")
    assert "#1：谈心 · 王小明" in await save(officer, preview)
    assert (await latest(bot, 6020)).person == "王小明"


# ---- restarts ---------------------------------------------------------------------------

async def test_restarts_in_the_middle_lose_nothing(bot: BotUnderTest, stub: BotApiStub,
                                                   admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6021, "李主任")
    zhao = await add_member(bot, 6150, "赵六六")
    ask_whom = await start(officer, "家访")
    await officer.press(ask_whom, "本班组成员")
    await officer.press(await officer.next_message(), "赵六六")
    ask_day = await officer.next_message()

    await restart_quietly(bot)  # after whom
    await officer.press(ask_day, "昨天")  # the question asked before the restart
    assert "请写下和赵六六谈了什么" in await said(officer)
    await officer.send("老人住院，家里缺人照顾。")
    ask_reasons = await officer.next_message()

    await restart_quietly(bot)  # after the notes
    await officer.press(ask_reasons, "住院")
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "再访")
    await officer.press(await officer.next_message(), "14 天后")
    preview = await officer.next_message()
    assert "请核对" in (preview.text or "")

    await restart_quietly(bot)  # at the preview
    await officer.command("/visit")  # where was I?
    resumed = await officer.next_message()
    text = resumed.text or ""
    assert "接着上次的继续" in text and "家访 · 赵六六（综采一班）· 2026-11-15" in text, text
    assert resumed.button_texts() == PREVIEW_BUTTONS

    await restart_quietly(bot)
    done = await save(officer, preview)  # the preview from two restarts ago
    assert "#1：家访 · 赵六六 · 11-15" in done and "本月 谈心 0/3 · 家访 1/2" in done, done
    assert "🔁 11-30 早上会提醒你再访。" in done
    [visit] = await visits_of(bot, 6021)
    assert (visit.kind, visit.member_id, visit.team_id, visit.visited_on) == (
        Kind.HOME, zhao, await team_id(bot, "A1"), date(2026, 11, 15))
    assert visit.notes == "老人住院，家里缺人照顾。" and visit.reasons == ("住院",)
    assert (visit.follow_up, visit.revisit_on) == (FollowUp.REVISIT, date(2026, 11, 30))
    assert await bot.services.flows.get(6021) is None


async def test_a_restart_while_searching_and_at_the_notes(bot: BotUnderTest,
                                                          stub: BotApiStub,
                                                          admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6022, "李主任")
    await add_member(bot, 6151, "张伟")
    zhang_ming = await add_member(bot, 6152, "张伟明", team_code="B2")
    await start(officer)
    await officer.send("张")
    found = await officer.next_message()
    await restart_quietly(bot)
    await officer.press(found, "张伟明")
    await officer.press(await officer.next_message(), "今天")
    assert "请写下" in await said(officer)
    await restart_quietly(bot)
    await officer.send("重启之后接着写。")  # the next message continues the draft
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "不需要")
    done = await save(officer, await officer.next_message())
    assert "#1：谈心 · 张伟明 · 11-16" in done, done
    visit = await latest(bot, 6022)
    assert (visit.member_id, visit.notes) == (zhang_ming, "重启之后接着写。")


# ---- who may keep the diary ------------------------------------------------------------

async def test_workers_pending_members_outsiders_and_plain_admins_may_not_log(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    worker = await make_worker(bot, stub, 6023, "王小明")
    await add_member(bot, 6024, "韩待审", active=False)
    pending, outsider = stub.user(6024, "韩待审"), stub.user(6025, "路人乙")
    for someone in (worker, pending, outsider, admin):
        for command in ("/visit", "/visits"):
            await someone.command(command)
            assert OFFICERS_ONLY in await said(someone), (someone.name, command)
        assert await s.flows.get(someone.id) is None, someone.name
        last = stub.bot_messages(someone.id)[-1]
        for data in ("f:visit:kind:talk", "f:visit:preview:save", "visit:start"):
            answered = await someone.press(last, data=data)
            assert answered is not None, (someone.name, data)
        assert await s.flows.get(someone.id) is None, someone.name
    # visit:start (the button under a reminder) says the same to those who pressed it.
    for someone in (worker, pending, outsider, admin):
        assert OFFICERS_ONLY in await said(someone), someone.name
        await someone.no_message(within=0.1)
    assert await all_visits(bot) == 0


async def test_an_officer_demoted_mid_flow_is_refused_at_save(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6026, "李主任")
    await add_member(bot, 6153, "王小明")
    preview = await to_preview(officer, "王小明")
    await admin.command("/demote", f"#{await member_id(bot, 6026)}", "工会委员")
    assert "已取消 李主任" in await said(admin)
    assert "您已不再担任：工会委员" in await said(officer)
    await officer.press(preview, "保存")
    assert OFFICERS_ONLY in await said(officer)
    assert await all_visits(bot) == 0 and await bot.services.flows.get(6026) is None
    answered = await officer.press(preview, "保存")
    assert STALE in (answered.text or "")
    await officer.command("/visit")
    assert OFFICERS_ONLY in await said(officer)
    assert await bot.services.flows.get(6026) is None and await all_visits(bot) == 0


async def test_a_chair_without_the_officer_role_logs_with_counts_only(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    chair = await make_chair(bot, stub, admin, 6027, "周主席")
    await add_member(bot, 6154, "王小明", team_code="B2")
    done = (await log_visit(chair, "王小明")).text or ""
    assert "#1：谈心 · 王小明 · 11-16" in done, done
    assert "本月 谈心 1 次 · 家访 0 次" in done and "/3" not in done and "还差" not in done, done
    done = (await log_visit(chair, "王小明", kind="家访", follow="困难帮扶",
                            follow_answer="孩子学费有困难。")).text or ""
    assert "本月 谈心 1 次 · 家访 1 次" in done, done
    assert "🆘 已记为困难帮扶。" in done, done  # the only chair: nobody else to tell
    await chair.no_message(within=0.2)
    visit = await latest(bot, 6027)
    assert (visit.kind, visit.follow_up, visit.help_note) == (
        Kind.HOME, FollowUp.HELP, "孩子学费有困难。")
    assert visit.officer_id == await member_id(bot, 6027)


# ---- /visits ----------------------------------------------------------------------------

async def test_visits_lists_this_month_and_last_month_with_links(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 6028, "李主任")
    other = await make_officer(bot, stub, admin, 6029, "孙委员")
    await add_member(bot, 6155, "王小明")
    await add_member(bot, 6156, "赵六六")

    await officer.command("/visits")
    empty = await said(officer)
    assert "我的民情日记" in empty and NOVEMBER_START in empty, empty
    assert empty.count("（这个月还没有记录）") == 2, empty

    bot.clock.set(local("2026-11-01T10:00"))
    await log_visit(officer, "王小明", day="昨天", reasons=("住院",))  # #1, 10-31
    bot.clock.set(local("2026-11-16T10:00"))
    await log_visit(officer, "赵六六", kind="家访", follow="再访",
                    follow_answer="7 天后（11-23）")  # #2
    await log_visit(officer, "刘大爷", pick="就写", reasons=())  # #3
    await log_visit(other, "王小明", reasons=())  # #4: someone else's

    await officer.command("/visits")
    text = await said(officer)
    lines = text.splitlines()
    assert lines[0] == "📔 我的民情日记", text
    now_at = lines.index("本月 谈心 1/3 · 家访 1/2 · 还差谈心 2 次、家访 1 次")
    last_at = lines.index("10月 谈心 1/3 · 家访 0/2 · 差谈心 2 次、家访 2 次")
    assert now_at < last_at, text
    this_month = [line.strip() for line in lines[now_at + 1:last_at] if line.strip()]
    assert this_month == ["/visit_3 11-16 谈心 刘大爷",
                          "/visit_2 11-16 家访 赵六六 住院 · 🔁 11-23 再访"], text
    assert "/visit_1 10-31 谈心 王小明 住院" in lines[last_at + 1], text
    assert "/visit_4" not in text
    assert "点编号看全文" in text

    await officer.command("/visit_1")
    entry = await said(officer)
    assert "民情日记 #1 · 谈心" in entry, entry
    assert "王小明（综采一班）· 2026-10-31 · 记录人 李主任" in entry, entry
    await other.command("/visit_1")
    assert "没有找到这一项" in await said(other)
