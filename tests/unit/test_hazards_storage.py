"""Storage of hazards: insert with photos, fix photos by round, first-wins transitions with
their audit rows, the lists (mine, my team's open ones, owned, confirmed) and the monthly
selection."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.card_figures import month_bounds
from bot.hazard_figures import tally
from bot.hazards import HazardStatus, Severity
from bot.storage import audit
from bot.storage import hazards as store
from bot.storage.db import Database, ts
from bot.storage.hazards import HazardRepo, NewHazard, found_between
from tests.unit.storage_world import opened

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
FOUND = NOW - timedelta(hours=3, minutes=15)
SH = ZoneInfo("Asia/Shanghai")
DUE = date(2026, 11, 20)


@dataclass(frozen=True)
class World:
    db: Database
    repo: HazardRepo
    team_a: int
    team_b: int
    officer: int
    worker: int
    other: int


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with opened(tmp_path / "hazards.sqlite3", NOW) as p:
        yield World(p.db, HazardRepo(p.db), p.team_a, p.team_b, p.officer, p.worker,
                    p.other)


def new_hazard(team_id: int | None, reporter: int | None, *,
               severity: Severity = Severity.ORDINARY, category: str = "通风",
               found_at: datetime = FOUND, photos: tuple[str, ...] = (),
               location: str = "3号煤仓上口", description: str = "风筒破损漏风") -> NewHazard:
    return NewHazard(team_id=team_id, reporter_member_id=reporter, location=location,
                     category=category, severity=severity, description=description,
                     found_at=found_at, photos=photos)


async def add(db: Database, new: NewHazard, now: datetime = NOW) -> int:
    async with db.tx() as tx:
        return await store.insert(tx, new, now)


async def move(db: Database, hazard_id: int, action: str, actor: int | None,
               now: datetime = NOW, note: str | None = None, /, **fields: object) -> bool:
    async with db.tx() as tx:
        return await store.transition(tx, hazard_id, action, actor, now, note, **fields)


async def fix_photos(db: Database, hazard_id: int, round_no: int,
                     photos: tuple[str, ...]) -> None:
    async with db.tx() as tx:
        await store.add_photos(tx, hazard_id, "fix", round_no, photos)


async def column(db: Database, hazard_id: int, name: str) -> object:
    async with db.read() as tx:
        return await tx.scalar(f"SELECT {name} FROM hazards WHERE id = ?", (hazard_id,))


async def confirm(world: World, hazard_id: int, deadline: date = DUE,
                  owner: int | None = None, owner_name: str | None = None,
                  now: datetime = NOW) -> bool:
    return await move(world.db, hazard_id, "confirm", world.officer, now,
                      owner_member_id=owner, owner_name=owner_name, deadline=deadline,
                      first_deadline=deadline, confirmed_by=world.officer, confirmed_at=now,
                      handled_by=world.officer)


# ---------------------------------------------------------------- insert and get

async def test_insert_then_get(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker,
                                               severity=Severity.MAJOR, category="瓦斯",
                                               photos=("ph-c", "ph-a", "ph-b")))
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None
    assert hazard.id == hazard_id and hazard.team_id == world.team_a
    assert hazard.reporter_member_id == world.worker
    assert hazard.status is HazardStatus.REPORTED and hazard.open
    assert hazard.severity is Severity.MAJOR and hazard.category == "瓦斯"
    assert hazard.location == "3号煤仓上口" and hazard.description == "风筒破损漏风"
    assert hazard.photos == ("ph-c", "ph-a", "ph-b")  # the order they were sent in
    assert hazard.fix_photos == ()
    # Both times are kept: when it was found underground and when it was sent.
    assert hazard.found_at == FOUND and hazard.created_at == NOW
    assert hazard.found_at.tzinfo is not None and hazard.created_at.tzinfo is not None
    assert await column(world.db, hazard_id, "found_at") == ts(FOUND)
    assert await column(world.db, hazard_id, "created_at") == ts(NOW)
    assert await column(world.db, hazard_id, "severity") == "major"
    assert hazard.owner_member_id is None and hazard.owner_name is None
    assert hazard.deadline is None and hazard.first_deadline is None
    assert hazard.confirmed_by is None and hazard.fixed_at is None and hazard.verified_at is None
    assert hazard.rounds == 0
    history = await audit.history(world.db, "hazard", hazard_id)
    assert [(h.actor_member_id, h.from_state, h.to_state, h.note) for h in history] == [
        (world.worker, None, "reported", None)]
    assert await world.repo.get(hazard_id + 100) is None


async def test_insert_without_photos_or_team(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(None, None))
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None
    assert hazard.team_id is None and hazard.reporter_member_id is None
    assert hazard.photos == () and hazard.fix_photos == ()
    history = await audit.history(world.db, "hazard", hazard_id)
    assert [(h.actor_member_id, h.to_state) for h in history] == [(None, "reported")]


async def test_photos_of_one_hazard_stay_with_it(world: World) -> None:
    first = await add(world.db, new_hazard(world.team_a, world.worker, photos=("a1", "a2")))
    second = await add(world.db, new_hazard(world.team_a, world.worker, photos=("b1",)))
    one, two = await world.repo.get(first), await world.repo.get(second)
    assert one is not None and two is not None
    assert one.photos == ("a1", "a2") and two.photos == ("b1",)


async def test_fix_photos_across_rounds(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker, photos=("r1", "r2")))
    assert await confirm(world, hazard_id, owner=world.worker)
    t1, t2, t3 = (NOW + timedelta(days=d) for d in (1, 2, 3))
    assert await move(world.db, hazard_id, "fix", world.worker, t1, fixed_at=t1,
                      fixed_by=world.worker)
    await fix_photos(world.db, hazard_id, 0, ("f0-b", "f0-a"))
    assert await move(world.db, hazard_id, "redo", world.officer, t2, "未到位",
                      deadline=DUE + timedelta(days=5), redo_reason="未到位", rounds=1,
                      fixed_at=None, fixed_by=None)
    assert await move(world.db, hazard_id, "fix", world.worker, t3, fixed_at=t3,
                      fixed_by=world.worker)
    await fix_photos(world.db, hazard_id, 1, ("f1-z", "f1-y", "f1-x"))
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None
    assert hazard.photos == ("r1", "r2")  # report photos untouched by the fix rounds
    assert hazard.fix_photos == ("f0-b", "f0-a", "f1-z", "f1-y", "f1-x")
    assert hazard.rounds == 1 and hazard.fixed_at == t3


async def test_fix_photos_added_out_of_round_order_come_back_by_round(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker))
    await fix_photos(world.db, hazard_id, 2, ("late",))
    await fix_photos(world.db, hazard_id, 0, ("early-1", "early-2"))
    await fix_photos(world.db, hazard_id, 1, ("middle",))
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None
    assert hazard.fix_photos == ("early-1", "early-2", "middle", "late")
    assert hazard.photos == ()


# ---------------------------------------------------------------- transitions

async def test_transition_first_wins(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker))
    later = NOW + timedelta(hours=1)
    assert await confirm(world, hazard_id, owner=world.worker, now=later)
    assert not await move(world.db, hazard_id, "confirm", world.other, later,
                          owner_member_id=world.other, deadline=date(2026, 12, 1),
                          confirmed_by=world.other, handled_by=world.other)
    assert not await move(world.db, hazard_id, "reject", world.other, later, "不属实",
                          reject_reason="不属实", handled_by=world.other)
    assert not await move(world.db, hazard_id, "duplicate", world.other, later,
                          duplicate_of=hazard_id, handled_by=world.other)
    assert not await move(world.db, hazard_id, "verify", world.other, later,
                          verified_by=world.other, verified_at=later)
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None and hazard.status is HazardStatus.CONFIRMED
    assert hazard.owner_member_id == world.worker and hazard.deadline == DUE
    assert hazard.first_deadline == DUE
    assert hazard.confirmed_by == world.officer and hazard.handled_by == world.officer
    assert hazard.reject_reason is None and hazard.duplicate_of is None
    assert hazard.verified_by is None
    history = await audit.history(world.db, "hazard", hazard_id)
    assert [(h.actor_member_id, h.from_state, h.to_state) for h in history[1:]] == [
        (world.officer, "reported", "confirmed")]
    assert history[1].at == ts(later)


async def test_transition_of_a_missing_hazard(world: World) -> None:
    assert not await move(world.db, 4242, "confirm", world.officer)
    assert await audit.history(world.db, "hazard", 4242) == []


@pytest.mark.parametrize("name", ["status", "reporter_member_id", "team_id", "severity",
                                  "description", "found_at", "created_at", "id", "nonsense"])
async def test_transition_refuses_unknown_columns(world: World, name: str) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker))
    with pytest.raises(ValueError, match="not hazard columns"):
        await move(world.db, hazard_id, "confirm", world.officer, **{name: "x"})
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None and hazard.status is HazardStatus.REPORTED
    assert len(await audit.history(world.db, "hazard", hazard_id)) == 1


async def test_unknown_action_is_refused(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker))
    with pytest.raises(KeyError):
        await move(world.db, hazard_id, "close", world.officer)
    assert len(await audit.history(world.db, "hazard", hazard_id)) == 1


async def test_dates_and_datetimes_are_stored_as_their_columns_expect(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker))
    confirmed_at = datetime(2026, 11, 16, 11, 30, tzinfo=SH)  # not UTC on purpose
    assert await confirm(world, hazard_id, deadline=date(2026, 12, 1), owner=world.worker,
                         now=confirmed_at)
    assert await column(world.db, hazard_id, "deadline") == "2026-12-01"
    assert await column(world.db, hazard_id, "first_deadline") == "2026-12-01"
    assert await column(world.db, hazard_id, "confirmed_at") == ts(confirmed_at)
    assert await column(world.db, hazard_id, "confirmed_at") == (
        "2026-11-16T03:30:00.000000+00:00")
    fixed_at = datetime(2026, 11, 20, 23, 59, tzinfo=SH)
    assert await move(world.db, hazard_id, "fix", world.worker, fixed_at, fixed_at=fixed_at,
                      fixed_by=world.worker)
    assert await column(world.db, hazard_id, "fixed_at") == "2026-11-20T15:59:00.000000+00:00"
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None
    assert hazard.deadline == date(2026, 12, 1) and hazard.fixed_at == fixed_at
    assert hazard.fixed_by == world.worker


async def test_redo_clears_the_fix_and_keeps_the_first_deadline(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker))
    assert await confirm(world, hazard_id, owner=world.worker)
    t1, t2 = NOW + timedelta(days=2), NOW + timedelta(days=3)
    assert await move(world.db, hazard_id, "fix", world.worker, t1, "换了风筒",
                      fixed_at=t1, fixed_by=world.worker)
    new_deadline = DUE + timedelta(days=7)
    assert await move(world.db, hazard_id, "redo", world.officer, t2, "仍漏风",
                      deadline=new_deadline, redo_reason="仍漏风", rounds=1,
                      fixed_at=None, fixed_by=None)
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None and hazard.status is HazardStatus.CONFIRMED
    assert hazard.fixed_at is None and hazard.fixed_by is None
    assert await column(world.db, hazard_id, "fixed_at") is None
    assert hazard.deadline == new_deadline and hazard.first_deadline == DUE
    assert hazard.redo_reason == "仍漏风" and hazard.rounds == 1
    assert [h.id for h in await world.repo.owned_by(world.worker)] == [hazard_id]
    history = await audit.history(world.db, "hazard", hazard_id)
    assert [(h.actor_member_id, h.from_state, h.to_state, h.note) for h in history] == [
        (world.worker, None, "reported", None),
        (world.officer, "reported", "confirmed", None),
        (world.worker, "confirmed", "fixed", "换了风筒"),
        (world.officer, "fixed", "confirmed", "仍漏风")]


async def test_whole_lifecycle_to_verified(world: World) -> None:
    hazard_id = await add(world.db, new_hazard(world.team_a, world.worker, photos=("p",)))
    t1, t2, t3 = (NOW + timedelta(days=d) for d in (1, 2, 3))
    assert await confirm(world, hazard_id, owner=None, owner_name="机电科")
    assert await move(world.db, hazard_id, "fix", world.officer, t1, fixed_at=t1,
                      fixed_by=world.officer)
    await fix_photos(world.db, hazard_id, 0, ("done",))
    assert await move(world.db, hazard_id, "verify", world.other, t2, verified_by=world.other,
                      verified_at=t2)
    assert not await move(world.db, hazard_id, "redo", world.other, t3, "晚了")
    assert not await move(world.db, hazard_id, "fix", world.officer, t3)
    hazard = await world.repo.get(hazard_id)
    assert hazard is not None and hazard.status is HazardStatus.VERIFIED and not hazard.open
    assert hazard.owner_member_id is None and hazard.owner_name == "机电科"
    assert hazard.verified_by == world.other and hazard.verified_at == t2
    assert hazard.fixed_at == t1 and hazard.fix_photos == ("done",)
    history = await audit.history(world.db, "hazard", hazard_id)
    assert [h.to_state for h in history] == ["reported", "confirmed", "fixed", "verified"]


async def test_reject_and_duplicate_keep_their_fields(world: World) -> None:
    original = await add(world.db, new_hazard(world.team_a, world.worker))
    rejected = await add(world.db, new_hazard(world.team_a, world.worker))
    duplicate = await add(world.db, new_hazard(world.team_b, world.other))
    assert await move(world.db, rejected, "reject", world.officer, NOW, "现场无此情况",
                      reject_reason="现场无此情况", handled_by=world.officer)
    assert await move(world.db, duplicate, "duplicate", world.officer, NOW,
                      duplicate_of=original, handled_by=world.officer)
    r, d = await world.repo.get(rejected), await world.repo.get(duplicate)
    assert r is not None and r.status is HazardStatus.REJECTED
    assert r.reject_reason == "现场无此情况" and r.handled_by == world.officer
    assert r.confirmed_by is None
    assert d is not None and d.status is HazardStatus.DUPLICATE and d.duplicate_of == original
    assert not await confirm(world, rejected)
    assert not await confirm(world, duplicate)
    history = await audit.history(world.db, "hazard", rejected)
    assert history[-1].note == "现场无此情况"


# ---------------------------------------------------------------- lists

async def _mixed(world: World) -> dict[str, int]:
    """Hazards of two teams in every state, deadlines out of insertion order."""
    a, b, w, o = world.team_a, world.team_b, world.worker, world.other
    ids = {
        "a_reported": await add(world.db, new_hazard(a, w)),
        "a_conf_late": await add(world.db, new_hazard(a, w)),
        "b_conf_soon": await add(world.db, new_hazard(b, o)),
        "a_conf_soon": await add(world.db, new_hazard(a, o)),
        "a_fixed": await add(world.db, new_hazard(a, w)),
        "b_verified": await add(world.db, new_hazard(b, w)),
        "a_rejected": await add(world.db, new_hazard(a, w)),
        "b_duplicate": await add(world.db, new_hazard(b, o)),
        "b_reported": await add(world.db, new_hazard(b, o)),
    }
    assert await confirm(world, ids["a_conf_late"], date(2026, 12, 10), owner=w)
    assert await confirm(world, ids["b_conf_soon"], date(2026, 11, 18), owner=o)
    assert await confirm(world, ids["a_conf_soon"], date(2026, 11, 18), owner=w)
    assert await confirm(world, ids["a_fixed"], date(2026, 11, 17), owner=w)
    assert await move(world.db, ids["a_fixed"], "fix", w, fixed_at=NOW, fixed_by=w)
    assert await confirm(world, ids["b_verified"], date(2026, 11, 17), owner=w)
    assert await move(world.db, ids["b_verified"], "fix", w, fixed_at=NOW, fixed_by=w)
    assert await move(world.db, ids["b_verified"], "verify", world.officer,
                      verified_by=world.officer, verified_at=NOW)
    assert await move(world.db, ids["a_rejected"], "reject", world.officer, reject_reason="x")
    assert await move(world.db, ids["b_duplicate"], "duplicate", world.officer,
                      duplicate_of=ids["b_reported"])
    return ids


def _names(ids: dict[str, int], got: list[int]) -> list[str]:
    back = {v: k for k, v in ids.items()}
    return [back[i] for i in got]


async def test_of_reporter_newest_first(world: World) -> None:
    ids = await _mixed(world)
    mine = [h.id for h in await world.repo.of_reporter(world.worker)]
    assert _names(ids, mine) == ["a_rejected", "b_verified", "a_fixed", "a_conf_late",
                                 "a_reported"]  # every state, their own only
    theirs = [h.id for h in await world.repo.of_reporter(world.other)]
    assert _names(ids, theirs) == ["b_reported", "b_duplicate", "a_conf_soon", "b_conf_soon"]
    limited = [h.id for h in await world.repo.of_reporter(world.worker, limit=2)]
    assert _names(ids, limited) == ["a_rejected", "b_verified"]
    assert await world.repo.of_reporter(world.officer) == []


async def test_open_hazards_with_team_filter(world: World) -> None:
    ids = await _mixed(world)
    everyone = await world.repo.open_hazards()
    assert _names(ids, [h.id for h in everyone]) == [
        "b_reported", "a_fixed", "a_conf_soon", "b_conf_soon", "a_conf_late", "a_reported"]
    assert all(h.open for h in everyone)
    team_a = [h.id for h in await world.repo.open_hazards(world.team_a)]
    assert _names(ids, team_a) == ["a_fixed", "a_conf_soon", "a_conf_late", "a_reported"]
    team_b = [h.id for h in await world.repo.open_hazards(world.team_b)]
    assert _names(ids, team_b) == ["b_reported", "b_conf_soon"]
    assert len(await world.repo.open_hazards(limit=2)) == 2


async def test_owned_by_only_confirmed(world: World) -> None:
    ids = await _mixed(world)
    # The worker also owns a_fixed and b_verified, which wait for nobody's hands now.
    owned = [h.id for h in await world.repo.owned_by(world.worker)]
    assert _names(ids, owned) == ["a_conf_soon", "a_conf_late"]
    assert _names(ids, [h.id for h in await world.repo.owned_by(world.other)]) == [
        "b_conf_soon"]
    assert await world.repo.owned_by(world.officer) == []


async def test_confirmed_by_deadline_then_id(world: World) -> None:
    ids = await _mixed(world)
    got = await world.repo.confirmed()
    assert _names(ids, [h.id for h in got]) == ["b_conf_soon", "a_conf_soon", "a_conf_late"]
    assert all(h.status is HazardStatus.CONFIRMED for h in got)
    assert [h.deadline for h in got] == [date(2026, 11, 18), date(2026, 11, 18),
                                         date(2026, 12, 10)]


# ---------------------------------------------------------------- monthly selection

async def test_found_between_month_bounds(world: World) -> None:
    a, b, w = world.team_a, world.team_b, world.worker
    start, end = month_bounds("2026-11", SH)
    assert start == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)

    async def found(at: datetime, team: int, category: str = "通风") -> int:
        # Sent a little later than found; the month is by when it was found.
        return await add(world.db, new_hazard(team, w, found_at=at, category=category),
                         now=at + timedelta(days=2))

    before = await found(start - timedelta(microseconds=1), a)
    first = await found(start, a, category="瓦斯")
    middle = await found(start + timedelta(days=10), b)
    last = await found(end - timedelta(microseconds=1), b, category="瓦斯")
    after = await found(end, a)
    got = await found_between(world.db, start, end)
    assert [h.id for h in got] == [first, middle, last]
    assert before not in {h.id for h in got} and after not in {h.id for h in got}
    october = month_bounds("2026-10", SH)
    assert [h.id for h in await found_between(world.db, *october)] == [before]
    december = month_bounds("2026-12", SH)
    assert [h.id for h in await found_between(world.db, *december)] == [after]
    figures = tally(got, date(2026, 12, 31), SH, lambda h: h.category)
    assert {k: v.found for k, v in figures.items()} == {"瓦斯": 2, "通风": 1}
