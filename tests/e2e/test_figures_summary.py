"""The branch in numbers, end to end (issue 8): the monthly summary and the weekly digest.

On the 1st at 09:00 (Shanghai) last month's charts go to each branch chat (the
branch's figures) and each team chat (its team's), as ONE album of four PNG charts with
the headline figures as its caption — once per chat and month, across sweeps and
restarts, caught up for two days if the bot was down, held through quiet hours. Without
a CJK font the headline goes alone. On Mondays from 08:30 each officer and chair gets a
digest of what waits for them: cards overdue or due soon, hazards to handle, and (an
officer) their visits this month against the quota.

November 2026: the 1st of December is a Tuesday; Monday the 23rd is a digest day."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import summaries as bot_summaries
from bot.cards import Identity, due_date
from bot.clock import FixedClock
from bot.config import load_config
from bot.roles import Role
from bot.services import open_services
from bot.storage import cards as card_store
from bot.storage.cards import NewCard
from bot.stub import BotApiStub, GroupHandle, UserHandle
from tests.cli import MORE_TEAMS, run_cli, write_config
from tests.e2e.cards_helpers import write_card
from tests.e2e.disclosure_helpers import make_chair, make_officer, make_worker, team_group
from tests.e2e.hazards_helpers import report_hazard
from tests.e2e.study_helpers import log_study
from tests.e2e.summary_job_helpers import (
    albums,
    check_album,
    digest_rows,
    digests,
    restart_and_sweep,
    settle,
    start_bot,
    summary_rows,
    summary_texts,
    sweep_at,
)
from tests.e2e.visit_helpers import log_visit
from tests.harness import BotUnderTest, local

BRANCH_CHAT = -1001000000100
A1_CHAT = -1001000000101
B2_CHAT = -1001000000102
ALL_CHATS = (BRANCH_CHAT, A1_CHAT, B2_CHAT)


@pytest.fixture
async def bot(stub: BotApiStub, clock: FixedClock, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """The bot on Monday 2026-11-16 10:00 with the monthly summary on (09:00 on the
    1st, the default), its own sweeps held."""
    clock.set(local("2026-11-16T10:00"))
    under_test = await start_bot(stub, clock, tmp_path, monthly_summary=True)
    try:
        yield under_test
    finally:
        await under_test.stop()


@dataclass
class Chats:
    branch: GroupHandle
    a1: GroupHandle  # 综采一班
    b2: GroupHandle  # 掘进二班
    a1_officer: UserHandle  # 李委员
    b2_officer: UserHandle  # 孙委员


async def chats(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> Chats:
    """An officer for 综采一班 and one for 掘进二班, each with their team chat, and the
    branch chat set up by the admin (/setchat branch)."""
    a1_officer = await make_officer(bot, stub, admin, 2001, "李委员")
    b2_officer = await make_officer(bot, stub, admin, 2003, "孙委员", team_code="B2")
    a1 = await team_group(stub, a1_officer, A1_CHAT, "综采一班群")
    b2 = await team_group(stub, b2_officer, B2_CHAT, "掘进二班群", team_code="B2")
    branch = await team_group(stub, admin, BRANCH_CHAT, "通风区工会群", purpose="branch")
    return Chats(branch, a1, b2, a1_officer, b2_officer)


def album_captions(stub: BotApiStub, group: GroupHandle) -> list[str]:
    """The captions of the albums in `group`, each album checked (4 PNGs ≤ 100 KB)."""
    return [check_album(album) for album in albums(stub, group.id)]


# ---- the monthly summary ---------------------------------------------------------------

async def test_first_of_month_posts_each_chat_its_own_album_with_the_headline(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """November's work, done through the bot: 综采一班 raises two cards, 掘进二班 one;
    张三 (综采一班) reports a hazard and keeps four study notes; 李委员 holds one talk.
    On Tuesday 1 December at 09:05 the branch chat gets the branch's figures and each
    team chat its own, each as one album of four charts with the headline caption."""
    c = await chats(bot, stub, admin)
    zhang = await make_worker(bot, stub, 3001, "张三")
    await make_worker(bot, stub, 3003, "王五")
    chen = await make_worker(bot, stub, 3002, "陈四", team_code="B2")
    assert "已记入民情日记" in ((await log_visit(c.a1_officer, "张三")).text or "")
    await write_card(zhang, "回风巷照明灯坏了三盏，夜班走路看不清。")
    await write_card(zhang, "食堂夜班饭菜太凉，希望加个保温柜。", identity="anonymous")
    await write_card(chen, "掘进面粉尘大，防尘口罩不够换。")
    assert "#" in ((await report_hazard(zhang, "回风巷顶板有裂缝，约两米长。")).text or "")
    for day in ("今天", "今天", "今天", "今天"):
        done = (await log_study(zhang, notes=f"学习笔记 {day}", day=day)).text or ""
        assert "✅ 已记录" in done, done
    for group in (c.branch, c.a1, c.b2):
        group.catch_up()

    with warnings.catch_warnings(record=True) as caught:  # the charts draw in a thread
        warnings.simplefilter("always")
        await sweep_at(bot, "2026-12-01T09:05")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    for group in (c.branch, c.a1, c.b2):
        for _ in range(4):
            await group.next_message()
    await settle(bot)

    branch, = album_captions(stub, c.branch)
    a1, = album_captions(stub, c.a1)
    b2, = album_captions(stub, c.b2)
    assert branch.startswith("📊 通风区工会 · 11月 月度小结"), branch
    assert a1.startswith("📊 综采一班 · 11月 月度小结"), a1
    assert b2.startswith("📊 掘进二班 · 11月 月度小结"), b2
    # Members of the teams: 综采一班 李委员, 张三, 王五; 掘进二班 孙委员, 陈四.
    assert "信息卡：收到 3 件，按期答复 0 件，超期答复 0 件，逾期未复 0 件，已落实 0 件" in branch
    assert "隐患：发现 1 处，已整改 0 处，整改逾期 0 处。" in branch
    assert "学习：参与率 20%，1 人达到每月 4 篇。" in branch
    assert "走访谈心：谈心 1 次，家访 0 次；2 位委员未完成。" in branch
    assert "信息卡：收到 2 件" in a1 and "隐患：发现 1 处" in a1
    assert "学习：参与率 33.3%，1 人达到每月 4 篇。" in a1
    assert "走访谈心：谈心 1 次，家访 0 次；1 位委员未完成。" in a1
    assert "信息卡：收到 1 件" in b2 and "隐患：发现 0 处" in b2
    assert "学习：参与率 0%，0 人达到每月 4 篇。" in b2
    assert "走访谈心：谈心 0 次，家访 0 次；1 位委员未完成。" in b2
    for group in (c.branch, c.a1, c.b2):
        assert summary_texts(stub, group.id) == []  # the caption, not a separate text
    assert sorted((chat, method, status) for chat, method, status, _ in
                  await summary_rows(bot)) == [(chat, "sendMediaGroup", "sent")
                                               for chat in sorted(ALL_CHATS)]


async def test_posted_once_per_chat_and_month_across_sweeps_and_restarts(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """Nothing before 09:00 on the 1st; from 09:00 one album per chat; sweeping again
    that day, restarting, and the catch-up days after add nothing. January brings
    December's, once."""
    c = await chats(bot, stub, admin)
    groups = (c.branch, c.a1, c.b2)

    await sweep_at(bot, "2026-12-01T08:59")
    assert await summary_rows(bot) == []
    await sweep_at(bot, "2026-12-01T09:00")
    for group in groups:
        for _ in range(4):
            await group.next_message()

    await sweep_at(bot, "2026-12-01T15:00")
    bot.clock.set(local("2026-12-01T16:00"))
    await restart_and_sweep(bot)
    await sweep_at(bot, "2026-12-02T09:30")
    await sweep_at(bot, "2026-12-03T10:00")
    await settle(bot)
    for group in groups:
        await group.no_message(within=0.1)
        assert len(album_captions(stub, group)) == 1
    assert len(await summary_rows(bot)) == 3

    await sweep_at(bot, "2027-01-01T09:01")
    for group in groups:
        for _ in range(4):
            await group.next_message()
    await sweep_at(bot, "2027-01-01T09:30")
    await settle(bot)
    for group in groups:
        await group.no_message(within=0.1)
        captions = album_captions(stub, group)
        assert [" · 11月 " in captions[0], " · 12月 " in captions[1]] == [True, True]
    assert len(await summary_rows(bot)) == 6


