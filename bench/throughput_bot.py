"""The bot's side of bench_throughput: the real Application (bot.app) against a stand-in,
members registered before timing, then per team one officer and four members at work.

Members go round three flows, each user starting at a different one: card submission
(7 updates: /card, category, text, skip photos, identity, publish, 提交), hazard report
(8: /hazard, location, category, severity, text, skip photos, when found, 提交) and a
study note (6: /study, kind, minutes, day, notes, 保存). The officer accepts each new
card of the team and routes it to the department (two presses on the notice).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

from throughput_users import Driver, Recorder

import bot.app
from bot.app import build_application, running
from bot.clock import FixedClock
from bot.config import Config, parse_config
from bot.ratelimit import Budget, SharedLimiter
from bot.roles import Role
from bot.services import Services
from bot.stub import BotApiStub

TOKEN = "123456:BENCH-THROUGHPUT"
START = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # a Monday, 10:00 in Shanghai
TEAM_SIZE = 5  # one officer and four members per team
Step = tuple[str, str, str]  # (send | press, what, the needle the reply shows)


def card_steps(n: int) -> list[Step]:
    return [("send", "/card", "安全生产"), ("press", "安全生产", "请写下"),
            ("send", f"三号皮带机头照明不足，夜班看不清（第 {n} 次反映）。", "跳过"),
            ("press", "跳过", "实名"), ("press", "实名", "同意公开"),
            ("press", "同意公开", "提交"), ("press", "提交", "已提交")]


def hazard_steps(n: int) -> list[Step]:
    return [("send", "/hazard", "回风巷"), ("press", "回风巷", "通风"), ("press", "通风", "一般"),
            ("press", "一般", "描述"), ("send", f"回风巷顶板有浮石，约 {n % 9 + 1} 处。", "跳过"),
            ("press", "跳过", "刚才"), ("press", "刚才", "提交"), ("press", "提交", "已上报")]


def study_steps(n: int) -> list[Step]:
    return [("send", "/study", "操作规程"), ("press", "操作规程", "60 分钟"),
            ("press", "60 分钟", "今天"), ("press", "今天", "学习笔记"),
            ("send", f"学了顶板管理规定第 {n} 条", "保存"), ("press", "保存", "已记录")]


FLOWS = [card_steps, hazard_steps, study_steps]


async def member_loop(driver: Driver, first_flow: int) -> None:
    n = 0
    while driver.rec.running():
        for kind, what, needle in FLOWS[(first_flow + n) % len(FLOWS)](n):
            if not driver.rec.running():
                return
            if kind == "send":
                await driver.send(what, needle)
            else:
                await driver.press(what, needle)
        n += 1


async def officer_loop(driver: Driver) -> None:
    """Accept each new card of the team and route it to the one department."""
    since = len(driver.chat)
    while driver.rec.running():
        left = driver.rec.end_at - time.monotonic()
        notice = await driver.next_showing("受理", since, within=max(left, 0.01))
        if notice is None:
            return
        since = driver.chat.index(notice) + 1
        await driver.press("受理", "区队办公室", on=notice, edits=True)
        await driver.press("区队办公室", "已受理", on=notice, edits=True)


def bot_config(folder: Path, stub: BotApiStub, teams: int) -> Config:
    return parse_config({
        "telegram": {"token": TOKEN, "base_url": stub.base_url,
                     "base_file_url": stub.base_file_url},
        "database": {"path": str(folder / "bot.sqlite3")},
        "branch": {"name": "通风区工会"},
        "teams": [{"code": f"T{n}", "name": f"综采{n}班"} for n in range(1, teams + 1)],
        "admins": {"user_ids": [9001]},
        "jobs": {"sweep_seconds": 3600},
        "visits": {"remind_days": [], "remind_days_before_month_end": []},
        "summaries": {"monthly_summary": False, "weekly_digest": False},
        # The bot's own per-user flood control would drop a bench user's fast taps.
        "flood": {"max_updates": 1000, "per_seconds": 1},
    })


async def register(s: Services, stub: BotApiStub, users: int,
                   clock: FixedClock) -> tuple[list[int], list[int]]:
    """(officers, members) as Telegram ids; each has sent /start (untimed)."""
    teams = await s.teams.all()
    officers, members = [], []
    for i in range(users):
        tg, name = 2000 + i, f"职工{i:02d}"
        team = teams[i // TEAM_SIZE % len(teams)]
        member = await s.members.register(tg, name, None, team.id, None, True, clock.now())
        if i % TEAM_SIZE == 0:
            await s.members.grant(member.id, Role.OFFICER, None, clock.now())
            officers.append(tg)
        else:
            members.append(tg)
        chat = stub.messages.setdefault(tg, [])
        since = len(chat)
        await stub.user(tg, name).command("/start")
        while not any(m.from_bot for m in chat[since:]):
            await stub.wait_change(5)
    return officers, members


@contextlib.contextmanager
def overall_limit_lifted(lifted: bool) -> Iterator[None]:
    """bot/app.py gives the Application one budget of Telegram's 30 messages a second
    (bot/ratelimit.py SharedLimiter); lifted, that budget is made too large to bind
    (per-group limits and retries stay)."""
    if not lifted:
        yield
        return
    with mock.patch.object(bot.app, "SharedLimiter",
                           functools.partial(SharedLimiter, Budget(100_000))):
        yield


async def the_bot(users: int, warm: float, measured: float, folder: Path,
                  lifted: bool = True) -> Recorder:
    teams = max(1, users // TEAM_SIZE)
    clock = FixedClock(START)
    async with BotApiStub(token=TOKEN) as stub:
        with overall_limit_lifted(lifted):
            app = build_application(bot_config(folder, stub, teams), clock)
        async with running(app):
            officers, members = await register(app.bot_data["services"], stub, users, clock)
            await stub.wait_idle(quiet=0.2)
            now = time.monotonic()
            rec = Recorder(now + warm, now + warm + measured)
            async with asyncio.TaskGroup() as group:
                for tg in officers:
                    group.create_task(officer_loop(Driver(stub, stub.user(tg, ""), rec)))
                for i, tg in enumerate(members):
                    group.create_task(member_loop(Driver(stub, stub.user(tg, ""), rec), i))
            rec.count_calls(stub)
    return rec
