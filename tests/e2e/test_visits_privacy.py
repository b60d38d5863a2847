"""走访谈心 privacy end to end: a diary entry is read by its author and the chairs only
(/visit_N, /visits, every button), nothing about it ever reaches the person visited,
the 困难帮扶 flag reaches the chairs (else the config admins) and waits out quiet hours,
a case is taken once however hard it is pressed, forged button data changes nothing,
and the chairs' and officers' list buttons (📊 completion, 👥 who was not visited)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from bot import visit_actions
from bot.storage import audit
from bot.storage import visits as visit_store
from bot.storage.db import from_ts
from bot.storage.visits import NewVisit
from bot.stub import BotApiStub, CallbackAnswer, Message, UserHandle
from bot.visits import FollowUp, Kind
from tests.e2e.visit_helpers import log_visit, make_chair, make_officer, make_worker
from tests.harness import ADMIN_ID, BotUnderTest, local

NOTES = "NOTE甲乙：他母亲住院做手术，家里欠了三万块钱，不想让班组知道。"
HELP = "HELP丙丁：医药费缺口三万元，申请困难补助。"
SECRETS = ("NOTE甲乙", "HELP丙丁", "欠了三万", "医药费缺口", "不想让班组知道")
NOT_FOUND = "没有找到这一项。"
NOT_ALLOWED = "您没有权限做这件事。"
STALE = "这个按钮已过期，请按最新的消息操作。"


# ---- steps --------------------------------------------------------------------------


def text(shown: Message | CallbackAnswer) -> str:
    return shown.text or ""


async def said(user: UserHandle) -> str:
    return text(await user.next_message())


async def next_with(user: UserHandle, marker: str, limit: int = 8) -> Message:
    """The next bot message to `user` containing `marker`, skipping others."""
    for _ in range(limit):
        message = await user.next_message()
        if marker in text(message):
            return message
    raise AssertionError(f"no message with {marker!r}:\n{user.transcript()}")


def last_to(stub: BotApiStub, user: UserHandle) -> Message:
    """The latest bot message in the user's own chat: where a forged press is made."""
    return stub.bot_messages(user.id)[-1]


def seen_by(stub: BotApiStub, chat_id: int) -> str:
    """Everything the bot showed this chat: messages (text, markup), the answers to the
    presses made by this user, and every request aimed at the chat."""
    parts: list[str] = []
    for m in stub.bot_messages(chat_id):
        parts += [json.dumps(m.data, ensure_ascii=False),
                  json.dumps(m.markup or {}, ensure_ascii=False), m.raw_text or ""]
    parts += [q.answer.text or "" for q in stub.queries.values()
              if q.user_id == chat_id and q.answer is not None]
    parts += [json.dumps(r.params, ensure_ascii=False, default=str) for r in stub.requests
              if str(r.params.get("chat_id", "")) == str(chat_id)]
    return "\n".join(parts)


def leaked(stub: BotApiStub, chat_id: int) -> list[str]:
    shown = seen_by(stub, chat_id)
    return [secret for secret in SECRETS if secret in shown]


async def member_id(bot: BotUnderTest, user: UserHandle | int) -> int:
    member = await bot.services.members.by_tg(user if isinstance(user, int) else user.id)
    assert member is not None
    return member.id


async def team_id(bot: BotUnderTest, code: str) -> int:
    team = await bot.services.teams.by_code(code)
    assert team is not None
    return team.id


async def make_pending(bot: BotUnderTest, stub: BotApiStub, user_id: int,
                       name: str) -> UserHandle:
    """Someone who applied to 综采一班 and waits for approval."""
    s = bot.services
    await s.members.register(user_id, name, None, await team_id(bot, "A1"), None, False,
                             bot.clock.now())
    handle = stub.user(user_id, name)
    await handle.command("/start")
    await handle.next_message()
    return handle


async def outbox(bot: BotUnderTest, ref_like: str = "visit:%") -> list[dict[str, Any]]:
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT id, chat_id, status, not_before, ref, payload"
                                 " FROM outbox WHERE ref LIKE ? ORDER BY id", (ref_like,))
    return [dict(r) for r in rows]


