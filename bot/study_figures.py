"""Monthly study figures: notes per worker against the target, each team's
participation, and average exam scores per exam and per team. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass

from bot.study import Exam, average


@dataclass(frozen=True)
class WorkerNotes:
    member_id: int
    name: str
    team_id: int | None
    notes: int
    target: int

    @property
    def reached(self) -> bool:
        return self.notes >= self.target


@dataclass(frozen=True)
class TeamStudy:
    team_id: int | None
    members: int
    logged: int  # members with at least one note
    reached: int  # members at or above the target
    notes: int

    @property
    def participation(self) -> float:
        """Share of members who logged at least one note, 0–100."""
        return round(100 * self.logged / self.members, 1) if self.members else 0.0


@dataclass(frozen=True)
class ExamAverage:
    exam: Exam
    scored: int
    average: float | None


def worker_notes(members: list[tuple[int, str, int | None]], counts: dict[int, int],
                 target: int) -> list[WorkerNotes]:
    """One line per member (id, name, team), fewest notes first."""
    rows = [WorkerNotes(m, name, team, counts.get(m, 0), target) for m, name, team in members]
    return sorted(rows, key=lambda r: (r.notes, r.name))


def team_participation(rows: list[WorkerNotes]) -> dict[int | None, TeamStudy]:
    teams: dict[int | None, list[WorkerNotes]] = {}
    for row in rows:
        teams.setdefault(row.team_id, []).append(row)
    return {team: TeamStudy(team, len(found), sum(1 for r in found if r.notes),
                            sum(1 for r in found if r.reached), sum(r.notes for r in found))
            for team, found in teams.items()}


def exam_averages(exams: list[Exam], scores: dict[int, list[float]]) -> list[ExamAverage]:
    return [ExamAverage(e, len(scores.get(e.id, [])), average(scores.get(e.id, [])))
            for e in exams]


def team_exam_average(exams: list[Exam], scores: dict[int, list[float]]
                      ) -> dict[int, float | None]:
    """Per team, the average of every score in its exams (each person's score counts
    once per exam)."""
    pooled: dict[int, list[float]] = {}
    for exam in exams:
        pooled.setdefault(exam.team_id, []).extend(scores.get(exam.id, []))
    return {team: average(values) for team, values in pooled.items()}
