"""隐患 guards, end to end: a 重大 alert ignores quiet hours, nobody verifies their own
fix, forged and repeated presses change nothing, bad input is answered and the flow
stays put, a restart loses nothing, wrong roles are refused."""

from __future__ import annotations

import asyncio
from datetime import UTC
from typing import Any

from bot.flows import FlowState
from bot.hazards import Hazard, HazardStatus, Severity
from bot.roles import Role
from bot.storage import audit
from bot.storage.db import from_ts
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.hazards_helpers import (
    make_officer,
    make_supervisor,
    make_worker,
    next_with,
    report_hazard,
)
from tests.harness import BotUnderTest, local

TEXT = "回风巷 200 米处风筒破口，漏风严重。"
Snapshot = tuple[Hazard | None, list[audit.AuditEntry]]



async def snapshot(bot: BotUnderTest, hazard_id: int = 1) -> Snapshot:
    """The hazard row and its audit history: what a refused press must not change."""
    hazard = await bot.services.hazards.get(hazard_id)
    return hazard, await audit.history(bot.services.db, "hazard", hazard_id)


async def said(chat: UserHandle | GroupHandle) -> str:
    return (await chat.next_message()).text or ""


async def group_message(group: GroupHandle, needle: str) -> Message:
    while True:
        message = await group.next_message()
        if needle in (message.text or ""):
            return message


async def flow_of(bot: BotUnderTest, user_id: int) -> FlowState:
    state = await bot.services.flows.get(user_id)
    assert state is not None, "the flow was lost"
    return state


async def outbox_rows(bot: BotUnderTest, hazard_id: int) -> list[dict[str, Any]]:
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall(
            "SELECT chat_id, method, priority, not_before, status FROM outbox WHERE ref = ?",
            (f"hazard:{hazard_id}",))
    return [dict(row) for row in rows]


async def confirm(officer: UserHandle, notice: Message, owner: str = "王电工") -> Message:
    """确认 → an owner (a member of 综采一班, or 部门:NAME) → '3 天'; the result."""
    await officer.press(notice, "确认")
    ask_owner = await next_with(officer, "整改责任人是谁")
    if owner.startswith("部门:"):
        await officer.press(ask_owner, "交给部门")
        await officer.press(await next_with(officer, "交给哪个部门"), owner[3:])
    else:
        await officer.press(ask_owner, "综采一班")
        await officer.press(await officer.next_message(), owner)
    await officer.press(await next_with(officer, "整改期限"), "3 天")
    return await next_with(officer, "已确认")


async def fix(who: UserHandle, message: Message) -> None:
    """已整改 with one photo of the result."""
    await who.press(message, "已整改")
    assert "至少 1 张" in await said(who)
    await who.send_photo(b"\x89PNG fixed")
    await who.press(await next_with(who, "第 1 张"), "完成")
    assert "等待验收" in await said(who)


# ---- 重大 during quiet hours -----------------------------------------------------------

