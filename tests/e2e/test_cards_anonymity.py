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
from bot.stub import BotApiStub, CallbackAnswer, GroupHandle, Message, UserHandle
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
        if marker in text(message):
            return message
    raise AssertionError(f"no message with {marker!r}:\n{handle.transcript()}")


def text(shown: Message | CallbackAnswer) -> str:
    return shown.text or ""


async def accept(officer: UserHandle, notice: Message) -> None:
    await officer.press(notice, "受理")
    await officer.press(notice, "区队办公室")
    assert "已受理" in text(notice)


async def proxy_reply(officer: UserHandle, card: Message, replier: str, body: str) -> Message:
    """代录: the officer records the department's answer; returns the officer's result."""
    await officer.press(card, "代录")
    assert "是谁答复" in text(await officer.next_message())
    await officer.send(replier)
    assert "答复内容" in text(await officer.next_message())
    await officer.send(body)
    recorded = await officer.next_message()
    assert "答复已发出" in text(recorded)
    return recorded


async def team_group(stub: BotApiStub, by: UserHandle, chat_id: int = -1001000000777,
                     title: str = "综采一班群", team: str = "A1") -> GroupHandle:
    group = stub.group(chat_id, title)
    group.add_member(by)
    await group.add_bot(by=by)
    await group.next_message()  # hello
    await by.send_to(group, f"/setchat team {team}")
    assert "班组群" in text(await group.next_message())
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
    """Records at or above the level, formatted with their arguments and tracebacks."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(r) for r in caplog.records if r.levelno >= min_level)


def leaks(text: str) -> list[str]:
    return [needle for needle in CANARY_NEEDLES if needle in text]


# ---- 匿名 ---------------------------------------------------------------------------
async def test_anonymous_card_lifecycle_with_reopen(bot: BotUnderTest, stub: BotApiStub,
                                                    admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3101, "王匿名", tg_name="WangTG")
    done = await write_card(worker, "食堂夜班饭菜总是凉的，希望加个保温柜。", "anonymous")
    assert "已匿名提交" in text(done) and "#1" in text(done)

    notice = await next_with(officer, "新信息卡")
    assert "匿名" in text(notice) and "保温柜" in text(notice)
    for secret in ("王匿名", "WangTG", "3101"):
        assert secret not in text(notice) and secret not in json.dumps(notice.markup)
    await accept(officer, notice)
    assert "已受理" in text(await worker.next_message())

    await proxy_reply(officer, notice, "后勤科 刘科长", "下周起夜班加配保温柜。")
    reply = await worker.next_message()
    assert "刘科长" in text(reply) and "保温柜" in text(reply)
    assert {"😊 满意", "🙂 基本满意", "😞 不满意"} <= set(reply.button_texts())

    before = await bot.services.cards.get(1)
    assert before is not None
    bot.clock.advance(days=5)
    await worker.press(reply, "不满意")
    assert "哪里不满意" in text(await worker.next_message())
    await worker.send("只说下周，没说哪个食堂。")
    assert "重新交给工会办理" in text(await worker.next_message())

    reopened = await next_with(officer, "重新办理")
    assert "只说下周，没说哪个食堂" in text(reopened) and "王匿名" not in text(reopened)
    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.ACCEPTED and card.reopened == 1
    assert card.due_on > before.due_on
    history = await audit.history(bot.services.db, "card", 1)
    assert history[0].to_state == "new" and history[0].actor_member_id is None
    assert history[-1].to_state == "accepted" and history[-1].actor_member_id is None

    await worker.command("/mycards")
    assert "/card_1" in text(await worker.next_message())


# ---- 完全匿名 ------------------------------------------------------------------------
async def db_holds(bot: BotUnderTest, needle: str) -> bool:
    """Is ``needle`` in any value of any table, or anywhere in the database files on disk
    (the main file and its write-ahead log, deleted rows included)?"""
    async with bot.services.db.read() as tx:
        for (table,) in await tx.fetchall("SELECT name FROM sqlite_master WHERE type='table'"):
            for row in await tx.fetchall(f'SELECT * FROM "{table}"'):
                if any(needle in str(value) for value in row):
                    return True
    path = Path(bot.config.database.path)
    files = [path, path.with_name(path.name + "-wal")]
    return any(needle.encode() in f.read_bytes() for f in files if f.exists())


def receipt(confirmation: Message) -> str:
    found = re.search(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", confirmation.raw_text or "")
    assert found is not None, confirmation.raw_text
    return found.group(1)


async def secret_card_answered(bot: BotUnderTest, stub: BotApiStub,
                               admin: UserHandle) -> tuple[UserHandle, UserHandle, str]:
    """A fully anonymous card, accepted and answered by 代录: officer, worker, code."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3201, "赵秘密", tg_name="ZhaoTG")
    done = await write_card(worker, "班长私下克扣夜班补贴，请工会查一查。", "secret")
    assert "/mycards" in text(done)
    notice = await next_with(officer, "新信息卡")
    assert "完全匿名" in text(notice) and "赵秘密" not in text(notice)
    await accept(officer, notice)
    await proxy_reply(officer, notice, "财务科 孙科长", "已核查，补贴下月补发。")
    await worker.no_message(within=1.0)
    return officer, worker, receipt(done)


