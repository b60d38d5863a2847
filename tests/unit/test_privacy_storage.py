"""Storage of privacy (bot/storage/privacy.py) on a seeded database: forget_member empties
the member row and deletes or unlinks everything naming them — and nothing of anybody
else — in one transaction; purge deletes closed cards and hazards raised before the
cut-off with everything hanging on them, and old sent/failed messages and images,
keeping what disclosures and the reminder ledger point to. Both leave no dangling
foreign key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cards import Identity
from bot.flows import FlowState
from bot.hazards import Severity
from bot.roles import MemberStatus, Role
from bot.storage import cards as card_store
from bot.storage import disclosures as disclosure_store
from bot.storage import exams as exam_store
from bot.storage import hazards as hazard_store
from bot.storage import outbox as outbox_store
from bot.storage import study as study_store
from bot.storage import visits as visit_store
from bot.storage.cards import NewCard
from bot.storage.db import Database, ts
from bot.storage.disclosures import NewDisclosure
from bot.storage.flows import FlowRepo
from bot.storage.hazards import NewHazard
from bot.storage.members import MemberRepo
from bot.storage.privacy import FORGOTTEN, Purged, forget_member, purge
from bot.storage.study import NewEntry
from bot.storage.visits import NewVisit
from bot.visits import FollowUp, Kind
from tests.unit.storage_world import opened

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
WORKER_TG, OTHER_TG, OFFICER_TG = 1002, 1003, 1001
WORKER_TAG, OTHER_TAG = "owner-tag-worker", "owner-tag-other"
GROUP = -1001000000555


# ---- a seeded branch ----------------------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    db: Database
    members: MemberRepo
    team_a: int
    team_b: int
    officer: int
    worker: int  # 张三 (tg 1002): everything below marked "worker" is theirs
    other: int  # 王五 (tg 1003): the same kinds of things, which must stay


async def one(db: Database, sql: str, params: tuple[Any, ...] = ()) -> Any:
    async with db.read() as tx:
        return await tx.scalar(sql, params)


async def rows(db: Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    async with db.read() as tx:
        return [tuple(r) for r in await tx.fetchall(sql, params)]


async def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    async with db.read() as tx:
        tables = [r[0] for r in await tx.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted((tuple(r) for r in await tx.fetchall(f'SELECT * FROM "{t}"')),
                          key=repr) for t in tables}


async def assert_clean(db: Database) -> None:
    async with db.read() as tx:
        dangling = [tuple(r) for r in await tx.fetchall("PRAGMA foreign_key_check")]
        integrity = await tx.scalar("PRAGMA integrity_check")
    assert dangling == [] and integrity == "ok", (dangling, integrity)


def card(team: int, body: str, identity: Identity, author: int | None, tag: str | None,
         sealed: str | None = None, receipt: str | None = None,
         photos: tuple[str, ...] = ()) -> NewCard:
    return NewCard(team_id=team, category="其他", body=body, identity=identity,
                   author_member_id=author, publish_ok=author is not None, photos=photos,
                   owner_tag=tag, sealed_chat=sealed, receipt_hash=receipt)


def hazard(team: int, reporter: int | None, description: str,
           photos: tuple[str, ...] = ("hazard-photo",)) -> NewHazard:
    return NewHazard(team_id=team, reporter_member_id=reporter, location="回风巷",
                     category="通风", severity=Severity.ORDINARY, description=description,
                     found_at=NOW, photos=photos)


def visit(officer: int, member: int | None, person: str, team: int) -> NewVisit:
    return NewVisit(officer_id=officer, kind=Kind.TALK, member_id=member, person=person,
                    team_id=team, visited_on=date(2026, 11, 20), notes="聊了聊家里的情况",
                    reasons=("住院",), follow_up=FollowUp.NONE, revisit_on=None, help_note="")


@pytest.fixture
async def seeded(tmp_path: Path) -> AsyncIterator[Seeded]:
    async with opened(tmp_path / "privacy.sqlite3", NOW) as p:
        db, members = p.db, MemberRepo(p.db)
        await members.grant(p.officer, Role.OFFICER, None, NOW)
        await members.grant(p.worker, Role.REPRESENTATIVE, p.officer, NOW)
        await members.grant(p.other, Role.SUPERVISOR, p.officer, NOW)
        await members.set_language(WORKER_TG, "en")
        await members.set_language(OTHER_TG, "zh-CN")
        flows = FlowRepo(db)
        for tg in (WORKER_TG, OTHER_TG):
            await flows.save(FlowState(tg, "card", "text", {"category": "其他"}, NOW, NOW))
        async with db.tx() as tx:
            # cards: #1 worker named, #2 worker anonymous, #3 worker secret (no link),
            # #4 other named, #5 other anonymous
            await card_store.insert(tx, card(p.team_a, "张三的实名卡", Identity.NAMED, p.worker,
                                             WORKER_TAG, photos=("card-photo",)), NOW,
                                    date(2026, 12, 21))
            await card_store.insert(tx, card(p.team_a, "张三的匿名卡", Identity.ANONYMOUS, None,
                                             WORKER_TAG, sealed="sealed-worker"), NOW,
                                    date(2026, 12, 21))
            await card_store.insert(tx, card(p.team_a, "谁写的完全匿名卡", Identity.SECRET, None,
                                             None, receipt="receipt-hash"), NOW,
                                    date(2026, 12, 21))
            await card_store.insert(tx, card(p.team_b, "王五的实名卡", Identity.NAMED, p.other,
                                             OTHER_TAG), NOW, date(2026, 12, 21))
            await card_store.insert(tx, card(p.team_b, "王五的匿名卡", Identity.ANONYMOUS, None,
                                             OTHER_TAG, sealed="sealed-other"), NOW,
                                    date(2026, 12, 21))
            await card_store.add_reply(tx, 1, 1, "已答复", "后勤科", None, p.officer, NOW)
            # hazards: #1 reported by the worker, #2 by the other and owned by the worker,
            # #3 by the other and owned by the officer
            await hazard_store.insert(tx, hazard(p.team_a, p.worker, "张三报的隐患"), NOW)
            await hazard_store.insert(tx, hazard(p.team_b, p.other, "王五报的隐患"), NOW)
            await hazard_store.insert(tx, hazard(p.team_b, p.other, "王五报的另一条"), NOW)
            await tx.execute("UPDATE hazards SET status = 'confirmed', owner_member_id = ?,"
                             " owner_name = NULL WHERE id = 2", (p.worker,))
            await tx.execute("UPDATE hazards SET status = 'confirmed', owner_member_id = ?"
                             " WHERE id = 3", (p.officer,))
            # study, with a notebook photo each
            for member, team in ((p.worker, p.team_a), (p.other, p.team_b)):
                await study_store.insert(tx, NewEntry(member, team, "操作规程", 60,
                                                      date(2026, 11, 20), "学了规程",
                                                      ("notebook",)), NOW)
            exam = await exam_store.create(tx, p.team_a, "安全规程", date(2026, 11, 20), 100,
                                           p.officer, NOW)
            await exam_store.put_scores(tx, exam, [(p.worker, 90), (p.other, 80),
                                                   (p.officer, 70)], p.officer, NOW, "file:3")
            # visits: #1 the worker, #2 the other, #3 someone not registered
            await visit_store.insert(tx, visit(p.officer, p.worker, "张三", p.team_a), NOW)
            await visit_store.insert(tx, visit(p.officer, p.other, "王五", p.team_b), NOW)
            await visit_store.insert(tx, visit(p.officer, None, "赵六", p.team_a), NOW)
            # a disclosure read by both in a group
            disclosure = await disclosure_store.insert(
                tx, NewDisclosure("工资", "2026年10月", "工资", "人均6820元", p.officer,
                                  (GROUP,)), NOW)
            post = await outbox_store.enqueue(tx, GROUP, "sendMessage", {"text": "公开"},
                                              NOW, NOW)
            await disclosure_store.add_post(tx, disclosure, GROUP, post)
            for member in (p.worker, p.other):
                await tx.execute("INSERT INTO disclosure_reads (disclosure_id, chat_id,"
                                 " member_id, read_at) VALUES (?, ?, ?, ?)",
                                 (disclosure, GROUP, member, ts(NOW)))
            for tg in (WORKER_TG, OTHER_TG):
                await tx.execute("INSERT INTO chat_members (chat_id, tg_user_id, present,"
                                 " updated_at) VALUES (?, ?, 1, ?)", (GROUP, tg, ts(NOW)))
                await outbox_store.enqueue(tx, tg, "sendMessage", {"text": f"待发给 {tg}"},
                                           NOW, NOW, ref="pending")
                sent = await outbox_store.enqueue(tx, tg, "sendMessage",
                                                  {"text": f"发给 {tg} 的"}, NOW, NOW)
                await tx.execute("UPDATE outbox SET status = 'sent', message_id = 7"
                                 " WHERE id = ?", (sent,))
        yield Seeded(db, members, p.team_a, p.team_b, p.officer, p.worker, p.other)


OTHERS_ROWS = {
    "members": "SELECT * FROM members WHERE id = :m",
    "member_roles": "SELECT * FROM member_roles WHERE member_id = :m",
    "study_entries": "SELECT * FROM study_entries WHERE member_id = :m",
    "study_photos": "SELECT * FROM study_photos WHERE entry_id IN"
                    " (SELECT id FROM study_entries WHERE member_id = :m)",
    "exam_scores": "SELECT * FROM exam_scores WHERE member_id = :m",
    "disclosure_reads": "SELECT * FROM disclosure_reads WHERE member_id = :m",
    "cards": "SELECT * FROM cards WHERE author_member_id = :m OR id IN"
             " (SELECT card_id FROM card_owners WHERE owner_tag = :tag)",
    "card_owners": "SELECT * FROM card_owners WHERE owner_tag = :tag",
    # (hazard #2 is the other's report, owned by the worker: its owner_name may change)
    "hazards": "SELECT id, reporter_member_id, description, status FROM hazards"
               " WHERE reporter_member_id = :m",
    "visits": "SELECT * FROM visits WHERE member_id = :m",
    "chat_members": "SELECT * FROM chat_members WHERE tg_user_id = :tg",
    "flows": "SELECT * FROM flows WHERE tg_user_id = :tg",
    "user_prefs": "SELECT * FROM user_prefs WHERE tg_user_id = :tg",
    "outbox": "SELECT * FROM outbox WHERE chat_id = :tg",
}


async def of_other(seeded: Seeded) -> dict[str, list[tuple[Any, ...]]]:
    """The rows that belong to the other member (王五), which must not change."""
    params = {"m": seeded.other, "tg": OTHER_TG, "tag": OTHER_TAG}
    async with seeded.db.read() as tx:
        return {table: [tuple(r) for r in await tx.fetchall(sql, params)]
                for table, sql in OTHERS_ROWS.items()}


# ---- forget_member ------------------------------------------------------------------------


async def test_forget_empties_the_member_row_and_frees_the_telegram_id(seeded: Seeded) -> None:
    db = seeded.db
    assert await forget_member(db, seeded.worker, WORKER_TG, WORKER_TAG, NOW) is True
    row = dict(zip(("name", "username", "employee_no", "tg", "status", "consent", "team"),
                   (await rows(db, "SELECT name, username, employee_no, tg_user_id, status,"
                                   " consent_at, team_id FROM members WHERE id = ?",
                               (seeded.worker,)))[0], strict=True))
    assert row == {"name": f"{FORGOTTEN}#{seeded.worker}", "username": None,
                   "employee_no": None, "tg": -seeded.worker, "status": "deactivated",
                   "consent": None, "team": seeded.team_a}
    assert await seeded.members.by_tg(WORKER_TG) is None
    # The same Telegram user may register again, as a new member.
    again = await seeded.members.register(WORKER_TG, "张三", None, seeded.team_a, "1002",
                                          True, NOW)
    assert again.id != seeded.worker and again.status is MemberStatus.ACTIVE
    assert again.roles == frozenset()
    assert await one(db, "SELECT count(*) FROM member_roles WHERE member_id = ?",
                     (again.id,)) == 0
    await assert_clean(db)


async def test_forget_deletes_what_names_the_member(seeded: Seeded) -> None:
    db, worker = seeded.db, seeded.worker
    await forget_member(db, worker, WORKER_TG, WORKER_TAG, NOW)
    for sql in ("SELECT count(*) FROM member_roles WHERE member_id = ?",
                "SELECT count(*) FROM study_entries WHERE member_id = ?",
                "SELECT count(*) FROM exam_scores WHERE member_id = ?",
                "SELECT count(*) FROM disclosure_reads WHERE member_id = ?",
                "SELECT count(*) FROM cards WHERE author_member_id = ?",
                "SELECT count(*) FROM hazards WHERE reporter_member_id = ?",
                "SELECT count(*) FROM visits WHERE member_id = ?"):
        assert await one(db, sql, (worker,)) == 0, sql
    for sql in ("SELECT count(*) FROM user_prefs WHERE tg_user_id = ?",
                "SELECT count(*) FROM flows WHERE tg_user_id = ?",
                "SELECT count(*) FROM chat_members WHERE tg_user_id = ?",
                "SELECT count(*) FROM outbox WHERE chat_id = ?"):
        assert await one(db, sql, (WORKER_TG,)) == 0, sql
    assert await one(db, "SELECT count(*) FROM study_photos") == 1  # the other's page
    assert await one(db, "SELECT count(*) FROM card_owners WHERE owner_tag = ?",
                     (WORKER_TAG,)) == 0
    assert await one(db, "SELECT count(*) FROM card_owners WHERE sealed_chat = ?",
                     ("sealed-worker",)) == 0
    # The messages to them: the pending one given up, both emptied.
    mine = await rows(db, "SELECT payload, chat_id, status, error FROM outbox"
                          " WHERE payload NOT LIKE '%公开%' AND chat_id NOT IN (?)",
                      (OTHER_TG,))
    assert sorted(mine) == [("{}", 0, "failed", "member forgotten"), ("{}", 0, "sent", None)]
    audit = await rows(db, "SELECT actor_member_id, from_state, to_state FROM audit_log"
                           " WHERE item_type = 'member' AND item_id = ?", (str(worker),))
    assert audit[-1] == (None, None, "forgotten")
    await assert_clean(db)


async def test_forget_keeps_the_records_without_the_member(seeded: Seeded) -> None:
    db, worker = seeded.db, seeded.worker
    await forget_member(db, worker, WORKER_TG, WORKER_TAG, NOW)
    cards = await rows(db, "SELECT id, body, identity, author_member_id, publish_ok FROM cards"
                           " ORDER BY id")
    assert cards == [(1, "张三的实名卡", "named", None, 0),
                     (2, "张三的匿名卡", "anonymous", None, 0),
                     (3, "谁写的完全匿名卡", "secret", None, 0),
                     (4, "王五的实名卡", "named", seeded.other, 1),
                     (5, "王五的匿名卡", "anonymous", None, 0)]
    assert await one(db, "SELECT count(*) FROM card_photos WHERE card_id = 1") == 1
    assert await one(db, "SELECT count(*) FROM card_replies WHERE card_id = 1") == 1
    # The fully anonymous card keeps its receipt (nobody knows whose it is).
    assert await rows(db, "SELECT card_id, receipt_hash FROM card_owners ORDER BY card_id") \
        == [(3, "receipt-hash"), (4, None), (5, None)]
    hazards = await rows(db, "SELECT id, reporter_member_id, owner_member_id, owner_name,"
                             " description FROM hazards ORDER BY id")
    assert hazards == [(1, None, None, None, "张三报的隐患"),
                       (2, seeded.other, worker, FORGOTTEN, "王五报的隐患"),
                       (3, seeded.other, seeded.officer, None, "王五报的另一条")]
    assert await one(db, "SELECT count(*) FROM hazard_photos WHERE hazard_id = 1") == 1
    visits = await rows(db, "SELECT id, member_id, person, notes FROM visits ORDER BY id")
    assert visits == [(1, None, FORGOTTEN, "聊了聊家里的情况"),
                      (2, seeded.other, "王五", "聊了聊家里的情况"),
                      (3, None, "赵六", "聊了聊家里的情况")]
    assert await one(db, "SELECT count(*) FROM exams") == 1
    assert await one(db, "SELECT count(*) FROM exam_scores") == 2
    await assert_clean(db)


async def test_forget_touches_nobody_else(seeded: Seeded) -> None:
    before = await of_other(seeded)
    assert all(before.values()), [t for t, r in before.items() if not r]
    await forget_member(seeded.db, seeded.worker, WORKER_TG, WORKER_TAG, NOW)
    assert await of_other(seeded) == before
    officer = await seeded.members.get(seeded.officer)
    assert officer is not None and officer.name == "李干事"
    assert Role.OFFICER in officer.roles


async def test_forget_an_unknown_member_changes_nothing(seeded: Seeded) -> None:
    before = await dump(seeded.db)
    assert await forget_member(seeded.db, 999, 999999, "no-such-tag", NOW) is False
    assert await dump(seeded.db) == before


async def test_forget_twice_is_harmless(seeded: Seeded) -> None:
    await forget_member(seeded.db, seeded.worker, WORKER_TG, WORKER_TAG, NOW)
    first = await dump(seeded.db)
    assert await forget_member(seeded.db, seeded.worker, WORKER_TG, WORKER_TAG,
                               NOW + timedelta(minutes=1)) is True
    second = await dump(seeded.db)
    assert {t: r for t, r in second.items() if t not in ("audit_log", "members")} == \
        {t: r for t, r in first.items() if t not in ("audit_log", "members")}
    member = await seeded.members.get(seeded.worker)
    assert member is not None and member.tg_user_id == -seeded.worker
    await assert_clean(seeded.db)


async def test_forget_is_one_transaction(seeded: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure half way (the audit record) leaves everything as it was."""
    from bot.storage import privacy

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    before = await dump(seeded.db)
    monkeypatch.setattr(privacy.audit, "record", broken)
    with pytest.raises(RuntimeError):
        await forget_member(seeded.db, seeded.worker, WORKER_TG, WORKER_TAG, NOW)
    monkeypatch.undo()
    assert await dump(seeded.db) == before


