"""Figures, charts and the export: `python bench/figures.py [--json out.json]`.

A branch of 22 teams and 1,000 members (100 officers) with six months of work: per
month 200 cards, 100 hazards, 3,000 study notes and 400 visits. Measured: gathering a
month's figures for the branch and for one team (the cards chart over six months), the
four charts (time in the drawing workers, PNG size, peak Python memory of drawing
them in one process), the monthly summary rule posting to
23 chats, and the month's XLSX workbook. Medians of warm runs; figures from one
machine, no asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from timing import timed  # bench/timing.py, beside this script

from bot import export, summaries
from bot.cards import Identity
from bot.clock import FixedClock
from bot.config import parse_config
from bot.fonts import find_cjk_font
from bot.hazards import Severity
from bot.jobs.summary_rules import monthly_summary
from bot.roles import Role
from bot.services import Services, open_services
from bot.storage import cards as card_store
from bot.storage import hazards as hazard_store
from bot.storage import study as study_store
from bot.storage import visits as visit_store
from bot.storage.cards import NewCard
from bot.storage.hazards import NewHazard
from bot.storage.study import NewEntry
from bot.storage.visits import NewVisit
from bot.visits import FollowUp, Kind

TEAMS, MEMBERS, OFFICERS = 22, 1000, 100
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
NOW = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)  # 1 Dec, 09:30 in Shanghai
CATEGORIES = ["通风", "瓦斯", "粉尘", "防灭火", "顶板", "机电", "运输", "水害", "其他"]


async def seed(s: Services) -> None:
    teams = await s.teams.all()
    members = []
    for n in range(MEMBERS):
        m = await s.members.register(800000 + n, f"职工{n:04d}", None, teams[n % TEAMS].id,
                                     f"T-{n:04d}", True, NOW)
        members.append(m)
    for officer in members[:OFFICERS]:
        await s.members.grant(officer.id, Role.OFFICER, None, NOW)
    for n, team in enumerate(teams):
        chat_id = -1001000000000 - n
        await s.chats.seen(chat_id, "supergroup", f"{team.name}群", NOW)
        await s.chats.set_purpose(chat_id, "team", team.id, None, NOW)
    await s.chats.seen(-1002000000000, "supergroup", "全体群", NOW)
    await s.chats.set_purpose(-1002000000000, "branch", None, None, NOW)
    async with s.db.tx() as tx:
        for k, month in enumerate(MONTHS):
            first = date.fromisoformat(f"{month}-01")
            at = datetime(first.year, first.month, 10, 2, 0, tzinfo=UTC)
            for n in range(200):
                m = members[(n * 37 + k) % MEMBERS]
                await card_store.insert(tx, NewCard(
                    m.team_id, "安全生产", "巷道照明不足。", Identity.NAMED, m.id, False, (),
                    None, None, None), at, first + timedelta(days=39))
            for n in range(100):
                m = members[(n * 53 + k) % MEMBERS]
                await hazard_store.insert(tx, NewHazard(
                    m.team_id, m.id, "回风巷", CATEGORIES[n % 9],
                    Severity.MAJOR if n % 20 == 0 else Severity.ORDINARY, "顶板有浮石。",
                    at, ()), at)
            for n in range(3000):
                m = members[n % MEMBERS]
                await study_store.insert(tx, NewEntry(
                    m.id, m.team_id, "业务学习", 30, first + timedelta(days=n % 28), "笔记",
                    ()), at)
            for n in range(400):
                await visit_store.insert(tx, NewVisit(
                    members[n % OFFICERS].id, Kind.TALK if n % 3 else Kind.HOME,
                    members[(n * 7) % MEMBERS].id, "职工", None,
                    first + timedelta(days=n % 28), "谈心记录。", ("住院",), FollowUp.NONE,
                    None, ""), at)


async def main() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        config = parse_config({
            "telegram": {"token": "1:BENCH"},
            "database": {"path": str(Path(folder) / "bench.sqlite3")},
            "teams": [{"code": f"T{n}", "name": f"班组{n}"} for n in range(TEAMS)],
        })
        s = await open_services(config, FixedClock(NOW))
        try:
            await seed(s)
            team = (await s.teams.all())[0]
            month = MONTHS[-1]
            branch = await summaries.gather(s, [month], None, MONTHS)
            row: dict[str, float] = {
                "gather_branch_ms": await timed(
                    lambda: summaries.gather(s, [month], None, MONTHS)),
                "gather_team_ms": await timed(
                    lambda: summaries.gather(s, [month], team.id, MONTHS)),
            }
            row["four_charts_ms"] = await timed(lambda: summaries.charts(s, "zh-CN", branch))
            font = find_cjk_font()
            assert font is not None
            draws = summaries.drawings(s, "zh-CN", branch, font)
            for draw in draws:  # warm: matplotlib was loaded in the workers only
                draw()
            tracemalloc.start()  # drawn here: the bot draws in its workers, out of sight
            images = [draw() for draw in draws]
            row["charts_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            for name, png in zip(("cards", "hazards", "study", "visits"), images,
                                 strict=True):
                row[f"{name}_png_kb"] = len(png) / 1000
            start = time.perf_counter()
            await monthly_summary(s, NOW)
            row["summary_rule_23_chats_s"] = time.perf_counter() - start
            row["workbook_ms"] = await timed(lambda: export.workbook(s, month), runs=1)
            row["workbook_kb"] = len(await export.workbook(s, month)) / 1000
            return row
        finally:
            await s.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the new database makes a seal key
    figures = asyncio.run(main())
    for key, value in figures.items():
        print(f"{key:<28} {value:>10.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
