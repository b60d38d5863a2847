"""The officers' diary of talks and home visits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from bot.storage import audit
from bot.storage.db import Database, Row, Tx, from_ts, ts
from bot.visits import FollowUp, Kind, Visit


@dataclass(frozen=True)
class NewVisit:
    officer_id: int
    kind: Kind
    member_id: int | None
    person: str
    team_id: int | None
    visited_on: date
    notes: str
    reasons: tuple[str, ...]
    follow_up: FollowUp
    revisit_on: date | None
    help_note: str


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _visit(row: Row) -> Visit:
    created = from_ts(row["created_at"])
    visited = _day(row["visited_on"])
    assert created is not None and visited is not None
    return Visit(id=row["id"], officer_id=row["officer_id"], kind=Kind(row["kind"]),
                 member_id=row["member_id"], person=row["person"], team_id=row["team_id"],
                 visited_on=visited, notes=row["notes"],
                 reasons=tuple(json.loads(row["reasons"])),
                 follow_up=FollowUp(row["follow_up"]), created_at=created,
                 revisit_on=_day(row["revisit_on"]), help_note=row["help_note"],
                 help_taken_by=row["help_taken_by"],
                 help_taken_at=from_ts(row["help_taken_at"]))


async def insert(tx: Tx, new: NewVisit, now: datetime) -> int:
    visit_id = await tx.execute(
        "INSERT INTO visits (officer_id, kind, member_id, person, team_id, visited_on,"
        " notes, reasons, follow_up, revisit_on, help_note, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new.officer_id, new.kind.value, new.member_id, new.person, new.team_id,
         new.visited_on.isoformat(), new.notes, json.dumps(list(new.reasons),
                                                           ensure_ascii=False),
         new.follow_up.value, new.revisit_on.isoformat() if new.revisit_on else None,
         new.help_note, ts(now)))
    await audit.record(tx, now, new.officer_id, "visit", visit_id, None, "logged")
    return visit_id


async def take_help(tx: Tx, visit_id: int, by: int, now: datetime) -> bool:
    """A chair takes on a hardship case; false if someone already had."""
    changed = await tx.execute(
        "UPDATE visits SET help_taken_by = ?, help_taken_at = ? WHERE id = ?"
        " AND follow_up = 'help' AND help_taken_by IS NULL", (by, ts(now), visit_id))
    if changed:
        await audit.record(tx, now, by, "visit", visit_id, "help", "taken")
    return bool(changed)


class VisitRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, visit_id: int) -> Visit | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM visits WHERE id = ?", (visit_id,))
        return _visit(row) if row else None

    async def of_officer(self, officer_id: int, first: date, last: date) -> list[Visit]:
        """An officer's diary between two days (inclusive), newest first."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM visits WHERE officer_id = ? AND visited_on BETWEEN ? AND ?"
                " ORDER BY visited_on DESC, id DESC",
                (officer_id, first.isoformat(), last.isoformat()))
        return [_visit(r) for r in rows]

    async def between(self, first: date, last: date) -> list[Visit]:
        """Every entry visited in [first, last], by day (for the archive's export)."""
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT * FROM visits WHERE visited_on BETWEEN ? AND ?"
                                     " ORDER BY visited_on, id",
                                     (first.isoformat(), last.isoformat()))
        return [_visit(r) for r in rows]

    async def kinds_between(self, first: date, last: date) -> list[tuple[int, Kind]]:
        """(officer, kind) of every visit between two days, for counting."""
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT officer_id, kind FROM visits"
                                     " WHERE visited_on BETWEEN ? AND ?",
                                     (first.isoformat(), last.isoformat()))
        return [(r["officer_id"], Kind(r["kind"])) for r in rows]

    async def any_until(self, last: date) -> bool:
        """Was any visit logged on or before `last` (is the diary in use yet)?"""
        async with self.db.read() as tx:
            return bool(await tx.scalar("SELECT EXISTS (SELECT 1 FROM visits"
                                        " WHERE visited_on <= ?)", (last.isoformat(),)))

    async def last_visits(self, since: date) -> dict[int, date]:
        """Each registered member's latest visit on or after `since`."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT member_id, max(visited_on) AS last FROM visits"
                " WHERE member_id IS NOT NULL AND visited_on >= ? GROUP BY member_id",
                (since.isoformat(),))
        return {r["member_id"]: date.fromisoformat(r["last"]) for r in rows}

    async def revisits_due(self, first: date, last: date) -> list[Visit]:
        """Visits whose 再访 day falls between two days."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM visits WHERE follow_up = 'revisit'"
                " AND revisit_on BETWEEN ? AND ? ORDER BY revisit_on, id",
                (first.isoformat(), last.isoformat()))
        return [_visit(r) for r in rows]

    async def seen_again(self, visit: Visit) -> bool:
        """Was the person visited again after this visit (by anyone for a member; by the
        same officer for someone not registered)?"""
        params: tuple[object, ...]
        if visit.member_id is not None:
            where, params = "member_id = ?", (visit.member_id,)
        else:
            where, params = ("member_id IS NULL AND officer_id = ? AND person = ?",
                             (visit.officer_id, visit.person))
        async with self.db.read() as tx:
            return bool(await tx.scalar(
                f"SELECT EXISTS (SELECT 1 FROM visits WHERE {where} AND id != ?"
                " AND visited_on > ?)", (*params, visit.id, visit.visited_on.isoformat())))

    async def open_help(self) -> list[Visit]:
        """Hardship cases no chair has taken on yet, oldest first."""
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT * FROM visits WHERE follow_up = 'help'"
                                     " AND help_taken_by IS NULL ORDER BY id")
        return [_visit(r) for r in rows]