# ---- purge --------------------------------------------------------------------------------


OLD = NOW - timedelta(days=2000)
CUTOFF = NOW - timedelta(days=1095)
MESSAGES_CUTOFF = NOW - timedelta(days=30)
CARD_STATES = ("new", "accepted", "replied", "closed", "returned", "duplicate")
HAZARD_STATES = ("reported", "confirmed", "fixed", "verified", "rejected", "duplicate")


@dataclass(frozen=True)
class Aged:
    db: Database
    cards: dict[tuple[str, str], int]  # (status, "old"|"recent"|"edge") → id
    hazards: dict[tuple[str, str], int]


@pytest.fixture
async def aged(tmp_path: Path) -> AsyncIterator[Aged]:
    """Cards and hazards in every state, raised long ago, recently and exactly at the
    cut-off, each with a photo (cards also a reply, an owner and a publication)."""
    async with opened(tmp_path / "purge.sqlite3", OLD) as p:
        cards: dict[tuple[str, str], int] = {}
        hazards: dict[tuple[str, str], int] = {}
        ages = {"old": OLD, "recent": NOW - timedelta(days=10), "edge": CUTOFF}
        async with p.db.tx() as tx:
            for age, at in ages.items():
                for status in CARD_STATES:
                    card_id = await card_store.insert(
                        tx, card(p.team_a, f"{status}-{age}", Identity.ANONYMOUS, None,
                                 f"tag-{status}-{age}", "sealed", photos=("p1", "p2")),
                        at, at.date())
                    await card_store.add_reply(tx, card_id, 1, "答复", "后勤科", None,
                                               p.officer, at)
                    await card_store.add_publication(tx, card_id, GROUP, p.officer, at)
                    await tx.execute("UPDATE cards SET status = ? WHERE id = ?",
                                     (status, card_id))
                    cards[status, age] = card_id
                for status in HAZARD_STATES:
                    hazard_id = await hazard_store.insert(
                        tx, hazard(p.team_a, p.worker, f"{status}-{age}"), at)
                    await hazard_store.add_photos(tx, hazard_id, "fix", 1, ("fix-photo",))
                    await tx.execute("UPDATE hazards SET status = ? WHERE id = ?",
                                     (status, hazard_id))
                    hazards[status, age] = hazard_id
        yield Aged(p.db, cards, hazards)


