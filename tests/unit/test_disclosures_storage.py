"""Storage of 厂务公开: a disclosure drafted with its images and target chats, decided
once by the first chair, its posts read from their outbox rows, the exact message a
button was pressed under, pins set once, 已阅 once per member and chat, the progress of a
broadcast, final reports not yet sent, questions raised under it or its corrections;
who a group chat is expected to hold, who in a team has not read it; and the named
parameters of a transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.cards import Identity
from bot.disclosures import Attachment, Progress, Status
from bot.outbox import Status as Sent
from bot.roles import Role
from bot.storage import audit
from bot.storage import cards as card_store
from bot.storage import disclosures as store
from bot.storage import outbox as outbox_store
from bot.storage.cards import NewCard
from bot.storage.chat_members import ChatMemberRepo
from bot.storage.db import Database
from bot.storage.disclosures import DisclosureRepo, NewDisclosure
from bot.storage.errors import Conflict, StorageError
from bot.storage.members import MemberRepo
from bot.storage.outbox import OutboxRepo
from tests.unit.storage_world import opened

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=5)
TEAM_CHAT, BRANCH_CHAT, OFFICERS_CHAT, OTHER_CHAT = -1001, -1002, -1003, -1004
KIND = "disclosure-report"


@dataclass(frozen=True)
class World:
    db: Database
    repo: DisclosureRepo
    chat_members: ChatMemberRepo
    outbox: OutboxRepo
    members: MemberRepo
    team_a: int
    team_b: int
    officer: int  # 李干事, team A, employee number 0001, an officer
    worker: int  # 张三, team A, employee number 1002
    other: int  # 王五, team B, no employee number
    chair: int  # 赵主席, team B, employee number 0009, a chair
    second_chair: int  # 钱主席, team B, no employee number, a chair


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with opened(tmp_path / "disclosures.sqlite3", NOW) as p:
        members = MemberRepo(p.db)
        chair = await members.register(2001, "赵主席", None, p.team_b, "0009", True, NOW)
        second = await members.register(2002, "钱主席", None, p.team_b, None, True, NOW)
        await members.grant(p.officer, Role.OFFICER, None, NOW)
        await members.grant(chair.id, Role.CHAIR, None, NOW)
        await members.grant(second.id, Role.CHAIR, None, NOW)
        yield World(p.db, DisclosureRepo(p.db), ChatMemberRepo(p.db), OutboxRepo(p.db),
                    members, p.team_a, p.team_b, p.officer, p.worker, p.other, chair.id,
                    second.id)


def new_disclosure(drafter: int, chats: tuple[int, ...] = (TEAM_CHAT, BRANCH_CHAT), *,
                   title: str = "11月工资公开", body: str = "见附表",
                   attachment: Attachment = Attachment.NONE, file_id: str | None = None,
                   file_name: str | None = None, images: tuple[int, ...] = (),
                   pin: bool = False, parent_id: int | None = None) -> NewDisclosure:
    return NewDisclosure(category="工资", period="2026年11月", title=title, body=body,
                         drafted_by=drafter, chats=chats, attachment=attachment,
                         file_id=file_id, file_name=file_name, images=images, pin=pin,
                         parent_id=parent_id)


async def draft(db: Database, new: NewDisclosure, now: datetime = NOW) -> int:
    async with db.tx() as tx:
        return await store.insert(tx, new, now)


async def decide(db: Database, disclosure_id: int, status: Status, by: int,
                 now: datetime = LATER, comment: str | None = None) -> bool:
    async with db.tx() as tx:
        return await store.decide(tx, disclosure_id, status, by, now, comment)


async def approved(world: World, chats: tuple[int, ...] = (TEAM_CHAT, BRANCH_CHAT),
                   pin: bool = False) -> int:
    disclosure_id = await draft(world.db, new_disclosure(world.officer, chats, pin=pin))
    assert await decide(world.db, disclosure_id, Status.APPROVED, world.chair)
    return disclosure_id


async def queue(db: Database, disclosure_id: int, chat_id: int) -> int:
    """The post's message in the outbox and its row, in one transaction; its outbox id."""
    async with db.tx() as tx:
        outbox_id = await outbox_store.enqueue(tx, chat_id, "send_message",
                                               {"text": f"公开 {disclosure_id}"}, NOW, NOW,
                                               ref=f"disclosure:{disclosure_id}")
        await store.add_post(tx, disclosure_id, chat_id, outbox_id)
    return outbox_id


