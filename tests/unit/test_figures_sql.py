"""The monthly figures counted in SQL (bot/storage/figures.py, through bot/queries.py)
are the figures counted item by item (bot/card_figures.py, bot/hazard_figures.py), in
time zones east and west of Greenwich, with summer time, with a quarter-hour offset and
at UTC: cards raised and hazards found at every hour around the month's ends, answered
and fixed at every hour around the local midnight that ends their due date, in every
state, with and without ratings and deadlines."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import queries
from bot.card_figures import month_bounds
from bot.card_figures import tally as card_tally
from bot.cards import Identity, Rating
from bot.clock import FixedClock
from bot.hazard_figures import tally as hazard_tally
from bot.hazards import Severity
from bot.services import Services, open_services
from bot.storage import cards as card_store
from bot.storage import hazards as hazard_store
from bot.storage.cards import NewCard
from bot.storage.db import Tx
from bot.storage.hazards import NewHazard
from tests.unit.figures_world import make_config

ZONES = ["Asia/Shanghai", "America/New_York", "Asia/Kathmandu", "UTC", "Europe/Berlin"]
MONTHS = ["2026-02", "2026-03", "2026-10", "2026-11"]  # summer time starts and ends
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


@pytest.fixture(params=ZONES)
async def services(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Services]:
    config = make_config(tmp_path / "figures.sqlite3", branch={"timezone": request.param})
    s = await open_services(config, FixedClock(NOW))
    try:
        await _seed(s, random.Random(request.param))
        yield s
    finally:
        await s.close()


def _around_midnight(day: date, tz: ZoneInfo, rnd: random.Random) -> datetime:
    """An instant within a day either side of the local midnight that ends `day`."""
    midnight = datetime.combine(day + timedelta(days=1), time(), tz)
    return midnight + timedelta(minutes=rnd.choice([-1, 0, 1, 59, -61]) + rnd.randint(
        -1, 1) * rnd.choice([0, 60 * 24]), microseconds=rnd.choice([0, 1, 999999]))


async def _seed(s: Services, rnd: random.Random) -> None:
    tz = s.config.tz
    teams = [t.id for t in await s.teams.all()]
    member = await s.members.register(5001, "张三", None, teams[0], None, True, NOW)
    for n in range(160):
        month = month_bounds(rnd.choice(MONTHS), tz)
        edge = rnd.choice(month)
        raised = edge + timedelta(hours=rnd.randint(-30, 30), microseconds=rnd.choice([0, 1]))
        due = raised.astimezone(tz).date() + timedelta(days=rnd.choice([0, 1, 30]))
        team = rnd.choice([*teams, None])
        async with s.db.tx() as tx:
            card = await card_store.insert(tx, NewCard(
                team, "工资", "食堂", Identity.NAMED, member.id, False, (), None, None, None),
                raised, due)
            await _card_fate(tx, card, due, tz, rnd, member.id)
        found = edge + timedelta(hours=rnd.randint(-30, 30))
        async with s.db.tx() as tx:
            hazard = await hazard_store.insert(tx, NewHazard(
                team, member.id, "回风巷", rnd.choice(["通风", "机电", "顶板"]),
                rnd.choice(list(Severity)), "浮石", found, ()), found)
            await _hazard_fate(tx, hazard, found, tz, rnd, member.id, n)


async def _card_fate(tx: Tx, card: int, due: date, tz: ZoneInfo, rnd: random.Random,
                     by: int) -> None:
    fate = rnd.choice(["new", "return", "duplicate", "accepted", "replied", "closed"])
    at = datetime(2026, 1, 1, tzinfo=UTC)
    if fate in ("return", "duplicate"):
        await card_store.transition(tx, card, fate, by, at)
        return
    if fate == "new":
        return
    await card_store.transition(tx, card, "accept", by, at, accepted_by=by)
    if fate == "accepted":
        return
    answered = _around_midnight(due, tz, rnd)
    await card_store.transition(tx, card, "reply", by, at, first_replied_at=answered)
    for round_no in range(1, rnd.randint(1, 2) + 1):
        reply = await card_store.add_reply(tx, card, round_no, "已解决", "科长", None, by,
                                           answered)
        if rnd.random() < 0.7:
            await card_store.rate(tx, reply, rnd.choice(list(Rating)), None, answered)
    if fate == "closed":
        await card_store.transition(tx, card, "outcome", by, at,
                                    outcome=rnd.choice(["implemented", "partial", "declined"]))


async def _hazard_fate(tx: Tx, hazard: int, found: datetime, tz: ZoneInfo,
                       rnd: random.Random, by: int, n: int) -> None:
    fate = rnd.choice(["reported", "reject", "duplicate", "confirmed", "fixed", "verified"])
    at = datetime(2026, 1, 1, tzinfo=UTC)
    if fate in ("reject", "duplicate"):
        await hazard_store.transition(tx, hazard, fate, by, at)
        return
    if fate == "reported":
        return
    # A deadline around "today" (NOW is 11-20), or none; a first deadline after a redo.
    deadline = None if n % 7 == 0 else found.astimezone(tz).date() + timedelta(
        days=rnd.choice([0, 1, 2]))
    first = deadline - timedelta(days=1) if deadline and n % 5 == 0 else deadline
    await hazard_store.transition(tx, hazard, "confirm", by, at, confirmed_by=by,
                                  deadline=deadline, first_deadline=first)
    if fate == "confirmed":
        return
    fixed = _around_midnight(first or found.astimezone(tz).date(), tz, rnd)
    await hazard_store.transition(tx, hazard, "fix", by, at, fixed_at=fixed, fixed_by=by)
    if fate == "verified":
        await hazard_store.transition(tx, hazard, "verify", by, at, verified_by=by)


@pytest.mark.parametrize("month", MONTHS)
async def test_cards_counted_in_sql_as_one_by_one(services: Services, month: str) -> None:
    s = services
    today = NOW.astimezone(s.config.tz).date()
    start, end = month_bounds(month, s.config.tz)
    for team in [None, *(t.id for t in await s.teams.all())]:
        expected = card_tally(await card_store.raised_between(s.db, start, end, team), today,
                              s.config.tz)
        assert await queries.monthly_figures(s, month, team) == expected


@pytest.mark.parametrize("months", [[m] for m in MONTHS] + [MONTHS])
async def test_hazards_counted_in_sql_as_one_by_one(services: Services,
                                                    months: list[str]) -> None:
    s = services
    today = NOW.astimezone(s.config.tz).date()
    for team in [None, *(t.id for t in await s.teams.all())]:
        found = [h for m in months for h in await queries.hazard_figures(s, m)
                 if team is None or h.team_id == team]
        by_category, by_severity = await queries.hazard_counts(s, months, team)
        expected_category = hazard_tally(found, today, s.config.tz, by=lambda h: h.category)
        expected_severity = hazard_tally(found, today, s.config.tz, by=lambda h: h.severity)
        assert list(by_category.items()) == list(expected_category.items())
        assert list(by_severity.items()) == list(expected_severity.items())
