"""考试 guards, end to end: wrong roles and other teams are refused, forged presses are
answered and change nothing, a revoked officer is refused on the very next press, a
restart in the middle of an upload loses nothing, 导入 pressed twice imports once."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.flows import FlowState
from bot.storage import audit
from bot.stub import BotApiStub, Message, UserHandle
from tests.e2e.test_exams import (
    add_members,
    create_exam,
    csv_bytes,
    make_officer,
    make_worker,
    said,
    score_changes,
    scores_by_name,
    team_group,
    upload,
    xlsx_bytes,
)
from tests.harness import BotUnderTest

EXAM_BUTTONS = ("e:1:one", "e:1:file", "e:1:preview", "e:1:post")


async def snapshot(bot: BotUnderTest) -> tuple[Any, ...]:
    """Everything a refused press must leave alone: the exam, its scores, its history,
    what the outbox holds for exams and groups."""
    s = bot.services
    async with s.db.read() as tx:
        outbox = [tuple(r) for r in await tx.fetchall(
            "SELECT id, chat_id, method, ref FROM outbox"
            " WHERE ref LIKE 'exam%' OR chat_id < 0 ORDER BY id")]
    return (await s.exams.get(1), await s.exams.scores(1),
            await audit.history(s.db, "exam", 1), outbox)


async def flow_of(bot: BotUnderTest, user_id: int) -> FlowState:
    state = await bot.services.flows.get(user_id)
    assert state is not None, "the flow was lost"
    return state


async def scored_exam(bot: BotUnderTest, officer: UserHandle) -> Message:
    """Exam #1 of 综采一班 with two scores; returns its card."""
    card = await create_exam(officer)
    clean = await upload(officer, card, xlsx_bytes([["王小明", 85], ["赵六六", 70]]),
                         "成绩.xlsx")
    await officer.press(clean, "导入")
    assert "已导入 2 人" in await said(officer)
    return await officer.next_message()


# ---- wrong people ---------------------------------------------------------------------