async def sent(world: World, outbox_id: int, message_id: int) -> None:
    assert await world.outbox.claim(outbox_id)
    await world.outbox.finish(outbox_id, Sent.SENT, LATER, message_id=message_id)


async def states(world: World, disclosure_id: int) -> list[tuple[int | None, str | None, str,
                                                                   str | None]]:
    return [(h.actor_member_id, h.from_state, h.to_state, h.note)
            for h in await audit.history(world.db, "disclosure", disclosure_id)]


# ---------------------------------------------------------------- drafting

async def test_insert_with_images_and_targets(world: World) -> None:
    async with world.db.tx() as tx:
        files = [await outbox_store.add_file(tx, f"table-{n}.png", b"\x89PNG" + bytes([n]), NOW)
                 for n in (1, 2, 3)]
    images = (files[2], files[0], files[1])  # the order the pages were drawn in
    disclosure_id = await draft(world.db, new_disclosure(
        world.officer, (BRANCH_CHAT, TEAM_CHAT, BRANCH_CHAT, OTHER_CHAT),
        attachment=Attachment.TABLE, file_id="BQAC-file", file_name="工资表.xlsx",
        images=images, pin=True, body="各班组11月工资如下\n<b>请核对</b>"))
    d = await world.repo.get(disclosure_id)
    assert d is not None
    assert (d.id, d.category, d.period, d.title) == (disclosure_id, "工资", "2026年11月",
                                                     "11月工资公开")
    assert d.body == "各班组11月工资如下\n<b>请核对</b>"
    assert (d.status, d.drafted_by, d.created_at) == (Status.PENDING, world.officer, NOW)
    assert d.created_at.tzinfo is not None
    assert (d.attachment, d.file_id, d.file_name, d.pin) == (
        Attachment.TABLE, "BQAC-file", "工资表.xlsx", True)
    assert d.images == images
    assert (d.decided_by, d.decided_at, d.return_comment, d.parent_id) == (None, None, None,
                                                                           None)
    assert not d.is_correction
    # Each chat once, whatever the order picked in.
    assert await world.repo.targets(disclosure_id) == sorted(
        [BRANCH_CHAT, TEAM_CHAT, OTHER_CHAT])
    assert await states(world, disclosure_id) == [(world.officer, None, "pending", None)]


async def test_insert_plain_and_missing(world: World) -> None:
    disclosure_id = await draft(world.db, new_disclosure(world.officer, (TEAM_CHAT,)))
    d = await world.repo.get(disclosure_id)
    assert d is not None
    assert (d.attachment, d.file_id, d.file_name, d.images, d.pin) == (
        Attachment.NONE, None, None, (), False)
    assert await world.repo.targets(disclosure_id) == [TEAM_CHAT]
    assert await world.repo.get(disclosure_id + 100) is None
    assert await world.repo.targets(disclosure_id + 100) == []


async def test_images_of_two_disclosures_kept_apart(world: World) -> None:
    first = await draft(world.db, new_disclosure(world.officer, images=(11, 12)))
    second = await draft(world.db, new_disclosure(world.officer, images=(13,)))
    got = [await world.repo.get(i) for i in (first, second)]
    assert [d.images if d else None for d in got] == [(11, 12), (13,)]


async def test_a_failed_insert_leaves_nothing(world: World) -> None:
    with pytest.raises(Conflict):
        await draft(world.db, new_disclosure(9999))  # no such member
    async with world.db.read() as tx:
        counts = [await tx.scalar(f"SELECT count(*) FROM {table}") for table in (
            "disclosures", "disclosure_targets", "disclosure_images")]
    assert counts == [0, 0, 0]


# ---------------------------------------------------------------- deciding

