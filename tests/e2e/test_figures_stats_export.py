"""The branch in numbers on demand, end to end (issue 8): /stats and /export.

/stats offers 本月 / 上月 / 今年. A chair sees the branch's headline figures and then an
album of four PNG charts; an officer the same for their own team; a worker only their
own figures (cards written, hazards reported, study notes against the target) and no
charts. /export (officers and chairs) sends the month as an XLSX workbook — a summary
sheet, then cards, hazards, study, visits and disclosures — with anonymous cards
carrying no identity and the visit diary's notes only when a chair asks for them;
`python -m bot export` writes the same workbook for the archive.

The clock stands at Monday 2026-11-16 10:00 (Shanghai): 本月 is November, 上月 October.
The data is raised through the real flows (/card, /hazard, /study, /visit, /disclose);
only the command-line test seeds the database directly, as an operator's copy would be."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bot import export, summaries
from bot.cards import Identity, due_date
from bot.clock import FixedClock
from bot.config import load_config
from bot.hazards import Severity
from bot.roles import Role
from bot.services import Services, open_services
from bot.storage import cards as card_store
from bot.storage import hazards as hazard_store
from bot.storage import study as study_store
from bot.storage import visits as visit_store
from bot.stub import BotApiStub, Message, UserHandle
from bot.visits import FollowUp, Kind
from tests.cli import MORE_TEAMS, run_cli, write_config
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.e2e.disclosure_helpers import draft, team_group
from tests.e2e.hazards_helpers import next_with, report_hazard
from tests.e2e.stats_export_helpers import (
    PNG,
    SHEETS,
    ask_export,
    cells,
    chart_album,
    export_book,
    open_book,
    rows_of,
    stats_reply,
)
from tests.e2e.study_helpers import log_study
from tests.e2e.summary_job_helpers import settle
from tests.e2e.test_cards_anonymity import proxy_reply
from tests.e2e.visit_helpers import log_visit, make_chair
from tests.harness import START, BotUnderTest, hold_sweeper, local

MAX_CHART_BYTES = 100 * 1024
STALE = "这个按钮已过期，请按最新的消息操作。"
NOT_ALLOWED = "您没有权限做这件事。"
PRIVATE_ONLY = "这个操作请在和我的私聊里进行。"
NEED_MEMBER = "这项功能需要先登记成为成员。请发送 /start 登记。"

CARD_HEADER = ["编号", "班组", "类别", "署名", "状态", "提交日期", "答复期限", "首次答复",
               "按期答复", "落实情况", "评价", "答复内容", "关于厂务公开"]
HAZARD_HEADER = ["编号", "班组", "地点", "类别", "等级", "描述", "状态", "发现日期",
                 "整改责任人", "整改期限", "整改完成", "按期整改"]
STUDY_HEADER = ["姓名", "班组", "学习笔记（篇）", "每月目标", "达标"]
VISIT_HEADER = ["日期", "委员", "方式", "对象", "班组", "事由", "跟进"]
DISCLOSURE_HEADER = ["编号", "类别", "期间", "标题", "状态", "起草", "审批", "发出群数",
                     "已阅人次", "疑问", "更正"]
DIARY_NOTES = "聊了家里老人住院的事，情绪还稳定，爱人在医院陪护。"


def check_album(album: list[Message]) -> None:
    """Four PNG charts sent together as one album, each small enough for a phone."""
    assert len(album) == 4
    groups = {m.data.get("media_group_id") for m in album}
    assert len(groups) == 1 and None not in groups, groups
    for chart in album:
        assert chart.photo is not None and chart.photo.startswith(PNG)
        assert len(chart.photo) <= MAX_CHART_BYTES, len(chart.photo)


async def private_photos(stub: BotApiStub, user: UserHandle) -> int:
    return sum(1 for m in stub.bot_messages(user.id) if m.photo is not None)


# ---- /stats ------------------------------------------------------------------------------

async def test_chair_sees_the_branch_headline_and_an_album_of_four_charts(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """November so far: 张三 (综采一班) raises a named card, 王五 (掘进二班) an anonymous
    one; 张三 reports a hazard and logs a study note; 李委员 logs a talk. 张主席 asks
    /stats 本月: the branch's headline (通风区工会) with exactly those figures, then one
    album of four PNG charts."""
    hold_sweeper(bot)
    chair = await make_chair(bot, stub, admin, 7002, "张主席", team_code="C3")
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    zhang = await make_worker(bot, stub, 3001, "张三")
    wang = await make_worker(bot, stub, 3002, "王五", team_code="B2")
    await write_card(zhang, "回风巷照明灯坏了三盏，夜班走路看不清。")
    await write_card(wang, "食堂夜班饭菜太凉，希望加个保温柜。", identity="anonymous")
    await report_hazard(zhang, "回风巷顶板有裂缝，约两米长。", photos=0)
    await log_study(zhang)
    await settle(bot)  # the new card and hazard notices (paced 1/s per chat) are out
    officer.catch_up()
    await log_visit(officer, "张三")

    text = await stats_reply(chair, "本月", needle="通风区工会 · 本月")
    assert text.startswith("📊 通风区工会 · 本月"), text
    # Active members: 张主席, 李委员, 张三, 王五 — one of four logged a note (25%); the
    # one officer (李委员) owes 3 talks and 2 home visits a month.
    for line in ("信息卡：收到 2 件，按期答复 0 件，超期答复 0 件，逾期未复 0 件，已落实 0 件",
                 "隐患：发现 1 处，已整改 0 处，整改逾期 0 处。",
                 "学习：参与率 25%，0 人达到每月 4 篇。",
                 "走访谈心：谈心 1 次，家访 0 次；1 位委员未完成。"):
        assert line in text, (line, text)
    check_album(await chart_album(chair))


async def test_officer_sees_only_their_teams_figures(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """李委员 is the officer of 综采一班. 张三 (综采一班) raises a card; 王五 (掘进二班)
    raises a card and reports a hazard; 孙委员 is 掘进二班's officer. 李委员's /stats
    本月 is headed 综采一班 and counts only 张三's card, no hazard, and only his own visit
    quota; then the four charts."""
    hold_sweeper(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await make_officer(bot, stub, admin, 2003, "孙委员", team_code="B2")
    zhang = await make_worker(bot, stub, 3001, "张三")
    wang = await make_worker(bot, stub, 3002, "王五", team_code="B2")
    await write_card(zhang, "回风巷照明灯坏了三盏，夜班走路看不清。")
    await write_card(wang, "掘进面粉尘大，防尘口罩不够换。")
    await report_hazard(wang, "掘进面风筒破了一个口子。", photos=0)

    text = await stats_reply(officer, "本月", needle="综采一班 · 本月")
    assert text.startswith("📊 综采一班 · 本月") and "通风区工会" not in text, text
    for line in ("信息卡：收到 1 件，按期答复 0 件，超期答复 0 件，逾期未复 0 件",
                 "隐患：发现 0 处，已整改 0 处，整改逾期 0 处。",
                 "学习：参与率 0%，0 人达到每月 4 篇。",
                 "走访谈心：谈心 0 次，家访 0 次；1 位委员未完成。"):
        assert line in text, (line, text)
    check_album(await chart_album(officer))


async def test_worker_sees_only_their_own_figures_and_no_charts(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """张三 writes a named and an anonymous card, reports a hazard and logs one study
    note; 王五 writes a card too. 张三's /stats 本月 is 我的数据: 2 cards (the anonymous
    one counted for him alone), 1 hazard, 1 of 4 notes — and no chart album. 王五 sees his
    one card."""
    hold_sweeper(bot)
    await make_officer(bot, stub, admin, 2001, "李委员")
    zhang = await make_worker(bot, stub, 3001, "张三")
    wang = await make_worker(bot, stub, 3002, "王五")
    await write_card(zhang, "回风巷照明灯坏了三盏，夜班走路看不清。")
    await write_card(zhang, "食堂夜班饭菜太凉，希望加个保温柜。", identity="anonymous")
    await write_card(wang, "澡堂热水不够，夜班升井洗不上热水澡。")
    await report_hazard(zhang, "回风巷顶板有裂缝，约两米长。", photos=0)
    await log_study(zhang)

    text = await stats_reply(zhang, "本月", needle="我的数据")
    assert "我的数据 · 本月" in text
    assert "信息卡：写了 2 张，已答复 0 张，已落实 0 张" in text, text
    assert "隐患：报了 1 处，已整改 0 处" in text, text
    assert "学习笔记：1 篇（目标 4 篇）" in text, text
    assert "参与率" not in text and "综采一班" not in text  # not the team's figures
    await zhang.no_message(within=1.0)
    assert await private_photos(stub, zhang) == 0

    text = await stats_reply(wang, "本月", needle="我的数据")
    assert "信息卡：写了 1 张" in text and "隐患：报了 0 处" in text, text
    assert "学习笔记：0 篇（目标 4 篇）" in text, text


async def test_last_month_and_this_year_add_up_the_months(
        bot: BotUnderTest, stub: BotApiStub, clock: FixedClock, admin: UserHandle) -> None:
    """张三 writes a card and logs a note on 12 October, and another card today (16
    November). October's card was due on 11 November and is still unanswered. 李委员's
    本月 shows November's card, 上月 October's (overdue), 今年 both; 张三's 今年 counts
    both cards and his note against a target of 4 × 11 months."""
    hold_sweeper(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    zhang = await make_worker(bot, stub, 3001, "张三")
    clock.set(local("2026-10-12T10:00"))
    await write_card(zhang, "十月：澡堂热水不够，夜班升井洗不上热水澡。")
    await log_study(zhang)
    clock.set(START)
    await write_card(zhang, "十一月：回风巷照明灯坏了三盏。")

    expected = {"本月": "信息卡：收到 1 件，按期答复 0 件，超期答复 0 件，逾期未复 0 件",
                "上月": "信息卡：收到 1 件，按期答复 0 件，超期答复 0 件，逾期未复 1 件",
                "今年": "信息卡：收到 2 件，按期答复 0 件，超期答复 0 件，逾期未复 1 件"}
    for period, cards in expected.items():
        text = await stats_reply(officer, period, needle=f"综采一班 · {period}")
        assert cards in text, (period, text)
        check_album(await chart_album(officer))

    text = await stats_reply(zhang, "今年", needle="我的数据")
    assert "我的数据 · 今年" in text
    assert "信息卡：写了 2 张" in text and "学习笔记：1 篇（目标 44 篇）" in text, text
    text = await stats_reply(zhang, "上月", needle="我的数据")
    assert "信息卡：写了 1 张" in text and "学习笔记：1 篇（目标 4 篇）" in text, text
    text = await stats_reply(zhang, "本月", needle="我的数据")
    assert "信息卡：写了 1 张" in text and "学习笔记：0 篇（目标 4 篇）" in text, text


async def test_this_years_headline_counts_people_not_member_months(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """张三 is the only one in 综采一班 to keep four study notes a month, in October and
    again in November. 李委员's 上月 and 本月 each say 1 人 reached the target and half
    the team took part; 今年 counts people, not member-months: no more than 1 人
    reached it (it used to say 2 人) and still half the team took part."""
    hold_sweeper(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await make_worker(bot, stub, 3001, "张三")
    s = bot.services
    zhang = await s.members.by_tg(3001)
    assert zhang is not None
    async with s.db.tx() as tx:  # four notes on each of four days of both months
        for month in (10, 11):
            for day in (2, 5, 9, 12):
                await study_store.insert(tx, study_store.NewEntry(
                    zhang.id, zhang.team_id, "操作规程", 60, date(2026, month, day),
                    "学了顶板管理规定", ()), local(f"2026-{month}-{day:02d}T20:00"))

    for period in ("上月", "本月"):
        text = await stats_reply(officer, period, needle=f"综采一班 · {period}")
        assert "学习：参与率 50%，1 人达到每月 4 篇。" in text, (period, text)
        await chart_album(officer)
    text = await stats_reply(officer, "今年", needle="综采一班 · 今年")
    reached = re.search(r"学习：参与率 50%，(\d+) 人达到每月 4 篇", text)
    assert reached is not None, text
    assert int(reached.group(1)) <= 1, text  # one person reached it; there are two members


async def test_stats_refuses_strangers_forged_periods_and_group_presses(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """Someone not registered gets the need-member text (and a forged 本月 press is
    stale). A member sending st:bogus or a bare st: is told the button is stale; a press
    of st:this under a message in a group is refused (private only). None of them gets
    figures or charts."""
    hold_sweeper(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    stranger = stub.user(4001, "路人甲")
    await stranger.command("/stats")
    refused = await stranger.next_message()
    assert refused.text == NEED_MEMBER and not refused.buttons
    pressed = await stranger.press(refused, data="st:this")
    assert pressed.show_alert and pressed.text == STALE
    await stranger.no_message(within=0.3)

    await officer.command("/stats")
    ask = await next_with(officer, "看哪段时间")
    for data in ("st:bogus", "st:", "st:this:x", "st:year "):
        pressed = await officer.press(ask, data=data)
        assert pressed.show_alert and pressed.text == STALE, data

    group = await team_group(stub, officer, -1001000000101, "综采一班群")
    hello = group.messages()[0]
    pressed = await officer.press_in(group, hello, data="st:this")
    assert pressed.show_alert and pressed.text == PRIVATE_ONLY
    await officer.send_to(group, "/stats")
    assert "私聊" in ((await group.next_message()).text or "")
    await officer.no_message(within=0.5)
    await group.no_message(within=0.1)
    assert await private_photos(stub, officer) == 0
    assert not [m for m in stub.bot_messages(group.id) if "信息卡" in (m.text or "")]


# ---- /export -----------------------------------------------------------------------------

async def test_officer_exports_the_month_with_cards_hazards_and_study(
        bot: BotUnderTest, stub: BotApiStub, clock: FixedClock, admin: UserHandle) -> None:
    """In October 张三 wrote a card; this month 张三 writes a named card (李委员 accepts
    it, records 王科长's answer, 张三 rates it 满意, 李委员 marks it 已落实), 王五 an
    anonymous one, 赵六 (掘进二班) a named one, 赵六 reports a hazard and 张三 logs a
    note. 李委员's /export offers 本月 and 上月 only. 本月 is a document
    xiaojia-2026-11.xlsx of his team, 综采一班: the six sheets with their headers, one row
    per November card of the team with its category, identity, status, reply and outcome,
    each member's notes (赵六's card and hazard are 掘进二班's, so not in it). 王五's
    card shows 匿名 and nothing in the workbook ties him (name,
    Telegram id, seal) to it. 上月 has October's card alone."""
    hold_sweeper(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    zhang = await make_worker(bot, stub, 3001, "张三")
    wang = await make_worker(bot, stub, 3002, "王五")
    zhao = await make_worker(bot, stub, 3003, "赵六", team_code="B2")
    clock.set(local("2026-10-20T10:00"))
    await write_card(zhang, "十月：澡堂热水不够，夜班升井洗不上热水澡。", category="生活后勤")
    clock.set(START)
    await write_card(zhang, "回风巷照明灯坏了三盏，夜班走路看不清。")
    notice = await next_with(officer, "新信息卡 #2")
    await officer.press(notice, "受理")
    await officer.press(notice, "区队办公室")
    assert "区队办公室" in ((await zhang.next_message()).text or "")  # 张三 hears of it
    recorded = await proxy_reply(officer, notice, "机电科 王科长", "已安排本周加装两盏防爆灯。")
    await zhang.press(await next_with(zhang, "防爆灯"), "😊 满意")
    await officer.press(recorded, "已落实")
    assert "已落实" in ((await zhang.next_message()).text or "")
    await write_card(wang, "食堂夜班饭菜太凉，希望加个保温柜。", identity="anonymous",
                     category="生活后勤")
    await write_card(zhao, "掘进面粉尘大，防尘口罩不够换。", category="劳动保护")
    await report_hazard(zhao, "回风巷风门关不严，漏风。", severity="较大", photos=0)
    await log_study(zhang)

    ask = await ask_export(officer)
    assert ask.button_texts() == ["本月", "上月"]  # the diary's notes are for chairs
    document, book = await export_book(officer, "本月")
    assert document.filename == "xiaojia-2026-11.xlsx"
    assert "2026-11" in (document.caption or "")
    assert list(book) == SHEETS
    assert [book[s][0] for s in SHEETS[1:]] == [CARD_HEADER, HAZARD_HEADER, STUDY_HEADER,
                                                VISIT_HEADER, DISCLOSURE_HEADER]
    # An officer's export is his team's: 综采一班 (赵六 of 掘进二班 is left out).
    summary = "\n".join(str(row[0]) for row in book["汇总"])
    assert "综采一班" in summary and "11月" in summary
    assert "信息卡：收到 2 件，按期答复 1 件，超期答复 0 件，逾期未复 0 件，已落实 1 件；" \
           "评价 1 件，满意 1 件。" in summary, summary
    assert "隐患：发现 0 处" in summary, summary

    cards = {row["编号"]: row for row in rows_of(book, "信息卡")}
    assert sorted(cards) == [2, 3]  # #1 is October's, #4 掘进二班's
    assert [(c["班组"], c["类别"], c["署名"], c["状态"]) for c in cards.values()] == [
        ("综采一班", "安全生产", "实名：张三", "已办结"),
        ("综采一班", "生活后勤", "匿名", "待受理")]
    for card in cards.values():
        assert (card["提交日期"], card["答复期限"]) == ("2026-11-16", "2026-12-16")
    answered = cards[2]
    assert (answered["首次答复"], answered["按期答复"], answered["落实情况"],
            answered["评价"]) == ("2026-11-16", "是", "已落实", "满意")
    assert answered["答复内容"] == "机电科 王科长（2026-11-16）：已安排本周加装两盏防爆灯。"
    for card in (cards[3],):
        assert card["首次答复"] is None and card["落实情况"] is None and card["评价"] is None

    # The anonymous card: no name, no Telegram id, no seal anywhere. 王五's name is only
    # in the study sheet, as a member with his own notes, apart from any card.
    s = bot.services
    tag, sealed = await s.cards.owner_tag(3), await s.cards.sealed_chat(3)
    assert tag and sealed
    for needle in ("王五", "3002", tag, sealed):
        found = [(sheet, text) for sheet, text in cells(book, skip=("学习",))
                 if needle in text]
        assert not found, (needle, found)
    assert [c for c in cells(book) if "3002" in c[1]] == []
    assert [row for row in book["学习"] if any("王五" in str(v) for v in row)] == [
        ["王五", "综采一班", 0, 4, "否"]]

    assert rows_of(book, "隐患") == []  # 赵六's hazard is 掘进二班's
    study = {row["姓名"]: row for row in rows_of(book, "学习")}
    assert sorted(study) == sorted(["李委员", "张三", "王五"])
    assert (study["张三"]["班组"], study["张三"]["学习笔记（篇）"], study["张三"]["每月目标"],
            study["张三"]["达标"]) == ("综采一班", 1, 4, "否")
    assert rows_of(book, "走访谈心") == [] and rows_of(book, "厂务公开") == []

    document, book = await export_book(officer, "上月")
    assert document.filename == "xiaojia-2026-10.xlsx"
    [october] = rows_of(book, "信息卡")
    assert (october["编号"], october["班组"], october["类别"], october["署名"]) == (
        1, "综采一班", "生活后勤", "实名：张三")
    assert rows_of(book, "隐患") == []


async def test_diary_notes_only_in_a_chairs_export(
        bot: BotUnderTest, stub: BotApiStub, clock: FixedClock, admin: UserHandle) -> None:
    """李委员 logged a talk with 张三 on 20 October. His /export 上月 lists the visit
    without a notes column and without the notes anywhere; his forged ex:last:notes is
    refused and sends nothing. 张主席's /export offers 上月（含走访记录内容）, which has
    the notes column with the notes. A worker may not export, by command or forged
    press; malformed ex: data is stale."""
    hold_sweeper(bot)
    chair = await make_chair(bot, stub, admin, 7002, "张主席", team_code="C3")
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    zhang = await make_worker(bot, stub, 3001, "张三")
    clock.set(local("2026-10-20T10:00"))
    await log_visit(officer, "张三", notes=DIARY_NOTES)
    clock.set(START)

    document, book = await export_book(officer, "上月")
    assert document.filename == "xiaojia-2026-10.xlsx"
    assert book["走访谈心"] == [VISIT_HEADER,
                            ["2026-10-20", "李委员", "谈心", "张三", "综采一班", "住院", "不需要"]]
    assert not [c for c in cells(book) if "老人住院" in c[1]]

    ask = await ask_export(officer)
    documents = sum(1 for m in stub.bot_messages(officer.id) if m.document is not None)
    pressed = await officer.press(ask, data="ex:last:notes")
    assert pressed.show_alert and pressed.text == NOT_ALLOWED
    await officer.no_message(within=0.5)
    assert sum(1 for m in stub.bot_messages(officer.id) if m.document is not None) == documents

    ask = await ask_export(chair)
    assert ask.button_texts() == ["本月", "上月", "上月（含走访记录内容）"]
    document, book = await export_book(chair, "上月（含走访记录内容）")
    assert document.filename == "xiaojia-2026-10.xlsx"
    assert book["走访谈心"] == [
        [*VISIT_HEADER, "记录内容"],
        ["2026-10-20", "李委员", "谈心", "张三", "综采一班", "住院", "不需要", DIARY_NOTES]]
    documents = sum(1 for m in stub.bot_messages(chair.id) if m.document is not None)
    for data in ("ex:bogus", "ex:last:x", "ex:", "ex:last:notes:more", "ex:year"):
        pressed = await chair.press(ask, data=data)
        assert pressed.show_alert and pressed.text == STALE, data
    await chair.no_message(within=0.3)
    assert sum(1 for m in stub.bot_messages(chair.id) if m.document is not None) == documents

    await zhang.command("/export")
    refused = await zhang.next_message()
    assert refused.text == "导出台账限工会委员和主席。" and not refused.buttons
    for data in ("ex:this", "ex:last", "ex:last:notes"):
        pressed = await zhang.press(refused, data=data)
        assert pressed.show_alert and pressed.text == NOT_ALLOWED, data
    await zhang.no_message(within=0.5)
    assert not [m for m in stub.bot_messages(zhang.id) if m.document is not None]


async def test_an_officer_who_lost_the_role_cannot_export_from_an_old_keyboard(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """李委员 opens /export, then the admin takes the officer role away. Pressing 本月 on
    the keyboard he still has is refused (the role is checked at the press), and his
    /export now says it is for officers and chairs."""
    hold_sweeper(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    ask = await ask_export(officer)
    member = await bot.services.members.by_tg(officer.id)
    assert member is not None
    await admin.command("/demote", f"#{member.id}", "工会委员")
    assert "已取消" in ((await admin.next_message()).text or "")
    assert "不再担任：工会委员" in ((await officer.next_message()).text or "")

    pressed = await officer.press(ask, "本月")
    assert pressed.show_alert and pressed.text == NOT_ALLOWED
    await officer.command("/export")
    assert (await officer.next_message()).text == "导出台账限工会委员和主席。"
    await officer.no_message(within=0.3)
    assert not [m for m in stub.bot_messages(officer.id) if m.document is not None]


async def test_disclosure_sheet_lists_the_months_disclosure_with_its_reads(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """李委员 drafts a 工资 disclosure for 综采一班群 and 张主席 approves it; 张三 and 李委员
    press 已阅 under the post (张三 twice: counted once). The 本月 export's 厂务公开 sheet
    has that disclosure: approved, drafted by 李委员, approved by 张主席, sent to one
    chat, read twice."""
    hold_sweeper(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    chair = await make_chair(bot, stub, admin, 7002, "张主席", team_code="C3")
    zhang = await make_worker(bot, stub, 3001, "张三")
    group = await team_group(stub, officer, -1001000000101, "综采一班群")
    group.add_member(zhang)
    ask = await draft(officer, chair, title="2026年10月工资发放情况")
    assert ask is not None
    await chair.press(ask, "批准发布")
    post = await next_with(group, "厂务公开 ·")  # type: ignore[arg-type]
    await next_with(officer, "发送完毕")
    for reader in (zhang, zhang, officer):
        await reader.press_in(group, post, "已阅")

    _, book = await export_book(chair, "本月")
    [row] = rows_of(book, "厂务公开")
    assert (row["编号"], row["类别"], row["标题"], row["状态"], row["起草"], row["审批"],
            row["发出群数"], row["已阅人次"], row["疑问"], row["更正"]) == (
        1, "工资", "2026年10月工资发放情况", "已发出", "李委员", "张主席", 1, 2, 0, 0)
    assert "2026" in str(row["期间"]) and "10" in str(row["期间"])


# ---- python -m bot export ----------------------------------------------------------------

async def _seed(s: Services) -> None:
    """An operator's database: 综采一班 (李委员 officer, 张三, 王五) and 掘进二班 (赵六);
    three cards in November (张三 named, 王五 anonymous, 赵六 named) and one late on 31
    October;
    a hazard, three study notes (two in November) and a talk with notes."""
    a1, b2 = await s.teams.by_code("A1"), await s.teams.by_code("B2")
    assert a1 is not None and b2 is not None
    officer = await s.members.register(2001, "李委员", None, a1.id, None, True, START)
    await s.members.grant(officer.id, Role.OFFICER, None, START)
    zhang = await s.members.register(3001, "张三", None, a1.id, None, True, START)
    wang = await s.members.register(3002, "王五", None, a1.id, None, True, START)
    zhao = await s.members.register(3003, "赵六", None, b2.id, None, True, START)

    def card(team: int, who: int, tg: int, anonymous: bool = False) -> card_store.NewCard:
        return card_store.NewCard(
            team_id=team, category="安全生产", body="照明不足，夜班看不清。",
            identity=Identity.ANONYMOUS if anonymous else Identity.NAMED,
            author_member_id=None if anonymous else who, publish_ok=False, photos=(),
            owner_tag=s.sealer.tag(tg), sealed_chat=s.sealer.seal(tg) if anonymous else None,
            receipt_hash=None)

    tz = s.config.tz
    async with s.db.tx() as tx:
        # Half an hour either side of midnight, Shanghai time, as the month turns (both
        # are on 31 October in UTC).
        for new, at in ((card(a1.id, zhang.id, 3001), "2026-10-31T23:30"),
                        (card(a1.id, zhang.id, 3001), "2026-11-01T00:30"),
                        (card(a1.id, wang.id, 3002, anonymous=True), "2026-11-05T09:00"),
                        (card(b2.id, zhao.id, 3003), "2026-11-10T09:00")):
            await card_store.insert(tx, new, local(at), due_date(local(at), tz, 30))
        await hazard_store.insert(tx, hazard_store.NewHazard(
            b2.id, zhao.id, "回风巷", "通风", Severity.SIGNIFICANT, "风门关不严，漏风。",
            local("2026-11-06T08:00"), ()), local("2026-11-06T08:10"))
        for who, team, day in ((zhang.id, a1.id, date(2026, 11, 2)),
                               (zhang.id, a1.id, date(2026, 11, 9)),
                               (wang.id, a1.id, date(2026, 10, 30))):
            await study_store.insert(tx, study_store.NewEntry(
                who, team, "操作规程", 60, day, "学了顶板管理规定", ()), local("2026-11-10T20:00"))
        await visit_store.insert(tx, visit_store.NewVisit(
            officer.id, Kind.TALK, zhang.id, "张三", a1.id, date(2026, 11, 4), DIARY_NOTES,
            ("住院",), FollowUp.NONE, None, ""), local("2026-11-04T18:00"))


async def test_cli_export_writes_the_months_workbook_matching_the_database(
        stub: BotApiStub, tmp_path: Path) -> None:
    """The database is seeded in-process; `python -m bot export --month 2026-11 --out
    f.xlsx -c config` writes the workbook: the summary is the headline of the database's
    November figures, one row per November card (the anonymous one without identity), the
    hazard, each member's notes, the talk without its notes; --with-notes adds them."""
    config_path = write_config(tmp_path, stub, MORE_TEAMS)
    config = load_config(config_path)
    s = await open_services(config, FixedClock(START))
    try:
        await _seed(s)
    finally:
        await s.close()

    out = tmp_path / "f.xlsx"
    code, stdout, stderr = await run_cli("export", "--month", "2026-11", "--out", str(out),
                                         "-c", str(config_path))
    assert code == 0, stderr
    assert f"export of 2026-11 written to {out}" in stdout
    book = open_book(out.read_bytes())
    assert list(book) == SHEETS

    s = await open_services(config)  # the system clock, as the command used
    try:
        lang = s.texts.language(None)
        figures = await summaries.gather(s, ["2026-11"], None)
        headline = summaries.headline(s, lang, "通风区工会", "11月", figures)
        assert [row[0] for row in book["汇总"]] == headline.replace("<b>", "").replace(
            "</b>", "").split("\n")
        raised = await card_store.raised_between(
            s.db, local("2026-11-01T00:00"), local("2026-12-01T00:00"))
        counts = await s.study.counts(date(2026, 11, 1), date(2026, 11, 30))
        visits = await s.visits.between(date(2026, 11, 1), date(2026, 11, 30))
        october = open_book(await export.workbook(s, "2026-10"))  # the 23:30 card's month
    finally:
        await s.close()
    assert "信息卡：收到 3 件" in book["汇总"][1][0]

    cards = rows_of(book, "信息卡")
    assert [c["编号"] for c in cards] == [card.id for card, _ in raised] == [2, 3, 4]
    assert [(c["班组"], c["署名"], c["提交日期"], c["答复期限"]) for c in cards] == [
        ("综采一班", "实名：张三", "2026-11-01", "2026-12-01"),
        ("综采一班", "匿名", "2026-11-05", "2026-12-05"),
        ("掘进二班", "实名：赵六", "2026-11-10", "2026-12-10")]
    assert not [c for c in cells(book, skip=("学习",)) if "王五" in c[1] or "3002" in c[1]]
    [hazard] = rows_of(book, "隐患")
    assert (hazard["编号"], hazard["班组"], hazard["等级"], hazard["发现日期"]) == (
        1, "掘进二班", "较大", "2026-11-06")
    study = {row["姓名"]: row["学习笔记（篇）"] for row in rows_of(book, "学习")}
    assert study == {"李委员": 0, "张三": 2, "王五": 0, "赵六": 0}
    assert sum(study.values()) == sum(counts.values())
    assert book["走访谈心"] == [VISIT_HEADER, ["2026-11-04", "李委员", "谈心", "张三",
                                              "综采一班", "住院", "不需要"]]
    assert len(visits) == 1 and not [c for c in cells(book) if "老人住院" in c[1]]

    noted = tmp_path / "with-notes.xlsx"
    code, _, stderr = await run_cli("export", "--month", "2026-11", "--out", str(noted),
                                    "--with-notes", "-c", str(config_path))
    assert code == 0, stderr
    assert open_book(noted.read_bytes())["走访谈心"][1][-1] == DIARY_NOTES
    assert [(c["编号"], c["提交日期"]) for c in rows_of(october, "信息卡")] == [(1, "2026-10-31")]


async def test_cli_export_bad_month_is_exit_code_2(stub: BotApiStub, tmp_path: Path) -> None:
    """--month must be YYYY-MM with a real month: anything else exits with code 2 and
    one line naming --month, and writes no file."""
    config_path = write_config(tmp_path, stub)
    out = tmp_path / "never.xlsx"
    for month in ("2026-13", "2026-1"):
        code, _, stderr = await run_cli("export", "--month", month, "--out", str(out),
                                        "-c", str(config_path))
        assert code == 2, (month, stderr)
        assert "--month" in stderr and "Traceback" not in stderr, stderr
    assert not out.exists()


async def test_cli_export_month_of_year_zero_is_exit_code_2(
        stub: BotApiStub, tmp_path: Path) -> None:
    """Year 0000 is no year: --month 0000-01 is a bad month like 2026-13."""
    config_path = write_config(tmp_path, stub)
    out = tmp_path / "never.xlsx"
    code, _, stderr = await run_cli("export", "--month", "0000-01", "--out", str(out),
                                    "-c", str(config_path))
    assert code == 2 and "--month" in stderr and "Traceback" not in stderr, (code, stderr)
    assert not out.exists()
