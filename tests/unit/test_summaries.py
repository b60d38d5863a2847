"""The branch's figures for a period and a scope: the months of a period, the figures
gathered from a seeded database (cards per month raised, per team; hazards by category
and severity; study participation; officers' visits against the quota), the headline
text, the charts drawn off the event loop; when the monthly summary is due and which
week a digest belongs to."""

from __future__ import annotations

import io
import os
import pickle
import warnings
from collections.abc import AsyncIterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import bot.summaries as summaries
from bot.card_figures import CardFigures
from bot.charts import Quota, cards_chart, drawing, study_chart
from bot.fonts import find_cjk_font
from bot.hazard_figures import HazardFigures
from bot.jobs.summary_rules import summary_due, week_of
from bot.summaries import gather, headline, month_label, months_back, months_of_year
from tests.unit.figures_world import SHANGHAI, World, local, opened, study

NOV, OCT = "2026-11", "2026-10"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with opened(tmp_path / "figures.sqlite3") as w:
        yield w


# ---------------------------------------------------------------- the months of a period

@pytest.mark.parametrize(("last", "count", "expected"), [
    ("2026-11", 1, ["2026-11"]),
    ("2026-11", 3, ["2026-09", "2026-10", "2026-11"]),
    ("2026-02", 4, ["2025-11", "2025-12", "2026-01", "2026-02"]),
    ("2026-01", 2, ["2025-12", "2026-01"]),
    ("2026-12", 12, [f"2026-{m:02d}" for m in range(1, 13)]),
    ("2027-03", 14, [*(f"2026-{m:02d}" for m in range(2, 13)),
                     "2027-01", "2027-02", "2027-03"]),
    ("2026-11", 0, []),
])
def test_months_back(last: str, count: int, expected: list[str]) -> None:
    assert months_back(last, count) == expected


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 1, 1), ["2026-01"]),
    (date(2026, 3, 31), ["2026-01", "2026-02", "2026-03"]),
    (date(2026, 12, 31), [f"2026-{m:02d}" for m in range(1, 13)]),
])
def test_months_of_year(today: date, expected: list[str]) -> None:
    assert months_of_year(today) == expected


@pytest.mark.parametrize(("month", "lang", "label"), [
    ("2026-03", "zh-CN", "3月"), ("2026-11", "zh-CN", "11月"), ("2026-03", "en", "Mar")])
def test_month_label(month: str, lang: str, label: str) -> None:
    assert month_label(month, lang) == label


def test_period_days() -> None:
    assert summaries.period_days(["2026-02"]) == (date(2026, 2, 1), date(2026, 2, 28))
    assert summaries.period_days(["2025-12", "2026-01"]) == (date(2025, 12, 1),
                                                             date(2026, 1, 31))


# ---------------------------------------------------------------- gathered: cards

OCT_BRANCH = CardFigures(raised=4, accepted=3, replied_on_time=1, replied_late=1,
                         overdue_open=2, implemented=1, partial=1, satisfied=1, unsatisfied=1)
NOV_BRANCH = CardFigures(raised=3, accepted=1, replied_on_time=1, implemented=1, basic=1)
OCT_TEAM_A = CardFigures(raised=3, accepted=3, replied_on_time=1, replied_late=1,
                         overdue_open=1, implemented=1, partial=1, satisfied=1, unsatisfied=1)
NOV_TEAM_A = CardFigures(raised=2)
OCT_TEAM_B = CardFigures(raised=1, overdue_open=1)
NOV_TEAM_B = CardFigures(raised=1, accepted=1, replied_on_time=1, implemented=1, basic=1)


async def test_cards_per_month_for_the_branch(world: World) -> None:
    f = await gather(world.s, [NOV], None, [OCT, NOV])
    assert (f.months, f.chart_months) == ([NOV], [OCT, NOV])
    assert f.cards == [OCT_BRANCH, NOV_BRANCH]
    assert f.period_cards == NOV_BRANCH


@pytest.mark.parametrize(("team", "october", "november"), [
    ("a", OCT_TEAM_A, NOV_TEAM_A), ("b", OCT_TEAM_B, NOV_TEAM_B)])
async def test_cards_per_month_of_one_team(world: World, team: str, october: CardFigures,
                                           november: CardFigures) -> None:
    team_id = world.team_a if team == "a" else world.team_b
    f = await gather(world.s, [NOV], team_id, [OCT, NOV])
    assert f.cards == [october, november]
    assert f.period_cards == november


