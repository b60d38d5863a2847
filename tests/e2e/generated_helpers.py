"""The running side of the generated-updates suite: eleven *lanes* (a user each, kept in
one of the bot's conversations), a driver that turns generated actions into updates
through the Bot API stand-in, and the checks made after every action:

* no unhandled exception (every ERROR log record is one; the bot's error handler logs
  at ERROR),
* no 4xx answered to the bot by the stand-in (it refuses over-long text and captions,
  bad HTML, bad entities, bad buttons the way Telegram does) and no bot text over 4,096
  UTF-16 units or caption over 1,024,
* no user text rendered as markup: every sentinel of generated HTML-looking text shows
  with its literal prefix, and no entity starts at it (texts, captions, button labels),
* no conversation knocked out of its step by unrelated input: the stored flow (name,
  step, data) is unchanged after a sticker, voice, location, contact, edit, a command
  other than /cancel, a photo or document where none is taken, text at a buttons-only
  step, a stale or forged press; /cancel ends it.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import re
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.flows import FlowState
from bot.handlers.flows import STEP_FLOWS
from bot.roles import MemberStatus, Role
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from bot.stub import server as stub_server
from bot.stub.core import ApiError
from bot.stub.textfmt import utf16_len
from tests.e2e.cards_helpers import make_officer, make_worker
from tests.e2e.disclosure_helpers import team_group
from tests.e2e.generated_strategies import HTML_NAMES, MARKUP, SENTINEL_RE, Action
from tests.harness import BotUnderTest

BOT_USERNAME = "xiaojia_bot"
GROUP_ID = -1001000000901


@dataclass(frozen=True)
class LaneSpec:
    label: str
    kind: str  # outsider | worker | officer | chair | supervisor
    start: str  # the command that opens (or lists) its conversation
    team: str = "A1"


LANES = (
    LaneSpec("registration", "outsider", "/start"),
    LaneSpec("card", "worker", "/card"),
    LaneSpec("hazard", "worker", "/hazard"),
    LaneSpec("study", "worker", "/study"),
    LaneSpec("forget", "worker", "/delete_my_data", "C3"),
    LaneSpec("visit", "officer", "/visit"),
    LaneSpec("disclose", "officer", "/disclose"),
    LaneSpec("exam", "officer", "/exam"),
    LaneSpec("cards-handler", "officer", "/cards"),
    LaneSpec("hazards-handler", "supervisor", "/hazards"),
    LaneSpec("chair", "chair", "/disclosures", "C3"),
)

# Steps that take only a press: text there changes nothing unless it is a button's label.
BUTTON_ONLY = {
    "reg": {"consent"},
    "card": {"category", "photos", "identity", "publish", "preview", "edit"},
    "hz": {"category", "severity", "photos", "preview", "edit"},
    "study": {"kind"},
    "visit": {"kind", "reasons", "follow", "preview", "edit"},
    "disclose": {"category", "attach", "chats", "pin", "preview", "edit"},
    "exam": {"team", "preview", "edit"},
    "examfile": {"file", "confirm"},
    "forget": {"confirm"},
    "hzfix": {"photos"},
}
PHOTO_STEPS = {("card", "photos"), ("hz", "photos"), ("study", "notes"), ("disclose", "attach"),
               ("hzfix", "photos")}
DOCUMENT_STEPS = {("disclose", "attach"), ("examfile", "file")}
COMMAND_RE = re.compile(r"/[A-Za-z0-9_]")


@dataclass
class Lane:
    index: int
    spec: LaneSpec
    user: UserHandle
    spawned: int = 1


@dataclass
class Effect:
    """What an action turned into: the update actually sent."""

    kind: str  # text | command | photo | document | sticker | voice | location | contact
    #            | edit | press | none
    text: str = ""
    data: str = ""
    group: bool = False


@dataclass
class Violation:
    what: str
    lane: str
    action: str
    detail: str


class ErrorLog(logging.Handler):
    """Every ERROR record, from any logger: an unhandled exception somewhere."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def describe(record: logging.LogRecord) -> str:
    text = f"{record.name}: {record.getMessage()}"
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        frames = traceback.extract_tb(exc.__traceback__)
        where = [f"{f.filename.split('/work/main/')[-1]}:{f.lineno} {f.name}"
                 for f in frames if "/bot/" in f.filename][-3:]
        text += f" [{type(exc).__module__}.{type(exc).__name__}: {exc}] at " + " ← ".join(
            reversed(where))
    return text


