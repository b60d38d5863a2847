"""Broadcast: a 厂务公开 disclosure to 1,000 group chats (quick: 100) through the real bot,
against the stand-in enforcing Telegram's flood limits (30/s overall, 1/s per chat with
a burst of 3, 20/min per group), while workers use the bot.

The bot runs in-process (`build_application` + `running`, long polling) on a clock that
starts on a Monday at 10:00 in Shanghai and moves with real time. The chats (the bot an
admin in each), a drafter, a chair and three workers are seeded in the database before it
starts; the disclosure (text only, pinned) is approved with `disclosure_actions.approve`
on the running bot's services, as the chair's 批准发布 button does.

Counted, from just before the approval to the last post stored: the posts (the
sendMessage with the disclosure's text and buttons, one per chat expected), and apart
from them every call the stand-in counted against its 30/s (the posts, the workers'
replies, the drafter's progress edits). Pins go out too (the stand-in does not count
them), as does the drafter's report after the last pin; neither is a post. A worker's
reply time: from the /help update handed to the stand-in until the bot's answer is
stored. Three workers each send /help every 1.5 s, staggered: the bot gets one every
0.5 s (one worker at 2/s would be over Telegram's 1/s per chat on its own). Errors
surfaced: records logged at ERROR (the error handler logs every error it gets) and
outbox rows failed or uncertain.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from report import Figure

from bot import disclosure_actions
from bot.app import build_application, running
from bot.config import Config, parse_config
from bot.roles import Role
from bot.services import Services, open_services
from bot.storage import disclosures as disclosure_store
from bot.storage.disclosures import NewDisclosure
from bot.stub import BotApiStub, FloodLimits, UserHandle
from bot.stub.core import ApiError
from bot.stub.state import Message

BENCH = "broadcast"
TOKEN = "123456:BENCH-broadcast"
START = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
TELEGRAM_PER_S = 30
DRAFTER, CHAIR, WORKERS = 7001, 7002, (7101, 7102, 7103)
WORKER_EVERY_S = 1.5
POST_MARK = "📢 厂务公开"
FIRST_CHAT = -1002000000001


class RunningClock:
    """START, then moving with real time (a retry's not_before falls due)."""

    def __init__(self, at: datetime) -> None:
        self.at, self.t0 = at, time.monotonic()

    def now(self) -> datetime:
        return self.at + timedelta(seconds=time.monotonic() - self.t0)


class Tally:
    """What the stand-in saw: when each post was stored, the 429s it answered, and
    the errors the bot logged."""

    def __init__(self, stub: BotApiStub) -> None:
        self.posts: dict[int, list[float]] = {}
        self.refused: list[int] = []
        self.counted: list[float] = []  # every call the stand-in counted against 30/s
        self.errors: list[str] = []
        add, check = stub.add_message, stub.flood_check

        def adding(chat: Any, from_id: int, fields: dict[str, Any]) -> Message:
            msg = add(chat, from_id, fields)
            if msg.from_bot and msg.chat_id < 0 and str(fields.get("text", "")).startswith(
                    POST_MARK):
                self.posts.setdefault(msg.chat_id, []).append(time.monotonic())
            return msg

        def checking(chat_id: int) -> None:
            try:
                check(chat_id)
            except ApiError as error:
                if error.code == 429:
                    self.refused.append(chat_id)
                raise
            self.counted.append(time.monotonic())

        stub.add_message = adding  # type: ignore[method-assign]
        stub.flood_check = checking  # type: ignore[method-assign]

    @contextmanager
    def logged_errors(self) -> Iterator[None]:
        tally = self

        class Catch(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                tally.errors.append(f"{record.name}: {record.getMessage()[:120]}")

        handler = Catch(logging.ERROR)
        root = logging.getLogger()
        root.addHandler(handler)
        try:
            yield
        finally:
            root.removeHandler(handler)


def make_config(folder: Path, stub: BotApiStub) -> Config:
    return parse_config({
        "telegram": {"token": TOKEN, "base_url": stub.base_url,
                     "base_file_url": stub.base_file_url},
        "database": {"path": str(folder / "bench.sqlite3")},
        "branch": {"name": "通风区工会"},
        "teams": [{"code": "A1", "name": "综采一班"}],
        "jobs": {"sweep_seconds": 3600},
        "visits": {"remind_days": [], "remind_days_before_month_end": []},
        "summaries": {"monthly_summary": False, "weekly_digest": False},
    })


async def seed(config: Config, stub: BotApiStub, chats: int) -> int:
    """The chats (bot an admin), the people, and the disclosure waiting for approval."""
    s = await open_services(config, RunningClock(START))
    try:
        team = await s.teams.by_code("A1")
        assert team is not None
        ids = {}
        for tg, name in ((DRAFTER, "李委员"), (CHAIR, "张主席"),
                         *((w, f"王师傅{n}") for n, w in enumerate(WORKERS, 1))):
            member = await s.members.register(tg, name, None, team.id, None, True, START)
            ids[tg] = member.id
            stub.user(tg, name)
        await s.members.grant(ids[DRAFTER], Role.OFFICER, None, START)
        await s.members.grant(ids[CHAIR], Role.CHAIR, None, START)
        chat_ids = [FIRST_CHAT - n for n in range(chats)]
        for n, chat_id in enumerate(chat_ids):
            title = f"公开测试群{n + 1:04d}"
            stub.group(chat_id, title)
            stub.set_member(chat_id, stub.bot_id, "administrator")
            await s.chats.seen(chat_id, "supergroup", title, START)
            await s.chats.set_purpose(chat_id, "team", team.id, None, START)
        async with s.db.tx() as tx:
            return await disclosure_store.insert(tx, NewDisclosure(
                category="工资", period="2026年10月", title="2026年10月工资发放情况",
                body="10月工资已于11月15日发放，人均6820元。明细见附表，有疑问请点“有疑问”。",
                drafted_by=ids[DRAFTER], chats=tuple(chat_ids), pin=True), START)
    finally:
        await s.close()


async def worker(user: UserHandle, offset: float, stop: asyncio.Event,
                 times: list[float]) -> None:
    """/help every WORKER_EVERY_S; a reply not there within 10 s counts as 10 s."""
    due = time.monotonic() + offset
    while not stop.is_set():
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        due += WORKER_EVERY_S
        began = time.monotonic()
        await user.command("/help")
        try:
            await user.next_message(timeout=10)
            times.append(time.monotonic() - began)
        except AssertionError:
            times.append(10.0)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def failed_rows(s: Services) -> int:
    async with s.db.read() as tx:
        return int(await tx.scalar(
            "SELECT count(*) FROM outbox WHERE status IN ('failed', 'uncertain')"))


async def run(chats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiStub(token=TOKEN, bot_username="xiaojia_bot") as stub:
            config = make_config(Path(folder), stub)
            disclosure_id = await seed(config, stub, chats)
            stub.limits = FloodLimits()  # Telegram's: 30/s, 1/s per chat, 20/min per group
            tally = Tally(stub)
            app = build_application(config, RunningClock(START + timedelta(minutes=1)))
            with tally.logged_errors():
                async with running(app):
                    return await broadcast(app.bot_data["services"], stub, tally,
                                           disclosure_id, chats)


async def broadcast(s: Services, stub: BotApiStub, tally: Tally, disclosure_id: int,
                    chats: int) -> dict[str, Any]:
    workers = [stub.user(w, "") for w in WORKERS]
    for user in [stub.user(DRAFTER, ""), *workers]:  # the chat opened, before the broadcast
        user.catch_up()
        await user.command("/help")
        await user.next_message(timeout=10)
    chair = await s.members.actor(CHAIR)
    stop, times = asyncio.Event(), list[float]()
    tasks = [asyncio.create_task(worker(u, n * WORKER_EVERY_S / len(workers), stop, times))
             for n, u in enumerate(workers)]
    began = time.monotonic()
    done = await disclosure_actions.approve(s, chair, disclosure_id)
    assert done.ok and done.count == chats, done
    deadline = began + 20 + chats / 10
    while len(tally.posts) < chats and time.monotonic() < deadline:
        await stub.wait_change(min(1.0, deadline - time.monotonic()))
    stored = sorted(t for p in tally.posts.values() for t in p) or [time.monotonic()]
    first, last = stored[0], stored[-1]
    stop.set()
    await asyncio.gather(*tasks)
    report_at = None
    while time.monotonic() < deadline:  # the drafter's report: after the last pin
        if any("发送完毕" in (m.text or "") for m in stub.bot_messages(DRAFTER)):
            report_at = time.monotonic() - began
            break
        await asyncio.sleep(0.1)
    await stub.wait_idle(quiet=0.3, timeout=30)
    copies = [len(tally.posts.get(FIRST_CHAT - n, [])) for n in range(chats)]
    counted = sum(1 for t in tally.counted if began <= t <= last)
    return {"delivered": sum(copies), "seconds": last - began, "first_s": first - began,
            "counted": counted,
            "lost": sum(1 for c in copies if c == 0), "duplicated": sum(1 for c in copies if c > 1),
            "refused": len(tally.refused), "errors": list(tally.errors),
            "failed": await failed_rows(s), "replies": times, "report_s": report_at}


async def measure(quick: bool) -> list[Figure]:
    chats = 100 if quick else 1000
    got = await run(chats)
    seconds = max(got["seconds"], 1e-9)
    rate, all_rate = got["delivered"] / seconds, got["counted"] / seconds
    others = (got["counted"] - got["delivered"]) / seconds
    replies = got["replies"]
    p99 = quantile(replies, 0.99)
    errors = len(got["errors"]) + got["failed"]
    what = f"disclosure to {chats:,} chats"
    window = (f"{got['seconds']:.1f} s from the approval to the last post stored (the first"
              f" after {got['first_s']:.2f} s)")
    shown_errors = "; ".join(got["errors"][:3])
    return [
        Figure(BENCH, f"{what} / all it sent ÷ Telegram's 30/s", all_rate / TELEGRAM_PER_S,
               "×", "≥ 0.95", all_rate / TELEGRAM_PER_S >= 0.95,
               f"{got['counted']} calls the stand-in counted (the posts, the workers' replies,"
               f" the drafter's progress edits) in {window}"),
        Figure(BENCH, f"{what} / its posts alone ÷ 30/s", rate / TELEGRAM_PER_S, "×",
               note=f"{got['delivered']} posts (sendMessage, one per chat) in the same"
                    f" {got['seconds']:.1f} s; the replies and edits ({others:.1f}/s) count"
                    f" against the 30/s too: the posts' ceiling is {(30 - others) / 30:.2f}×"),
        Figure(BENCH, f"{what} / posts per second", rate, "msg/s",
               note=(f"drafter's report (after the last pin) at {got['report_s']:.0f} s"
                     if got["report_s"] else "no drafter's report within the deadline")),
        Figure(BENCH, f"{what} / chats without the post", got["lost"], "", "0",
               got["lost"] == 0),
        Figure(BENCH, f"{what} / chats with it twice", got["duplicated"], "", "0",
               got["duplicated"] == 0),
        Figure(BENCH, f"{what} / errors surfaced", errors, "", "0", errors == 0,
               f"{len(got['errors'])} logged at ERROR, {got['failed']} outbox rows failed or"
               f" uncertain{': ' + shown_errors if shown_errors else ''}"),
        Figure(BENCH, f"{what} / 429 answers of the stand-in", got["refused"], "",
               note="every 429 it answered, whether the bot waited it out or not"),
        Figure(BENCH, f"{what} / worker's reply, p99", p99, "s", "< 1 s", p99 < 1.0,
               f"{len(replies)} /help replies during the broadcast (one every 0.5 s from 3"
               f" workers); median {quantile(replies, 0.5) * 1000:.0f} ms, max"
               f" {max(replies, default=0):.2f} s"),
    ]
