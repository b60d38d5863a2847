"""The study calendar, end to end: 综采一班 studies every Thursday at 16:00 and 掘进二班
every Friday at 09:00 ([study] teams). Each team chat is reminded within two hours
before; workers below 4 notes get one reminder from 3 days before the month's last day
(09:00 local, held through quiet hours); on the 1st each team's officers get last
month's participation. Each goes out once, however often the sweep runs or the bot
restarts. November 2026: Thursdays 19 and 26, last day Monday 30."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.jobs.sweeper import sweep
from bot.roles import MemberStatus
from bot.storage.db import from_ts
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.cli import run_cli, write_config
from tests.e2e.study_helpers import log_study, make_officer, make_worker, team_group
from tests.harness import BotUnderTest, hold_sweeper, local, make_config

WEEKLY = {"teams": [{"team": "A1", "weekday": 4, "at": "16:00"},
                    {"team": "B2", "weekday": 5, "at": "09:00"}]}
WEEKLY_TOML = """
[[teams]]
code = "B2"
name = "掘进二班"

[[teams]]
code = "C3"
name = "机电队"
auto_approve = true

[study]
teams = [{team = "A1", weekday = 4, at = "16:00"}, {team = "B2", weekday = 5, at = "09:00"}]
"""




@pytest.fixture
async def bot(stub: BotApiStub, clock: FixedClock, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    clock.set(local("2026-11-16T08:00"))  # Monday, before any of the calendar is due
    under_test = BotUnderTest(make_config(tmp_path / "bot.sqlite3", stub, study=WEEKLY), clock)
    await under_test.start()
    hold_sweeper(under_test)
    try:
        yield under_test
    finally:
        await under_test.stop()


async def sweep_at(bot: BotUnderTest, when: str) -> int:
    """The sweep as the running bot's job would run it, with the clock at `when`;
    how many reminders it newly queued."""
    bot.clock.set(local(when))
    return await sweep(bot.services)


async def restart_and_sweep(bot: BotUnderTest) -> int:
    """A restart, and the sweep the bot runs as it starts."""
    await bot.restart()
    hold_sweeper(bot)
    return await sweep(bot.services)


def texts(stub: BotApiStub, chat_id: int, needle: str) -> list[str]:
    return [m.text for m in stub.bot_messages(chat_id) if m.text and needle in m.text]


def weekly(stub: BotApiStub, group: GroupHandle) -> list[str]:
    return texts(stub, group.id, "学习提醒")


def nudges(stub: BotApiStub, chat_id: int) -> list[str]:
    return texts(stub, chat_id, "您已记学习笔记")


def reports(stub: BotApiStub, chat_id: int) -> list[str]:
    return texts(stub, chat_id, "📊")


async def deactivate(bot: BotUnderTest, tg_user_id: int) -> None:
    s = bot.services
    member = await s.members.by_tg(tg_user_id)
    assert member is not None
    await s.members.change_status(member, "deactivate", None, bot.clock.now())


async def pending(bot: BotUnderTest, stub: BotApiStub, tg_user_id: int, name: str) -> UserHandle:
    s = bot.services
    team = await s.teams.by_code("A1")
    assert team is not None
    member = await s.members.register(tg_user_id, name, None, team.id, None, False,
                                      bot.clock.now())
    assert member.status is MemberStatus.PENDING
    return stub.user(tg_user_id, name)


async def member_id(bot: BotUnderTest, tg_user_id: int) -> int:
    member = await bot.services.members.by_tg(tg_user_id)
    assert member is not None
    return member.id


async def outbox_refs(bot: BotUnderTest) -> list[str]:
    """What the bot's own messages so far were about (replies bypass the outbox)."""
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT ref FROM outbox ORDER BY id")
    return [row["ref"] for row in rows]


async def next_with(user: UserHandle, needle: str) -> Message:
    """The next message to `user` that contains `needle` (skipping others)."""
    while True:
        message = await user.next_message()
        if needle in (message.text or ""):
            return message