async def snapshot(bot: BotUnderTest) -> tuple[Any, ...]:
    """What a refused press must leave alone: the diary, its history, the outbox, flows."""
    async with bot.services.db.read() as tx:
        visits = [tuple(r) for r in await tx.fetchall("SELECT * FROM visits ORDER BY id")]
        history = [tuple(r) for r in await tx.fetchall(
            "SELECT * FROM audit_log WHERE item_type = 'visit' ORDER BY id")]
        mail = [tuple(r) for r in await tx.fetchall(
            "SELECT id, chat_id, method, ref FROM outbox ORDER BY id")]
        flows = [tuple(r) for r in await tx.fetchall("SELECT * FROM flows ORDER BY 1")]
    return visits, history, mail, flows


class Cast(NamedTuple):
    officer: UserHandle  # 李委员, A1: writes the diary
    peer: UserHandle  # 周委员, another officer of A1
    other: UserHandle  # 王委员, officer of B2
    worker: UserHandle  # 张三, A1: the person visited
    bystander: UserHandle  # 赵六, A1 worker
    pending: UserHandle  # 钱七, applied to A1, not approved
    outsider: UserHandle  # never registered
    chairs: list[UserHandle]


async def cast(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
               chairs: int = 2) -> Cast:
    names = [(2009, "陈主席"), (2010, "林主席")][:chairs]
    chair_handles = [await make_chair(bot, stub, admin, uid, name, "C3") for uid, name in names]
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    peer = await make_officer(bot, stub, admin, 2002, "周委员")
    other = await make_officer(bot, stub, admin, 2003, "王委员", team_code="B2")
    worker = await make_worker(bot, stub, 3001, "张三")
    bystander = await make_worker(bot, stub, 3002, "赵六")
    pending = await make_pending(bot, stub, 3003, "钱七")
    outsider = stub.user(4001, "路人甲")
    await stub.wait_idle()
    return Cast(officer, peer, other, worker, bystander, pending, outsider, chair_handles)


async def hardship(officer: UserHandle, whom: str = "张三") -> Message:
    """A talk with `whom` today, flagged 困难帮扶; returns the saved reply."""
    saved = await log_visit(officer, whom, notes=NOTES, reasons=("住院", "生活困难"),
                            follow="困难帮扶", follow_answer=HELP)
    assert "已记入民情日记" in text(saved), text(saved)
    return saved


# ---- who reads an entry ---------------------------------------------------------------

