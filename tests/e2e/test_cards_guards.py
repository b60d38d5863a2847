"""信息卡 guards, end to end: forged and repeated presses change nothing, bad input is
answered and the flow stays put, a restart loses nothing, wrong roles are refused."""

from __future__ import annotations

import asyncio

from bot.cards import Card, CardStatus
from bot.flows import FlowState
from bot.storage import audit
from bot.stub import BotApiStub, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.harness import BotUnderTest

TEXT = "三号皮带机头照明不足，夜班看不清。"
Snapshot = tuple[Card | None, list[audit.AuditEntry]]


async def snapshot(bot: BotUnderTest, card_id: int = 1) -> Snapshot:
    """The card row and its audit history: what a press must not change."""
    card = await bot.services.cards.get(card_id)
    return card, await audit.history(bot.services.db, "card", card_id)


async def said(user: UserHandle) -> str:
    """The text of the next message to `user`."""
    return (await user.next_message()).text or ""


async def message_with(user: UserHandle, needle: str) -> Message:
    """The next message to `user` containing `needle` (skipping photos and the like)."""
    while True:
        message = await user.next_message()
        if needle in (message.text or ""):
            return message


async def flow_of(bot: BotUnderTest, user_id: int) -> FlowState:
    state = await bot.services.flows.get(user_id)
    assert state is not None, "the flow was lost"
    return state


async def accept(officer: UserHandle, notice: Message) -> None:
    await officer.press(notice, "受理")
    await officer.press(notice, "区队办公室")
    assert "已受理" in (notice.text or "")


async def proxy_reply(officer: UserHandle, notice: Message, worker: UserHandle) -> Message:
    """代录 an answer; returns the worker's copy with the rating buttons."""
    await officer.press(notice, "代录")
    assert "是谁答复" in await said(officer)
    await officer.send("机电科 王科长")
    assert "答复内容" in await said(officer)
    await officer.send("已安排本周加装两盏防爆灯。")
    assert "答复已发出" in await said(officer)
    return await message_with(worker, "防爆灯")


# ---- forged, repeated and racing presses --------------------------------------------

async def test_forged_presses_change_nothing(bot: BotUnderTest, stub: BotApiStub,
                                             admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    stranger = await make_officer(bot, stub, admin, 2002, "王委员", team_code="B2")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, TEXT)
    notice = await message_with(officer, "新信息卡 #1")
    before, edits = await snapshot(bot), notice.edits
    assert before[0] is not None and before[0].status is CardStatus.NEW

    # A worker, and an officer of another team, pressing the officers' buttons.
    for who in (worker, stranger):
        for data in ("c:acc:1", "c:dep:1:office", "c:ret:1", "c:dup:1", "c:prx:1", "c:rep:1"):
            answered = await who.press(notice, data=data)
            assert answered.show_alert and "没有权限" in (answered.text or ""), (who.name, data)
    # A made-up card, an unknown department, malformed payloads: answered, no error.
    for data in ("c:dep:9999:office", "c:acc:9999", "c:dep:1:nowhere", "c:dep:1"):
        answered = await officer.press(notice, data=data)
        assert "没有找到" in (answered.text or ""), data
    for data in ("c:", "c:zz:1", "c:acc:-1", "c:rate:abc:satisfied", "c:rate:1:excellent",
                 "c:rk:NOTACODE:basic", "c:rk::"):
        answered = await officer.press(notice, data=data)
        assert answered.text and "出了点问题" not in answered.text, data

    assert await snapshot(bot) == before
    assert notice.edits == edits and "新信息卡" in (notice.text or "")
    await worker.no_message(within=0.3)
    await admin.no_message(within=0.1)  # no error notice