async def log_notes(worker: UserHandle, days: list[str]) -> None:
    for day in days:
        done = (await log_study(worker, notes=f"学习笔记 {day}", day=day)).text or ""
        assert "✅ 已记录" in done, done


# ---- the weekly study ------------------------------------------------------------------

async def test_weekly_reminder_reaches_each_team_chat_once_before_its_study(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    a1 = await team_group(stub, officer)
    b2 = await team_group(stub, admin, chat_id=-1001000000888, title="掘进二班群", team="B2")
    c3 = await team_group(stub, admin, chat_id=-1001000000999, title="机电队群", team="C3")

    assert await sweep_at(bot, "2026-11-19T13:59") == 0  # Thursday, 2 h 1 min before
    assert await sweep_at(bot, "2026-11-19T14:00") == 1
    reminder = (await a1.next_message()).text or ""
    assert "学习提醒" in reminder and "综采一班 本周星期四 16:00 集中学习" in reminder, reminder
    for when in ("2026-11-19T14:30", "2026-11-19T15:59"):
        assert await sweep_at(bot, when) == 0, when
    bot.clock.set(local("2026-11-19T15:30"))
    assert await restart_and_sweep(bot) == 0
    for when in ("2026-11-19T16:00", "2026-11-19T20:00", "2026-11-20T06:00"):
        assert await sweep_at(bot, when) == 0, when

    assert await sweep_at(bot, "2026-11-20T07:00") == 1  # 掘进二班: Friday 09:00
    reminder = (await b2.next_message()).text or ""
    assert "掘进二班 本周星期五 09:00 集中学习" in reminder, reminder
    assert await sweep_at(bot, "2026-11-20T08:59") == 0

    assert await sweep_at(bot, "2026-11-26T14:30") == 1  # next week: again, once
    assert "星期四 16:00" in ((await a1.next_message()).text or "")
    assert await sweep_at(bot, "2026-11-26T15:00") == 0
    await a1.no_message(within=0.3)
    assert len(weekly(stub, a1)) == 2 and len(weekly(stub, b2)) == 1
    assert weekly(stub, c3) == []  # 机电队 has no weekly study
    assert nudges(stub, 2001) == [] and reports(stub, 2001) == []


async def test_no_weekly_reminder_once_the_study_has_begun(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    group = await team_group(stub, officer)
    # The bot was down all Thursday afternoon: it first sweeps after 16:00.
    for when in ("2026-11-19T16:00", "2026-11-19T16:05", "2026-11-19T23:00",
                 "2026-11-24T10:00", "2026-11-26T13:59"):
        assert await sweep_at(bot, when) == 0, when
    await group.no_message(within=0.3)
    assert await sweep_at(bot, "2026-11-26T14:10") == 1
    assert "学习提醒" in ((await group.next_message()).text or "")


async def test_weekly_reminder_through_the_command_line(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    group = await team_group(stub, officer)
    await bot.stop()
    config = write_config(tmp_path, stub, extra=WEEKLY_TOML)

    async def sweep_cli(when: str) -> str:
        code, out, err = await run_cli("jobs", "run", "sweep", "--now", when, "-c", str(config))
        assert code == 0, err
        return out.strip()

    assert await sweep_cli("2026-11-19T13:30") == "sweep: queued 0, sent 0"
    assert await sweep_cli("2026-11-19T15:00") == "sweep: queued 1, sent 1"
    assert await sweep_cli("2026-11-19T15:30") == "sweep: queued 0, sent 0"
    assert len(weekly(stub, group)) == 1


# ---- the month-end reminder --------------------------------------------------------------

async def test_month_end_reminder_once_a_month_to_those_below_the_target(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    done = await make_worker(bot, stub, 3001, "高明")
    behind = await make_worker(bot, stub, 3002, "田野")
    none = await make_worker(bot, stub, 3003, "卢静")
    other_team = await make_worker(bot, stub, 3004, "邓超", team_code="B2")
    gone = await make_worker(bot, stub, 3005, "严宽")
    waiting = await pending(bot, stub, 3006, "韦华")
    await deactivate(bot, 3005)

    bot.clock.set(local("2026-11-02T10:00"))
    await log_notes(behind, ["10-29", "10-30", "10-31", "今天"])  # only one in November
    bot.clock.set(local("2026-11-16T10:00"))
    await log_notes(done, ["今天"] * 4)
    assert await sweep_at(bot, "2026-11-17T10:00") == 1  # 韦华 still waits: the admin is told
    waiting_id = await member_id(bot, 3006)
    assert await outbox_refs(bot) == [f"pending-remind:{admin.id}:member:{waiting_id}"]

    assert await sweep_at(bot, "2026-11-26T09:30") == 0  # four days before the 30th
    assert await sweep_at(bot, "2026-11-27T08:59") == 0
    assert await sweep_at(bot, "2026-11-27T09:00") == 3
    got = (await behind.next_message()).text or ""
    assert "11 月您已记学习笔记 1 篇，目标 4 篇，还差 3 篇" in got, got
    assert "本月到 11-30 结束" in got, got
    reminder = await none.next_message()
    assert "已记学习笔记 0 篇" in (reminder.text or "") and "还差 4 篇" in (reminder.text or "")
    assert reminder.button_texts() == ["📚 记学习笔记"]
    assert "还差 4 篇" in ((await other_team.next_message()).text or "")

    for when in ("2026-11-27T09:00", "2026-11-27T18:00", "2026-11-28T09:30"):
        assert await sweep_at(bot, when) == 0, when
    assert await restart_and_sweep(bot) == 0
    assert await sweep_at(bot, "2026-11-30T20:00") == 0

    # The reminder's button starts a note straight away; logging one sends nothing new.
    await none.press(reminder, "记学习笔记")
    assert "这次学的是什么" in ((await none.next_message()).text or "")
    await none.command("/cancel")
    await none.next_message()
    await log_notes(none, ["今天"])
    assert await sweep_at(bot, "2026-11-30T21:00") == 0

    for worker in (done, behind, none, other_team, gone, waiting):
        await worker.no_message(within=0.1)
    assert nudges(stub, 3001) == [] and nudges(stub, 3005) == [] and nudges(stub, 3006) == []
    for chat_id in (3002, 3003, 3004):
        assert len(nudges(stub, chat_id)) == 1, chat_id

    # December is a month of its own: everyone active is below its target again.
    assert await sweep_at(bot, "2026-12-27T09:30") == 0
    assert await sweep_at(bot, "2026-12-28T09:30") == 4
    got = (await done.next_message()).text or ""
    assert "12 月您已记学习笔记 0 篇" in got and "本月到 12-31 结束" in got, got
    assert await sweep_at(bot, "2026-12-29T09:30") == 0
    member = await bot.services.members.by_tg(3005)
    assert member is not None and member.status is MemberStatus.DEACTIVATED
    assert nudges(stub, 3005) == [] and nudges(stub, 3006) == []


async def test_a_reminder_due_in_quiet_hours_waits_until_seven(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = await make_worker(bot, stub, 3003, "卢静")
    member = await bot.services.members.by_tg(3003)
    assert member is not None

    assert await sweep_at(bot, "2026-11-27T23:30") == 1  # the bot was down all day
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT chat_id, status, not_before FROM outbox WHERE ref = ?",
                                 (f"nudge:study-member:{member.id}",))
    assert [(r["chat_id"], r["status"]) for r in rows] == [(3003, "pending")]
    assert from_ts(rows[0]["not_before"]) == local("2026-11-28T07:00").astimezone(UTC)
    await worker.no_message(within=0.3)
    bot.clock.set(local("2026-11-28T06:59"))
    await worker.no_message(within=1.2)  # the sender looks at least once a second

    bot.clock.set(local("2026-11-28T07:00"))
    assert "还差 4 篇" in ((await worker.next_message()).text or "")
    assert await sweep_at(bot, "2026-11-28T09:30") == 0
    await worker.no_message(within=0.3)
    assert len(nudges(stub, 3003)) == 1


# ---- the participation report ------------------------------------------------------------

async def test_participation_report_on_the_first_to_each_teams_officers_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    a1_officer = await make_officer(bot, stub, admin, 2001, "李委员")
    b2_officer = await make_officer(bot, stub, admin, 2002, "王委员", team_code="B2")
    high = await make_worker(bot, stub, 3001, "高明")
    low = await make_worker(bot, stub, 3002, "田野")
    await make_worker(bot, stub, 3003, "卢静")
    digger = await make_worker(bot, stub, 3004, "邓超", team_code="B2")
    await make_worker(bot, stub, 3005, "严宽")
    await pending(bot, stub, 3006, "韦华")
    await deactivate(bot, 3005)

    bot.clock.set(local("2026-11-16T10:00"))
    await log_notes(high, ["今天"] * 4)
    await log_notes(low, ["今天"])
    await log_notes(digger, ["今天", "昨天"])
    assert await sweep_at(bot, "2026-11-17T10:00") == 1  # 韦华 still waits: her officer is told
    await next_with(a1_officer, "韦华")

    assert await sweep_at(bot, "2026-12-01T08:59") == 0
    assert await sweep_at(bot, "2026-12-01T09:00") == 2  # one per team with members
    a1 = await a1_officer.next_message()
    lines = (a1.text or "").splitlines()
    assert lines[0] == "📊 综采一班 · 2026-11 学习笔记", a1.text
    assert lines[1] == "有记录 2/4 人（参与率 50%），达到 4 篇的 1 人。", a1.text
    assert lines[2:5] == ["已记：", "· 高明：4 篇", "· 田野：1 篇"], a1.text
    assert lines[5].startswith("没有记录："), a1.text
    assert sorted(lines[5].removeprefix("没有记录：").split("、")) == sorted(["卢静", "李委员"])
    b2 = (await b2_officer.next_message()).text or ""
    assert "📊 掘进二班 · 2026-11 学习笔记" in b2 and "有记录 1/2 人（参与率 50%）" in b2, b2
    assert "· 邓超：2 篇" in b2 and "没有记录：王委员" in b2, b2
    for name in ("高明", "田野", "卢静", "李委员"):
        assert name not in b2, name
    for text in (a1.text or "", b2):
        assert "严宽" not in text and "韦华" not in text  # deactivated, pending

    for when in ("2026-12-01T09:00", "2026-12-01T17:00", "2026-12-02T09:30"):
        assert await sweep_at(bot, when) == 0, when
    assert await restart_and_sweep(bot) == 0
    assert await sweep_at(bot, "2026-12-03T09:30") == 0
    await a1_officer.no_message(within=0.3)
    assert len(reports(stub, 2001)) == 1 and len(reports(stub, 2002)) == 1
    for worker_id in (3001, 3002, 3003, 3004):
        assert reports(stub, worker_id) == [], worker_id
    assert reports(stub, admin.id) == []  # the teams have officers


async def test_no_report_late_in_the_month_or_for_a_month_nobody_logged(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "高明")
    # October: nobody logged (the bot was not used for study yet).
    assert await sweep_at(bot, "2026-11-02T09:30") == 0
    bot.clock.set(local("2026-11-16T10:00"))
    await log_notes(worker, ["今天"])
    # The bot is down from 11-30 to 12-04: November's report is not sent so late.
    assert await sweep_at(bot, "2026-12-04T09:30") == 0
    assert await sweep_at(bot, "2026-12-20T09:30") == 0
    await officer.no_message(within=0.3)
    assert reports(stub, 2001) == [] and reports(stub, admin.id) == []