async def test_only_the_author_and_the_chairs_read_an_entry(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    c = await cast(bot, stub, admin, chairs=1)
    chair = c.chairs[0]
    worker_seen = len(stub.bot_messages(c.worker.id))
    saved = await hardship(c.officer)
    assert "#1" in text(saved) and "张三" in text(saved)
    assert "已报告工会主席（1 人）" in text(saved) and "本月 谈心 1/3 · 家访 0/2" in text(saved)

    visit = await s.visits.get(1)
    assert visit is not None
    assert visit.officer_id == await member_id(bot, c.officer)
    assert visit.member_id == await member_id(bot, c.worker)
    assert visit.team_id == await team_id(bot, "A1") and visit.person == "张三"
    assert visit.notes == NOTES and visit.help_note == HELP
    assert visit.kind is Kind.TALK and visit.follow_up is FollowUp.HELP
    assert visit.reasons == ("住院", "生活困难") and visit.help_open
    assert [(h.to_state, h.actor_member_id) for h in await audit.history(s.db, "visit", 1)] \
        == [("logged", visit.officer_id)]

    # The author: the whole entry, with 再记一次 (not 我来跟进: they are no chair).
    await c.officer.command("/visit_1")
    own = await c.officer.next_message()
    assert NOTES in text(own) and HELP in text(own) and "记录人 李委员" in text(own)
    assert own.button_texts() == ["🔁 再记一次走访"]
    assert own.buttons[0][0][1] == "v:1:again"

    # A chair: the whole entry with the take-over button, not 再记一次.
    notice = await next_with(chair, "困难帮扶")
    await chair.command("/visit_1")
    shown = await chair.next_message()
    assert NOTES in text(shown) and HELP in text(shown) and "张三（综采一班）" in text(shown)
    assert shown.button_texts() == ["✅ 我来跟进"]
    assert NOTES not in text(notice)  # the flag carries the hardship, not the diary notes

    # Everyone else: it does not exist.
    readers_not = [c.peer, c.other, c.worker, c.bystander, c.pending, c.outsider, admin]
    for who in readers_not:
        for command in ("/visit_1", "/visit_2", "/visit_999"):
            before = len(stub.bot_messages(who.id))
            await who.send(command)
            assert await said(who) == NOT_FOUND, (who.name, command)
            await who.no_message(within=0.05)
            assert len(stub.bot_messages(who.id)) == before + 1
    for who in (c.worker, c.bystander, c.pending, c.outsider, admin):
        await who.command("/visits")
        reply = await said(who)
        assert "/visit_1" not in reply and "张三" not in reply, (who.name, reply)
    for who in (c.peer, c.other):  # officers see their own (empty) diary only
        await who.command("/visits")
        reply = await said(who)
        assert "我的民情日记" in reply and "/visit_1" not in reply, reply

    # The chair takes the case on; the author hears, the person visited never does.
    await chair.press(notice, "我来跟进")
    assert "陈主席 已接手帮扶" in await said(c.officer)
    await stub.wait_idle()
    await c.worker.no_message(within=0.3)
    # The person visited was told nothing but the answers to their own commands.
    assert [text(m) for m in stub.bot_messages(c.worker.id)[worker_seen:]] == [
        NOT_FOUND] * 3 + ["民情日记只有工会委员、小组长和主席可以记。"]
    for who in readers_not:
        assert leaked(stub, who.id) == [], who.name
    assert all(r["chat_id"] not in (c.worker.id, c.peer.id, c.other.id, ADMIN_ID)
               for r in await outbox(bot))


async def test_the_person_visited_is_never_told(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=2)
    before = len(stub.bot_messages(c.worker.id))
    await log_visit(c.officer, "张三", notes="普通谈心，NOTE甲乙。")
    await hardship(c.officer)
    await log_visit(c.peer, "张三", kind="家访", notes="家访，NOTE甲乙。", follow="🔁 再访",
                    follow_answer="7 天后")
    for chair in c.chairs:
        await chair.press(await next_with(chair, "困难帮扶"), "我来跟进")
    await next_with(c.officer, "已接手")
    await stub.wait_idle()
    await c.worker.no_message(within=0.5)
    assert len(stub.bot_messages(c.worker.id)) == before
    assert leaked(stub, c.worker.id) == []
    assert all(r["chat_id"] != c.worker.id for r in await outbox(bot, "%"))


# ---- the hardship flag -----------------------------------------------------------------

async def test_hardship_flag_reaches_every_chair(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=2)
    saved = await hardship(c.officer)
    assert "已报告工会主席（2 人）" in text(saved)
    for chair in c.chairs:
        notice = await next_with(chair, "困难帮扶")
        body = text(notice)
        for part in ("/visit_1", "张三（综采一班）", "谈心 11-16", "记录人 李委员",
                     "原因：住院、生活困难", f"困难情况：{HELP}"):
            assert part in body, (part, body)
        assert NOTES not in body
        assert notice.buttons == [[("✅ 我来跟进", "v:1:help")]]
    rows = await outbox(bot)
    assert sorted(r["chat_id"] for r in rows) == [2009, 2010]
    assert {r["ref"] for r in rows} == {"visit:1:help"}
    await admin.no_message(within=0.2)  # with chairs, the config admin is not told
    for who in (c.peer, c.other, c.worker):
        await who.no_message(within=0.05)


async def test_a_chair_is_not_sent_their_own_flag(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=2)
    chen, lin = c.chairs
    saved = await hardship(chen)
    assert "已报告工会主席（1 人）" in text(saved)
    notice = await next_with(lin, "困难帮扶")
    assert "记录人 陈主席" in text(notice) and HELP in text(notice)
    await stub.wait_idle()
    await chen.no_message(within=0.3)
    assert [r["chat_id"] for r in await outbox(bot)] == [2010]

    # The only chair writes a flag: nobody else to tell.
    await admin.command("/demote", f"#{await member_id(bot, lin)}", "工会主席")
    await admin.next_message()
    await stub.wait_idle()
    saved = await hardship(chen, "赵六")
    assert "已记为困难帮扶" in text(saved) and "已报告" not in text(saved)
    await stub.wait_idle()
    assert [r["chat_id"] for r in await outbox(bot)] == [2010]
    await chen.no_message(within=0.3)


async def test_with_no_chair_the_config_admins_get_the_flag(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=0)
    saved = await hardship(c.officer)
    assert "已报告工会主席（1 人）" in text(saved)
    notice = await next_with(admin, "困难帮扶")
    assert "张三（综采一班）" in text(notice) and HELP in text(notice)
    assert NOTES not in text(notice)
    assert [r["chat_id"] for r in await outbox(bot)] == [ADMIN_ID]
    # The admin is no chair: the diary itself stays closed to them.
    await admin.command("/visit_1")
    assert await said(admin) == NOT_FOUND


async def test_an_admin_who_gets_the_flag_can_use_its_button(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=0)
    await hardship(c.officer)
    notice = await next_with(admin, "困难帮扶")
    if notice.buttons:
        answered = await admin.press(notice, "我来跟进")
        assert NOT_ALLOWED not in text(answered), text(answered)


async def test_a_flag_logged_at_night_waits_until_seven(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=1)
    chair = c.chairs[0]
    bot.clock.set(local("2026-11-16T23:00"))
    saved = await hardship(c.officer)  # the officer's own replies come at once
    assert "已报告工会主席（1 人）" in text(saved)
    rows = await outbox(bot)
    assert [(r["chat_id"], r["status"], r["ref"]) for r in rows] == [
        (2009, "pending", "visit:1:help")]
    assert from_ts(rows[0]["not_before"]) == local("2026-11-17T07:00").astimezone(UTC)
    await chair.no_message(within=1.2)  # the sender looks at least once a second
    bot.clock.set(local("2026-11-17T06:59"))
    await chair.no_message(within=1.2)
    assert "困难帮扶" not in seen_by(stub, chair.id)

    bot.clock.set(local("2026-11-17T07:00"))
    notice = await next_with(chair, "困难帮扶")
    assert HELP in text(notice) and "张三" in text(notice)
    await stub.wait_idle()
    assert [r["status"] for r in await outbox(bot)] == ["sent"]


# ---- taking a case ------------------------------------------------------------------

async def test_the_first_chair_takes_the_case_and_a_second_press_changes_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    c = await cast(bot, stub, admin, chairs=2)
    chen, lin = c.chairs
    await hardship(c.officer)
    chen_notice = await next_with(chen, "困难帮扶")
    lin_notice = await next_with(lin, "困难帮扶")

    bot.clock.advance(minutes=30)
    took = await chen.press(chen_notice, "我来跟进")
    assert "已接手张三的困难帮扶" in text(took) and not took.show_alert
    visit = await s.visits.get(1)
    assert visit is not None and not visit.help_open
    assert visit.help_taken_by == await member_id(bot, chen)
    assert visit.help_taken_at == bot.clock.now()
    told = await c.officer.next_message()
    assert "11-16 报告的张三的困难，工会主席 陈主席 已接手帮扶" in text(told)
    after = await snapshot(bot)

    again = await lin.press(lin_notice, "我来跟进")
    assert again.show_alert and text(again) == "这件帮扶已由 陈主席 接手。"
    twice = await chen.press(chen_notice, "我来跟进")
    assert twice.show_alert and text(twice) == "这件帮扶已由 陈主席 接手。"
    await stub.wait_idle()
    assert await snapshot(bot) == after
    await c.officer.no_message(within=0.3)
    history = await audit.history(s.db, "visit", 1)
    assert [(h.from_state, h.to_state, h.actor_member_id) for h in history][-1] == (
        "help", "taken", await member_id(bot, chen))
    assert sum(h.to_state == "taken" for h in history) == 1

    await lin.command("/visit_1")
    shown = await lin.next_message()
    assert "✅ 陈主席 已接手帮扶。" in text(shown) and not shown.buttons
    await lin.command("/visits")
    assert "等待接手" not in await said(lin)
    await c.officer.command("/visits")
    assert "/visit_1 11-16 谈心 张三 住院 · 生活困难 · 🆘 帮扶已接手" in await said(c.officer)


async def test_twenty_concurrent_presses_take_the_case_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    c = await cast(bot, stub, admin, chairs=2)
    chen, lin = c.chairs
    await hardship(c.officer)
    notices = {chen.id: await next_with(chen, "困难帮扶"), lin.id: await next_with(lin, "困难帮扶")}
    presses = [who.press(notices[who.id], "我来跟进") for who in (chen, lin) * 10]
    answers = await asyncio.gather(*presses)

    took = [a for a in answers if "已接手张三的困难帮扶" in text(a)]
    assert len(took) == 1, [text(a) for a in answers]
    visit = await s.visits.get(1)
    assert visit is not None and visit.help_taken_by is not None
    holder = await s.members.get(visit.help_taken_by)
    assert holder is not None and holder.name in ("陈主席", "林主席")
    refused = [a for a in answers if a not in took]
    assert len(refused) == 19
    assert all(a.show_alert and text(a) == f"这件帮扶已由 {holder.name} 接手。" for a in refused)
    history = await audit.history(s.db, "visit", 1)
    assert sum(h.to_state == "taken" for h in history) == 1
    assert len(await outbox(bot, "visit:1:taken")) == 1
    assert f"工会主席 {holder.name} 已接手帮扶" in await said(c.officer)
    await stub.wait_idle()
    await c.officer.no_message(within=1.2)
    await c.worker.no_message(within=0.05)

    # The same race one layer down, with every press holding the entry as it was read
    # before any take (PTB hands updates over one at a time).
    await hardship(c.officer, "赵六")
    stale = await s.visits.get(2)
    assert stale is not None and stale.help_open
    actors = [await s.members.actor(who.id) for who in (chen, lin)]
    results = await asyncio.gather(*[visit_actions.take_help(s, actors[i % 2], stale)
                                     for i in range(20)])
    assert sum(r.ok for r in results) == 1, results
    winner = next(r.by for r in results if r.ok)
    assert {(r.key, r.by) for r in results if not r.ok} == {("visit-help-already", winner)}
    assert len(await outbox(bot, "visit:2:taken")) == 1
    taken = await s.visits.get(2)
    assert taken is not None and taken.help_taken_by is not None
    assert sum(h.to_state == "taken" for h in await audit.history(s.db, "visit", 2)) == 1


# ---- forged and wrong-role presses ----------------------------------------------------

async def test_forged_and_wrong_role_presses_change_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=1)
    chair = c.chairs[0]
    await hardship(c.officer)
    await log_visit(c.other, "赵六", notes="王委员自己的谈心记录。")  # #2 by B2's officer
    await next_with(chair, "困难帮扶")
    await admin.command("/start")
    await admin.next_message()
    await stub.wait_idle()
    a1, b2 = await team_id(bot, "A1"), await team_id(bot, "B2")

    cases: list[tuple[UserHandle, str, str]] = []
    for who in (c.officer, c.peer, c.other, c.worker, c.bystander, c.pending, c.outsider,
                admin):
        cases.append((who, "v:1:help", NOT_ALLOWED))
    for who in (c.peer, c.other, c.worker, c.bystander, c.pending, c.outsider, admin, chair):
        cases += [(who, "v:1:again", NOT_ALLOWED)]
    cases.append((c.officer, "v:2:again", NOT_ALLOWED))  # written by 王委员
    for who in (c.officer, chair, c.worker):
        for data in ("v:999:help", "v:abc:help", "v:1:zzz", "v:1", "v:", "v:1:help:x",
                     "v:-1:help", "v:999:again"):
            cases.append((who, data, STALE))
    cases += [(c.officer, f"vc:{b2}", NOT_ALLOWED), (c.other, f"vc:{a1}", NOT_ALLOWED),
              (c.peer, "vc:0", NOT_ALLOWED), (c.worker, "vc:0", NOT_ALLOWED),
              (c.worker, f"vc:{a1}", NOT_ALLOWED), (c.pending, f"vc:{a1}", NOT_ALLOWED),
              (c.outsider, "vc:0", NOT_ALLOWED), (admin, "vc:0", NOT_ALLOWED),
              (admin, f"vc:{a1}", NOT_ALLOWED), (chair, "vc:999", NOT_ALLOWED),
              (chair, "vc:x", NOT_ALLOWED), (chair, "vc:", NOT_ALLOWED),
              (c.officer, "vc:999", NOT_ALLOWED), (c.officer, "vc:x", NOT_ALLOWED)]
    for who in (c.officer, c.peer, c.other, c.worker, c.pending, c.outsider, admin):
        cases.append((who, "vq", NOT_ALLOWED))

    # Each presses on a message in their own chat, with the data changed.
    where = {who.id: last_to(stub, who) if stub.bot_messages(who.id) else None
             for who, _, _ in cases}
    for who in {who.id: who for who, _, _ in cases}.values():
        if where[who.id] is None:  # the outsider never talked to the bot
            await who.command("/help")
            where[who.id] = await who.next_message()
    await stub.wait_idle()
    before = await snapshot(bot)
    counts = {who.id: len(stub.bot_messages(who.id)) for who, _, _ in cases}
    answers_before = sum(1 for r in stub.requests if r.method.lower() == "answercallbackquery")
    for who, data, expected in cases:
        message = where[who.id]
        assert message is not None
        answered = await who.press(message, data=data)
        assert text(answered) == expected, (who.name, data, text(answered))
        if expected == NOT_ALLOWED:
            assert answered.show_alert, (who.name, data)
    await stub.wait_idle()
    answered_now = sum(1 for r in stub.requests if r.method.lower() == "answercallbackquery")
    assert answered_now - answers_before == len(cases)
    assert await snapshot(bot) == before
    for who, _, _ in cases:
        assert len(stub.bot_messages(who.id)) == counts[who.id], who.name
        if who is not c.officer and who is not chair:
            assert leaked(stub, who.id) == [], who.name
    visit = await bot.services.visits.get(1)
    assert visit is not None and visit.help_open