async def test_fully_anonymous_card_and_check(bot: BotUnderTest, stub: BotApiStub,
                                              admin: UserHandle) -> None:
    _, worker, code = await secret_card_answered(bot, stub, admin)
    await worker.command("/mycards")
    assert "/card_1" not in text(await worker.next_message())
    async with bot.services.db.read() as tx:
        owner = await tx.fetchone("SELECT owner_tag, sealed_chat, receipt_hash"
                                  " FROM card_owners WHERE card_id = 1")
    assert owner is not None and owner[0] is None and owner[1] is None and owner[2]

    await worker.command("/check", code.lower())
    shown = await worker.next_message()
    assert "孙科长" in text(shown) and "补贴下月补发" in text(shown)
    answer = await worker.press(shown, "基本满意")
    assert "谢谢" in text(answer)
    latest = await bot.services.cards.latest_reply(1)
    assert latest is not None and latest.rating is Rating.BASIC
    await worker.command("/check", "ZZZZZ-ZZZZZ")
    assert "没有找到" in text(await worker.next_message())
    await worker.command("/check")
    assert "/check ABCDE-23456" in text(await worker.next_message())
    assert not await db_holds(bot, code) and not await db_holds(bot, code.replace("-", ""))


async def test_fully_anonymous_unsatisfied_keeps_no_link(bot: BotUnderTest, stub: BotApiStub,
                                                          admin: UserHandle) -> None:
    officer, worker, code = await secret_card_answered(bot, stub, admin)
    await worker.command("/check", code)
    await worker.press(await worker.next_message(), "不满意")
    assert "哪里不满意" in text(await worker.next_message())
    bare = code.replace("-", "")
    held_while_asking = await db_holds(bot, bare)  # the bot waits for the reason
    await worker.send("没说补多少。")
    assert "重新交给工会办理" in text(await worker.next_message())
    assert "没说补多少" in text(await next_with(officer, "重新办理"))
    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.ACCEPTED and card.reopened == 1
    assert not held_while_asking and not await db_holds(bot, bare)


