"""Logging study notes; creating exams, taking their scores and posting the score
board. Who may do what is checked here, from the actor as stored now. No Telegram.

A draft becomes an entry (or an exam, or an import) in the same transaction that
consumes it, so a repeated press stores nothing twice.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from bot.charts.drawing import drawn
from bot.exam_import import Person
from bot.flows import FlowState
from bot.fonts import FontMissing, require_font
from bot.notices import album, flush
from bot.roles import Actor, Role
from bot.scoreboard import BoardPage, ranked, render, split
from bot.services import Services
from bot.storage import exams as exam_store
from bot.storage import flows as flow_store
from bot.storage import outbox as outbox_store
from bot.storage import study as study_store
from bot.storage.exams import Score
from bot.storage.study import NewEntry
from bot.study import Exam, average, fmt_score, month_bounds, month_of


@dataclass(frozen=True)
class Logged:
    ok: bool
    entry_id: int = 0
    month: str = ""
    count: int = 0
    key: str = ""


def today(s: Services) -> date:
    return s.clock.now().astimezone(s.config.tz).date()


async def log_entry(s: Services, actor: Actor, draft: FlowState) -> Logged:
    data = draft.data
    assert actor.member_id is not None
    new = NewEntry(member_id=actor.member_id, team_id=actor.team_id, kind=str(data["kind"]),
                   minutes=int(data["minutes"]), studied_on=date.fromisoformat(data["day"]),
                   notes=str(data.get("notes") or ""),
                   photos=tuple(str(p) for p in data.get("photos") or []))
    month = month_of(new.studied_on)
    async with s.db.tx() as tx:
        if not await flow_store.consume(tx, draft):
            return Logged(False, key="button-stale")
        entry_id = await study_store.insert(tx, new, s.clock.now())
        count = await s.study.count(actor.member_id, *month_bounds(month))
    return Logged(True, entry_id, month, count)


# Exams --------------------------------------------------------------------------------

def may_manage(actor: Actor, exam: Exam) -> bool:
    return actor.officer_of(exam.team_id)


def own_team(actor: Actor) -> int | None:
    """An officer's exams are for their own team; chairs and admins (None) pick one."""
    if actor.is_chair or actor.is_admin or not actor.has(Role.OFFICER):
        return None
    return actor.team_id


async def create_exam(s: Services, actor: Actor, draft: FlowState) -> int | None:
    data = draft.data
    async with s.db.tx() as tx:
        if not await flow_store.consume(tx, draft):
            return None
        return await exam_store.create(tx, int(data["team_id"]), str(data["subject"]),
                                       date.fromisoformat(data["held_on"]),
                                       float(data["full"]), actor.member_id, s.clock.now())


async def roster(s: Services, team_id: int) -> list[Person]:
    """Who may have a score in a team's exam: its active members."""
    from bot.roles import MemberStatus

    return [Person(m.id, m.name, m.employee_no)
            for m in await s.members.in_team(team_id, MemberStatus.ACTIVE)]


async def set_score(s: Services, actor: Actor, exam: Exam, draft: FlowState,
                    member_id: int, score: float) -> bool:
    """One score, typed by an officer; the flow stays open for the next person."""
    async with s.db.tx() as tx:
        if not await flow_store.consume(tx, draft):
            return False
        await exam_store.put_scores(tx, exam.id, [(member_id, score)], actor.member_id,
                                    s.clock.now(), "one")
    return True


async def import_scores(s: Services, actor: Actor, exam: Exam, draft: FlowState) -> int | None:
    """The checked scores kept in the draft, all in one transaction; None if the draft
    was already used."""
    scores = [(int(m), float(v)) for m, v in draft.data.get("scores", [])]
    async with s.db.tx() as tx:
        if not await flow_store.consume(tx, draft):
            return None
        await exam_store.put_scores(tx, exam.id, scores, actor.member_id, s.clock.now(),
                                    f"file:{len(scores)}")
    return len(scores)


def board_label(score: Score, shows: str) -> str:
    if shows == "employee_no" and score.employee_no:
        return score.employee_no
    return score.name


async def board_images(s: Services, lang: str, exam: Exam) -> list[bytes]:
    """The score board as PNG pages, drawn off the event loop. Raises FontMissing."""
    font = await asyncio.to_thread(require_font, s.config.charts.font_file)  # reads files
    team = await s.teams.get(exam.team_id)
    team_code, team_name = (team.code, team.name) if team else ("", "-")
    shows = s.config.study.team(team_code).board_shows
    scores = await s.exams.scores(exam.id)
    rows = ranked([(board_label(sc, shows), sc.score) for sc in scores])
    chunks = split(rows, s.config.study.board_page_size)
    t, values = s.texts, [sc.score for sc in scores]
    top = max(values) if values else 0.0
    title = t.get(lang, "board-title", branch=s.config.branch.name)
    subtitle = t.get(lang, "board-subtitle", subject=exam.subject, team=team_name,
                     date=exam.held_on.isoformat(), full=fmt_score(exam.full_marks))
    headers = (t.get(lang, "board-rank"),
               t.get(lang, "board-number" if shows == "employee_no" else "board-name"),
               t.get(lang, "board-score"))
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        footer = t.get(lang, "board-footer", count=len(values),
                       average=fmt_score(average(values) or 0), top=fmt_score(top),
                       page=n, pages=len(chunks))
        pages.append(BoardPage(title, subtitle, headers, chunk, footer))
    return list(await asyncio.gather(*(drawn(render, page, font) for page in pages)))


@dataclass(frozen=True)
class Posted:
    ok: bool
    key: str = ""
    pages: int = 0
    chats: int = 0


async def post_board(s: Services, actor: Actor, exam: Exam) -> Posted:
    """The board to the team's chats, through the outbox, once per version of the scores."""
    if exam.posted_current:
        return Posted(False, "exam-already-posted")
    if not await s.exams.scores(exam.id):
        return Posted(False, "exam-no-scores")
    chats = [c.chat_id for c in await s.chats.with_purpose("team", exam.team_id)]
    if not chats:
        return Posted(False, "exam-no-team-chat")
    lang = s.texts.language(None)
    try:
        images = await board_images(s, lang, exam)
    except FontMissing:
        return Posted(False, "image-no-font")
    now = s.clock.now()
    caption = s.texts.get(lang, "board-caption", subject=exam.subject,
                          date=exam.held_on.isoformat())
    async with s.db.tx() as tx:
        if not await exam_store.mark_posted(tx, exam, actor.member_id, now):
            return Posted(False, "exam-already-posted")
        files: list[str | dict[str, int]] = []
        for n, png in enumerate(images, start=1):
            files.append({"file": await outbox_store.add_file(
                tx, f"exam{exam.id}-board{n}.png", png, now)})
        out = []
        for chat_id in chats:
            for start in range(0, len(files), 10):  # an album holds ten
                out += album(chat_id, files[start:start + 10], f"exam:{exam.id}:board",
                             caption=caption if start == 0 else None)
        await flush(s, tx, out)
    s.mail.wake()
    return Posted(True, pages=len(images), chats=len(chats))
