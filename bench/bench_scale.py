"""Scale (issue 10): how the bot's cost grows with the branch, at 1k, 10k and 100k open
items (cards and hazards; members a tenth of that: 100, 1,000 and 10,000).

For each size one database is seeded (bench/scale_seed.py) into a temporary folder and
used by every figure of that size:

* the reminder sweep (every rule, as `python -m bot jobs run sweep`): once to queue
  everything due (not a figure: a bot that has been running never meets that much at
  once), then the steady sweep that finds it all in the ledger (median of 3; target
  < 1 s at 100k), then the next day's sweep, which queues that day's new reminders;
* /cards and /stats of the chair (the whole branch, the largest answer), through the
  real Application in this process over HTTP against the Bot API stand-in, one request
  after another (p99 of 50 and of up to 20; quick: 10 and 5): /cards from the command
  sent to the list received; /stats from 本月 pressed to the headline received (the
  first reply; the chart album follows and is waited for before the next request, its
  time reported on its own). What the bench held before (the stand-in, the earlier
  sizes) is frozen meanwhile (gc.freeze), out of Python's full garbage collections,
  whose pauses are noted;
* `python -m bot run` as a separate process: seconds from its launch to the stand-in's
  first getUpdates (median of 3 starts), then it answers 10 × /cards and 5 × /stats
  (their median noted beside the p99 above) and its resident memory is read (VmRSS;
  VmHWM is the peak; child processes apart).

The clock is the wall clock at the start of the run (the bot process has no other);
reminders are configured for 00:00 so the sweep does the same work at any hour.
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import scale_bot  # bench/scale_bot.py and scale_seed.py, beside this file (run.py)
from report import Figure
from scale_seed import Size, seed, settle

from bot.clock import FixedClock
from bot.jobs import sweep
from bot.services import open_services

BENCH = "scale"
STATS_SECONDS = 45  # at most this long per size for the /stats requests (each draws charts)
SERVED = (10, 5)  # /cards and /stats the `python -m bot run` process answers


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


async def _sweeps(config_path: Path, size: Size, now: datetime) -> tuple[list[Figure], str]:
    """Seed, then the sweeps; the outbox is then marked sent, as if delivered."""
    s = await open_services(scale_bot.config_at(config_path), FixedClock(now))
    try:
        began = time.perf_counter()
        await seed(s, size, now)
        seeded = time.perf_counter() - began
        first = await sweep(s, now)
        steady, queued = [], 0
        for n in range(3):
            start = time.perf_counter()
            queued += await sweep(s, now + timedelta(minutes=n + 1))
            steady.append(time.perf_counter() - start)
        start = time.perf_counter()
        next_day = await sweep(s, now + timedelta(days=1))
        took = time.perf_counter() - start
        await settle(s)
    finally:
        await s.close()
    big = size.items >= 100_000
    return [
        Figure(BENCH, f"sweep, {size.label} items", _ms(statistics.median(steady)), "ms",
               "< 1000 ms" if big else "", statistics.median(steady) < 1 if big else None,
               f"median of 3 steady sweeps (all rules; what is due already in the ledger,"
               f" {queued} queued); the first sweep on the seeded database queued {first}"),
        Figure(BENCH, f"sweep, next day, {size.label} items", _ms(took), "ms",
               note=f"the next day's sweep, queuing its {next_day} new reminders"),
    ], f"seeded in {seeded:.1f} s"


def _latency_figures(size: Size, found: dict[str, list[float]],
                     served: dict[str, list[float]], seeded: str) -> list[Figure]:
    big = size.items >= 100_000
    figures = []
    for name, key, what in (
            ("/cards", "cards", "command sent → list received"),
            ("/stats", "stats", "本月 pressed → headline received (the first reply)")):
        samples, worst = found[key], scale_bot.p99(found[key])
        figures.append(Figure(
            BENCH, f"{name} p99, {size.label} items", _ms(worst), "ms",
            "< 200 ms" if big else "", worst < 0.2 if big else None,
            f"chair (whole branch), {what}; {len(samples)} requests after an unmeasured"
            f" one, median {_ms(statistics.median(samples))} ms; {size.members:,} members;"
            f" {seeded}; meanwhile {len(found['gc'])} full GC pauses in this process,"
            f" longest {_ms(max(found['gc'], default=0))} ms. The `python -m bot run` process:"
            f" median {_ms(statistics.median(served[key]))} ms, max"
            f" {_ms(max(served[key]))} ms over {len(served[key])}"))
    album = found["album"]
    figures.append(Figure(
        BENCH, f"/stats to the chart album, {size.label} items",
        _ms(statistics.median(album)), "ms",
        note=f"median, 本月 pressed → the 4th chart received; max {_ms(max(album))} ms"))
    return figures


def _process_figures(size: Size, got: dict[str, float]) -> list[Figure]:
    big = size.items >= 100_000
    kids = f"; its child processes {got['children_mb']:.0f} MB more" \
        if got["children_mb"] else ""
    return [
        Figure(BENCH, f"cold start to first getUpdates, {size.label} items",
               round(got["cold_start_s"], 2), "s", "< 2 s" if big else "",
               got["cold_start_s"] < 2 if big else None,
               "median of 3: `python -m bot run` launched → the stand-in's first getUpdates"),
        Figure(BENCH, f"memory (RSS) after /cards and /stats, {size.label} items",
               round(got["rss_mb"], 1), "MB", "< 150 MB" if big else "",
               got["rss_mb"] < 150 if big else None,
               f"the bot process's VmRSS after {SERVED[0]} × /cards and {SERVED[1]} × /stats; "
               f"{got['start_mb']:.0f} MB once polling{kids}"),
        Figure(BENCH, f"memory peak (VmHWM), {size.label} items", round(got["peak_mb"], 1),
               "MB", "< 150 MB" if big else "", got["peak_mb"] < 150 if big else None,
               "the bot process's high-water mark over its life, the start-up sweep and the"
               " charts included"),
    ]


async def one_size(size: Size, stub: scale_bot.BotApiStub, folder: Path,
                   quick: bool) -> list[Figure]:
    now = datetime.now(UTC)
    config_path = scale_bot.write_config(folder, stub, size)
    log = f"  {size.label}:"
    figures, seeded = await _sweeps(config_path, size, now)
    print(f"{log} sweeps done", file=sys.stderr, flush=True)
    found = await scale_bot.latencies(config_path, stub, now, cards=10 if quick else 50,
                                      stats=5 if quick else 20, budget=STATS_SECONDS)
    print(f"{log} /cards and /stats done", file=sys.stderr, flush=True)
    served: dict[str, list[float]] = {}
    got = await scale_bot.bot_process(
        config_path, stub, starts=3,
        serve=lambda: scale_bot.serve_chair(stub, SERVED[0], SERVED[1], served))
    return figures + _latency_figures(size, found, served, seeded) + \
        _process_figures(size, got)


async def measure(quick: bool) -> list[Figure]:
    logging.getLogger("bot").setLevel(logging.ERROR)  # each new database makes a seal key
    sizes = [Size(1_000), Size(10_000)] + ([] if quick else [Size(100_000)])
    figures: list[Figure] = []
    stub = scale_bot.stand_in()
    await stub.start()
    try:
        with tempfile.TemporaryDirectory(prefix="xiaojia-scale-") as top:
            for size in sizes:
                folder = Path(top) / size.label
                folder.mkdir()
                figures += await one_size(size, stub, folder, quick)
    finally:
        await stub.stop()
    return figures
