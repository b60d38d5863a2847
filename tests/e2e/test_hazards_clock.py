"""隐患's deadline clock, end to end: a hazard confirmed Mon 2026-11-16 10:00 (Shanghai)
with '3 天' is due 2026-11-19. The owner is reminded the day before and on the day
(from 09:00 local), told once when it is overdue, and the chair (else the config admin)
gets one escalation — each once per deadline, held through quiet hours."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import NamedTuple

from bot.clock import FixedClock
from bot.config import load_config
from bot.jobs.sweeper import sweep
from bot.roles import Role
from bot.services import open_services
from bot.storage.db import from_ts
from bot.stub import BotApiStub, Message, UserHandle
from tests.cli import MORE_TEAMS, run_cli, write_config
from tests.e2e.hazards_helpers import (
    make_officer,
    make_supervisor,
    make_worker,
    next_with,
    report_hazard,
)
from tests.harness import ADMIN_ID, START, BotUnderTest, local

CHAIR_ID = 2009


def texts(stub: BotApiStub, chat_id: int, needle: str) -> list[str]:
    return [m.text for m in stub.bot_messages(chat_id) if m.text and needle in m.text]


def reminders(stub: BotApiStub, chat_id: int, hazard_id: int = 1) -> list[str]:
    """Before-deadline reminders about the hazard that reached this chat."""
    return texts(stub, chat_id, f"⏰ 隐患 #{hazard_id}（")


def overdue(stub: BotApiStub, chat_id: int, hazard_id: int = 1) -> list[str]:
    return [t for t in texts(stub, chat_id, f"隐患 #{hazard_id}（") if "已超过整改期限" in t]


def escalations(stub: BotApiStub, chat_id: int) -> list[str]:
    return texts(stub, chat_id, "隐患超期未整改")


class Cast(NamedTuple):
    officer: UserHandle
    supervisor: UserHandle
    worker: UserHandle
    owner: UserHandle
    done: Message  # the officer's 已确认


async def confirmed_hazard(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                           owner: str = "王电工") -> Cast:
    """An officer and a supervisor of A1, a worker who reports #1 at START, confirmed
    with an owner (王电工, or a department) and '3 天'."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    supervisor = await make_supervisor(bot, stub, 2101, "赵群监")
    worker = await make_worker(bot, stub, 3001, "张三")
    owner_handle = await make_worker(bot, stub, 3002, "王电工")
    await report_hazard(worker, "回风巷 200 米处风筒破口，漏风严重。")
    notice = await next_with(officer, "新隐患 #1")
    await officer.press(notice, "确认")
    ask_owner = await next_with(officer, "整改责任人是谁")
    await officer.press(ask_owner, "综采一班" if owner == "王电工" else "交给部门")
    await officer.press(await officer.next_message(), owner)
    await officer.press(await next_with(officer, "整改期限"), "3 天")
    done = await next_with(officer, "已确认")
    assert "2026-11-19" in (done.text or "")
    await next_with(worker, "已确认")
    if owner == "王电工":
        await next_with(owner_handle, "请整改")
    await stub.wait_idle()
    return Cast(officer, supervisor, worker, owner_handle, done)


async def make_chair(bot: BotUnderTest, stub: BotApiStub) -> UserHandle:
    chair = await make_worker(bot, stub, CHAIR_ID, "陈主席", team_code="C3")
    member = await bot.services.members.by_tg(CHAIR_ID)
    assert member is not None
    await bot.services.members.grant(member.id, Role.CHAIR, None, bot.clock.now())
    return chair


async def sweep_at(bot: BotUnderTest, when: str) -> int:
    """The sweep as the running bot's job would run it, with the clock at `when`."""
    bot.clock.set(local(when))
    return await sweep(bot.services)


async def sweep_cli(config: Path, when: str) -> str:
    """`python -m bot jobs run sweep --now WHEN` in another process; its summary line."""
    code, out, err = await run_cli("jobs", "run", "sweep", "--now", when, "-c", str(config))
    assert code == 0, err
    return out.strip()


# ---- through the command line, with the bot stopped -----------------------------------

