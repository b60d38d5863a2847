"""The month for the archive as an XLSX workbook: a summary sheet, then one sheet per
area — cards with their replies and outcomes, hazards with their rectification, study
notes per worker, visits, disclosures with their reads.

An anonymous card carries no identity at all (not even through its rating or
replies); the visit diary's notes go in only when a chair asks for them."""

from __future__ import annotations

import html
import io
from datetime import date, datetime
from typing import Any

from bot import queries, summaries
from bot.card_figures import month_bounds
from bot.cards import Identity, local_date, replied_on_time
from bot.hazards import fixed_on_time
from bot.services import Services
from bot.storage import cards as card_store
from bot.study import month_bounds as day_bounds

Rows = list[list[Any]]


def _day(at: datetime | date | None, s: Services) -> str:
    if at is None:
        return ""
    if isinstance(at, datetime):
        return local_date(at, s.config.tz).isoformat()
    return at.isoformat()


async def _names(s: Services) -> tuple[dict[int, str], dict[int, str]]:
    teams = {t.id: t.name for t in await s.teams.all()}
    members = {m.id: m.name for m in await s.members.everyone()}
    return teams, members


async def card_rows(s: Services, lang: str, month: str, teams: dict[int, str],
                    members: dict[int, str], team_id: int | None = None) -> Rows:
    t = s.texts
    start, end = month_bounds(month, s.config.tz)
    rows: Rows = [[t.get(lang, f"export-card-{c}") for c in (
        "id", "team", "category", "identity", "status", "raised", "due", "replied",
        "on-time", "outcome", "rating", "replies", "disclosure")]]
    for card, rating in await card_store.raised_between(s.db, start, end, team_id):
        identity = t.get(lang, f"card-identity-{card.identity}")
        if card.identity is Identity.NAMED and card.author_member_id:
            identity = f"{identity}：{members.get(card.author_member_id, '-')}"
        replies = await s.cards.replies(card.id)
        on_time = "" if card.first_replied_at is None else t.get(
            lang, "export-yes" if replied_on_time(card.due_on, card.first_replied_at,
                                                  s.config.tz) else "export-no")
        rows.append([
            card.id, teams.get(card.team_id or 0, ""), card.category, identity,
            t.get(lang, f"card-status-{card.status}"), _day(card.created_at, s),
            _day(card.due_on, s), _day(card.first_replied_at, s), on_time,
            t.get(lang, f"card-outcome-{card.outcome}") if card.outcome else "",
            t.get(lang, f"chart-{rating.value}") if rating else "",
            "\n\n".join(f"{r.replier}（{_day(r.created_at, s)}）：{r.body}" for r in replies),
            card.disclosure_id or ""])
    return rows


async def hazard_rows(s: Services, lang: str, month: str, teams: dict[int, str],
                      team_id: int | None = None) -> Rows:
    t = s.texts
    rows: Rows = [[t.get(lang, f"export-hazard-{c}") for c in (
        "id", "team", "location", "category", "severity", "description", "status", "found",
        "owner", "deadline", "fixed", "on-time")]]
    for h in await queries.hazard_figures(s, month):
        if team_id is not None and h.team_id != team_id:
            continue
        on_time = fixed_on_time(h, s.config.tz)
        rows.append([
            h.id, teams.get(h.team_id or 0, ""), h.location, h.category,
            t.get(lang, f"severity-{h.severity}").lstrip("🔴 "), h.description,
            t.get(lang, f"hazard-status-{h.status}"), _day(h.found_at, s), h.owner_name or "",
            _day(h.deadline, s), _day(h.fixed_at, s),
            "" if on_time is None else t.get(lang, "export-yes" if on_time else "export-no")])
    return rows


