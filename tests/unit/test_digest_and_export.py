"""The weekly digest — what waits for an officer (their team) or a chair (the branch):
cards overdue or due soon, hazards to confirm or past their deadline, the month's visits
against the quota; nothing when nothing waits — and the month's XLSX workbook for the
archive, opened back with openpyxl: its sheets, headers and rows as in the database, no
identity of an anonymous card anywhere, the diary's notes only when asked for."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot import export, summaries
from bot.jobs.digest import digest_for, digest_readers
from bot.jobs.summary_rules import weekly_digest
from bot.roles import Role
from bot.storage.cards import raised_between
from tests.unit.figures_world import (
    HOME_NOTES,
    NOW,
    TODAY,
    World,
    local,
    opened,
    quota_visits,
    register,
)

SOON = TODAY + timedelta(days=7)
HEAD = "📋 <b>本周待办</b>（11-21）"
Sheet = list[list[Any]]


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with opened(tmp_path / "figures.sqlite3") as w:
        yield w


async def digest(world: World, member_id: int, soon: date = SOON) -> str:
    return await digest_for(world.s, await world.member(member_id), TODAY, soon)


# ---------------------------------------------------------------- who reads a digest

async def test_readers_are_the_officers_and_chairs_once(world: World) -> None:
    readers = await digest_readers(world.s)
    assert sorted(m.id for m in readers) == sorted([world.officer, world.officer_b,
                                                    world.chair])
    await world.s.members.grant(world.chair, Role.OFFICER, None, NOW)  # both roles
    readers = await digest_readers(world.s)
    assert sorted(m.id for m in readers) == sorted([world.officer, world.officer_b,
                                                    world.chair])


# ---------------------------------------------------------------- an officer's digest

async def test_officer_sees_their_team(world: World) -> None:
    """一班: a3 overdue, a4 due on the 28th; h1 to confirm, h2 past its deadline; 2 talks
    and 1 home visit of the 3 and 2 asked."""
    assert (await digest(world, world.officer)).split("\n") == [
        HEAD,
        "📝 信息卡：逾期未复 1 件，7 天内到期 1 件 → /cards",
        "⚠️ 隐患：待确认 1 处，整改逾期 1 处，7 天内到期 0 处 → /hazards",
        "📔 走访谈心：本月谈心 2/3，家访 1/2 → /visit",
    ]


async def test_officer_with_the_quota_met_has_no_visits_line(world: World) -> None:
    """二班: b1 overdue; h4's deadline is today (near, not late); 陈委员 met the quota."""
    assert (await digest(world, world.officer_b)).split("\n") == [
        HEAD,
        "📝 信息卡：逾期未复 1 件，7 天内到期 0 件 → /cards",
        "⚠️ 隐患：待确认 0 处，整改逾期 0 处，7 天内到期 1 处 → /hazards",
    ]


async def test_the_window_ahead_follows_soon(world: World) -> None:
    """a4 is due on the 28th: outside a 3-day window; h4 (today) still inside."""
    assert (await digest(world, world.officer, TODAY + timedelta(days=3))).split("\n")[1:3] == [
        "📝 信息卡：逾期未复 1 件，3 天内到期 0 件 → /cards",
        "⚠️ 隐患：待确认 1 处，整改逾期 1 处，3 天内到期 0 处 → /hazards",
    ]


async def test_replied_and_closed_cards_do_not_wait(world: World) -> None:
    """a1 and a2 are closed, b2 too: only the unreplied cards count."""
    text = await digest(world, world.chair)
    assert "逾期未复 2 件" in text  # a3 and b1, not a2 (replied late, closed)


# ---------------------------------------------------------------- a chair's digest

async def test_chair_sees_the_branch(world: World) -> None:
    assert (await digest(world, world.chair)).split("\n") == [
        HEAD,
        "📝 信息卡：逾期未复 2 件，7 天内到期 1 件 → /cards",
        "⚠️ 隐患：待确认 1 处，整改逾期 1 处，7 天内到期 1 处 → /hazards",
    ]  # a chair has no visits quota


async def test_chair_who_is_an_officer_too_has_the_quota(world: World) -> None:
    await world.s.members.grant(world.chair, Role.OFFICER, None, NOW)
    lines = (await digest(world, world.chair)).split("\n")
    assert lines[1] == "📝 信息卡：逾期未复 2 件，7 天内到期 1 件 → /cards"  # still the branch
    assert lines[-1] == "📔 走访谈心：本月谈心 0/3，家访 0/2 → /visit"


