"""The bot under test: the real Application over HTTP against the loopback stand-in."""

from __future__ import annotations

from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import build_application, running
from bot.clock import FixedClock
from bot.config import Config, parse_config
from bot.services import Services
from bot.stub import BotApiStub

SHANGHAI = ZoneInfo("Asia/Shanghai")
TOKEN = "123456:TEST-TOKEN-xiaojia"
ADMIN_ID = 9001
# Monday 2026-11-16 10:00 in Shanghai: inside working hours.
START = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


def make_config(db_path: Path, stub: BotApiStub, **sections: Any) -> Config:
    data: dict[str, Any] = {
        "telegram": {"token": TOKEN, "base_url": stub.base_url,
                     "base_file_url": stub.base_file_url},
        "database": {"path": str(db_path)},
        "branch": {"name": "通风区工会"},
        "teams": [{"code": "A1", "name": "综采一班"}, {"code": "B2", "name": "掘进二班"},
                  {"code": "C3", "name": "机电队", "auto_approve": True}],
        "admins": {"user_ids": [ADMIN_ID]},
        "jobs": {"sweep_seconds": 3600},
        # START is the day after the 15th: the visit quota reminders are switched on only
        # by the tests about them, so officers elsewhere do not get them at start-up.
        "visits": {"remind_days": [], "remind_days_before_month_end": []},
        # START is a Monday: the weekly digest (and the monthly summary) likewise.
        "summaries": {"monthly_summary": False, "weekly_digest": False},
        # A test's users tap far faster than people: flood control is tested on its own.
        "flood": {"max_updates": 1000},
    }
    for key, value in sections.items():
        data[key] = {**data.get(key, {}), **value} if isinstance(value, dict) else value
    return parse_config(data)


class BotUnderTest:
    """Start, stop and restart the bot; the database and the clock outlive restarts."""

    def __init__(self, config: Config, clock: FixedClock) -> None:
        self.config = config
        self.clock = clock
        self._stack: AsyncExitStack | None = None
        self.app: Any = None

    @property
    def services(self) -> Services:
        return self.app.bot_data["services"]  # type: ignore[no-any-return]

    async def start(self) -> None:
        self.app = build_application(self.config, self.clock)
        self._stack = AsyncExitStack()
        await self._stack.enter_async_context(running(self.app))

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()


def local(text: str) -> datetime:
    """A Shanghai wall-clock time, e.g. '2026-11-16T10:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def hold_sweeper(bot: BotUnderTest) -> None:
    """The running bot sweeps 0.2 s after it starts, by the clock of that moment; tests
    that sweep themselves (at the times they set) must not race that run."""
    for job in bot.app.job_queue.get_jobs_by_name("sweep"):
        job.enabled = False
