"""The real bot for bench_scale.py: its config (one TOML file for the in-process bot and
the `python -m bot run` process), the in-process Application's request latencies over
HTTP through the Bot API stand-in, and a bot process's start-up time and memory."""

from __future__ import annotations

import asyncio
import gc
import math
import os
import signal
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from scale_seed import Size, chair_tg, leader_tgs
from throughput_bot import overall_limit_lifted

from bot.app import build_application, running
from bot.clock import FixedClock
from bot.config import Config, load_config
from bot.stub import BotApiStub, UserHandle

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-SCALE"


def stand_in() -> BotApiStub:
    """The Bot API stand-in; its flood limits stay off (they are off unless enabled)."""
    return BotApiStub(token=TOKEN, bot_id=123456, bot_username="xiaojia_bot",
                      bot_name="职工小家")


def write_config(folder: Path, stub: BotApiStub, size: Size) -> Path:
    """Reminders at 00:00 so a sweep does the same work at any hour of the run; the
    rules that go by the calendar (the visit quota days, the monthly summary, the
    weekly digest) off, as in the tests, so every run sweeps the same rules."""
    teams = "".join(f'\n[[teams]]\ncode = "T{n:02d}"\nname = "班组{n:02d}"\n'
                    for n in range(size.teams))
    path = folder / "config.toml"
    path.write_text(f"""
[telegram]
token = "{TOKEN}"
base_url = "{stub.base_url}"
base_file_url = "{stub.base_file_url}"
poll_timeout = 1

[database]
path = "{folder / 'bot.sqlite3'}"

[branch]
name = "通风区工会"

[cards]
remind_at = 00:00:00

[[cards.departments]]
code = "office"
name = "区队办公室"
leader_user_ids = {leader_tgs()}

[visits]
remind_days = []
remind_days_before_month_end = []

[summaries]
monthly_summary = false
weekly_digest = false

[flood]
max_updates = 1000
{teams}""", encoding="utf-8")
    return path


def config_at(path: Path) -> Config:
    return load_config(str(path))


def p99(samples: list[float]) -> float:
    """The 99th percentile (nearest rank): with fewer than 100 samples, the largest."""
    return sorted(samples)[math.ceil(0.99 * len(samples)) - 1]


async def _cards(chair: UserHandle) -> float:
    start = time.perf_counter()
    await chair.command("/cards")
    reply = await chair.next_message(timeout=60)
    assert "/card_" in (reply.text or ""), reply.text
    return time.perf_counter() - start


async def _stats(chair: UserHandle, album: list[float]) -> float:
    """/stats, then 本月 pressed: the press to the headline (what is timed), then the
    chart album waited for (timed into `album`) so the next request starts clean."""
    await chair.command("/stats")
    ask = await chair.next_message(timeout=60)
    start = time.perf_counter()
    await chair.press(ask, "本月", timeout=60)
    head = await chair.next_message(timeout=60)
    took = time.perf_counter() - start
    assert "本月" in (head.text or ""), head.text
    photos = 0
    while photos < 4:
        message = await chair.next_message(timeout=120)
        photos += message.photo is not None
    album.append(time.perf_counter() - start)
    return took


async def latencies(config_path: Path, stub: BotApiStub, now: datetime, cards: int,
                    stats: int, budget: float) -> dict[str, list[float]]:
    """The in-process bot (the real Application, over HTTP to the stand-in) serving the
    chair `cards` × /cards and `stats` × /stats one after another (fewer /stats if
    they take more than `budget` seconds: each draws four charts); its sweeper held.
    What this process held before the bot was built (the bench's, the stand-in's and
    the earlier sizes' objects) is frozen meanwhile, kept out of the full garbage
    collections that a bot process of its own would not make over them."""
    gc.collect()
    gc.freeze()
    try:
        return await _serve(config_path, stub, now, cards, stats, budget)
    finally:
        gc.unfreeze()


