"""Cards, their photos and replies. Every state change writes the audit log in the same
transaction. Queries an officer's view uses read `cards` only; `card_owners` is read
only to reach or recognise the author (see bot/seal.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.cards import TRANSITIONS, Card, CardStatus, Identity, Outcome, Rating, Reply
from bot.storage import audit
from bot.storage.db import Database, Row, Tx, from_ts, ts

_COLUMNS = {"department", "accepted_by", "accepted_at", "handled_by", "return_reason",
            "duplicate_of", "first_replied_at", "replied_at", "rounds", "outcome",
            "outcome_reason", "outcome_by", "outcome_at", "reopened", "due_on"}


@dataclass(frozen=True)
class NewCard:
    team_id: int | None
    category: str
    body: str
    identity: Identity
    author_member_id: int | None
    publish_ok: bool
    photos: tuple[str, ...]
    owner_tag: str | None
    sealed_chat: str | None
    receipt_hash: str | None
    disclosure_id: int | None = None  # raised with 有疑问 under a disclosure


def _card(row: Row, photos: tuple[str, ...] = ()) -> Card:
    created = from_ts(row["created_at"])
    assert created is not None
    return Card(
        id=row["id"], team_id=row["team_id"], category=row["category"], body=row["body"],
        identity=Identity(row["identity"]), status=CardStatus(row["status"]),
        created_at=created, due_on=date.fromisoformat(row["due_on"]),
        author_member_id=row["author_member_id"], publish_ok=bool(row["publish_ok"]),
        department=row["department"], accepted_by=row["accepted_by"],
        handled_by=row["handled_by"], return_reason=row["return_reason"],
        duplicate_of=row["duplicate_of"], first_replied_at=from_ts(row["first_replied_at"]),
        rounds=row["rounds"], outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        outcome_reason=row["outcome_reason"], reopened=row["reopened"], photos=photos,
        disclosure_id=row["disclosure_id"],
    )


def _reply(row: Row) -> Reply:
    created = from_ts(row["created_at"])
    assert created is not None
    return Reply(
        id=row["id"], card_id=row["card_id"], round=row["round"], body=row["body"],
        replier=row["replier"], replier_member_id=row["replier_member_id"],
        recorded_by=row["recorded_by"], created_at=created,
        rating=Rating(row["rating"]) if row["rating"] else None,
        rating_reason=row["rating_reason"],
    )


async def insert(tx: Tx, new: NewCard, now: datetime, due_on: date) -> int:
    card_id = await tx.execute(
        "INSERT INTO cards (team_id, category, body, identity, author_member_id, publish_ok,"
        " status, created_at, due_on, disclosure_id) VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)",
        (new.team_id, new.category, new.body, new.identity, new.author_member_id,
         int(new.publish_ok), ts(now), due_on.isoformat(), new.disclosure_id),
    )
    for position, file_id in enumerate(new.photos):
        await tx.execute("INSERT INTO card_photos (card_id, position, file_id) VALUES (?, ?, ?)",
                         (card_id, position, file_id))
    if new.owner_tag or new.sealed_chat or new.receipt_hash:
        await tx.execute(
            "INSERT INTO card_owners (card_id, owner_tag, sealed_chat, receipt_hash)"
            " VALUES (?, ?, ?, ?)", (card_id, new.owner_tag, new.sealed_chat, new.receipt_hash))
    # The author of an anonymous card is not the audit log's actor either.
    await audit.record(tx, now, new.author_member_id, "card", card_id, None, "new")
    return card_id


async def transition(tx: Tx, card_id: int, action: str, actor_member_id: int | None,
                     now: datetime, note: str | None = None, **fields: object) -> bool:
    """Move a card by `action` if it is still in a state that allows it (first one wins)."""
    sources, target = TRANSITIONS[action]
    unknown = set(fields) - _COLUMNS
    if unknown:
        raise ValueError(f"not card columns: {sorted(unknown)}")
    current = await tx.scalar("SELECT status FROM cards WHERE id = ?", (card_id,))
    if current is None or CardStatus(current) not in sources:
        return False
    assignments = "".join(f", {name} = ?" for name in fields)
    values = [ts(v) if isinstance(v, datetime) else v for v in fields.values()]
    changed = await tx.execute(
        f"UPDATE cards SET status = ?{assignments} WHERE id = ? AND status = ?",
        (target, *values, card_id, current),
    )
    if changed:
        await audit.record(tx, now, actor_member_id, "card", card_id, current, target, note)
    return bool(changed)


async def add_reply(tx: Tx, card_id: int, round_no: int, body: str, replier: str,
                    replier_member_id: int | None, recorded_by: int | None,
                    now: datetime) -> int:
    return await tx.execute(
        "INSERT INTO card_replies (card_id, round, body, replier, replier_member_id,"
        " recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (card_id, round_no, body, replier, replier_member_id, recorded_by, ts(now)),
    )


async def rate(tx: Tx, reply_id: int, rating: Rating, reason: str | None,
               now: datetime) -> bool:
    """Rate a reply once; a second rating of the same reply changes nothing."""
    return bool(await tx.execute(
        "UPDATE card_replies SET rating = ?, rating_reason = ?, rated_at = ?"
        " WHERE id = ? AND rating IS NULL", (rating, reason, ts(now), reply_id),
    ))


async def add_publication(tx: Tx, card_id: int, chat_id: int, by: int | None,
                          now: datetime) -> bool:
    return bool(await tx.execute(
        "INSERT INTO card_publications (card_id, chat_id, published_by, published_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", (card_id, chat_id, by, ts(now)),
    ))


class CardRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, card_id: int) -> Card | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM cards WHERE id = ?", (card_id,))
            if row is None:
                return None
            photos = await tx.fetchall(
                "SELECT file_id FROM card_photos WHERE card_id = ? ORDER BY position", (card_id,))
        return _card(row, tuple(p["file_id"] for p in photos))

    async def replies(self, card_id: int) -> list[Reply]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM card_replies WHERE card_id = ? ORDER BY round", (card_id,))
        return [_reply(r) for r in rows]

    async def latest_reply(self, card_id: int) -> Reply | None:
        replies = await self.replies(card_id)
        return replies[-1] if replies else None

    async def reply(self, reply_id: int) -> Reply | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM card_replies WHERE id = ?", (reply_id,))
        return _reply(row) if row else None

    async def open_cards(self, team_id: int | None = None,
                         status: CardStatus | None = None, limit: int = 50) -> list[Card]:
        """Open cards, soonest due first; optionally of one team and one status."""
        sql = "SELECT * FROM cards WHERE status IN ('new', 'accepted', 'replied')"
        params: list[object] = []
        if team_id is not None:
            sql += " AND team_id = ?"
            params.append(team_id)
        if status is not None:
            sql += " AND status = ?"
            params.append(status)
        async with self.db.read() as tx:
            rows = await tx.fetchall(sql + " ORDER BY due_on, id LIMIT ?", (*params, limit))
        return [_card(r) for r in rows]

    async def unreplied(self) -> list[Card]:
        """Cards the 30-day clock runs for: not yet answered."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM cards WHERE status IN ('new', 'accepted') ORDER BY due_on, id")
        return [_card(r) for r in rows]

    async def unreplied_due(self, first: date, last: date, after: Card | None = None,
                            limit: int = 500) -> list[Card]:
        """Unanswered cards whose reply date falls in [first, last], soonest first: the
        first `limit` of them (after the card `after`, to read them page by page)."""
        where: str = "due_on >= ?"
        params: list[object] = [first.isoformat()]
        if after is not None:
            day = after.due_on.isoformat()
            where, params = "(due_on > ? OR (due_on = ? AND id > ?))", [day, day, after.id]
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                f"SELECT * FROM cards WHERE status IN ('new', 'accepted') AND {where}"
                " AND due_on <= ? ORDER BY due_on, id LIMIT ?",
                (*params, last.isoformat(), limit))
        return [_card(r) for r in rows]

    async def overdue(self, today: date, limit: int) -> tuple[int, list[Card]]:
        """How many unanswered cards are past their reply date, and the `limit` most
        overdue of them."""
        where = "WHERE status IN ('new', 'accepted') AND due_on < ?"
        async with self.db.read() as tx:
            count = await tx.scalar(f"SELECT count(*) FROM cards {where}", (today.isoformat(),))
            rows = await tx.fetchall(f"SELECT * FROM cards {where} ORDER BY due_on, id LIMIT ?",
                                     (today.isoformat(), limit))
        return int(count or 0), [_card(r) for r in rows]

    async def duplicates_of(self, card_id: int) -> list[Card]:
        """Cards marked as repeating this one (their authors share its answer)."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM cards WHERE duplicate_of = ? AND status = 'duplicate'"
                " ORDER BY id", (card_id,))
        return [_card(r) for r in rows]

    async def publications(self, card_id: int) -> list[int]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT chat_id FROM card_publications WHERE card_id = ?", (card_id,))
        return [r["chat_id"] for r in rows]

    # Author-facing: the only queries that read card_owners.

    async def of_owner(self, owner_tag: str, limit: int = 30) -> list[Card]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT c.* FROM cards c JOIN card_owners o ON o.card_id = c.id"
                " WHERE o.owner_tag = ? ORDER BY c.id DESC LIMIT ?", (owner_tag, limit))
        return [_card(r) for r in rows]

    async def owner_tag(self, card_id: int) -> str | None:
        async with self.db.read() as tx:
            value = await tx.scalar("SELECT owner_tag FROM card_owners WHERE card_id = ?",
                                    (card_id,))
        return str(value) if value else None

    async def sealed_chat(self, card_id: int) -> str | None:
        async with self.db.read() as tx:
            value = await tx.scalar("SELECT sealed_chat FROM card_owners WHERE card_id = ?",
                                    (card_id,))
        return str(value) if value else None

    async def by_receipt(self, receipt_hash: str) -> Card | None:
        async with self.db.read() as tx:
            card_id = await tx.scalar(
                "SELECT card_id FROM card_owners WHERE receipt_hash = ?", (receipt_hash,))
        return await self.get(int(card_id)) if card_id is not None else None


async def raised_between(db: Database, start: datetime, end: datetime,
                         team_id: int | None = None) -> list[tuple[Card, Rating | None]]:
    """Cards raised in [start, end) with the rating of their latest rated reply."""
    sql = ("SELECT c.*, (SELECT r.rating FROM card_replies r WHERE r.card_id = c.id"
           " AND r.rating IS NOT NULL ORDER BY r.round DESC LIMIT 1) AS latest_rating"
           " FROM cards c WHERE c.created_at >= ? AND c.created_at < ?")
    params: list[object] = [ts(start), ts(end)]
    if team_id is not None:
        sql += " AND c.team_id = ?"
        params.append(team_id)
    async with db.read() as tx:
        rows = await tx.fetchall(sql, params)
    return [(_card(r), Rating(r["latest_rating"]) if r["latest_rating"] else None)
            for r in rows]


async def any_sealed(db: Database) -> bool:
    """Whether some card's author is sealed (needs the seal key to be reached or known)."""
    async with db.read() as tx:
        return bool(await tx.scalar("SELECT 1 FROM card_owners WHERE owner_tag IS NOT NULL"
                                    " OR sealed_chat IS NOT NULL LIMIT 1"))