async def test_the_first_chair_decides(world: World) -> None:
    disclosure_id = await draft(world.db, new_disclosure(world.officer))
    assert await decide(world.db, disclosure_id, Status.APPROVED, world.chair, LATER)
    # Another chair, a moment later, changes nothing: neither a return nor an approval.
    later = LATER + timedelta(seconds=1)
    assert not await decide(world.db, disclosure_id, Status.RETURNED, world.second_chair,
                            later, "金额有误")
    assert not await decide(world.db, disclosure_id, Status.APPROVED, world.second_chair,
                            later)
    d = await world.repo.get(disclosure_id)
    assert d is not None
    assert (d.status, d.decided_by, d.decided_at, d.return_comment) == (
        Status.APPROVED, world.chair, LATER, None)
    assert await states(world, disclosure_id) == [
        (world.officer, None, "pending", None),
        (world.chair, "pending", "approved", None),
    ]


async def test_a_return_keeps_the_comment(world: World) -> None:
    disclosure_id = await draft(world.db, new_disclosure(world.officer))
    assert await decide(world.db, disclosure_id, Status.RETURNED, world.second_chair, LATER,
                        "二班金额有误，请核对")
    assert not await decide(world.db, disclosure_id, Status.APPROVED, world.chair)
    d = await world.repo.get(disclosure_id)
    assert d is not None
    assert (d.status, d.decided_by, d.return_comment) == (
        Status.RETURNED, world.second_chair, "二班金额有误，请核对")
    assert await states(world, disclosure_id) == [
        (world.officer, None, "pending", None),
        (world.second_chair, "pending", "returned", "二班金额有误，请核对"),
    ]


async def test_deciding_what_is_not_there(world: World) -> None:
    assert not await decide(world.db, 404, Status.APPROVED, world.chair)
    assert await audit.history(world.db, "disclosure", 404) == []


async def test_listed_originals_newest_first(world: World) -> None:
    first = await approved(world)
    returned = await draft(world.db, new_disclosure(world.officer))
    await decide(world.db, returned, Status.RETURNED, world.chair, comment="重写")
    pending = await draft(world.db, new_disclosure(world.officer))
    fix = await draft(world.db, new_disclosure(world.officer, parent_id=first, body="更正"))
    fix_two = await draft(world.db, new_disclosure(world.officer, parent_id=first, body="再更正"))
    ids = [d.id for d in await world.repo.listed()]
    assert ids == [pending, returned, first]                       # no corrections
    assert [d.id for d in await world.repo.listed(Status.APPROVED)] == [first]
    assert [d.id for d in await world.repo.listed(Status.PENDING)] == [pending]
    assert [d.id for d in await world.repo.listed(limit=2)] == [pending, returned]
    assert [d.id for d in await world.repo.listed(before=pending)] == [returned, first]
    assert [d.id for d in await world.repo.listed(Status.RETURNED, before=returned)] == []
    fixes = await world.repo.corrections(first)
    assert [(f.id, f.parent_id, f.is_correction) for f in fixes] == [
        (fix, first, True), (fix_two, first, True)]
    assert await world.repo.corrections(pending) == []


# ---------------------------------------------------------------- posts

async def test_posts_read_their_delivery_from_the_outbox(world: World) -> None:
    disclosure_id = await approved(world, (TEAM_CHAT, BRANCH_CHAT, OTHER_CHAT))
    team = await queue(world.db, disclosure_id, TEAM_CHAT)
    branch = await queue(world.db, disclosure_id, BRANCH_CHAT)
    other = await queue(world.db, disclosure_id, OTHER_CHAT)
    posts = await world.repo.posts(disclosure_id)
    assert [(p.chat_id, p.outbox_id, p.status, p.message_id, p.sent_to) for p in posts] == [
        (OTHER_CHAT, other, "pending", None, OTHER_CHAT),      # by chat id
        (BRANCH_CHAT, branch, "pending", None, BRANCH_CHAT),
        (TEAM_CHAT, team, "pending", None, TEAM_CHAT),
    ]
    assert all((p.pin_outbox_id, p.pin_status, p.shown_count, p.count_edit_at) ==
               (None, None, 0, None) for p in posts)

    await sent(world, team, 501)
    assert await world.outbox.claim(branch)
    await world.outbox.finish(branch, Sent.FAILED, LATER, error="Forbidden: bot was kicked")
    await world.outbox.redirect(other, -100777)  # the group became a supergroup
    await sent(world, other, 9)
    by_chat = {p.chat_id: p for p in await world.repo.posts(disclosure_id)}
    assert (by_chat[TEAM_CHAT].status, by_chat[TEAM_CHAT].message_id) == ("sent", 501)
    assert (by_chat[BRANCH_CHAT].status, by_chat[BRANCH_CHAT].message_id,
            by_chat[BRANCH_CHAT].error) == ("failed", None, "Forbidden: bot was kicked")
    assert (by_chat[OTHER_CHAT].sent_to, by_chat[OTHER_CHAT].message_id) == (-100777, 9)
    found = await world.repo.post_by_outbox(team)
    assert found is not None and found == by_chat[TEAM_CHAT]
    assert await world.repo.post_by_outbox(9999) is None
    assert await world.repo.posts(disclosure_id + 1) == []