async def test_caught_up_on_the_third_but_not_the_fourth(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, tmp_path: Path) -> None:
    """Down on the 1st: the summary goes out when the bot sweeps on the 2nd or 3rd, at
    any hour; from the 4th it is too late and nothing goes."""
    c = await chats(bot, stub, admin)
    await sweep_at(bot, "2026-12-04T09:30")
    await sweep_at(bot, "2026-12-28T09:30")
    await settle(bot)
    assert await summary_rows(bot) == []
    for group in (c.branch, c.a1, c.b2):
        await group.no_message(within=0.1)

    # Another branch whose bot comes back on the 3rd (a fresh database).
    await bot.stop()
    bot.clock.set(local("2026-12-03T08:00"))
    later = tmp_path / "later"
    later.mkdir()
    other = await start_bot(stub, bot.clock, later, monthly_summary=True)
    try:
        team = await other.services.teams.by_code("A1")
        assert team is not None
        now = other.clock.now()
        await other.services.chats.seen(A1_CHAT, "supergroup", "综采一班群", now)
        await other.services.chats.set_purpose(A1_CHAT, "team", team.id, None, now)
        await sweep_at(other, "2026-12-03T08:00")
        assert "综采一班 · 11月 月度小结" in check_album(
            [await c.a1.next_message() for _ in range(4)])
    finally:
        await other.stop()


