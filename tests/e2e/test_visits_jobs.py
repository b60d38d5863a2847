"""走访谈心's calendar, end to end. Officers below their monthly minimum (default 谈心 3,
家访 2) get one reminder on the 15th and three days before the month's last day (09:00
local), late by up to three days if the bot was down; the chairs get last month's
completion table on the 1st (by the 3rd); a 再访 is reminded on its day. Each goes out
once across sweeps, command-line runs and restarts, and never during quiet hours.
November 2026 ends on Monday the 30th: its reminder days are the 15th and the 27th."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.jobs.sweeper import sweep
from bot.roles import Role
from bot.storage.db import from_ts
from bot.stub import BotApiStub, Message, UserHandle
from tests.cli import MORE_TEAMS, run_cli, write_config
from tests.e2e.visit_helpers import log_visit, make_chair, make_officer, make_worker
from tests.harness import ADMIN_ID, BotUnderTest, hold_sweeper, local, make_config

ON = {"remind_days": [15], "remind_days_before_month_end": [3]}
VISIT_RULES = ("visit-nag", "visit-report", "visit-revisit")
VISITS_ON = """
[visits]
remind_days = [15]
remind_days_before_month_end = [3]
"""




async def start_bot(stub: BotApiStub, clock: FixedClock, tmp_path: Path,
                    **visits: Any) -> BotUnderTest:
    """The bot with the visit reminders on (and `visits` on top), its own sweeps held."""
    config = make_config(tmp_path / "bot.sqlite3", stub, visits={**ON, **visits})
    under_test = BotUnderTest(config, clock)
    await under_test.start()
    hold_sweeper(under_test)
    return under_test


@pytest.fixture
async def bot(stub: BotApiStub, clock: FixedClock, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    clock.set(local("2026-11-15T08:00"))  # Sunday the 15th, before the reminder
    under_test = await start_bot(stub, clock, tmp_path)
    try:
        yield under_test
    finally:
        await under_test.stop()


async def visits_at(bot: BotUnderTest, when: str, *rules: str) -> int:
    """The visit rules (or those named) as the running bot's sweep runs them, with the
    clock at `when`; how many reminders they newly queued."""
    bot.clock.set(local(when))
    queued = 0
    for name in rules or VISIT_RULES:
        queued += await sweep(bot.services, only=name)
    return queued


async def restart_and_sweep(bot: BotUnderTest) -> int:
    """A restart, and the whole sweep the bot runs as it starts; what it queued."""
    await bot.restart()
    hold_sweeper(bot)
    return await sweep(bot.services)


async def cli(config: Path, job: str, when: str) -> str:
    """`python -m bot jobs run JOB --now WHEN` in another process; its summary line."""
    code, out, err = await run_cli("jobs", "run", job, "--now", when, "-c", str(config))
    assert code == 0, err
    return out.strip()


def texts(stub: BotApiStub, chat_id: int, needle: str) -> list[str]:
    return [m.text for m in stub.bot_messages(chat_id) if m.text and needle in m.text]


def nags(stub: BotApiStub, chat_id: int) -> list[str]:
    return texts(stub, chat_id, "走访谈心提醒")


def tables(stub: BotApiStub, chat_id: int) -> list[str]:
    return texts(stub, chat_id, "走访谈心完成情况")


def revisits(stub: BotApiStub, chat_id: int) -> list[str]:
    return texts(stub, chat_id, "再访提醒")


async def next_with(user: UserHandle, needle: str) -> Message:
    """The next message to `user` that contains `needle` (skipping others)."""
    while True:
        message = await user.next_message()
        if needle in (message.text or ""):
            return message


async def member_id(bot: BotUnderTest, tg_user_id: int) -> int:
    member = await bot.services.members.by_tg(tg_user_id)
    assert member is not None
    return member.id


async def ledger(bot: BotUnderTest, item_prefix: str) -> list[tuple[str, str, str, int]]:
    """The ledger rows of the items starting with `item_prefix`, with the chat each
    went to: (item, kind, period, chat_id)."""
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall(
            "SELECT l.item, l.kind, l.period, o.chat_id FROM notification_ledger l"
            " JOIN outbox o ON o.id = l.outbox_id WHERE l.item LIKE ?"
            " ORDER BY l.item, l.kind, l.period, o.chat_id", (item_prefix + "%",))
    return [(r["item"], r["kind"], r["period"], r["chat_id"]) for r in rows]


async def saved(reply: Message) -> str:
    text = reply.text or ""
    assert "已记入民情日记" in text, text
    return text


class World:
    """A chair (not an officer), three officers and two workers, as on Sun 2026-11-15:
    李委员 (A1) has held one talk, 赵组长 (A1) three talks and two home visits (his
    minimum), 孙委员 (B2) nothing yet."""

    chair: UserHandle
    behind: UserHandle  # 李委员
    done: UserHandle  # 赵组长
    idle: UserHandle  # 孙委员
    worker: UserHandle  # 张三
    other: UserHandle  # 陈四 (B2)


async def world(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> World:
    w = World()
    w.chair = await make_chair(bot, stub, admin, 5001, "王主席")
    w.behind = await make_officer(bot, stub, admin, 2001, "李委员")
    w.done = await make_officer(bot, stub, admin, 2002, "赵组长")
    w.idle = await make_officer(bot, stub, admin, 2003, "孙委员", team_code="B2")
    w.worker = await make_worker(bot, stub, 3001, "张三")
    w.other = await make_worker(bot, stub, 3002, "陈四", team_code="B2")
    assert "本月 谈心 1/3 · 家访 0/2" in await saved(await log_visit(w.behind, "张三"))
    for kind in ("谈心", "谈心", "谈心", "家访"):
        await saved(await log_visit(w.done, "陈四", kind=kind))
    assert "✓ 已完成" in await saved(await log_visit(w.done, "张三", kind="家访"))
    return w


def nobody_else(stub: BotApiStub, *chat_ids: int) -> None:
    for chat_id in chat_ids:
        assert nags(stub, chat_id) == [], chat_id


async def reconfigure(bot: BotUnderTest, stub: BotApiStub, tmp_path: Path,
                      **visits: Any) -> None:
    """The operator changes [visits] and restarts the bot (same database, same clock)."""
    await bot.stop()
    bot.config = make_config(tmp_path / "bot.sqlite3", stub, visits={**ON, **visits})
    await bot.start()
    hold_sweeper(bot)


async def officer_with_number(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                              user_id: int, name: str, employee_no: str) -> UserHandle:
    """Like make_officer, for someone registered with an employee number."""
    s = bot.services
    team = await s.teams.by_code("A1")
    assert team is not None
    member = await s.members.register(user_id, name, None, team.id, employee_no, True,
                                      bot.clock.now())
    handle = stub.user(user_id, name)
    await handle.command("/start")
    await handle.next_message()
    await admin.command("/promote", f"#{member.id}", "工会委员")
    assert "设为工会委员" in ((await admin.next_message()).text or "")
    await handle.next_message()
    return handle


async def pending_outbox(bot: BotUnderTest, ref_like: str) -> list[tuple[int, str, datetime]]:
    """(chat_id, status, not_before) of the outbox rows whose ref is LIKE `ref_like`."""
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT chat_id, status, not_before FROM outbox"
                                 " WHERE ref LIKE ? ORDER BY chat_id", (ref_like,))
    found = []
    for r in rows:
        not_before = from_ts(r["not_before"])
        assert not_before is not None
        found.append((r["chat_id"], r["status"], not_before))
    return found


# ---- quota reminders through the command line ------------------------------------------

async def test_quota_nag_from_the_command_line_once_each_reminder_day(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    w = await world(bot, stub, admin)
    await bot.stop()
    config = write_config(tmp_path, stub, extra=MORE_TEAMS + VISITS_ON)

    assert await cli(config, "visit-nag", "2026-11-15T08:59") == "visit-nag: queued 0, sent 0"
    assert nags(stub, 2001) == [] and nags(stub, 2003) == []
    assert await cli(config, "visit-nag", "2026-11-15T09:00") == "visit-nag: queued 2, sent 2"
    [got] = nags(stub, 2001)
    assert "11月到现在：谈心 1 次、家访 0 次，还差谈心 2 次、家访 2 次。" in got, got
    assert "每月要求：谈心 3–5 次，家访 2–4 次。本月到 11-30 为止" in got, got
    [got] = nags(stub, 2003)
    assert "11月到现在：谈心 0 次、家访 0 次，还差谈心 3 次、家访 2 次。" in got, got
    # 赵组长 reached his minimum; the chair (not an officer) and the workers owe nothing.
    nobody_else(stub, 2002, 5001, 3001, 3002, ADMIN_ID)
    assert await cli(config, "visit-nag", "2026-11-15T21:00") == "visit-nag: queued 0, sent 0"

    # The bot runs again on Monday (its start-up sweep included): nothing more. 李委员
    # holds a second talk.
    bot.clock.set(local("2026-11-16T10:00"))
    await bot.start()
    hold_sweeper(bot)
    await sweep(bot.services)
    w.behind.catch_up()  # past the reminder the command line delivered
    assert "本月 谈心 2/3 · 家访 0/2" in await saved(await log_visit(w.behind, "张三"))
    assert await restart_and_sweep(bot) >= 0
    await w.behind.no_message(within=0.3)
    await bot.stop()
    assert len(nags(stub, 2001)) == 1 and len(nags(stub, 2003)) == 1

    # The whole sweep on the 26th sends no reminder about visits; the 27th (30 - 3) is
    # the second reminder day: a separate reminder, with the numbers as they are now.
    await cli(config, "sweep", "2026-11-26T10:00")
    assert len(nags(stub, 2001)) == 1 and len(nags(stub, 2003)) == 1
    await cli(config, "sweep", "2026-11-27T09:05")
    first, second = nags(stub, 2001)
    assert "谈心 2 次、家访 0 次，还差谈心 1 次、家访 2 次" in second, second
    assert "本月到 11-30 为止" in second and first != second
    assert len(nags(stub, 2003)) == 2
    await cli(config, "sweep", "2026-11-27T15:00")
    assert await cli(config, "visit-nag", "2026-11-30T10:00") == "visit-nag: queued 0, sent 0"
    assert len(nags(stub, 2001)) == 2 and len(nags(stub, 2003)) == 2
    nobody_else(stub, 2002, 5001, 3001, 3002, ADMIN_ID)

    await bot.start()
    hold_sweeper(bot)
    behind, idle = await member_id(bot, 2001), await member_id(bot, 2003)
    assert await ledger(bot, "visit-quota:") == [
        (f"visit-quota:{behind}", "nag:2026-11-15", "2026-11", 2001),
        (f"visit-quota:{behind}", "nag:2026-11-27", "2026-11", 2001),
        (f"visit-quota:{idle}", "nag:2026-11-15", "2026-11", 2003),
        (f"visit-quota:{idle}", "nag:2026-11-27", "2026-11", 2003),
    ]


# ---- quota reminders in the running bot --------------------------------------------------

async def test_missed_reminder_day_is_sent_up_to_three_days_late(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    # The bot was down from the 15th to Wednesday the 18th, 08:00: three days late.
    assert await visits_at(bot, "2026-11-18T08:00") == 2
    assert "还差谈心 2 次、家访 2 次" in ((await next_with(w.behind, "走访谈心提醒")).text or "")
    assert "还差谈心 3 次、家访 2 次" in ((await next_with(w.idle, "走访谈心提醒")).text or "")
    assert await visits_at(bot, "2026-11-18T09:30") == 0
    assert await restart_and_sweep(bot) >= 0
    assert await visits_at(bot, "2026-11-19T09:30") == 0

    # December: the 15th is missed by four days: not sent; the 28th (31 - 3) is.
    assert await visits_at(bot, "2026-12-19T10:00") == 0
    assert await visits_at(bot, "2026-12-27T10:00") == 0
    assert await visits_at(bot, "2026-12-28T08:59", "visit-nag") == 0
    assert await visits_at(bot, "2026-12-28T09:00", "visit-nag") == 3  # all behind again
    got = (await next_with(w.done, "走访谈心提醒")).text or ""
    assert "12月到现在：谈心 0 次、家访 0 次，还差谈心 3 次、家访 2 次" in got, got
    assert "本月到 12-31 为止" in got, got
    await w.chair.no_message(within=0.2)
    assert [len(nags(stub, c)) for c in (2001, 2002, 2003)] == [2, 1, 2]
    kinds = sorted({kind for _, kind, _, _ in await ledger(bot, "visit-quota:")})
    assert kinds == ["nag:2026-11-15", "nag:2026-12-28"]


async def test_four_days_late_is_too_late(bot: BotUnderTest, stub: BotApiStub,
                                          admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    bot.clock.set(local("2026-11-19T09:30"))  # the bot was down from the 15th to the 19th
    assert await restart_and_sweep(bot) >= 0
    assert await visits_at(bot, "2026-11-26T23:00", "visit-nag") == 0
    await w.behind.no_message(within=0.3)
    assert nags(stub, 2001) == [] and nags(stub, 2003) == []
    assert await visits_at(bot, "2026-11-27T09:00", "visit-nag") == 2


async def test_missed_day_not_sent_once_the_next_one_has_come_and_31_means_the_last(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    w = await world(bot, stub, admin)
    # Reminder days the 15th, the 17th and the 31st: November's are 15, 17 and 30.
    await reconfigure(bot, stub, tmp_path, remind_days=[15, 17, 31],
                      remind_days_before_month_end=[])
    # Down on the 15th and the 16th; back on the 17th before 09:00: the 15th's reminder
    # is not sent now that the 17th has come, and the 17th's waits for 09:00.
    assert await visits_at(bot, "2026-11-17T08:00") == 0
    await w.behind.no_message(within=0.3)
    assert await visits_at(bot, "2026-11-17T09:00") == 2
    assert "还差谈心 2 次、家访 2 次" in ((await next_with(w.behind, "走访谈心提醒")).text or "")
    assert await visits_at(bot, "2026-11-17T12:00") == 0
    for when in ("2026-11-20T10:00", "2026-11-29T10:00", "2026-11-30T08:59"):
        assert await visits_at(bot, when, "visit-nag") == 0, when
    assert await visits_at(bot, "2026-11-30T09:00", "visit-nag") == 2  # 31 → the 30th
    got = (await next_with(w.behind, "走访谈心提醒")).text or ""
    assert "本月到 11-30 为止" in got, got
    await next_with(w.idle, "走访谈心提醒")
    await next_with(w.idle, "走访谈心提醒")
    assert await visits_at(bot, "2026-11-30T18:00", "visit-nag") == 0
    assert await visits_at(bot, "2026-12-01T09:30", "visit-nag") == 0
    assert len(nags(stub, 2001)) == 2 and len(nags(stub, 2003)) == 2
    kinds = sorted({kind for _, kind, _, _ in await ledger(bot, "visit-quota:")})
    assert kinds == ["nag:2026-11-17", "nag:2026-11-30"]


async def test_reminder_due_at_night_waits_for_seven_and_its_button_starts_a_visit(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    w = await world(bot, stub, admin)
    await reconfigure(bot, stub, tmp_path, remind_at="23:00")
    assert await visits_at(bot, "2026-11-15T22:59") == 0
    assert await visits_at(bot, "2026-11-15T23:30") == 2
    held = await pending_outbox(bot, "nag:2026-11-15:visit-quota:%")
    seven = local("2026-11-16T07:00")
    assert [(c, status) for c, status, _ in held] == [(2001, "pending"), (2003, "pending")]
    assert all(not_before == seven for _, _, not_before in held), held
    await w.behind.no_message(within=0.3)
    bot.clock.set(local("2026-11-16T06:30"))
    assert await restart_and_sweep(bot) >= 0  # a restart in the night sends nothing
    bot.clock.set(local("2026-11-16T06:59"))
    await w.behind.no_message(within=1.2)  # the sender looks at least once a second
    assert nags(stub, 2001) == [] and nags(stub, 2003) == []

    bot.clock.set(local("2026-11-16T07:00"))
    reminder = await next_with(w.behind, "走访谈心提醒")
    assert "还差谈心 2 次、家访 2 次" in (reminder.text or "")
    assert "还差谈心 3 次" in ((await next_with(w.idle, "走访谈心提醒")).text or "")
    assert await visits_at(bot, "2026-11-16T07:30") == 0
    assert await restart_and_sweep(bot) >= 0
    await w.behind.no_message(within=0.3)
    assert len(nags(stub, 2001)) == 1 and len(nags(stub, 2003)) == 1
    nobody_else(stub, 2002, 5001, 3001, 3002, ADMIN_ID)

    await w.behind.press(reminder, "记一次走访")
    assert "谈心还是家访" in ((await w.behind.next_message()).text or "")


async def test_own_quota_by_employee_number_and_by_user_id(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    chair = await make_chair(bot, stub, admin, 5001, "王主席")
    both = await make_chair(bot, stub, admin, 5002, "钱主席")  # a chair who is an officer too
    await admin.command("/promote", f"#{await member_id(bot, 5002)}", "工会委员")
    assert "设为工会委员" in ((await admin.next_message()).text or "")
    light = await officer_with_number(bot, stub, admin, 2001, "李委员", "ZC-2001")
    strict = await make_officer(bot, stub, admin, 2002, "赵组长")
    plain = await officer_with_number(bot, stub, admin, 2003, "孙委员", "ZC-2003")
    await make_worker(bot, stub, 3001, "张三")
    await saved(await log_visit(light, "张三"))
    for kind in ("谈心", "谈心", "谈心", "家访", "家访"):
        await saved(await log_visit(strict, "张三", kind=kind))
    await reconfigure(bot, stub, tmp_path, officers=[
        {"employee_no": "zc-2001", "talks": [1, 2], "home_visits": [0, 1]},
        {"user_id": 2002, "talks": [4, 6], "home_visits": [2, 3]}])

    assert await visits_at(bot, "2026-11-15T09:00", "visit-nag") == 3
    assert "还差谈心 3 次、家访 2 次" in ((await next_with(both, "走访谈心提醒")).text or "")
    got = (await next_with(strict, "走访谈心提醒")).text or ""
    assert "谈心 3 次、家访 2 次，还差谈心 1 次。" in got, got
    assert "每月要求：谈心 4–6 次，家访 2–3 次" in got, got
    got = (await next_with(plain, "走访谈心提醒")).text or ""
    assert "谈心 0 次、家访 0 次，还差谈心 3 次、家访 2 次" in got, got
    assert "每月要求：谈心 3–5 次，家访 2–4 次" in got, got
    await light.no_message(within=0.3)
    assert nags(stub, 2001) == [] and nags(stub, chair.id) == []

    # The chairs' table counts each against their own quota.
    assert await visits_at(bot, "2026-12-01T09:00", "visit-report") == 2  # two chairs
    table = (await next_with(chair, "走访谈心完成情况")).text or ""
    assert "李委员（综采一班）谈心 1/1 · 家访 0/0 · ✓ 完成" in table, table
    assert "赵组长（综采一班）谈心 3/4 · 家访 2/2 · 差谈心 1 次" in table, table
    assert "钱主席（综采一班）谈心 0/3 · 家访 0/2" in table, table
    assert "达到每月最低要求：1/4 人" in table, table


# ---- the chairs' completion table ---------------------------------------------------------

async def test_completion_table_to_each_chair_on_the_first_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    second = await make_chair(bot, stub, admin, 5002, "钱主席", team_code="B2")
    assert await visits_at(bot, "2026-11-30T22:00", "visit-report") == 0
    assert await visits_at(bot, "2026-12-01T08:59", "visit-report") == 0
    assert await visits_at(bot, "2026-12-01T09:00", "visit-report") == 2
    table = (await next_with(w.chair, "走访谈心完成情况")).text or ""
    assert table == (await next_with(second, "走访谈心完成情况")).text
    lines = table.splitlines()
    assert lines[0] == "📊 2026-11 走访谈心完成情况", lines
    assert lines[1] == "达到每月最低要求：1/3 人", lines
    assert lines[2:] == [  # those behind first
        "孙委员（掘进二班）谈心 0/3 · 家访 0/2 · 差谈心 3 次、家访 2 次",
        "李委员（综采一班）谈心 1/3 · 家访 0/2 · 差谈心 2 次、家访 2 次",
        "赵组长（综采一班）谈心 3/3 · 家访 2/2 · ✓ 完成",
    ], lines

    assert await visits_at(bot, "2026-12-01T15:00") == 0
    bot.clock.set(local("2026-12-02T09:30"))
    assert await restart_and_sweep(bot) >= 0
    assert await visits_at(bot, "2026-12-03T09:30") == 0
    await w.chair.no_message(within=0.3)
    for chat_id in (5001, 5002):
        assert len(tables(stub, chat_id)) == 1, chat_id
    for chat_id in (2001, 2002, 2003, 3001, 3002, ADMIN_ID):
        assert tables(stub, chat_id) == [], chat_id
    assert await ledger(bot, "visit-report") == [
        ("visit-report", "chair:5001", "2026-11", 5001),
        ("visit-report", "chair:5002", "2026-11", 5002)]


async def test_completion_table_by_the_third_not_on_the_fourth(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    # Down from November 30 to December 4: November's table is not sent any more.
    assert await visits_at(bot, "2026-12-04T09:00") >= 0
    assert await visits_at(bot, "2026-12-04T10:00", "visit-report") == 0
    await w.chair.no_message(within=0.3)
    assert tables(stub, 5001) == []
    # Down from December 31 to January 3, 10:00: December's table still goes out.
    # Caught up on the 3rd at any hour: the 1st's 09:00 has long passed.
    assert await visits_at(bot, "2027-01-03T08:59", "visit-report") == 1
    table = (await next_with(w.chair, "走访谈心完成情况")).text or ""
    assert table.startswith("📊 2026-12 走访谈心完成情况"), table
    assert "达到每月最低要求：0/3 人" in table, table


async def test_no_table_before_the_diary_is_used(bot: BotUnderTest, stub: BotApiStub,
                                                 admin: UserHandle) -> None:
    chair = await make_chair(bot, stub, admin, 5001, "王主席")
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await make_worker(bot, stub, 3001, "张三")
    assert await visits_at(bot, "2026-12-01T09:30", "visit-report") == 0
    await chair.no_message(within=0.3)
    # The first visit is in December: December's table goes out on January 1st.
    await saved(await log_visit(officer, "张三", kind="家访"))
    assert await visits_at(bot, "2026-12-02T09:30", "visit-report") == 0
    assert await visits_at(bot, "2027-01-01T09:30", "visit-report") == 1
    table = (await next_with(chair, "走访谈心完成情况")).text or ""
    assert "李委员（综采一班）谈心 0/3 · 家访 1/2 · 差谈心 3 次、家访 1 次" in table, table
    assert tables(stub, 5001) == [table]


async def test_completion_table_through_the_command_line(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    await world(bot, stub, admin)
    await bot.stop()
    config = write_config(tmp_path, stub, extra=MORE_TEAMS + VISITS_ON)
    assert await cli(config, "visit-report", "2026-12-01T08:30") == \
        "visit-report: queued 0, sent 0"
    assert await cli(config, "visit-report", "2026-12-01T09:10") == \
        "visit-report: queued 1, sent 1"
    assert await cli(config, "visit-report", "2026-12-02T09:10") == \
        "visit-report: queued 0, sent 0"
    [table] = tables(stub, 5001)
    assert "达到每月最低要求：1/3 人" in table, table


# ---- 再访 reminders --------------------------------------------------------------------

async def test_revisit_reminded_on_its_day_once_with_a_button_to_log_again(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    await make_worker(bot, stub, 3003, "王五", team_code="B2")
    bot.clock.set(local("2026-11-16T10:00"))
    done = await saved(await log_visit(w.behind, "张三", follow="再访", follow_answer="7"))
    assert "11-23 早上会提醒你再访" in done, done
    await saved(await log_visit(w.behind, "陈四", follow="再访", follow_answer="7"))
    await saved(await log_visit(w.idle, "王五", follow="再访", follow_answer="7"))
    s = bot.services
    day = local("2026-11-16T00:00").date()
    by_person = {v.person: v.id
                 for v in await s.visits.of_officer(await member_id(bot, 2001), day, day)}
    # 陈四 is visited again by 赵组长 on the 18th; 孙委员 stops being an officer.
    bot.clock.set(local("2026-11-18T10:00"))
    await saved(await log_visit(w.done, "陈四", kind="家访"))
    idle_id = await member_id(bot, 2003)
    await admin.command("/demote", f"#{idle_id}", "工会委员")
    await admin.next_message()

    assert await visits_at(bot, "2026-11-22T10:00", "visit-revisit") == 0
    assert await visits_at(bot, "2026-11-23T08:59", "visit-revisit") == 0
    assert revisits(stub, 2001) == []
    assert await visits_at(bot, "2026-11-23T09:00", "visit-revisit") == 1
    reminder = await next_with(w.behind, "再访提醒")
    visit = by_person["张三"]
    assert reminder.text == f"🔁 再访提醒：你定在 11-23 再访张三（11-16 谈心，/visit_{visit}）。"
    assert reminder.button_texts() == ["🔁 再记一次走访"]
    assert await visits_at(bot, "2026-11-23T18:00", "visit-revisit") == 0
    bot.clock.set(local("2026-11-24T09:30"))
    assert await restart_and_sweep(bot) >= 0
    assert await visits_at(bot, "2026-11-30T09:30", "visit-revisit") == 0
    assert revisits(stub, 2001) == [reminder.text] and revisits(stub, 2003) == []
    assert await ledger(bot, "visit:") == [(f"visit:{visit}", "revisit", "2026-11-23", 2001)]

    # The button starts the next entry about 张三: straight from the kind to the day.
    await w.behind.press(reminder, "再记一次走访")
    await w.behind.press(await next_with(w.behind, "谈心还是家访"), "家访")
    ask = await w.behind.next_message()
    assert "哪天" in (ask.text or ""), ask.text
    await w.behind.press(ask, "今天")
    assert "请写下和张三谈了什么" in ((await w.behind.next_message()).text or "")
    await w.behind.send("老人出院了，家里安顿好了。")
    await w.behind.press(await w.behind.next_message(), "完成")
    await w.behind.press(await w.behind.next_message(), "不需要")
    preview = await w.behind.next_message()
    assert "家访 · 张三（综采一班）· 2026-11-30" in (preview.text or ""), preview.text
    await w.behind.press(preview, "保存")
    assert "家访 · 张三 · 11-30" in await saved(await w.behind.next_message())


async def test_revisit_missed_while_down_is_caught_up_for_a_week(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    bot.clock.set(local("2026-11-16T10:00"))
    await saved(await log_visit(w.behind, "张三", follow="再访", follow_answer="6"))  # 22nd
    await saved(await log_visit(w.behind, "陈四", follow="再访", follow_answer="7"))  # 23rd
    # The bot was down from the 21st to the 30th, 08:00: the 23rd's is seven days late
    # (sent), the 22nd's eight (not).
    assert await visits_at(bot, "2026-11-30T08:00", "visit-revisit") == 1
    got = (await next_with(w.behind, "再访提醒")).text or ""
    assert got.startswith("🔁 再访提醒：你定在 11-23 再访陈四"), got
    assert await visits_at(bot, "2026-11-30T09:30", "visit-revisit") == 0
    bot.clock.set(local("2026-11-30T10:00"))
    assert await restart_and_sweep(bot) >= 0  # (the month-end reminders go out too)
    await asyncio.sleep(0.5)
    assert len(revisits(stub, 2001)) == 1


async def test_late_revisit_reminder_does_not_claim_its_day_is_today(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    bot.clock.set(local("2026-11-16T10:00"))
    await saved(await log_visit(w.behind, "陈四", follow="再访", follow_answer="7"))  # 23rd
    assert await visits_at(bot, "2026-11-30T10:00", "visit-revisit") == 1
    got = (await next_with(w.behind, "再访")).text or ""
    assert "11-23" in got and "陈四" in got, got
    assert "今天（11-23）" not in got, got



async def test_a_long_completion_table_reaches_the_chairs_in_parts(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    w = await world(bot, stub, admin)
    s = bot.services
    names = []
    for n, code in enumerate(["A1", "B2", "C3"] * 33):  # 22 teams' group leaders and more
        team = await s.teams.by_code(code)
        assert team is not None
        names.append(f"第{n:03d}组组长")
        member = await s.members.register(7000 + n, names[-1], None, team.id, None, True,
                                          bot.clock.now())
        await s.members.grant(member.id, Role.OFFICER, None, bot.clock.now())
    assert await visits_at(bot, "2026-12-01T09:00", "visit-report") == 1
    await asyncio.sleep(1.5)  # the sender has long sent what it could
    [first] = tables(stub, w.chair.id)
    assert "达到每月最低要求：1/102 人" in first, first
    sent = [m.text or "" for m in stub.bot_messages(w.chair.id)]
    whole = "\n".join(sent[sent.index(first):])
    assert all(f"{name}（" in whole for name in [*names, "李委员", "赵组长", "孙委员"])