async def test_one_post_per_chat(world: World) -> None:
    disclosure_id = await approved(world)
    await queue(world.db, disclosure_id, TEAM_CHAT)
    with pytest.raises(Conflict):
        await queue(world.db, disclosure_id, TEAM_CHAT)
    assert len(await world.repo.posts(disclosure_id)) == 1
    assert (await world.outbox.counts(f"disclosure:{disclosure_id}")) == {"pending": 1}


async def test_post_at_only_the_very_message(world: World) -> None:
    disclosure_id = await approved(world, (TEAM_CHAT, BRANCH_CHAT))
    elsewhere = await approved(world, (TEAM_CHAT,))
    team = await queue(world.db, disclosure_id, TEAM_CHAT)
    branch = await queue(world.db, disclosure_id, BRANCH_CHAT)
    other = await queue(world.db, elsewhere, TEAM_CHAT)
    # Not sent yet: no message to press under.
    assert await world.repo.post_at(disclosure_id, TEAM_CHAT, 501) is None
    await sent(world, team, 501)
    await sent(world, branch, 501)  # message ids are per chat: the same number elsewhere
    await sent(world, other, 502)
    found = await world.repo.post_at(disclosure_id, TEAM_CHAT, 501)
    assert found is not None and (found.outbox_id, found.chat_id) == (team, TEAM_CHAT)
    found = await world.repo.post_at(disclosure_id, BRANCH_CHAT, 501)
    assert found is not None and found.outbox_id == branch
    assert await world.repo.post_at(disclosure_id, TEAM_CHAT, 502) is None   # another post
    assert await world.repo.post_at(disclosure_id, TEAM_CHAT, 500) is None   # another message
    assert await world.repo.post_at(disclosure_id, OTHER_CHAT, 501) is None  # another chat
    assert await world.repo.post_at(elsewhere, TEAM_CHAT, 501) is None       # forged id
    found = await world.repo.post_at(elsewhere, TEAM_CHAT, 502)
    assert found is not None and found.outbox_id == other


async def test_post_at_follows_a_migrated_group(world: World) -> None:
    disclosure_id = await approved(world, (TEAM_CHAT,))
    team = await queue(world.db, disclosure_id, TEAM_CHAT)
    await world.outbox.redirect(team, -100555)
    await sent(world, team, 7)
    found = await world.repo.post_at(disclosure_id, -100555, 7)
    assert found is not None and (found.chat_id, found.sent_to) == (TEAM_CHAT, -100555)
    assert await world.repo.post_at(disclosure_id, TEAM_CHAT, 7) is None


async def test_post_at_not_a_failed_or_uncertain_post(world: World) -> None:
    disclosure_id = await approved(world, (TEAM_CHAT, BRANCH_CHAT))
    team = await queue(world.db, disclosure_id, TEAM_CHAT)
    branch = await queue(world.db, disclosure_id, BRANCH_CHAT)
    assert await world.outbox.claim(team) and await world.outbox.claim(branch)
    await world.outbox.finish(team, Sent.UNCERTAIN, LATER, message_id=11)
    await world.outbox.finish(branch, Sent.FAILED, LATER, message_id=12)
    assert await world.repo.post_at(disclosure_id, TEAM_CHAT, 11) is None
    assert await world.repo.post_at(disclosure_id, BRANCH_CHAT, 12) is None