async def test_purge_deletes_old_closed_cards_and_hazards_with_what_hangs_on_them(
        aged: Aged) -> None:
    db = aged.db
    done = await purge(db, CUTOFF, MESSAGES_CUTOFF)
    assert done == Purged(cards=3, hazards=3, outbox=0, files=0)
    gone_cards = {aged.cards[s, "old"] for s in ("closed", "returned", "duplicate")}
    gone_hazards = {aged.hazards[s, "old"] for s in ("verified", "rejected", "duplicate")}
    left_cards = {r[0] for r in await rows(db, "SELECT id FROM cards")}
    left_hazards = {r[0] for r in await rows(db, "SELECT id FROM hazards")}
    assert left_cards == set(aged.cards.values()) - gone_cards
    assert left_hazards == set(aged.hazards.values()) - gone_hazards
    for table in ("card_photos", "card_replies", "card_owners", "card_publications"):
        ids = {r[0] for r in await rows(db, f"SELECT DISTINCT card_id FROM {table}")}
        assert ids == left_cards, table
    ids = {r[0] for r in await rows(db, "SELECT DISTINCT hazard_id FROM hazard_photos")}
    assert ids == left_hazards
    # Raised exactly at the cut-off: kept (strictly before goes).
    assert aged.cards["closed", "edge"] in left_cards
    assert aged.hazards["verified", "edge"] in left_hazards
    await assert_clean(db)
    # Again: nothing more to do.
    assert await purge(db, CUTOFF, MESSAGES_CUTOFF) == Purged(0, 0, 0, 0)


