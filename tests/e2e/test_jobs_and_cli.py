"""The command line as an operator uses it: jobs run --now, bad config, backup, kill -9."""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.config import load_config
from bot.services import Services, open_services
from bot.stub import BotApiStub, FloodLimits
from tests.cli import run_cli, start_bot, write_config
from tests.harness import START


async def _services(config_path: Path) -> Services:
    return await open_services(load_config(config_path), FixedClock(START))


async def _pending_member_and_officer(stub: BotApiStub, config_path: Path) -> None:
    s = await _services(config_path)
    try:
        team = await s.teams.by_code("A1")
        assert team is not None
        officer = await s.members.register(2001, "李委员", None, team.id, None, True, START)
        from bot.roles import Role

        await s.members.grant(officer.id, Role.OFFICER, None, START)
        await s.members.register(3001, "张三", None, team.id, None, False, START)
    finally:
        await s.close()
    await stub.user(2001, "李委员").send("/start")  # the officer has opened the chat


def at(local: str) -> str:
    return datetime.fromisoformat(local).isoformat()


async def test_pending_reminder_once_and_held_through_quiet_hours(stub: BotApiStub,
                                                                  tmp_path: Path) -> None:
    config = write_config(tmp_path, stub)
    await _pending_member_and_officer(stub, config)
    officer = stub.user(2001, "李委员")

    # Not yet 24 h: nothing.
    code, out, _ = await run_cli("jobs", "run", "sweep", "--now", "2026-11-17T09:00", "-c",
                                 str(config))
    assert code == 0 and "queued 0, sent 0" in out
    # Due, but 23:30 is within quiet hours: queued, not sent.
    code, out, _ = await run_cli("jobs", "run", "sweep", "--now", "2026-11-17T23:30", "-c",
                                 str(config))
    assert code == 0 and "queued 1, sent 0" in out, out
    await officer.no_message(within=0.2)
    # Another process, still night: neither queued again nor sent.
    code, out, _ = await run_cli("jobs", "run", "sweep", "--now", "2026-11-18T06:59", "-c",
                                 str(config))
    assert "queued 0, sent 0" in out
    # Morning: it goes out, once.
    code, out, _ = await run_cli("jobs", "run", "sweep", "--now", "2026-11-18T07:05", "-c",
                                 str(config))
    assert "queued 0, sent 1" in out, out
    reminder = await officer.next_message()
    assert "张三" in reminder.text and "审核" in reminder.text
    code, out, _ = await run_cli("jobs", "run", "sweep", "--now", "2026-11-18T09:00", "-c",
                                 str(config))
    assert "queued 0, sent 0" in out
    await officer.no_message(within=0.2)


async def test_bad_config_names_the_key(tmp_path: Path, stub: BotApiStub) -> None:
    config = write_config(tmp_path, stub, extra="[outbox]\nglobal_per_secnd = 10\n")
    code, _, err = await run_cli("jobs", "run", "sweep", "-c", str(config))
    assert code == 2
    assert err.strip() == "config error: outbox.global_per_secnd: unknown key"
    config.write_text('[branch]\ntimezone = "Mars/Olympus"\n', encoding="utf-8")
    code, _, err = await run_cli("run", "-c", str(config))
    assert code == 2 and "branch.timezone" in err and "Traceback" not in err
    code, _, err = await run_cli("run", "-c", str(tmp_path / "missing.toml"))
    assert code == 2 and "not found" in err


async def test_backup_is_consistent(tmp_path: Path, stub: BotApiStub) -> None:
    config = write_config(tmp_path, stub)
    await _pending_member_and_officer(stub, config)
    code, out, _ = await run_cli("backup", str(tmp_path / "copy.sqlite3"), "-c", str(config))
    assert code == 0 and "integrity_check: ok" in out
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "bot.sqlite3").write_bytes((tmp_path / "copy.sqlite3").read_bytes())
    s = await _services(write_config(copy, stub))
    try:
        assert await s.members.by_tg(3001) is not None
    finally:
        await s.close()


async def test_outbox_resumes_after_kill_without_sending_twice(stub: BotApiStub,
                                                               tmp_path: Path) -> None:
    config = write_config(tmp_path, stub, extra="[outbox]\nglobal_per_second = 20\n")
    chats = list(range(5001, 5061))
    for chat_id in chats:
        await stub.user(chat_id, f"职工{chat_id}").send("/start")
    s = await _services(config)
    try:
        for chat_id in chats:
            await s.mail.send(chat_id, f"通知 {chat_id}")
    finally:
        await s.close()
    stub.limits = FloodLimits(global_per_s=30, per_chat_per_s=1, per_group_per_min=20)

    def notices(chat_id: int) -> int:
        return sum(1 for m in stub.bot_messages(chat_id) if m.text.startswith("通知"))

    def delivered() -> int:
        return sum(notices(c) for c in chats)

    proc = await start_bot(config)
    deadline = time.monotonic() + 30
    while delivered() < 15 and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    await proc.wait()
    first_run = delivered()
    assert 15 <= first_run < len(chats)

    proc = await start_bot(config)
    try:
        s = await _services(config)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                counts = await s.outbox.counts()
                if not counts.get("pending") and not counts.get("sending"):
                    break
                await asyncio.sleep(0.1)
        finally:
            await s.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 20)
    per_chat = [notices(c) for c in chats]
    assert max(per_chat) == 1, "a chat received a message twice"
    assert counts.get("sent", 0) + counts.get("uncertain", 0) == len(chats)
    assert counts.get("uncertain", 0) <= 8  # at most what was in flight at the kill
    assert delivered() >= counts.get("sent", 0)