async def test_pin_is_set_once(world: World) -> None:
    disclosure_id = await approved(world, (TEAM_CHAT,), pin=True)
    team = await queue(world.db, disclosure_id, TEAM_CHAT)
    async with world.db.tx() as tx:
        pin = await outbox_store.enqueue(tx, TEAM_CHAT, "pin_chat_message", {"message_id": 5},
                                         NOW, NOW)
        again = await outbox_store.enqueue(tx, TEAM_CHAT, "pin_chat_message",
                                           {"message_id": 5}, NOW, NOW)
        assert await store.set_pin(tx, team, pin)
        assert not await store.set_pin(tx, team, again)    # a second pin: never
        assert not await store.set_pin(tx, 9999, again)    # no such post
    (post,) = await world.repo.posts(disclosure_id)
    assert (post.pin_outbox_id, post.pin_status, post.pin_error) == (pin, "pending", None)
    assert await world.outbox.claim(pin)
    await world.outbox.finish(pin, Sent.FAILED, LATER, error="not enough rights")
    (post,) = await world.repo.posts(disclosure_id)
    assert (post.pin_outbox_id, post.pin_status, post.pin_error) == (
        pin, "failed", "not enough rights")
    assert post.status == "pending"  # the post's own delivery is its own row's


async def test_shown_count_and_when(world: World) -> None:
    disclosure_id = await approved(world, (TEAM_CHAT, BRANCH_CHAT))
    await queue(world.db, disclosure_id, TEAM_CHAT)
    await queue(world.db, disclosure_id, BRANCH_CHAT)
    async with world.db.tx() as tx:
        await store.set_shown(tx, disclosure_id, TEAM_CHAT, 3, LATER)
    by_chat = {p.chat_id: p for p in await world.repo.posts(disclosure_id)}
    assert (by_chat[TEAM_CHAT].shown_count, by_chat[TEAM_CHAT].count_edit_at) == (3, LATER)
    assert (by_chat[BRANCH_CHAT].shown_count, by_chat[BRANCH_CHAT].count_edit_at) == (0, None)


# ---------------------------------------------------------------- progress and reports

async def test_progress_counts_over_the_posts(world: World) -> None:
    disclosure_id = await approved(world)
    assert await world.repo.progress(disclosure_id) == Progress(0, 0, 0, 0)
    ids = [await queue(world.db, disclosure_id, chat) for chat in (-1, -2, -3, -4, -5)]
    assert await world.repo.progress(disclosure_id) == Progress(5, 0, 0, 0)
    await sent(world, ids[0], 1)
    await sent(world, ids[1], 1)
    assert await world.outbox.claim(ids[2])
    await world.outbox.finish(ids[2], Sent.FAILED, LATER, error="blocked")
    assert await world.outbox.claim(ids[3])  # mid-send when the bot died
    assert await world.outbox.recover() == 1
    progress = await world.repo.progress(disclosure_id)
    assert progress == Progress(5, 2, 1, 1)
    assert not progress.finished
    await sent(world, ids[4], 1)
    assert (await world.repo.progress(disclosure_id)).finished
    # Other messages in the outbox (a pin, another disclosure) do not count.
    other = await approved(world)
    await queue(world.db, other, -1)
    assert (await world.repo.progress(disclosure_id)).total == 5


async def test_progress_state(world: World) -> None:
    disclosure_id = await approved(world)
    assert await world.repo.progress_state(disclosure_id) == (None, None)
    assert await world.repo.progress_state(404) == (None, None)
    async with world.db.tx() as tx:
        line = await outbox_store.enqueue(tx, 1001, "send_message", {"text": "已发送 1/2"},
                                          NOW, NOW)
        await store.set_progress(tx, disclosure_id, NOW, line)
    assert await world.repo.progress_state(disclosure_id) == (NOW, None)  # not sent yet
    await sent(world, line, 77)
    assert await world.repo.progress_state(disclosure_id) == (NOW, 77)
    async with world.db.tx() as tx:  # an edit: the message stays the one
        await store.set_progress(tx, disclosure_id, LATER)
    assert await world.repo.progress_state(disclosure_id) == (LATER, 77)


