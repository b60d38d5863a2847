"""The branch's figures for a period and a scope (the branch, or one team): gathered
from the figures modules, told as a short headline text and drawn as charts.

Used by the monthly summary job, /stats and the demo. The charts are drawn in worker
processes, off the event loop (bot/charts/drawing.py)."""

from __future__ import annotations

import asyncio
import calendar
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from bot import queries
from bot.card_figures import CardFigures
from bot.charts import Quota, cards_chart, hazards_chart, study_chart, visits_chart
from bot.charts.drawing import Words, drawn
from bot.fonts import find_cjk_font
from bot.hazard_figures import HazardFigures
from bot.services import Services
from bot.study import month_bounds


def months_back(last: str, count: int) -> list[str]:
    """`count` months ending with `last` ('2026-11'), oldest first."""
    year, month = (int(p) for p in last.split("-"))
    found = []
    for _ in range(count):
        found.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def months_of_year(today: date) -> list[str]:
    return [f"{today.year}-{m:02d}" for m in range(1, today.month + 1)]


@dataclass
class Figures:
    """Everything the charts and the headline show, for one scope."""

    months: list[str]  # the period, oldest first
    chart_months: list[str]  # the months the cards chart shows
    cards: list[CardFigures]  # per chart month
    period_cards: CardFigures = field(default_factory=CardFigures)
    by_category: dict[str, HazardFigures] = field(default_factory=dict)
    by_severity: dict[str, HazardFigures] = field(default_factory=dict)
    hazards: HazardFigures = field(default_factory=HazardFigures)
    workers: list[tuple[str, int]] = field(default_factory=list)
    teams: list[tuple[str, float]] = field(default_factory=list)
    participation: float = 0.0
    reached: int = 0
    officers: list[Quota] = field(default_factory=list)


async def _cards(s: Services, month: str, team_id: int | None) -> CardFigures:
    total = CardFigures()
    for figures in (await queries.monthly_figures(s, month, team_id)).values():
        total.add(figures)
    return total


async def gather(s: Services, months: list[str], team_id: int | None,
                 chart_months: list[str] | None = None) -> Figures:
    """The figures of `months` for a team (or the whole branch when None)."""
    chart_months = chart_months or months
    per_month = {m: await _cards(s, m, team_id) for m in dict.fromkeys(chart_months + months)}
    f = Figures(months, chart_months, [per_month[m] for m in chart_months])
    for m in months:
        f.period_cards.add(per_month[m])
    by_category, severity = await queries.hazard_counts(s, months, team_id)
    lang = s.texts.language(None)
    f.by_category = dict(sorted(by_category.items(), key=lambda item: -item[1].found))
    f.by_severity = {s.texts.get(lang, f"severity-{k}").lstrip("🔴 "): v
                     for k, v in severity.items()}
    for figures in f.by_category.values():
        f.hazards.add(figures)
    await _study(s, f, months, team_id)
    await _visits(s, f, months, team_id)
    return f


async def widen_chart(s: Services, f: Figures, chart_months: list[str],
                      team_id: int | None) -> None:
    """Widen the cards chart of `f` to `chart_months`, counting only the months it has
    not counted yet: /stats sends the headline (which needs only the period) first."""
    counted = dict(zip(f.chart_months, f.cards, strict=True))
    f.cards = [counted[m] if m in counted else await _cards(s, m, team_id)
               for m in chart_months]
    f.chart_months = chart_months


