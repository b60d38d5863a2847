"""信息卡 end to end: anonymity (匿名, 完全匿名, the canary), 退回, 重复 and 公开答复."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from bot import card_actions
from bot.cards import CardStatus, Rating
from bot.storage import audit
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.harness import ADMIN_ID, BotUnderTest

CANARY_ID = 7770001234
CANARY_NAME = "Canary甲乙丙"
CANARY_TG = "ZZcanaryTG"
CANARY_NEEDLES = (str(CANARY_ID), CANARY_NAME, CANARY_TG, "zzcanary_user", "Lastcanary")


# ---- steps --------------------------------------------------------------------------
async def next_with(handle: UserHandle | GroupHandle, marker: str, limit: int = 8) -> Message:
    """The next bot message containing ``marker``, skipping others (photos, edits)."""
    for _ in range(limit):
        message = await handle.next_message()
        if marker in (message.text or ""):
            return message
    raise AssertionError(f"no message with {marker!r}:\n{handle.transcript()}")


async def accept(officer: UserHandle, notice: Message) -> None:
    await officer.press(notice, "受理")
    await officer.press(notice, "区队办公室")
    assert "已受理" in (notice.text or "")


async def proxy_reply(officer: UserHandle, card_message: Message, replier: str,
                      body: str) -> Message:
    """代录: the officer records the department's answer; returns the officer's result."""
    assert "私聊" in (await officer.press(card_message, "代录")).text
    assert "是谁答复" in (await officer.next_message()).text
    await officer.send(replier)
    assert "答复内容" in (await officer.next_message()).text
    await officer.send(body)
    recorded = await officer.next_message()
    assert "答复已发出" in recorded.text
    return recorded


async def make_chair(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, user_id: int,
                     name: str) -> UserHandle:
    s = bot.services
    team = await s.teams.by_code("A1")
    assert team is not None
    member = await s.members.register(user_id, name, None, team.id, None, True, bot.clock.now())
    handle = stub.user(user_id, name)
    await handle.command("/start")
    await handle.next_message()
    await admin.command("/promote", f"#{member.id}", "工会主席")
    assert "设为工会主席" in (await admin.next_message()).text
    await handle.next_message()
    return handle


async def team_group(stub: BotApiStub, officer: UserHandle) -> GroupHandle:
    group = stub.group(-1001000000777, "综采一班群")
    group.add_member(officer)
    await group.add_bot(by=officer)
    await group.next_message()  # hello
    await officer.send_to(group, "/setchat team A1")
    assert "班组群" in (await group.next_message()).text
    return group


def received(stub: BotApiStub, chat_ids: set[int]) -> str:
    """Everything the bot showed in these chats: messages (text, markup), the answers to
    presses there, and the parameters of every request aimed at them (edits included)."""
    parts = []
    for chat_id in chat_ids:
        for m in stub.bot_messages(chat_id):
            parts += [json.dumps(m.data, ensure_ascii=False), json.dumps(m.markup or {}),
                      m.raw_text or ""]
        for m in stub.chat_messages(chat_id):
            parts += [a.text or "" for a in m.answers]
    for request in stub.requests:
        if str(request.params.get("chat_id", "")) in {str(c) for c in chat_ids}:
            parts.append(json.dumps(request.params, ensure_ascii=False, default=str))
    return "\n".join(parts)


def logged(caplog: pytest.LogCaptureFixture, min_level: int = logging.NOTSET) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    records = [r for r in caplog.records if r.levelno >= min_level]
    return "\n".join([caplog.text if min_level == logging.NOTSET else "",
                      *(formatter.format(r) for r in records)])


def leaks(text: str) -> list[str]:
    return [needle for needle in CANARY_NEEDLES if needle in text]


# ---- 匿名 ---------------------------------------------------------------------------
async def test_anonymous_card_lifecycle_with_reopen(bot: BotUnderTest, stub: BotApiStub,
                                                    admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3101, "王匿名", tg_name="WangTG")
    done = await write_card(worker, "食堂夜班饭菜总是凉的，希望加个保温柜。", "anonymous")
    assert "已匿名提交" in done.text and "#1" in done.text

    notice = await next_with(officer, "新信息卡")
    assert "匿名" in notice.text and "保温柜" in notice.text
    for secret in ("王匿名", "WangTG", "3101"):
        assert secret not in notice.text and secret not in json.dumps(notice.markup)
    await accept(officer, notice)
    assert "已受理" in (await worker.next_message()).text

    recorded = await proxy_reply(officer, notice, "后勤科 刘科长", "下周起夜班加配保温柜。")
    assert "答复已发出" in recorded.text
    reply = await worker.next_message()
    assert "刘科长" in reply.text and "保温柜" in reply.text
    assert {"😊 满意", "🙂 基本满意", "😞 不满意"} <= set(reply.button_texts())

    first_due = (await bot.services.cards.get(1)).due_on  # type: ignore[union-attr]
    bot.clock.advance(days=5)
    await worker.press(reply, "不满意")
    assert "哪里不满意" in (await worker.next_message()).text
    await worker.send("只说下周，没说哪个食堂。")
    assert "重新交给工会办理" in (await worker.next_message()).text

    reopened = await next_with(officer, "重新办理")
    assert "只说下周，没说哪个食堂" in reopened.text and "王匿名" not in reopened.text
    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.ACCEPTED and card.reopened == 1
    assert card.due_on > first_due
    history = await audit.history(bot.services.db, "card", 1)
    assert history[0].to_state == "new" and history[0].actor_member_id is None
    assert history[-1].to_state == "accepted" and history[-1].actor_member_id is None

    await worker.command("/mycards")
    assert "/card_1" in (await worker.next_message()).text


# ---- 完全匿名 ------------------------------------------------------------------------
def stored_text(db_path: Path) -> bytes:
    """The database as it lies on disk: the main file and its write-ahead log."""
    wal = db_path.with_name(db_path.name + "-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


async def all_text_values(bot: BotUnderTest) -> str:
    values = []
    async with bot.services.db.read() as tx:
        tables = await tx.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (table,) in tables:
            for row in await tx.fetchall(f'SELECT * FROM "{table}"'):
                values += [str(v) for v in row if v is not None]
    return "\n".join(values)


async def test_fully_anonymous_card_and_check(bot: BotUnderTest, stub: BotApiStub,
                                              admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3201, "赵秘密", tg_name="ZhaoTG")
    done = await write_card(worker, "班长私下克扣夜班补贴，请工会查一查。", "secret")
    found = re.search(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", done.raw_text or "")
    assert found is not None and "/mycards" in done.text
    code = found.group(1)

    await worker.command("/mycards")
    assert "/card_1" not in (await worker.next_message()).text
    async with bot.services.db.read() as tx:
        owner = await tx.fetchone("SELECT owner_tag, sealed_chat, receipt_hash"
                                  " FROM card_owners WHERE card_id = 1")
    assert owner is not None and owner[0] is None and owner[1] is None and owner[2]
    for form in (code, code.replace("-", "")):
        assert form.encode() not in stored_text(Path(bot.config.database.path))
        assert form not in await all_text_values(bot)

    notice = await next_with(officer, "新信息卡")
    assert "完全匿名" in notice.text and "赵秘密" not in notice.text
    await accept(officer, notice)
    await proxy_reply(officer, notice, "财务科 孙科长", "已核查，补贴下月补发。")
    await worker.no_message(within=1.0)

    await worker.command("/check", code.lower())
    shown = await worker.next_message()
    assert "孙科长" in shown.text and "补贴下月补发" in shown.text
    answer = await worker.press(shown, "基本满意")
    assert answer.text is not None and "谢谢" in answer.text
    latest = await bot.services.cards.latest_reply(1)
    assert latest is not None and latest.rating is Rating.BASIC

    await worker.command("/check", "ZZZZZ-ZZZZZ")
    assert "没有找到" in (await worker.next_message()).text
    await worker.command("/check")
    assert "/check ABCDE-23456" in (await worker.next_message()).text


# ---- the canary ---------------------------------------------------------------------
async def canary_scenario(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                          monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """An anonymous card from the canary through accept, 代录, 已落实, 公开答复 and
    lists, then a forced failure on its rating press. Returns the chats to inspect."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    chair = await make_chair(bot, stub, admin, 2101, "周主席")
    group = await team_group(stub, officer)
    stub.user(CANARY_ID, CANARY_TG, username="zzcanary_user", last_name="Lastcanary")
    canary = await make_worker(bot, stub, CANARY_ID, CANARY_NAME)
    await write_card(canary, "井口更衣室暖气不热，冬天换衣服很冷。", "anonymous")

    notice = await next_with(officer, "新信息卡")
    await accept(officer, notice)
    assert "已受理" in (await canary.next_message()).text
    recorded = await proxy_reply(officer, notice, "机电科 王科长", "本周检修暖气管道。")
    reply = await next_with(canary, "有答复了")
    await officer.press(recorded, "已落实")
    assert "已落实" in (await canary.next_message()).text
    await officer.press(recorded, "公开答复")
    published = await officer.press(recorded, "综采一班群")
    assert published.text is not None and "已公开" in published.text
    assert "暖气" in (await next_with(group, "公开答复")).text
    for reader in (officer, chair):
        await reader.command("/cards")
        await reader.next_message()
        await reader.command("/card_1")
        assert "暖气" in (await reader.next_message()).text

    async def broken(*args: object, **kwargs: object) -> card_actions.Done:
        raise RuntimeError("rating store unavailable")

    monkeypatch.setattr(card_actions, "rate", broken)
    failed = await canary.press(reply, "😊 满意")
    assert failed.text is not None and "出了点问题" in failed.text
    monkeypatch.undo()
    notice_to_admin = await next_with(admin, "机器人出错")
    assert "RuntimeError" in notice_to_admin.text
    await stub.wait_idle()
    return {officer.id, chair.id, group.id, ADMIN_ID}