async def test_unreported_until_the_report_is_in_the_ledger(world: World) -> None:
    first, second, unposted = await approved(world), await approved(world), await approved(world)
    await queue(world.db, first, TEAM_CHAT)
    await queue(world.db, first, BRANCH_CHAT)
    await queue(world.db, second, TEAM_CHAT)
    assert await world.repo.unreported(KIND) == [first, second]  # once each; posted only
    async with world.db.tx() as tx:
        assert await outbox_store.record_once(tx, f"disclosure:{first}", KIND, "final", NOW)
        # Another kind of notice about the second does not count as its report.
        assert await outbox_store.record_once(tx, f"disclosure:{second}", "other", "final",
                                              NOW)
        # Nor does a report of another item that merely looks alike.
        assert await outbox_store.record_once(tx, f"disclosure:{second}0", KIND, "final", NOW)
    assert await world.repo.unreported(KIND) == [second]
    assert await world.repo.unreported("other") == [first]
    assert unposted not in await world.repo.unreported(KIND)


# ---------------------------------------------------------------- 已阅 and 有疑问

async def test_read_once_per_member_and_chat(world: World) -> None:
    disclosure_id = await approved(world)
    other = await approved(world)
    assert await world.repo.read_counts(disclosure_id) == {}
    assert await world.repo.add_read(disclosure_id, TEAM_CHAT, world.worker, NOW)
    assert not await world.repo.add_read(disclosure_id, TEAM_CHAT, world.worker, LATER)
    assert await world.repo.add_read(disclosure_id, TEAM_CHAT, world.officer, NOW)
    assert await world.repo.add_read(disclosure_id, BRANCH_CHAT, world.worker, NOW)
    assert await world.repo.add_read(other, TEAM_CHAT, world.worker, NOW)
    assert await world.repo.read_counts(disclosure_id) == {TEAM_CHAT: 2, BRANCH_CHAT: 1}
    assert await world.repo.read_counts(other) == {TEAM_CHAT: 1}
    async with world.db.read() as tx:
        at = await tx.scalar("SELECT read_at FROM disclosure_reads WHERE disclosure_id = ?"
                             " AND chat_id = ? AND member_id = ?",
                             (disclosure_id, TEAM_CHAT, world.worker))
    assert at == NOW.isoformat(timespec="microseconds")  # the first press is kept


def card(team_id: int, author: int, disclosure_id: int | None) -> NewCard:
    return NewCard(team_id=team_id, category="厂务公开", body="奖金怎么算的？",
                   identity=Identity.NAMED, author_member_id=author, publish_ok=False,
                   photos=(), owner_tag=None, sealed_chat=None, receipt_hash=None,
                   disclosure_id=disclosure_id)


async def raise_card(world: World, new: NewCard) -> int:
    async with world.db.tx() as tx:
        return await card_store.insert(tx, new, NOW, date(2026, 12, 21))


async def test_questions_under_it_and_its_corrections(world: World) -> None:
    original = await approved(world)
    fix = await draft(world.db, new_disclosure(world.officer, parent_id=original, body="更正"))
    unrelated = await approved(world)
    on_original = await raise_card(world, card(world.team_a, world.worker, original))
    await raise_card(world, card(world.team_a, world.worker, None))
    await raise_card(world, card(world.team_b, world.other, unrelated))
    on_fix = await raise_card(world, card(world.team_b, world.other, fix))
    again = await raise_card(world, card(world.team_a, world.officer, original))
    assert await world.repo.questions(original) == [on_original, on_fix, again]
    assert await world.repo.questions(fix) == [on_fix]
    assert len(await world.repo.questions(unrelated)) == 1
    assert await world.repo.questions(404) == []


# ---------------------------------------------------------------- who is in a chat

