"""Study notes and their notebook photos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.storage import audit
from bot.storage.db import Database, Row, Tx, from_ts, ts
from bot.study import StudyEntry


@dataclass(frozen=True)
class NewEntry:
    member_id: int
    team_id: int | None
    kind: str
    minutes: int
    studied_on: date
    notes: str
    photos: tuple[str, ...]


def _entry(row: Row, photos: tuple[str, ...] = ()) -> StudyEntry:
    created = from_ts(row["created_at"])
    assert created is not None
    return StudyEntry(id=row["id"], member_id=row["member_id"], team_id=row["team_id"],
                      kind=row["kind"], minutes=row["minutes"],
                      studied_on=date.fromisoformat(row["studied_on"]), notes=row["notes"],
                      created_at=created, photos=photos)


async def insert(tx: Tx, new: NewEntry, now: datetime) -> int:
    entry_id = await tx.execute(
        "INSERT INTO study_entries (member_id, team_id, kind, minutes, studied_on, notes,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (new.member_id, new.team_id, new.kind, new.minutes, new.studied_on.isoformat(),
         new.notes, ts(now)))
    for position, file_id in enumerate(new.photos):
        await tx.execute("INSERT INTO study_photos (entry_id, position, file_id)"
                         " VALUES (?, ?, ?)", (entry_id, position, file_id))
    await audit.record(tx, now, new.member_id, "study", entry_id, None, "logged")
    return entry_id


class StudyRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, entry_id: int) -> StudyEntry | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM study_entries WHERE id = ?", (entry_id,))
            if row is None:
                return None
            photos = await tx.fetchall("SELECT file_id FROM study_photos WHERE entry_id = ?"
                                       " ORDER BY position", (entry_id,))
        return _entry(row, tuple(p["file_id"] for p in photos))

    async def of_member(self, member_id: int, first: date, last: date) -> list[StudyEntry]:
        """A member's notes held between two days (inclusive), newest first."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT e.*, (SELECT count(*) FROM study_photos p WHERE p.entry_id = e.id)"
                " AS photo_count FROM study_entries e WHERE member_id = ?"
                " AND studied_on BETWEEN ? AND ? ORDER BY studied_on DESC, id DESC",
                (member_id, first.isoformat(), last.isoformat()))
        return [_entry(r, ("",) * r["photo_count"]) for r in rows]

    async def count(self, member_id: int, first: date, last: date) -> int:
        async with self.db.read() as tx:
            return int(await tx.scalar(
                "SELECT count(*) FROM study_entries WHERE member_id = ?"
                " AND studied_on BETWEEN ? AND ?",
                (member_id, first.isoformat(), last.isoformat())))

    async def counts(self, first: date, last: date,
                     team_id: int | None = None) -> dict[int, int]:
        """Notes per member between two days, over the branch or one team."""
        sql = ("SELECT member_id, count(*) AS n FROM study_entries"
               " WHERE studied_on BETWEEN ? AND ?")
        params: tuple[object, ...] = (first.isoformat(), last.isoformat())
        if team_id is not None:
            sql, params = sql + " AND team_id = ?", (*params, team_id)
        async with self.db.read() as tx:
            rows = await tx.fetchall(sql + " GROUP BY member_id", params)
        return {r["member_id"]: r["n"] for r in rows}


async def notes_per_member(db: Database, periods: list[tuple[date, date]]) -> list[Row]:
    """Each active member of an active team (id, name, team_id, notes) with their notes
    in all of `periods` (first and last day each) together; ordered by their notes in
    the first period, fewest first, then by name, then as `MemberRepo.roster` (team
    code, id). The rows as read: a branch may have ten thousand members."""
    if not periods:
        return []
    between = "studied_on BETWEEN ? AND ?"
    total = " + ".join([f"CASE WHEN {between} THEN 1 ELSE 0 END"] * len(periods))
    days = [day.isoformat() for period in periods for day in period]
    async with db.read() as tx:
        return await tx.fetchall(
            "SELECT m.id, m.name, m.team_id, coalesce(n.total, 0) AS notes FROM members m"
            " JOIN teams t ON t.id = m.team_id LEFT JOIN"
            f" (SELECT member_id, sum(CASE WHEN {between} THEN 1 ELSE 0 END) AS first,"
            f" sum({total}) AS total FROM study_entries WHERE {between}"
            " GROUP BY member_id) n ON n.member_id = m.id"
            " WHERE t.active = 1 AND m.status = 'active'"
            " ORDER BY coalesce(n.first, 0), m.name, t.code, m.id",
            [*days[:2], *days, min(days[::2]), max(days[1::2])])

