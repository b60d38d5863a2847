"""Storage of 走访谈心: diary entries written and read back, an officer's diary between
two days, the month's counts, the last visit of each member, 再访 days due, whether a
person was seen again, hardship cases open and taken on once; and the member search an
officer names the person with."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from bot.members import Member
from bot.roles import Actor, MemberStatus, Role
from bot.services import Services
from bot.storage import audit
from bot.storage import visits as visit_store
from bot.storage.db import Database
from bot.storage.members import MemberRepo
from bot.storage.visits import NewVisit, VisitRepo
from bot.visit_actions import find_person
from bot.visits import FollowUp, Kind, Visit, tally
from tests.unit.storage_world import opened

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
NOV_FIRST, NOV_LAST = date(2026, 11, 1), date(2026, 11, 30)


@dataclass(frozen=True)
class World:
    db: Database
    visits: VisitRepo
    members: MemberRepo
    team_a: int
    team_b: int
    officer: int  # 李干事, team A, employee number 0001
    worker: int  # 张三, team A, employee number 1002
    other: int  # 王五, team B, no employee number


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with opened(tmp_path / "visits.sqlite3", NOW) as p:
        yield World(p.db, VisitRepo(p.db), MemberRepo(p.db), p.team_a, p.team_b, p.officer,
                    p.worker, p.other)


def new_visit(officer: int, member_id: int | None, visited_on: date = date(2026, 11, 10), *,
              person: str = "张三", team_id: int | None = None, kind: Kind = Kind.TALK,
              notes: str = "聊了聊家里的情况", reasons: tuple[str, ...] = (),
              follow_up: FollowUp = FollowUp.NONE, revisit_on: date | None = None,
              help_note: str = "") -> NewVisit:
    return NewVisit(officer_id=officer, kind=kind, member_id=member_id, person=person,
                    team_id=team_id, visited_on=visited_on, notes=notes, reasons=reasons,
                    follow_up=follow_up, revisit_on=revisit_on, help_note=help_note)


async def log(db: Database, new: NewVisit, now: datetime = NOW) -> int:
    async with db.tx() as tx:
        return await visit_store.insert(tx, new, now)


async def got(world: World, visit_id: int) -> Visit:
    found = await world.visits.get(visit_id)
    assert found is not None
    return found


async def take(world: World, visit_id: int, by: int, now: datetime = LATER) -> bool:
    async with world.db.tx() as tx:
        return await visit_store.take_help(tx, visit_id, by, now)


# ---------------------------------------------------------------- writing and reading

async def test_insert_then_get(world: World) -> None:
    visit_id = await log(world.db, new_visit(
        world.officer, world.worker, team_id=world.team_a, kind=Kind.HOME,
        reasons=("住院", "思想波动"), follow_up=FollowUp.REVISIT,
        revisit_on=date(2026, 11, 28), notes="母亲住院，\n情绪低落 <b>"))
    visit = await got(world, visit_id)
    assert (visit.id, visit.officer_id, visit.kind) == (visit_id, world.officer, Kind.HOME)
    assert (visit.member_id, visit.person, visit.team_id) == (world.worker, "张三", world.team_a)
    assert visit.visited_on == date(2026, 11, 10)
    assert visit.notes == "母亲住院，\n情绪低落 <b>"
    assert visit.reasons == ("住院", "思想波动")
    assert (visit.follow_up, visit.revisit_on) == (FollowUp.REVISIT, date(2026, 11, 28))
    assert (visit.help_note, visit.help_taken_by, visit.help_taken_at) == ("", None, None)
    assert not visit.help_open
    assert visit.created_at == NOW and visit.created_at.tzinfo is not None
    history = await audit.history(world.db, "visit", visit_id)
    assert [(h.actor_member_id, h.from_state, h.to_state) for h in history] == [
        (world.officer, None, "logged")]
    assert await world.visits.get(visit_id + 100) is None


async def test_reasons_stored_as_readable_json(world: World) -> None:
    visit_id = await log(world.db, new_visit(world.officer, world.worker,
                                             reasons=("家庭变故", "其他")))
    async with world.db.read() as tx:
        raw = await tx.scalar("SELECT reasons FROM visits WHERE id = ?", (visit_id,))
    assert raw == '["家庭变故", "其他"]'


async def test_someone_not_registered(world: World) -> None:
    visit_id = await log(world.db, new_visit(world.officer, None, person="王大妈"))
    visit = await got(world, visit_id)
    assert (visit.member_id, visit.person, visit.team_id) == (None, "王大妈", None)
    assert (visit.reasons, visit.follow_up, visit.revisit_on) == ((), FollowUp.NONE, None)


async def test_a_hardship_case_is_open(world: World) -> None:
    visit_id = await log(world.db, new_visit(world.officer, world.worker,
                                             follow_up=FollowUp.HELP, help_note="房屋漏雨"))
    visit = await got(world, visit_id)
    assert (visit.follow_up, visit.help_note, visit.help_taken_by) == (
        FollowUp.HELP, "房屋漏雨", None)
    assert visit.help_open


# ---------------------------------------------------------------- an officer's diary

async def test_of_officer_newest_first_within_bounds(world: World) -> None:
    first = await log(world.db, new_visit(world.officer, world.worker, NOV_FIRST))
    last = await log(world.db, new_visit(world.officer, world.worker, NOV_LAST))
    mid_a = await log(world.db, new_visit(world.officer, None, date(2026, 11, 10),
                                          person="王大妈"))
    mid_b = await log(world.db, new_visit(world.officer, world.other, date(2026, 11, 10)))
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 10, 31)))
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 12, 1)))
    await log(world.db, new_visit(world.worker, world.other, date(2026, 11, 10)))
    diary = await world.visits.of_officer(world.officer, NOV_FIRST, NOV_LAST)
    assert [v.id for v in diary] == [last, mid_b, mid_a, first]
    assert all(v.officer_id == world.officer for v in diary)
    assert await world.visits.of_officer(world.other, NOV_FIRST, NOV_LAST) == []
    one_day = await world.visits.of_officer(world.officer, date(2026, 11, 10),
                                            date(2026, 11, 10))
    assert [v.id for v in one_day] == [mid_b, mid_a]


async def test_kinds_between_for_counting(world: World) -> None:
    await log(world.db, new_visit(world.officer, world.worker, NOV_FIRST, kind=Kind.TALK))
    await log(world.db, new_visit(world.officer, world.other, NOV_LAST, kind=Kind.HOME))
    await log(world.db, new_visit(world.officer, None, date(2026, 11, 5), person="王大妈",
                                  kind=Kind.HOME))
    await log(world.db, new_visit(world.worker, world.other, date(2026, 11, 6)))
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 10, 31)))
    await log(world.db, new_visit(world.worker, world.other, date(2026, 12, 1)))
    pairs = await world.visits.kinds_between(NOV_FIRST, NOV_LAST)
    assert sorted(pairs) == sorted([(world.officer, Kind.TALK), (world.officer, Kind.HOME),
                                    (world.officer, Kind.HOME), (world.worker, Kind.TALK)])
    counts = tally(pairs)
    assert (counts[world.officer].talks, counts[world.officer].homes) == (1, 2)
    assert (counts[world.worker].talks, counts[world.worker].homes) == (1, 0)
    assert await world.visits.kinds_between(date(2026, 9, 1), date(2026, 9, 30)) == []


async def test_any_until(world: World) -> None:
    assert not await world.visits.any_until(date(2030, 1, 1))
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 11, 10)))
    assert not await world.visits.any_until(date(2026, 11, 9))
    assert await world.visits.any_until(date(2026, 11, 10))
    assert await world.visits.any_until(date(2026, 12, 31))


# ---------------------------------------------------------------- who was visited

async def test_last_visits_per_member_since(world: World) -> None:
    since = date(2025, 11, 22)
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 3, 1)))
    await log(world.db, new_visit(world.other, world.worker, date(2026, 11, 2)))
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 6, 1)))
    await log(world.db, new_visit(world.officer, world.other, since))
    await log(world.db, new_visit(world.officer, world.officer, since - timedelta(days=1)))
    await log(world.db, new_visit(world.officer, None, date(2026, 11, 3), person="王大妈"))
    last = await world.visits.last_visits(since)
    assert last == {world.worker: date(2026, 11, 2), world.other: since}
    assert await world.visits.last_visits(since + timedelta(days=1)) == {
        world.worker: date(2026, 11, 2)}
    assert await world.visits.last_visits(date(2027, 1, 1)) == {}


async def test_revisits_due_between_two_days(world: World) -> None:
    def again(day: date) -> NewVisit:
        return new_visit(world.officer, world.worker, follow_up=FollowUp.REVISIT,
                         revisit_on=day)

    late = await log(world.db, again(date(2026, 11, 28)))
    early = await log(world.db, again(date(2026, 11, 22)))
    same = await log(world.db, again(date(2026, 11, 22)))
    await log(world.db, again(date(2026, 11, 21)))
    await log(world.db, again(date(2026, 11, 29)))
    await log(world.db, new_visit(world.officer, world.worker, follow_up=FollowUp.HELP,
                                  help_note="x"))
    # A day left over from a follow-up changed before saving is not a 再访.
    await log(world.db, new_visit(world.officer, world.worker, revisit_on=date(2026, 11, 25)))
    due = await world.visits.revisits_due(date(2026, 11, 22), date(2026, 11, 28))
    assert [v.id for v in due] == [early, same, late]
    one = await world.visits.revisits_due(date(2026, 11, 28), date(2026, 11, 28))
    assert [v.id for v in one] == [late]
    assert await world.visits.revisits_due(date(2026, 12, 1), date(2026, 12, 31)) == []


async def test_a_member_seen_again_by_anyone_later(world: World) -> None:
    first = await got(world, await log(world.db, new_visit(
        world.officer, world.worker, date(2026, 11, 10))))
    assert not await world.visits.seen_again(first)
    # The same day does not count, nor does an earlier visit or someone else.
    await log(world.db, new_visit(world.other, world.worker, date(2026, 11, 10)))
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 11, 9)))
    await log(world.db, new_visit(world.officer, world.other, date(2026, 11, 12)))
    await log(world.db, new_visit(world.officer, None, date(2026, 11, 12), person="张三"))
    assert not await world.visits.seen_again(first)
    await log(world.db, new_visit(world.other, world.worker, date(2026, 11, 11)))
    assert await world.visits.seen_again(first)


async def test_someone_not_registered_seen_again_by_the_same_officer(world: World) -> None:
    first = await got(world, await log(world.db, new_visit(
        world.officer, None, date(2026, 11, 10), person="王大妈")))
    await log(world.db, new_visit(world.officer, None, date(2026, 11, 10), person="王大妈"))
    await log(world.db, new_visit(world.other, None, date(2026, 11, 12), person="王大妈"))
    await log(world.db, new_visit(world.officer, None, date(2026, 11, 12), person="王大爷"))
    await log(world.db, new_visit(world.officer, world.worker, date(2026, 11, 12),
                                  person="王大妈"))
    assert not await world.visits.seen_again(first)
    await log(world.db, new_visit(world.officer, None, date(2026, 11, 13), person="王大妈"))
    assert await world.visits.seen_again(first)


# ---------------------------------------------------------------- hardship

async def test_open_help_oldest_first(world: World) -> None:
    assert await world.visits.open_help() == []
    one = await log(world.db, new_visit(world.officer, world.worker, follow_up=FollowUp.HELP,
                                        help_note="一"))
    await log(world.db, new_visit(world.officer, world.worker))
    await log(world.db, new_visit(world.officer, world.worker, follow_up=FollowUp.REVISIT,
                                  revisit_on=date(2026, 11, 28)))
    two = await log(world.db, new_visit(world.officer, None, date(2026, 11, 1), person="x",
                                        follow_up=FollowUp.HELP, help_note="二"))
    three = await log(world.db, new_visit(world.other, world.worker, follow_up=FollowUp.HELP,
                                          help_note="三"))
    assert [v.id for v in await world.visits.open_help()] == [one, two, three]
    assert await take(world, two, world.other)
    assert [v.id for v in await world.visits.open_help()] == [one, three]


async def test_a_hardship_case_is_taken_on_once(world: World) -> None:
    visit_id = await log(world.db, new_visit(world.officer, world.worker,
                                             follow_up=FollowUp.HELP, help_note="房屋漏雨"))
    assert await take(world, visit_id, world.other, LATER)
    assert not await take(world, visit_id, world.worker, LATER + timedelta(minutes=5))
    assert not await take(world, visit_id, world.other, LATER + timedelta(minutes=6))
    visit = await got(world, visit_id)
    assert (visit.help_taken_by, visit.help_taken_at) == (world.other, LATER)
    assert not visit.help_open
    history = await audit.history(world.db, "visit", visit_id)
    assert [(h.actor_member_id, h.from_state, h.to_state) for h in history] == [
        (world.officer, None, "logged"), (world.other, "help", "taken")]


async def test_only_a_hardship_case_is_taken_on(world: World) -> None:
    plain = await log(world.db, new_visit(world.officer, world.worker))
    revisit = await log(world.db, new_visit(world.officer, world.worker,
                                            follow_up=FollowUp.REVISIT,
                                            revisit_on=date(2026, 11, 28)))
    for visit_id in (plain, revisit):
        assert not await take(world, visit_id, world.other)
        assert (await got(world, visit_id)).help_taken_by is None
        history = await audit.history(world.db, "visit", visit_id)
        assert [h.to_state for h in history] == ["logged"]
    assert not await take(world, plain + 100, world.other)


# ---------------------------------------------------------------- the member search

async def add(world: World, tg_user_id: int, name: str, employee_no: str | None = None,
              active: bool = True) -> Member:
    return await world.members.register(tg_user_id, name, None, world.team_b, employee_no,
                                         active, NOW)


async def names(world: World, text: str, limit: int = 11) -> list[str]:
    return [m.name for m in await world.members.search(text, limit)]


async def test_search_by_part_of_a_name(world: World) -> None:
    assert await names(world, "三") == ["张三"]
    assert await names(world, " 王五 ") == ["王五"]
    assert await names(world, "赵") == []
    found = await world.members.search("张")
    assert [m.id for m in found] == [world.worker]


async def test_search_puts_the_exact_name_first(world: World) -> None:
    await add(world, 2001, "张三丰")
    await add(world, 2002, "小张三")
    await add(world, 2003, "一张三")
    assert await names(world, "张三") == ["张三", "一张三", "小张三", "张三丰"]
    assert (await names(world, "张三丰"))[0] == "张三丰"


async def test_search_by_employee_number_in_any_case(world: World) -> None:
    await add(world, 2001, "刘六", "A1-003")
    await add(world, 2002, "1002号", None)
    assert await names(world, "a1-003") == ["刘六"]
    assert await names(world, "A1-003") == ["刘六"]
    assert await names(world, "A1-00") == []  # a number matches whole only
    # The worker whose number it is comes before the name that merely holds it.
    assert await names(world, "1002") == ["张三", "1002号"]
    assert await names(world, "0001") == ["李干事"]


async def test_search_finds_active_members_only(world: World) -> None:
    await add(world, 2001, "张三妹", "B7", active=False)
    assert await names(world, "张三") == ["张三"]
    assert await names(world, "b7") == []
    member = await world.members.get(world.worker)
    assert member is not None
    await world.members.change_status(member, "deactivate", None, NOW)
    assert await names(world, "张三") == []
    assert await names(world, "1002") == []


async def test_search_treats_wildcards_literally(world: World) -> None:
    await add(world, 2001, "达标100%")
    await add(world, 2002, "a_b")
    await add(world, 2003, "axb")
    await add(world, 2004, "back\\slash")
    assert await names(world, "%") == ["达标100%"]
    assert await names(world, "_") == ["a_b"]
    assert await names(world, "a_b") == ["a_b"]
    assert await names(world, "\\") == ["back\\slash"]
    assert await names(world, "0%") == ["达标100%"]
    assert await names(world, "%%") == []


async def test_search_empty_and_limited(world: World) -> None:
    assert await world.members.search("") == []
    assert await world.members.search("   ") == []
    for i in range(13):
        await add(world, 3000 + i, f"测试{i:02d}")
    assert len(await world.members.search("测试")) == 11
    assert await names(world, "测试", 3) == ["测试00", "测试01", "测试02"]


# ---------------------------------------------------------------- naming the person

def services(world: World) -> Services:
    return cast(Services, SimpleNamespace(members=world.members))


def acting(world: World) -> Actor:
    return Actor(tg_user_id=1001, member_id=world.officer, name="李干事", team_id=world.team_a,
                 status=MemberStatus.ACTIVE, roles=frozenset({Role.OFFICER}))


async def test_find_person_one_exact_or_several(world: World) -> None:
    s, actor = services(world), acting(world)
    await add(world, 2001, "张三丰")
    found = await find_person(s, actor, "张三")
    assert found.member is not None and found.member.id == world.worker
    assert (found.several, found.too_many) == ([], False)
    only = await find_person(s, actor, "丰")
    assert only.member is not None and only.member.name == "张三丰"
    several = await find_person(s, actor, "三")
    assert several.member is None
    assert [m.name for m in several.several] == ["张三", "张三丰"]
    by_number = await find_person(s, actor, " 1002 ")
    assert by_number.member is not None and by_number.member.id == world.worker
    nobody = await find_person(s, actor, "赵")
    assert (nobody.member, nobody.several, nobody.too_many) == (None, [], False)


async def test_find_person_never_the_officer_themself(world: World) -> None:
    s, actor = services(world), acting(world)
    assert (await find_person(s, actor, "李干事")).member is None
    assert (await find_person(s, actor, "0001")).member is None


async def test_find_person_too_many(world: World) -> None:
    s, actor = services(world), acting(world)
    for i in range(12):
        await add(world, 3000 + i, f"测试{i:02d}")
    found = await find_person(s, actor, "测试")
    assert found.member is None and found.too_many
    assert len(found.several) == 10
    await world.members.change_status(found.several[0], "deactivate", None, NOW)
    for member in found.several[1:]:
        await world.members.change_status(member, "deactivate", None, NOW)
    fewer = await find_person(s, actor, "测试")
    assert not fewer.too_many and [m.name for m in fewer.several] == ["测试10", "测试11"]
