"""How study notes and exams read in messages: progress, /mystudy, an exam's card and
its buttons, import errors, the officers' participation table. No Telegram."""

from __future__ import annotations

from datetime import date

from bot.exam_import import Checked
from bot.roles import MemberStatus
from bot.services import Services
from bot.storage.exams import Score
from bot.study import (
    Exam,
    StudyEntry,
    average,
    fmt_score,
    month_bounds,
    month_of,
    totals_by_kind,
)
from bot.texts import Safe, Texts

Buttons = list[list[tuple[str, str]]]
MAX_ERROR_LINES = 40


def progress(t: Texts, lang: str, month: str, this_month: str, count: int,
             target: int) -> str:
    """'本月 3/4 篇 · 还差 1 篇' (or the month's name when it is not this month)."""
    key = "study-progress-now" if month == this_month else "study-progress-month"
    line = t.get(lang, key, month=int(month[5:]), count=count, target=target)
    more = t.get(lang, "study-progress-left", left=target - count) if count < target else \
        t.get(lang, "study-progress-done")
    return f"{line} · {more}"


def entry_line(t: Texts, lang: str, entry: StudyEntry) -> str:
    what = []
    if entry.notes:
        what.append(t.get(lang, "study-has-text", length=len(entry.notes)))
    if entry.photos:
        what.append(t.get(lang, "study-has-photos", count=len(entry.photos)))
    return t.get(lang, "study-entry-line", day=entry.studied_on.strftime("%m-%d"),
                 kind=entry.kind, minutes=entry.minutes, what=Safe(" · ".join(what)))


async def my_study_text(s: Services, lang: str, member_id: int, today: date) -> str:
    t, target = s.texts, s.config.study.monthly_target
    month = month_of(today)
    first, last = month_bounds(month)
    this_month = await s.study.of_member(member_id, first, last)
    year = await s.study.of_member(member_id, date(today.year, 1, 1), today)
    lines = [t.get(lang, "mystudy-title"),
             progress(t, lang, month, month, len(this_month), target)]
    lines += [entry_line(t, lang, e) for e in this_month[:20]]
    if not this_month:
        lines.append(t.get(lang, "mystudy-none-month"))
    lines += ["", t.get(lang, "mystudy-year", year=today.year, count=len(year),
                        minutes=sum(e.minutes for e in year))]
    for kind, count, minutes in totals_by_kind(year):
        lines.append(t.get(lang, "mystudy-kind-line", kind=kind, count=count, minutes=minutes))
    exams = await s.exams.of_member(member_id)
    if exams:
        lines += ["", t.get(lang, "mystudy-exams")]
        lines += [t.get(lang, "mystudy-exam-line", subject=e.subject,
                        date=e.held_on.isoformat(), score=fmt_score(score),
                        full=fmt_score(e.full_marks)) for e, score in exams]
    lines += ["", t.get(lang, "mystudy-footer")]
    return "\n".join(lines)


def exam_buttons(t: Texts, lang: str, exam: Exam) -> Buttons:
    def b(key: str, action: str) -> tuple[str, str]:
        return (t.get(lang, key), f"e:{exam.id}:{action}")

    return [[b("btn-exam-one", "one"), b("btn-exam-file", "file")],
            [b("btn-exam-preview", "preview"), b("btn-exam-post", "post")]]


async def exam_text(s: Services, lang: str, exam: Exam, scores: list[Score] | None = None,
                    heading: str = "exam-heading") -> str:
    t = s.texts
    team = await s.teams.get(exam.team_id)
    scores = await s.exams.scores(exam.id) if scores is None else scores
    size = len(await s.members.in_team(exam.team_id, MemberStatus.ACTIVE)) if team else 0
    values = [sc.score for sc in scores]
    lines = [t.get(lang, heading, id=str(exam.id), subject=exam.subject),
             t.get(lang, "exam-facts", team=team.name if team else "-",
                   date=exam.held_on.isoformat(), full=fmt_score(exam.full_marks)),
             t.get(lang, "exam-scored", count=len(scores), size=size,
                   average=fmt_score(average(values) or 0)) if values else
             t.get(lang, "exam-scored-none", size=size)]
    if exam.posted_current:
        lines.append(t.get(lang, "exam-posted"))
    elif exam.posted_at is not None:
        lines.append(t.get(lang, "exam-posted-stale"))
    return "\n".join(lines)


def exam_list_line(t: Texts, lang: str, exam: Exam) -> str:
    return t.get(lang, "exam-list-line", id=str(exam.id), subject=exam.subject,
                 date=exam.held_on.isoformat(),
                 posted=Safe("📢" if exam.posted_current else ""))


def import_errors(t: Texts, lang: str, checked: Checked) -> str:
    lines = [t.get(lang, "exam-file-errors", count=len(checked.errors))]
    for error in checked.errors[:MAX_ERROR_LINES]:
        lines.append(t.get(lang, "exam-row-line", line=error.line,
                           problem=Safe(t.get(lang, error.key, **error.args))))
    if len(checked.errors) > MAX_ERROR_LINES:
        lines.append(t.get(lang, "exam-file-errors-more",
                           count=len(checked.errors) - MAX_ERROR_LINES))
    lines.append(t.get(lang, "exam-file-fix"))
    return "\n".join(lines)


def participation_text(t: Texts, lang: str, team: str, month: str, target: int,
                       members: list[tuple[str, int]]) -> str:
    """Who logged how many notes in a month, and who did not log any."""
    logged = sorted(((n, c) for n, c in members if c), key=lambda item: (-item[1], item[0]))
    missing = sorted(n for n, c in members if not c)
    reached = sum(1 for _, c in members if c >= target)
    rate = round(100 * len(logged) / len(members)) if members else 0
    lines = [t.get(lang, "study-report-title", team=team, month=month),
             t.get(lang, "study-report-rate", logged=len(logged), size=len(members), rate=rate,
                   reached=reached, target=target)]
    if logged:
        lines.append(t.get(lang, "study-report-logged"))
        lines += [t.get(lang, "study-report-line", name=n, count=c) for n, c in logged]
    if missing:
        lines.append(t.get(lang, "study-report-missing", names="、".join(missing)))
    return "\n".join(lines)
