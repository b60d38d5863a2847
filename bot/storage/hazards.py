"""Hazards and their photos. Every state change writes the audit log in the same
transaction; a transition only happens from the states its action allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.hazards import TRANSITIONS, Hazard, HazardStatus, Severity
from bot.storage import audit
from bot.storage.db import Database, Row, Tx, from_ts, ts

_COLUMNS = {"owner_member_id", "owner_name", "deadline", "first_deadline", "confirmed_by",
            "confirmed_at", "handled_by", "reject_reason", "duplicate_of", "fixed_at",
            "fixed_by", "redo_reason", "rounds", "verified_by", "verified_at"}


@dataclass(frozen=True)
class NewHazard:
    team_id: int | None
    reporter_member_id: int | None
    location: str
    category: str
    severity: Severity
    description: str
    found_at: datetime
    photos: tuple[str, ...]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _hazard(row: Row, photos: tuple[str, ...] = (), fix_photos: tuple[str, ...] = ()) -> Hazard:
    found, created = from_ts(row["found_at"]), from_ts(row["created_at"])
    assert found is not None and created is not None
    return Hazard(
        id=row["id"], team_id=row["team_id"], reporter_member_id=row["reporter_member_id"],
        location=row["location"], category=row["category"],
        severity=Severity(row["severity"]), description=row["description"],
        found_at=found, created_at=created, status=HazardStatus(row["status"]),
        owner_member_id=row["owner_member_id"], owner_name=row["owner_name"],
        deadline=_date(row["deadline"]), first_deadline=_date(row["first_deadline"]),
        confirmed_by=row["confirmed_by"], handled_by=row["handled_by"],
        reject_reason=row["reject_reason"], duplicate_of=row["duplicate_of"],
        fixed_at=from_ts(row["fixed_at"]), fixed_by=row["fixed_by"],
        redo_reason=row["redo_reason"], rounds=row["rounds"], verified_by=row["verified_by"],
        verified_at=from_ts(row["verified_at"]), photos=photos, fix_photos=fix_photos,
    )


async def insert(tx: Tx, new: NewHazard, now: datetime) -> int:
    hazard_id = await tx.execute(
        "INSERT INTO hazards (team_id, reporter_member_id, location, category, severity,"
        " description, found_at, created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
        " 'reported')",
        (new.team_id, new.reporter_member_id, new.location, new.category, new.severity,
         new.description, ts(new.found_at), ts(now)),
    )
    await add_photos(tx, hazard_id, "report", 0, new.photos)
    await audit.record(tx, now, new.reporter_member_id, "hazard", hazard_id, None, "reported")
    return hazard_id


async def add_photos(tx: Tx, hazard_id: int, kind: str, round_no: int,
                     photos: tuple[str, ...]) -> None:
    for position, file_id in enumerate(photos):
        await tx.execute(
            "INSERT INTO hazard_photos (hazard_id, kind, round, position, file_id)"
            " VALUES (?, ?, ?, ?, ?)", (hazard_id, kind, round_no, position, file_id))


async def transition(tx: Tx, hazard_id: int, action: str, actor_member_id: int | None,
                     now: datetime, note: str | None = None, **fields: object) -> bool:
    """Move a hazard by `action` if its state still allows it (the first one wins)."""
    sources, target = TRANSITIONS[action]
    unknown = set(fields) - _COLUMNS
    if unknown:
        raise ValueError(f"not hazard columns: {sorted(unknown)}")
    current = await tx.scalar("SELECT status FROM hazards WHERE id = ?", (hazard_id,))
    if current is None or HazardStatus(current) not in sources:
        return False
    assignments = "".join(f", {name} = ?" for name in fields)
    values = [ts(v) if isinstance(v, datetime) else
              v.isoformat() if isinstance(v, date) else v for v in fields.values()]
    changed = await tx.execute(
        f"UPDATE hazards SET status = ?{assignments} WHERE id = ? AND status = ?",
        (target, *values, hazard_id, current),
    )
    if changed:
        await audit.record(tx, now, actor_member_id, "hazard", hazard_id, current, target,
                           note)
    return bool(changed)


_OPEN = "status IN ('reported', 'confirmed', 'fixed')"


class HazardRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, hazard_id: int) -> Hazard | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM hazards WHERE id = ?", (hazard_id,))
            if row is None:
                return None
            photos = await tx.fetchall(
                "SELECT kind, file_id FROM hazard_photos WHERE hazard_id = ?"
                " ORDER BY round, position", (hazard_id,))
        report = tuple(p["file_id"] for p in photos if p["kind"] == "report")
        fix = tuple(p["file_id"] for p in photos if p["kind"] == "fix")
        return _hazard(row, report, fix)

    async def _many(self, where: str, params: tuple[object, ...] = (),
                    limit: int = 50) -> list[Hazard]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                f"SELECT * FROM hazards WHERE {where} ORDER BY id DESC LIMIT ?",
                (*params, limit))
        return [_hazard(r) for r in rows]

    async def of_reporter(self, member_id: int, limit: int = 20) -> list[Hazard]:
        return await self._many("reporter_member_id = ?", (member_id,), limit)

    async def open_hazards(self, team_id: int | None = None, limit: int = 200) -> list[Hazard]:
        if team_id is None:
            return await self._many(_OPEN, (), limit)
        return await self._many(f"{_OPEN} AND team_id = ?", (team_id,), limit)

    async def owned_by(self, member_id: int) -> list[Hazard]:
        return await self._many("owner_member_id = ? AND status = 'confirmed'", (member_id,))

    async def confirmed(self) -> list[Hazard]:
        """Hazards waiting for their rectification: the deadline clock runs for these."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT * FROM hazards WHERE status = 'confirmed' ORDER BY deadline, id")
        return [_hazard(r) for r in rows]

    async def confirmed_due(self, last: date, after: Hazard | None = None,
                            limit: int = 500) -> list[Hazard]:
        """Confirmed hazards whose deadline is `last` or earlier (overdue ones too),
        soonest first: the first `limit` of them (after the hazard `after`, to read them
        page by page)."""
        where, params = "deadline IS NOT NULL", []
        if after is not None and after.deadline is not None:
            day = after.deadline.isoformat()
            where = "(deadline > ? OR (deadline = ? AND id > ?))"
            params = [day, day, after.id]
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                f"SELECT * FROM hazards WHERE status = 'confirmed' AND {where}"
                " AND deadline <= ? ORDER BY deadline, id LIMIT ?",
                (*params, last.isoformat(), limit))
        return [_hazard(r) for r in rows]


async def found_between(db: Database, start: datetime, end: datetime) -> list[Hazard]:
    async with db.read() as tx:
        rows = await tx.fetchall(
            "SELECT * FROM hazards WHERE found_at >= ? AND found_at < ? ORDER BY id",
            (ts(start), ts(end)))
    return [_hazard(r) for r in rows]
