"""A representative session for the hardening suites (secrets, backup): the cast seeded
straight into the database, the bot as a subprocess with its output captured, and a
session driven only through the Bot API stand-in — registration, an anonymous and a
fully anonymous card submitted, answered and rated, a hazard, a study note, a 厂务公开
broadcast, forged presses, a failing request, the outbox refused by an anonymous author."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from bot.clock import FixedClock
from bot.config import Config
from bot.roles import Role
from bot.services import open_services
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.cli import ROOT, write_config
from tests.e2e.cards_helpers import write_card
from tests.e2e.disclosure_helpers import draft, team_group
from tests.e2e.hazards_helpers import report_hazard
from tests.e2e.study_helpers import log_study
from tests.e2e.test_cards_anonymity import accept, next_with, proxy_reply, receipt, text
from tests.e2e.test_registration import register
from tests.harness import ADMIN_ID, TOKEN

# No quiet hours (the subprocess runs by the real clock, which may be night in Shanghai)
# and no sweep but the one at start-up, so nothing unasked interrupts a step.
SUBPROCESS_EXTRA = """
[branch.quiet_hours]
start = "00:00"
end = "00:00"

[jobs]
sweep_seconds = 3600
"""

GROUP_ID = -1001000000777


@dataclass(frozen=True)
class Person:
    tg_id: int
    name: str  # the name registered with the union
    first_name: str  # Telegram's first name, username and last name
    username: str | None = None
    last_name: str | None = None

    def needles(self) -> dict[str, str]:
        found = {"id": str(self.tg_id), "name": self.name, "first_name": self.first_name}
        if self.username:
            found["username"] = self.username
        if self.last_name:
            found["last_name"] = self.last_name
        return found


OFFICER = Person(2001, "李委员", "李委员")
CHAIR = Person(2101, "周主席", "周主席")
SUPERVISOR = Person(2201, "钱群监", "钱群监")
WORKER = Person(3001, "张三", "张三")
# The anonymous authors: ids and names found nowhere else. The ASCII parts look like the
# "plain words" the payload filter lets through, on purpose.
ANON = Person(7770001234, "Canary甲乙丙", "ZZcanaryTG", "zzcanary_user", "Lastcanary")
SECRET = Person(7770005678, "Hidden丁戊己", "YYhiddenTG", "yyhidden_user", "Lasthidden")


def token_needles(token: str = TOKEN) -> dict[str, str]:
    """The token as httpx or a URL could show it: whole, URL-encoded, and its secret part."""
    return {"token": token, "token-urlencoded": quote(token, safe=""),
            "token-urlencoded-lower": quote(token, safe="").replace("%3A", "%3a"),
            "token-secret-part": token.partition(":")[2]}


CAST: tuple[tuple[Person, Role | None], ...] = (
    (OFFICER, Role.OFFICER), (CHAIR, Role.CHAIR), (SUPERVISOR, Role.SUPERVISOR),
    (WORKER, None), (SECRET, None))


async def seed(config: Config, now: datetime,
               cast: tuple[tuple[Person, Role | None], ...] = CAST) -> None:
    """Officer, chair, supervisor and a worker of 综采一班, and the fully anonymous author,
    registered straight in the database (the anonymous one registers through the bot)."""
    s = await open_services(config, FixedClock(now))
    try:
        team = await s.teams.by_code("A1")
        assert team is not None
        for person, role in cast:
            member = await s.members.register(person.tg_id, person.name, None, team.id, None,
                                              True, now)
            if role is not None:
                await s.members.grant(member.id, role, None, now)
    finally:
        await s.close()


def subprocess_config(folder: Path, stub: BotApiStub, extra: str = "") -> Path:
    return write_config(folder, stub, SUBPROCESS_EXTRA + extra)


def clean_env() -> dict[str, str]:
    """The environment without a seal key, so the key file next to the database is used."""
    return {k: v for k, v in os.environ.items() if k != "XIAOJIA_SEAL_KEY"}


@dataclass
class BotProcess:
    """`python -m bot [--log-level L] run -c CONFIG`, stdout and stderr each to a file
    (DEBUG output would fill a pipe nobody reads)."""

    config: Path
    out: Path
    err: Path
    level: str = "WARNING"
    proc: asyncio.subprocess.Process | None = None
    _files: list[object] = field(default_factory=list)

    async def start(self) -> None:
        out, err = self.out.open("ab"), self.err.open("ab")
        self._files = [out, err]
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "--log-level", self.level, "run", "-c",
            str(self.config), cwd=ROOT, stdout=out, stderr=err, env=clean_env())

    async def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(sig)
        try:
            code = await asyncio.wait_for(self.proc.wait(), 20)
        except TimeoutError:
            self.proc.kill()
            code = await self.proc.wait()
        for handle in self._files:
            handle.close()  # type: ignore[attr-defined]
        return code

    def lines(self) -> dict[str, list[str]]:
        return {"stdout": read_lines(self.out), "stderr": read_lines(self.err)}


def read_lines(path: Path) -> list[str]:
    return path.read_text("utf-8", errors="replace").splitlines() if path.exists() else []


async def until(done: Callable[[], bool], what: str, within: float = 20.0) -> None:
    deadline = time.monotonic() + within
    while True:
        if done():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within} s: {what}")
        await asyncio.sleep(0.05)


async def settle(stub: BotApiStub) -> None:
    """Until the outbox has sent what it had: it paces each chat a message a second
    (outbox.per_chat_seconds), so a shorter quiet spell may fall between two."""
    await stub.wait_idle(quiet=1.5, timeout=30)


async def opened(stub: BotApiStub, person: Person) -> UserHandle:
    """The person's handle, after /start (their chat with the bot is open)."""
    handle = stub.user(person.tg_id, person.first_name, username=person.username,
                       last_name=person.last_name)
    await handle.command("/start")
    await handle.next_message(timeout=15)
    return handle


