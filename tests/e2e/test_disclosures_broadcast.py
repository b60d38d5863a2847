"""厂务公开 broadcasts when things get hard: the stand-in's flood limits answering 429
during a broadcast to 50 chats, a SIGKILL in the middle of one and a restart, groups
that removed the bot or never made it admin, a CSV/XLSX table posted as images with the
original file, and the drafter's progress line while it all goes out."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import os
import signal
import time
import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot import disclosure_actions
from bot.clock import FixedClock
from bot.config import load_config
from bot.demo_study import xlsx_table
from bot.roles import Role
from bot.services import Services, open_services
from bot.storage import disclosures as disclosure_store
from bot.storage.disclosures import NewDisclosure
from bot.stub import BotApiStub, FloodLimits, GroupHandle, Message, UserHandle
from bot.stub import server as stub_server
from bot.stub.core import ApiError
from tests.cli import start_bot, write_config
from tests.e2e.disclosure_helpers import draft, make_chair, make_officer, team_group
from tests.harness import START, BotUnderTest, hold_sweeper, make_config

PNG = b"\x89PNG\r\n\x1a\n"
TELEGRAM_LIMITS = FloodLimits(global_per_s=30, per_chat_per_s=1, per_chat_burst=3,
                              per_group_per_min=20)
# The bot paces itself at up to 30/s (outbox.global_per_second's ceiling), which Telegram's
# 30/s sliding window refuses only now and then; a stand-in allowing 20/s overall (per chat
# and per group as Telegram) refuses part of a 50-chat broadcast on any machine.
STRICT_LIMITS = FloodLimits(global_per_s=20, per_chat_per_s=1, per_chat_burst=3,
                            per_group_per_min=20)


# ---- the bot, groups and what reached them -----------------------------------------

@asynccontextmanager
async def bot_with(stub: BotApiStub, clock: FixedClock, tmp_path: Path,
                   **sections: Any) -> AsyncIterator[BotUnderTest]:
    """The bot under test with these config sections (e.g. outbox={...}); its own sweep
    held, so only the outbox and the tests move things."""
    bot = BotUnderTest(make_config(tmp_path / "bot.sqlite3", stub, **sections), clock)
    await bot.start()
    try:
        hold_sweeper(bot)
        yield bot
    finally:
        await bot.stop()


async def registered_groups(bot: BotUnderTest, stub: BotApiStub, count: int,
                            first_id: int = -1002000000001) -> list[GroupHandle]:
    """`count` supergroups with the bot as admin, registered straight in the database as
    what /setchat makes of them: every other one a team chat of 综采一班, the rest
    branch chats (100 round trips spared; the broadcast itself is what is tested)."""
    s, now = bot.services, bot.clock.now()
    team = await s.teams.by_code("A1")
    assert team is not None
    groups = []
    for n in range(count):
        chat_id, title = first_id - n, f"公开测试群{n + 1:02d}"
        group = stub.group(chat_id, title)
        stub.set_member(chat_id, stub.bot_id, "administrator")
        await s.chats.seen(chat_id, "supergroup", title, now)
        purpose = "team" if n % 2 == 0 else "branch"
        await s.chats.set_purpose(chat_id, purpose, team.id if purpose == "team" else None,
                                  None, now)
        groups.append(group)
    return groups


def count_429s(stub: BotApiStub) -> list[int]:
    """The chat of every 429 the stand-in answers from now on."""
    refused: list[int] = []
    check = stub.flood_check

    def counting(chat_id: int) -> None:
        try:
            check(chat_id)
        except ApiError as error:
            if error.code == 429:
                refused.append(chat_id)
            raise

    stub.flood_check = counting  # type: ignore[method-assign]
    return refused


def posts_in(stub: BotApiStub, chat_id: int) -> list[Message]:
    """The disclosure posts (the text with the buttons) the bot sent to a group."""
    return [m for m in stub.bot_messages(chat_id) if (m.text or "").startswith("📢 厂务公开")]


def pin_calls(stub: BotApiStub, chat_id: int) -> int:
    """How many times the bot asked to pin something in this chat."""
    return sum(1 for r in stub.requests if r.method.lower() == "pinchatmessage"
               and int(r.params.get("chat_id", 0)) == chat_id)


def reports(stub: BotApiStub, user_id: int) -> list[str]:
    """The drafter's final reports (发送完毕) so far."""
    return [m.text for m in stub.bot_messages(user_id) if m.text and "发送完毕" in m.text]