async def test_canary_reaches_no_officer_chair_group_or_error_report(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    watched = await canary_scenario(bot, stub, admin, monkeypatch)
    seen = received(stub, watched)
    assert "暖气" in seen and "本周检修暖气管道" in seen  # the inspection saw the card
    assert leaks(seen) == []
    errors = logged(caplog, logging.ERROR)
    assert "RuntimeError" in errors
    assert leaks(errors) == []


async def test_canary_absent_from_debug_logs(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        if logging.getLogger(name).level not in (logging.NOTSET, logging.DEBUG):
            caplog.set_level(logging.DEBUG, logger=name)
    await canary_scenario(bot, stub, admin, monkeypatch)
    everything = logged(caplog)
    assert "getUpdates" in everything or "Bot API" in everything  # DEBUG really was on
    found = {needle: [r.name for r in caplog.records if needle in r.getMessage()]
             for needle in leaks(everything)}
    assert found == {}


# ---- 退回, 重复 ----------------------------------------------------------------------
async def test_return_with_reason_and_late_press(bot: BotUnderTest, stub: BotApiStub,
                                                 admin: UserHandle) -> None:
    first = await make_officer(bot, stub, admin, 2001, "李委员")
    second = await make_officer(bot, stub, admin, 2002, "赵委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, "建议把班前会挪到更衣室旁边的会议室。")
    mine, theirs = await next_with(first, "新信息卡"), await next_with(second, "新信息卡")

    assert "私聊" in (await first.press(mine, "退回")).text
    assert "退回的理由" in (await first.next_message()).text
    await first.send("这件事归区队自己定，请直接找区长。")
    assert "已退回" in (await first.next_message()).text
    told = await worker.next_message()
    assert "被退回" in told.text and "请直接找区长" in told.text

    late = await second.press(theirs, "受理")
    assert late.text is not None and "已经处理过了" in late.text and "李委员" in late.text
    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.RETURNED
    assert card.return_reason == "这件事归区队自己定，请直接找区长。"


async def test_duplicate_refuses_unknown_and_own_number(bot: BotUnderTest, stub: BotApiStub,
                                                        admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, "二号运输巷积水严重。")
    await write_card(worker, "二号运输巷积水，走路湿鞋。")
    await next_with(officer, "新信息卡 #1")
    second = await next_with(officer, "新信息卡 #2")

    await officer.press(second, "重复")
    assert "和哪张卡重复" in (await officer.next_message()).text
    for wrong in ("999", "2"):
        await officer.send(wrong)
        refused = await officer.next_message()
        assert "没有这个编号的卡" in refused.text and "和哪张卡重复" in refused.text
        state = await bot.services.flows.get(officer.id)
        assert state is not None and state.step == "dup"
    await officer.send("1")
    assert "已标为重复" in (await officer.next_message()).text
    told = await worker.next_message()
    assert "#2" in told.text and "#1" in told.text and "同一件事" in told.text

    card = await bot.services.cards.get(2)
    assert card is not None and card.status is CardStatus.DUPLICATE and card.duplicate_of == 1
    first = await bot.services.cards.get(1)
    assert first is not None and first.status is CardStatus.NEW


# ---- 公开答复 ------------------------------------------------------------------------
async def test_publish_only_with_consent_and_once(bot: BotUnderTest, stub: BotApiStub,
                                                  admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    group = await team_group(stub, officer)
    worker = await make_worker(bot, stub, 3001, "张三", tg_name="ZhangTG")
    await write_card(worker, "澡堂热水不够，下夜班洗不上。", publish=False)
    await write_card(worker, "矿灯充电架坏了三个位置。", publish=True)
    recorded = {}
    for number, body in ((1, "锅炉已检修，热水供应延长到凌晨两点。"), (2, "充电架已更换。")):
        notice = await next_with(officer, f"新信息卡 #{number}")
        await accept(officer, notice)
        recorded[number] = await proxy_reply(officer, notice, "后勤科 刘科长", body)

    assert not any("公开答复" in t for t in recorded[1].button_texts())
    refused = await officer.press(recorded[1], data="c:pub:1")
    assert refused.text is not None and "不能公开" in refused.text and refused.show_alert
    forged = await officer.press(recorded[1], data=f"c:pto:1:{group.id}")
    assert forged.text is not None and "不能公开" in forged.text
    await group.no_message(within=0.5)

    await officer.press(recorded[2], "公开答复")
    assert "已公开" in ((await officer.press(recorded[2], "综采一班群")).text or "")
    posted = await group.next_message()
    assert "矿灯充电架坏了三个位置" in posted.text and "充电架已更换" in posted.text
    assert "张三" not in posted.text and "ZhangTG" not in posted.text
    again = await officer.press(recorded[2], "综采一班群")
    assert again.text is not None and "公开过了" in again.text
    await group.no_message(within=0.5)
    assert await bot.services.cards.publications(2) == [group.id]
