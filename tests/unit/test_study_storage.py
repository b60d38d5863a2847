"""Storage of 学习型小家: study notes with their notebook photos, the monthly counts,
exams and their scores (an upsert that makes the board stale), posting once per version
of the scores, and the image files the outbox uploads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import audit
from bot.storage import exams as exam_store
from bot.storage import outbox as outbox_store
from bot.storage import study as study_store
from bot.storage.db import Database, ts
from bot.storage.errors import Conflict
from bot.storage.exams import ExamRepo
from bot.storage.outbox import OutboxRepo
from bot.storage.study import NewEntry, StudyRepo
from bot.study import Exam
from tests.unit.storage_world import opened

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
NOV_FIRST, NOV_LAST = date(2026, 11, 1), date(2026, 11, 30)


@dataclass(frozen=True)
class World:
    db: Database
    study: StudyRepo
    exams: ExamRepo
    team_a: int
    team_b: int
    officer: int
    worker: int
    other: int


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with opened(tmp_path / "study.sqlite3", NOW) as p:
        yield World(p.db, StudyRepo(p.db), ExamRepo(p.db), p.team_a, p.team_b, p.officer,
                    p.worker, p.other)


def note(member_id: int, team_id: int | None, studied_on: date = date(2026, 11, 10), *,
         kind: str = "政治学习", minutes: int = 60, notes: str = "学习了安全规程第三章",
         photos: tuple[str, ...] = ()) -> NewEntry:
    return NewEntry(member_id=member_id, team_id=team_id, kind=kind, minutes=minutes,
                    studied_on=studied_on, notes=notes, photos=photos)


async def log(db: Database, new: NewEntry, now: datetime = NOW) -> int:
    async with db.tx() as tx:
        return await study_store.insert(tx, new, now)


async def new_exam(world: World, team_id: int | None = None, *, subject: str = "安全规程",
                   held_on: date = date(2026, 11, 10), full_marks: float = 100.0,
                   now: datetime = NOW) -> Exam:
    async with world.db.tx() as tx:
        exam_id = await exam_store.create(tx, team_id or world.team_a, subject, held_on,
                                          full_marks, world.officer, now)
    exam = await world.exams.get(exam_id)
    assert exam is not None
    return exam


async def put(world: World, exam: Exam, scores: list[tuple[int, float]],
              now: datetime = NOW, note_text: str = "one") -> Exam:
    async with world.db.tx() as tx:
        await exam_store.put_scores(tx, exam.id, scores, world.officer, now, note_text)
    fresh = await world.exams.get(exam.id)
    assert fresh is not None
    return fresh


async def post(world: World, exam: Exam, now: datetime) -> bool:
    async with world.db.tx() as tx:
        return await exam_store.mark_posted(tx, exam, world.officer, now)


# ---------------------------------------------------------------- the migration

async def test_study_tables_exist(world: World) -> None:
    async with world.db.read() as tx:
        names = {r[0] for r in await tx.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = await tx.scalar("SELECT max(version) FROM schema_migrations")
    assert {"study_entries", "study_photos", "exams", "exam_scores", "outbox_files"} <= names
    assert version >= 4


# ---------------------------------------------------------------- study notes

async def test_insert_then_get(world: World) -> None:
    entry_id = await log(world.db, note(world.worker, world.team_a, kind="业务学习",
                                        minutes=45, photos=("ph-c", "ph-a", "ph-b")))
    entry = await world.study.get(entry_id)
    assert entry is not None
    assert (entry.id, entry.member_id, entry.team_id) == (entry_id, world.worker, world.team_a)
    assert (entry.kind, entry.minutes, entry.studied_on) == ("业务学习", 45, date(2026, 11, 10))
    assert entry.notes == "学习了安全规程第三章"
    assert entry.photos == ("ph-c", "ph-a", "ph-b")  # the order they were sent in
    assert entry.created_at == NOW and entry.created_at.tzinfo is not None
    history = await audit.history(world.db, "study", entry_id)
    assert [(h.actor_member_id, h.from_state, h.to_state) for h in history] == [
        (world.worker, None, "logged")]
    assert await world.study.get(entry_id + 100) is None


async def test_photo_only_note_without_team(world: World) -> None:
    entry_id = await log(world.db, note(world.worker, None, notes="", photos=("only",)))
    entry = await world.study.get(entry_id)
    assert entry is not None
    assert (entry.team_id, entry.notes, entry.photos) == (None, "", ("only",))


async def test_photos_stay_with_their_note(world: World) -> None:
    first = await log(world.db, note(world.worker, world.team_a, photos=("a1", "a2")))
    second = await log(world.db, note(world.worker, world.team_a, photos=("b1",)))
    third = await log(world.db, note(world.worker, world.team_a))
    entries = [await world.study.get(i) for i in (first, second, third)]
    assert [e.photos if e else None for e in entries] == [("a1", "a2"), ("b1",), ()]


@pytest.mark.parametrize("minutes", [0, -10])
async def test_note_without_minutes_refused_and_nothing_kept(world: World, minutes: int) -> None:
    with pytest.raises(Conflict):
        await log(world.db, note(world.worker, world.team_a, minutes=minutes, photos=("p",)))
    async with world.db.read() as tx:
        assert await tx.scalar("SELECT count(*) FROM study_entries") == 0
        assert await tx.scalar("SELECT count(*) FROM study_photos") == 0


async def test_note_of_an_unknown_member_refused(world: World) -> None:
    with pytest.raises(Conflict):
        await log(world.db, note(9999, world.team_a))


async def test_of_member_between_days_newest_first(world: World) -> None:
    days = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 20), date(2026, 11, 20),
            date(2026, 11, 30), date(2026, 12, 1)]
    ids = [await log(world.db, note(world.worker, world.team_a, day, photos=("p",) * n))
           for n, day in enumerate(days)]
    await log(world.db, note(world.other, world.team_b, date(2026, 11, 15)))
    found = await world.study.of_member(world.worker, NOV_FIRST, NOV_LAST)
    # Both bounds included; same day: the later entry first.
    assert [e.id for e in found] == [ids[4], ids[3], ids[2], ids[1]]
    assert [len(e.photos) for e in found] == [4, 3, 2, 1]  # how many, not which
    assert await world.study.of_member(world.worker, date(2026, 9, 1), date(2026, 9, 30)) == []


async def test_counts_per_member_in_the_month_and_per_team(world: World) -> None:
    for day in (date(2026, 11, 1), date(2026, 11, 5), date(2026, 11, 30)):
        await log(world.db, note(world.worker, world.team_a, day))
    await log(world.db, note(world.worker, world.team_a, date(2026, 10, 31)))  # last month
    await log(world.db, note(world.worker, world.team_a, date(2026, 12, 1)))   # next month
    await log(world.db, note(world.officer, world.team_a, date(2026, 11, 9)))
    await log(world.db, note(world.other, world.team_b, date(2026, 11, 9)))
    await log(world.db, note(world.other, None, date(2026, 11, 10)))  # no team at the time
    assert await world.study.count(world.worker, NOV_FIRST, NOV_LAST) == 3
    assert await world.study.count(world.worker, NOV_FIRST, NOV_FIRST) == 1
    assert await world.study.counts(NOV_FIRST, NOV_LAST) == {
        world.worker: 3, world.officer: 1, world.other: 2}
    assert await world.study.counts(NOV_FIRST, NOV_LAST, world.team_a) == {
        world.worker: 3, world.officer: 1}
    assert await world.study.counts(NOV_FIRST, NOV_LAST, world.team_b) == {world.other: 1}
    assert await world.study.counts(date(2027, 1, 1), date(2027, 1, 31)) == {}


# ---------------------------------------------------------------- exams and scores

async def test_create_then_get(world: World) -> None:
    exam = await new_exam(world, subject="应知应会", held_on=date(2026, 11, 12),
                          full_marks=150.0)
    assert (exam.team_id, exam.subject, exam.held_on) == (
        world.team_a, "应知应会", date(2026, 11, 12))
    assert exam.full_marks == 150.0 and exam.created_by == world.officer
    assert exam.created_at == exam.changed_at == NOW
    assert exam.posted_at is None and not exam.posted_current
    history = await audit.history(world.db, "exam", exam.id)
    assert [(h.actor_member_id, h.to_state) for h in history] == [(world.officer, "created")]
    assert await world.exams.get(exam.id + 100) is None


async def test_full_marks_must_be_positive(world: World) -> None:
    with pytest.raises(Conflict):
        await new_exam(world, full_marks=0)


async def test_put_scores_then_correct_one(world: World) -> None:
    exam = await new_exam(world)
    exam = await put(world, exam, [(world.worker, 85.5), (world.officer, 92.0)], NOW, "file:2")
    assert exam.changed_at == NOW
    assert [(s.member_id, s.name, s.employee_no, s.score)
            for s in await world.exams.scores(exam.id)] == [
        (world.officer, "李干事", "0001", 92.0), (world.worker, "张三", "1002", 85.5)]
    exam = await put(world, exam, [(world.worker, 95.0)], LATER)  # a correction: upsert
    assert exam.changed_at == LATER
    assert [(s.member_id, s.score) for s in await world.exams.scores(exam.id)] == [
        (world.worker, 95.0), (world.officer, 92.0)]
    async with world.db.read() as tx:
        assert await tx.scalar("SELECT count(*) FROM exam_scores WHERE exam_id = ?",
                               (exam.id,)) == 2
        assert await tx.scalar(
            "SELECT entered_at FROM exam_scores WHERE exam_id = ? AND member_id = ?",
            (exam.id, world.worker)) == ts(LATER)
    history = await audit.history(world.db, "exam", exam.id)
    assert [(h.to_state, h.note) for h in history] == [
        ("created", None), ("scores", "file:2"), ("scores", "one")]


async def test_scores_listed_high_to_low_then_by_name(world: World) -> None:
    exam = await new_exam(world)
    await put(world, exam, [(world.other, 80.0), (world.officer, 99.0), (world.worker, 80.0)])
    assert [(s.name, s.score) for s in await world.exams.scores(exam.id)] == [
        ("李干事", 99.0), ("张三", 80.0), ("王五", 80.0)]  # 张 (U+5F20) before 王 (U+738B)


async def test_negative_score_refused_and_nothing_kept(world: World) -> None:
    exam = await new_exam(world)
    with pytest.raises(Conflict):
        await put(world, exam, [(world.worker, 90.0), (world.officer, -1.0)], LATER)
    assert await world.exams.scores(exam.id) == []
    again = await world.exams.get(exam.id)
    assert again is not None and again.changed_at == NOW  # the whole change rolled back


# ---------------------------------------------------------------- posting once per version

async def test_posted_once_per_version_of_the_scores(world: World) -> None:
    exam = await put(world, await new_exam(world), [(world.worker, 85.0)], NOW)
    assert await post(world, exam, NOW + timedelta(minutes=1)) is True
    posted = await world.exams.get(exam.id)
    assert posted is not None and posted.posted_current
    assert posted.posted_at == NOW + timedelta(minutes=1)
    # Someone else presses 公布 on the same scores: already posted.
    assert await post(world, exam, NOW + timedelta(minutes=2)) is False
    assert await post(world, posted, NOW + timedelta(minutes=3)) is False
    still = await world.exams.get(exam.id)
    assert still is not None and still.posted_at == NOW + timedelta(minutes=1)

    # A score corrected: the board is stale until posted again, once.
    changed = await put(world, posted, [(world.worker, 88.0)], LATER)
    assert changed.changed_at == LATER and not changed.posted_current
    assert await post(world, changed, LATER + timedelta(minutes=1)) is True
    assert await post(world, changed, LATER + timedelta(minutes=2)) is False
    final = await world.exams.get(exam.id)
    assert final is not None and final.posted_current
    assert final.posted_at == LATER + timedelta(minutes=1)

    history = await audit.history(world.db, "exam", exam.id)
    assert [h.to_state for h in history] == ["created", "scores", "posted", "scores", "posted"]


async def test_posting_a_stale_version_is_refused(world: World) -> None:
    seen = await put(world, await new_exam(world), [(world.worker, 85.0)], NOW)
    await put(world, seen, [(world.worker, 60.0)], LATER)  # changed while the officer looked
    assert await post(world, seen, LATER + timedelta(minutes=1)) is False
    exam = await world.exams.get(seen.id)
    assert exam is not None and exam.posted_at is None


async def test_exam_without_scores_can_be_posted_once(world: World) -> None:
    exam = await new_exam(world)
    assert await post(world, exam, LATER) is True
    assert await post(world, exam, LATER) is False


# ---------------------------------------------------------------- exam lists

async def test_of_team_latest_first_with_limit(world: World) -> None:
    first = await new_exam(world, held_on=date(2026, 10, 5))
    second = await new_exam(world, held_on=date(2026, 11, 10))
    third = await new_exam(world, held_on=date(2026, 11, 10))
    other = await new_exam(world, world.team_b, held_on=date(2026, 11, 1))
    assert [e.id for e in await world.exams.of_team(world.team_a)] == [
        third.id, second.id, first.id]
    assert [e.id for e in await world.exams.of_team(world.team_a, limit=2)] == [
        third.id, second.id]
    assert [e.id for e in await world.exams.of_team(world.team_b)] == [other.id]
    assert [e.id for e in await world.exams.of_team(None)] == [
        third.id, second.id, other.id, first.id]


async def test_held_between_both_days_included(world: World) -> None:
    before = await new_exam(world, held_on=date(2026, 10, 31))
    first = await new_exam(world, held_on=date(2026, 11, 30))
    second = await new_exam(world, world.team_b, held_on=date(2026, 11, 1))
    after = await new_exam(world, held_on=date(2026, 12, 1))
    found = await world.exams.held_between(NOV_FIRST, NOV_LAST)
    assert [e.id for e in found] == [second.id, first.id]  # by day held
    assert not {before.id, after.id} & {e.id for e in found}


async def test_a_members_latest_scores(world: World) -> None:
    old = await new_exam(world, subject="旧", held_on=date(2026, 9, 1))
    new = await new_exam(world, subject="新", held_on=date(2026, 11, 1))
    none = await new_exam(world, subject="未考", held_on=date(2026, 11, 5))
    await put(world, old, [(world.worker, 70.0)])
    await put(world, new, [(world.worker, 90.5), (world.officer, 60.0)])
    await put(world, none, [(world.officer, 50.0)])
    mine = await world.exams.of_member(world.worker)
    assert [(e.subject, score) for e, score in mine] == [("新", 90.5), ("旧", 70.0)]
    assert [e.subject for e, _ in await world.exams.of_member(world.worker, limit=1)] == ["新"]
    assert await world.exams.of_member(world.other) == []


# ---------------------------------------------------------------- files for the outbox

@pytest.mark.parametrize(("filename", "data"), [
    ("成绩公布牌-1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ("empty.bin", b""),
    ("nul.bin", b"\x00\x00a\x00"),
])
async def test_outbox_file_round_trip(world: World, filename: str, data: bytes) -> None:
    async with world.db.tx() as tx:
        file_id = await outbox_store.add_file(tx, filename, data, NOW)
    assert await OutboxRepo(world.db).file(file_id) == (filename, data)


async def test_outbox_files_kept_apart(world: World) -> None:
    async with world.db.tx() as tx:
        first = await outbox_store.add_file(tx, "a.png", b"first", NOW)
        second = await outbox_store.add_file(tx, "b.png", b"second", NOW)
    repo = OutboxRepo(world.db)
    assert first != second
    assert await repo.file(first) == ("a.png", b"first")
    assert await repo.file(second) == ("b.png", b"second")
    assert await repo.file(second + 100) is None
