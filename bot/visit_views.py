"""How the visit diary reads in messages: this month's progress against the quota, a
diary line and a whole entry, the hardship flag for the chairs, the officers'
completion table, the monthly reminder and who was (not) visited. No Telegram."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from bot.members import Member
from bot.services import Services
from bot.storage.visits import NewVisit
from bot.study import month_bounds, month_of, previous_month
from bot.texts import Safe, Texts
from bot.visit_calendar import Coverage
from bot.visits import FollowUp, Kind, Quota, Tally, Visit, met, missing

Buttons = list[list[tuple[str, str]]]
MAX_NAMES = 60


def kind_name(t: Texts, lang: str, kind: Kind | str) -> str:
    return t.get(lang, f"visit-kind-{kind}")


def progress(t: Texts, lang: str, month: str, this_month: str, counts: Tally,
             quota: Quota | None) -> str:
    """'本月 谈心 2/3 · 家访 1/2' (the month's name when it is not this month), and what
    is still missing; with no quota (a chair), only the counts."""
    now = month == this_month
    if quota is None:
        return t.get(lang, "visit-count-now" if now else "visit-count-month",
                     month=int(month[5:]), talks=counts.talks, homes=counts.homes)
    key = "visit-progress-now" if now else "visit-progress-month"
    line = t.get(lang, key, month=int(month[5:]), talks=counts.talks, talks_min=quota.talks[0],
                 homes=counts.homes, homes_min=quota.homes[0])
    owed = missing(counts, quota)
    if not owed.any:
        return f"{line} · {t.get(lang, 'visit-progress-done')}"
    return f"{line} · {missing_text(t, lang, owed.talks, owed.homes, past=not now)}"


def missing_text(t: Texts, lang: str, talks: int, homes: int, past: bool = False) -> str:
    """'还差谈心 2 次、家访 1 次' (a month that is over: '差…')."""
    parts = []
    if talks:
        parts.append(t.get(lang, "visit-missing-talks", count=talks))
    if homes:
        parts.append(t.get(lang, "visit-missing-homes", count=homes))
    return t.get(lang, "visit-progress-short" if past else "visit-progress-left",
                 what=Safe(t.get(lang, "list-sep").join(parts)))


def reasons_text(t: Texts, lang: str, reasons: Sequence[str]) -> str:
    return t.get(lang, "list-sep").join(reasons) or t.get(lang, "visit-no-reason")


def _follow(t: Texts, lang: str, follow: FollowUp, revisit: date | None,
            help_taken: bool = False) -> str:
    if follow is FollowUp.REVISIT and revisit is not None:
        return t.get(lang, "visit-follow-revisit-on", day=revisit.strftime("%m-%d"))
    if follow is FollowUp.HELP:
        return t.get(lang, "visit-follow-help-taken" if help_taken else "visit-follow-help")
    return ""


def entry_line(t: Texts, lang: str, visit: Visit) -> str:
    extra = list(visit.reasons)
    follow = _follow(t, lang, visit.follow_up, visit.revisit_on,
                     visit.help_taken_by is not None)
    if follow:
        extra.append(follow)
    return t.get(lang, "visit-entry-line", id=str(visit.id),
                 day=visit.visited_on.strftime("%m-%d"), kind=kind_name(t, lang, visit.kind),
                 person=visit.person, extra=" · ".join(extra))


def draft_text(t: Texts, lang: str, data: dict[str, object], team: str) -> str:
    """The preview of a diary entry before it is saved."""
    reasons = data.get("reasons") or []
    assert isinstance(reasons, list)
    follow = FollowUp(str(data.get("follow") or FollowUp.NONE))
    revisit = date.fromisoformat(str(data["revisit_on"])) if data.get("revisit_on") else None
    lines = [t.get(lang, "visit-preview-title"),
             t.get(lang, "visit-preview-facts", kind=kind_name(t, lang, str(data["kind"])),
                   person=str(data["person"]), team=team, day=str(data["day"])),
             t.get(lang, "visit-preview-reasons",
                   reasons=reasons_text(t, lang, [str(r) for r in reasons])),
             t.get(lang, "visit-preview-follow",
                   follow=_follow(t, lang, follow, revisit) or t.get(lang, "visit-follow-none")),
             "", html.escape(str(data.get("notes") or ""), quote=False)]
    if follow is FollowUp.HELP:
        lines += ["", t.get(lang, "visit-preview-help", note=str(data.get("help_note") or ""))]
    return "\n".join(lines)


async def visit_text(s: Services, lang: str, visit: Visit) -> str:
    """A whole diary entry, for its author or a chair."""
    t = s.texts
    author = await s.members.get(visit.officer_id)
    team = await s.teams.get(visit.team_id) if visit.team_id is not None else None
    lines = [t.get(lang, "visit-title", id=str(visit.id), kind=kind_name(t, lang, visit.kind)),
             t.get(lang, "visit-facts", person=visit.person,
                   team=team.name if team else t.get(lang, "visit-unregistered"),
                   day=visit.visited_on.isoformat(), author=author.name if author else "-"),
             t.get(lang, "visit-preview-reasons",
                   reasons=reasons_text(t, lang, visit.reasons)),
             t.get(lang, "visit-preview-follow",
                   follow=_follow(t, lang, visit.follow_up, visit.revisit_on)
                   or t.get(lang, "visit-follow-none")),
             "", html.escape(visit.notes, quote=False)]
    if visit.follow_up is FollowUp.HELP:
        lines += ["", t.get(lang, "visit-preview-help", note=visit.help_note)]
        if visit.help_taken_by is not None:
            holder = await s.members.get(visit.help_taken_by)
            lines.append(t.get(lang, "visit-help-taken-by", name=holder.name if holder else "-"))
    return "\n".join(lines)


async def help_notice(s: Services, lang: str, visit_id: int, new: NewVisit,
                      author: str, may_take: bool) -> tuple[str, Buttons]:
    """The hardship flag a chair receives, with the button that takes the case on (for
    whoever may take it)."""
    t = s.texts
    team = await s.teams.get(new.team_id) if new.team_id is not None else None
    text = t.get(lang, "visit-help-notice", id=str(visit_id), person=new.person,
                 team=team.name if team else t.get(lang, "visit-unregistered"),
                 author=author, kind=kind_name(t, lang, new.kind),
                 day=new.visited_on.strftime("%m-%d"),
                 reasons=reasons_text(t, lang, new.reasons),
                 note=new.help_note)
    return text, [[(t.get(lang, "btn-visit-take-help"), f"v:{visit_id}:help")]] \
        if may_take else []


def help_taken_notice(s: Services, lang: str, visit: Visit, chair: str) -> str:
    return s.texts.get(lang, "visit-help-taken-notice", person=visit.person, chair=chair,
                       day=visit.visited_on.strftime("%m-%d"))


def nag_text(t: Texts, lang: str, month: str, counts: Tally, quota: Quota,
             last: date) -> str:
    owed = missing(counts, quota)
    return t.get(lang, "visit-nag", month=int(month[5:]), talks=counts.talks,
                 homes=counts.homes, what=Safe(missing_text(t, lang, owed.talks, owed.homes)),
                 talks_min=quota.talks[0], talks_max=quota.talks[1],
                 homes_min=quota.homes[0], homes_max=quota.homes[1],
                 last=last.strftime("%m-%d"))


def completion_text(t: Texts, lang: str, month: str,
                    rows: list[tuple[str, str, Tally, Quota]], past: bool) -> str:
    """Each officer's talks and home visits in a month (`past`: one that is over)
    against their quota, those behind first. Rows are (name, team, tally, quota)."""
    done = sum(1 for _, _, c, q in rows if met(c, q))
    ordered = sorted(rows, key=lambda r: (met(r[2], r[3]), r[1], r[0]))
    lines = [t.get(lang, "visit-report-title", month=month),
             t.get(lang, "visit-report-rate", done=done, size=len(rows))]
    for name, team, counts, quota in ordered:
        owed = missing(counts, quota)
        status = t.get(lang, "visit-report-ok") if not owed.any else \
            missing_text(t, lang, owed.talks, owed.homes, past)
        lines.append(t.get(lang, "visit-report-line", name=name, team=team,
                           talks=counts.talks, talks_min=quota.talks[0], homes=counts.homes,
                           homes_min=quota.homes[0], status=Safe(status)))
    return "\n".join(lines)


def coverage_text(t: Texts, lang: str, team: str, found: Coverage) -> str:
    lines = [t.get(lang, "visit-coverage-title", team=team,
                   since=found.since.isoformat()),
             t.get(lang, "visit-coverage-rate", visited=len(found.visited), size=found.size)]
    if found.never:
        shown = found.never[:MAX_NAMES]
        lines.append(t.get(lang, "visit-coverage-never", count=len(found.never),
                           names=t.get(lang, "list-sep").join(shown)))
        if len(found.never) > MAX_NAMES:
            lines.append(t.get(lang, "visit-coverage-more", count=len(found.never) - MAX_NAMES))
    else:
        lines.append(t.get(lang, "visit-coverage-all"))
    if found.visited:
        name, day = found.visited[0]
        lines.append(t.get(lang, "visit-coverage-oldest", name=name, day=day.isoformat()))
    return "\n".join(lines)


async def diary_text(s: Services, lang: str, member: Member, quota: Quota | None, today: date,
                     tallies: dict[str, Tally]) -> str:
    """/visits: my diary of this month and of last month, each with its progress."""
    t = s.texts
    this_month = month_of(today)
    lines = [t.get(lang, "visits-title")]
    for month in (this_month, previous_month(today)):
        entries = await s.visits.of_officer(member.id, *month_bounds(month))
        lines += ["", progress(t, lang, month, this_month, tallies[month], quota)]
        lines += [entry_line(t, lang, v) for v in entries[:30]]
        if len(entries) > 30:
            lines.append(t.get(lang, "visits-more", count=len(entries) - 30))
        if not entries:
            lines.append(t.get(lang, "visits-none-month"))
    lines += ["", t.get(lang, "visits-footer")]
    return "\n".join(lines)