async def test_rating_someone_elses_reply_is_refused(bot: BotUnderTest, stub: BotApiStub,
                                                     admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    author = await make_worker(bot, stub, 3001, "张三")
    other = await make_worker(bot, stub, 3002, "李四")
    await write_card(author, TEXT)
    notice = await message_with(officer, "新信息卡 #1")
    await accept(officer, notice)
    reply_msg = await proxy_reply(officer, notice, author)
    reply = await bot.services.cards.latest_reply(1)
    assert reply is not None and reply.rating is None
    before = await snapshot(bot)

    for rating in ("satisfied", "unsatisfied"):
        answered = await other.press(reply_msg, data=f"c:rate:{reply.id}:{rating}")
        assert answered.show_alert and answered.text and "谢谢" not in answered.text
    assert await bot.services.flows.get(3002) is None  # no 不满意 reason asked either
    latest = await bot.services.cards.latest_reply(1)
    assert latest is not None and latest.rating is None
    assert await snapshot(bot) == before
    await other.no_message(within=0.2)

    # The real author's buttons still work.
    assert "谢谢" in ((await author.press(reply_msg, "😊 满意")).text or "")


async def test_repeated_press_after_acceptance_names_who(bot: BotUnderTest, stub: BotApiStub,
                                                         admin: UserHandle) -> None:
    first = await make_officer(bot, stub, admin, 2001, "李委员")
    second = await make_officer(bot, stub, admin, 2003, "周委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, TEXT)
    notice = await message_with(first, "新信息卡 #1")
    late_notice = await message_with(second, "新信息卡 #1")
    await second.press(late_notice, "退回")  # asks for a reason in private...
    assert "退回的理由" in await said(second)
    await accept(first, notice)  # ...while the first officer accepts
    assert "已转 区队办公室" in await said(worker)
    before = await snapshot(bot)

    for who, message, data in ((first, notice, "c:acc:1"), (first, notice, "c:dep:1:office"),
                               (second, late_notice, "c:acc:1"),
                               (second, late_notice, "c:dep:1:office"),
                               (second, late_notice, "c:ret:1")):
        answered = await who.press(message, data=data)
        assert "已经处理过了" in (answered.text or "") and "李委员" in (answered.text or ""), data
    await second.send("不归工会管。")  # the reason comes too late
    late = await said(second)
    assert "已经处理过了" in late and "李委员" in late
    assert await snapshot(bot) == before
    await worker.no_message(within=0.3)


async def test_two_officers_racing_to_accept(bot: BotUnderTest, stub: BotApiStub,
                                             admin: UserHandle) -> None:
    one = await make_officer(bot, stub, admin, 2001, "李委员")
    two = await make_officer(bot, stub, admin, 2003, "周委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, TEXT)
    notices = [await message_with(one, "新信息卡 #1"), await message_with(two, "新信息卡 #1")]
    await one.press(notices[0], "受理")
    await two.press(notices[1], "受理")

    answers = await asyncio.gather(one.press(notices[0], "区队办公室"),
                                   two.press(notices[1], "区队办公室"))
    refused = [a for a in answers if "已经处理过了" in (a.text or "")]
    assert len(refused) == 1, answers
    history = await audit.history(bot.services.db, "card", 1)
    assert [(e.from_state, e.to_state) for e in history] == [(None, "new"), ("new", "accepted")]
    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.ACCEPTED
    assert "已转 区队办公室" in await said(worker)
    await worker.no_message(within=0.5)


# ---- bad input while writing a card --------------------------------------------------

async def test_bad_input_while_writing_a_card(bot: BotUnderTest, stub: BotApiStub,
                                              admin: UserHandle) -> None:
    await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await worker.command("/card")
    ask_category = await worker.next_message()
    await worker.press(ask_category, "安全生产")
    assert "请写下" in await said(worker)

    for send in (worker.send_sticker, worker.send_voice,
                 lambda: worker.send_document(b"%PDF-1.4", "意见.pdf", "application/pdf")):
        await send()
        assert "这一步需要文字" in await said(worker)
        assert (await flow_of(bot, 3001)).step == "text"
    await worker.send("   ")
    assert "内容不能为空" in await said(worker)
    assert (await flow_of(bot, 3001)).step == "text"

    long_text = ("巷道照明不足，夜班看不清，" * 400)[:5000]
    await worker.send(long_text)
    too_long = await said(worker)
    assert "5000 字" in too_long and "最多 2000" in too_long
    echoed, prompt = [], await worker.next_message()
    while not prompt.buttons:
        echoed.append(prompt.text or "")
        prompt = await worker.next_message()
    assert "".join(echoed) == long_text
    state = await flow_of(bot, 3001)
    assert state.step == "text" and state.data.get("overflow") == long_text
    await worker.press(prompt, "只用前 2000 字")
    assert "照片" in await said(worker)
    assert (await flow_of(bot, 3001)).data["body"] == long_text[:2000]

    for n in range(5):
        await worker.send_photo(b"\x89PNG photo %d" % n)
        assert f"第 {n + 1} 张" in await said(worker)
    await worker.send_photo(b"\x89PNG photo 6")
    assert "最多只能附 5 张" in await said(worker)
    await worker.send("还有一张在手机里")
    need_photo = await worker.next_message()
    assert "只收照片" in (need_photo.text or "")
    state = await flow_of(bot, 3001)
    assert state.step == "photos" and len(state.data["photos"]) == 5

    stale = await worker.press(ask_category, "安全生产")
    assert "按钮已过期" in (stale.text or "")
    assert (await flow_of(bot, 3001)).step == "photos"

    await worker.press(need_photo, "完成")
    await worker.press(await worker.next_message(), "实名")
    await worker.press(await worker.next_message(), "同意公开")
    preview = await worker.next_message()
    assert "请确认" in (preview.text or "")
    answers = await asyncio.gather(worker.press(preview, "提交"), worker.press(preview, "提交"))
    repeated = [a for a in answers if a.text]  # the second press is told the number
    assert len(repeated) == 1 and repeated[0].show_alert and "已经提交了，编号 #1" in (
        repeated[0].text or ""), answers
    assert "#1" in await said(worker)
    await worker.no_message(within=0.5)

    card = await bot.services.cards.get(1)
    assert card is not None and card.body == long_text[:2000] and len(card.photos) == 5
    assert await bot.services.cards.get(2) is None
    assert await bot.services.flows.get(3001) is None


async def test_long_text_split_by_the_client_is_kept_whole(bot: BotUnderTest,
                                                           stub: BotApiStub,
                                                           admin: UserHandle) -> None:
    """Telegram splits a 5,000-character message in two; the second part is not a card."""
    await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await worker.command("/card")
    await worker.press(await worker.next_message(), "安全生产")
    await worker.next_message()
    long_text = ("三号联络巷风门关不严，" * 500)[:5000]
    await worker.send(long_text[:4096])
    await worker.send(long_text[4096:])
    texts = []
    while len([t for t in texts if "内容太长了" in t]) < 2:
        texts.append(await said(worker))
    assert "5000 字" in texts[-1]
    state = await flow_of(bot, 3001)
    assert state.step == "text" and state.data["overflow"] == long_text
    assert "body" not in state.data


# ---- restarts -------------------------------------------------------------------------

async def test_restart_midway_through_writing_loses_nothing(bot: BotUnderTest,
                                                            stub: BotApiStub,
                                                            admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    text = "二号井口更衣室热水器坏了一个月，冬天下班没法洗澡，希望尽快修好。" * 3
    await worker.command("/card")
    await worker.press(await worker.next_message(), "生活后勤")
    await worker.next_message()
    await worker.send(text)
    assert "照片" in await said(worker)

    await bot.restart()
    await worker.send_photo(b"\x89PNG heater")
    await worker.press(await message_with(worker, "第 1 张"), "完成")
    await worker.press(await worker.next_message(), "实名")
    await worker.press(await worker.next_message(), "不公开")
    preview = await message_with(worker, "请确认")

    await bot.restart()
    await worker.press(preview, "提交")
    assert "#1" in await said(worker)
    card = await bot.services.cards.get(1)
    assert card is not None and card.body == text and card.category == "生活后勤"
    assert len(card.photos) == 1 and not card.publish_ok
    assert text[:30] in ((await message_with(officer, "新信息卡 #1")).text or "")


async def test_restart_between_return_and_reason(bot: BotUnderTest, stub: BotApiStub,
                                                 admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, TEXT)
    notice = await message_with(officer, "新信息卡 #1")
    await officer.press(notice, "退回")
    assert "退回的理由" in await said(officer)

    await bot.restart()
    await officer.send("照明归机电队管，请直接报机电队。")
    assert "已退回" in await said(officer)
    told = await said(worker)
    assert "被退回" in told and "请直接报机电队" in told
    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.RETURNED
    assert card.return_reason == "照明归机电队管，请直接报机电队。"


# ---- wrong roles ----------------------------------------------------------------------

async def test_wrong_roles_are_refused(bot: BotUnderTest, stub: BotApiStub,
                                       admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    chair = await make_officer(bot, stub, admin, 2009, "陈主席", team_code="C3")
    chair_member = await s.members.by_tg(2009)
    assert chair_member is not None
    await admin.command("/promote", f"#{chair_member.id}", "工会主席")
    assert "设为工会主席" in await said(admin)

    team = await s.teams.by_code("A1")
    assert team is not None
    await s.members.register(3101, "赵六", None, team.id, None, False, bot.clock.now())
    for user_id, name in ((3101, "赵六"), (3102, "路人甲")):
        someone = stub.user(user_id, name)
        await someone.command("/card")
        assert "登记" in await said(someone)
        assert await s.flows.get(user_id) is None

    author = await make_worker(bot, stub, 3001, "张三")
    other = await make_worker(bot, stub, 3002, "李四")
    digger = await make_worker(bot, stub, 3003, "孙七", team_code="B2")
    await write_card(author, TEXT)
    await write_card(digger, "掘进面粉尘大，防尘口罩不够用。")

    await other.command("/cards")
    assert "没有权限" in await said(other)
    await other.command("/card_1")
    assert "没有找到" in await said(other)

    await officer.command("/cards")
    listing = (await message_with(officer, "待办信息卡")).text or ""
    assert "/card_1" in listing and "2026-12-16" in listing
    assert "/card_2" not in listing
    await officer.command("/cards", "B2")
    assert "/card_2" not in await said(officer)
    await officer.command("/card_2")
    assert "没有找到" in await said(officer)
    for boss in (chair, admin):
        await boss.command("/cards")
        listing = (await message_with(boss, "待办信息卡")).text or ""
        assert "/card_1" in listing and "/card_2" in listing, boss.name
