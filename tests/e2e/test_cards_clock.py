"""信息卡's 30-day clock, end to end: a card raised Mon 2026-11-16 10:00 (Shanghai) is due
2026-12-16; reminders on days 23, 27, 29 and 30 (from 09:00 local), each once, held
through quiet hours; once overdue a daily digest to the chairs (here: the config admin)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from bot.clock import FixedClock
from bot.config import load_config
from bot.jobs.sweeper import sweep
from bot.services import open_services
from bot.storage.db import from_ts
from bot.stub import BotApiStub, Message, UserHandle
from tests.cli import MORE_TEAMS, run_cli, write_config
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.harness import ADMIN_ID, START, BotUnderTest, local

TEXT = "三号皮带机头照明不足，夜班看不清。"


def reminders(stub: BotApiStub, chat_id: int, card_id: int = 1) -> list[str]:
    """Every before-due reminder about the card that reached this chat."""
    return [m.text for m in stub.bot_messages(chat_id)
            if m.text and m.text.startswith(f"⏰ 信息卡 #{card_id}（")]


def digests(stub: BotApiStub, chat_id: int = ADMIN_ID) -> list[str]:
    return [m.text for m in stub.bot_messages(chat_id) if m.text and "超期未答复" in m.text]


async def said(user: UserHandle) -> str:
    """The text of the next message to `user`."""
    return (await user.next_message()).text or ""


async def message_with(user: UserHandle, needle: str) -> Message:
    while True:
        message = await user.next_message()
        if needle in (message.text or ""):
            return message


async def said_with(user: UserHandle, needle: str) -> str:
    return (await message_with(user, needle)).text or ""


async def raise_card(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                     cards: int = 1) -> tuple[UserHandle, UserHandle, list[Message]]:
    """An officer of A1, a worker who raises `cards` cards at START, and the notices."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    notices = []
    for n in range(1, cards + 1):
        assert f"#{n}" in ((await write_card(worker, f"{TEXT}（{n}）")).text or "")
        notices.append(await message_with(officer, f"新信息卡 #{n}"))
    assert "2026-12-16" in (notices[0].text or "")
    return officer, worker, notices


async def sweep_at(bot: BotUnderTest, when: str) -> int:
    """The sweep as the running bot's job would run it, with the clock at `when`."""
    bot.clock.set(local(when))
    return await sweep(bot.services)


async def sweep_cli(config: Path, when: str) -> str:
    """`python -m bot jobs run sweep --now WHEN` in another process; its summary line."""
    code, out, err = await run_cli("jobs", "run", "sweep", "--now", when, "-c", str(config))
    assert code == 0, err
    return out.strip()


async def accept_and_reply(officer: UserHandle, notice: Message, worker: UserHandle) -> Message:
    await officer.press(notice, "受理")
    await officer.press(notice, "区队办公室")
    assert "已转" in await said(worker)
    await officer.press(notice, "代录")
    await message_with(officer, "是谁答复")
    await officer.send("机电科 王科长")
    await message_with(officer, "答复内容")
    await officer.send("已安排加装防爆灯。")
    await message_with(officer, "答复已发出")
    return await message_with(worker, "防爆灯")


# ---- through the command line, with the bot stopped -----------------------------------

async def test_reminders_on_days_23_27_29_30_each_once(bot: BotUnderTest, stub: BotApiStub,
                                                       admin: UserHandle,
                                                       tmp_path: Path) -> None:
    await raise_card(bot, stub, admin)
    await bot.stop()
    config = write_config(tmp_path, stub, extra=MORE_TEAMS)

    assert await sweep_cli(config, "2026-12-08T10:00") == "sweep: queued 0, sent 0"  # day 22
    assert await sweep_cli(config, "2026-12-09T08:30") == "sweep: queued 0, sent 0"  # < 09:00
    assert reminders(stub, 2001) == []
    assert await sweep_cli(config, "2026-12-09T10:00") == "sweep: queued 1, sent 1"  # day 23
    assert len(reminders(stub, 2001)) == 1 and "还有 7 天" in reminders(stub, 2001)[0]
    assert await sweep_cli(config, "2026-12-09T10:00") == "sweep: queued 0, sent 0"
    assert await sweep_cli(config, "2026-12-10T10:00") == "sweep: queued 0, sent 0"

    for when, expected in (("2026-12-13T10:00", "还有 3 天"), ("2026-12-15T10:00", "还有 1 天"),
                           ("2026-12-16T10:00", "今天（2026-12-16）到答复期限")):
        count = len(reminders(stub, 2001))
        assert await sweep_cli(config, when) == "sweep: queued 1, sent 1", when
        assert await sweep_cli(config, when) == "sweep: queued 0, sent 0", when
        got = reminders(stub, 2001)
        assert len(got) == count + 1 and expected in got[-1], got
    got = reminders(stub, 2001)
    assert len(got) == 4 and all("2026-12-16" in text for text in got)
    assert reminders(stub, 3001) == [] and digests(stub) == []


