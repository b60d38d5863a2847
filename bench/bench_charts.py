"""Charts (issue 10): warm render time and PNG size of each image the bot draws, and the
event loop's longest stall while charts render the way the bot renders them.

The branch of bench/figures.py (22 teams, 1,000 members, 100 officers, six months of
cards, hazards, study notes and visits) is seeded once. Each chart is drawn from that
branch's figures of November exactly as /stats and the monthly summary draw it
(`summaries.drawings`): the cards over six months, hazards by nine categories, study
participation of 22 teams, visits of 25 of the 100 officers (the most a chart lists).
The score board is a 20-row page (the default page size), the disclosure table a
25-row page of seven Chinese columns (the default rows per image).

Stalls: a ticker on the loop (5 ms sleeps) records the longest extra wait while (1) three
scopes' charts are drawn at once with a score board and a table page, through the
bot's own calls, and (2) the real bot against the Bot API stand-in (bench/charts_bot.py)
answers /stats for four chairs at once, then posts the monthly summary to 23 chats.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import struct
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from charts_bot import Ticker, run_bot  # beside this file
from disclosures import PER_IMAGE, table  # the disclosure bench's table
from figures import MONTHS, NOW, TEAMS, seed  # the branch of bench/figures.py
from report import Figure

from bot import summaries
from bot.app import settle
from bot.charts.drawing import drawn
from bot.clock import FixedClock
from bot.config import parse_config
from bot.fonts import find_cjk_font
from bot.scoreboard import BoardPage, ranked, split
from bot.scoreboard import render as render_board
from bot.services import Services, open_services
from bot.table_image import TablePage, paged
from bot.table_image import render as render_table_page

BENCH = "charts"
TARGET_MS, TARGET_KB, TARGET_STALL = 100.0, 100.0, 50.0
TEAM_CONFIG = [{"code": f"T{n}", "name": f"班组{n}"} for n in range(TEAMS)]
CHATS = [-1001000000000 - n for n in range(TEAMS)] + [-1002000000000]  # as seed() makes


def board_page() -> BoardPage:
    scores = ranked([(f"职工{n:03d}", 60 + (n * 7) % 40) for n in range(60)])
    return BoardPage("通风区工会 成绩公布牌", "安全规程 · 综采一班 · 2026-11-20 · 满分 100",
                     ("名次", "姓名", "成绩"), split(scores, 20)[0], "参考 60 人 · 第 1/3 页")


def table_page(s: Services) -> TablePage:
    word = s.texts.get("zh-CN", "disclose-table-footer", page="{page}", pages="{pages}",
                       rows="{rows}")
    return paged("2026年10月综采队工资及考勤公开", table(100), PER_IMAGE, word)[0]


def timed(draw: Callable[[], bytes], runs: int) -> tuple[float, float, bytes]:
    """Median wall and thread-CPU milliseconds of warm runs, and the PNG."""
    png = draw()  # warm
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.thread_time()
        png = draw()
        cpus.append(time.thread_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, png


async def render_figures(s: Services, font: str, runs: int) -> list[Figure]:
    branch = await summaries.gather(s, [MONTHS[-1]], None, MONTHS)
    cards, hazards, study, visits = summaries.drawings(s, "zh-CN", branch, font)
    page = table_page(s)
    kinds: dict[str, Callable[[], bytes]] = {
        "cards (6 months)": cards, "hazards (9 categories)": hazards,
        "study (22 teams)": study, "visits (25 officers)": visits,
        "score board (20 rows)": lambda: render_board(board_page(), font),
        "disclosure table (25 rows × 7)": lambda: render_table_page(page, font),
    }
    out = []
    for kind, draw in kinds.items():
        wall, cpu, png = timed(draw, runs)
        width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR
        out += [Figure(BENCH, f"{kind}: warm render, median", wall, "ms", "≤ 100 ms",
                       wall <= TARGET_MS, f"median of {runs}, in one process; "
                       f"thread CPU {cpu:.0f} ms"),
                Figure(BENCH, f"{kind}: PNG", len(png) / 1000, "KB", "≤ 100 KB",
                       len(png) / 1000 <= TARGET_KB,
                       f"{width}×{height} px, 64-colour palette")]
    return out


async def library_stall(s: Services, font: str) -> Figure:
    """Three scopes' charts at once (as three /stats or summary scopes), a score board
    and a table page, each through the call the bot makes, with the ticker running."""
    teams = await s.teams.all()
    scopes = [await summaries.gather(s, [MONTHS[-1]], scope, MONTHS)
              for scope in (None, teams[0].id, teams[1].id)]
    page = table_page(s)
    await summaries.charts(s, "zh-CN", scopes[0])  # warm
    async with Ticker() as tick:
        await asyncio.gather(
            *(summaries.charts(s, "zh-CN", f) for f in scopes),
            drawn(render_board, board_page(), font),  # as study_actions hands it over
            drawn(render_table_page, page, font))  # and disclose_draft a table
    return Figure(BENCH, "loop stall: 12 charts + board + table at once", tick.worst_ms, "ms",
                  "< 50 ms", tick.worst_ms < TARGET_STALL,
                  f"longest extra wait of a 5 ms sleep; p99 {tick.p99_ms:.0f} ms; "
                  f"longest GC here {tick.gc_ms:.0f} ms")


async def measure(quick: bool) -> list[Figure]:
    font = find_cjk_font()
    if font is None:
        return [Figure(BENCH, "charts", 0, "", note="no CJK font installed: nothing drawn")]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite3"
        config = parse_config({"telegram": {"token": "1:BENCH"},
                               "database": {"path": str(db)}, "teams": TEAM_CONFIG})
        s = await open_services(config, FixedClock(NOW))
        try:
            await seed(s)
            out = await render_figures(s, font, 3 if quick else 11)
            settle()  # as the bot does once started: collect, then freeze
            try:
                out.append(await library_stall(s, font))
            finally:
                gc.unfreeze()
        finally:
            await s.close()
        bot = await run_bot(db, TEAM_CONFIG, CHATS, NOW, 2 if quick else 4)
    chairs = 2 if quick else 4
    out += [
        Figure(BENCH, f"loop stall: /stats by {chairs} chairs at once (real bot)",
               bot["stats_stall_ms"], "ms", "< 50 ms", bot["stats_stall_ms"] < TARGET_STALL,
               f"p99 {bot['stats_p99_ms']:.0f} ms; longest GC {bot['stats_gc_ms']:.0f} ms; "
               f"all albums in {bot['stats_s']:.1f} s; bot and stand-in share the loop"),
        Figure(BENCH, "loop stall: monthly summary, 23 chats (real bot)",
               bot["summary_stall_ms"], "ms", "< 50 ms",
               bot["summary_stall_ms"] < TARGET_STALL,
               f"p99 {bot['summary_p99_ms']:.0f} ms; longest GC {bot['summary_gc_ms']:.0f} ms; "
               f"92 charts drawn in "
               f"{bot['summary_drawn_s']:.1f} s, all sent in {bot['summary_s']:.1f} s"),
    ]
    return out