async def test_quiet_hours_hold_the_album_until_seven(
        stub: BotApiStub, clock: FixedClock, tmp_path: Path, admin: UserHandle) -> None:
    """With the summary set for 23:00, it is queued that night but held by quiet hours
    (22:00–07:00): nothing arrives before 07:00 the next morning, then the album does."""
    clock.set(local("2026-11-16T10:00"))
    bot = await start_bot(stub, clock, tmp_path, monthly_summary=True, at="23:00")
    try:
        c = await chats(bot, stub, admin)
        await sweep_at(bot, "2026-12-01T22:59")
        assert await summary_rows(bot) == []
        await sweep_at(bot, "2026-12-01T23:05")
        rows = await summary_rows(bot)
        assert [(status, not_before) for _, _, status, not_before in rows] == [
            ("pending", "2026-12-02T07:00")] * 3
        await c.a1.no_message(within=1.2)
        bot.clock.set(local("2026-12-02T06:59"))
        await c.a1.no_message(within=1.2)
        for group in (c.branch, c.b2):
            await group.no_message(within=0)

        bot.clock.set(local("2026-12-02T07:01"))
        for group in (c.branch, c.a1, c.b2):
            caption = check_album([await group.next_message() for _ in range(4)])
            assert " · 11月 月度小结" in caption
        await sweep_at(bot, "2026-12-02T07:05")
        await settle(bot)
        assert [status for _, _, status, _ in await summary_rows(bot)] == ["sent"] * 3
    finally:
        await bot.stop()


