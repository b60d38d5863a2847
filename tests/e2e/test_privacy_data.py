"""隐私 end to end (issue 9, "Privacy"): /privacy tells what is kept, by whom and for how
long; /delete_my_data asks once more (取消 keeps everything; the question survives a
restart) and 确定删除 forgets the member — the name, employee number, Telegram id,
roles, study notes, scores and 已阅 go, cards and hazards stay without their author,
visits without the person's name, the sealed link to an anonymous card is cut, and the
same Telegram user may register again as a new member; forged or repeated presses
change nothing. Retention: the daily "retention" sweep rule deletes closed cards and
hazards past privacy.keep_closed_days (with replies, photos, owners, publications) and
sent messages and images past keep_messages_days, except what disclosures and the
reminder ledger point to; once a day, by the branch's calendar."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cards import CardStatus, Identity
from bot.clock import FixedClock
from bot.hazards import HazardStatus
from bot.jobs.sweeper import RULES, sweep
from bot.roles import MemberStatus
from bot.storage import exams as exam_store
from bot.storage import outbox as outbox_store
from bot.storage.cards import NewCard
from bot.storage.cards import insert as insert_card
from bot.storage.db import ts
from bot.storage.privacy import FORGOTTEN
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.e2e.disclosure_flow_helpers import make_branch, submit
from tests.e2e.hazards_helpers import report_hazard
from tests.e2e.study_helpers import log_study
from tests.e2e.test_cards_anonymity import accept, proxy_reply, team_group
from tests.e2e.test_registration import register
from tests.e2e.visit_helpers import log_visit
from tests.harness import START, BotUnderTest, hold_sweeper, local, make_config

WORKER_TG = 5550012345
NAME = "张三丰"
EMPLOYEE_NO = "T-1024"  # typed as t-1024 by tests.e2e.test_registration.register
USERNAME = "zsf_user"
TG_FIRST, TG_LAST = "ZhangTG", "LastZ"
NAMED_TEXT = "NAMED卡：食堂夜班饭菜太咸，希望少放盐。"
ANON_TEXT = "ANON卡：班长私下克扣夜班补贴。"
HAZARD_TEXT = "HAZ：回风巷 200 米处风筒破口，漏风严重。"
STUDY_TEXT = "STUDY：学了顶板管理规定第三章。"
STALE = "这个按钮已过期"
NOT_FOUND = "没有找到这一项"


@pytest.fixture(autouse=True)
def no_background_sweep(request: pytest.FixtureRequest) -> None:
    """The running bot sweeps 0.2 s after start; these tests sweep at the times they set.
    (A test that starts a bot of its own does not start the usual one.)"""
    if "bot" in request.fixturenames:
        hold_sweeper(request.getfixturevalue("bot"))


# ---- steps --------------------------------------------------------------------------


def text(shown: Any) -> str:
    return str(getattr(shown, "text", None) or "")


async def said(user: UserHandle) -> str:
    return text(await user.next_message())


async def next_with(view: UserHandle | GroupHandle, needle: str, limit: int = 12) -> Message:
    """The next bot message in `view` containing `needle`, skipping others (photos)."""
    for _ in range(limit):
        message = await view.next_message(timeout=10)
        if needle in text(message):
            return message
    raise AssertionError(f"no message with {needle!r}:\n{view.transcript()}")


async def member_id(bot: BotUnderTest, tg_user_id: int) -> int:
    member = await bot.services.members.by_tg(tg_user_id)
    assert member is not None
    return member.id


async def dump(bot: BotUnderTest) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the update inbox, whose rows are sealed and record only
    that an update came and was handled, left out)."""
    async with bot.services.db.read() as tx:
        tables = [r[0] for r in await tx.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'update_inbox'"
            " ORDER BY name")]
        return {t: [tuple(r) for r in await tx.fetchall(f'SELECT * FROM "{t}"')]
                for t in tables}


def holding(rows: dict[str, list[tuple[Any, ...]]], pattern: str) -> dict[str, list[str]]:
    """The tables (and the rows, shortened) with a value matching `pattern`."""
    found: dict[str, list[str]] = {}
    needle = re.compile(pattern)
    for table, values in rows.items():
        for row in values:
            if any(needle.search(str(v)) for v in row):
                found.setdefault(table, []).append(str(row)[:160])
    return found


def tg_id_pattern(tg_user_id: int) -> str:
    return rf"(?<!\d){tg_user_id}(?!\d)"


async def scalar(bot: BotUnderTest, sql: str, params: tuple[Any, ...] = ()) -> Any:
    async with bot.services.db.read() as tx:
        return await tx.scalar(sql, params)


async def count(bot: BotUnderTest, table: str, where: str = "1",
                params: tuple[Any, ...] = ()) -> int:
    return int(await scalar(bot, f"SELECT count(*) FROM {table} WHERE {where}", params))


