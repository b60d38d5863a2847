"""The monthly figures counted in SQL: how the cards raised and the hazards found in a
period stand now, as a few rows of counts instead of every item (a month of a large
branch holds tens of thousands). The counts match bot/card_figures.py and
bot/hazard_figures.py, which count items one by one.

"On time" compares an instant with a local date: an answer (or a fix) is on time when it
came before the local midnight that ends its due date. That midnight is worked out in
SQL from the due date and the branch's UTC offset, one offset per stretch of days (a
time zone with summer time has two or more), and compared as stored text (UTC ISO
8601), so nothing is read row by row. East of Greenwich it falls on the due date
itself: "2026-11-05" ends at "2026-11-05T16:00" in Shanghai."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.storage.db import Database, Row, Tx, ts

RATINGS = ("satisfied", "basic", "unsatisfied")
CARD_COUNTS = ("raised", "accepted", "returned", "duplicate", "replied", "replied_on_time",
               "overdue_open", "implemented", "partial", "declined", *RATINGS)
HAZARD_COUNTS = ("found", "confirmed", "rejected", "duplicate", "rectified",
                 "rectified_on_time", "overdue_open")


def _n(condition: str, name: str) -> str:
    return f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END) AS {name}"


def _ends(column: str, shift: timedelta) -> tuple[str, list[object]]:
    """When the local day in `column` ends, for days whose midnight is `shift` from UTC."""
    minutes = int(shift.total_seconds()) // 60
    if 0 < minutes < 24 * 60:
        at = 24 * 60 - minutes
        return f"{column} || ?", [f"T{at // 60:02d}:{at % 60:02d}"]
    return f"strftime('%Y-%m-%dT%H:%M:%f', {column}, '+1 day', ?)", [f"{-minutes:+d} minutes"]


async def _day_end(tx: Tx, column: str, where: str, params: list[object],
                   tz: ZoneInfo) -> tuple[str, list[object]]:
    """An SQL expression for when the local day in `column` ends, as stored (UTC text),
    for the days of the rows `where` selects; NULL for a NULL day. With its parameters."""
    row = await tx.fetchone(f"SELECT min({column}), max({column}) {where}", params)
    if row is None or row[0] is None:
        return "NULL", []
    runs: list[tuple[date, date, timedelta]] = []  # first day, last day, UTC offset
    day, last = date.fromisoformat(row[0]), date.fromisoformat(row[1])
    while day <= last:
        shift = datetime.combine(day + timedelta(days=1), time(), tz).utcoffset() \
            or timedelta()
        if runs and runs[-1][2] == shift:
            runs[-1] = (runs[-1][0], day, shift)
        else:
            runs.append((day, day, shift))
        day += timedelta(days=1)
    sql, values = [], []
    for first, final, shift in runs:
        ends, more = _ends(column, shift)
        sql.append(f"WHEN {column} BETWEEN ? AND ? THEN {ends}")
        values += [first.isoformat(), final.isoformat(), *more]
    return f"CASE {' '.join(sql)} END", values


async def card_counts(db: Database, start: datetime, end: datetime, today: date,
                      tz: ZoneInfo, team_id: int | None = None) -> list[Row]:
    """Per team, the counts `CARD_COUNTS` over the cards raised in [start, end), as of
    `today`: those of bot/card_figures.CardFigures, with `replied` (on time or late) for
    `replied_late`; the ratings are each card's latest rated reply's."""
    where = "c.created_at >= ? AND c.created_at < ?"
    params: list[object] = [ts(start), ts(end)]
    if team_id is not None:
        where += " AND c.team_id = ?"
        params.append(team_id)
    replied = "c.first_replied_at IS NOT NULL"
    # A card has replies only once it was answered (first_replied_at is set with the
    # first): the others need no look at card_replies. The inner query groups by the
    # rating, so it is looked up once per card, not once per rating counted.
    rating = (f"CASE WHEN {replied} THEN (SELECT r.rating FROM card_replies r"
              " WHERE r.card_id = c.id AND r.rating IS NOT NULL ORDER BY r.round DESC"
              " LIMIT 1) END")
    async with db.read() as tx:
        ends, values = await _day_end(tx, "c.due_on", f"FROM cards c WHERE {where}", params,
                                      tz)
        inner = ("SELECT c.team_id, c.rating, count(*) AS raised, " + ", ".join([
            _n("c.accepted_by IS NOT NULL", "accepted"),
            _n("c.status = 'returned'", "returned"),
            _n("c.status = 'duplicate'", "duplicate"),
            _n(replied, "replied"),
            _n(f"{replied} AND c.first_replied_at < {ends}", "replied_on_time"),
            _n("c.status IN ('new', 'accepted') AND c.due_on < ?", "overdue_open"),
            *(_n(f"c.outcome = '{o}'", o) for o in ("implemented", "partial", "declined"))])
            + f" FROM (SELECT c.*, {rating} AS rating FROM cards c WHERE {where}) c"
            " GROUP BY c.team_id, c.rating")
        ratings = [f"sum(CASE WHEN rating = '{r}' THEN raised ELSE 0 END) AS {r}"
                   for r in RATINGS]
        return await tx.fetchall(
            "SELECT team_id, " + ", ".join(
                [*(f"sum({name}) AS {name}" for name in CARD_COUNTS if name not in RATINGS),
                 *ratings]) + f" FROM ({inner}) GROUP BY team_id",
            [*values, today.isoformat(), *params])


async def hazard_counts(db: Database, start: datetime, end: datetime, today: date,
                        tz: ZoneInfo, team_id: int | None = None) -> list[Row]:
    """Per category and severity, the counts `HAZARD_COUNTS` over the hazards found in
    [start, end), as of `today`: those of bot/hazard_figures.HazardFigures, with
    `rectified` (on time or late) for `rectified_late`; in the order each group was
    first reported (`first` is its lowest id)."""
    where = "h.found_at >= ? AND h.found_at < ?"
    params: list[object] = [ts(start), ts(end)]
    if team_id is not None:
        where += " AND h.team_id = ?"
        params.append(team_id)
    due = "coalesce(h.first_deadline, h.deadline)"
    fixed = "h.status = 'verified' AND h.fixed_at IS NOT NULL"
    async with db.read() as tx:
        ends, values = await _day_end(tx, due, f"FROM hazards h WHERE {where}", params, tz)
        return await tx.fetchall(
            "SELECT h.category, h.severity, min(h.id) AS first, count(*) AS found, "
            + ", ".join([
                _n("h.confirmed_by IS NOT NULL", "confirmed"),
                _n("h.status = 'rejected'", "rejected"),
                _n("h.status = 'duplicate'", "duplicate"),
                _n(fixed, "rectified"),
                _n(f"{fixed} AND ({due} IS NULL OR h.fixed_at < {ends})",
                   "rectified_on_time"),
                _n("h.status = 'confirmed' AND h.deadline < ?", "overdue_open")])
            + f" FROM hazards h WHERE {where} GROUP BY h.category, h.severity ORDER BY first",
            [*values, today.isoformat(), *params])