async def test_purge_unlinks_duplicates_of_what_it_deletes(aged: Aged) -> None:
    """A recent duplicate of an old closed card (hazard) stays, pointing nowhere; an old
    duplicate of a card still open goes, and the open card stays."""
    db = aged.db
    old_closed, recent_dup = aged.cards["closed", "old"], aged.cards["duplicate", "recent"]
    open_card, old_dup = aged.cards["new", "recent"], aged.cards["duplicate", "old"]
    old_verified = aged.hazards["verified", "old"]
    recent_hdup = aged.hazards["duplicate", "recent"]
    async with db.tx() as tx:
        await tx.execute("UPDATE cards SET duplicate_of = ? WHERE id = ?",
                         (old_closed, recent_dup))
        await tx.execute("UPDATE cards SET duplicate_of = ? WHERE id = ?", (open_card, old_dup))
        await tx.execute("UPDATE hazards SET duplicate_of = ? WHERE id = ?",
                         (old_verified, recent_hdup))
    await purge(db, CUTOFF, MESSAGES_CUTOFF)
    assert await rows(db, "SELECT status, duplicate_of FROM cards WHERE id = ?",
                      (recent_dup,)) == [("duplicate", None)]
    assert await one(db, "SELECT count(*) FROM cards WHERE id = ?", (old_dup,)) == 0
    assert await one(db, "SELECT count(*) FROM cards WHERE id = ?", (open_card,)) == 1
    assert await rows(db, "SELECT status, duplicate_of FROM hazards WHERE id = ?",
                      (recent_hdup,)) == [("duplicate", None)]
    await assert_clean(db)