# Callback data nobody was shown: other roles' buttons, other items, junk of 64 bytes.
FORGED = ("c:acc:1", "c:pub:1", f"c:pto:1:{GROUP_ID}", "c:out:1:implemented", "c:rep:1",
          "c:dep:1:x", "x" * 64, "\u200f\u200b<b>🙂</b>", "c:acc:999999999")


@dataclass
class Session:
    """What the session left behind for the checks."""

    handles: dict[str, UserHandle]
    group: GroupHandle
    receipt: str
    forged_answers: int
    anon_reply: Message


BreakHook = Callable[[UserHandle, Message], Awaitable[None]]


async def play_session(stub: BotApiStub, before_rating: BreakHook | None = None) -> Session:
    """The whole session, through the stand-in only. ``before_rating`` may break the
    anonymous author's first rating press (an in-process test's forced exception)."""
    admin = stub.user(ADMIN_ID, "管理员老周")
    await admin.command("/start")
    await admin.next_message(timeout=15)
    officer, chair = await opened(stub, OFFICER), await opened(stub, CHAIR)
    supervisor, worker = await opened(stub, SUPERVISOR), await opened(stub, WORKER)
    hidden = await opened(stub, SECRET)
    await settle(stub)
    for handle in (admin, officer, chair, supervisor, worker, hidden):
        handle.catch_up()  # anything the start-up sweep sent

    # Registration through the bot, approved by the team's officer.
    anon = stub.user(ANON.tg_id, ANON.first_name, username=ANON.username,
                     last_name=ANON.last_name)
    await register(anon, ANON.name)
    assert "审核" in text(await anon.next_message())
    await officer.press(await next_with(officer, ANON.name), "✅ 通过")
    await next_with(anon, "登记已通过")
    await stub.wait_idle()
    anon.catch_up()

    group = await team_group(stub, officer, GROUP_ID, "综采一班群")
    for member in (anon, worker):
        group.add_member(member)

    # 匿名: submitted, accepted, answered by 代录, 已落实 while the author has blocked
    # the bot (the outbox is refused), forged presses, a failing request, rated.
    done = await write_card(anon, "井口更衣室暖气不热，冬天换衣服很冷。", "anonymous")
    assert "已匿名提交" in text(done)
    notice = await next_with(officer, "新信息卡 #1")
    await accept(officer, notice)
    await next_with(anon, "已受理")
    recorded = await proxy_reply(officer, notice, "机电科 王科长", "本周检修暖气管道。")
    reply = await next_with(anon, "有答复了")
    await stub.wait_idle()
    stub.block(ANON.tg_id)
    since = len(stub.requests)
    await officer.press(recorded, "已落实")
    await until(lambda: sends_to(stub, ANON.tg_id, since) > 0,
                "the outbox tried the blocked anonymous author")
    await stub.wait_idle()
    stub.unblock(ANON.tg_id)
    forged = 0
    for data in FORGED:
        await anon.press(reply, data=data)
        forged += 1
    await worker.press(notice, data="c:acc:1")  # a worker presses the officer's button
    forged += 1
    await stub.wait_idle()
    stub.fail_next("sendMessage", 500, "Internal Server Error")
    await anon.command("/mycards")  # the bot's answer fails: the error handler's path
    await next_with(admin, "机器人出错")
    anon.catch_up()
    if before_rating is not None:
        await before_rating(anon, reply)
    assert "谢谢" in text(await anon.press(reply, "😊 满意"))

    # 完全匿名: submitted, answered, read with /check and rated.
    done = await write_card(hidden, "班长私下克扣夜班补贴，请工会查一查。", "secret")
    code = receipt(done)
    notice = await next_with(officer, "新信息卡 #2")
    await accept(officer, notice)
    await proxy_reply(officer, notice, "财务科 孙科长", "已核查，补贴下月补发。")
    await hidden.command("/check", code)
    shown = await next_with(hidden, "孙科长")
    assert "谢谢" in text(await hidden.press(shown, "基本满意"))

    # A hazard, a study note, and a 厂务公开 approved and posted to the team group.
    assert "#1" in text(await report_hazard(worker, "回风巷 200 米处风筒破口，漏风严重。"))
    assert "已记录" in text(await log_study(worker))
    await settle(stub)  # the notices of ratings and of the hazard, photos included
    officer.catch_up()
    chair.catch_up()
    ask = await draft(officer, chair)
    assert ask is not None
    await chair.press(ask, "批准发布")
    post = await next_with(group, "厂务公开")
    await anon.press(post, "已阅")
    await next_with(officer, "发送完毕", limit=20)
    await stub.wait_idle()
    handles = {"admin": admin, "officer": officer, "chair": chair, "supervisor": supervisor,
               "worker": worker, "anon": anon, "hidden": hidden}
    return Session(handles, group, code, forged, reply)