# ---------------------------------------------------------------- nothing waits

async def test_empty_when_nothing_waits_and_the_quota_is_met(world: World) -> None:
    quiet = await register(world.s, 1006, "周委员", world.team_c, "0006", Role.OFFICER)
    assert (await digest(world, quiet)).split("\n") == [
        HEAD, "📔 走访谈心：本月谈心 0/3，家访 0/2 → /visit"]
    await quota_visits(world.s, quiet, 2, 2, date(2026, 11, 18))
    assert (await digest(world, quiet)).endswith("本月谈心 2/3，家访 2/2 → /visit")
    await quota_visits(world.s, quiet, 1, 0, date(2026, 11, 19))
    assert await digest(world, quiet) == ""


async def test_last_months_visits_do_not_count(world: World) -> None:
    quiet = await register(world.s, 1006, "周委员", world.team_c, "0006", Role.OFFICER)
    await quota_visits(world.s, quiet, 5, 5, date(2026, 10, 31))
    assert await digest(world, quiet) == "\n".join([
        HEAD, "📔 走访谈心：本月谈心 0/3，家访 0/2 → /visit"])


async def test_member_without_a_team_and_not_a_chair_gets_nothing(world: World) -> None:
    officer = dataclasses.replace(await world.member(world.officer), team_id=None)
    assert await digest_for(world.s, officer, TODAY, SOON) == ""


async def test_digest_in_the_readers_language(world: World) -> None:
    await world.s.members.set_language(1001, "en")
    lines = (await digest(world, world.officer)).split("\n")
    assert lines[0] == "📋 <b>This week</b> (11-21)"
    assert lines[1] == "📝 Cards: 1 overdue, 1 due within 7 days → /cards"


async def test_weekly_digest_rule_on_its_day(world: World) -> None:
    monday = local("2026-11-23T08:30")
    reminders = await weekly_digest(world.s, monday)
    by_chat = {r.chat_id: r for r in reminders}
    assert set(by_chat) == {1001, 1005, 2001}
    assert {(r.kind, r.period) for r in reminders} == {("weekly-digest", "2026-W48")}
    assert by_chat[2001].text.startswith("📋 <b>本周待办</b>（11-23）")
    assert await weekly_digest(world.s, local("2026-11-23T08:29")) == []
    assert await weekly_digest(world.s, local("2026-11-24T08:30")) == []


# ---------------------------------------------------------------- the workbook