async def test_the_teams_add_up_to_the_branch(world: World) -> None:
    branch = await gather(world.s, [OCT, NOV], None)
    total = CardFigures()
    for team_id in (world.team_a, world.team_b, world.team_c):
        total.add((await gather(world.s, [OCT, NOV], team_id)).period_cards)
    assert total == branch.period_cards
    assert branch.period_cards.raised == 7


async def test_a_period_of_two_months_adds_them_up(world: World) -> None:
    f = await gather(world.s, [OCT, NOV], None)
    assert f.chart_months == [OCT, NOV]  # by default the chart shows the period
    assert f.cards == [OCT_BRANCH, NOV_BRANCH]
    both = CardFigures()
    both.add(OCT_BRANCH)
    both.add(NOV_BRANCH)
    assert f.period_cards == both


async def test_chart_months_without_cards_are_zero(world: World) -> None:
    f = await gather(world.s, [NOV], None, months_back(NOV, 4))
    assert f.chart_months == ["2026-08", "2026-09", OCT, NOV]
    assert f.cards == [CardFigures(), CardFigures(), OCT_BRANCH, NOV_BRANCH]
    assert f.period_cards == NOV_BRANCH  # the period is November alone


async def test_the_chart_widened_after_the_headline_is_the_chart_gathered_at_once(
        world: World) -> None:
    """/stats gathers the period, sends the headline, then widens the cards chart."""
    f = await gather(world.s, [NOV], None)
    await summaries.widen_chart(world.s, f, months_back(NOV, 4), None)
    assert f == await gather(world.s, [NOV], None, months_back(NOV, 4))
    assert f.cards == [CardFigures(), CardFigures(), OCT_BRANCH, NOV_BRANCH]


# ---------------------------------------------------------------- gathered: hazards

async def test_hazards_by_category_and_severity(world: World) -> None:
    f = await gather(world.s, [NOV], None)
    assert f.by_category == {
        "机电": HazardFigures(found=3, confirmed=2, rectified_on_time=1),
        "通风": HazardFigures(found=2, confirmed=2, rectified_late=1, overdue_open=1),
    }
    assert list(f.by_category) == ["机电", "通风"]  # most found first
    assert f.by_severity == {
        "一般": HazardFigures(found=3, confirmed=2, rectified_on_time=1, rectified_late=1),
        "较大": HazardFigures(found=1, confirmed=1, overdue_open=1),
        "重大": HazardFigures(found=1, confirmed=1),  # the label without its 🔴
    }
    assert f.hazards == HazardFigures(found=5, confirmed=4, rectified_on_time=1,
                                      rectified_late=1, overdue_open=1)


async def test_hazards_of_one_team(world: World) -> None:
    f = await gather(world.s, [NOV], world.team_a)
    assert f.by_category == {
        "机电": HazardFigures(found=2, confirmed=1, rectified_on_time=1),
        "通风": HazardFigures(found=1, confirmed=1, overdue_open=1),
    }
    assert f.by_severity == {
        "一般": HazardFigures(found=2, confirmed=1, rectified_on_time=1),
        "较大": HazardFigures(found=1, confirmed=1, overdue_open=1),
    }
    assert f.hazards.found == 3


async def test_hazards_of_the_month_they_were_found(world: World) -> None:
    f = await gather(world.s, [OCT], None)
    assert f.by_category == {"机电": HazardFigures(found=1, rejected=1)}
    assert f.hazards == HazardFigures(found=1, rejected=1)


async def test_overdue_counted_as_of_the_clock(world: World) -> None:
    """h4's deadline is today: not overdue yet; tomorrow it is."""
    assert (await gather(world.s, [NOV], world.team_b)).hazards.overdue_open == 0
    world.s.clock.set(local("2026-11-22T10:00"))  # type: ignore[attr-defined]
    f = await gather(world.s, [NOV], world.team_b)
    assert f.by_severity["重大"].overdue_open == 1


# ---------------------------------------------------------------- gathered: study

async def test_study_for_the_branch(world: World) -> None:
    f = await gather(world.s, [NOV], None)
    assert f.workers == sorted([("张三", 4), ("李干事", 1), ("孙六", 0), ("王五", 2),
                                ("陈委员", 0), ("赵主席", 0)], key=lambda w: (w[1], w[0]))
    assert f.workers[0][1] == 0 and f.workers[-1] == ("张三", 4)  # fewest notes first
    assert dict(f.teams) == {"一班": 66.7, "二班": 33.3}  # 2 of 3, 1 of 3 wrote notes
    assert f.participation == 50.0
    assert f.reached == 1  # 张三 alone reached 4


