"""The event loop while the bot draws charts (for bench_charts.py): a ticker on the loop
records the longest gap beyond its 5 ms sleep, while the real bot, over HTTP against the
Bot API stand-in in the same loop, answers /stats for several chairs at once and posts
the monthly summary to every branch and team chat (four charts per scope)."""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from bot.app import build_application, running
from bot.clock import FixedClock
from bot.config import parse_config
from bot.jobs.sweeper import sweep
from bot.stub import BotApiStub, UserHandle

TOKEN = "424242:BENCH-CHARTS"
ADMIN = 990000  # the chairs asking /stats are admins: they see the whole branch
TICK = 0.005


class Ticker:
    """`async with Ticker() as t:` — t.worst_ms, the longest the loop kept a 5 ms sleep
    waiting beyond its 5 ms, t.p99_ms, and t.gc_ms, the longest garbage collection in
    this process meanwhile (it stops every thread)."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.gc_ms = 0.0
        self._gc_start = 0.0
        self._task: asyncio.Task[None] | None = None
        self._done = False

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.gc_ms = max(self.gc_ms, (time.perf_counter() - self._gc_start) * 1000)

    async def _run(self) -> None:
        last = time.perf_counter()
        while not self._done:
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            self.gaps.append(max(0.0, now - last - TICK))
            last = now

    async def __aenter__(self) -> Ticker:
        gc.callbacks.append(self._gc)
        self._task = asyncio.create_task(self._run())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        self._done = True
        if self._task is not None:
            await self._task
        gc.callbacks.remove(self._gc)

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    @property
    def p99_ms(self) -> float:
        if len(self.gaps) < 2:
            return self.worst_ms
        return statistics.quantiles(self.gaps, n=100)[98] * 1000


async def stats_album(user: UserHandle, period: str = "上月") -> float:
    """/stats, the period pressed, until the four charts arrived; seconds taken."""
    start = time.perf_counter()
    await user.command("/stats")
    ask = await user.next_message(timeout=30)
    await user.press(ask, period)
    photos = 0
    while photos < 4:
        message = await user.next_message(timeout=60)
        photos += message.photo is not None
    return time.perf_counter() - start


async def summary_albums(stub: BotApiStub, chats: list[int], within: float = 120) -> None:
    """Until every chat got its album of four charts."""
    deadline = time.monotonic() + within
    while True:
        missing = [c for c in chats if sum(
            m.photo is not None for m in stub.group(c, "").messages()) < 4]
        if not missing:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(missing)} chats still without their summary album")
        await asyncio.sleep(0.05)


async def run_bot(db: Path, teams: list[dict[str, str]], chats: list[int], now: datetime,
                  chairs: int) -> dict[str, float]:
    """The seeded database under the real bot: /stats by `chairs` at once, then the
    monthly summary; the loop's worst stall in each, and how long each took."""
    async with BotApiStub(token=TOKEN) as stub:
        config = parse_config({
            "telegram": {"token": TOKEN, "base_url": stub.base_url,
                         "base_file_url": stub.base_file_url},
            "database": {"path": str(db)},
            "teams": teams,
            "admins": {"user_ids": [ADMIN + n for n in range(chairs)]},
            "jobs": {"sweep_seconds": 3600},
            "summaries": {"weekly_digest": False},
            "flood": {"max_updates": 1000},
        })
        for chat_id in chats:
            stub.group(chat_id, f"群{chat_id}").chat.bot_status = "member"
        # The day before the summary is due: the start-up sweep has nothing to draw.
        clock = FixedClock(now - timedelta(days=1))
        app = build_application(config, clock)
        async with running(app):
            for job in app.job_queue.get_jobs_by_name("sweep"):
                job.enabled = False
            clock.set(now)
            users = [stub.user(ADMIN + n, f"主席{n}") for n in range(chairs)]
            await stats_album(users[0])  # warm: imports, the font, the first figures
            async with Ticker() as stats:
                took = await asyncio.gather(*(stats_album(u) for u in users))
            services = app.bot_data["services"]
            start = time.perf_counter()
            async with Ticker() as summary:
                await sweep(services, now, only="monthly-summary")
                drawn = time.perf_counter() - start
                await summary_albums(stub, chats)
            return {"stats_stall_ms": stats.worst_ms, "stats_p99_ms": stats.p99_ms,
                    "stats_gc_ms": stats.gc_ms, "stats_s": max(took),
                    "summary_stall_ms": summary.worst_ms, "summary_p99_ms": summary.p99_ms,
                    "summary_gc_ms": summary.gc_ms, "summary_drawn_s": drawn,
                    "summary_s": time.perf_counter() - start}