async def _study(s: Services, f: Figures, months: list[str], team_id: int | None) -> None:
    """Notes per worker over the period; participation and "reached" count people: a
    worker took part with any note, and reached the target with the monthly target
    times the months."""
    notes = [row for row in await queries.notes_per_member(s, months)
             if team_id is None or row["team_id"] == team_id]
    target = s.config.study.monthly_target * len(months)
    f.workers = sorted(((row["name"], row["notes"]) for row in notes),
                       key=lambda item: (item[1], item[0]))
    teams: dict[int | None, list[int]] = {}
    for row in notes:
        teams.setdefault(row["team_id"], []).append(1 if row["notes"] else 0)
    names = {t.id: t.name for t in await s.teams.all()}
    if team_id is None:
        f.teams = [(names.get(t or 0, "-"), round(100 * sum(v) / len(v), 1))
                   for t, v in teams.items() if v]
    logged = sum(1 for row in notes if row["notes"])
    f.participation = round(100 * logged / len(notes), 1) if notes else 0.0
    f.reached = sum(1 for row in notes if row["notes"] >= target)


async def _visits(s: Services, f: Figures, months: list[str], team_id: int | None) -> None:
    team = await s.teams.get(team_id) if team_id is not None else None
    per: dict[int, Quota] = {}
    for m in months:
        for o in await queries.visit_figures(s, m):
            if team is not None and o.team != team.name:
                continue
            old = per.get(o.member_id, Quota(o.name, 0, 0, 0, 0))
            per[o.member_id] = Quota(o.name, old.talks + o.tally.talks,
                                     old.home + o.tally.homes,
                                     old.talks_least + o.quota.talks[0],
                                     old.home_least + o.quota.homes[0])
    f.officers = list(per.values())


def headline(s: Services, lang: str, scope: str, period: str, f: Figures,
             head: str = "summary-head") -> str:
    """"本月收到信息卡 12 件，按期答复 11 件…" — the figures in a few lines."""
    c, h = f.period_cards, f.hazards
    lines = [s.texts.get(lang, head, scope=scope, period=period),
             s.texts.get(lang, "summary-cards", raised=c.raised, on_time=c.replied_on_time,
                         late=c.replied_late, overdue=c.overdue_open,
                         implemented=c.implemented, satisfied=c.satisfied,
                         rated=c.satisfied + c.basic + c.unsatisfied),
             s.texts.get(lang, "summary-hazards", found=h.found,
                         rectified=h.rectified_on_time + h.rectified_late,
                         overdue=h.overdue_open),
             s.texts.get(lang, "summary-study", participation=f"{f.participation:g}",
                         reached=f.reached, target=s.config.study.monthly_target)]
    if f.officers:
        lines.append(s.texts.get(lang, "summary-visits",
                                 talks=sum(o.talks for o in f.officers),
                                 home=sum(o.home for o in f.officers),
                                 behind=sum(1 for o in f.officers if o.talks < o.talks_least
                                            or o.home < o.home_least)))
    return "\n".join(lines)


def month_label(month: str, lang: str) -> str:
    """"11月", or "Nov": short enough for twelve under a phone-wide chart."""
    number = int(month.split("-")[1])
    return f"{number}月" if lang.startswith("zh") else calendar.month_abbr[number]


def drawings(s: Services, lang: str, f: Figures, font: str) -> list[partial[bytes]]:
    """The four charts' drawing calls, each returning a PNG: plain data, so `charts` can
    send them to the drawing workers (and the bench time them one by one)."""
    words = Words(lang, s.texts.default_language)
    target = s.config.study.monthly_target * len(f.months)
    labels = [month_label(m, lang) for m in f.chart_months]
    return [partial(cards_chart, words, font, labels, f.cards, f.period_cards),
            partial(hazards_chart, words, font, f.by_category, f.by_severity),
            partial(study_chart, words, font, f.workers, target, f.teams),
            partial(visits_chart, words, font, f.officers)]


async def charts(s: Services, lang: str, f: Figures) -> list[bytes]:
    """The four charts as PNGs, drawn side by side in the drawing workers; none when
    there is no CJK font (the start-up warning says how to install one)."""
    font = find_cjk_font(s.config.charts.font_file)
    if font is None:
        return []
    return list(await asyncio.gather(*(drawn(job) for job in drawings(s, lang, f, font))))


def period_days(months: list[str]) -> tuple[date, date]:
    return month_bounds(months[0])[0], month_bounds(months[-1])[1]
