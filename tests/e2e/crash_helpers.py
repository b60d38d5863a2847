"""The crash suite's machinery (tests/e2e/test_hardening_crashes.py): the bot as a real
process SIGKILLed at seeded random moments, people who draft 信息卡 and 隐患 through the
real flows and recover as people would, and what is checked after every kill.

A person acts on the bot's latest prompt (the step is read from the buttons'
`f:<flow>:<step>:<value>` data, or the text steps' wording), waits for the answer, and
when none comes (the bot is down, or an update was lost with the process) waits for the
bot to be back and sends /card or /hazard again, which resumes the draft where it is
stored. After noticing a restart each person mid-draft does the same, so every kill is
followed by resume checks: the step shown must be the step stored at the kill (or the
step a reply after the restart showed). A 提交 press without a receipt is pressed again:
it either brings the receipt or is refused as stale, which means the draft was consumed
(stored) and the receipt died with the process.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import random
import re
import shutil
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from bot.stub import BotApiStub, Message, UserHandle
from bot.stub.core import PendingQuery
from tests.cli import start_bot
from tests.e2e.test_disclosures_broadcast import pin_calls, posts_in

RESUME = "接着上次的继续"  # flow-resume
STALE = "这个按钮已过期"  # button-stale
RECEIPT = {
    "card": re.compile(r"已(?:匿名|完全匿名)?提交，信息卡编号 #(\d+)"),
    "hz": re.compile(r"已上报(?:，隐患编号 |重大隐患 )#(\d+)"),
}
# The text steps have no buttons: their prompts are known by their wording.
TEXT_STEP = {"card": ("请写下您的意见", "text"), "hz": ("请描述隐患", "description")}
COMMAND = {"card": "/card", "hz": "/hazard"}
FIRST_STEP = {"card": "category", "hz": "location"}
BODY_KEY = {"card": "body", "hz": "description"}
FLOW_DATA = re.compile(r"^f:(\w+):(\w+):(.*)$")
IDENTITIES = ("named", "anonymous", "secret")
_query_ids = itertools.count(1)


# ---- what the bot said ------------------------------------------------------------------

def bot_said(stub: BotApiStub, chat_id: int) -> list[Message]:
    """Every bot message in the chat, in order (stable indices: deleted ones included)."""
    return [m for m in stub.messages.get(chat_id, []) if m.from_bot]


def step_of(message: Message, flow: str) -> str | None:
    """The step of `flow` this message prompts for, or None if it is no such prompt."""
    for _, data in (b for row in message.buttons for b in row):
        found = FLOW_DATA.match(data or "")
        if found and found.group(1) == flow:
            return found.group(2)
    wording, step = TEXT_STEP[flow]
    if wording in (message.text or ""):
        return step
    return None


def button_data(message: Message, flow: str, step: str, value: str | None = None) -> str | None:
    """The callback data of the message's button for that step (and value, if given)."""
    for _, data in (b for row in message.buttons for b in row):
        found = FLOW_DATA.match(data or "")
        if found and found.group(1) == flow and found.group(2) == step and \
                (value is None or found.group(3) == value):
            return data
    return None


# ---- the process ------------------------------------------------------------------------

@dataclass
class Snapshot:
    """What the database held right after a kill."""

    kill: int
    flows: dict[int, tuple[str, str, str | None]]  # user → (flow, step, body typed so far)
    marks: dict[int, int]  # user → how many bot messages their chat had at the kill
    integrity: str
    active: int  # people mid-draft at the kill
    posts: int  # broadcast posts delivered by then