async def test_quiet_hours_hold_the_reminder_until_seven(bot: BotUnderTest, stub: BotApiStub,
                                                         admin: UserHandle,
                                                         tmp_path: Path) -> None:
    await raise_card(bot, stub, admin)
    await bot.stop()
    config = write_config(tmp_path, stub, extra=MORE_TEAMS)

    assert await sweep_cli(config, "2026-12-09T23:30") == "sweep: queued 1, sent 0"
    s = await open_services(load_config(config), FixedClock(START))
    try:
        async with s.db.read() as tx:
            not_before = from_ts(await tx.scalar(
                "SELECT not_before FROM outbox WHERE ref LIKE 'due-7:%' AND status = 'pending'"))
    finally:
        await s.close()
    assert not_before is not None and not_before >= local("2026-12-10T07:00").astimezone(UTC)
    assert await sweep_cli(config, "2026-12-10T06:59") == "sweep: queued 0, sent 0"
    assert reminders(stub, 2001) == []

    assert await sweep_cli(config, "2026-12-10T07:05") == "sweep: queued 0, sent 1"
    got = reminders(stub, 2001)
    assert len(got) == 1 and "还有 7 天" in got[0]
    assert await sweep_cli(config, "2026-12-10T09:30") == "sweep: queued 0, sent 0"
    assert len(reminders(stub, 2001)) == 1


async def test_no_due_day_reminder_once_the_due_day_is_over(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer, _, _ = await raise_card(bot, stub, admin)
    # The bot was down through the whole due day; it is back at 08:00 the next morning.
    assert await sweep_at(bot, "2026-12-17T08:00") == 0
    await officer.no_message(within=1.5)
    assert await sweep_at(bot, "2026-12-17T09:00") == 1  # the digest takes over
    await said_with(stub.user(ADMIN_ID, "管理员老周"), "超期未答复")
    assert reminders(stub, 2001) == [] and len(digests(stub)) == 1


# ---- the running bot ------------------------------------------------------------------

async def test_bot_down_across_thresholds_sends_only_the_current_one(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer, _, _ = await raise_card(bot, stub, admin)
    await bot.stop()
    bot.clock.set(local("2026-12-15T10:00"))  # day 29: the 7- and 3-day ones were missed
    await bot.start()  # the sweep job runs at start
    reminder = await said(officer)
    assert reminder.startswith("⏰ 信息卡 #1") and "还有 1 天" in reminder
    await officer.no_message(within=0.5)

    await bot.restart()
    await officer.no_message(within=1.0)
    assert len(reminders(stub, 2001)) == 1


async def test_overdue_digest_daily_to_the_admin(bot: BotUnderTest, stub: BotApiStub,
                                                 admin: UserHandle) -> None:
    officer, worker, notices = await raise_card(bot, stub, admin, cards=2)

    assert await sweep_at(bot, "2026-12-17T10:00") == 1  # day 31: one digest, no reminders
    digest = await said_with(admin, "超期未答复")
    lines = digest.splitlines()
    assert any(line.startswith("#1 ") and "超期 1 天" in line for line in lines), digest
    assert any(line.startswith("#2 ") for line in lines)
    assert await sweep_at(bot, "2026-12-17T18:00") == 0
    await admin.no_message(within=0.3)

    assert await sweep_at(bot, "2026-12-18T10:00") == 1  # day 32: a new one
    digest = await said_with(admin, "超期未答复")
    assert any(line.startswith("#1 ") and "超期 2 天" in line
               for line in digest.splitlines()), digest

    await accept_and_reply(officer, notices[0], worker)
    assert await sweep_at(bot, "2026-12-19T10:00") == 1
    lines = (await said_with(admin, "超期未答复")).splitlines()
    assert not any(line.startswith("#1 ") for line in lines), lines
    assert any(line.startswith("#2 ") and "超期 3 天" in line for line in lines), lines
    assert len(digests(stub)) == 3 and reminders(stub, 2001) == []


async def test_accepted_card_reminds_only_the_accepting_officer(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer, _, notices = await raise_card(bot, stub, admin)
    other = await make_officer(bot, stub, admin, 2003, "周委员")
    await officer.press(notices[0], "受理")
    await officer.press(notices[0], "区队办公室")

    assert await sweep_at(bot, "2026-12-09T10:00") == 1
    reminder = await said(officer)
    assert reminder.startswith("⏰ 信息卡 #1") and "待部门答复" in reminder
    await other.no_message(within=0.5)
    assert reminders(stub, 2003) == []


async def test_reopen_rearms_the_clock(bot: BotUnderTest, stub: BotApiStub,
                                       admin: UserHandle) -> None:
    officer, worker, notices = await raise_card(bot, stub, admin)
    assert await sweep_at(bot, "2026-12-09T10:00") == 1  # day 23, before the reply
    assert "还有 7 天" in await said(officer)

    bot.clock.set(local("2026-12-10T10:00"))
    reply = await accept_and_reply(officer, notices[0], worker)
    await worker.press(reply, "😞 不满意")
    assert "不满意" in await said(worker)
    await worker.send("只装了一盏，另一头还是黑的。")
    assert "重新交给工会办理" in await said(worker)
    card = await bot.services.cards.get(1)
    assert card is not None and card.due_on.isoformat() == "2027-01-09"
    await message_with(officer, "重新办理")

    assert await sweep_at(bot, "2026-12-16T10:00") == 0  # the old due day means nothing now
    assert await sweep_at(bot, "2027-01-01T10:00") == 0
    for when, expected in (("2027-01-02T10:00", "还有 7 天"), ("2027-01-06T10:00", "还有 3 天"),
                           ("2027-01-08T10:00", "还有 1 天"),
                           ("2027-01-09T10:00", "今天（2027-01-09）")):
        assert await sweep_at(bot, when) == 1, when
        assert await sweep_at(bot, when) == 0, when
        reminder = await said(officer)
        assert expected in reminder and "2027-01-09" in reminder, reminder
    assert len(reminders(stub, 2001)) == 5
    assert await sweep_at(bot, "2027-01-10T10:00") == 1
    assert "超期 1 天" in await said_with(admin, "超期未答复")