def sends_to(stub: BotApiStub, chat_id: int, since: int) -> int:
    """sendMessage calls to this chat among the stand-in's requests from index `since`."""
    return sum(1 for r in stub.requests[since:] if r.method.lower() == "sendmessage"
               and str(r.params.get("chat_id")) == str(chat_id))


def identity_needles(code: str | None = None) -> dict[str, str]:
    """Every string that would identify an anonymous author (and the receipt code that
    opens the fully anonymous card's answers)."""
    found = {f"anon-{k}": v for k, v in ANON.needles().items()}
    found |= {f"secret-{k}": v for k, v in SECRET.needles().items()}
    if code:
        found["receipt"] = code
        found["receipt-bare"] = code.replace("-", "")
    return found


def scan(lines: list[str], needles: dict[str, str]) -> dict[str, list[str]]:
    """For each needle found, the lines it is in (case-insensitive for encoded forms)."""
    hits: dict[str, list[str]] = {}
    for label, needle in needles.items():
        fold = "urlencoded" in label
        for line in lines:
            if (needle.lower() in line.lower()) if fold else (needle in line):
                hits.setdefault(label, []).append(line[:300])
    return hits


def logger_of(line: str) -> str | None:
    """The logger name of a line in setup_logging's format (time level name: message)."""
    parts = line.split(" ", 3)
    if len(parts) == 4 and parts[2] in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        return parts[3].split(":", 1)[0]
    return None