# ---- the canary ---------------------------------------------------------------------
async def canary_scenario(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                          monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """An anonymous card from the canary through accept, 代录, 已落实, 公开答复 and
    lists, then a forced failure on its rating press. Returns the chats to inspect."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    chair = await make_worker(bot, stub, 2101, "周主席")
    await admin.command("/promote", f"#{(await bot.services.members.actor(2101)).member_id}",
                        "工会主席")
    assert "设为工会主席" in text(await admin.next_message())
    await chair.next_message()
    group = await team_group(stub, officer)
    stub.user(CANARY_ID, CANARY_TG, username="zzcanary_user", last_name="Lastcanary")
    canary = await make_worker(bot, stub, CANARY_ID, CANARY_NAME)
    await write_card(canary, "井口更衣室暖气不热，冬天换衣服很冷。", "anonymous")

    notice = await next_with(officer, "新信息卡")
    await accept(officer, notice)
    assert "已受理" in text(await canary.next_message())
    recorded = await proxy_reply(officer, notice, "机电科 王科长", "本周检修暖气管道。")
    reply = await next_with(canary, "有答复了")
    await officer.press(recorded, "已落实")
    assert "已落实" in text(await canary.next_message())
    await officer.press(recorded, "公开答复")
    assert "已公开" in text(await officer.press(recorded, "综采一班群"))
    assert "暖气" in text(await next_with(group, "公开答复"))
    for reader in (officer, chair):
        await reader.command("/cards")
        await reader.next_message()
        await reader.command("/card_1")
        assert "暖气" in text(await reader.next_message())

    async def broken(*args: object, **kwargs: object) -> card_actions.Done:
        raise RuntimeError("rating store unavailable")

    monkeypatch.setattr(card_actions, "rate", broken)
    assert "出了点问题" in text(await canary.press(reply, "😊 满意"))
    monkeypatch.undo()
    assert "RuntimeError" in text(await next_with(admin, "机器人出错"))
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
    assert "RuntimeError" in errors and leaks(errors) == []


async def test_canary_absent_from_debug_logs(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        if logging.getLogger(name).level not in (logging.NOTSET, logging.DEBUG):
            caplog.set_level(logging.DEBUG, logger=name)
    await canary_scenario(bot, stub, admin, monkeypatch)
    everything = caplog.text + logged(caplog)
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
    await first.press(mine, "退回")
    assert "退回的理由" in text(await first.next_message())
    await first.send("这件事归区队自己定，请直接找区长。")
    assert "已退回" in text(await first.next_message())
    told = await worker.next_message()
    assert "被退回" in text(told) and "请直接找区长" in text(told)

    late = await second.press(theirs, "受理")
    assert "已经处理过了" in text(late) and "李委员" in text(late)
    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.RETURNED
    assert card.return_reason == "这件事归区队自己定，请直接找区长。"


async def duplicate_two_cards(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                              ) -> tuple[UserHandle, UserHandle, UserHandle, Message]:
    """Two workers write about the same water; the officer marks #2 as a duplicate of #1,
    after a made-up number and #2's own are refused. Returns officer, both workers and
    the officer's copy of #1."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    first_worker = await make_worker(bot, stub, 3001, "张三")
    second_worker = await make_worker(bot, stub, 3002, "李四")
    await write_card(first_worker, "二号运输巷积水严重。")
    await write_card(second_worker, "二号运输巷积水，走路湿鞋。")
    first = await next_with(officer, "新信息卡 #1")
    second = await next_with(officer, "新信息卡 #2")

    await officer.press(second, "重复")
    assert "和哪张卡重复" in text(await officer.next_message())
    for wrong in ("999", "2"):
        await officer.send(wrong)
        refused = await officer.next_message()
        assert "没有这个编号的卡" in text(refused) and "和哪张卡重复" in text(refused)
        state = await bot.services.flows.get(officer.id)
        assert state is not None and state.step == "dup"
    await officer.send("1")
    assert "已标为重复" in text(await officer.next_message())
    return officer, first_worker, second_worker, first


async def test_duplicate_refuses_unknown_and_own_number(bot: BotUnderTest, stub: BotApiStub,
                                                        admin: UserHandle) -> None:
    _, first_worker, second_worker, _ = await duplicate_two_cards(bot, stub, admin)
    told = await second_worker.next_message()
    assert "#2" in text(told) and "#1" in text(told) and "同一件事" in text(told)
    await first_worker.no_message(within=0.3)
    card = await bot.services.cards.get(2)
    assert card is not None and card.status is CardStatus.DUPLICATE and card.duplicate_of == 1
    first = await bot.services.cards.get(1)
    assert first is not None and first.status is CardStatus.NEW


async def test_duplicate_author_hears_the_shared_reply(bot: BotUnderTest, stub: BotApiStub,
                                                       admin: UserHandle) -> None:
    officer, first_worker, second_worker, first = await duplicate_two_cards(bot, stub, admin)
    assert "将一起办理和答复" in text(await second_worker.next_message())
    await accept(officer, first)
    await proxy_reply(officer, first, "通风科 陈科长", "已安排水泵抽水。")
    assert "已安排水泵抽水" in text(await next_with(first_worker, "有答复了"))
    assert "已安排水泵抽水" in text(await second_worker.next_message())


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
    assert "不能公开" in text(refused) and refused.show_alert
    forged = await officer.press(recorded[1], data=f"c:pto:1:{group.id}")
    assert "不能公开" in text(forged)
    await group.no_message(within=0.5)

    await officer.press(recorded[2], "公开答复")
    assert "已公开" in text(await officer.press(recorded[2], "综采一班群"))
    posted = await group.next_message()
    assert "矿灯充电架坏了三个位置" in text(posted) and "充电架已更换" in text(posted)
    assert "张三" not in text(posted) and "ZhangTG" not in text(posted)
    again = await officer.press(recorded[2], "综采一班群")
    assert "公开过了" in text(again)
    await group.no_message(within=0.5)
    assert await bot.services.cards.publications(2) == [group.id]


async def test_publish_goes_only_to_a_chat_offered(bot: BotUnderTest, stub: BotApiStub,
                                                   admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await team_group(stub, officer)
    other = await team_group(stub, admin, -1001000000888, "掘进二班群", "B2")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, "矿灯充电架坏了三个位置。", "anonymous")
    notice = await next_with(officer, "新信息卡")
    await accept(officer, notice)
    recorded = await proxy_reply(officer, notice, "后勤科 刘科长", "充电架已更换。")
    await officer.press(recorded, "公开答复")
    assert "掘进二班群" not in recorded.button_texts()  # not offered: another team's group
    forged = await officer.press(recorded, data=f"c:pto:1:{other.id}")
    assert "已公开" not in text(forged)
    await other.no_message(within=0.5)
