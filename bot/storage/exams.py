"""Exams, their scores, and the image files the bot uploads through the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.storage import audit
from bot.storage.db import Database, Row, Tx, from_ts, ts
from bot.study import Exam


@dataclass(frozen=True)
class Score:
    member_id: int
    name: str
    employee_no: str | None
    score: float


def _exam(row: Row) -> Exam:
    created, changed = from_ts(row["created_at"]), from_ts(row["changed_at"])
    assert created is not None and changed is not None
    return Exam(id=row["id"], team_id=row["team_id"], subject=row["subject"],
                held_on=date.fromisoformat(row["held_on"]), full_marks=row["full_marks"],
                created_by=row["created_by"], created_at=created, changed_at=changed,
                posted_at=from_ts(row["posted_at"]))


async def create(tx: Tx, team_id: int, subject: str, held_on: date, full_marks: float,
                 by: int | None, now: datetime) -> int:
    exam_id = await tx.execute(
        "INSERT INTO exams (team_id, subject, held_on, full_marks, created_by, created_at,"
        " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (team_id, subject, held_on.isoformat(), full_marks, by, ts(now), ts(now)))
    await audit.record(tx, now, by, "exam", exam_id, None, "created")
    return exam_id


async def put_scores(tx: Tx, exam_id: int, scores: list[tuple[int, float]], by: int | None,
                     now: datetime, note: str) -> None:
    """Set (or correct) scores; the board must be posted again afterwards."""
    for member_id, score in scores:
        await tx.execute(
            "INSERT INTO exam_scores (exam_id, member_id, score, entered_by, entered_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (exam_id, member_id) DO UPDATE SET"
            " score = excluded.score, entered_by = excluded.entered_by,"
            " entered_at = excluded.entered_at", (exam_id, member_id, score, by, ts(now)))
    await tx.execute("UPDATE exams SET changed_at = ? WHERE id = ?", (ts(now), exam_id))
    await audit.record(tx, now, by, "exam", exam_id, None, "scores", note)


async def mark_posted(tx: Tx, exam: Exam, by: int | None, now: datetime) -> bool:
    """Posted once per version of the scores: false if someone already posted these."""
    changed = await tx.execute(
        "UPDATE exams SET posted_at = ?, posted_by = ? WHERE id = ? AND changed_at = ?"
        " AND (posted_at IS NULL OR posted_at < changed_at)",
        (ts(now), by, exam.id, ts(exam.changed_at)))
    if changed:
        await audit.record(tx, now, by, "exam", exam.id, None, "posted")
    return bool(changed)


class ExamRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, exam_id: int) -> Exam | None:
        async with self.db.read() as tx:
            row = await tx.fetchone("SELECT * FROM exams WHERE id = ?", (exam_id,))
        return _exam(row) if row else None

    async def of_team(self, team_id: int | None, limit: int = 20) -> list[Exam]:
        """The latest exams, of one team or (None) of every team."""
        where, params = ("WHERE team_id = ?", (team_id,)) if team_id is not None else ("", ())
        async with self.db.read() as tx:
            rows = await tx.fetchall(f"SELECT * FROM exams {where}"
                                     " ORDER BY held_on DESC, id DESC LIMIT ?",
                                     (*params, limit))
        return [_exam(r) for r in rows]

    async def held_between(self, first: date, last: date) -> list[Exam]:
        async with self.db.read() as tx:
            rows = await tx.fetchall("SELECT * FROM exams WHERE held_on BETWEEN ? AND ?"
                                     " ORDER BY held_on, id",
                                     (first.isoformat(), last.isoformat()))
        return [_exam(r) for r in rows]

    async def scores(self, exam_id: int) -> list[Score]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT s.member_id, m.name, m.employee_no, s.score FROM exam_scores s"
                " JOIN members m ON m.id = s.member_id WHERE s.exam_id = ?"
                " ORDER BY s.score DESC, m.name", (exam_id,))
        return [Score(r["member_id"], r["name"], r["employee_no"], r["score"]) for r in rows]

    async def of_member(self, member_id: int, limit: int = 5) -> list[tuple[Exam, float]]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT e.*, s.score AS my_score FROM exam_scores s JOIN exams e"
                " ON e.id = s.exam_id WHERE s.member_id = ? ORDER BY e.held_on DESC, e.id DESC"
                " LIMIT ?", (member_id, limit))
        return [(_exam(r), r["my_score"]) for r in rows]