async def _serve(config_path: Path, stub: BotApiStub, now: datetime, cards: int,
                 stats: int, budget: float) -> dict[str, list[float]]:
    # One chair asking again the moment the answer comes is far over Telegram's 30
    # messages a second (and 1 a second in a chat): the bot's shared budget would make
    # the requests wait their turn. Lifted, as in bench_throughput, the times are the
    # bot's own work.
    with overall_limit_lifted(True):
        app = build_application(config_at(config_path), FixedClock(now))
    async with running(app):
        assert app.job_queue is not None
        for job in app.job_queue.get_jobs_by_name("sweep"):
            job.enabled = False
        chair = stub.user(chair_tg(), "职工00000")
        chair.catch_up()  # the stand-in serves every size: an earlier size's replies
        found: dict[str, list[float]] = {"cards": [], "stats": [], "album": [], "gc": []}
        # Warm: one request each first (the page cache, the chart modules' import).
        await _cards(chair)
        await _stats(chair, [])
        with _collections(found["gc"]):
            for _ in range(cards):
                found["cards"].append(await _cards(chair))
            until = time.monotonic() + budget
            while len(found["stats"]) < stats and (len(found["stats"]) < 3
                                                   or time.monotonic() < until):
                found["stats"].append(await _stats(chair, found["album"]))
    return found


@contextmanager
def _collections(pauses: list[float]) -> Iterator[None]:
    """The pauses of Python's full (generation 2) garbage collections meanwhile (in this
    process they also walk what the stand-in and the bench made since the freeze)."""
    began: list[float] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                began[:] = [time.perf_counter()]
            elif began:
                pauses.append(time.perf_counter() - began[0])

    gc.callbacks.append(note)
    try:
        yield
    finally:
        gc.callbacks.remove(note)


def _vm(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB (none once it is gone)."""
    found = {}
    with suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


def _descendants(pid: int) -> list[int]:
    """The processes started by `pid`, and theirs (a chart worker, say)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


async def _first_poll(stub: BotApiStub, since: int, timeout: float = 60) -> float:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for request in stub.requests[since:]:
            if request.method.lower() == "getupdates":
                return request.at
        await asyncio.sleep(0.002)
    raise TimeoutError("the bot did not poll")


async def _stop(proc: asyncio.subprocess.Process) -> None:
    with suppress(ProcessLookupError):
        proc.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(proc.wait(), 20)
    except TimeoutError:
        proc.kill()
        await proc.wait()


async def bot_process(config_path: Path, stub: BotApiStub, starts: int,
                      serve: Callable[[], Awaitable[object]]) -> dict[str, float]:
    """`python -m bot run` started `starts` times: seconds from the launch to the
    stand-in's first getUpdates (median), then on the last start the resident memory
    once polling (MB), and after `serve()` has had it answer /cards and /stats: now
    (steady), its peak (VmHWM), and its child processes' now."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    times: list[float] = []
    found: dict[str, float] = {}
    for n in range(starts):
        since = len(stub.requests)
        launched = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "--log-level", "ERROR", "run", "-c", str(config_path),
            cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL)
        try:
            times.append(await _first_poll(stub, since) - launched)
            if n == starts - 1:
                await asyncio.sleep(2)  # the start-up sweep and font check
                found["start_mb"] = _vm(proc.pid)["VmRSS"] / 1024
                await serve()
                vm = _vm(proc.pid)
                found["rss_mb"], found["peak_mb"] = vm["VmRSS"] / 1024, vm["VmHWM"] / 1024
                found["children_mb"] = sum(_vm(kid).get("VmRSS", 0)
                                           for kid in _descendants(proc.pid)) / 1024
        finally:
            await _stop(proc)
    found["cold_start_s"] = statistics.median(times)
    return found


async def serve_chair(stub: BotApiStub, cards: int, stats: int,
                      into: dict[str, list[float]]) -> None:
    """The chair's `cards` × /cards and `stats` × /stats to whichever bot polls the
    stand-in; their times (as `latencies` takes them) into `into`."""
    chair = stub.user(chair_tg(), "职工00000")
    chair.catch_up()
    for _ in range(cards):
        into.setdefault("cards", []).append(await _cards(chair))
    for _ in range(stats):
        into.setdefault("stats", []).append(await _stats(chair, into.setdefault("album", [])))