async def study_rows(s: Services, lang: str, month: str, teams: dict[int, str],
                     team_id: int | None = None) -> Rows:
    t = s.texts
    study = await queries.study_figures(s, month)
    rows: Rows = [[t.get(lang, f"export-study-{c}") for c in (
        "name", "team", "notes", "target", "reached")]]
    for w in sorted(study.workers, key=lambda w: (teams.get(w.team_id or 0, ""), w.name)):
        if team_id is not None and w.team_id != team_id:
            continue
        rows.append([w.name, teams.get(w.team_id or 0, ""), w.notes, w.target,
                     t.get(lang, "export-yes" if w.reached else "export-no")])
    return rows


async def visit_rows(s: Services, lang: str, month: str, teams: dict[int, str],
                     members: dict[int, str], with_notes: bool,
                     officer_id: int | None = None) -> Rows:
    t = s.texts
    columns = ["day", "officer", "kind", "person", "team", "reasons", "follow"]
    rows: Rows = [[t.get(lang, f"export-visit-{c}") for c in
                   columns + (["notes"] if with_notes else [])]]
    for v in await s.visits.between(*day_bounds(month)):
        if officer_id is not None and v.officer_id != officer_id:
            continue  # a diary entry is its author's and the chairs'
        row = [v.visited_on.isoformat(), members.get(v.officer_id, "-"),
               t.get(lang, f"visit-kind-{v.kind}"), v.person, teams.get(v.team_id or 0, ""),
               "、".join(v.reasons), t.get(lang, f"export-follow-{v.follow_up}")]
        rows.append(row + ([v.notes] if with_notes else []))
    return rows


async def disclosure_rows(s: Services, lang: str, month: str,
                          members: dict[int, str]) -> Rows:
    t = s.texts
    rows: Rows = [[t.get(lang, f"export-disclosure-{c}") for c in (
        "id", "category", "period", "title", "status", "drafter", "approver", "chats",
        "read", "questions", "corrections")]]
    for d in await s.disclosures.created_between(*month_bounds(month, s.config.tz)):
        posts = await s.disclosures.posts(d.id)
        rows.append([
            d.id, d.category, d.period, d.title, t.get(lang, f"disclose-fix-{d.status}"),
            members.get(d.drafted_by, "-"), members.get(d.decided_by or 0, ""),
            sum(1 for p in posts if p.status == "sent"),
            sum((await s.disclosures.read_counts(d.id)).values()),
            len(await s.disclosures.questions(d.id)),
            len(await s.disclosures.corrections(d.id))])
    return rows


async def workbook(s: Services, month: str, with_notes: bool = False,
                   team_id: int | None = None, officer_id: int | None = None) -> bytes:
    """The month as XLSX bytes: the whole branch, or (for an officer) their team's
    cards, hazards and study and their own diary entries."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    lang = s.texts.language(None)
    t = s.texts
    teams, members = await _names(s)
    figures = await summaries.gather(s, [month], team_id)
    team = await s.teams.get(team_id) if team_id is not None else None
    overview = summaries.headline(s, lang, team.name if team else s.config.branch.name,
                                  summaries.month_label(month, lang), figures)
    sheets: list[tuple[str, Rows]] = [
        (t.get(lang, "export-sheet-summary"),
         [[html.unescape(line.replace("<b>", "").replace("</b>", ""))]
          for line in overview.split("\n")]),
        (t.get(lang, "export-sheet-cards"),
         await card_rows(s, lang, month, teams, members, team_id)),
        (t.get(lang, "export-sheet-hazards"), await hazard_rows(s, lang, month, teams, team_id)),
        (t.get(lang, "export-sheet-study"), await study_rows(s, lang, month, teams, team_id)),
        (t.get(lang, "export-sheet-visits"),
         await visit_rows(s, lang, month, teams, members, with_notes, officer_id)),
        (t.get(lang, "export-sheet-disclosures"),
         await disclosure_rows(s, lang, month, members)),
    ]
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            letter = column[0].column_letter
            width = max(len(str(c.value or "")) for c in column[:50])
            sheet.column_dimensions[letter].width = min(60, max(8, width * 1.6))
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
