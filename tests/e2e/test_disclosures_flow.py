"""厂务公开 end to end, through the stand-in: an officer drafts a disclosure step by step,
a chair (never the drafter) approves or returns it, the bot posts it to the team groups
with 已阅 / 有疑问 buttons and pins it, members press 已阅 (counted once each, the count
on the button paced), 有疑问 opens a card linked to the disclosure, a 更正 goes out as a
reply to each post, and /disclosures keeps the archive with the unread lists.

Also the guards: wrong roles, forged or repeated presses, bad input, and restarts in the
middle of a draft or of a return."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.clock import FixedClock
from bot.disclosures import Status
from bot.stub import BotApiStub, UserHandle
from tests.e2e.disclosure_flow_helpers import (
    BODY,
    GROUPS,
    TITLE,
    approve_and_post,
    bot_messages,
    make_branch,
    make_chair,
    make_worker,
    message_with,
    restart,
    said,
    submit,
    team_group,
    to_pin,
    to_preview,
    until,
)
from tests.harness import BotUnderTest, hold_sweeper


@pytest.fixture(autouse=True)
async def no_background_sweep(bot: BotUnderTest) -> AsyncIterator[None]:
    """The running bot sweeps 0.2 s after start; tests here move the clock themselves."""
    hold_sweeper(bot)
    yield


# ---- the whole way: draft → approve → posts with pins → report ---------------------------

async def test_officer_drafts_chair_approves_posted_and_pinned_in_each_team_group(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """李委员 drafts a 工资 disclosure step by step for all three team groups, pinned;
    张主席 approves it; each group gets the post with 已阅 (0) / 有疑问 and has it pinned;
    李委员 hears it was approved and gets the final report; the approver is recorded."""
    branch = await make_branch(bot, stub, admin, groups=3)
    officer, chair = branch.officer, branch.chair

    await officer.command("/disclose")
    ask_category = await officer.next_message()
    assert "第 1 步，共 7 步" in (ask_category.text or "")
    assert ask_category.button_texts() == ["考勤", "工资", "奖金", "奖惩", "经费收支", "福利发放",
                                           "其他"]
    await officer.press(ask_category, "工资")
    ask_period = await officer.next_message()
    assert "哪个时间段" in (ask_period.text or "")
    assert ask_period.button_texts() == ["2026年11月", "2026年10月", "2026年9月"]
    await officer.press(ask_period, "2026年10月")
    assert "标题是什么" in await said(officer)
    await officer.send(TITLE)
    assert "请写公开的内容" in await said(officer)
    await officer.send(BODY)
    ask_attach = await officer.next_message()
    assert "要附一张照片、PDF" in (ask_attach.text or "")
    await officer.press(ask_attach, "不加附件")
    ask_chats = await officer.next_message()
    assert "已选 0 个" in (ask_chats.text or "")
    assert ask_chats.button_texts() == ["▫️ 掘进二班群", "▫️ 机电队群", "▫️ 综采一班群",
                                        "全部班组群", "全选", "清空", "完成"]
    await officer.press(ask_chats, "综采一班群")
    ask_chats = await officer.next_message()
    assert "已选 1 个" in (ask_chats.text or "") and "✅ 综采一班群" in ask_chats.button_texts()
    await officer.press(ask_chats, "全部班组群")
    ask_chats = await officer.next_message()
    assert "已选 3 个" in (ask_chats.text or "")
    await officer.press(ask_chats, "完成")
    ask_pin = await officer.next_message()
    assert "要置顶吗" in (ask_pin.text or "")
    await officer.press(ask_pin, "📌 置顶")
    preview = await officer.next_message()
    text = preview.text or ""
    for part in ("厂务公开（预览）", "类别：工资", "期间：2026年10月", f"标题：{TITLE}", BODY,
                 "附件：无", "发往 3 个群", "发出后置顶"):
        assert part in text, (part, text)
    await officer.press(preview, "提交审批")
    assert f"已提交审批：厂务公开 #1《{TITLE}》，已发给 1 位主席" in await said(officer)

    ask = await message_with(chair, "待审批")
    text = ask.text or ""
    assert "厂务公开 #1 待审批（李委员 起草）" in text and BODY in text and "发往 3 个群" in text
    assert ask.button_texts() == ["✅ 批准发布", "↩️ 退回"]
    await chair.press(ask, "批准发布")
    assert "已批准厂务公开 #1，正在发往 3 个群" in (ask.text or "")

    posts = [await message_with(group, "厂务公开 ·") for group in branch.groups]
    for post in posts:
        text = post.text or ""
        assert "厂务公开 · 工资" in text and TITLE in text and "期间：2026年10月" in text
        assert BODY in text and "审核：张主席 · 2026-11-16" in text
        assert post.buttons == [[("👁 已阅 (0)", "dr:1"),
                                 ("❓ 有疑问", "https://t.me/xiaojia_bot?start=dq_1")]]
    await until(stub, lambda: all(p.pinned for p in posts), "the post pinned in each group")

    approved = await message_with(officer, "已由 张主席 批准")
    assert f"厂务公开 #1《{TITLE}》已由 张主席 批准，正在发往 3 个群" in (approved.text or "")
    report = await message_with(officer, "发送完毕")
    assert "已发到 3/3 个群" in (report.text or "") and "📌 已置顶 3 个群" in (report.text or "")

    d = await bot.services.disclosures.get(1)
    chair_member = await bot.services.members.by_tg(chair.id)
    assert d is not None and chair_member is not None
    assert d.status is Status.APPROVED and d.decided_by == chair_member.id
    await officer.send("/disclosure_1")
    detail = await said(officer)
    assert "起草：李委员" in detail and "✅ 张主席 批准（11-16）" in detail
    assert "各群已阅（3 个群" in detail and "· 综采一班群：0/" in detail
    for group in branch.groups:  # one post each, nothing more
        await group.no_message(within=0.1)


# ---- who may approve ------------------------------------------------------------------

async def test_a_chair_who_drafts_cannot_approve_their_own_draft(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """张主席 drafts: only the other chair, 赵主席, is asked. 张主席 sending the approve (or
    return) data for his own draft is told 自己起草的不能自己审批 and nothing is posted;
    赵主席's approval then goes out, recorded as his."""
    branch = await make_branch(bot, stub, admin, groups=1)
    zhang, group = branch.chair, branch.groups[0]
    zhao = await make_chair(bot, stub, admin, 7003, "赵主席", team_code="B2")

    preview = await to_preview(zhang)
    await zhang.press(preview, "提交审批")
    submitted = await zhang.next_message()
    assert "已提交审批：厂务公开 #1" in (submitted.text or "") and "已发给 1 位主席" in (
        submitted.text or "")
    ask = await message_with(zhao, "待审批")
    assert "（张主席 起草）" in (ask.text or "")

    for data in ("da:1:ok", "da:1:no"):
        answered = await zhang.press(submitted, data=data)
        assert answered.show_alert and "自己起草的不能自己审批" in (answered.text or ""), data
    await zhang.no_message(within=0.5)  # he is never asked to approve his own
    await group.no_message(within=0.1)
    d = await bot.services.disclosures.get(1)
    assert d is not None and d.status is Status.PENDING and d.decided_by is None
    assert await bot.services.flows.get(zhao.id) is None  # no 退回 comment was opened

    await zhang.send("/disclosure_1")  # his own: no approve buttons for him
    mine = await zhang.next_message()
    assert "⏳ 待审批" in (mine.text or "") and mine.buttons == []
    await zhao.send("/disclosure_1")
    theirs = await zhao.next_message()
    assert theirs.button_texts() == ["✅ 批准发布", "↩️ 退回"]

    await zhao.press(ask, "批准发布")
    post = await message_with(group, "厂务公开 ·")
    assert "审核：赵主席" in (post.text or "")
    d = await bot.services.disclosures.get(1)
    zhao_member = await bot.services.members.by_tg(zhao.id)
    assert d is not None and zhao_member is not None and d.decided_by == zhao_member.id