async def test_day_before_deadline_day_overdue_and_escalation_each_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    await make_chair(bot, stub)
    await confirmed_hazard(bot, stub, admin)
    await bot.stop()
    config = write_config(tmp_path, stub, extra=MORE_TEAMS)

    nothing = "sweep: queued 0, sent 0"
    assert await sweep_cli(config, "2026-11-17T10:00") == nothing  # two days to go
    assert await sweep_cli(config, "2026-11-18T08:30") == nothing  # before 09:00
    assert reminders(stub, 3002) == []
    assert await sweep_cli(config, "2026-11-18T09:30") == "sweep: queued 1, sent 1"
    got = reminders(stub, 3002)
    assert len(got) == 1 and "还有 1 天" in got[0] and "2026-11-19" in got[0], got
    assert await sweep_cli(config, "2026-11-18T09:30") == nothing
    assert await sweep_cli(config, "2026-11-19T08:30") == nothing

    assert await sweep_cli(config, "2026-11-19T09:30") == "sweep: queued 1, sent 1"
    got = reminders(stub, 3002)
    assert len(got) == 2 and "今天（2026-11-19）到整改期限" in got[1], got
    assert await sweep_cli(config, "2026-11-19T18:00") == nothing
    assert await sweep_cli(config, "2026-11-20T08:30") == nothing  # before 09:00
    assert overdue(stub, 3002) == [] and escalations(stub, CHAIR_ID) == []

    assert await sweep_cli(config, "2026-11-20T09:30") == "sweep: queued 2, sent 2"
    late = overdue(stub, 3002)
    assert len(late) == 1 and "2026-11-19" in late[0]
    raised = escalations(stub, CHAIR_ID)
    assert len(raised) == 1 and "王电工" in raised[0] and "已超期 1 天" in raised[0], raised
    assert await sweep_cli(config, "2026-11-20T09:30") == nothing
    assert await sweep_cli(config, "2026-11-21T09:30") == nothing
    assert await sweep_cli(config, "2026-11-25T09:30") == nothing
    assert len(overdue(stub, 3002)) == 1 and len(escalations(stub, CHAIR_ID)) == 1
    assert len(reminders(stub, 3002)) == 2
    assert escalations(stub, ADMIN_ID) == []  # there is a chair: the admin is not told
    assert reminders(stub, 2001) == [] and reminders(stub, 3001) == []


async def test_quiet_hours_hold_the_overdue_notice_until_seven(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    await confirmed_hazard(bot, stub, admin)
    await bot.stop()
    config = write_config(tmp_path, stub, extra=MORE_TEAMS)

    assert await sweep_cli(config, "2026-11-20T23:30") == "sweep: queued 2, sent 0"
    s = await open_services(load_config(config), FixedClock(START))
    try:
        async with s.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT ref, not_before FROM outbox WHERE status = 'pending'"
                " AND (ref LIKE 'overdue:%' OR ref LIKE 'escalate:%')")
    finally:
        await s.close()
    seven = local("2026-11-21T07:00").astimezone(UTC)
    assert len(rows) == 2
    for row in rows:
        not_before = from_ts(row["not_before"])
        assert not_before is not None and not_before >= seven, dict(row)
    assert await sweep_cli(config, "2026-11-21T06:59") == "sweep: queued 0, sent 0"
    assert overdue(stub, 3002) == [] and escalations(stub, ADMIN_ID) == []

    assert await sweep_cli(config, "2026-11-21T07:05") == "sweep: queued 0, sent 2"
    assert len(overdue(stub, 3002)) == 1
    assert len(escalations(stub, ADMIN_ID)) == 1  # no chair: the config admin
    assert await sweep_cli(config, "2026-11-21T09:30") == "sweep: queued 0, sent 0"
    assert len(overdue(stub, 3002)) == 1 and reminders(stub, 3002) == []


# ---- the running bot -------------------------------------------------------------------