@dataclass
class Crasher:
    """Starts the bot process, kills it with SIGKILL, and checks the database and the
    broadcast after every kill (on a copy of the files, so the next start recovers the
    WAL itself)."""

    stub: BotApiStub
    config: Path
    db_path: Path
    chats: list[int]
    users: list[int]
    proc: asyncio.subprocess.Process | None = None
    generation: int = 0
    kills: int = 0
    kills_in_startup: int = 0
    up: asyncio.Event = field(default_factory=asyncio.Event)
    snapshots: list[Snapshot] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    active: set[int] = field(default_factory=set)
    _watch: asyncio.Task[None] | None = None

    async def start(self) -> None:
        mark = len(self.stub.requests)
        self.proc = await start_bot(self.config)
        self.generation += 1
        self._watch = asyncio.create_task(self._first_poll(mark))

    async def _first_poll(self, mark: int) -> None:
        while not any(r.method.lower() == "getupdates"  # noqa: ASYNC110
                      for r in self.stub.requests[mark:]):
            await asyncio.sleep(0.01)
        self.up.set()

    async def wait_up(self, within: float = 60.0) -> None:
        await asyncio.wait_for(self.up.wait(), within)

    async def kill(self) -> Snapshot:
        assert self.proc is not None
        in_startup = not self.up.is_set()
        self.up.clear()
        if self._watch is not None:
            self._watch.cancel()
        active = len(self.active)
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()
        assert self.proc.returncode == -signal.SIGKILL, self.proc.returncode
        self.kills += 1
        self.kills_in_startup += in_startup
        await asyncio.sleep(0.2)  # requests the process wrote before it died are handled
        marks = {u: len(bot_said(self.stub, u)) for u in self.users}
        flows, integrity = self._read_copy()
        posts = sum(len(posts_in(self.stub, chat)) for chat in self.chats)
        snap = Snapshot(self.kills, flows, marks, integrity, active, posts)
        self.snapshots.append(snap)
        if integrity != "ok":
            self.violations.append(f"kill {self.kills}: integrity_check {integrity!r}")
        for chat in self.chats:
            if len(posts_in(self.stub, chat)) > 1 or pin_calls(self.stub, chat) > 1:
                self.violations.append(f"kill {self.kills}: chat {chat} got the post twice")
        return snap

    def _read_copy(self) -> tuple[dict[int, tuple[str, str, str | None]], str]:
        copy_dir = self.db_path.parent / "after-kill"
        copy_dir.mkdir(exist_ok=True)
        target = copy_dir / self.db_path.name
        for suffix in ("", "-wal"):
            source = Path(f"{self.db_path}{suffix}")
            dest = Path(f"{target}{suffix}")
            dest.unlink(missing_ok=True)
            if source.exists():
                shutil.copyfile(source, dest)
        Path(f"{target}-shm").unlink(missing_ok=True)
        with closing(sqlite3.connect(target)) as conn:
            integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
            flows = {}
            for user, name, step, data in conn.execute(
                    "SELECT tg_user_id, name, step, data FROM flows"):
                key = BODY_KEY.get(str(name))
                typed = json.loads(data).get(key) if key else None
                flows[int(user)] = (str(name), str(step), typed)
        return flows, integrity

    async def stop(self) -> None:
        """SIGTERM: the bot finishes what it fetched and shuts down."""
        if self._watch is not None:
            self._watch.cancel()
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self.proc.wait(), 30)
        self.up.clear()


# ---- the people ---------------------------------------------------------------------------

@dataclass
class Draft:
    kind: str  # "card" | "hz"
    body: str
    identity: str = "named"
    number: int | None = None  # from the receipt
    consumed_silently: bool = False  # stored, the receipt died with the process
    submit_presses: int = 0
    begun_after_kill: int = 0  # how many kills had happened when it was begun

    @property
    def done(self) -> bool:
        return self.number is not None or self.consumed_silently


