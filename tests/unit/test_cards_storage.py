"""Storage of cards: insert, first-wins transitions, replies, ratings, publications,
the officer-facing and author-facing queries, and the monthly selection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.card_figures import month_bounds, tally
from bot.cards import CardStatus, Identity, Outcome, Rating
from bot.storage import audit
from bot.storage import cards as store
from bot.storage.cards import CardRepo, NewCard, raised_between
from bot.storage.db import Database, ts
from bot.storage.errors import Conflict, StorageError
from tests.unit.storage_world import opened

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
DUE = date(2026, 12, 16)
SH = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class World:
    db: Database
    repo: CardRepo
    team_a: int
    team_b: int
    officer: int
    worker: int
    other: int


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with opened(tmp_path / "cards.sqlite3", NOW) as p:
        yield World(p.db, CardRepo(p.db), p.team_a, p.team_b, p.officer, p.worker, p.other)


def new_card(team_id: int | None, identity: Identity = Identity.NAMED, *,
             author: int | None = None, body: str = "车间通风不好", publish_ok: bool = False,
             photos: tuple[str, ...] = (), owner_tag: str | None = None,
             sealed_chat: str | None = None, receipt_hash: str | None = None) -> NewCard:
    return NewCard(team_id=team_id, category="劳动保护", body=body, identity=identity,
                   author_member_id=author, publish_ok=publish_ok, photos=photos,
                   owner_tag=owner_tag, sealed_chat=sealed_chat, receipt_hash=receipt_hash)


async def add(db: Database, new: NewCard, now: datetime = NOW, due: date = DUE) -> int:
    async with db.tx() as tx:
        return await store.insert(tx, new, now, due)


async def move(db: Database, card_id: int, action: str, actor: int | None,
               now: datetime = NOW, note: str | None = None, /, **fields: object) -> bool:
    async with db.tx() as tx:
        return await store.transition(tx, card_id, action, actor, now, note, **fields)


async def owner_rows(db: Database) -> int:
    async with db.read() as tx:
        return int(await tx.scalar("SELECT count(*) FROM card_owners"))


# ---------------------------------------------------------------- insert and get

async def test_insert_named_then_get(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, author=world.worker, publish_ok=True,
                                           photos=("ph-c", "ph-a", "ph-b")))
    card = await world.repo.get(card_id)
    assert card is not None
    assert card.id == card_id and card.team_id == world.team_a
    assert card.status is CardStatus.NEW and card.identity is Identity.NAMED
    assert card.author_member_id == world.worker and card.publish_ok
    assert card.body == "车间通风不好" and card.category == "劳动保护"
    assert card.photos == ("ph-c", "ph-a", "ph-b")  # the order they were sent in
    assert card.created_at == NOW and card.due_on == DUE
    assert card.accepted_by is None and card.first_replied_at is None and card.outcome is None
    assert card.rounds == 0 and card.reopened == 0
    # No tag, no seal, no receipt: no owner row at all.
    assert await owner_rows(world.db) == 0
    assert await world.repo.owner_tag(card_id) is None
    assert await world.repo.sealed_chat(card_id) is None
    history = await audit.history(world.db, "card", card_id)
    assert [(h.actor_member_id, h.from_state, h.to_state) for h in history] == [
        (world.worker, None, "new")]
    assert await world.repo.get(card_id + 100) is None


async def test_insert_named_with_tag_keeps_an_owner_row(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, author=world.worker, owner_tag="t-w"))
    assert await owner_rows(world.db) == 1
    assert await world.repo.owner_tag(card_id) == "t-w"
    assert await world.repo.sealed_chat(card_id) is None


async def test_insert_anonymous_keeps_author_out_of_cards(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, Identity.ANONYMOUS, owner_tag="tag-1",
                                           sealed_chat="sealed-1"))
    card = await world.repo.get(card_id)
    assert card is not None and card.author_member_id is None and card.photos == ()
    assert card.identity is Identity.ANONYMOUS
    assert await world.repo.owner_tag(card_id) == "tag-1"
    assert await world.repo.sealed_chat(card_id) == "sealed-1"
    history = await audit.history(world.db, "card", card_id)
    assert [(h.actor_member_id, h.to_state) for h in history] == [(None, "new")]


async def test_insert_secret_keeps_only_the_receipt_hash(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, Identity.SECRET, receipt_hash="h-1"))
    assert await owner_rows(world.db) == 1
    assert await world.repo.owner_tag(card_id) is None
    assert await world.repo.sealed_chat(card_id) is None
    found = await world.repo.by_receipt("h-1")
    assert found is not None and found.id == card_id
    assert await world.repo.by_receipt("h-2") is None
    # The same receipt hash cannot be stored twice.
    with pytest.raises(Conflict):
        await add(world.db, new_card(world.team_a, Identity.SECRET, receipt_hash="h-1"))


@pytest.mark.parametrize("identity", [Identity.ANONYMOUS, Identity.SECRET])
async def test_non_named_card_cannot_carry_an_author(world: World, identity: Identity) -> None:
    with pytest.raises(Conflict) as caught:
        await add(world.db, new_card(world.team_a, identity, author=world.worker,
                                     owner_tag="t", photos=("p",)))
    assert isinstance(caught.value, StorageError)
    async with world.db.read() as tx:  # rolled back as a whole
        assert await tx.scalar("SELECT count(*) FROM cards") == 0
        assert await tx.scalar("SELECT count(*) FROM card_photos") == 0
        assert await tx.scalar("SELECT count(*) FROM audit_log WHERE item_type = 'card'") == 0


async def test_named_card_cannot_be_turned_anonymous_keeping_its_author(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, author=world.worker))
    with pytest.raises(Conflict):
        async with world.db.tx() as tx:
            await tx.execute("UPDATE cards SET identity = 'anonymous' WHERE id = ?", (card_id,))
    card = await world.repo.get(card_id)
    assert card is not None and card.identity is Identity.NAMED


# ---------------------------------------------------------------- transitions

async def test_transition_first_wins(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, author=world.worker))
    later = NOW + timedelta(hours=1)
    fields = {"department": "safety", "accepted_by": world.officer, "accepted_at": later,
              "handled_by": world.officer}
    assert await move(world.db, card_id, "accept", world.officer, later, **fields)
    assert not await move(world.db, card_id, "accept", world.other, later, **{
        **fields, "accepted_by": world.other, "handled_by": world.other})
    assert not await move(world.db, card_id, "return", world.other, later, "迟到",
                          return_reason="迟到", handled_by=world.other)
    card = await world.repo.get(card_id)
    assert card is not None and card.status is CardStatus.ACCEPTED
    assert card.accepted_by == world.officer and card.handled_by == world.officer
    assert card.department == "safety" and card.return_reason is None
    async with world.db.read() as tx:
        stored = await tx.scalar("SELECT accepted_at FROM cards WHERE id = ?", (card_id,))
    assert stored == ts(later)  # datetimes are stored like every other timestamp
    history = await audit.history(world.db, "card", card_id)
    moves = [(h.actor_member_id, h.from_state, h.to_state) for h in history[1:]]
    assert moves == [(world.officer, "new", "accepted")]


async def test_transition_of_a_missing_card(world: World) -> None:
    assert not await move(world.db, 4242, "accept", world.officer)
    assert await audit.history(world.db, "card", 4242) == []


@pytest.mark.parametrize("column", ["status", "author_member_id", "identity", "body",
                                    "team_id", "nonsense"])
async def test_transition_refuses_unknown_columns(world: World, column: str) -> None:
    card_id = await add(world.db, new_card(world.team_a, author=world.worker))
    with pytest.raises(ValueError, match="not card columns"):
        await move(world.db, card_id, "accept", world.officer, **{column: "x"})
    card = await world.repo.get(card_id)
    assert card is not None and card.status is CardStatus.NEW
    assert len(await audit.history(world.db, "card", card_id)) == 1


async def test_whole_lifecycle_with_reopen(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, Identity.ANONYMOUS, owner_tag="t"))
    t1, t2, t3, t4 = (NOW + timedelta(days=d) for d in (1, 10, 11, 12))
    assert await move(world.db, card_id, "accept", world.officer, t1, department="hr",
                      accepted_by=world.officer, accepted_at=t1, handled_by=world.officer)
    assert await move(world.db, card_id, "reply", world.officer, t2, first_replied_at=t2,
                      replied_at=t2, rounds=1)
    assert await move(world.db, card_id, "outcome", world.officer, t3, "落实",
                      outcome=Outcome.IMPLEMENTED, outcome_reason=None,
                      outcome_by=world.officer, outcome_at=t3)
    closed = await world.repo.get(card_id)
    assert closed is not None and closed.status is CardStatus.CLOSED
    assert closed.outcome is Outcome.IMPLEMENTED and closed.first_replied_at == t2
    new_due = date(2027, 1, 11)
    assert await move(world.db, card_id, "reopen", None, t4, "不满意",
                      due_on=new_due.isoformat(), reopened=1, outcome=None)
    reopened = await world.repo.get(card_id)
    assert reopened is not None and reopened.status is CardStatus.ACCEPTED
    assert reopened.due_on == new_due and reopened.reopened == 1 and reopened.outcome is None
    assert reopened.first_replied_at == t2 and reopened.rounds == 1
    assert not await move(world.db, card_id, "outcome", world.officer, t4)
    history = await audit.history(world.db, "card", card_id)
    assert [(h.from_state, h.to_state, h.note) for h in history] == [
        (None, "new", None), ("new", "accepted", None), ("accepted", "replied", None),
        ("replied", "closed", "落实"), ("closed", "accepted", "不满意")]
    assert history[-1].actor_member_id is None


# ---------------------------------------------------------------- replies and ratings

async def test_add_reply_and_rate_once(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, author=world.worker))
    t1, t2 = NOW + timedelta(days=3), NOW + timedelta(days=4)
    async with world.db.tx() as tx:
        first = await store.add_reply(tx, card_id, 1, "已维修", "设备科 王科长", None,
                                      world.officer, t1)
    assert first > 0
    async with world.db.tx() as tx:
        assert await store.rate(tx, first, Rating.UNSATISFIED, "没修好", t2)
    async with world.db.tx() as tx:
        assert not await store.rate(tx, first, Rating.SATISFIED, None, t2)
    reply = await world.repo.reply(first)
    assert reply is not None
    assert (reply.card_id, reply.round, reply.body, reply.replier) == (
        card_id, 1, "已维修", "设备科 王科长")
    assert reply.replier_member_id is None and reply.recorded_by == world.officer
    assert reply.created_at == t1
    assert reply.rating is Rating.UNSATISFIED and reply.rating_reason == "没修好"
    async with world.db.tx() as tx:
        second = await store.add_reply(tx, card_id, 2, "已更换", "王科长", world.officer,
                                       None, t2)
    assert [r.id for r in await world.repo.replies(card_id)] == [first, second]
    latest = await world.repo.latest_reply(card_id)
    assert latest is not None and latest.id == second and latest.rating is None
    assert await world.repo.reply(second + 100) is None
    assert await world.repo.latest_reply(card_id + 100) is None
    with pytest.raises(Conflict):  # one reply per round
        async with world.db.tx() as tx:
            await store.add_reply(tx, card_id, 2, "again", "x", None, None, t2)


async def test_rating_a_missing_reply_changes_nothing(world: World) -> None:
    async with world.db.tx() as tx:
        assert not await store.rate(tx, 999, Rating.BASIC, None, NOW)


# ---------------------------------------------------------------- publications

async def test_add_publication_is_idempotent(world: World) -> None:
    card_id = await add(world.db, new_card(world.team_a, Identity.ANONYMOUS, owner_tag="t"))
    async with world.db.tx() as tx:
        assert await store.add_publication(tx, card_id, -100123, world.officer, NOW)
    async with world.db.tx() as tx:
        assert not await store.add_publication(tx, card_id, -100123, world.officer, NOW)
        assert await store.add_publication(tx, card_id, -100456, None, NOW)
    assert sorted(await world.repo.publications(card_id)) == [-100456, -100123]
    assert await world.repo.publications(card_id + 1) == []


# ---------------------------------------------------------------- officer-facing lists

async def _mixed(world: World) -> dict[str, int]:
    """Cards of two teams in every state, with due dates out of insertion order."""
    a, b = world.team_a, world.team_b
    ids = {
        "a_new_late": await add(world.db, new_card(a), due=date(2026, 12, 20)),
        "a_new_soon": await add(world.db, new_card(a), due=date(2026, 12, 1)),
        "b_new": await add(world.db, new_card(b), due=date(2026, 12, 10)),
        "a_acc": await add(world.db, new_card(a), due=date(2026, 12, 10)),
        "a_rep": await add(world.db, new_card(a), due=date(2026, 11, 30)),
        "a_ret": await add(world.db, new_card(a), due=date(2026, 11, 1)),
        "b_dup": await add(world.db, new_card(b), due=date(2026, 11, 2)),
        "b_closed": await add(world.db, new_card(b), due=date(2026, 11, 3)),
    }
    o = world.officer
    assert await move(world.db, ids["a_acc"], "accept", o, accepted_by=o)
    assert await move(world.db, ids["a_rep"], "accept", o, accepted_by=o)
    assert await move(world.db, ids["a_rep"], "reply", o, first_replied_at=NOW, rounds=1)
    assert await move(world.db, ids["a_ret"], "return", o, return_reason="x")
    assert await move(world.db, ids["b_dup"], "duplicate", o, duplicate_of=ids["b_new"])
    assert await move(world.db, ids["b_closed"], "accept", o, accepted_by=o)
    assert await move(world.db, ids["b_closed"], "reply", o, first_replied_at=NOW)
    assert await move(world.db, ids["b_closed"], "outcome", o, outcome=Outcome.DECLINED)
    return ids


async def test_open_cards_sorted_by_due_date_with_filters(world: World) -> None:
    ids = await _mixed(world)

    async def names(**kw: object) -> list[str]:
        back = {v: k for k, v in ids.items()}
        return [back[c.id] for c in await world.repo.open_cards(**kw)]  # type: ignore[arg-type]

    # Same due date (10 December): the older card first.
    assert await names() == ["a_rep", "a_new_soon", "b_new", "a_acc", "a_new_late"]
    assert await names(team_id=world.team_a) == ["a_rep", "a_new_soon", "a_acc", "a_new_late"]
    assert await names(team_id=world.team_b) == ["b_new"]
    assert await names(status=CardStatus.NEW) == ["a_new_soon", "b_new", "a_new_late"]
    assert await names(team_id=world.team_a, status=CardStatus.ACCEPTED) == ["a_acc"]
    assert await names(team_id=world.team_b, status=CardStatus.REPLIED) == []
    assert await names(limit=2) == ["a_rep", "a_new_soon"]
    assert await names(status=CardStatus.CLOSED) == []  # closed cards are not open


async def test_unreplied(world: World) -> None:
    ids = await _mixed(world)
    unreplied = await world.repo.unreplied()
    assert [c.id for c in unreplied] == [ids["a_new_soon"], ids["b_new"], ids["a_acc"],
                                         ids["a_new_late"]]
    assert all(c.status in (CardStatus.NEW, CardStatus.ACCEPTED) for c in unreplied)


# ---------------------------------------------------------------- author-facing queries

async def test_of_owner_returns_only_that_tag(world: World) -> None:
    a = world.team_a
    mine_1 = await add(world.db, new_card(a, Identity.ANONYMOUS, owner_tag="me", sealed_chat="s"))
    theirs = await add(world.db, new_card(a, Identity.ANONYMOUS, owner_tag="them",
                                          sealed_chat="s2"))
    await add(world.db, new_card(a, Identity.SECRET, receipt_hash="rh"))
    await add(world.db, new_card(a, author=world.worker))
    mine_2 = await add(world.db, new_card(a, author=world.worker, owner_tag="me"))
    assert [c.id for c in await world.repo.of_owner("me")] == [mine_2, mine_1]  # newest first
    assert [c.id for c in await world.repo.of_owner("them")] == [theirs]
    assert [c.id for c in await world.repo.of_owner("me", limit=1)] == [mine_2]
    assert await world.repo.of_owner("nobody") == []


# ---------------------------------------------------------------- monthly selection

async def test_raised_between_month_filter_and_latest_rating(world: World) -> None:
    a, b = world.team_a, world.team_b
    start, end = month_bounds("2026-11", SH)
    before = await add(world.db, new_card(a), now=start - timedelta(microseconds=1))
    first = await add(world.db, new_card(a), now=start)
    rated_twice = await add(world.db, new_card(a), now=start + timedelta(days=3))
    rerated_pending = await add(world.db, new_card(b), now=start + timedelta(days=4))
    last = await add(world.db, new_card(b), now=end - timedelta(microseconds=1))
    after = await add(world.db, new_card(a), now=end)

    async def reply(card_id: int, round_no: int, rating: Rating | None) -> None:
        async with world.db.tx() as tx:
            reply_id = await store.add_reply(tx, card_id, round_no, "答复", "科长", None, None,
                                             NOW)
            if rating is not None:
                assert await store.rate(tx, reply_id, rating, None, NOW)

    # Rounds added out of order: the latest *round* counts, not the latest row.
    await reply(rated_twice, 2, Rating.SATISFIED)
    await reply(rated_twice, 1, Rating.UNSATISFIED)
    await reply(rerated_pending, 1, Rating.UNSATISFIED)
    await reply(rerated_pending, 2, None)  # not yet rated: the earlier rating stands
    await reply(after, 1, Rating.BASIC)

    got = await raised_between(world.db, start, end)
    assert {card.id: rating for card, rating in got} == {
        first: None, rated_twice: Rating.SATISFIED, rerated_pending: Rating.UNSATISFIED,
        last: None}
    assert before not in {card.id for card, _ in got}
    only_b = await raised_between(world.db, start, end, team_id=b)
    assert sorted(card.id for card, _ in only_b) == [rerated_pending, last]
    december = month_bounds("2026-12", SH)
    assert [card.id for card, _ in await raised_between(world.db, *december)] == [after]
    figures = tally(got, date(2026, 12, 31), SH)
    assert (figures[a].raised, figures[b].raised) == (2, 2)
    assert (figures[a].satisfied, figures[b].unsatisfied) == (1, 1)


# ---------------------------------------------------------------- reads and transactions

async def test_read_inside_own_transaction_sees_its_writes(world: World) -> None:
    async def submit() -> int:
        async with world.db.tx() as tx:
            card_id = await store.insert(tx, new_card(world.team_a, photos=("p",)), NOW, DUE)
            seen = await world.repo.get(card_id)  # read() through the open transaction
            assert seen is not None and seen.photos == ("p",)
            assert [c.id for c in await world.repo.open_cards()] == [card_id]
            return card_id

    card_id = await asyncio.wait_for(submit(), timeout=5)
    assert await world.repo.get(card_id) is not None


async def test_read_inside_rolled_back_transaction(world: World) -> None:
    async def doomed() -> None:
        async with world.db.tx() as tx:
            card_id = await store.insert(tx, new_card(world.team_a), NOW, DUE)
            assert await world.repo.get(card_id) is not None
            raise RuntimeError("abort")

    with pytest.raises(RuntimeError):
        await asyncio.wait_for(doomed(), timeout=5)
    assert await asyncio.wait_for(world.repo.open_cards(), timeout=5) == []


async def test_read_from_another_task_waits_for_the_commit(world: World) -> None:
    inserted = asyncio.Event()
    release = asyncio.Event()
    ids: list[int] = []

    async def writer() -> None:
        async with world.db.tx() as tx:
            ids.append(await store.insert(tx, new_card(world.team_a), NOW, DUE))
            inserted.set()
            await release.wait()
            await tx.execute("UPDATE cards SET body = 'final' WHERE id = ?", (ids[0],))

    writing = asyncio.create_task(writer())
    await asyncio.wait_for(inserted.wait(), timeout=5)
    reading = asyncio.create_task(world.repo.open_cards())
    await asyncio.sleep(0.2)
    assert not reading.done()  # blocked behind the open transaction
    release.set()
    await asyncio.wait_for(writing, timeout=5)
    cards = await asyncio.wait_for(reading, timeout=5)
    assert [(c.id, c.body) for c in cards] == [(ids[0], "final")]  # only committed state