async def test_study_of_one_team(world: World) -> None:
    f = await gather(world.s, [NOV], world.team_a)
    assert f.workers == [("孙六", 0), ("李干事", 1), ("张三", 4)]
    assert f.teams == []  # a team's chart shows its people
    assert (f.participation, f.reached) == (66.7, 1)
    b = await gather(world.s, [NOV], world.team_b)
    assert dict(b.workers) == {"王五": 2, "陈委员": 0, "赵主席": 0}
    assert (b.participation, b.reached) == (33.3, 0)


async def test_study_of_a_team_without_members(world: World) -> None:
    f = await gather(world.s, [NOV], world.team_c)
    assert (f.workers, f.teams, f.participation, f.reached) == ([], [], 0.0, 0)


async def test_study_notes_add_up_over_the_period(world: World) -> None:
    f = await gather(world.s, [OCT, NOV], world.team_a)
    assert dict(f.workers)["张三"] == 5  # 1 in October, 4 in November


async def test_reached_counts_people_over_a_period(world: World) -> None:
    await study(world.s, world.worker, world.team_a, date(2026, 10, 12), date(2026, 10, 19),
                date(2026, 10, 26))  # 张三 reaches 4 in October as well as November
    f = await gather(world.s, [OCT, NOV], world.team_a)
    assert f.reached == 1


# ---------------------------------------------------------------- gathered: visits

async def test_officers_visits_against_the_quota(world: World) -> None:
    f = await gather(world.s, [NOV], None)
    assert sorted(f.officers, key=lambda o: o.name) == sorted([
        Quota("李干事", talks=2, home=1, talks_least=3, home_least=2),
        Quota("陈委员", talks=3, home=2, talks_least=3, home_least=2)],
        key=lambda o: o.name)


async def test_officers_of_one_team(world: World) -> None:
    assert (await gather(world.s, [NOV], world.team_a)).officers == [
        Quota("李干事", 2, 1, 3, 2)]
    assert (await gather(world.s, [NOV], world.team_b)).officers == [
        Quota("陈委员", 3, 2, 3, 2)]
    assert (await gather(world.s, [NOV], world.team_c)).officers == []


async def test_visits_and_least_add_up_over_the_period(world: World) -> None:
    f = await gather(world.s, [OCT, NOV], world.team_a)
    assert f.officers == [Quota("李干事", talks=3, home=1, talks_least=6, home_least=4)]


# ---------------------------------------------------------------- the headline

async def test_headline_of_the_branch(world: World) -> None:
    f = await gather(world.s, [NOV], None, [OCT, NOV])
    assert headline(world.s, "zh-CN", "通风区工会", "11月", f).split("\n") == [
        "📊 <b>通风区工会 · 11月 月度小结</b>",
        "信息卡：收到 3 件，按期答复 1 件，超期答复 0 件，逾期未复 0 件，已落实 1 件；"
        "评价 1 件，满意 0 件。",
        "隐患：发现 5 处，已整改 2 处，整改逾期 1 处。",
        "学习：参与率 50%，1 人达到每月 4 篇。",
        "走访谈心：谈心 5 次，家访 3 次；1 位委员未完成。",
    ]


async def test_headline_of_a_team(world: World) -> None:
    f = await gather(world.s, [OCT], world.team_a)
    assert headline(world.s, "zh-CN", "一班", "10月", f).split("\n") == [
        "📊 <b>一班 · 10月 月度小结</b>",
        "信息卡：收到 3 件，按期答复 1 件，超期答复 1 件，逾期未复 1 件，已落实 1 件；"
        "评价 2 件，满意 1 件。",
        "隐患：发现 1 处，已整改 0 处，整改逾期 0 处。",
        "学习：参与率 33.3%，0 人达到每月 4 篇。",
        "走访谈心：谈心 1 次，家访 0 次；1 位委员未完成。",
    ]


async def test_headline_without_officers_has_no_visits_line(world: World) -> None:
    f = await gather(world.s, [NOV], world.team_c)
    text = headline(world.s, "zh-CN", "三班", "11月", f)
    assert text.split("\n") == [
        "📊 <b>三班 · 11月 月度小结</b>",
        "信息卡：收到 0 件，按期答复 0 件，超期答复 0 件，逾期未复 0 件，已落实 0 件；"
        "评价 0 件，满意 0 件。",
        "隐患：发现 0 处，已整改 0 处，整改逾期 0 处。",
        "学习：参与率 0%，0 人达到每月 4 篇。",
    ]