async def test_seen_keeps_the_latest(world: World) -> None:
    await world.chat_members.seen(TEAM_CHAT, 1002, True, NOW)
    await world.chat_members.seen(TEAM_CHAT, 1002, False, LATER)
    async with world.db.read() as tx:
        rows = await tx.fetchall("SELECT present, updated_at FROM chat_members"
                                 " WHERE chat_id = ? AND tg_user_id = ?", (TEAM_CHAT, 1002))
    assert [tuple(r) for r in rows] == [(0, LATER.isoformat(timespec="microseconds"))]


async def test_expected_in_a_team_chat(world: World) -> None:
    cm = world.chat_members
    assert await cm.expected(TEAM_CHAT, "team", world.team_a) == 2    # 李干事 and 张三
    assert await cm.expected(TEAM_CHAT, "team", world.team_b) == 3    # 王五 and the chairs
    await cm.seen(TEAM_CHAT, 1002, False, NOW)                        # 张三 left the group
    assert await cm.expected(TEAM_CHAT, "team", world.team_a) == 1
    await cm.seen(TEAM_CHAT, 1003, True, NOW)                         # 王五 (team B) is in it
    assert await cm.expected(TEAM_CHAT, "team", world.team_a) == 2
    await cm.seen(TEAM_CHAT, 1002, True, LATER)                       # 张三 came back
    assert await cm.expected(TEAM_CHAT, "team", world.team_a) == 3
    # What was seen in one chat says nothing of another.
    assert await cm.expected(OTHER_CHAT, "team", world.team_a) == 2
    # A team chat not tied to a team: only those seen in it.
    assert await cm.expected(TEAM_CHAT, "team", None) == 2


async def test_expected_counts_active_registered_members_only(world: World) -> None:
    cm = world.chat_members
    pending = await world.members.register(3001, "孙六", None, world.team_a, None, False, NOW)
    assert pending.status == "pending"
    worker = await world.members.get(world.worker)
    assert worker is not None
    await world.members.change_status(worker, "deactivate", world.chair, NOW)
    await cm.seen(TEAM_CHAT, 3001, True, NOW)    # pending, though in the group
    await cm.seen(TEAM_CHAT, 1002, True, NOW)    # deactivated, though in the group
    await cm.seen(TEAM_CHAT, 9999, True, NOW)    # not registered at all
    assert await cm.expected(TEAM_CHAT, "team", world.team_a) == 1  # 李干事 only


async def test_expected_in_the_branch_chat(world: World) -> None:
    cm = world.chat_members
    assert await cm.expected(BRANCH_CHAT, "branch", None) == 5      # every active member
    await cm.seen(BRANCH_CHAT, 1003, False, NOW)
    await cm.seen(BRANCH_CHAT, 2001, True, NOW)                      # present anyway
    assert await cm.expected(BRANCH_CHAT, "branch", None) == 4


async def test_expected_in_the_officers_chat(world: World) -> None:
    cm = world.chat_members
    # 李干事 (officer) and the two chairs.
    assert await cm.expected(OFFICERS_CHAT, "officers", None) == 3
    await cm.seen(OFFICERS_CHAT, 2002, False, NOW)                   # a chair left it
    await cm.seen(OFFICERS_CHAT, 1002, True, NOW)                    # a worker is in it
    assert await cm.expected(OFFICERS_CHAT, "officers", None) == 3
    await world.members.grant(world.other, Role.OFFICER, None, NOW)
    assert await cm.expected(OFFICERS_CHAT, "officers", None) == 4


async def test_expected_in_a_safety_chat(world: World) -> None:
    await world.members.grant(world.other, Role.SUPERVISOR, None, NOW)
    # 王五 (supervisor) and the two chairs; not the officer.
    assert await world.chat_members.expected(OTHER_CHAT, "safety", None) == 3


@pytest.mark.parametrize("purpose", [None, "", "unknown"])
async def test_expected_in_a_chat_of_no_known_purpose(world: World,
                                                      purpose: str | None) -> None:
    cm = world.chat_members
    assert await cm.expected(OTHER_CHAT, purpose, world.team_a) == 0
    await cm.seen(OTHER_CHAT, 1002, True, NOW)
    await cm.seen(OTHER_CHAT, 1003, True, NOW)
    await cm.seen(OTHER_CHAT, 1001, False, NOW)
    assert await cm.expected(OTHER_CHAT, purpose, world.team_a) == 2