async def test_major_hazard_alerts_at_once_during_quiet_hours(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    chair = await make_officer(bot, stub, admin, 2009, "陈主席", team_code="C3")
    chair_member = await s.members.by_tg(2009)
    assert chair_member is not None
    await admin.command("/promote", f"#{chair_member.id}", "工会主席")
    assert "设为工会主席" in await said(admin)
    await said(chair)  # "您已被设为：工会主席"
    worker = await make_worker(bot, stub, 3001, "张三")

    group = stub.group(-1001000000077, "安全生产群")
    group.add_member(officer)
    await group.add_bot(by=admin)
    await group.next_message()  # hello
    await officer.send_to(group, "/setchat safety")
    assert "没有权限" in await said(group)  # an officer may not set the safety chat
    await admin.send_to(group, "/setchat safety")
    assert "本群已设为" in await said(group)
    assert [c.chat_id for c in await s.chats.with_purpose("safety")] == [group.id]
    await stub.wait_idle()

    bot.clock.set(local("2026-11-16T23:30"))
    done = await report_hazard(worker, "3102 工作面瓦斯浓度 1.2%，传感器报警。", severity="重大",
                               category="瓦斯")
    assert "重大隐患 #1" in (done.text or "")
    alert = await group_message(group, "重大隐患 #1")
    assert "瓦斯浓度" in (alert.text or "") and not alert.buttons
    assert any(m.photo or m.data.get("photo") for m in group.messages())
    assert "重大隐患 #1" in ((await next_with(chair, "重大隐患 #1")).text or "")
    notice = await next_with(officer, "新隐患 #1")  # the handlers' copy is urgent too
    assert notice.buttons
    await stub.wait_idle()
    rows = await outbox_rows(bot, 1)
    assert rows and all(r["priority"] == 10 and r["status"] == "sent" for r in rows), rows
    assert {group.id, 2009, 2001} <= {r["chat_id"] for r in rows}

    await report_hazard(worker, "回风巷底板有积水，约 10 厘米。", category="水害")
    rows = await outbox_rows(bot, 2)
    assert rows, "an ordinary hazard queued no notices"
    seven = local("2026-11-17T07:00").astimezone(UTC)
    for row in rows:
        not_before = from_ts(row["not_before"])
        assert row["priority"] == 0 and row["status"] == "pending", row
        assert not_before is not None and not_before >= seven, row
    await officer.no_message(within=1.5)
    for chat in (chair, group, admin):  # (with a chair, the admin is not alerted)
        await chat.no_message(within=0.1)


# ---- verification by someone else ----------------------------------------------------

async def test_fix_needs_a_photo_and_owner_and_fixer_cannot_verify(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    owner = await make_supervisor(bot, stub, 2101, "赵群监")
    other = await make_supervisor(bot, stub, 2102, "钱群监")
    worker = await make_worker(bot, stub, 3001, "张三")
    await report_hazard(worker, TEXT)
    await confirm(officer, await next_with(officer, "新隐患 #1"), owner="赵群监")

    # 已整改 needs a photo: 完成 (typed, or a forged press) and a file are refused.
    await owner.press(await next_with(owner, "请整改"), "已整改")
    ask = await owner.next_message()
    assert "至少 1 张" in (ask.text or "") and not ask.buttons  # no 完成 before a photo
    await owner.send("完成")
    assert "请至少发 1 张整改后的照片" in await said(owner)
    await owner.press(ask, data="f:hzfix:photos:done")
    assert "请至少发 1 张整改后的照片" in await said(owner)
    await owner.send_document(b"\x89PNG", "整改.png", "image/png")
    assert "请以“照片”方式发送" in await said(owner)
    assert (await flow_of(bot, 2101)).step == "photos"
    hazard = await s.hazards.get(1)
    assert hazard is not None and hazard.status is HazardStatus.CONFIRMED
    await owner.send_photo(b"\x89PNG fixed")
    await owner.press(await next_with(owner, "第 1 张"), "完成")
    assert "等待验收" in await said(owner)

    to_verify = await next_with(owner, "请验收")
    before = await snapshot(bot)
    for button in ("验收通过", "未整改到位"):
        answered = await owner.press(to_verify, button)
        assert answered.show_alert and "不能自己验收" in (answered.text or ""), button
    assert await snapshot(bot) == before and await s.flows.get(2101) is None

    # 未整改到位, by the officer: back to the owner with the reason and a new deadline.
    officer_copy = await next_with(officer, "请验收")
    await officer.press(officer_copy, "未整改到位")
    assert "哪里没有整改好" in await said(officer)
    await officer.send("风筒接口仍漏风，需重新绑扎。")
    await officer.press(await next_with(officer, "整改期限"), "7 天")
    assert "已退回整改" in await said(officer)
    hazard = await s.hazards.get(1)
    assert hazard is not None and hazard.status is HazardStatus.CONFIRMED
    assert hazard.rounds == 1 and hazard.redo_reason == "风筒接口仍漏风，需重新绑扎。"
    assert str(hazard.deadline) == "2026-11-23" and str(hazard.first_deadline) == "2026-11-19"
    told = await next_with(owner, "未整改到位")
    assert "重新绑扎" in (told.text or "") and "2026-11-23" in (told.text or "")
    assert "2026-11-23" in ((await next_with(worker, "验收未通过")).text or "")
    await fix(owner, told)  # the owner can fix again
    await next_with(other, "请验收")
    again = await next_with(other, "请验收")
    answered = await other.press(again, "验收通过")
    assert not answered.show_alert and "已销号" in (again.text or "")
    await next_with(worker, "已验收销号")  # the reporter's last notice about #1

    # A department owner: the officer records the fix and so may not verify it.
    await report_hazard(worker, "变电所门口灭火器过期。", category="防灭火")
    done = await confirm(officer, await next_with(officer, "新隐患 #2"), owner="部门:机电科")
    assert "整改责任人：机电科" in (done.text or "")
    await fix(officer, done)
    hazard = await s.hazards.get(2)
    assert hazard is not None and hazard.status is HazardStatus.FIXED
    officer_member = await s.members.by_tg(2001)
    assert officer_member is not None and hazard.fixed_by == officer_member.id
    mine = await next_with(officer, "隐患 #2 已整改，请验收")
    before = await snapshot(bot, 2)
    answered = await officer.press(mine, "验收通过")
    assert answered.show_alert and "不能自己验收" in (answered.text or "")
    assert await snapshot(bot, 2) == before
    answered = await other.press(await next_with(other, "隐患 #2 已整改"), "验收通过")
    verified = await s.hazards.get(2)
    assert verified is not None and verified.status is HazardStatus.VERIFIED
    other_member = await s.members.by_tg(2102)
    assert other_member is not None and verified.verified_by == other_member.id


# ---- forged, repeated and racing presses ----------------------------------------------

async def test_forged_and_repeated_presses_change_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    second = await make_officer(bot, stub, admin, 2003, "周委员")
    stranger = await make_officer(bot, stub, admin, 2002, "王委员", team_code="B2")
    supervisor = await make_supervisor(bot, stub, 2101, "赵群监")
    worker = await make_worker(bot, stub, 3001, "张三")
    owner = await make_worker(bot, stub, 3002, "王电工")
    await report_hazard(worker, TEXT)
    notice = await next_with(officer, "新隐患 #1")
    before, edits = await snapshot(bot), notice.edits

    for who in (worker, stranger, owner):
        for data in ("h:ok:1", "h:no:1", "h:dup:1", "h:pass:1", "h:redo:1", "h:fix:1"):
            answered = await who.press(notice, data=data)
            assert answered.show_alert and "没有权限" in (answered.text or ""), (who.name, data)
    for data in ("h:ok:999", "h:pass:999", "h:fix:999", "h:", "h:zz:1", "h:ok:abc", "h:ok:",
                 "h::1", "h:ok:1:2", "h:ok:-1"):
        answered = await officer.press(notice, data=data)
        assert "没有找到" in (answered.text or ""), data
    assert await snapshot(bot) == before and notice.edits == edits
    for user_id in (2001, 2002, 3001, 3002):
        assert await s.flows.get(user_id) is None  # no step was opened either
    await worker.no_message(within=0.3)
    await admin.no_message(within=0.1)  # no error notice

    await confirm(officer, notice)
    before = await snapshot(bot)
    late = await next_with(second, "新隐患 #1")
    for who, message in ((officer, notice), (second, late)):
        for data in ("h:ok:1", "h:no:1", "h:dup:1", "h:pass:1", "h:redo:1"):
            answered = await who.press(message, data=data)
            text = answered.text or ""
            assert "已经处理过了" in text and "李委员" in text and "整改中" in text, data
    assert "没有权限" in ((await worker.press(notice, data="h:fix:1")).text or "")
    assert await snapshot(bot) == before
    assert await s.flows.get(2001) is None and await s.flows.get(2003) is None

    await fix(owner, await next_with(owner, "请整改"))
    copies = [await next_with(second, "请验收"), await next_with(supervisor, "请验收")]
    answers = await asyncio.gather(second.press(copies[0], "验收通过"),
                                   supervisor.press(copies[1], "验收通过"))
    refused = [a for a in answers if "已经处理过了" in (a.text or "")]
    assert len(refused) == 1, answers
    history = await audit.history(s.db, "hazard", 1)
    assert [(e.from_state, e.to_state) for e in history] == [
        (None, "reported"), ("reported", "confirmed"), ("confirmed", "fixed"),
        ("fixed", "verified")]
    hazard = await s.hazards.get(1)
    assert hazard is not None and hazard.status is HazardStatus.VERIFIED
    assert "已验收销号" in ((await next_with(worker, "已验收")).text or "")
    await worker.no_message(within=0.5)
    answered = await officer.press(notice, data="h:pass:1")
    assert "已经处理过了" in (answered.text or "") and "已验收销号" in (answered.text or "")


# ---- bad input at every step -----------------------------------------------------------

async def test_bad_input_at_every_step_of_a_report(bot: BotUnderTest, stub: BotApiStub,
                                                   admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")

    async def refused(needle: str, step: str) -> Message:
        answer = await worker.next_message()
        assert needle in (answer.text or ""), (needle, answer.text)
        assert (await flow_of(bot, 3001)).step == step
        return answer

    await worker.command("/hazard")
    ask_location = await worker.next_message()
    for send in (worker.send_sticker, worker.send_voice):
        await send()
        await refused("这一步需要文字", "location")
    await worker.send("回风巷" + "左" * 38)
    await refused("地点太长了（41 字，最多 40 字）", "location")
    await worker.send("3102 回风巷 200 米处")
    ask_category = await refused("什么类别", "category")
    await worker.send_sticker()
    await refused("请点下面的按钮", "category")
    stale = await worker.press(ask_location, "回风巷")
    assert "按钮已过期" in (stale.text or "")
    await worker.press(ask_category, "通风")
    await worker.press(await worker.next_message(), "一般")
    await refused("请描述隐患", "description")
    await worker.send("   ")
    await refused("描述不能为空", "description")
    await worker.send("风" * 1001)
    await refused("描述太长了（1001 字，最多 1000 字）", "description")
    await worker.send(TEXT)
    await refused("可以附上照片", "photos")
    await worker.send_document(b"\x89PNG as a file", "现场.png", "image/png")
    await refused("请以“照片”方式发送", "photos")
    await worker.send_sticker()
    await refused("这一步只收照片", "photos")
    for n in range(5):
        await worker.send_photo(b"\x89PNG photo %d" % n)
        await refused(f"第 {n + 1} 张", "photos")
    await worker.send_photo(b"\x89PNG photo 6")
    last = await refused("最多只能附 5 张", "photos")
    assert len((await flow_of(bot, 3001)).data["photos"]) == 5
    await worker.press(last, "完成")
    await refused("什么时候发现的", "found")
    for bad, needle in (("23:59", "不能晚于现在"), ("11-08 9:00", "最多只能往前 7 天"),
                        ("昨天夜班", "看不懂这个时间"), ("25:10", "看不懂这个时间")):
        await worker.send(bad)
        await refused(needle, "found")
    await worker.send_voice()
    await refused("这一步需要文字", "found")
    await worker.send("8:15")
    preview = await refused("请确认", "preview")
    assert "11-16 08:15" in (preview.text or "") and "照片：5 张" in (preview.text or "")
    await worker.press(preview, "提交")
    assert "#1" in await said(worker)
    again = await worker.press(preview, "提交")  # pressed twice: told the number, once
    assert again.show_alert and "已经上报了，编号 #1" in (again.text or ""), again
    await worker.no_message(within=0.3)

    hazard = await bot.services.hazards.get(1)
    assert hazard is not None and hazard.location == "3102 回风巷 200 米处"
    assert hazard.found_at == local("2026-11-16T08:15").astimezone(UTC)
    assert hazard.created_at == bot.clock.now() and len(hazard.photos) == 5
    assert hazard.description == TEXT and hazard.severity is Severity.ORDINARY
    notice = await next_with(officer, "新隐患 #1")
    assert "发现 11-16 08:15" in (notice.text or "") and "上报 11-16 10:00" in (notice.text or "")
    assert await bot.services.flows.get(3001) is None


# ---- restarts ---------------------------------------------------------------------------

async def test_restarts_lose_nothing(bot: BotUnderTest, stub: BotApiStub,
                                     admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    owner = await make_worker(bot, stub, 3002, "王电工")
    await worker.command("/hazard")
    await worker.press(await worker.next_message(), "变电所")
    await worker.press(await worker.next_message(), "机电")
    await worker.press(await worker.next_message(), "较大")
    await worker.next_message()
    await worker.send("变电所 2 号开关柜接地线松脱。")
    assert "可以附上照片" in await said(worker)

    await bot.restart()
    await worker.send_photo(b"\x89PNG cabinet")
    await worker.press(await next_with(worker, "第 1 张"), "完成")
    await worker.press(await worker.next_message(), "1 小时前")
    preview = await next_with(worker, "请确认")
    await bot.restart()
    await worker.press(preview, "提交")
    assert "#1" in await said(worker)
    hazard = await bot.services.hazards.get(1)
    assert hazard is not None and hazard.location == "变电所" and hazard.category == "机电"
    assert hazard.severity is Severity.SIGNIFICANT and len(hazard.photos) == 1
    assert hazard.description == "变电所 2 号开关柜接地线松脱。"
    assert hazard.found_at == local("2026-11-16T09:00").astimezone(UTC)

    notice = await next_with(officer, "新隐患 #1")
    await officer.press(notice, "确认")
    await officer.press(await next_with(officer, "整改责任人是谁"), "综采一班")
    await officer.press(await officer.next_message(), "王电工")
    ask_deadline = await next_with(officer, "整改期限")
    await bot.restart()
    await officer.press(ask_deadline, "3 天")
    assert "已确认" in await said(officer)
    hazard = await bot.services.hazards.get(1)
    assert hazard is not None and hazard.status is HazardStatus.CONFIRMED
    assert str(hazard.deadline) == "2026-11-19"
    assert "2026-11-19" in ((await next_with(owner, "整改责任人")).text or "")


# ---- wrong roles ------------------------------------------------------------------------

async def test_wrong_roles_are_refused(bot: BotUnderTest, stub: BotApiStub,
                                       admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    chair = await make_worker(bot, stub, 2009, "陈主席", team_code="C3")
    chair_member = await s.members.by_tg(2009)
    assert chair_member is not None
    await s.members.grant(chair_member.id, Role.CHAIR, None, bot.clock.now())
    team = await s.teams.by_code("A1")
    assert team is not None
    await s.members.register(3101, "赵六", None, team.id, None, False, bot.clock.now())
    for user_id, name, needle in ((3101, "赵六", "正在等"), (3102, "路人甲", "登记")):
        someone = stub.user(user_id, name)
        for command in ("/hazard", "/hazards"):
            await someone.command(command)
            assert needle in await said(someone), (name, command)
        assert await s.flows.get(user_id) is None

    worker = await make_worker(bot, stub, 3001, "张三")
    mate = await make_worker(bot, stub, 3002, "李四")
    digger = await make_worker(bot, stub, 3003, "孙七", team_code="B2")
    await report_hazard(worker, TEXT)
    await report_hazard(mate, "主运输巷顶板有离层，掉渣。", severity="重大", category="顶板",
                        location="主运输巷")
    await report_hazard(digger, "掘进面粉尘大。", category="粉尘", location="掘进工作面")

    await worker.command("/hazards")
    listing = await said(worker)
    mine, _, team_part = listing.partition("本班组未销号的隐患")
    assert "我上报的" in mine and "/hazard_1" in mine and "/hazard_2" not in mine
    assert "/hazard_1" in team_part and "/hazard_2" in team_part
    assert "/hazard_3" not in listing
    await worker.command("/hazard_3")
    assert "没有找到" in await said(worker)
    await worker.command("/hazard_2")
    shown = await worker.next_message()
    assert "主运输巷" in (shown.text or "") and not shown.buttons
    before = await snapshot(bot, 2)
    for data in ("h:ok:2", "h:no:2", "h:dup:2"):
        answered = await worker.press(shown, data=data)
        assert answered.show_alert and "没有权限" in (answered.text or ""), data
    assert await snapshot(bot, 2) == before

    await officer.command("/hazards")
    listing = (await next_with(officer, "待处理的隐患")).text or ""
    assert listing.index("/hazard_2") < listing.index("/hazard_1")
    assert "/hazard_3" not in listing
    await chair.command("/hazards")
    listing = (await next_with(chair, "全区未销号的隐患")).text or ""
    assert listing.index("/hazard_2") < listing.index("/hazard_1") and "/hazard_3" in listing



# ---- bugs found ------------------------------------------------------------------------

async def test_forged_ids_that_are_not_ids_are_answered(bot: BotUnderTest, stub: BotApiStub,
                                                        admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await report_hazard(worker, TEXT)
    notice = await next_with(officer, "新隐患 #1")
    before = await snapshot(bot)
    problems = []
    for data in ("h:ok:²", "h:pass:99999999999999999999"):
        answered = await officer.press(notice, data=data)
        if "出了点问题" in (answered.text or ""):
            problems.append(data)
    await officer.command("/hazard_99999999999999999999")
    if "没有找到" not in await said(officer):
        problems.append("/hazard_99999999999999999999")
    await worker.command("/hazard")
    answered = await worker.press(await worker.next_message(), data="f:hz:location:²")
    if "出了点问题" in (answered.text or ""):
        problems.append("f:hz:location:²")
    assert await snapshot(bot) == before
    assert problems == [], problems
    await admin.no_message(within=0.5)  # no error notice