async def test_purge_deletes_old_sent_messages_but_those_pointed_to(tmp_path: Path) -> None:
    async with opened(tmp_path / "outbox.sqlite3", NOW) as p:
        db = p.db
        old, recent = MESSAGES_CUTOFF - timedelta(seconds=1), NOW - timedelta(days=1)
        ids: dict[tuple[str, str], int] = {}
        async with db.tx() as tx:
            for age, at in (("old", old), ("recent", recent), ("edge", MESSAGES_CUTOFF)):
                for status in ("pending", "sending", "sent", "failed", "uncertain"):
                    item = await outbox_store.enqueue(tx, GROUP, "sendMessage",
                                                      {"text": f"{status}-{age}"}, at, at)
                    await tx.execute("UPDATE outbox SET status = ? WHERE id = ?",
                                     (status, item))
                    ids[status, age] = item
            # Old sent rows others point to: a disclosure's post, its pin, its progress
            # message, and a reminder in the ledger.
            post, pin, progress, reminder = [
                await outbox_store.enqueue(tx, GROUP, "sendMessage", {"text": what}, old, old)
                for what in ("post", "pin", "progress", "reminder")]
            for item in (post, pin, progress, reminder):
                await tx.execute("UPDATE outbox SET status = 'sent' WHERE id = ?", (item,))
            disclosure = await disclosure_store.insert(
                tx, NewDisclosure("工资", "2026年10月", "工资", "表", p.officer, (GROUP,)), old)
            await disclosure_store.add_post(tx, disclosure, GROUP, post)
            await disclosure_store.set_pin(tx, post, pin)
            await disclosure_store.set_progress(tx, disclosure, old, progress)
            await outbox_store.record_once(tx, "card:1", "remind", "2026-10", old)
            await outbox_store.link_ledger(tx, "card:1", "remind", "2026-10", reminder)
        done = await purge(db, CUTOFF, MESSAGES_CUTOFF)
        gone = {ids[s, "old"] for s in ("sent", "failed", "uncertain")}
        assert done == Purged(0, 0, 3, 0)
        left = {r[0] for r in await rows(db, "SELECT id FROM outbox")}
        assert left == (set(ids.values()) | {post, pin, progress, reminder}) - gone
        await assert_clean(db)


