"""Questions several places ask: who may answer a card, who wrote one, which card a
receipt code opens; and the monthly figures of cards, hazards, study and visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.card_figures import CardFigures, month_bounds
from bot.cards import Card, Identity, local_date
from bot.hazard_figures import HazardFigures
from bot.hazards import Hazard, Severity
from bot.roles import Actor
from bot.services import Services
from bot.storage import figures as figures_store
from bot.storage import hazards as hazard_store
from bot.storage import study as study_store
from bot.storage.db import Row
from bot.storage.figures import CARD_COUNTS, HAZARD_COUNTS
from bot.study import month_bounds as study_month
from bot.study_figures import (
    ExamAverage,
    TeamStudy,
    WorkerNotes,
    exam_averages,
    team_exam_average,
    team_participation,
    worker_notes,
)
from bot.visit_calendar import Coverage, coverage, year_ago
from bot.visits import Quota, Tally


async def registered_leaders(s: Services, department: str | None) -> list[int]:
    """The department's leaders who are active members of the bot."""
    ids = next((d.leader_user_ids for d in s.config.cards.departments
                if d.code == department), [])
    found = []
    for tg_user_id in ids:
        leader = await s.members.actor(tg_user_id)
        if leader.active:
            found.append(tg_user_id)
    return found


async def may_reply(s: Services, actor: Actor, card: Card) -> bool:
    return actor.active and actor.tg_user_id in await registered_leaders(s, card.department)


async def is_author(s: Services, actor: Actor, card: Card) -> bool:
    """Did this Telegram user write the card? (Never true of a fully anonymous card: only
    its receipt code shows ownership.)"""
    if card.identity is Identity.NAMED:
        return actor.member_id is not None and card.author_member_id == actor.member_id
    if card.identity is Identity.ANONYMOUS:
        return await s.cards.owner_tag(card.id) == s.sealer.tag(actor.tg_user_id)
    return False


async def by_receipt(s: Services, code: str) -> Card | None:
    return await s.cards.by_receipt(s.sealer.code_hash(code))


async def monthly_figures(s: Services, month: str,
                          team_id: int | None = None) -> dict[int | None, CardFigures]:
    """Per team, the figures of the cards raised in `month` ('2026-11'), as of now."""
    start, end = month_bounds(month, s.config.tz)
    rows = await figures_store.card_counts(s.db, start, end,
                                           local_date(s.clock.now(), s.config.tz),
                                           s.config.tz, team_id)
    return {row["team_id"]: CardFigures(
        **{name: row[name] for name in CARD_COUNTS if name != "replied"},
        replied_late=row["replied"] - row["replied_on_time"]) for row in rows}


async def hazard_figures(s: Services, month: str) -> list[Hazard]:
    """The hazards found in `month` ('2026-11'); group them with
    `bot.hazard_figures.tally(..., by=lambda h: h.category)` (or severity, team_id) and
    count finders with `found_per_reporter`."""
    start, end = month_bounds(month, s.config.tz)
    return await hazard_store.found_between(s.db, start, end)


async def hazard_counts(s: Services, months: list[str], team_id: int | None = None
                        ) -> tuple[dict[str, HazardFigures], dict[Severity, HazardFigures]]:
    """The figures of the hazards found in `months` (of a team, or the branch's), by
    category and by severity, each in the order first found."""
    today = local_date(s.clock.now(), s.config.tz)
    by_category: dict[str, HazardFigures] = {}
    by_severity: dict[Severity, HazardFigures] = {}
    for month in months:
        start, end = month_bounds(month, s.config.tz)
        for row in await figures_store.hazard_counts(s.db, start, end, today, s.config.tz,
                                                     team_id):
            figures = HazardFigures(
                **{name: row[name] for name in HAZARD_COUNTS if name != "rectified"},
                rectified_late=row["rectified"] - row["rectified_on_time"])
            by_category.setdefault(row["category"], HazardFigures()).add(figures)
            by_severity.setdefault(Severity(row["severity"]), HazardFigures()).add(figures)
    return by_category, by_severity


@dataclass(frozen=True)
class StudyFigures:
    workers: list[WorkerNotes]
    teams: dict[int | None, TeamStudy]
    exams: list[ExamAverage]
    team_exam_average: dict[int, float | None]


async def study_figures(s: Services, month: str) -> StudyFigures:
    """Notes per active member in `month` against the target, each team's participation,
    and the month's exams with their averages."""
    from bot.roles import MemberStatus

    first, last = study_month(month)
    counts = await s.study.counts(first, last)
    members = await s.members.roster(MemberStatus.ACTIVE)
    workers = worker_notes(members, counts, s.config.study.monthly_target)
    exams = await s.exams.held_between(first, last)
    scores = {e.id: [sc.score for sc in await s.exams.scores(e.id)] for e in exams}
    return StudyFigures(workers, team_participation(workers), exam_averages(exams, scores),
                        team_exam_average(exams, scores))


async def notes_per_member(s: Services, months: list[str]) -> list[Row]:
    """Each active member (id, name, team_id, notes) with their study notes over
    `months`, in the order of the first month's `study_figures` workers: fewest notes
    first, then by name. Counted in SQL: the branch may have ten thousand members."""
    return await study_store.notes_per_member(s.db, [study_month(m) for m in months])


@dataclass(frozen=True)
class OfficerVisits:
    member_id: int
    tg_user_id: int
    name: str
    team: str
    tally: Tally
    quota: Quota


async def visit_figures(s: Services, month: str) -> list[OfficerVisits]:
    """Each active officer's talks and home visits in `month` against their quota."""
    from bot import visit_actions

    counts = await visit_actions.month_tally(s, month)
    teams = {t.id: t.name for t in await s.teams.all()}
    return [OfficerVisits(m.id, m.tg_user_id, m.name, teams.get(m.team_id or 0, "-"),
                          counts.get(m.id, Tally()), visit_actions.quota_for(s, m))
            for m in await visit_actions.quota_holders(s)]


async def visit_coverage(s: Services, team_id: int, today: date) -> Coverage:
    """Who of a team's active members was visited in the 12 months up to today."""
    from bot.roles import MemberStatus

    since = year_ago(today)
    members = [(m.id, m.name) for m in await s.members.in_team(team_id, MemberStatus.ACTIVE)]
    return coverage(members, await s.visits.last_visits(since), since)