async def test_department_owner_reminds_the_team_handlers(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    cast = await confirmed_hazard(bot, stub, admin, owner="机电科")
    assert "整改责任人：机电科" in (cast.done.text or "")
    handlers = (cast.officer, cast.supervisor)

    assert await sweep_at(bot, "2026-11-18T09:30") == 2
    for handler in handlers:
        assert "还有 1 天" in ((await next_with(handler, "⏰ 隐患 #1")).text or "")
    assert await sweep_at(bot, "2026-11-19T09:30") == 2
    for handler in handlers:
        assert "今天（2026-11-19）" in ((await next_with(handler, "⏰ 隐患 #1")).text or "")
    assert await sweep_at(bot, "2026-11-20T09:30") == 3  # two handlers and the admin
    assert await sweep_at(bot, "2026-11-21T09:30") == 0
    for handler in handlers:
        assert "机电科" not in ((await next_with(handler, "已超过整改期限")).text or "x")
    raised = (await next_with(admin, "隐患超期未整改")).text or ""
    assert "责任人 机电科" in raised and "已超期 1 天" in raised
    for handler in handlers:
        await handler.no_message(within=0.3)
    assert reminders(stub, 3001) == [] and reminders(stub, 3002) == []
    assert len(escalations(stub, ADMIN_ID)) == 1


async def test_not_rectified_rearms_the_clock(bot: BotUnderTest, stub: BotApiStub,
                                              admin: UserHandle) -> None:
    officer, _, _, owner, _ = await confirmed_hazard(bot, stub, admin)
    assert await sweep_at(bot, "2026-11-18T09:30") == 1
    reminder = await next_with(owner, "⏰ 隐患 #1")
    assert "还有 1 天" in (reminder.text or "")

    bot.clock.set(local("2026-11-18T10:00"))
    await owner.press(reminder, "已整改")  # straight from the reminder
    await next_with(owner, "至少 1 张")
    await owner.send_photo(b"\x89PNG fixed")
    await owner.press(await next_with(owner, "第 1 张"), "完成")
    assert "等待验收" in ((await owner.next_message()).text or "")
    # Fixed and waiting for verification: the deadline day and after mean nothing.
    assert await sweep_at(bot, "2026-11-19T09:30") == 0
    assert await sweep_at(bot, "2026-11-20T09:30") == 0

    bot.clock.set(local("2026-11-20T10:00"))
    await officer.press(await next_with(officer, "请验收"), "未整改到位")
    await next_with(officer, "哪里没有整改好")
    await officer.send("风筒接口仍漏风。")
    await officer.press(await next_with(officer, "整改期限"), "3 天")
    assert "已退回整改" in ((await officer.next_message()).text or "")
    hazard = await bot.services.hazards.get(1)
    assert hazard is not None and str(hazard.deadline) == "2026-11-23" and hazard.rounds == 1
    await next_with(owner, "未整改到位")

    assert await sweep_at(bot, "2026-11-21T09:30") == 0
    for when, expected in (("2026-11-22T09:30", "还有 1 天"),
                           ("2026-11-23T09:30", "今天（2026-11-23）")):
        assert await sweep_at(bot, when) == 1, when
        assert await sweep_at(bot, when) == 0, when
        again = (await next_with(owner, "⏰ 隐患 #1")).text or ""
        assert expected in again and "2026-11-23" in again, again
    assert await sweep_at(bot, "2026-11-24T09:30") == 2
    assert await sweep_at(bot, "2026-11-25T09:30") == 0
    assert "2026-11-23" in ((await next_with(owner, "已超过整改期限")).text or "")
    assert "已超期 1 天" in ((await next_with(admin, "隐患超期未整改")).text or "")
    await stub.wait_idle()
    assert len(reminders(stub, 3002)) == 3 and len(overdue(stub, 3002)) == 1
    assert len(escalations(stub, ADMIN_ID)) == 1
    assert reminders(stub, 3001) == [] and overdue(stub, 3001) == []  # not the reporter



async def test_deadline_today_chosen_before_nine_is_reminded_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    owner = await make_worker(bot, stub, 3002, "王电工")
    bot.clock.set(local("2026-11-17T07:30"))  # the morning shift meeting
    await report_hazard(worker, "回风巷风筒破口。")
    await officer.press(await next_with(officer, "新隐患 #1"), "确认")
    await officer.press(await next_with(officer, "整改责任人是谁"), "综采一班")
    await officer.press(await officer.next_message(), "王电工")
    await officer.press(await next_with(officer, "整改期限"), "今天")
    await next_with(owner, "请整改")
    queued = [await sweep_at(bot, "2026-11-17T08:00"), await sweep_at(bot, "2026-11-17T09:30")]
    assert queued == [0, 1], queued  # nothing before 09:00, then one reminder


async def test_the_admin_escalated_to_can_open_the_hazard(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    await confirmed_hazard(bot, stub, admin)
    assert await sweep_at(bot, "2026-11-20T09:30") == 2
    await next_with(admin, "隐患超期未整改")
    await admin.command("/hazard_1")
    shown = await admin.next_message()
    assert "风筒破口" in (shown.text or "") and "超期 1 天" in (shown.text or ""), shown.text
    await admin.command("/hazards")
    assert "/hazard_1" in ((await admin.next_message()).text or "")