async def test_without_a_cjk_font_the_headline_goes_alone_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No font with Chinese glyphs: no charts (never tofu boxes), the headline goes as
    a text message instead of an album, still once per chat."""
    monkeypatch.setattr(bot_summaries, "find_cjk_font", lambda *_: None)
    c = await chats(bot, stub, admin)
    zhang = await make_worker(bot, stub, 3001, "张三")
    await write_card(zhang, "回风巷照明灯坏了三盏，夜班走路看不清。")

    await sweep_at(bot, "2026-12-01T09:05")
    headline = (await c.a1.next_message()).text or ""
    assert headline.startswith("📊 综采一班 · 11月 月度小结"), headline
    assert "信息卡：收到 1 件" in headline
    branch = (await c.branch.next_message()).text or ""
    assert branch.startswith("📊 通风区工会 · 11月 月度小结") and "收到 1 件" in branch
    assert "掘进二班 · 11月 月度小结" in ((await c.b2.next_message()).text or "")

    await sweep_at(bot, "2026-12-01T10:00")
    await settle(bot)
    for group in (c.branch, c.a1, c.b2):
        await group.no_message(within=0.1)
        assert len(summary_texts(stub, group.id)) == 1
        assert albums(stub, group.id) == []
        assert all(m.photo is None for m in stub.bot_messages(group.id))
    assert sorted(method for _, method, _, _ in await summary_rows(bot)) == \
        ["sendMessage"] * 3


# ---- the command line ------------------------------------------------------------------

SUMMARY_TOML = MORE_TEAMS + """
[summaries]
monthly_summary = true
weekly_digest = false
"""


async def test_jobs_run_monthly_summary_from_the_command_line(
        stub: BotApiStub, tmp_path: Path, admin: UserHandle) -> None:
    """The operator runs the job by hand for 1 December 09:30: the branch chat and
    综采一班's chat each get their album (掘进二班 has no chat); run again, nothing."""
    config = write_config(tmp_path, stub, extra=SUMMARY_TOML)
    now = local("2026-11-16T10:00")
    s = await open_services(load_config(config), FixedClock(now))
    try:
        team = await s.teams.by_code("A1")
        assert team is not None
        officer = await s.members.register(2001, "李委员", None, team.id, None, True, now)
        await s.members.grant(officer.id, Role.OFFICER, None, now)
        worker = await s.members.register(3001, "张三", None, team.id, None, True, now)
        for body in ("回风巷照明灯坏了三盏。", "食堂夜班饭菜太凉。"):
            card = NewCard(team.id, "安全生产", body, Identity.NAMED, worker.id, False, (),
                           s.sealer.tag(3001), None, None)
            async with s.db.tx() as tx:
                await card_store.insert(tx, card, now, due_date(now, s.config.tz, 30))
        for chat_id, title in ((BRANCH_CHAT, "通风区工会群"), (A1_CHAT, "综采一班群")):
            await s.chats.seen(chat_id, "supergroup", title, now)
        await s.chats.set_purpose(BRANCH_CHAT, "branch", None, None, now)
        await s.chats.set_purpose(A1_CHAT, "team", team.id, officer.id, now)
    finally:
        await s.close()
    branch = stub.group(BRANCH_CHAT, "通风区工会群")
    a1 = stub.group(A1_CHAT, "综采一班群")
    for group in (branch, a1):
        await group.add_bot(by=admin, status="administrator")

    code, out, err = await run_cli("jobs", "run", "monthly-summary", "--now",
                                   "2026-12-01T09:30", "-c", str(config))
    assert code == 0, err
    assert out.strip() == "monthly-summary: queued 0, sent 2", out
    branch_caption, = album_captions(stub, branch)
    a1_caption, = album_captions(stub, a1)
    assert branch_caption.startswith("📊 通风区工会 · 11月 月度小结"), branch_caption
    assert a1_caption.startswith("📊 综采一班 · 11月 月度小结"), a1_caption
    for caption in (branch_caption, a1_caption):
        assert "信息卡：收到 2 件" in caption
        assert "走访谈心：谈心 0 次，家访 0 次；1 位委员未完成。" in caption

    code, out, err = await run_cli("jobs", "run", "monthly-summary", "--now",
                                   "2026-12-01T10:30", "-c", str(config))
    assert code == 0, err
    assert out.strip() == "monthly-summary: queued 0, sent 0", out
    for group in (branch, a1):
        assert len(stub.bot_messages(group.id)) == 4


# ---- the weekly digest -----------------------------------------------------------------

@dataclass
class Team:
    chair: UserHandle  # 王主席 (综采一班, not an officer)
    behind: UserHandle  # 李委员, 综采一班: one talk this month
    done: UserHandle  # 孙委员, 掘进二班: his quota met, nothing waiting
    worker: UserHandle  # 张三, 综采一班