async def opened_book(world: World, month: str, with_notes: bool = False) -> dict[str, Sheet]:
    data = await export.workbook(world.s, month, with_notes=with_notes)
    assert data[:2] == b"PK"  # a zip: XLSX
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: [["" if v is None else v for v in row]
                          for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


SHEETS = ["汇总", "信息卡", "隐患", "学习", "走访谈心", "厂务公开"]
CARD_HEADER = ["编号", "班组", "类别", "署名", "状态", "提交日期", "答复期限", "首次答复",
               "按期答复", "落实情况", "评价", "答复内容", "关于厂务公开"]
HAZARD_HEADER = ["编号", "班组", "地点", "类别", "等级", "描述", "状态", "发现日期",
                 "整改责任人", "整改期限", "整改完成", "按期整改"]
STUDY_HEADER = ["姓名", "班组", "学习笔记（篇）", "每月目标", "达标"]
VISIT_HEADER = ["日期", "委员", "方式", "对象", "班组", "事由", "跟进"]
DISCLOSURE_HEADER = ["编号", "类别", "期间", "标题", "状态", "起草", "审批", "发出群数",
                     "已阅人次", "疑问", "更正"]


async def test_sheets_and_their_headers(world: World) -> None:
    book = await opened_book(world, "2026-11")
    assert list(book) == SHEETS
    assert book["信息卡"][0] == CARD_HEADER
    assert book["隐患"][0] == HAZARD_HEADER
    assert book["学习"][0] == STUDY_HEADER
    assert book["走访谈心"][0] == VISIT_HEADER
    assert book["厂务公开"][0] == DISCLOSURE_HEADER


async def test_summary_sheet_is_the_headline(world: World) -> None:
    book = await opened_book(world, "2026-11")
    figures = await summaries.gather(world.s, ["2026-11"], None)
    text = summaries.headline(world.s, "zh-CN", "通风区工会", "11月", figures)
    assert [row[0] for row in book["汇总"]] == [
        line.replace("<b>", "").replace("</b>", "") for line in text.split("\n")]
    assert book["汇总"][0] == ["📊 通风区工会 · 11月 月度小结"]
    assert book["汇总"][2] == ["隐患：发现 5 处，已整改 2 处，整改逾期 1 处。"]


async def test_cards_sheet_rows(world: World) -> None:
    c = world.cards
    rows = (await opened_book(world, "2026-11"))["信息卡"][1:]
    assert sorted(rows, key=lambda r: r[0]) == [
        [c["a4"], "一班", "工资", "完全匿名", "待受理", "2026-11-03", "2026-11-28",
         "", "", "", "", "", ""],
        [c["a5"], "一班", "工资", "实名：张三", "待受理", "2026-11-10", "2026-12-10",
         "", "", "", "", "", ""],
        [c["b2"], "二班", "厂务公开", "实名：王五", "已办结", "2026-11-05", "2026-12-05",
         "2026-11-06", "是", "已落实", "基本满意",
         "人力资源部 李部长（2026-11-06）：奖金按月考核发放。", world.disclosure],
    ]


async def test_cards_sheet_rows_of_october(world: World) -> None:
    c = world.cards
    rows = {r[0]: r for r in (await opened_book(world, "2026-10"))["信息卡"][1:]}
    assert set(rows) == {c["a1"], c["a2"], c["a3"], c["b1"]}
    assert rows[c["a1"]][3:12] == ["实名：张三", "已办结", "2026-10-05", "2026-11-04",
                                   "2026-10-20", "是", "已落实", "满意",
                                   "后勤科 刘科长（2026-10-20）：已增加菜品。"]
    assert rows[c["a2"]][3:11] == ["匿名", "已办结", "2026-10-10", "2026-11-09",
                                   "2026-11-15", "否", "部分落实", "不满意"]
    assert rows[c["a3"]][4] == "已受理" and rows[c["a3"]][7:9] == ["", ""]
    assert rows[c["b1"]][1:5] == ["二班", "工资", "实名：王五", "待受理"]


async def test_card_rows_match_the_database(world: World) -> None:
    from bot.card_figures import month_bounds

    for month in ("2026-09", "2026-10", "2026-11"):
        rows = (await opened_book(world, month))["信息卡"][1:]
        cards = await raised_between(world.s.db, *month_bounds(month, world.s.config.tz))
        assert sorted(r[0] for r in rows) == sorted(card.id for card, _ in cards)


async def test_hazards_sheet_rows(world: World) -> None:
    h = world.hazards
    rows = (await opened_book(world, "2026-11"))["隐患"][1:]
    assert rows == [
        [h["h1"], "一班", "主井口", "机电", "一般", "主井口机电隐患", "待确认", "2026-11-03",
         "", "", "", ""],
        [h["h2"], "一班", "回风巷", "通风", "较大", "回风巷通风隐患", "整改中", "2026-11-04",
         "张三", "2026-11-15", "", ""],
        [h["h3"], "一班", "主井口", "机电", "一般", "主井口机电隐患", "已验收销号",
         "2026-11-05", "张三", "2026-11-10", "2026-11-08", "是"],
        [h["h4"], "二班", "运输大巷", "机电", "重大", "运输大巷机电隐患", "整改中",
         "2026-11-06", "王五", "2026-11-21", "", ""],
        [h["h5"], "二班", "主井口", "通风", "一般", "主井口通风隐患", "已验收销号",
         "2026-11-07", "王五", "2026-11-08", "2026-11-12", "否"],
    ]
    october = (await opened_book(world, "2026-10"))["隐患"][1:]
    assert [(r[0], r[6]) for r in october] == [(h["h6"], "不属实")]


async def test_study_sheet_rows(world: World) -> None:
    rows = (await opened_book(world, "2026-11"))["学习"][1:]
    assert rows == [  # by team, then name
        ["孙六", "一班", 0, 4, "否"],
        ["张三", "一班", 4, 4, "是"],
        ["李干事", "一班", 1, 4, "否"],
        ["王五", "二班", 2, 4, "否"],
        ["赵主席", "二班", 0, 4, "否"],
        ["陈委员", "二班", 0, 4, "否"],
    ]
    october = {r[0]: r[2] for r in (await opened_book(world, "2026-10"))["学习"][1:]}
    assert october["张三"] == 1 and sum(october.values()) == 1


async def test_disclosures_sheet_rows(world: World) -> None:
    rows = (await opened_book(world, "2026-11"))["厂务公开"][1:]
    # Sent to one chat of two (the other still pending); read 3 times; b2 asked about it.
    assert rows == [[world.disclosure, "工资", "2026年11月", "11月工资公开", "已发出",
                     "李干事", "赵主席", 1, 3, 1, 0]]
    assert (await opened_book(world, "2026-10"))["厂务公开"] == [DISCLOSURE_HEADER]


# ---------------------------------------------------------------- the visit diary

async def test_visits_without_notes_by_default(world: World) -> None:
    book = await opened_book(world, "2026-11")
    rows = book["走访谈心"]
    assert rows[0] == VISIT_HEADER
    assert all(len(row) == len(VISIT_HEADER) for row in rows)
    assert rows[1:3] == [
        ["2026-11-03", "李干事", "谈心", "张三", "一班", "", "不需要"],
        ["2026-11-08", "李干事", "家访", "张三", "一班", "住院、思想波动", "再访"],
    ]
    assert rows[-1] == ["2026-11-12", "李干事", "谈心", "王五", "二班", "", "不需要"]
    assert len(rows) == 1 + 8  # 李干事 3 and 陈委员 5 in November
    everything = [str(v) for sheet in book.values() for row in sheet for v in row]
    assert not [v for v in everything if "母亲住院" in v or "聊了聊" in v]


async def test_visits_with_notes_when_a_chair_asks(world: World) -> None:
    rows = (await opened_book(world, "2026-11", with_notes=True))["走访谈心"]
    assert rows[0] == [*VISIT_HEADER, "记录内容"]
    assert rows[2] == ["2026-11-08", "李干事", "家访", "张三", "一班", "住院、思想波动", "再访",
                       HOME_NOTES]
    assert rows[1][-1] == "聊了聊工作"
    assert all(len(row) == len(VISIT_HEADER) + 1 for row in rows)


# ---------------------------------------------------------------- anonymity

@pytest.mark.parametrize(("month", "card", "identity"), [
    ("2026-10", "a2", "匿名"), ("2026-11", "a4", "完全匿名")])
async def test_anonymous_card_has_no_identity_anywhere(world: World, month: str, card: str,
                                                       identity: str) -> None:
    """孙六 wrote only the anonymous (a2) and secret (a4) cards: the workbook may name
    them on their own study row and nowhere else — and nothing sealed leaks."""
    book = await opened_book(world, month, with_notes=True)
    row = next(r for r in book["信息卡"][1:] if r[0] == world.cards[card])
    assert row[3] == identity
    hidden = await world.member(world.hidden)
    named = [(title, n, k) for title, sheet in book.items() for n, cells in enumerate(sheet)
             for k, v in enumerate(cells) if hidden.name in str(v)]
    assert named == [("学习", 1, 0)]  # 孙六's own study row (first: 一班, 0 notes)
    assert book["学习"][1][0] == "孙六"
    sealed = (f"tag-{world.hidden}", f"sealed-{world.hidden}", f"receipt-{world.hidden}",
              str(hidden.tg_user_id), str(hidden.employee_no))
    leaks = [v for sheet in book.values() for cells in sheet for v in cells
             if any(token in str(v) for token in sealed)]
    assert leaks == []


async def test_named_cards_carry_their_author(world: World) -> None:
    rows = (await opened_book(world, "2026-10"))["信息卡"][1:]
    assert sorted(r[3] for r in rows) == sorted(["实名：张三", "实名：张三", "实名：王五", "匿名"])


# ---------------------------------------------------------------- an empty month

async def test_a_month_with_nothing(world: World) -> None:
    book = await opened_book(world, "2026-08")
    assert list(book) == SHEETS
    assert book["信息卡"] == [CARD_HEADER]
    assert book["隐患"] == [HAZARD_HEADER]
    assert book["走访谈心"] == [VISIT_HEADER]
    assert book["厂务公开"] == [DISCLOSURE_HEADER]
    assert len(book["学习"]) == 1 + 6  # every active member, 0 notes
    assert book["汇总"][1] == ["信息卡：收到 0 件，按期答复 0 件，超期答复 0 件，逾期未复 0 件，"
                              "已落实 0 件；评价 0 件，满意 0 件。"]


async def test_summary_sheet_shows_the_branch_name_as_written(tmp_path: Path) -> None:
    async with opened(tmp_path / "amp.sqlite3", branch={"name": "通风区&机电<工会>"}) as w:
        book = await opened_book(w, "2026-11")
    assert book["汇总"][0] == ["📊 通风区&机电<工会> · 11月 月度小结"]