async def test_help_press_on_an_entry_without_hardship_does_not_claim_it_was_taken(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=1)
    chair = c.chairs[0]
    await log_visit(c.officer, "张三", notes="普通谈心。")
    before = await snapshot(bot)
    answered = await chair.press(last_to(stub, chair), data="v:1:help")
    assert await snapshot(bot) == before
    assert "已由" not in text(answered) and "-" not in text(answered), text(answered)


async def test_diary_buttons_pressed_in_a_group_post_nothing_there(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=1)
    chair = c.chairs[0]
    await hardship(c.officer)
    group = stub.group(-1001000000777, "综采一班群")
    for who in (c.officer, chair, c.worker, c.bystander):
        group.add_member(who)
    await group.add_bot(by=c.officer)
    hello = await group.next_message()
    await stub.wait_idle()
    before = await snapshot(bot)
    a1 = await team_id(bot, "A1")
    for who, data in ((c.officer, "v:1:again"), (c.officer, f"vc:{a1}"), (chair, "vq"),
                      (chair, "vc:0"), (chair, f"vc:{a1}"), (chair, "v:1:again")):
        await who.press(hello, data=data)
    await stub.wait_idle()
    posted = [text(m) for m in stub.bot_messages(group.id)[1:]]
    assert posted == [], posted
    assert (await snapshot(bot))[:3] == before[:3]  # (a fix may start the flow privately)