async def until(done: Callable[[], bool], what: str, clock: FixedClock | None = None,
                within: float = 30.0) -> None:
    """Wait for `done()`. With a clock, the bot's time moves a second each 0.1 s, so
    what the bot schedules by its clock (a post put back after a 429, the next progress
    line) falls due although the test's clock otherwise stands still."""
    deadline = time.monotonic() + within
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within}s: {what}")
        if clock is not None:
            clock.advance(seconds=1)
        await asyncio.sleep(0.1)


async def approve_and_report(stub: BotApiStub, clock: FixedClock, chair: UserHandle,
                             ask: Message, drafter: UserHandle, within: float = 30.0) -> str:
    """The chair presses 批准发布; returns the drafter's final report once it came, after
    making sure nothing more goes out."""
    await chair.press(ask, "批准发布")
    await until(lambda: bool(reports(stub, drafter.id)), "the drafter's final report", clock,
                within)
    await stub.wait_idle(quiet=0.5)
    [report] = reports(stub, drafter.id)
    return report


# ---- 1. flood limits ----------------------------------------------------------------

async def test_fifty_chats_under_flood_limits_each_get_exactly_one_copy(
        stub: BotApiStub, clock: FixedClock, tmp_path: Path, admin: UserHandle) -> None:
    """A disclosure approved (through the chair's button) to 50 team and branch chats,
    with the stand-in enforcing flood limits (1/s per chat with a burst and 20/min per
    group as Telegram, 20/s overall) while the bot paces itself at up to 30/s, so the
    stand-in answers 429 during the broadcast: every chat still gets exactly one post,
    pinned once, and the drafter's report says 50/50."""
    async with bot_with(stub, clock, tmp_path, outbox={"global_per_second": 30}) as bot:
        officer = await make_officer(bot, stub, admin, 7001, "李委员")
        chair = await make_chair(bot, stub, admin, 7002, "张主席")
        groups = await registered_groups(bot, stub, 50)
        ask = await draft(officer, chair, chats=("全选",))
        assert ask is not None and "发往 50 个群" in (ask.text or "")
        refused = count_429s(stub)
        stub.limits = STRICT_LIMITS
        report = await approve_and_report(stub, clock, chair, ask, officer, within=60)

    group_ids = {g.id for g in groups}
    assert group_ids & set(refused), f"no 429 to a group during the broadcast: {refused}"
    copies = {g.title: len(posts_in(stub, g.id)) for g in groups}
    assert set(copies.values()) == {1}, copies
    for g in groups:
        [post] = posts_in(stub, g.id)
        assert post.pinned and pin_calls(stub, g.id) == 1, g.title
        assert post.button_texts() == ["👁 已阅 (0)", "❓ 有疑问"]
    assert "已发到 50/50 个群" in report, report
    assert "已置顶 50 个群" in report and "没有发出" not in report, report


# ---- 2. a kill in the middle ----------------------------------------------------------

KILL_CONFIG = """
[outbox]
global_per_second = 20

[branch.quiet_hours]
start = 00:00:00
end = 00:00:00
"""  # the process runs by the real clock: no quiet hours to hold the report till morning


async def seed_approved(config: Path, stub: BotApiStub, chats: list[int]) -> int:
    """In-process, before the bot runs: an officer's disclosure to `chats` (bot admin in
    each, registered as team chats), approved by the chair; its posts wait in the outbox."""
    s: Services = await open_services(load_config(config), FixedClock(START))
    try:
        team = await s.teams.by_code("A1")
        assert team is not None
        drafter = await s.members.register(2001, "李委员", None, team.id, None, True, START)
        await s.members.grant(drafter.id, Role.OFFICER, None, START)
        chair = await s.members.register(2002, "张主席", None, team.id, None, True, START)
        await s.members.grant(chair.id, Role.CHAIR, None, START)
        for n, chat_id in enumerate(chats, 1):
            stub.group(chat_id, f"中断测试群{n:02d}")
            stub.set_member(chat_id, stub.bot_id, "administrator")
            await s.chats.seen(chat_id, "supergroup", f"中断测试群{n:02d}", START)
            await s.chats.set_purpose(chat_id, "team", team.id, None, START)
        async with s.db.tx() as tx:
            disclosure_id = await disclosure_store.insert(tx, NewDisclosure(
                category="工资", period="2026年10月", title="2026年10月工资发放情况",
                body="10月工资已于11月15日发放，人均6820元。", drafted_by=drafter.id,
                chats=tuple(chats), pin=True), START)
        done = await disclosure_actions.approve(s, await s.members.actor(2002), disclosure_id)
        assert done.ok and done.count == len(chats), done
    finally:
        await s.close()
    await stub.user(2001, "李委员").send("/start")  # the drafter has opened the chat
    return disclosure_id