async def test_purge_deletes_old_images_but_a_disclosure_table(tmp_path: Path) -> None:
    async with opened(tmp_path / "files.sqlite3", NOW) as p:
        db = p.db
        old, recent = MESSAGES_CUTOFF - timedelta(days=1), NOW - timedelta(days=1)
        async with db.tx() as tx:
            board = await outbox_store.add_file(tx, "board.png", b"old board", old)
            table = await outbox_store.add_file(tx, "table-0.png", b"old table", old)
            fresh = await outbox_store.add_file(tx, "chart.png", b"new chart", recent)
            await disclosure_store.insert(
                tx, NewDisclosure("工资", "2026年10月", "工资", "表", p.officer, (GROUP,),
                                  images=(table,)), old)
        assert await purge(db, CUTOFF, MESSAGES_CUTOFF) == Purged(0, 0, 0, 1)
        assert {r[0] for r in await rows(db, "SELECT id FROM outbox_files")} == {table, fresh}
        assert board not in {r[0] for r in await rows(db, "SELECT id FROM outbox_files")}
        await assert_clean(db)


async def test_purge_keeps_an_image_a_pending_message_still_needs(tmp_path: Path) -> None:
    async with opened(tmp_path / "pending.sqlite3", NOW) as p:
        db = p.db
        old = MESSAGES_CUTOFF - timedelta(days=1)
        async with db.tx() as tx:
            image = await outbox_store.add_file(tx, "summary-1.png", b"chart", old)
            await outbox_store.enqueue(tx, GROUP, "sendPhoto", {"photo": {"file": image}},
                                       old, old)
        await purge(db, CUTOFF, MESSAGES_CUTOFF)
        assert await outbox_store.OutboxRepo(db).file(image) is not None


async def test_forget_deletes_the_remembered_submit_presses(seeded: Seeded) -> None:
    """What a 提交 press made is kept a day under the owner tag (bot/receipts.py): the
    member's go, the other's stay."""
    db = seeded.db
    async with db.tx() as tx:
        for tag, message_id in ((WORKER_TAG, 11), (WORKER_TAG, 12), (OTHER_TAG, 11)):
            await tx.execute("INSERT INTO submit_receipts (owner_tag, message_id, sealed,"
                             " created_at) VALUES (?, ?, 'sealed', ?)",
                             (tag, message_id, ts(NOW)))
    await forget_member(db, seeded.worker, WORKER_TG, WORKER_TAG, NOW)
    assert await rows(db, "SELECT owner_tag, message_id FROM submit_receipts") == [
        (OTHER_TAG, 11)]