# ---- the lists --------------------------------------------------------------------------

async def add_old_visit(bot: BotUnderTest, officer: int, member: UserHandle, day: date) -> None:
    """A diary entry from before this month (the /visit flow takes this month's only)."""
    s = bot.services
    found = await s.members.by_tg(member.id)
    assert found is not None
    new = NewVisit(officer_id=officer, kind=Kind.HOME, member_id=found.id, person=found.name,
                   team_id=found.team_id, visited_on=day, notes="旧的家访。", reasons=(),
                   follow_up=FollowUp.NONE, revisit_on=None, help_note="")
    async with s.db.tx() as tx:
        await visit_store.insert(tx, new, datetime.combine(day, datetime.min.time(), UTC))


async def test_chairs_lists_completion_and_coverage(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=1)
    chair = c.chairs[0]
    extra = await make_worker(bot, stub, 3004, "孙八")
    await make_worker(bot, stub, 3005, "邓超", team_code="B2")
    officer_id = await member_id(bot, c.officer)
    await add_old_visit(bot, officer_id, c.bystander, date(2025, 10, 16))  # 13 months ago
    await add_old_visit(bot, officer_id, extra, date(2025, 11, 20))  # within 12 months
    await hardship(c.officer)
    await log_visit(c.officer, "张三", kind="家访", notes="又去家里看了看。", reasons=())
    await log_visit(c.other, "邓超", notes="谈心。")
    await next_with(chair, "困难帮扶")

    await chair.command("/visits")
    listing = await chair.next_message()
    body = text(listing)
    assert "等待接手的困难帮扶：1 件" in body and "/visit_3 11-16 谈心 张三" in body, body
    assert "/visit_4" not in body and "/visit_5" not in body  # not hardship cases
    assert listing.buttons == [[("📊 各委员完成情况", "vq"), ("👥 未走访名单", "vc:0")]]

    await chair.press(listing, "各委员完成情况")
    table = text(await chair.next_message())
    assert "2026-11 走访谈心完成情况" in table and "达到每月最低要求：0/3 人" in table, table
    lines = table.splitlines()
    assert any("李委员（综采一班）谈心 1/3 · 家访 1/2" in line for line in lines), table
    assert any("王委员（掘进二班）谈心 1/3 · 家访 0/2" in line for line in lines), table
    assert any("周委员（综采一班）谈心 0/3 · 家访 0/2" in line for line in lines), table
    assert "陈主席" not in table  # a chair keeps no quota

    await chair.press(listing, "未走访名单")
    branch = await chair.next_message()
    # A1's active members: 李委员 周委员 张三 赵六 孙八 (钱七 is pending): 张三 and 孙八
    # were visited in 12 months, 赵六 only 13 months ago.
    assert "综采一班：2/5" in text(branch) and "掘进二班：1/2" in text(branch), text(branch)
    assert "机电队：0/1" in text(branch)
    a1 = await team_id(bot, "A1")
    assert ("综采一班", f"vc:{a1}") in [b for row in branch.buttons for b in row]
    await chair.press(branch, "综采一班")
    names = text(await chair.next_message())
    assert "已谈心或家访：2/5 人" in names, names
    never = next(line for line in names.splitlines() if "还没走访过的" in line)
    assert "3 人" in never and all(n in never for n in ("赵六", "李委员", "周委员"))
    assert "张三" not in never and "孙八" not in never and "钱七" not in names
    assert "最久没走访的：孙八（上次 2025-11-20）" in names
    assert NOTES not in names and "旧的家访" not in names