async def test_kill_mid_broadcast_then_restart_finishes_without_duplicates(
        stub: BotApiStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot runs as a real process and is SIGKILLed by the stand-in right after it
    delivered the 12th of 40 posts, before the bot could read the answer. Started again,
    it finishes: no chat has two copies, the one cut off mid-request counts as uncertain
    (sent + uncertain == 40), no pin is asked twice, and the drafter gets exactly one
    report, which names the uncertain chat(s)."""
    config = write_config(tmp_path, stub, extra=KILL_CONFIG)
    chats = [-1003000000001 - n for n in range(40)]
    disclosure_id = await seed_approved(config, stub, chats)
    stub.limits = TELEGRAM_LIMITS

    def delivered() -> int:
        return sum(len(posts_in(stub, c)) for c in chats)

    running: list[asyncio.subprocess.Process] = []
    killed_at: list[int] = []
    send_message = stub_server.METHODS["sendmessage"]

    def send_then_kill(core: Any, params: dict[str, Any], files: Any) -> Any:
        result = send_message(core, params, files)
        if not killed_at and delivered() == 12:
            killed_at.append(int(params["chat_id"]))
            os.kill(running[0].pid, signal.SIGKILL)  # before the answer leaves
        return result

    monkeypatch.setitem(stub_server.METHODS, "sendmessage", send_then_kill)
    running.append(await start_bot(config))
    await asyncio.wait_for(running[0].wait(), 30)
    # Requests already on their way may still land after the kill: at least 12 went.
    assert running[0].returncode == -signal.SIGKILL and 12 <= delivered() < len(chats)

    second = await start_bot(config)
    try:
        await until(lambda: bool(reports(stub, 2001)), "the report after the restart",
                    within=40)
        await stub.wait_idle(quiet=1.0)
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), 20)

    s = await open_services(load_config(config), FixedClock(START))
    try:
        posts = await s.disclosures.posts(disclosure_id)
    finally:
        await s.close()
    by_status = {p.sent_to: p.status for p in posts}
    copies = {c: len(posts_in(stub, c)) for c in chats}
    assert max(copies.values()) == 1, "a chat received the post twice"
    assert all(copies[c] == 1 for c, status in by_status.items() if status == "sent")
    uncertain = [c for c, status in by_status.items() if status == "uncertain"]
    assert killed_at[0] in uncertain and copies[killed_at[0]] == 1
    assert len(uncertain) + sum(st == "sent" for st in by_status.values()) == len(chats)
    assert all(pin_calls(stub, c) <= 1 for c in chats), "a pin was asked twice"
    pinned = [p.sent_to for p in posts if p.pin_status == "sent"]
    assert all(pin_calls(stub, c) == 1 and posts_in(stub, c)[0].pinned for c in pinned)
    assert all(p.pin_status in ("sent", "uncertain") for p in posts if p.status == "sent")
    assert all(p.pin_outbox_id is None for p in posts if p.status == "uncertain")
    [report] = reports(stub, 2001)
    sent = len(chats) - len(uncertain)
    assert f"已发到 {sent}/40 个群" in report and f"已置顶 {len(pinned)} 个群" in report, report
    assert "发送时中断" in report, report
    for chat_id in uncertain:
        assert stub.chats[chat_id].label in report, (chat_id, report)
    started = [line for line in stub.transcript(2001).splitlines() if "正在发往 40 个群" in line]
    assert len(started) == 1, stub.transcript(2001)  # (its text may since show progress)


# ---- 3. removed and not admin -----------------------------------------------------------

async def test_removed_chat_and_pin_without_admin_are_reported(
        stub: BotApiStub, clock: FixedClock, tmp_path: Path, admin: UserHandle) -> None:
    """Three team chats: one fine; one that kicked the bot before the broadcast, its
    my_chat_member update not yet seen by the bot (the send answers 403); one where the
    bot is a plain member. The kicked chat is marked removed and named in the report as
    机器人已被移出群; the plain-member chat gets the post but the pin fails, reported as
    没能置顶."""
    async with bot_with(stub, clock, tmp_path) as bot:
        officer = await make_officer(bot, stub, admin, 7001, "李委员")
        chair = await make_chair(bot, stub, admin, 7002, "张主席")
        fine = await team_group(stub, officer, -1004000000001, "综采一班群")
        kicked = await team_group(stub, officer, -1004000000002, "综采一班二群")
        member = await team_group(stub, officer, -1004000000003, "综采一班三群",
                                  admin_bot=False)
        ask = await draft(officer, chair)
        assert ask is not None and "发往 3 个群" in (ask.text or "")
        stub.set_member(kicked.id, stub.bot_id, "kicked")
        report = await approve_and_report(stub, clock, chair, ask, officer)
        chat = await bot.services.chats.get(kicked.id)
        assert chat is not None and chat.status == "removed"

    assert len(posts_in(stub, fine.id)) == 1 and posts_in(stub, fine.id)[0].pinned
    assert posts_in(stub, kicked.id) == []
    [post] = posts_in(stub, member.id)
    assert not post.pinned
    assert "已发到 2/3 个群" in report, report
    assert "综采一班二群：机器人已被移出群" in report, report
    assert "没能置顶（机器人不是管理员？）：综采一班三群" in report, report
    assert "已置顶 1 个群" in report, report


async def test_chat_that_removed_the_bot_before_approval_is_named_in_the_report(
        stub: BotApiStub, clock: FixedClock, tmp_path: Path, admin: UserHandle) -> None:
    """A team chat chosen in the draft removes the bot (the bot sees the update) while
    the draft waits for the chair. After approval the drafter's report names it as
    机器人已被移出群, instead of leaving it out as if it had never been chosen."""
    async with bot_with(stub, clock, tmp_path) as bot:
        officer = await make_officer(bot, stub, admin, 7001, "李委员")
        chair = await make_chair(bot, stub, admin, 7002, "张主席")
        fine = await team_group(stub, officer, -1004000000011, "综采一班群")
        gone = await team_group(stub, officer, -1004000000012, "综采一班二群")
        ask = await draft(officer, chair)
        assert ask is not None and "发往 2 个群" in (ask.text or "")
        await gone.remove_bot(by=officer)
        await stub.wait_idle()
        chat = await bot.services.chats.get(gone.id)
        assert chat is not None and chat.status == "removed"
        report = await approve_and_report(stub, clock, chair, ask, officer)

    assert len(posts_in(stub, fine.id)) == 1 and posts_in(stub, gone.id) == []
    assert "综采一班二群：机器人已被移出群" in report, report
    assert "已发到 1/2 个群" in report, report


# ---- 4. tables ------------------------------------------------------------------------

HEADER = ["序号", "姓名", "班组", "岗位", "应发工资（元）", "实发工资（元）", "备注"]
NAMES = "王小明 李建国 张伟 刘洋 陈静 杨帆 赵磊 黄丽 周强 吴敏".split()


def wage_rows(count: int = 60) -> list[list[Any]]:
    return [[n, NAMES[n % 10] + ("" if n <= 10 else str(n)), "综采一班", "采煤机司机",
             6800 + n * 10, 6123.5 + n, "含夜班补贴、高温费" if n % 7 == 0 else ""]
            for n in range(1, count + 1)]


def as_csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # as Excel saves it


def as_xlsx(rows: list[list[Any]]) -> bytes:
    return xlsx_table(rows)


@pytest.mark.parametrize(("name", "mime", "encode"), [
    ("2026年10月工资明细.csv", "text/csv", as_csv),
    ("2026年10月工资明细.xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", as_xlsx),
])
async def test_table_upload_is_posted_as_images_then_the_file_then_the_post(
        stub: BotApiStub, clock: FixedClock, tmp_path: Path, admin: UserHandle,
        caplog: pytest.LogCaptureFixture, name: str, mime: str,
        encode: Callable[[list[list[Any]]], bytes]) -> None:
    """A 60-row wage table with Chinese headers sent at the attach step: the preview says
    表格 …（转成 3 张图片）, drawn with no missing-glyph warning. After approval each of two
    groups gets the three PNG pages as one album, then the original file, then the post
    with its buttons, in that order."""
    data = encode([HEADER, *wage_rows(60)])
    async with bot_with(stub, clock, tmp_path) as bot:
        officer = await make_officer(bot, stub, admin, 7001, "李委员")
        chair = await make_chair(bot, stub, admin, 7002, "张主席")
        groups = [await team_group(stub, officer, -1005000000001, "综采一班群"),
                  await team_group(stub, officer, -1005000000002, "综采一班二群")]
        with caplog.at_level(logging.DEBUG), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ask = await draft(officer, chair, attach=(data, name, mime))
        said = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
        assert not [m for m in said if "glyph" in m.lower() or "missing" in m.lower()], said
        assert f"表格 {name}（转成 3 张图片）" in stub.transcript(officer.id)
        assert ask is not None and f"表格 {name}（转成 3 张图片）" in (ask.text or "")
        report = await approve_and_report(stub, clock, chair, ask, officer)

    assert "已发到 2/2 个群" in report, report
    for group in groups:
        sent = stub.bot_messages(group.id)[2:]  # after the hello and the /setchat answer
        photos = [m for m in sent if m.photo is not None]
        [document] = [m for m in sent if m.document is not None]
        [post] = posts_in(stub, group.id)
        albums = {m.data.get("media_group_id") for m in photos}
        assert len(photos) == 3 and len(albums) == 1 and None not in albums  # one album
        assert all(m.photo is not None and m.photo.startswith(PNG) for m in photos)
        assert len({m.photo for m in photos}) == 3, "the pages differ"
        assert document.filename == name and document.document == data
        assert [m.message_id for m in sent] == sorted(m.message_id for m in sent)
        assert max(m.message_id for m in photos) < document.message_id < post.message_id
        assert post.button_texts() == ["👁 已阅 (0)", "❓ 有疑问"]


async def test_too_wide_or_empty_table_is_refused(stub: BotApiStub, clock: FixedClock,
                                                 tmp_path: Path, admin: UserHandle) -> None:
    """At the attach step a 13-column table is refused (at most 12 columns), and so are
    an empty CSV and an empty XLSX; the draft stays at the attach step each time."""
    async with bot_with(stub, clock, tmp_path) as bot:
        officer = await make_officer(bot, stub, admin, 7001, "李委员")
        await officer.command("/disclose")
        await officer.press(await officer.next_message(), "工资")
        ask_period = await officer.next_message()
        await officer.press(ask_period, ask_period.button_texts()[1])
        await officer.next_message()
        await officer.send("2026年10月工资发放情况")
        await officer.next_message()
        await officer.send("10月工资已于11月15日发放。")
        assert "CSV/XLSX" in ((await officer.next_message()).text or "")

        wide = [[f"第{c}列" for c in range(1, 14)], [str(c) for c in range(1, 14)]]
        for data, name, refusal in [
                (as_csv(wide), "宽表.csv", "表格最多 12 列，请删去不用公开的列再发。"),
                (as_xlsx(wide), "宽表.xlsx", "表格最多 12 列"),
                (b",,,\r\n\r\n,,\r\n", "空表.csv", "表格是空的。"),
                (as_xlsx([]), "空表.xlsx", "表格是空的。")]:
            await officer.send_document(data, name, "application/octet-stream")
            answer = await officer.next_message()
            assert (answer.text or "").startswith(refusal), (name, answer.text)
            assert "CSV/XLSX" in (answer.text or "")  # asked for the attachment again
            assert answer.button_texts() == ["不加附件"]
        await officer.no_message(within=0.3)


# ---- 5. progress ------------------------------------------------------------------------

async def test_drafter_sees_progress_before_the_report(
        stub: BotApiStub, clock: FixedClock, tmp_path: Path, admin: UserHandle) -> None:
    """A broadcast to 6 chats, the outbox paced at 2 sends a second so that it lasts a
    few seconds, progress_seconds = 1 and the bot's clock moving a second every 0.1 s:
    the drafter's 正在发往 6 个群 message is edited to 已发送 k/6 (k < 6) at least once
    before the final report arrives."""
    async with bot_with(stub, clock, tmp_path, outbox={"global_per_second": 2},
                        disclosures={"progress_seconds": 1}) as bot:
        officer = await make_officer(bot, stub, admin, 7001, "李委员")
        chair = await make_chair(bot, stub, admin, 7002, "张主席")
        await registered_groups(bot, stub, 6)
        ask = await draft(officer, chair, chats=("全选",), pin=False)
        assert ask is not None
        report = await approve_and_report(stub, clock, chair, ask, officer)

    assert "已发到 6/6 个群" in report, report
    lines = [e.line for e in stub.events if e.chat_id == officer.id]
    [start] = [i for i, line in enumerate(lines) if "正在发往 6 个群" in line]
    [end] = [i for i, line in enumerate(lines) if "发送完毕" in line]
    edits = [line for line in lines[start:end] if line.startswith("🤖 edited")
             and "已发送" in line and "/6" in line]
    assert edits, "\n".join(lines[start:end + 1])
    assert not any("已发送 6/6" in line for line in edits)