async def test_a_lone_chair_drafting_is_told_another_chair_is_needed_and_keeps_the_draft(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """The branch's only chair drafts and presses 提交审批: 需要另一位工会主席审批, nothing
    stored, the draft kept at its preview; once the admin names a second chair, the same
    preview's 提交审批 sends it to that chair."""
    chair = await make_chair(bot, stub, admin, 7002, "张主席")
    await team_group(stub, chair, GROUPS[0][0], GROUPS[0][1])

    preview = await to_preview(chair)
    await chair.press(preview, "提交审批")
    refused = await said(chair)
    assert "需要另一位工会主席审批" in refused and "草稿已保留" in refused
    assert await bot.services.disclosures.get(1) is None
    state = await bot.services.flows.get(chair.id)
    assert state is not None and state.name == "disclose" and state.step == "preview"

    await chair.command("/disclose")  # comes back to the kept draft
    resumed = await chair.next_message()
    assert "接着上次的继续" in (resumed.text or "") and TITLE in (resumed.text or "")

    zhao = await make_chair(bot, stub, admin, 7003, "赵主席")
    await chair.press(preview, "提交审批")
    assert "已提交审批：厂务公开 #1" in await said(chair)
    ask = await message_with(zhao, "待审批")
    assert "（张主席 起草）" in (ask.text or "") and BODY in (ask.text or "")


# ---- 退回 ---------------------------------------------------------------------------------

async def test_a_chair_returns_with_a_comment_and_the_drafter_resubmits(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """张主席 presses 退回 and types why in private; 李委员 gets the comment with 修改后重新
    提交, which reopens the draft at its preview with everything as it was; he changes
    the text and resubmits: a new pending disclosure goes to the chair."""
    branch = await make_branch(bot, stub, admin, groups=2)
    officer, chair = branch.officer, branch.chair
    ask = await submit(officer, chair)
    assert ask is not None

    answered = await chair.press(ask, "退回")
    assert not answered.show_alert
    assert "退回厂务公开 #1：请写退回意见" in await said(chair)
    await chair.send("人均工资要写明是否含奖金。")
    assert "已退回厂务公开 #1，意见已转给起草人" in await said(chair)

    returned = await message_with(officer, "被 张主席 退回")
    assert f"厂务公开 #1《{TITLE}》被 张主席 退回" in (returned.text or "")
    assert "意见：人均工资要写明是否含奖金。" in (returned.text or "")
    assert returned.button_texts() == ["✏️ 修改后重新提交"]
    d1 = await bot.services.disclosures.get(1)
    assert d1 is not None and d1.status is Status.RETURNED
    assert d1.return_comment == "人均工资要写明是否含奖金。"
    late = await chair.press(ask, "批准发布")  # the request is decided already
    assert late.show_alert and "已由 张主席 退回" in (late.text or "")

    await officer.press(returned, "修改后重新提交")
    preview = await officer.next_message()
    text = preview.text or ""
    for part in ("厂务公开（预览）", "类别：工资", "期间：2026年10月", TITLE, BODY,
                 "发往 2 个群", "发出后置顶"):
        assert part in text, (part, text)
    await officer.press(preview, "修改")
    await officer.press(await officer.next_message(), "内容")
    assert "请写公开的内容" in await said(officer)
    new_body = "10月工资（含安全奖）已于11月15日发放，人均6820元。"
    await officer.send(new_body)
    preview = await officer.next_message()
    assert new_body in (preview.text or "") and "发往 2 个群" in (preview.text or "")
    await officer.press(preview, "提交审批")
    assert "已提交审批：厂务公开 #2" in await said(officer)

    ask2 = await message_with(chair, "厂务公开 #2 待审批")
    assert new_body in (ask2.text or "")
    d2 = await bot.services.disclosures.get(2)
    assert d2 is not None and d2.status is Status.PENDING and d2.body == new_body
    assert d2.title == TITLE and d2.pin
    assert await bot.services.disclosures.targets(2) == sorted(g.id for g in branch.groups)
    await officer.send("/disclosure_1")
    detail = await said(officer)
    assert "↩️ 张主席 退回" in detail and "退回意见：人均工资要写明是否含奖金。" in detail
    assert "修改后重新提交" not in detail  # #1 was submitted again as #2
    stale = await officer.press(returned, "修改后重新提交")  # the old button, pressed again
    assert stale.show_alert and "过期" in (stale.text or "")
    assert await bot.services.disclosures.get(3) is None
    for group in branch.groups:
        await group.no_message(within=0.1)


async def test_a_second_chair_pressing_after_the_first_is_told_who_approved(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """Both chairs are asked; 张主席 approves first. 赵主席 then pressing 批准发布 or 退回
    is told 已由 张主席 批准, and the group gets the post only once."""
    branch = await make_branch(bot, stub, admin, groups=1)
    zhao = await make_chair(bot, stub, admin, 7003, "赵主席", team_code="B2")
    ask = await submit(branch.officer, branch.chair)
    assert ask is not None
    zhao_ask = await message_with(zhao, "待审批")
    await approve_and_post(stub, branch, ask)

    for button in ("批准发布", "退回"):
        answered = await zhao.press(zhao_ask, button)
        assert answered.show_alert and "已由 张主席 批准" in (answered.text or ""), button
    await branch.groups[0].no_message(within=1.2)
    posts = [m for m in bot_messages(stub, branch.groups[0].id) if "厂务公开 ·" in (m.text or "")]
    assert len(posts) == 1
    assert await bot.services.flows.get(zhao.id) is None
    assert len(await bot.services.disclosures.posts(1)) == 1


# ---- roles -------------------------------------------------------------------------------

async def test_workers_and_officers_may_not_decide(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """A worker's /disclose, /disclosures and /disclosure_1 are refused; a worker or an
    officer (not a chair) sending the approve or return data is refused; the draft stays
    pending and nothing is posted."""
    branch = await make_branch(bot, stub, admin, groups=1)
    officer, group = branch.officer, branch.groups[0]
    worker = await make_worker(bot, stub, 7101, "王小明")
    assert await submit(officer, branch.chair) is not None

    for command in ("/disclose", "/disclosures", "/disclosure_1"):
        await worker.send(command)
        assert "厂务公开由工会委员起草、主席审批" in await said(worker), command
    assert await bot.services.flows.get(worker.id) is None

    mine = bot_messages(stub, worker.id)[-1]
    officers = bot_messages(stub, officer.id)[-1]
    for who, message in ((worker, mine), (officer, officers)):
        for data in ("da:1:ok", "da:1:no"):
            answered = await who.press(message, data=data)
            assert answered.show_alert and "只有工会主席可以审批" in (answered.text or ""), (
                who.name, data)
    group.add_member(worker)
    hello = bot_messages(stub, group.id)[0]
    answered = await worker.press_in(group, hello, data="da:1:ok")  # in a group, forged
    assert answered.show_alert and "私聊" in (answered.text or "")

    d = await bot.services.disclosures.get(1)
    assert d is not None and d.status is Status.PENDING and d.decided_by is None
    assert await bot.services.flows.get(officer.id) is None
    await group.no_message(within=0.5)


# ---- forged and repeated presses -----------------------------------------------------------

async def test_forged_presses_change_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """The chair sends approve data for a disclosure that does not exist, or garbage; a
    member sends 已阅 data under a message that is not that disclosure's post (another
    disclosure's post, the bot's hello, a private chat). Nothing is approved, nothing
    counted, no button changes."""
    branch = await make_branch(bot, stub, admin, groups=1)
    officer, chair, group = branch.officer, branch.chair, branch.groups[0]
    worker = await make_worker(bot, stub, 7101, "王小明")
    ask = await submit(officer, chair, pin=False)
    assert ask is not None

    for data in ("da:99:ok", "da:99:no"):
        answered = await chair.press(ask, data=data)
        assert answered.show_alert and "没有找到这一项" in (answered.text or ""), data
    for data in ("da:abc:ok", "da:1:yes", "da:1", "da::ok", "da:-1:ok", "da:１:ok"):
        answered = await chair.press(ask, data=data)
        assert answered.show_alert and "按钮已过期" in (answered.text or ""), data
    d = await bot.services.disclosures.get(1)
    assert d is not None and d.status is Status.PENDING
    assert await bot.services.flows.get(chair.id) is None
    await group.no_message(within=0.1)

    [post1] = await approve_and_post(stub, branch, ask)
    ask2 = await submit(officer, chair, title="2026年10月考勤情况", pin=False)
    assert ask2 is not None
    [post2] = await approve_and_post(stub, branch, ask2)

    group.add_member(worker)
    hello = bot_messages(stub, group.id)[0]
    in_private = bot_messages(stub, worker.id)[-1]
    forged = ((post1, "dr:2"), (post2, "dr:1"), (hello, "dr:1"), (in_private, "dr:1"),
              (post1, "dr:99"), (post1, "dr:abc"), (post1, "dr:"))
    for message, data in forged:
        answered = await worker.press(message, data=data)
        assert "按钮已过期" in (answered.text or ""), (message.text, data)
    for data in ("dd:1:fix", "dd:1:teams", "dd:1:unread:1"):
        answered = await worker.press(in_private, data=data)
        assert answered.show_alert and "没有权限" in (answered.text or ""), data
    for data in ("dd:1:redo", "dd:x:redo", "dd:1"):  # #1 is approved, not returned
        answered = await officer.press(bot_messages(stub, officer.id)[-1], data=data)
        assert "按钮已过期" in (answered.text or ""), data

    assert await bot.services.disclosures.read_counts(1) == {}
    assert await bot.services.disclosures.read_counts(2) == {}
    await group.no_message(within=1.2)
    assert post1.button_texts()[0] == "👁 已阅 (0)" and post2.button_texts()[0] == "👁 已阅 (0)"
    assert post1.edits == 0 and post2.edits == 0
    assert await bot.services.flows.get(officer.id) is None


async def test_read_counts_each_member_once_and_the_button_follows_paced(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, clock: FixedClock) -> None:
    """王小明 presses 已阅 twice: counted once, and the button shows 已阅 (1) at once. A
    stranger not registered is told to register and is not counted. 刘师傅 and 李委员
    press too: the next edit waits the 10 s the config asks (by the bot's clock), then
    shows 已阅 (3) in one edit."""
    branch = await make_branch(bot, stub, admin, groups=1)
    group = branch.groups[0]
    wang = await make_worker(bot, stub, 7101, "王小明")
    liu = await make_worker(bot, stub, 7102, "刘师傅")
    stranger = stub.user(7199, "路人甲")
    ask = await submit(branch.officer, branch.chair, pin=False)
    assert ask is not None
    [post] = await approve_and_post(stub, branch, ask)
    for user in (wang, liu, stranger):
        group.add_member(user)

    first = await wang.press_in(group, post, "已阅")
    assert not first.show_alert and "已记下，谢谢！本群已阅 1 人" in (first.text or "")
    await until(stub, lambda: post.button_texts()[0] == "👁 已阅 (1)", "the count shown at once")
    again = await wang.press_in(group, post, "已阅")
    assert "你已经点过已阅了。本群已阅 1 人" in (again.text or "")

    outsider = await stranger.press_in(group, post, "已阅")
    assert outsider.show_alert and "还没有在职工小家登记" in (outsider.text or "")
    assert "@xiaojia_bot" in (outsider.text or "")

    second = await liu.press_in(group, post, "已阅")
    assert "本群已阅 2 人" in (second.text or "")
    third = await branch.officer.press_in(group, post, "已阅")
    assert "本群已阅 3 人" in (third.text or "")
    await group.no_message(within=1.5)  # the next edit is not due yet by the bot's clock
    assert post.button_texts()[0] == "👁 已阅 (1)" and post.edits == 1

    clock.advance(seconds=10)
    await until(stub, lambda: post.button_texts()[0] == "👁 已阅 (3)", "the paced count")
    assert post.edits == 2
    assert await bot.services.disclosures.read_counts(1) == {group.id: 3}
    assert post.buttons[0][1] == ("❓ 有疑问", "https://t.me/xiaojia_bot?start=dq_1")


# ---- bad input -----------------------------------------------------------------------------

async def test_bad_input_while_drafting_is_answered_and_the_step_stays(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """While drafting, 李委员 types where buttons are needed, gives a period, a title and
    a text too long or too short, sends a photo for the title, a .docx as attachment,
    presses 完成 with no chat picked and forged chat data: each is answered and the
    step stays; a PDF is taken and shows in the preview."""
    branch = await make_branch(bot, stub, admin, groups=2)
    officer = branch.officer

    await officer.command("/disclose")
    ask = await officer.next_message()
    await officer.send("随便写点什么")
    assert "请点下面的按钮选择" in await said(officer)
    await officer.send("奖金")  # a category typed exactly is taken
    assert "哪个时间段" in await said(officer)
    await officer.send("季" * 21)
    assert "时间段最多 20 字" in await said(officer)
    await officer.send("2026年第三季度")
    assert "标题是什么" in await said(officer)

    await officer.send_photo(b"\x89PNG not a title")
    assert "这一步需要输入文字" in await said(officer)
    await officer.send("税")
    assert "标题太短了" in await said(officer)
    await officer.send("长" * 61)
    assert "标题有 61 字，最多 60 字" in await said(officer)
    await officer.send("  第三季度   安全奖发放  ")
    assert "请写公开的内容" in await said(officer)

    await officer.send("字" * 3001)
    assert "内容有 3001 字，最多 3000 字" in await said(officer)
    await officer.send("第三季度安全奖已发放，明细见附件。")
    assert "要附一张照片" in await said(officer)

    await officer.send_document(b"PK\x03\x04 word", "说明.docx",
                                "application/vnd.openxmlformats-officedocument."
                                "wordprocessingml.document")
    assert "只收照片、PDF，或 CSV / Excel" in await said(officer)
    await officer.send("不要附件")
    assert "请点下面的按钮选择" in await said(officer)
    await officer.send_document(b"%PDF-1.4 fake", "安全奖明细.pdf", "application/pdf")
    ask_chats = await officer.next_message()
    assert "发到哪些群" in (ask_chats.text or "")

    await officer.press(ask_chats, "完成")
    ask_chats = await officer.next_message()
    assert "请至少选一个群" in (ask_chats.text or "")
    await officer.send("综采一班群")
    ask_chats = await officer.next_message()
    assert "请点下面的按钮选择" in (ask_chats.text or "")
    for forged in ("f:disclose:chats:-1009999", "f:disclose:chats:abc"):
        await officer.press(ask_chats, data=forged)
        ask_chats = await officer.next_message()
        assert "按钮已过期" in (ask_chats.text or "") and "已选 0 个" in (ask_chats.text or "")
    await officer.press(ask_chats, "综采一班群")
    await officer.press(await officer.next_message(), "完成")
    assert "要置顶吗" in await said(officer)
    await officer.send("置顶")
    ask_pin = await officer.next_message()
    assert "请点下面的按钮选择" in (ask_pin.text or "")
    old = await officer.press(ask, "工资")  # a button of a step long done
    assert "按钮已过期" in (old.text or "")
    await officer.press(ask_pin, "不置顶")

    preview = await officer.next_message()
    text = preview.text or ""
    for part in ("类别：奖金", "期间：2026年第三季度", "标题：第三季度 安全奖发放",
                 "附件：文件 安全奖明细.pdf", "发往 1 个群：综采一班群", "不置顶"):
        assert part in text, (part, text)
    assert await bot.services.disclosures.get(1) is None


# ---- restarts ------------------------------------------------------------------------------

async def test_a_restart_in_the_middle_of_a_draft_continues_where_it_was(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """The bot is redeployed three times while 李委员 drafts: after the title, at the
    chats (one picked), at the preview. Each time the next message or a button of a
    message from before the restart carries on; the submitted draft has every part."""
    branch = await make_branch(bot, stub, admin, groups=2)
    officer, chair = branch.officer, branch.chair
    await officer.command("/disclose")
    await officer.press(await officer.next_message(), "福利发放")
    await officer.press(await officer.next_message(), "2026年11月")
    assert "标题是什么" in await said(officer)
    await officer.send("冬季取暖费发放")
    assert "请写公开的内容" in await said(officer)

    await restart(bot)
    await officer.send("每人300元，随11月工资发放。")
    await officer.press(await officer.next_message(), "不加附件")
    await officer.press(await officer.next_message(), "综采一班群")
    ask_chats = await officer.next_message()
    assert "已选 1 个" in (ask_chats.text or "")

    await restart(bot)
    await officer.press(ask_chats, "掘进二班群")
    ask_chats = await officer.next_message()
    assert "已选 2 个" in (ask_chats.text or "")
    await officer.press(ask_chats, "完成")
    await officer.press(await officer.next_message(), "不置顶")
    preview = await officer.next_message()

    await restart(bot)
    await officer.press(preview, "提交审批")
    assert "已提交审批：厂务公开 #1《冬季取暖费发放》" in await said(officer)
    ask = await message_with(chair, "待审批")
    text = ask.text or ""
    for part in ("类别：福利发放", "期间：2026年11月", "每人300元", "发往 2 个群", "不置顶"):
        assert part in text, (part, text)
    d = await bot.services.disclosures.get(1)
    assert d is not None and d.category == "福利发放" and not d.pin
    assert await bot.services.disclosures.targets(1) == sorted(g.id for g in branch.groups)


async def test_a_restart_between_return_and_the_comment(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """张主席 presses 退回, the bot restarts before he types the comment; his comment
    still returns the draft to 李委员."""
    branch = await make_branch(bot, stub, admin, groups=1)
    ask = await submit(branch.officer, branch.chair)
    assert ask is not None
    await branch.chair.press(ask, "退回")
    assert "请写退回意见" in await said(branch.chair)

    await restart(bot)
    await branch.chair.send("期间写错了，应为10月。")
    assert "已退回厂务公开 #1" in await said(branch.chair)
    returned = await message_with(branch.officer, "被 张主席 退回")
    assert "意见：期间写错了，应为10月。" in (returned.text or "")
    d = await bot.services.disclosures.get(1)
    assert d is not None and d.status is Status.RETURNED
    await branch.groups[0].no_message(within=0.1)


# ---- 有疑问 --------------------------------------------------------------------------------

async def test_a_question_follows_the_deep_link_and_makes_a_linked_card(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """王小明 follows 有疑问 under the post (/start dq_1 in private): the card flow starts
    at the text with the question's intro; his card is linked to the disclosure, the
    officers' notice names it, and /disclosure_1 lists the question. A link to a
    disclosure not (yet) approved, or none, finds nothing."""
    branch = await make_branch(bot, stub, admin, groups=1)
    officer = branch.officer
    worker = await make_worker(bot, stub, 7101, "王小明")
    ask = await submit(officer, branch.chair)
    assert ask is not None
    [post] = await approve_and_post(stub, branch, ask)
    assert post.buttons[0][1] == ("❓ 有疑问", "https://t.me/xiaojia_bot?start=dq_1")

    await worker.command("/start", "dq_1")
    intro = await said(worker)
    assert f"对厂务公开 #1《{TITLE}》有疑问" in intro and "请写下您的意见或建议" in intro
    state = await bot.services.flows.get(worker.id)
    assert state is not None and state.name == "card" and state.step == "text"
    await worker.send("人均6820元含不含夜班津贴？")
    await worker.press(await message_with(worker, "照片"), "跳过")
    await worker.press(await worker.next_message(), "实名")
    await worker.press(await worker.next_message(), "同意公开")
    preview = await message_with(worker, "请确认")
    assert f"关于厂务公开 #1《{TITLE}》" in (preview.text or "")
    assert "类别：厂务公开" in (preview.text or "")
    await worker.press(preview, "提交")
    assert "信息卡编号 #1" in await said(worker)

    card = await bot.services.cards.get(1)
    assert card is not None and card.disclosure_id == 1 and card.category == "厂务公开"
    notice = await message_with(officer, "新信息卡 #1")
    assert f"关于厂务公开《{TITLE}》 /disclosure_1" in (notice.text or "")
    assert "夜班津贴" in (notice.text or "")
    await officer.send("/disclosure_1")
    detail = await message_with(officer, "厂务公开 #1")
    assert "❓ 疑问 1 条：/card_1" in (detail.text or "")

    ask2 = await submit(officer, branch.chair, title="2026年10月考勤情况")
    assert ask2 is not None  # #2 is pending: no questions about it yet
    for payload in ("dq_2", "dq_99"):
        await worker.command("/start", payload)
        assert "没有找到这一项" in await said(worker), payload
    assert await bot.services.flows.get(worker.id) is None


# ---- 更正 ----------------------------------------------------------------------------------

async def test_a_correction_is_approved_and_replies_to_each_post(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """After approval 李委员 opens /disclosure_1, presses 📝 更正 and types the
    correction; 张主席 approves it; each group gets it as a reply to the original post
    (not pinned), and /disclosure_1 lists the correction."""
    branch = await make_branch(bot, stub, admin, groups=2)
    officer, chair = branch.officer, branch.chair
    ask = await submit(officer, chair)
    assert ask is not None
    posts = await approve_and_post(stub, branch, ask)

    await officer.send("/disclosure_1")
    detail = await message_with(officer, "厂务公开 #1")
    assert detail.button_texts() == ["👥 未阅名单", "📝 更正"]
    await officer.press(detail, "更正")
    assert "更正厂务公开 #1：请写更正的内容" in await said(officer)
    fix = "人均应为6280元，前文有误。"
    await officer.send(fix)
    preview = await officer.next_message()
    assert "更正厂务公开 #1（预览）" in (preview.text or "") and fix in (preview.text or "")
    await officer.press(preview, "提交审批")
    assert "更正 #2 已提交审批，已发给 1 位主席" in await said(officer)

    fix_ask = await message_with(chair, "更正 #2 待审批")
    assert f"更正的是：#1《{TITLE}》" in (fix_ask.text or "")
    assert "将回复在 2 个群的原消息下" in (fix_ask.text or "")
    await officer.send("/disclosure_1")
    assert "📝 更正 #2（11-16，待审批）" in await said(officer)
    await chair.press(fix_ask, "批准发布")

    for group, post in zip(branch.groups, posts, strict=True):
        reply = await message_with(group, "更正")
        assert f"📝 更正：《{TITLE}》" in (reply.text or "") and fix in (reply.text or "")
        assert reply.reply_to_message_id == post.message_id
        assert reply.data["reply_to_message"]["chat"]["id"] == group.id
        assert reply.buttons == []
    report = await message_with(officer, "发送完毕")
    assert "厂务公开 #2" in (report.text or "") and "已发到 2/2 个群" in (report.text or "")
    assert "置顶" not in (report.text or "")
    for group in branch.groups:
        await group.no_message(within=0.3)
        assert sum(m.pinned for m in bot_messages(stub, group.id)) == 1  # the original only

    await officer.send("/disclosure_1")
    detail = await said(officer)
    assert f"📝 更正 #2（11-16，已发出）：{fix}" in detail
    await officer.send("/disclosures")
    archive = await said(officer)
    assert "/disclosure_1 " in archive and "/disclosure_2 " not in archive


# ---- the archive -----------------------------------------------------------------------------

async def test_the_archive_and_the_unread_list_of_a_team(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """/disclosures lists each disclosure with period, approver, chats, 已阅 and
    questions; /disclosure_1 shows 已阅 per chat against the registered members; 未阅名单
    → the officer's team → who in it has not read it."""
    branch = await make_branch(bot, stub, admin, groups=2)
    officer, chair = branch.officer, branch.chair
    wang = await make_worker(bot, stub, 7101, "王小明")
    await make_worker(bot, stub, 7102, "刘师傅")
    await make_worker(bot, stub, 7103, "陈工", team_code="B2")
    ask = await submit(officer, chair, pin=False)
    assert ask is not None
    [post, _] = await approve_and_post(stub, branch, ask)
    branch.groups[0].add_member(wang)
    assert "本群已阅 1 人" in ((await wang.press_in(branch.groups[0], post, "已阅")).text or "")
    assert await submit(officer, chair, category="考勤", title="2026年10月考勤情况") is not None

    await officer.send("/disclosures")
    archive = await said(officer)
    assert "厂务公开记录（最近 2 条）" in archive
    assert archive.index("/disclosure_2") < archive.index("/disclosure_1")  # newest first
    assert f"/disclosure_1 工资 · 2026年10月《{TITLE}》" in archive
    assert "✅ 张主席 批准（11-16） · 2 个群 · 已阅 1 · 疑问 0" in archive
    assert "/disclosure_2 考勤 · 2026年10月《2026年10月考勤情况》" in archive
    assert "⏳ 待审批 · 0 个群 · 已阅 0 · 疑问 0" in archive

    await officer.send("/disclosure_1")
    detail = await message_with(officer, "厂务公开 #1")
    assert "· 综采一班群：1/3" in (detail.text or "")  # 李委员, 王小明, 刘师傅
    assert "· 掘进二班群：0/1" in (detail.text or "")
    await officer.press(detail, "未阅名单")
    pick = await officer.next_message()
    assert "看哪个班组的未阅名单？（厂务公开 #1）" in (pick.text or "")
    assert pick.button_texts() == ["综采一班（已阅 1/3）"]  # his own team only
    await officer.press(pick, "综采一班")
    unread = await said(officer)
    assert "综采一班 还有 2 人没点已阅（厂务公开 #1）" in unread
    assert "李委员" in unread and "刘师傅" in unread and "王小明" not in unread

    await chair.send("/disclosure_1")
    await chair.press(await message_with(chair, "厂务公开 #1"), "未阅名单")
    teams = (await chair.next_message()).button_texts()
    assert teams == ["综采一班（已阅 1/3）", "掘进二班（已阅 0/1）", "机电队（已阅 0/1）"]


# ---- long texts (bugs found) -------------------------------------------------------------------

async def test_a_body_of_the_announced_3000_characters_can_be_previewed_and_posted(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """李委员 writes the longest text the bot announces (不超过 3000 字): he sees it in the
    preview, the chair in the request, and the group in the post."""
    branch = await make_branch(bot, stub, admin, groups=1)
    body = ("10月工资明细：" + "综采一班人均6820元，掘进二班人均6650元；" * 200)[:3000]
    ask_pin = await to_pin(branch.officer, body=body)
    answered = await branch.officer.press(ask_pin, "不置顶")
    assert not answered.show_alert, answered.text
    preview = await branch.officer.next_message()
    assert body[-40:] in (preview.text or "")
    await branch.officer.press(preview, "提交审批")
    ask = await message_with(branch.chair, "待审批")
    assert body[-40:] in (ask.text or "")
    [post] = await approve_and_post(stub, branch, ask)
    assert body[-40:] in (post.text or "")


async def test_a_body_of_emoji_is_measured_as_telegram_counts(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """李委员 sends a text of 2040 emoji (within Telegram's limit for his message, but
    4080 of Telegram's units, an emoji counting two): the bot refuses it at the text step
    with the limit, keeps the draft, and takes 1400 emoji (2800 units), which the preview
    shows whole."""
    branch = await make_branch(bot, stub, admin, groups=1)
    officer = branch.officer
    await officer.command("/disclose")
    await officer.press(await officer.next_message(), "工资")
    ask_period = await officer.next_message()
    await officer.press(ask_period, ask_period.button_texts()[1])
    assert "标题" in await said(officer)
    await officer.send("10月工资发放情况")
    assert "请写公开的内容" in await said(officer)
    await officer.send("👍" * 2040)
    refused = await said(officer)
    assert "内容有 4080 字，最多 3000 字" in refused, refused
    await officer.send("👍" * 1400)
    await officer.press(await officer.next_message(), "不加附件")
    ask_chats = await officer.next_message()
    await officer.press(ask_chats, "全部班组群")
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "不置顶")
    preview = await officer.next_message()
    assert "预览" in (preview.text or "") and "👍" * 1400 in (preview.text or "")