@dataclass
class Person:
    """A worker drafting `drafts` one after the other, as a person would."""

    crasher: Crasher
    user: UserHandle
    drafts: list[Draft]
    rng: random.Random
    release: list[int]  # draft k is begun once this many kills have happened
    timeout: float = 3.0
    think: float = 0.15
    seen_generation: int = 0
    timeouts: int = 0
    resume_checks: int = 0
    queries: list[PendingQuery] = field(default_factory=list)
    _checked: set[int] = field(default_factory=set)

    @property
    def stub(self) -> BotApiStub:
        return self.crasher.stub

    def said(self) -> list[Message]:
        return bot_said(self.stub, self.user.id)

    def violation(self, text: str) -> None:
        self.crasher.violations.append(f"{self.user.name}: {text}")

    async def run(self) -> None:
        for k, draft in enumerate(self.drafts):
            while self.crasher.kills < self.release[k]:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
            self.crasher.active.add(self.user.id)
            try:
                await self.write(draft)
            finally:
                self.crasher.active.discard(self.user.id)

    async def pause(self) -> None:
        await asyncio.sleep(self.rng.uniform(0, 2 * self.think))

    # ---- one draft ----------------------------------------------------------------------
    async def write(self, draft: Draft) -> None:
        draft.begun_after_kill = self.crasher.kills
        self.seen_generation = self.crasher.generation
        prompt = await self.send(COMMAND[draft.kind])
        for _ in range(400):
            if self.seen_generation != self.crasher.generation:
                self.seen_generation = self.crasher.generation
                prompt = await self.resync(draft)
                continue
            if prompt is None:
                prompt = await self.resync(draft)
                continue
            step = step_of(prompt, draft.kind)
            if step is None:  # not a prompt of this draft (a late answer): look again
                prompt = None
                continue
            await self.pause()
            if step == "preview":
                if draft.body not in (prompt.text or ""):
                    self.violation(f"preview without the typed text: {prompt.text!r}")
                if await self.submit(draft, prompt):
                    return
                prompt = None
                continue
            prompt = await self.act(draft, step, prompt)
        raise AssertionError(f"{self.user.name} made no progress with {draft.body}:\n"
                             + self.user.transcript()[-3000:])

    async def act(self, draft: Draft, step: str, prompt: Message) -> Message | None:
        if step in ("text", "description"):
            return await self.send(draft.body)
        value = {"category": "0", "location": "0", "severity": "ordinary", "photos": "done",
                 "identity": draft.identity, "publish": "yes", "found": "now"}.get(step)
        data = button_data(prompt, draft.kind, step, value)
        if data is None:
            self.violation(f"no button for step {step}: {prompt.button_texts()}")
            return None
        _, reply = await self.press(prompt, data)
        return reply

    # ---- talking to the bot -----------------------------------------------------------------
    async def send(self, text: str) -> Message | None:
        """Send; the latest bot message once one came, None if nothing within the timeout."""
        mark = len(self.said())
        await self.user.send(text)
        return await self._reply_since(mark)

    async def press(self, message: Message, data: str) -> tuple[PendingQuery, Message | None]:
        """Press without waiting as the driver does; returns the query and the reply (None
        when nothing came or the press was refused as stale)."""
        mark = len(self.said())
        query = self._push_press(message, data)
        reply = await self._reply_since(mark, lambda: query.answer is not None)
        if query.answer is not None and STALE in (query.answer.text or ""):
            return query, None
        return query, reply

    def _push_press(self, message: Message, data: str) -> PendingQuery:
        stub = self.stub
        query_id = f"crash{next(_query_ids)}"
        query = PendingQuery(message, self.user.id, data)
        stub.queries[query_id] = query
        self.queries.append(query)
        stub.log(message.chat_id, f"👤 {self.user.name} pressed ({data})")
        stub.push_update("callback_query", {
            "id": query_id, "from": stub.user_json(self.user.id),
            "message": copy.deepcopy(message.data), "chat_instance": str(self.user.id * 7919),
            "data": data})
        return query

    async def _reply_since(self, mark: int, answered: Callable[[], bool] | None = None,
                           need_message: bool = True) -> Message | None:
        """The latest bot message after `mark` once one came (or once `answered()`, or
        only then with need_message=False); None when nothing came within the timeout."""
        deadline = time.monotonic() + self.timeout
        while True:
            new = self.said()[mark:]
            if (new and need_message) or (answered is not None and answered()):
                return new[-1] if new else None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.timeouts += 1
                return None
            await self.stub.wait_change(min(remaining, 0.2))

    # ---- after a restart or an unanswered step ----------------------------------------------
    async def resync(self, draft: Draft) -> Message | None:
        """Wait for the bot to be back, then /card or /hazard again: the draft resumes."""
        await self.crasher.wait_up()
        self.seen_generation = self.crasher.generation
        kills = self.crasher.kills
        mark = len(self.said())
        await self.user.send(COMMAND[draft.kind])
        first = FIRST_STEP[draft.kind]

        def resumed_or_begun() -> bool:  # the command's answer, not a late one before it
            return any(RESUME in (m.text or "") or step_of(m, draft.kind) == first
                       for m in self.said()[mark:])

        reply = await self._reply_since(mark, resumed_or_begun, need_message=False)
        if reply is not None and kills and kills == self.crasher.kills \
                and kills not in self._checked and draft.begun_after_kill < kills:
            self._check_resume(draft, self.crasher.snapshots[kills - 1], mark)
        return reply

    def _check_resume(self, draft: Draft, snap: Snapshot, mark: int) -> None:
        """The first resume after a kill shows the step stored at the kill, or the step a
        reply since the restart showed (an update handled after it)."""
        stored = snap.flows.get(self.user.id)
        said = self.said()
        resumed = next((i for i in range(mark, len(said)) if RESUME in (said[i].text or "")),
                       None)
        if stored is None:
            return  # nothing stored at the kill (the draft's /card not yet handled)
        self._checked.add(snap.kill)
        self.resume_checks += 1
        flow, step, typed = stored
        if flow != draft.kind:
            self.violation(f"kill {snap.kill}: stored flow {flow}, drafting {draft.kind}")
            return
        if typed is not None and typed != draft.body:
            self.violation(f"kill {snap.kill}: stored text {typed!r} is not {draft.body!r}")
        if resumed is None:
            self.violation(f"kill {snap.kill}: the draft at {step} did not resume: "
                           f"{[m.text for m in said[mark:]]}")
            return
        expected = step
        for message in said[snap.marks[self.user.id]:resumed]:
            shown = step_of(message, draft.kind)
            if shown is not None:
                expected = shown
        got = step_of(said[resumed], draft.kind)
        if got != expected:
            self.violation(f"kill {snap.kill}: resumed at {got}, stored {step}, "
                           f"expected {expected}")

    async def submit(self, draft: Draft, preview: Message) -> bool:
        """提交, pressed again until a receipt or a stale refusal; True when done."""
        first = len(self.said())
        data = button_data(preview, draft.kind, "preview", "submit")
        assert data is not None, preview.button_texts()
        for _ in range(60):
            draft.submit_presses += 1
            mark = len(self.said())
            query = self._push_press(preview, data)

            def answered(query: PendingQuery = query) -> bool:
                return query.answer is not None

            await self._reply_since(mark, answered)
            # The receipt comes through the outbox (queued with the item): allow for it.
            deadline = time.monotonic() + 3.0
            while query.answer is not None and time.monotonic() < deadline:
                if self._receipt(draft, first):
                    return True
                await self.stub.wait_change(0.05)
            if self._receipt(draft, first):
                return True
            if query.answer is not None:
                refused = STALE in (query.answer.text or "") or any(
                    STALE in (m.text or "") for m in self.said()[mark:])
                if refused:
                    draft.consumed_silently = True
                    return True
                # Answered, the receipt still queued (or the bot killed before sending
                # it): after a restart it comes, or a repeat press is refused as done.
                await self.crasher.wait_up()
                continue
            await self.crasher.wait_up()
            self.seen_generation = self.crasher.generation
        raise AssertionError(f"{self.user.name}: no answer to 提交 for {draft.body}")

    def _receipt(self, draft: Draft, first: int) -> bool:
        numbers = {int(found.group(1)) for m in self.said()[first:]
                   if (found := RECEIPT[draft.kind].search(m.text or ""))}
        if len(numbers) > 1:
            self.violation(f"two receipts for one draft: {sorted(numbers)}")
        if numbers:
            draft.number = min(numbers)
            return True
        return False


def push_press(stub: BotApiStub, user: UserHandle, message: Message,
               label: str) -> PendingQuery:
    """Press a button without waiting for the answer (the bot may be down): the pending
    query, whose `answer` is set once the bot answers."""
    buttons = [b for row in message.buttons for b in row]
    [(_, data)] = [b for b in buttons if b[0] == label] or [b for b in buttons if label in b[0]]
    assert data is not None
    query_id = f"crash{next(_query_ids)}"
    query = PendingQuery(message, user.id, data)
    stub.queries[query_id] = query
    stub.log(message.chat_id, f"👤 {user.name} pressed [{label}]")
    stub.push_update("callback_query", {
        "id": query_id, "from": stub.user_json(user.id),
        "message": copy.deepcopy(message.data), "chat_instance": str(user.id * 7919),
        "data": data})
    return query


def unanswered(people: list[Person]) -> int:
    """Presses the bot never answered: fetched by a process killed before handling them."""
    return sum(1 for p in people for q in p.queries if q.answer is None)


def duplicates(values: list[str]) -> dict[str, int]:
    return {value: n for value, n in Counter(values).items() if n > 1}