async def test_workers_and_other_teams_officers_are_refused(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    worker = await make_worker(bot, stub, 5001, "王小明")
    await add_members(bot, ["赵六六"])
    stranger = await make_officer(bot, stub, admin, 5003, "周委员", team_code="B2")
    group = await team_group(stub, officer)
    card = await scored_exam(bot, officer)
    before = await snapshot(bot)

    for who in (worker, stranger):
        for data in EXAM_BUTTONS:
            answered = await who.press(card, data=data)
            assert answered.show_alert and "您没有权限做这件事" in (answered.text or ""), (
                who.name, data)
        await who.command("/exam_1")
        assert "没有找到这一项" in await said(who)
        assert await s.flows.get(who.id) is None
        await who.no_message(within=0.3)
    await worker.command("/exams")
    assert "工会委员和小组长的工作" in await said(worker)
    await stranger.command("/exams")
    assert "还没有考试" in await said(stranger)  # only their own team's exams

    # A B2 officer in a scoring flow of their own cannot reach A1's exam or members.
    await create_exam(stranger, subject="掘进规程")
    await stranger.command("/exam_2")
    b2_card = await stranger.next_message()
    await stranger.press(b2_card, "逐个录入")
    picker = await stranger.next_message()
    assert picker.button_texts() == ["周委员", "完成"]
    wang = await s.members.by_tg(5001)
    assert wang is not None
    answered = await stranger.press(picker, data=f"f:examone:pick:{wang.id}")
    assert "按钮已过期" in await said(stranger) and not answered.show_alert
    await stranger.send("王小明")
    assert "没找到这个人" in await said(stranger)
    assert (await flow_of(bot, 5003)).step == "pick"
    assert await snapshot(bot) == before and await s.exams.scores(2) == []
    await group.no_message(within=0.3)


async def test_forged_exam_presses_are_answered_and_change_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    await add_members(bot, ["王小明", "赵六六"])
    await add_members(bot, ["杨柳青"], team_code="B2", first_tg=7101)
    group = await team_group(stub, officer)
    card = await scored_exam(bot, officer)
    before = await snapshot(bot)

    for data in ("e:999:post", "e:1:drop", "e:abc:one", "e:", "e:1", "e::post", "e:1:post:x",
                 "e:-1:one", "e:１:post", "e:99999999999999999999:post", "e:0:file"):
        answered = await officer.press(card, data=data)
        assert "按钮已过期" in (answered.text or ""), data
    assert await s.flows.get(5002) is None
    for data in ("f:examone:pick:999999", "f:examfile:confirm:yes", "f:exam:preview:submit"):
        answered = await officer.press(card, data=data)  # no flow open
        assert "按钮已过期" in (answered.text or ""), data
    assert await s.flows.get(5002) is None and await s.exams.of_team(None) != []
    assert len(await s.exams.of_team(None)) == 1

    await officer.press(card, "逐个录入")
    picker = await officer.next_message()
    outsider = await s.members.by_tg(7101)
    assert outsider is not None
    for value in ("999999", str(outsider.id), "p-1", "pabc", "", "abc", "0", "²",
                  "99999999999999999999"):
        answered = await officer.press(picker, data=f"f:examone:pick:{value}")
        assert not answered.show_alert, value
        assert "按钮已过期" in await said(officer), value
        state = await flow_of(bot, 5002)
        assert (state.name, state.step) == ("examone", "pick"), value
    for data in ("f:examone:score:back", "f:examfile:confirm:yes", "f:examone:pick"):
        answered = await officer.press(picker, data=data)  # wrong step, flow or shape
        assert "按钮已过期" in (answered.text or ""), data
    await officer.press(picker, data="f:examone:pick:p999999")  # past the end
    last_page = await officer.next_message()
    assert "完成" in last_page.button_texts() and "王小明 ✓85" in last_page.button_texts()
    assert await snapshot(bot) == before
    await group.no_message(within=0.3)
    await admin.no_message(within=0.1)  # no error notice


async def test_a_revoked_officer_is_refused_at_the_next_press(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    deputy = await make_officer(bot, stub, admin, 5004, "吴委员")
    await add_members(bot, ["王小明", "赵六六", "孙七斤"])
    group = await team_group(stub, officer)
    card = await scored_exam(bot, officer)

    # 李主任 is about to type a score; 吴委员 is about to press 导入.
    await officer.press(card, "逐个录入")
    await officer.press(await officer.next_message(), "孙七斤")
    assert "孙七斤 的成绩是多少" in await said(officer)
    await deputy.command("/exam_1")
    clean = await upload(deputy, await deputy.next_message(),
                         csv_bytes([["孙七斤", "99"]]), "补录.csv")
    assert "表格没问题" in (clean.text or "")

    for user_id in (5002, 5004):
        member = await s.members.by_tg(user_id)
        assert member is not None
        await admin.command("/demote", f"#{member.id}", "工会委员")
        assert "已取消" in await said(admin)
    assert "不再担任：工会委员" in await said(officer)
    assert "不再担任：工会委员" in await said(deputy)
    before = await snapshot(bot)

    await officer.send("60")
    assert "您没有权限做这件事" in await said(officer)
    await deputy.press(clean, "导入")
    assert "您没有权限做这件事" in await said(deputy)
    assert await s.flows.get(5002) is None and await s.flows.get(5004) is None
    for data in EXAM_BUTTONS:
        answered = await officer.press(card, data=data)
        assert answered.show_alert and "您没有权限做这件事" in (answered.text or ""), data
    await officer.command("/exam")
    assert "工会委员和小组长的工作" in await said(officer)
    await officer.command("/exam_1")
    assert "没有找到这一项" in await said(officer)
    assert await snapshot(bot) == before
    assert "孙七斤" not in await scores_by_name(bot)
    await group.no_message(within=0.3)


async def test_a_member_who_leaves_mid_entry_gets_no_score(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    await add_members(bot, ["王小明", "赵六六"])
    card = await create_exam(officer)
    await officer.press(card, "逐个录入")
    await officer.press(await officer.next_message(), "赵六六")
    assert "赵六六 的成绩是多少" in await said(officer)
    zhao = await s.members.by_tg(7002)
    assert zhao is not None
    await admin.command("/deactivate", f"#{zhao.id}")
    assert "已停用 赵六六" in await said(admin)
    await officer.send("88")
    picker = await officer.next_message()
    assert "没找到这个人" in (picker.text or "")
    assert "赵六六" not in picker.button_texts()
    assert await s.exams.scores(1) == [] and (await flow_of(bot, 5002)).step == "pick"


# ---- uploads: restarts, repeated presses, limits -----------------------------------------

async def test_restart_mid_upload_and_import_pressed_twice(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    await add_members(bot, ["王小明", "赵六六", "孙七斤"])
    card = await create_exam(officer)
    await officer.press(card, "上传成绩表")
    assert "请上传成绩表" in await said(officer)

    await bot.restart()
    state = await flow_of(bot, 5002)
    assert (state.name, state.step, state.data.get("exam_id")) == ("examfile", "file", 1)
    await officer.send_document(b"x" * 1_000_001, "成绩.csv")
    assert "文件太大" in await said(officer)
    await officer.send_document(csv_bytes([["姓名", "成绩"], ["王小明", "85"],
                                           ["赵六六", "91"]], "gbk"), "成绩.csv")
    clean = await officer.next_message()
    assert "2 人有成绩" in (clean.text or "")

    await bot.restart()
    assert (await flow_of(bot, 5002)).step == "confirm"
    await officer.press(clean, "导入")
    assert "已导入 2 人" in await said(officer)
    assert "已录成绩 2/4 人" in await said(officer)
    again = await officer.press(clean, "导入")
    assert "按钮已过期" in (again.text or "")
    await officer.no_message(within=0.3)
    assert await score_changes(bot) == ["file:2"]
    assert await scores_by_name(bot) == {"王小明": 85.0, "赵六六": 91.0}

    # Both presses at once: still one import.
    clean = await upload(officer, card, csv_bytes([["孙七斤", "77"], ["王小明", "86"]]),
                         "更正.csv")
    assert "其中 1 人已有成绩" in (clean.text or "")
    answers = await asyncio.gather(officer.press(clean, "导入"), officer.press(clean, "导入"))
    assert sum("按钮已过期" in (a.text or "") for a in answers) <= 1
    assert "已导入 2 人" in await said(officer)
    await officer.next_message()  # the card
    await officer.no_message(within=0.5)
    assert await score_changes(bot) == ["file:2", "file:2"]
    assert await scores_by_name(bot) == {"王小明": 86.0, "赵六六": 91.0, "孙七斤": 77.0}
    assert await bot.services.flows.get(5002) is None  # (services are new after a restart)


async def test_tables_with_blank_rows_and_chinese_commas(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    await add_members(bot, ["王小明", "李大山"])
    card = await create_exam(officer)
    # Row numbers are the spreadsheet's, blank rows included.
    errors = await upload(officer, card, xlsx_bytes(
        [["姓名", "成绩"], ["王小明", 85], [None, None], ["李大山", 120]]), "成绩.xlsx")
    assert "第 4 行：李大山 的成绩 120 超过满分 100" in (errors.text or ""), errors.text
    await officer.send_document(csv_bytes([[""], ["姓名", "成绩"], ["王小明", "85"], [""],
                                           ["李大山", "八十"]]), "成绩.csv")
    errors = await officer.next_message()
    assert "第 5 行：李大山 的成绩“八十”不是数字" in (errors.text or ""), errors.text
    # A CSV typed with Chinese commas.
    await officer.send_document("姓名，成绩\n王小明，85\n李大山，90\n".encode("gbk"), "成绩.csv")
    clean = await officer.next_message()
    assert "表格没问题：2 人有成绩，平均 87.5 分" in (clean.text or ""), clean.text
    await officer.press(clean, "导入")
    assert "已导入 2 人" in await said(officer)
    assert await scores_by_name(bot) == {"王小明": 85.0, "李大山": 90.0}


# ---- bugs found ------------------------------------------------------------------------

async def test_typed_employee_number_in_any_case(bot: BotUnderTest, stub: BotApiStub,
                                                 admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    await add_members(bot, [("韩冬梅", "ZC-1024")])
    card = await create_exam(officer)
    await officer.press(card, "逐个录入")
    await officer.next_message()
    await officer.send("zc-1024")
    assert "韩冬梅 的成绩是多少" in await said(officer)