@dataclass
class Figures:
    actions: int = 0
    updates: int = 0  # updates the generated actions sent
    setup_updates: int = 0  # setting lanes up, and replacing a lane's user
    respawns: int = 0
    bot_messages: int = 0
    edits_checked: int = 0
    presses: int = 0
    max_text_units: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    expectations: Counter[str] = field(default_factory=Counter)
    steps: Counter[tuple[str, str]] = field(default_factory=Counter)
    step_kinds: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    errors: int = 0
    api_errors: int = 0
    seconds: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)

    def timed(self, seconds: float, what: str) -> None:
        self.slowest = sorted([*self.slowest, (seconds, what)], reverse=True)[:5]

    def report(self) -> str:
        lines = [
            f"generated actions: {self.actions}; updates they sent: {self.updates} "
            f"(+{self.setup_updates} for setting users up, {self.respawns} users replaced)",
            f"bot messages checked: {self.bot_messages} (+{self.edits_checked} edits); "
            f"presses answered: {self.presses}; longest bot text: {self.max_text_units} "
            "UTF-16 units",
            f"unhandled exceptions: {self.errors}; 4xx answered to the bot: {self.api_errors}",
            f"runtime: {self.seconds:.1f} s ({self.updates / max(self.seconds, 1e-9):.0f} "
            "generated updates/s)",
            "updates by kind: " + ", ".join(f"{k} {n}" for k, n in self.kinds.most_common()),
            "conversation checks: " + ", ".join(
                f"{k} {n}" for k, n in self.expectations.most_common())
            + " (same: must stay at its step with its data; gone: /cancel; any: may move)",
            "slowest actions: " + "; ".join(f"{t:.2f} s {w[:120]}" for t, w in self.slowest),
            f"conversation steps reached: {len(self.steps)}: " + ", ".join(
                f"{f}:{s} {n}" for (f, s), n in sorted(self.steps.items())),
        ]
        return "\n".join(lines)