async def test_headline_escapes_the_scope(world: World) -> None:
    f = await gather(world.s, [NOV], world.team_c)
    assert headline(world.s, "zh-CN", "<三班&>", "11月", f).startswith(
        "📊 <b>&lt;三班&amp;&gt; · 11月")


async def test_headline_in_english(world: World) -> None:
    f = await gather(world.s, [NOV], None)
    lines = headline(world.s, "en", "Branch", "2026-11", f).split("\n")
    assert lines[1].startswith("Cards: 3 raised, 1 replied on time, 0 late")
    assert lines[4] == "Visits: 5 talks, 3 home visits; 1 officer(s) behind."


# ---------------------------------------------------------------- the charts

def _font() -> str:
    found = find_cjk_font()
    if found is None:
        pytest.skip("no CJK font installed")
    return found


async def test_charts_from_the_database(world: World) -> None:
    _font()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        images = await summaries.charts(world.s, "zh-CN",
                                        await gather(world.s, [NOV], None, [OCT, NOV]))
    assert not [w for w in caught if "glyph" in str(w.message).lower()]
    assert len(images) == 4
    for png in images:
        image = Image.open(io.BytesIO(png))
        assert (image.format, image.width) == ("PNG", 1080)
        assert len(png) <= 100_000


async def test_charts_drawn_in_the_drawing_workers(world: World,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each chart goes to the drawing workers (other processes, off the event loop) as
    plain data: the chart function, the words to print and the figures."""
    _font()
    sent: list[Any] = []
    original = summaries.drawn

    async def spy(job: Any, *args: Any) -> Any:
        sent.append(pickle.loads(pickle.dumps(job)))  # as a worker receives it
        return await original(job, *args)

    monkeypatch.setattr(summaries, "drawn", spy)
    images = await summaries.charts(world.s, "zh-CN",
                                    await gather(world.s, [NOV], None, [OCT, NOV]))
    assert len(images) == len(sent) == 4
    cards = sent[0]
    assert cards.func is cards_chart
    words, _, months = cards.args[:3]
    assert months == ["10月", "11月"]
    assert words("chart-cards-title") == "信息卡（按提交月份）"
    assert await drawing.drawn(os.getpid) != os.getpid()


async def test_study_target_follows_the_period(world: World) -> None:
    font = _font()
    targets = []
    for months in ([NOV], [OCT, NOV]):
        figures = await gather(world.s, months, world.team_a)
        study = summaries.drawings(world.s, "zh-CN", figures, font)[2]
        assert study.func is study_chart
        targets.append(study.args[3])
    assert targets == [4, 8]  # 4 notes a month


async def test_no_charts_without_a_font(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summaries, "find_cjk_font", lambda configured="": None)
    assert await summaries.charts(world.s, "zh-CN", await gather(world.s, [NOV], None)) == []


# ---------------------------------------------------------------- when

AT = time(9, 0)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(("when", "due"), [
    ("2026-11-30T23:59", False),  # the day before
    ("2026-12-01T00:00", False),
    ("2026-12-01T08:59", False),  # the day, before the hour
    ("2026-12-01T09:00", True),
    ("2026-12-01T23:59", True),
    ("2026-12-02T00:00", True),   # catching up after a day down
    ("2026-12-02T08:00", True),
    ("2026-12-03T23:59", True),
    ("2026-12-04T00:00", False),  # too late: next month
    ("2026-12-04T09:00", False),
    ("2026-12-15T09:00", False),
])
def test_summary_due_on_the_first(when: str, due: bool) -> None:
    assert summary_due(at(when), 1, AT) is due


@pytest.mark.parametrize(("when", "due"), [
    ("2026-12-09T23:00", False), ("2026-12-10T13:59", False), ("2026-12-10T14:00", True),
    ("2026-12-12T01:00", True), ("2026-12-13T14:00", False), ("2026-12-01T14:00", False)])
def test_summary_due_on_another_day_and_hour(when: str, due: bool) -> None:
    assert summary_due(at(when), 10, time(14, 0)) is due


@pytest.mark.parametrize(("day", "week"), [
    (date(2026, 11, 16), "2026-W47"),   # Monday
    (date(2026, 11, 22), "2026-W47"),   # Sunday: the same week
    (date(2026, 11, 23), "2026-W48"),
    (date(2026, 3, 2), "2026-W10"),     # two digits
    (date(2026, 1, 5), "2026-W02"),
    (date(2025, 12, 29), "2026-W01"),   # the ISO year, not the calendar's
    (date(2027, 1, 1), "2026-W53"),
])
def test_week_of(day: date, week: str) -> None:
    assert week_of(day) == week
