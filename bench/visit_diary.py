"""Visit diary figures: `python bench/visit_diary.py [--json out.json]`.

A branch of 22 teams, 1,000 members and 100 officers with 1k, 10k and 100k diary
entries spread over a year. For each size: the quota reminder rule (visit-nag) on a
reminder day, the month's completion figures, a team's 12-month coverage, and one
officer's /visits diary text, each as the median of several warm runs. Figures from
one machine; no asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from timing import timed  # bench/timing.py, beside this script

from bot import queries, visit_actions
from bot.clock import FixedClock
from bot.config import parse_config
from bot.jobs.visit_rules import quota_nag
from bot.roles import Role
from bot.services import Services, open_services
from bot.storage import visits as visit_store
from bot.storage.visits import NewVisit
from bot.study import month_of
from bot.visit_views import diary_text
from bot.visits import FollowUp, Kind, Tally

TEAMS, MEMBERS, OFFICERS = 22, 1000, 100
NOW = datetime(2026, 11, 15, 2, 0, tzinfo=UTC)  # the 15th, 10:00 in Shanghai


async def seed(s: Services, visits: int) -> list[int]:
    teams = await s.teams.all()
    members = []
    for n in range(MEMBERS):
        member = await s.members.register(800000 + n, f"职工{n:04d}", None,
                                          teams[n % TEAMS].id, f"T-{n:04d}", True, NOW)
        members.append(member.id)
    officers = members[:OFFICERS]
    for officer in officers:
        await s.members.grant(officer, Role.OFFICER, None, NOW)
    first = date(2025, 11, 16)
    async with s.db.tx() as tx:
        for n in range(visits):
            whom = members[(n * 7919) % MEMBERS]
            await visit_store.insert(tx, NewVisit(
                officer_id=officers[n % OFFICERS], kind=Kind.TALK if n % 3 else Kind.HOME,
                member_id=whom, person=f"职工{whom}", team_id=None,
                visited_on=first + timedelta(days=(n * 31) % 365), notes="谈了家里的情况。" * 5,
                reasons=("住院",), follow_up=FollowUp.NONE, revisit_on=None, help_note=""),
                NOW)
    return officers


async def one_size(visits: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        config = parse_config({
            "telegram": {"token": "1:BENCH"},
            "database": {"path": str(Path(folder) / "bench.sqlite3")},
            "teams": [{"code": f"T{n}", "name": f"班组{n}"} for n in range(TEAMS)],
        })
        s = await open_services(config, FixedClock(NOW))
        try:
            officers = await seed(s, visits)
            team = (await s.teams.all())[0]
            officer = await s.members.get(officers[0])
            assert officer is not None
            today = NOW.astimezone(config.tz).date()
            month = month_of(today)
            tallies = {m: (await visit_actions.month_tally(s, m)).get(officer.id, Tally())
                       for m in (month, "2026-10")}
            return {
                "visits": visits,
                "nag_rule_ms": await timed(lambda: quota_nag(s, NOW)),
                "month_figures_ms": await timed(lambda: queries.visit_figures(s, month)),
                "team_coverage_ms": await timed(
                    lambda: queries.visit_coverage(s, team.id, today)),
                "diary_text_ms": await timed(lambda: diary_text(
                    s, "zh-CN", officer, visit_actions.quota_of(s, officer), today, tallies)),
            }
        finally:
            await s.close()


async def main() -> list[dict[str, float]]:
    return [await one_size(n) for n in (1_000, 10_000, 100_000)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # each size's new database makes a seal key
    rows = asyncio.run(main())
    print(f"{'visits':>8} {'nag rule':>10} {'month figs':>11} {'coverage':>9} {'diary':>7}"
          "   (ms, median)")
    for row in rows:
        print(f"{row['visits']:>8} {row['nag_rule_ms']:>10.1f} {row['month_figures_ms']:>11.1f}"
              f" {row['team_coverage_ms']:>9.1f} {row['diary_text_ms']:>7.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