class World:
    """The bot, its users in their lanes, and everything the checks need."""

    def __init__(self, bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
        self.bot = bot
        self.stub = stub
        self.admin = admin
        self.lanes: list[Lane] = []
        self.group: GroupHandle | None = None
        self.figures = Figures()
        self.violations: list[Violation] = []
        self.violation_counts: Counter[str] = Counter()
        self.errors = ErrorLog()
        self.api_errors: list[tuple[str, int, str, str, dict[str, Any]]] = []
        self.edited: list[tuple[Any, Any]] = []
        self.processed: set[int] = set()
        self._changed = asyncio.Event()
        self._checked: dict[int, int] = {}
        self._last_bot: dict[int, Message] = {}
        self._error_mark = 0
        self._api_mark = 0

    # ---- setting up ----------------------------------------------------------------
    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Watch the stand-in's refusals and edits, and the bot's ERROR records."""
        for name, method in list(stub_server.METHODS.items()):
            monkeypatch.setitem(stub_server.METHODS, name, self._watched(name, method))
        logging.getLogger().addHandler(self.errors)

    def uninstall(self) -> None:
        logging.getLogger().removeHandler(self.errors)

    def _watched(self, name: str, method: Any) -> Any:
        def call(stub: Any, params: dict[str, Any], files: Any) -> Any:
            try:
                result = method(stub, params, files)
            except ApiError as err:
                shown = {k: (v if len(str(v)) < 120 else f"{str(v)[:100]}…({len(str(v))})")
                         for k, v in params.items() if k != "reply_markup"}
                self.api_errors.append((name, err.code, err.description, repr(shown),
                                        dict(params)))
                raise
            if name.startswith("edit"):
                self.edited.append((params.get("chat_id"), params.get("message_id")))
            return result

        return call

    async def setup(self) -> None:
        start = self.stub._next_update_id
        self.bot.app.add_handler(TypeHandler(Update, self._mark), group=100)
        for index, spec in enumerate(LANES):
            self.lanes.append(Lane(index, spec, await self._spawn(index, spec, 0)))
        disclose = self.lanes[6].user
        self.group = await team_group(self.stub, disclose, GROUP_ID, "综采一班<b>Qz00</b>群")
        await self.stub.wait_idle(quiet=0.1)
        self.figures.setup_updates += self.stub._next_update_id - start
        self._check_messages(None, None)  # what setting up sent is checked too

    async def _mark(self, update: object, context: object) -> None:
        if isinstance(update, Update):
            self.processed.add(update.update_id)
            self._changed.set()

    async def _spawn(self, index: int, spec: LaneSpec, serial: int) -> UserHandle:
        uid = 100_000 + index * 10_000 + serial
        name = HTML_NAMES[(index + serial) % len(HTML_NAMES)]
        tg_name = HTML_NAMES[(index + serial + 5) % len(HTML_NAMES)]
        if spec.kind == "outsider":
            return self.stub.user(uid, tg_name)
        if spec.kind in ("officer", "chair"):
            self.admin.catch_up()
            role = "工会主席" if spec.kind == "chair" else "工会委员"
            return await make_officer(self.bot, self.stub, self.admin, uid, name, spec.team,
                                      role=role)
        user = await make_worker(self.bot, self.stub, uid, name, spec.team, tg_name=tg_name)
        if spec.kind == "supervisor":
            member = await self.bot.services.members.by_tg(uid)
            assert member is not None
            await self.bot.services.members.grant(member.id, Role.SUPERVISOR, None,
                                                  self.bot.clock.now())
        return user

    async def _alive(self, lane: Lane) -> bool:
        s, uid = self.bot.services, lane.user.id
        if lane.spec.kind == "outsider":
            return await s.members.by_tg(uid) is None
        actor = await s.members.actor(uid)
        return {"worker": actor.active, "officer": actor.has(Role.OFFICER),
                "chair": actor.is_chair, "supervisor": actor.has(Role.SUPERVISOR)}[
            lane.spec.kind]

    async def _ensure_alive(self, lane: Lane) -> None:
        """A lane whose user registered, or was forgotten, gets a fresh user."""
        if await self.flow(lane.user.id) is not None or await self._alive(lane):
            return
        start = self.stub._next_update_id
        lane.user = await self._spawn(lane.index, lane.spec, lane.spawned)
        lane.spawned += 1
        await self.stub.wait_idle(quiet=0.02)
        self.figures.respawns += 1
        self.figures.setup_updates += self.stub._next_update_id - start

    # ---- running -------------------------------------------------------------------
    async def flow(self, tg_user_id: int) -> FlowState | None:
        return await self.bot.services.flows.get(tg_user_id)

    async def run(self, plan: list[Action]) -> None:
        started = time.monotonic()
        for action in plan:
            await self.act(action)
        await self.stub.wait_idle(quiet=0.05, timeout=30)
        self._check_logs(None, "after the batch")
        self._check_messages(None, None)
        self.figures.seconds += time.monotonic() - started

    async def act(self, action: Action) -> None:
        lane = self.lanes[action.lane % len(self.lanes)]
        began = time.monotonic()
        await self._ensure_alive(lane)
        user = lane.user
        before = await self.flow(user.id)
        if before is not None:
            self.figures.steps[(before.name, before.step)] += 1
        first = self.stub._next_update_id
        effect = await self._do(lane, action, before)
        last = self.stub._next_update_id
        self.figures.actions += 1
        self.figures.updates += last - first
        self.figures.kinds[effect.kind] += last - first
        if before is not None:
            self.figures.step_kinds[(before.name, before.step, effect.kind)] += 1
        if not await self._wait_processed(first, last):
            self._violate("update not processed within 15 s", lane, action, "")
        after = await self.flow(user.id)
        self._check_flow(lane, action, effect, before, after)
        self._check_logs(lane, repr(action))
        self._check_messages(lane, action)
        self.figures.timed(time.monotonic() - began, f"{lane.spec.label} {effect.kind} "
                           f"{action!r}")

    async def _wait_processed(self, first: int, last: int) -> bool:
        deadline = time.monotonic() + 15
        while not all(u in self.processed for u in range(first, last)):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return False
        return True

    # ---- what an action sends ------------------------------------------------------
    def _keyboards(self, chat_id: int) -> list[Message]:
        return [m for m in self.stub.bot_messages(chat_id) if callback_buttons(m)]

    def _prompt(self, user: UserHandle, state: FlowState) -> list[tuple[Message, str]]:
        """The buttons of the newest message offering the current step's presses."""
        prefix = f"f:{state.name}:{state.step}:"
        for message in reversed(self.stub.bot_messages(user.id)):
            found = [(message, data) for _, data in callback_buttons(message)
                     if data.startswith(prefix)]
            if found:
                return found
        return []

    def _shown(self, user: UserHandle, state: FlowState) -> tuple[set[str], set[str]]:
        """Callback data and labels ever offered for the current step."""
        prefix = f"f:{state.name}:{state.step}:"
        datas, labels = set(), set()
        for message in self.stub.bot_messages(user.id):
            for label, data in callback_buttons(message):
                if data.startswith(prefix):
                    datas.add(data)
                    labels.add(label.strip())
        return datas, labels

    async def _press(self, lane: Lane, message: Message, data: str) -> Effect:
        try:
            await lane.user.press(message, data=data, timeout=15)
            self.figures.presses += 1
        except AssertionError as err:
            self._violate("press not answered", lane, f"press {data!r}", str(err)[-600:])
        return Effect("press", data=data, group=message.chat_id != lane.user.id)

    async def _send_text(self, lane: Lane, text: str) -> Effect:
        await lane.user.send(text)
        return Effect("command" if COMMAND_RE.match(text) else "text", text=text)

    async def _scores_file(self, state: FlowState) -> bytes:
        s = self.bot.services
        exam = await s.exams.get(int(state.data["exam_id"]))
        team = exam.team_id if exam is not None else 0
        out = io.StringIO()
        rows = [["姓名", "成绩"]]
        for n, member in enumerate(await s.members.in_team(team, MemberStatus.ACTIVE)):
            rows.append([member.name, str(n * 7 % 101)])
        csv.writer(out).writerows(rows)
        return out.getvalue().encode("utf-8")

    async def _advance(self, lane: Lane, action: Action, state: FlowState | None) -> Effect:
        user = lane.user
        if state is None:
            keyboards = self._keyboards(user.id)
            if keyboards and action.other % 3 == 0:  # a notice's buttons, mostly the newest
                message = keyboards[-1 - (action.number // 7) % min(4, len(keyboards))]
                datas = [d for _, d in callback_buttons(message)]
                return await self._press(lane, message, datas[action.number % len(datas)])
            await user.send(lane.spec.start)
            return Effect("command", text=lane.spec.start)
        key = (state.name, state.step)
        if key in PHOTO_STEPS and action.other % 2 == 0:
            await user.send_photo(b"\x89PNG\r\n\x1a\n advance %d" % action.number)
            return Effect("photo")
        if key == ("examfile", "file") and action.other % 2 == 0:
            await user.send_document(await self._scores_file(state), "成绩.csv", "text/csv")
            return Effect("document")
        prompt = self._prompt(user, state)
        if prompt:
            message, data = prompt[action.number % len(prompt)]
            return await self._press(lane, message, data)
        if key == ("reg", "name") and action.other % 2 == 0:
            return await self._send_text(lane, HTML_NAMES[action.number % len(HTML_NAMES)])
        return await self._send_text(lane, action.text)

    async def _do(self, lane: Lane, action: Action, state: FlowState | None) -> Effect:
        user, kind = lane.user, action.kind
        if kind == "advance":
            return await self._advance(lane, action, state)
        if kind == "text":
            return await self._send_text(lane, action.text)
        if kind == "command":
            # Rarely: the bot's rate limiter holds a group to 20 messages a minute.
            if action.number % 40 == 39 and self.group is not None:
                await user.send_to(self.group, action.text)
                return Effect("command", text=action.text, group=True)
            return await self._send_text(lane, action.text)
        if kind == "photo":
            data, caption = action.payload  # type: ignore[misc]
            await user.send_photo(data, caption)
            return Effect("photo")
        if kind == "document":
            doc = action.payload
            await user.send_document(doc.data, doc.filename, doc.mime,  # type: ignore[attr-defined]
                                     doc.caption)  # type: ignore[attr-defined]
            return Effect("document")
        if kind == "sticker":
            await user.send_sticker(action.text)
            return Effect("sticker")
        if kind == "voice":
            await user.send_voice(bytes(action.payload or b"OggS"), action.number)  # type: ignore[arg-type]
            return Effect("voice")
        if kind == "location":
            lat, lon = action.payload  # type: ignore[misc]
            await user.send_location(lat, lon)
            return Effect("location")
        if kind == "contact":
            whose = (None, user.id, self.lanes[0].user.id, self.stub.bot_id)[action.number % 4]
            await user.send_contact(str(action.payload), action.text[:64], whose)
            return Effect("contact")
        if kind == "edit":
            mine = [m for m in self.stub.chat_messages(user.id)
                    if not m.from_bot and m.text is not None]
            if not mine:
                return await self._send_text(lane, action.text)
            await user.edit(mine[action.number % len(mine)], action.text)
            return Effect("edit", text=action.text)
        if kind == "press":
            if action.other % 7 == 6 and self.group is not None:
                in_group = self._keyboards(self.group.id)
                if in_group:
                    message = in_group[-1 - action.number % len(in_group)]
                    datas = [d for _, d in callback_buttons(message)]
                    return await self._press(lane, message, datas[action.other % len(datas)])
            keyboards = self._keyboards(user.id)
            if not keyboards:
                return Effect("none")
            message = keyboards[-1 - action.number % len(keyboards)]
            datas = [d for _, d in callback_buttons(message)]
            return await self._press(lane, message, datas[action.other % len(datas)])
        if kind == "forge":
            mine = self.stub.bot_messages(user.id)
            if not mine:
                return Effect("none")
            return await self._press(lane, mine[-1 - action.number % len(mine)], action.text)
        raise AssertionError(f"unknown action kind {kind}")

    # ---- checks --------------------------------------------------------------------
    def _violate(self, what: str, lane: Lane | None, action: str, detail: str) -> None:
        self.violation_counts[what] += 1
        if len(self.violations) < 40:
            self.violations.append(Violation(what, lane.spec.label if lane else "-", action,
                                             detail))

    def _expected(self, lane: Lane, effect: Effect, before: FlowState | None) -> str:
        """same | gone | any: what the action may do to the stored conversation."""
        kind = effect.kind
        if kind in ("none", "sticker", "voice", "location", "contact", "edit"):
            return "same"
        if effect.group and kind != "press":
            return "same"
        if kind == "command":
            word, _, mention = effect.text.split()[0].partition("@")
            if word.lower() == "/cancel" and mention.lower() in ("", BOT_USERNAME):
                return "gone"
            return "same" if before is not None else "any"
        if before is None:
            return "any" if kind in ("text", "press") else "same"
        key = (before.name, before.step)
        if kind == "text":
            datas, labels = self._shown(lane.user, before)
            if before.step in BUTTON_ONLY.get(before.name, set()) and \
                    effect.text.strip() not in labels:
                return "same"
            return "any"
        if kind == "photo":
            return "any" if key in PHOTO_STEPS else "same"
        if kind == "document":
            return "any" if key in DOCUMENT_STEPS else "same"
        # a press
        if effect.data.startswith(f"f:{before.name}:{before.step}:"):
            datas, _ = self._shown(lane.user, before)
            return "any" if effect.data in datas else "same"
        if not effect.data.startswith("f:") and before.name in STEP_FLOWS:
            return "any"  # an item's button replaces an unfinished officer's step
        return "same"

    def _check_flow(self, lane: Lane, action: Action, effect: Effect,
                    before: FlowState | None, after: FlowState | None) -> None:
        expected = self._expected(lane, effect, before)
        self.figures.expectations[
            expected if before is not None or expected != "same" else "same (none open)"] += 1

        def shown(state: FlowState | None) -> str:
            if state is None:
                return "no conversation"
            data = {k: (v if len(str(v)) < 80 else f"{str(v)[:60]}…") for k, v in
                    state.data.items()}
            return f"{state.name}:{state.step} {data}"

        same = (before is None and after is None) or (
            before is not None and after is not None
            and (before.name, before.step, before.data) == (after.name, after.step, after.data))
        if expected == "same" and not same:
            tail = "\n".join(self.stub.transcript(lane.user.id).splitlines()[-12:])
            self._violate("conversation knocked out of its step", lane, repr(action),
                          f"{effect.kind} {effect.text[:80]!r}{effect.data!r}: "
                          f"{shown(before)} → {shown(after)}\n{tail}")
        if expected == "gone" and after is not None:
            self._violate("/cancel left the conversation open", lane, repr(action),
                          shown(after))

    def _check_logs(self, lane: Lane | None, action: str) -> None:
        refused = self.api_errors[self._api_mark:]
        self._api_mark = len(self.api_errors)
        for method, code, description, params, _ in refused:
            self.figures.api_errors += 1
            self._violate(f"the stand-in refused {method} ({code})", lane, action,
                          f"{description}: {params}")
        records = self.errors.records[self._error_mark:]
        self._error_mark = len(self.errors.records)
        for record in records:
            self.figures.errors += 1
            self._violate("unhandled exception", lane, action, describe(record))

    def _check_messages(self, lane: Lane | None, action: Action | None) -> None:
        label = repr(action) if action is not None else "-"
        for chat_id, messages in self.stub.messages.items():
            start = self._checked.get(chat_id, 0)
            for index in range(start, len(messages)):
                message = messages[index]
                if message.from_bot:
                    self.figures.bot_messages += 1
                    self._check_message(message, self._last_bot.get(chat_id), lane, label)
                    self._last_bot[chat_id] = message
            self._checked[chat_id] = len(messages)
        edited, self.edited = self.edited, []
        for chat_id, message_id in edited:
            try:
                chat = int(chat_id)
            except (TypeError, ValueError):
                continue
            found = self.stub.find_message(chat, message_id)
            if found is not None:
                self.figures.edits_checked += 1
                self._check_message(found, None, lane, label)

    def _check_message(self, message: Message, previous: Message | None, lane: Lane | None,
                       action: str) -> None:
        data = message.data
        for key, ents_key, limit in (("text", "entities", 4096),
                                     ("caption", "caption_entities", 1024)):
            text = data.get(key)
            if text is None:
                continue
            units = utf16_len(text)
            self.figures.max_text_units = max(self.figures.max_text_units, units)
            if units > limit:
                self._violate(f"bot {key} over {limit} UTF-16 units", lane, action,
                              f"{units} units: {text[:80]!r}")
            before = (previous.data.get(key) or "") if previous is not None else ""
            for _, problem in markup_problems(text, data.get(ents_key) or [], before):
                self._violate("user text rendered as markup", lane, action,
                              f"{problem} in message #{message.message_id} to "
                              f"{message.chat_id}: {text[:160]!r}")
        for row in message.buttons:
            for label, _ in row:
                for _, problem in markup_problems(label, [], ""):
                    self._violate("user text rendered as markup", lane, action,
                                  f"{problem} in button label {label!r}")

    def report(self) -> str:
        lines = [self.figures.report()]
        if self.violation_counts:
            lines.append("VIOLATIONS: " + ", ".join(
                f"{what} ×{n}" for what, n in self.violation_counts.most_common()))
            for v in self.violations[:12]:
                lines.append(f"- [{v.what}] lane {v.lane}, {v.action}\n  {v.detail}")
        return "\n".join(lines)


def callback_buttons(message: Message) -> list[tuple[str, str]]:
    """(label, callback data) of a message's inline buttons that carry data."""
    return [(str(b.get("text", "")), str(b["callback_data"]))
            for row in (message.markup or {}).get("inline_keyboard", [])
            for b in row if "callback_data" in b]


def markup_problems(text: str, entities: list[dict[str, Any]],
                    before: str) -> list[tuple[int, str]]:
    """Where the user's HTML-looking text was read as markup rather than shown: a
    sentinel without its literal prefix, or an entity starting at a sentinel."""
    problems = []
    starts = {int(e.get("offset", -1)) for e in entities}
    for found in SENTINEL_RE.finditer(text):
        index = int(found.group(1))
        if index >= len(MARKUP):
            continue
        prefix = MARKUP[index][0]
        head = text[:found.start()]
        if len(head) < len(prefix):  # a long text split in two: the prefix ends the part before
            head = before + head
        if not head.endswith(prefix):
            problems.append((found.start(), f"{found.group(0)} shown without its prefix "
                             f"{prefix!r} (…{head[-24:]!r})"))
        if utf16_len(text[:found.start()]) in starts:
            problems.append((found.start(), f"an entity starts at {found.group(0)}"))
    return problems