async def test_an_officer_sees_only_their_own_team_and_diary(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    c = await cast(bot, stub, admin, chairs=1)
    await hardship(c.officer)
    await log_visit(c.other, "赵六", notes="王委员的谈心。")
    a1 = await team_id(bot, "A1")

    await c.officer.command("/visits")
    listing = await c.officer.next_message()
    body = text(listing)
    assert "/visit_1 11-16 谈心 张三" in body and "/visit_2" not in body, body
    assert "等待接手" not in body and "本月 谈心 1/3 · 家访 0/2" in body
    assert listing.buttons == [[("👥 未走访名单", f"vc:{a1}")]]
    await c.officer.press(listing, "未走访名单")
    names = text(await c.officer.next_message())
    assert "综采一班 · 近 12 个月走访" in names and "已谈心或家访：2/4 人" in names, names
    assert "掘进二班" not in names and "机电队" not in names

    await c.other.command("/visits")
    theirs = await c.other.next_message()
    assert "/visit_2" in text(theirs) and "/visit_1" not in text(theirs)
    assert leaked(stub, c.other.id) == []


# ---- 再记一次 ----------------------------------------------------------------------------

async def test_again_starts_a_visit_to_the_same_member(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    c = await cast(bot, stub, admin, chairs=1)
    await log_visit(c.officer, "张三", notes="第一次谈心。")
    await c.officer.command("/visit_1")
    entry = await c.officer.next_message()
    answered = await c.officer.press(entry, "再记一次走访")
    assert not answered.show_alert
    ask = await c.officer.next_message()
    assert "谈心还是家访" in text(ask)
    state = await s.flows.get(c.officer.id)
    assert state is not None and state.data["member_id"] == await member_id(bot, c.worker)
    assert state.data["person"] == "张三" and state.data["team_id"] == await team_id(bot, "A1")

    await c.officer.press(ask, "家访")
    ask = await c.officer.next_message()
    assert "哪天" in text(ask), text(ask)  # the person is known: straight to the day
    await c.officer.press(ask, "今天")
    assert "和张三谈了什么" in await said(c.officer)
    await c.officer.send("第二次，去了家里。")
    await c.officer.press(await c.officer.next_message(), "完成")
    await c.officer.press(await c.officer.next_message(), "不需要")
    preview = await c.officer.next_message()
    assert "家访 · 张三（综采一班）" in text(preview), text(preview)
    await c.officer.press(preview, "保存")
    saved = await said(c.officer)
    assert "#2" in saved and "家访 · 张三" in saved and "家访 1/2" in saved, saved

    first, second = await s.visits.get(1), await s.visits.get(2)
    assert first is not None and second is not None
    assert second.member_id == first.member_id == await member_id(bot, c.worker)
    assert second.person == "张三" and second.kind is Kind.HOME
    assert second.team_id == first.team_id and second.officer_id == first.officer_id
    assert await s.flows.get(c.officer.id) is None
    await c.worker.no_message(within=0.1)