async def test_unread_in_a_team(world: World) -> None:
    disclosure_id = await approved(world)
    cm = world.chat_members
    assert await cm.unread(disclosure_id, world.team_a) == [("张三", "1002"), ("李干事", "0001")]
    assert await cm.unread(disclosure_id, world.team_b) == [
        ("王五", None), ("赵主席", "0009"), ("钱主席", None)]
    # Read in any chat counts; a read of another disclosure does not.
    await world.repo.add_read(disclosure_id, BRANCH_CHAT, world.worker, NOW)
    await world.repo.add_read(await approved(world), TEAM_CHAT, world.officer, NOW)
    assert await cm.unread(disclosure_id, world.team_a) == [("李干事", "0001")]
    await world.repo.add_read(disclosure_id, TEAM_CHAT, world.officer, NOW)
    assert await cm.unread(disclosure_id, world.team_a) == []
    # A member no longer active is not asked for.
    other = await world.members.get(world.other)
    assert other is not None
    await world.members.change_status(other, "deactivate", world.chair, NOW)
    assert await cm.unread(disclosure_id, world.team_b) == [("赵主席", "0009"),
                                                            ("钱主席", None)]


async def test_team_reads(world: World) -> None:
    disclosure_id = await approved(world)
    cm = world.chat_members
    assert await cm.team_reads(disclosure_id) == {world.team_a: (0, 2), world.team_b: (0, 3)}
    await world.repo.add_read(disclosure_id, TEAM_CHAT, world.worker, NOW)
    await world.repo.add_read(disclosure_id, BRANCH_CHAT, world.worker, NOW)  # one member
    await world.repo.add_read(disclosure_id, BRANCH_CHAT, world.chair, NOW)
    await world.repo.add_read(await approved(world), BRANCH_CHAT, world.other, NOW)
    assert await cm.team_reads(disclosure_id) == {world.team_a: (1, 2), world.team_b: (1, 3)}
    pending = await world.members.register(3001, "孙六", None, world.team_a, None, False, NOW)
    assert pending.status == "pending"
    assert (await cm.team_reads(disclosure_id))[world.team_a] == (1, 2)


# ---------------------------------------------------------------- named parameters

async def test_named_parameters(world: World) -> None:
    async with world.db.tx() as tx:
        await tx.execute("CREATE TABLE t (a INTEGER, b TEXT)")
        first = await tx.execute("INSERT INTO t (a, b) VALUES (:a, :b)", {"a": 1, "b": "一"})
        await tx.execute("INSERT INTO t (a, b) VALUES (:a, :a || :b)",  # used twice
                         {"a": 2, "b": "二", "unused": 0})
        assert first >= 1
        changed = await tx.execute("UPDATE t SET b = :b WHERE a >= :least",
                                   {"b": "x", "least": 2})
        assert changed == 1
    async with world.db.read() as tx:
        rows = await tx.fetchall("SELECT a, b FROM t WHERE a <= :most ORDER BY a", {"most": 9})
        assert [tuple(r) for r in rows] == [(1, "一"), (2, "x")]
        row = await tx.fetchone("SELECT b FROM t WHERE a = :a", {"a": 1})
        assert row is not None and row["b"] == "一"
        assert await tx.scalar("SELECT count(*) FROM t WHERE a = :a OR b = :b",
                               {"a": 1, "b": "x"}) == 2
        # Positional parameters as before: a tuple, a list, or any iterable.
        assert await tx.scalar("SELECT b FROM t WHERE a = ?", (2,)) == "x"
        assert await tx.scalar("SELECT b FROM t WHERE a = ?", [1]) == "一"
        assert await tx.scalar("SELECT count(*) FROM t WHERE a IN (?, ?)",
                               (n for n in (1, 2))) == 2
        assert await tx.scalar("SELECT count(*) FROM t") == 2


async def test_a_named_parameter_not_given(world: World) -> None:
    async with world.db.read() as tx:
        with pytest.raises(StorageError):
            await tx.scalar("SELECT :a + :b", {"a": 1})
        assert await tx.scalar("SELECT :a + :b", {"a": 1, "b": 2}) == 3