async def digest_world(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> Team:
    """Cards raised on 20 October (reply due 19 November: overdue on the 23rd) by 张三
    (综采一班) and 周六 (机电队), one on 26 October by 张三 (due the 25th: within the
    week); in November 张三 reports a hazard nobody has confirmed yet, 李委员 holds one
    talk and 孙委员 three talks and two home visits."""
    bot.clock.set(local("2026-10-20T10:00"))
    w = Team(await make_chair(bot, stub, admin, 5001, "王主席"),
             await make_officer(bot, stub, admin, 2001, "李委员"),
             await make_officer(bot, stub, admin, 2003, "孙委员", team_code="B2"),
             await make_worker(bot, stub, 3001, "张三"))
    await make_worker(bot, stub, 3002, "陈四", team_code="B2")
    zhou = await make_worker(bot, stub, 3004, "周六", team_code="C3")
    await write_card(w.worker, "回风巷照明灯坏了三盏，夜班走路看不清。")
    await write_card(zhou, "机电队值班室空调坏了。")
    bot.clock.set(local("2026-10-26T10:00"))
    await write_card(w.worker, "食堂夜班饭菜太凉，希望加个保温柜。")

    bot.clock.set(local("2026-11-16T10:00"))
    await settle(bot)
    for officer in (w.behind, w.done):
        officer.catch_up()
    assert "已记入民情日记" in ((await log_visit(w.behind, "张三")).text or "")
    for kind in ("谈心", "谈心", "谈心", "家访", "家访"):
        assert "已记入民情日记" in ((await log_visit(w.done, "陈四", kind=kind)).text or "")
    assert "#" in ((await report_hazard(w.worker, "回风巷顶板有裂缝，约两米长。")).text or "")
    await settle(bot)
    return w


@pytest.fixture
async def digest_bot(stub: BotApiStub, clock: FixedClock,
                     tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """The bot with the weekly digest on (Mondays 08:30, 7 days ahead, the defaults)."""
    clock.set(local("2026-10-20T10:00"))
    under_test = await start_bot(stub, clock, tmp_path, weekly_digest=True)
    try:
        yield under_test
    finally:
        await under_test.stop()


async def test_weekly_digest_tells_officers_and_chairs_what_waits_once_a_week(
        digest_bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """Monday 23 November 08:35: 李委员 hears of his team's overdue card, the card due
    within the week, the hazard to confirm and his visits (1/3 talks, 0/2 home visits);
    王主席 of the whole branch's cards and hazards; 孙委员 (nothing waiting, quota met)
    and the worker get nothing. Again that week (a restart included): nothing; a
    Tuesday after a missed Monday: nothing; the next Monday: the next digest."""
    bot = digest_bot
    w = await digest_world(bot, stub, admin)

    await sweep_at(bot, "2026-11-23T08:29")
    await settle(bot)
    assert digests(stub, w.behind.id) == [] and digests(stub, w.chair.id) == []

    await sweep_at(bot, "2026-11-23T08:35")
    await settle(bot)
    officer, = digests(stub, w.behind.id)
    assert officer.splitlines() == [
        "📋 本周待办（11-23）",
        "📝 信息卡：逾期未复 1 件，7 天内到期 1 件 → /cards",
        "⚠️ 隐患：待确认 1 处，整改逾期 0 处，7 天内到期 0 处 → /hazards",
        "📔 走访谈心：本月谈心 1/3，家访 0/2 → /visit"]
    chair, = digests(stub, w.chair.id)
    assert chair.splitlines() == [
        "📋 本周待办（11-23）",
        "📝 信息卡：逾期未复 2 件，7 天内到期 1 件 → /cards",
        "⚠️ 隐患：待确认 1 处，整改逾期 0 处，7 天内到期 0 处 → /hazards"]
    assert digests(stub, w.done.id) == []
    assert digests(stub, w.worker.id) == []

    assert sorted(await digest_rows(bot)) == sorted([w.behind.id, w.chair.id])

    await sweep_at(bot, "2026-11-23T17:00")
    await restart_and_sweep(bot)
    await sweep_at(bot, "2026-11-24T08:35")  # Tuesday
    await sweep_at(bot, "2026-11-29T20:00")  # Sunday: still the same ISO week
    assert sorted(await digest_rows(bot)) == sorted([w.behind.id, w.chair.id])
    for member in (w.behind, w.chair):
        assert len(digests(stub, member.id)) == 1

    # The bot was down on Monday 30 November: Tuesday does not make up for it.
    await sweep_at(bot, "2026-12-01T08:35")
    assert len(await digest_rows(bot)) == 2
    # The next Monday, a new week (and month: 孙委员 has no visits in December yet).
    await sweep_at(bot, "2026-12-07T08:35")
    assert sorted(await digest_rows(bot)) == sorted([w.behind.id, w.chair.id] * 2
                                                    + [w.done.id])


async def test_a_group_upgraded_to_a_supergroup_is_not_posted_twice(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """综采一班's chat is a basic group when the summary goes out on the 1st; later that
    morning it is upgraded to a supergroup (a new chat id; the bot follows it). It is
    the same chat: the sweeps after that must not post November's album again."""
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    group = stub.group(-5001, "综采一班群", type="group")
    group.add_member(officer)
    await group.add_bot(by=officer, status="administrator")
    await group.next_message()  # the bot's hello
    await officer.send_to(group, "/setchat team A1")
    await group.next_message()

    await sweep_at(bot, "2026-12-01T09:05")
    check_album([await group.next_message() for _ in range(4)])
    upgraded = await group.migrate(-1001000000201, by=officer)
    await stub.wait_idle()
    team = await bot.services.teams.by_code("A1")
    assert team is not None
    assert [c.chat_id for c in await bot.services.chats.with_purpose("team", team.id)] == [
        upgraded.id]

    await sweep_at(bot, "2026-12-01T11:00")
    await sweep_at(bot, "2026-12-02T09:00")
    await settle(bot)
    assert albums(stub, upgraded.id) == []
    assert len(await summary_rows(bot)) == 1