async def db_clean(bot: BotUnderTest) -> None:
    """PRAGMA foreign_key_check finds nothing and integrity_check says ok."""
    async with bot.services.db.read() as tx:
        dangling = [tuple(r) for r in await tx.fetchall("PRAGMA foreign_key_check")]
        integrity = await tx.scalar("PRAGMA integrity_check")
    assert dangling == [] and integrity == "ok", (dangling, integrity)


def no_error_reports(admin: UserHandle) -> None:
    """The config admin got no '机器人出错' report (an unhandled exception)."""
    reports = [m for m in admin.messages() if m.from_bot and "出错" in text(m)]
    assert reports == [], [text(m) for m in reports]


@dataclass
class World:
    officer: UserHandle  # 李委员, officer of 综采一班 (A1)
    chair: UserHandle  # 张主席, chair
    group: GroupHandle  # 综采一班群, with the approved disclosure's post
    worker: UserHandle  # 张三丰: everything below is theirs
    member: int  # the worker's member id
    post: Message  # the disclosure's post the worker pressed 已阅 on


async def build_world(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> World:
    """张三丰 registers through /start (with an employee number), is approved, made 职工代表;
    writes a named card (#1), an anonymous card (#2), reports a hazard (#1, a photo),
    logs a study note (a photo), has an exam score, is visited by 李委员 (visit #1, with
    the member linked) and presses 已阅 under an approved disclosure in the team group."""
    branch = await make_branch(bot, stub, admin, groups=1)
    officer, chair, group = branch.officer, branch.chair, branch.groups[0]
    worker = stub.user(WORKER_TG, TG_FIRST, username=USERNAME, last_name=TG_LAST)
    await register(worker, NAME)
    assert "审核" in await said(worker)
    await officer.press(await next_with(officer, NAME), "✅ 通过")
    await next_with(worker, "登记已通过")
    member = await member_id(bot, WORKER_TG)
    await admin.command("/promote", f"#{member}", "职工代表")
    assert "设为职工代表" in await said(admin)
    await next_with(worker, "职工代表")

    assert "#1" in text(await write_card(worker, NAMED_TEXT, "named"))
    assert "#2" in text(await write_card(worker, ANON_TEXT, "anonymous"))
    assert "#1" in text(await report_hazard(worker, HAZARD_TEXT, photos=1))
    assert "已记录" in text(await log_study(worker, STUDY_TEXT, photos=1))
    s = bot.services
    async with s.db.tx() as tx:
        exam = await exam_store.create(tx, 1, "安全规程", date(2026, 11, 16), 100, None,
                                       bot.clock.now())
        await exam_store.put_scores(tx, exam, [(member, 88.5)], None, bot.clock.now(), "one")

    await next_with(officer, "新隐患 #1")  # the notices are out: the officer's chat is calm
    await stub.wait_idle()
    officer.catch_up()
    assert "已记入民情日记 #1" in text(await log_visit(officer, NAME))

    chair.catch_up()
    ask = await submit(officer, chair, pin=False)
    assert ask is not None
    await chair.press(ask, "批准发布")
    post = await next_with(group, "厂务公开 ·")
    await next_with(officer, "发送完毕")
    group.add_member(worker)
    assert "本群已阅 1 人" in text(await worker.press_in(group, post, "已阅"))
    await stub.wait_idle()
    worker.catch_up()
    officer.catch_up()
    return World(officer, chair, group, worker, member, post)


async def holdings(bot: BotUnderTest, member: int) -> dict[str, Any]:
    """What the database holds of and about the member."""
    one = await bot.services.members.get(member)
    visit = await bot.services.visits.get(1)
    assert visit is not None
    return {
        "member": None if one is None else (one.name, one.employee_no, one.tg_user_id,
                                            one.status),
        "roles": await count(bot, "member_roles", "member_id = ?", (member,)),
        "study": await count(bot, "study_entries", "member_id = ?", (member,)),
        "study_photos": await count(bot, "study_photos"),
        "scores": await count(bot, "exam_scores", "member_id = ?", (member,)),
        "reads": await count(bot, "disclosure_reads", "member_id = ?", (member,)),
        "card1_author": await scalar(bot, "SELECT author_member_id FROM cards WHERE id = 1"),
        "owners": await count(bot, "card_owners"),
        "hazard_reporter": await scalar(bot,
                                        "SELECT reporter_member_id FROM hazards WHERE id = 1"),
        "visit": (visit.member_id, visit.person),
        "chat_members": await count(bot, "chat_members", "tg_user_id = ?", (WORKER_TG,)),
    }


async def ask_to_forget(worker: UserHandle) -> Message:
    await worker.command("/delete_my_data")
    ask = await worker.next_message()
    assert "删除我的个人信息" in text(ask), text(ask)
    assert ask.button_texts() == ["确定删除", "取消"]
    return ask


async def forget(worker: UserHandle) -> None:
    ask = await ask_to_forget(worker)
    await worker.press(ask, "确定删除")
    assert "已删除您的个人信息" in await said(worker)


# ---- /privacy -------------------------------------------------------------------------


async def test_privacy_notice_says_what_who_how_long_and_how_to_delete(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    """Anyone (registered or not) reads the notice: what is stored, who sees it, 3 years
    for closed items and 30 days for messages (the defaults), /delete_my_data, and what
    Telegram and the server's operator can still see."""
    stranger = stub.user(4001, "路人甲")
    await stranger.command("/privacy")
    notice = await said(stranger)
    assert "通风区工会" in notice and "隐私说明" in notice
    assert "提交满 3 年后删除" in notice, notice
    assert "保存 30 天" in notice
    assert "/delete_my_data" in notice
    assert "匿名" in notice and "Telegram" in notice and "服务器管理员" in notice
    assert await bot.services.flows.get(4001) is None
    # Registration points to it before the member agrees.
    await stranger.command("/start")
    assert "姓名" in await said(stranger)
    await stranger.send("路人甲")
    await stranger.press(await stranger.next_message(), "综采一班")
    ask_no = await stranger.next_message()
    assert "工号" in text(ask_no)
    await stranger.press(ask_no, "跳过")
    assert "/privacy" in await said(stranger)


async def test_privacy_notice_follows_the_configured_periods(
        stub: BotApiStub, clock: FixedClock, tmp_path: Path) -> None:
    """[privacy] keep_closed_days = 730, keep_messages_days = 14 → 2 years and 14 days."""
    config = make_config(tmp_path / "other.sqlite3", stub,
                         privacy={"keep_closed_days": 730, "keep_messages_days": 14})
    other = BotUnderTest(config, clock)
    await other.start()
    try:
        user = stub.user(4002, "路人乙")
        await user.command("/privacy")
        notice = await said(user)
        assert "提交满 2 年后删除" in notice and "保存 14 天" in notice, notice
    finally:
        await other.stop()


# ---- /delete_my_data: who may, and 取消 -------------------------------------------------


async def test_someone_not_registered_has_nothing_to_delete(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    before = await dump(bot)
    stranger = stub.user(4003, "路人丙")
    await stranger.command("/delete_my_data")
    assert "您没有登记，这里没有您的个人信息" in await said(stranger)
    assert await bot.services.flows.get(4003) is None
    # A forged confirmation from them finds no question open.
    forged = await stranger.press(stub.bot_messages(4003)[-1], data="f:forget:confirm:yes")
    assert STALE in text(forged)
    assert await dump(bot) == before


async def test_cancel_keeps_everything(bot: BotUnderTest, stub: BotApiStub,
                                       admin: UserHandle) -> None:
    world = await build_world(bot, stub, admin)
    worker = world.worker
    before = await holdings(bot, world.member)
    assert before["member"] == (NAME, EMPLOYEE_NO, WORKER_TG, MemberStatus.ACTIVE)
    assert before["roles"] == 1 and before["study"] == 1 and before["scores"] == 1
    assert before["reads"] == 1 and before["card1_author"] == world.member
    assert before["owners"] == 2 and before["hazard_reporter"] == world.member
    assert before["visit"] == (world.member, NAME)
    rows_before = await dump(bot)

    ask = await ask_to_forget(worker)
    assert "姓名、工号" in text(ask) and "信息卡和隐患的内容" in text(ask)
    await worker.send("我再想想")  # words where a button is needed: asked again
    again = await worker.next_message()
    assert "请点下面的按钮" in text(again) and again.button_texts() == ["确定删除", "取消"]
    await worker.press(again, "取消")
    assert "没有删除任何信息" in await said(worker)
    assert await bot.services.flows.get(WORKER_TG) is None
    assert await holdings(bot, world.member) == before
    after = await dump(bot)
    assert {t: r for t, r in after.items() if t != "flows"} == \
        {t: r for t, r in rows_before.items() if t != "flows"}
    # The pressed-away question is spent; the worker still sees their cards.
    assert STALE in text(await worker.press(ask, "确定删除"))
    await worker.command("/mycards")
    mine = await said(worker)
    assert "/card_1" in mine and "/card_2" in mine
    assert await holdings(bot, world.member) == before
    no_error_reports(admin)


# ---- 确定删除 ----------------------------------------------------------------------------


async def test_confirm_forgets_the_member_and_keeps_the_records(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    world = await build_world(bot, stub, admin)
    await forget(world.worker)
    member = world.member

    row = await bot.services.members.get(member)
    assert row is not None
    assert row.name == f"{FORGOTTEN}#{member}" and row.employee_no is None
    assert row.tg_user_id == -member and row.status is MemberStatus.DEACTIVATED
    assert await scalar(bot, "SELECT username FROM members WHERE id = ?", (member,)) is None
    assert await scalar(bot, "SELECT consent_at FROM members WHERE id = ?", (member,)) is None
    assert await bot.services.members.by_tg(WORKER_TG) is None
    now = await holdings(bot, member)
    assert now["roles"] == 0 and now["study"] == 0 and now["study_photos"] == 0
    assert now["scores"] == 0 and now["reads"] == 0 and now["chat_members"] == 0
    assert await count(bot, "exams") == 1  # the exam itself stays

    named = await bot.services.cards.get(1)
    assert named is not None and named.author_member_id is None and not named.publish_ok
    assert named.body == NAMED_TEXT and named.status is CardStatus.NEW
    anonymous = await bot.services.cards.get(2)
    assert anonymous is not None and anonymous.body == ANON_TEXT
    assert await count(bot, "card_owners", "card_id IN (1, 2)") == 0
    hazard = await bot.services.hazards.get(1)
    assert hazard is not None and hazard.reporter_member_id is None
    assert hazard.description == HAZARD_TEXT and len(hazard.photos) == 1
    visit = await bot.services.visits.get(1)
    assert visit is not None and visit.member_id is None and visit.person == FORGOTTEN
    assert await count(bot, "flows", "tg_user_id = ?", (WORKER_TG,)) == 0
    assert await count(bot, "user_prefs", "tg_user_id = ?", (WORKER_TG,)) == 0
    assert await count(bot, "outbox", "chat_id = ?", (WORKER_TG,)) == 0
    assert await count(bot, "audit_log", "item_type = 'member' AND item_id = ?"
                       " AND to_state = 'forgotten'", (str(member),)) == 1
    assert await bot.services.disclosures.read_counts(1) == {}
    await db_clean(bot)

    # The worker is a stranger now.
    await world.worker.command("/mycards")
    assert "登记" in await said(world.worker)
    await world.worker.command("/delete_my_data")
    assert "您没有登记" in await said(world.worker)
    no_error_reports(admin)


async def test_officers_see_no_name_and_the_records_still_work(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """After 张三丰 is forgotten the officer reads card #1 with no name, #2 as 匿名, the
    hazard without a reporter and the visit as 已注销; answering both cards and
    confirming the hazard reaches nobody (the sealed author of #2 included) and raises
    no error."""
    world = await build_world(bot, stub, admin)
    officer, worker = world.officer, world.worker
    await forget(worker)

    await officer.command("/card_1")
    shown = await said(officer)
    assert NAMED_TEXT in shown and "署名：-" in shown and NAME not in shown, shown
    await officer.command("/card_2")
    shown = await said(officer)
    assert ANON_TEXT in shown and "署名：匿名" in shown and NAME not in shown
    await officer.command("/cards")
    assert NAME not in await said(officer)
    await officer.command("/hazard_1")
    shown = await said(officer)
    assert HAZARD_TEXT in shown and "上报：-" in shown and NAME not in shown, shown
    await officer.command("/visit_1")
    shown = await said(officer)
    assert FORGOTTEN in shown and NAME not in shown, shown
    await world.chair.command("/visit_1")
    assert NAME not in text(await next_with(world.chair, FORGOTTEN))

    for number, body in ((1, "食堂已调整配方。"), (2, "已核查，补贴下月补发。")):
        await officer.command(f"/card_{number}")
        card = await officer.next_message()
        await accept(officer, card)
        await proxy_reply(officer, card, "后勤科 刘科长", body)
    await officer.command("/hazard_1")
    hazard = await officer.next_message()
    await officer.press(hazard, "确认")
    await officer.press(await next_with(officer, "整改责任人是谁"), "交给部门")
    ask_department = await officer.next_message()
    await officer.press(ask_department, ask_department.button_texts()[0])
    await officer.press(await officer.next_message(), "3 天")
    assert "已确认" in await said(officer)
    await stub.wait_idle()
    await worker.no_message(within=0.5)  # neither answer nor the hazard reaches them
    assert await count(bot, "outbox", "chat_id = ?", (WORKER_TG,)) == 0
    named, anonymous = await bot.services.cards.get(1), await bot.services.cards.get(2)
    assert named is not None and named.status is CardStatus.REPLIED
    assert anonymous is not None and anonymous.status is CardStatus.REPLIED
    found = await bot.services.hazards.get(1)
    assert found is not None and found.status is HazardStatus.CONFIRMED
    no_error_reports(admin)


async def test_the_same_telegram_user_registers_again_as_a_new_member(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    world = await build_world(bot, stub, admin)
    worker, old = world.worker, world.member
    await forget(worker)

    await register(worker, "张三丰")
    assert "审核" in await said(worker)
    await world.officer.press(await next_with(world.officer, "张三丰"), "✅ 通过")
    await next_with(worker, "登记已通过")
    new = await bot.services.members.by_tg(WORKER_TG)
    assert new is not None and new.id != old and new.status is MemberStatus.ACTIVE
    assert new.roles == frozenset()
    forgotten = await bot.services.members.get(old)
    assert forgotten is not None and forgotten.tg_user_id == -old
    assert forgotten.name == f"{FORGOTTEN}#{old}"

    # Nothing of before is theirs again: no cards (the sealed link is gone), no study.
    await worker.command("/mycards")
    mine = await said(worker)
    assert "/card_1" not in mine and "/card_2" not in mine, mine
    await worker.command("/card_2")
    shown = await said(worker)
    assert ANON_TEXT not in shown and NOT_FOUND in shown, shown
    await worker.command("/card_1")
    assert NAMED_TEXT not in await said(worker)
    await worker.command("/mystudy")
    mystudy = await said(worker)
    assert "88.5" not in mystudy and "安全规程" not in mystudy, mystudy
    await worker.command("/hazards")
    assert HAZARD_TEXT[:8] not in await said(worker)
    no_error_reports(admin)


async def test_a_repeated_or_forged_confirmation_changes_nothing(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    world = await build_world(bot, stub, admin)
    worker, officer = world.worker, world.officer
    ask = await ask_to_forget(worker)
    await worker.press(ask, "确定删除")
    assert "已删除" in await said(worker)
    rows = await dump(bot)

    # The same button again, the same data forged, by the worker and by an officer.
    assert STALE in text(await worker.press(ask, "确定删除"))
    assert STALE in text(await worker.press(ask, data="f:forget:confirm:yes"))
    assert STALE in text(await officer.press(stub.bot_messages(officer.id)[-1],
                                             data="f:forget:confirm:yes"))
    await worker.no_message(within=0.3)
    assert await dump(bot) == rows

    # Registered again: the old button must not forget the new member.
    await register(worker, "张三丰")
    await world.officer.press(await next_with(officer, "张三丰"), "✅ 通过")
    await next_with(worker, "登记已通过")
    new = await member_id(bot, WORKER_TG)
    rows = await dump(bot)
    assert STALE in text(await worker.press(ask, "确定删除"))
    assert STALE in text(await worker.press(ask, data="f:forget:confirm:yes"))
    assert await dump(bot) == rows
    fresh = await bot.services.members.get(new)
    assert fresh is not None and fresh.name == "张三丰" and fresh.tg_user_id == WORKER_TG
    no_error_reports(admin)


async def test_a_restart_between_the_question_and_the_confirmation(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    world = await build_world(bot, stub, admin)
    worker = world.worker
    ask = await ask_to_forget(worker)
    await bot.restart()
    hold_sweeper(bot)
    state = await bot.services.flows.get(WORKER_TG)
    assert state is not None and state.name == "forget" and state.step == "confirm"
    await worker.command("/delete_my_data")  # asked again where it was
    resumed = await worker.next_message()
    assert "接着上次的继续" in text(resumed) and resumed.button_texts() == ["确定删除", "取消"]
    await worker.press(ask, "确定删除")  # the question from before the restart
    assert "已删除您的个人信息" in await said(worker)
    row = await bot.services.members.get(world.member)
    assert row is not None and row.tg_user_id == -world.member and row.employee_no is None
    assert STALE in text(await worker.press(resumed, "确定删除"))
    no_error_reports(admin)


async def test_a_registrant_still_waiting_for_approval_may_be_forgotten(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """Forgotten while pending: the officer's ✅ 通过 afterwards activates nobody."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    applicant = stub.user(WORKER_TG, TG_FIRST, username=USERNAME)
    await register(applicant, NAME)
    assert "审核" in await said(applicant)
    request = await next_with(officer, NAME)
    pending = await member_id(bot, WORKER_TG)
    await forget(applicant)
    answer = await officer.press(request, "✅ 通过")
    assert "已处理" in text(answer) and "已通过" not in text(answer), text(answer)
    row = await bot.services.members.get(pending)
    assert row is not None and row.status is MemberStatus.DEACTIVATED
    assert row.tg_user_id == -pending and row.employee_no is None
    await applicant.no_message(within=0.5)
    no_error_reports(admin)


async def test_a_forgotten_member_cannot_be_reactivated_or_promoted(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    worker = await make_worker(bot, stub, WORKER_TG, NAME)
    gone = await member_id(bot, WORKER_TG)
    await forget(worker)
    admin.catch_up()
    await admin.command("/reactivate", f"#{gone}")
    await admin.next_message()
    await admin.command("/promote", f"#{gone}", "群监员")
    await admin.next_message()
    row = await bot.services.members.get(gone)
    assert row is not None
    assert row.status is MemberStatus.DEACTIVATED and row.roles == frozenset()


# ---- what is left in the database ---------------------------------------------------------


async def test_the_telegram_id_and_username_are_nowhere_in_the_database(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """Every value of every table: the worker's Telegram id (as text, e.g. in a payload),
    @username, Telegram names, the anonymous card's owner tag and sealed chat are gone
    (before forgetting they were there). On disk too, once the write-ahead log is
    checkpointed (until then the log still holds the old pages)."""
    world = await build_world(bot, stub, admin)
    tag = bot.services.sealer.tag(WORKER_TG)
    sealed = await scalar(bot, "SELECT sealed_chat FROM card_owners WHERE card_id = 2")
    before = await dump(bot)
    assert set(holding(before, tg_id_pattern(WORKER_TG))) >= {"members", "chat_members",
                                                             "outbox"}
    assert holding(before, USERNAME) and holding(before, re.escape(tag))
    assert sealed and holding(before, re.escape(sealed))

    await forget(world.worker)
    await stub.wait_idle()
    rows = await dump(bot)
    assert holding(rows, tg_id_pattern(WORKER_TG)) == {}
    assert holding(rows, USERNAME) == {}
    assert holding(rows, TG_FIRST) == {} and holding(rows, TG_LAST) == {}
    assert holding(rows, re.escape(tag)) == {} and holding(rows, re.escape(sealed)) == {}
    assert rows["card_owners"] == []

    async with bot.services.db.read() as tx:
        busy = await tx.scalar("PRAGMA wal_checkpoint(TRUNCATE)")
    assert busy == 0
    path = Path(bot.config.database.path)
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes()
            assert USERNAME.encode() not in data and sealed.encode() not in data, file.name
            assert tag.encode() not in data, file.name


async def test_the_name_and_employee_number_are_nowhere_in_the_database(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    world = await build_world(bot, stub, admin)
    await forget(world.worker)
    await stub.wait_idle()
    rows = await dump(bot)
    assert holding(rows, EMPLOYEE_NO) == {}
    assert holding(rows, NAME) == {}


# ---- retention --------------------------------------------------------------------------


async def run_retention(bot: BotUnderTest, clock: FixedClock) -> None:
    await sweep(bot.services, clock.now(), only="retention")


async def test_retention_deletes_old_closed_cards_and_hazards_and_keeps_the_rest(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, clock: FixedClock) -> None:
    """At START: card #1 closed (a photo, an answer, published), #2 left open, #3 returned;
    hazard #1 rejected (a photo), #2 left open. 1000 days later card #4 is marked a
    duplicate of #1 and hazard #3 of #1. 1096 days after START the retention rule
    deletes #1, #3 and hazard #1 with everything hanging on them; the open ones and the
    recent duplicates stay, and still open."""
    assert "retention" in RULES
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    group = await team_group(stub, officer)
    worker = await make_worker(bot, stub, 3001, "张三")
    other = await make_worker(bot, stub, 3002, "李四")
    await write_card(worker, "OLD1：澡堂热水不够，下夜班洗不上。", photos=1)
    await write_card(worker, "OLD2：更衣室的灯坏了三盏。")
    await write_card(other, "OLD3：班前会时间总是临时改。")
    await report_hazard(worker, "OLDH1：回风巷风筒破口。", photos=1)
    await report_hazard(other, "OLDH2：主运输巷积水。", photos=1)
    first = await next_with(officer, "新信息卡 #1")
    third = await next_with(officer, "新信息卡 #3")
    hazard1 = await next_with(officer, "新隐患 #1")
    await next_with(officer, "新隐患 #2")
    await stub.wait_idle()
    officer.catch_up()

    await accept(officer, first)
    recorded = await proxy_reply(officer, first, "后勤科 刘科长", "锅炉已检修，热水延长供应。")
    answer = await next_with(worker, "有答复了")
    await officer.press(recorded, "已落实")
    await officer.press(recorded, "公开答复")
    assert "已公开" in text(await officer.press(recorded, "综采一班群"))
    await next_with(group, "公开答复")
    await officer.press(third, "退回")
    assert "退回的理由" in await said(officer)
    await officer.send("这件事归区队自己定。")
    assert "已退回" in await said(officer)
    await officer.press(hazard1, "不属实")
    assert "请写理由" in await said(officer)
    await officer.send("现场看过，风筒完好。")
    assert "不属实" in await said(officer)
    assert await count(bot, "card_replies", "card_id = 1") == 1
    assert await count(bot, "card_publications", "card_id = 1") == 1
    closed = await bot.services.cards.get(1)
    assert closed is not None and closed.status is CardStatus.CLOSED

    clock.advance(days=1000)
    await stub.wait_idle()
    for user in (officer, worker, other):
        user.catch_up()
    await write_card(worker, "NEW4：澡堂热水又不够了。")
    await report_hazard(other, "NEWH3：回风巷风筒又破了。", photos=0)
    fourth = await next_with(officer, "新信息卡 #4")
    hazard3 = await next_with(officer, "新隐患 #3")
    await stub.wait_idle()
    officer.catch_up()
    await officer.press(fourth, "重复")
    assert "和哪张卡重复" in await said(officer)
    await officer.send("1")
    assert "已标为重复" in await said(officer)
    await officer.press(hazard3, "重复")
    assert "和哪一条重复" in await said(officer)
    await officer.send("1")
    assert "已标为重复" in await said(officer)
    duplicate = await bot.services.cards.get(4)
    assert duplicate is not None and duplicate.duplicate_of == 1

    clock.set(START + timedelta(days=1096))
    await run_retention(bot, clock)

    cards = bot.services.cards
    assert await cards.get(1) is None and await cards.get(3) is None
    kept2, kept4 = await cards.get(2), await cards.get(4)
    assert kept2 is not None and kept2.status is CardStatus.NEW
    assert kept4 is not None and kept4.status is CardStatus.DUPLICATE
    assert kept4.duplicate_of is None
    for table in ("card_photos", "card_replies", "card_owners", "card_publications"):
        assert await count(bot, table, "card_id IN (1, 3)") == 0, table
    assert await count(bot, "card_owners", "card_id IN (2, 4)") == 2
    hazards = bot.services.hazards
    assert await hazards.get(1) is None
    kept_h2, kept_h3 = await hazards.get(2), await hazards.get(3)
    assert kept_h2 is not None and kept_h2.status is HazardStatus.REPORTED
    assert len(kept_h2.photos) == 1
    assert kept_h3 is not None and kept_h3.status is HazardStatus.DUPLICATE
    assert kept_h3.duplicate_of is None
    assert await count(bot, "hazard_photos", "hazard_id = 1") == 0
    await db_clean(bot)

    # The duplicates and the open ones still read and work.
    await officer.command("/card_4")
    shown = await said(officer)
    assert "NEW4" in shown and "重复" in shown, shown
    await officer.command("/card_1")
    assert NOT_FOUND in await said(officer)
    await officer.command("/hazard_3")
    assert "NEWH3" in await said(officer)
    await officer.command("/hazard_1")
    assert NOT_FOUND in await said(officer)
    worker.catch_up()
    await worker.command("/mycards")
    mine = await said(worker)
    assert "/card_2" in mine and "/card_4" in mine and "/card_1" not in mine, mine
    await worker.command("/card_4")
    assert "NEW4" in await said(worker)
    gone = await worker.press(answer, "😊 满意")  # rating an answer that is gone
    assert NOT_FOUND in text(gone)
    await officer.command("/card_2")
    open_card = await officer.next_message()
    await accept(officer, open_card)
    assert "已受理" in text(await next_with(worker, "已受理"))
    no_error_reports(admin)


async def test_retention_deletes_old_messages_but_what_disclosures_and_the_ledger_use(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, clock: FixedClock) -> None:
    """A disclosure with a table (its images in outbox_files), pinned, read; a score
    board image queued and sent; a failed message; a message queued for later. 31 days
    on (a card's notice from day 20 in between): the old sent and failed messages and
    the score board image go; the disclosure's post, pin and progress message, the
    ledger's report, the table images, the pending message and the day-20 notice stay;
    已阅 under the old post still counts and edits the button."""
    branch = await make_branch(bot, stub, admin, groups=1)
    officer, chair, group = branch.officer, branch.chair, branch.groups[0]
    table = "姓名,应发,实发\r\n王小明,6800,6500\r\n刘师傅,7000,6700\r\n".encode()
    await officer.command("/disclose")
    await officer.press(await officer.next_message(), "工资")
    ask_period = await officer.next_message()
    await officer.press(ask_period, ask_period.button_texts()[1])
    await officer.next_message()
    await officer.send("2026年10月工资")
    await officer.next_message()
    await officer.send("10月工资明细见表。")
    await officer.next_message()
    await officer.send_document(table, "工资.csv", "text/csv")
    ask_chats = await next_with(officer, "发到哪些群")
    await officer.press(ask_chats, "全部班组群")
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "📌 置顶")
    await officer.press(await next_with(officer, "预览"), "提交审批")
    await next_with(officer, "已提交审批")
    await chair.press(await next_with(chair, "待审批"), "批准发布")
    post = await next_with(group, "厂务公开 ·")
    await next_with(officer, "发送完毕")
    reader = await make_worker(bot, stub, 3001, "王小明")
    group.add_member(reader)
    await reader.press_in(group, post, "已阅")

    s = bot.services
    now = clock.now()
    async with s.db.tx() as tx:
        board = await outbox_store.add_file(tx, "board.png", b"\x89PNG score board", now)
        await outbox_store.enqueue(tx, group.id, "sendPhoto", {"photo": {"file": board}},
                                   now, now, ref="test:board")
        failed = await outbox_store.enqueue(tx, 4242, "sendMessage", {"text": "不会到"},
                                            now, now)
        await outbox_store.give_up(tx, failed, "chat not found")
        later = await outbox_store.enqueue(tx, officer.id, "sendMessage", {"text": "以后再发"},
                                           now + timedelta(days=400), now)
    s.mail.wake()
    await next_with(group, "")  # the board image, sent as an upload
    await stub.wait_idle()
    assert await scalar(bot, "SELECT status FROM outbox WHERE ref = 'test:board'") == "sent"
    kept_ids = await _referenced_outbox(bot)
    assert kept_ids, "the disclosure left no outbox rows to keep"
    images = {r[0] for r in (await dump(bot))["disclosure_images"]}
    assert images, "the table was not drawn as images"

    clock.advance(days=20)
    await write_card(reader, "DAY20：班车太挤。")
    await next_with(officer, "新信息卡 #1")
    await stub.wait_idle()
    day20 = await scalar(bot, "SELECT max(id) FROM outbox WHERE ref = 'card:1'")

    clock.advance(days=11)
    await run_retention(bot, clock)

    left = {r[0]: r for r in (await dump(bot))["outbox"]}
    assert kept_ids <= set(left), kept_ids - set(left)
    assert later in left and day20 in left
    assert failed not in left
    assert await count(bot, "outbox", "ref = 'test:board'") == 0
    old_left = await count(bot, "outbox", "created_at < ?",
                           (ts(clock.now() - timedelta(days=30)),))
    assert old_left == len(kept_ids) + 1, old_left  # + the one pending
    files = {r[0] for r in (await dump(bot))["outbox_files"]}
    assert images <= files and board not in files
    await db_clean(bot)

    # The old post still works: a second reader's 已阅 counts and the button follows.
    second = await make_worker(bot, stub, 3002, "刘师傅")
    group.add_member(second)
    assert "本群已阅 2 人" in text(await second.press_in(group, post, "已阅"))
    await _until(stub, lambda: post.button_texts()[0] == "👁 已阅 (2)")
    await officer.command("/disclosure_1")
    assert "2026年10月工资" in await said(officer)
    no_error_reports(admin)


async def _referenced_outbox(bot: BotUnderTest) -> set[int]:
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall(
            "SELECT outbox_id FROM disclosure_posts UNION SELECT pin_outbox_id FROM"
            " disclosure_posts WHERE pin_outbox_id IS NOT NULL UNION SELECT"
            " progress_outbox_id FROM disclosures WHERE progress_outbox_id IS NOT NULL"
            " UNION SELECT outbox_id FROM notification_ledger WHERE outbox_id IS NOT NULL")
    return {r[0] for r in rows}


async def _until(stub: BotApiStub, check: Callable[[], bool],
                 timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Wait for something the bot does in the background (an edit)."""
    deadline = time.monotonic() + timeout
    while not check():
        remaining = deadline - time.monotonic()
        assert remaining > 0, stub.transcript()
        await stub.wait_change(min(remaining, 0.2))


async def test_retention_runs_once_a_day_by_the_branch_calendar(
        bot: BotUnderTest, clock: FixedClock) -> None:
    """A second run the same (Shanghai) day deletes nothing, though something old and
    closed appeared in between; the first run of the next day does. 23:30 and 00:30
    Shanghai are the same UTC day: the day is the branch's."""
    s = bot.services
    team = await s.teams.by_code("A1")
    assert team is not None

    async def old_returned_card(body: str) -> int:
        long_ago = START - timedelta(days=2000)
        async with s.db.tx() as tx:
            new = NewCard(team.id, "其他", body, Identity.ANONYMOUS, None, False,
                          ("photo-1",), "tag", "sealed", None)
            card_id = await insert_card(tx, new, long_ago, long_ago.date())
            await tx.execute("UPDATE cards SET status = 'returned' WHERE id = ?", (card_id,))
        return card_id

    first = await old_returned_card("很早以前退回的卡")
    clock.set(local("2026-12-20T23:00"))
    await run_retention(bot, clock)
    assert await s.cards.get(first) is None
    assert await outbox_store.recorded(s.db, "retention", "purge", "2026-12-20")

    second = await old_returned_card("同一天后来出现的旧卡")
    clock.set(local("2026-12-20T23:30"))
    await run_retention(bot, clock)
    assert await s.cards.get(second) is not None  # already run today
    clock.set(local("2026-12-21T00:30"))  # the same UTC day as 23:30 the day before
    assert clock.now().date() == local("2026-12-20T23:30").astimezone(START.tzinfo).date()
    await run_retention(bot, clock)
    assert await s.cards.get(second) is None
    assert await count(bot, "card_photos") == 0 and await count(bot, "card_owners") == 0
    assert await count(bot, "notification_ledger", "item = 'retention'") == 2
    await db_clean(bot)
