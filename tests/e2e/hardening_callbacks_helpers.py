"""Forged callback presses (issue 9): a small populated branch, the payloads, a snapshot
of every table, and the run that presses each payload and checks what it did.

A press is *forged* when the presser may not do what its data says: random bytes, an
unknown or malformed item, an item of another kind or team, a decision already taken,
a flow button whose flow has ended, or valid data pressed by the wrong role. Whatever
the payload, the bot must answer the press, raise nothing and change nothing. The
presses that a role may really make (an officer accepting a card of their team, anyone
choosing a language) are left out by `legitimate()`, which states the intended rules
on its own, without asking the bot's code, so a wrong rule in the bot is not copied.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.limits import CALLBACK_DATA_MAX, as_id
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.cards_helpers import write_card
from tests.e2e.disclosure_helpers import draft, team_group
from tests.e2e.hazards_helpers import next_with, report_hazard
from tests.e2e.study_helpers import create_exam, log_study
from tests.e2e.test_registration import register
from tests.e2e.visit_helpers import log_visit, make_chair, make_officer, make_worker
from tests.harness import BotUnderTest, hold_sweeper

# ---- the branch ------------------------------------------------------------------------

# Who presses. The keys name the role each plays; `legitimate()` reads them.
ROLES = ("admin", "chair", "officer", "other", "worker", "approved", "pending", "outsider")
ACTIVE = frozenset({"chair", "officer", "other", "worker", "approved"})
A1_OFFICERS = frozenset({"admin", "chair", "officer"})  # may act on 综采一班's items
DIARY = frozenset({"chair", "officer", "other"})  # keep the visit diary


@dataclass
class Branch:
    users: dict[str, UserHandle]
    groups: list[GroupHandle]
    ids: dict[str, set[int]]  # kind → real ids: card, hazard, exam, visit, disclosure, …
    card_status: dict[int, str]
    posts: list[Message]  # the disclosure's 已阅 posts in the groups


async def build_branch(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> Branch:
    """A worker, an officer, a chair, an officer of another team, a pending and an
    approved member, an outsider; two cards (one accepted), a hazard, a study note, an
    exam, a visit flagged for hardship help, a disclosure posted to two team groups and
    read there by everyone. Every flow is finished, every message sent."""
    hold_sweeper(bot)
    s = bot.services
    officer = await make_officer(bot, stub, admin, 2101, "李委员")
    chair = await make_chair(bot, stub, admin, 2102, "张主席")
    other = await make_officer(bot, stub, admin, 2103, "孙委员", team_code="B2")
    worker = await make_worker(bot, stub, 3101, "王小明")

    approved = stub.user(3102, "赵师傅")
    await register(approved, "赵六")
    await approved.next_message()
    await officer.press(await next_with(officer, "赵六"), "✅ 通过")
    pending = stub.user(3103, "钱师傅")
    await register(pending, "钱七")
    await pending.next_message()
    await next_with(officer, "钱七")
    outsider = stub.user(4101, "路人甲")
    await outsider.command("/help")
    await outsider.next_message()
    await outsider.command("/start")
    await outsider.next_message()
    await outsider.command("/cancel")
    await outsider.next_message()

    await write_card(worker, "三号皮带机头照明不足，夜班看不清。")
    await write_card(worker, "更衣室热水器坏了一个星期。")
    await next_with(officer, "新信息卡 #1")
    second = await next_with(officer, "新信息卡 #2")
    await officer.press(second, "受理")
    await officer.press(second, "区队办公室")
    await caught_up(bot, stub, worker)
    await report_hazard(worker, "回风巷顶板有离层，局部掉渣。")
    await caught_up(bot, stub, worker)
    await log_study(worker)
    await caught_up(bot, stub, officer)
    await create_exam(officer)
    await caught_up(bot, stub, officer)
    await log_visit(officer, "王小明", follow="困难帮扶", follow_answer="孩子学费有困难。")
    await caught_up(bot, stub, officer)

    groups = [await team_group(stub, officer, -1001000000301, "综采一班群", "A1"),
              await team_group(stub, other, -1001000000302, "掘进二班群", "B2")]
    users = {"admin": admin, "chair": chair, "officer": officer, "other": other,
             "worker": worker, "approved": approved, "pending": pending,
             "outsider": outsider}
    for group in groups:
        for user in users.values():
            group.add_member(user)
    ask = await draft(officer, chair)
    assert ask is not None
    await chair.press(ask, "批准发布")
    await next_with(officer, "发送完毕")
    posts = [m for g in groups for m in stub.bot_messages(g.id)
             if any(d and d.startswith("dr:") for row in m.buttons for _, d in row)]
    assert len(posts) == len(groups), [m.text for m in posts]
    # Everyone reads every post once: 已阅 pressed again later is a replay.
    for post in posts:
        data = next(d for row in post.buttons for _, d in row if d and d.startswith("dr:"))
        for user in users.values():
            await user.press(post, data=data)
    await caught_up(bot, stub)

    ids: dict[str, set[int]] = {}
    for kind, table in (("card", "cards"), ("hazard", "hazards"), ("exam", "exams"),
                        ("visit", "visits"), ("disclosure", "disclosures"),
                        ("member", "members"), ("team", "teams"), ("reply", "card_replies"),
                        ("study", "study_entries")):
        async with s.db.read() as tx:
            ids[kind] = {int(r[0]) for r in await tx.fetchall(f"SELECT id FROM {table}")}
    pending_member = await s.members.by_tg(pending.id)
    assert pending_member is not None and str(pending_member.status) == "pending"
    ids["pending"] = {pending_member.id}
    ids["chat"] = {g.id for g in groups}
    ids["user"] = {u.id for u in users.values()}
    card_status = {}
    for card_id in ids["card"]:
        card = await s.cards.get(card_id)
        assert card is not None
        card_status[card_id] = str(card.status)
    assert card_status == {1: "new", 2: "accepted"}, card_status
    assert ids["hazard"] and ids["exam"] and ids["visit"] and ids["disclosure"]
    async with s.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM flows") == 0, "a flow is still open"
    return Branch(users, groups, ids, card_status, posts)


async def caught_up(bot: BotUnderTest, stub: BotApiStub, *users: UserHandle) -> None:
    """Let the notices in the outbox arrive, and mark them read: the next step's helper
    reads its own replies."""
    tables = Tables(bot.config.database.path)
    try:
        await settle(stub, tables, quiet=0.2)
    finally:
        tables.close()
    for user in users:
        user.catch_up()


# ---- which presses are the roles' own ---------------------------------------------------

def loose_ids(parts: list[str]) -> set[int]:
    """Every number a part could be read as, by the bot's rule or Python's looser one
    (full-width digits, '+1', ' 1', '1_000'): a legitimate press is never missed."""
    found = set()
    for part in parts:
        strict = as_id(part, signed=True)
        if strict is not None:
            found.add(strict)
        try:
            found.add(int(part))
        except ValueError:
            pass
    return found


def legitimate(role: str, data: str, private: bool, branch: Branch) -> str | None:
    """Why this press is one the role may really make (so it is not pressed), or None.

    The intended rules, written out: officers of 综采一班 (its officer, the chair, the
    admin) handle its cards, hazards, exam and pending member; the drafter and chairs
    correct an approved disclosure; the chair takes a hardship case on; the visit's
    author logs the next visit; members start a study note, diary keepers a visit;
    anyone picks a language. Presses that only show something (coverage, figures) stay
    in: they must not write either."""
    ids = branch.ids
    bare = data.rstrip("\n")  # `$` in the handlers' patterns also matches before a final \n
    parts = data.split(":")
    head, action = parts[0], parts[1] if len(parts) > 1 else ""
    numbers = loose_ids(parts[1:])
    if head == "lang" and data.removeprefix("lang:") in ("zh-CN", "en") and private:
        return "choosing a language"
    if bare == "study:start" and private and role in ACTIVE:
        return "a member starting a study note"
    if bare == "visit:start" and private and role in DIARY:
        return "a diary keeper starting a visit"
    if head == "m" and numbers & ids["pending"] and role in A1_OFFICERS:
        return "an officer deciding on a pending member"
    if head == "c" and role in A1_OFFICERS and action in CARD_OFFICER_ACTIONS:
        for card in numbers & ids["card"]:
            if action not in CARD_NO_OPS[branch.card_status[card]]:
                return "an officer acting on a card of the team"
    if head == "c" and role == "worker" and action in ("rate", "rk") and numbers & ids["reply"]:
        return "the author rating an answer"  # (no card is answered, none fully anonymous)
    if head == "h" and role in A1_OFFICERS and numbers & ids["hazard"]:
        return "a handler acting on a hazard"
    if head == "e" and role in A1_OFFICERS and numbers & ids["exam"]:
        return "an officer managing the team's exam"
    if head == "v" and private and numbers & ids["visit"] and (
            (role == "chair" and "help" in parts) or (role == "officer" and "again" in parts)):
        return "the chair taking help on / the author visiting again"
    if head == "dd" and private and role in ("officer", "chair") and "fix" in parts and \
            numbers & ids["disclosure"]:
        return "the drafter or a chair correcting a disclosure"
    if head in ("st", "ex") and private and role in DIARY | {"admin"} and \
            parts[1:2] in (["this"], ["last"], ["year"]):
        return "figures or an export (read-only, but charts and workbooks are slow)"
    return None


CARD_OFFICER_ACTIONS = ("acc", "back", "dep", "ret", "dup", "prx", "out", "pub", "pto")
# An officer's presses that a card's state refuses as handled already (受理 and 返回 on
# a new card are the officer's own: they redraw the pressed message's buttons).
CARD_NO_OPS: dict[str, tuple[str, ...]] = {"new": (), "accepted": ("acc", "dep", "ret", "dup")}


# ---- payloads ---------------------------------------------------------------------------

PREFIXES = ("f", "m", "c", "h", "e", "v", "vc", "da", "dd", "dr", "st", "ex", "lang")
EXACT = ("vq", "visit:start", "study:start")
FLOW_NAMES = ("cardact", "cardrate", "card", "disclose", "dback", "dfix", "exam", "examone",
              "examfile", "hz", "hzact", "hzfix", "forget", "reg", "study", "visit")
WORDS = ("ok", "no", "acc", "back", "dep", "ret", "dup", "prx", "out", "pub", "pto", "rep",
         "rate", "rk", "fix", "redo", "pass", "one", "file", "preview", "post", "help",
         "again", "teams", "unread", "this", "last", "year", "notes", "yes", "skip", "done",
         "cancel", "edit", "office", "satisfied", "basic", "unsatisfied", "implemented",
         "partial", "declined", "name", "team", "consent", "employee_no", "photos", "kind",
         "preview", "text", "pick", "zh-CN", "en", "fr", "ZH-cn", "start", "null", "None",
         "undefined", "true", "-", "*", "%s", "{0}", "<b>x</b>", "&amp;", "' OR 1=1 --",
         "../", "\x00", "\n", " ", "", "工资", "✅", "👁", "\u200b", "\u202e")


def trim(text: str, limit: int = CALLBACK_DATA_MAX) -> str:
    """At most `limit` UTF-8 bytes, cut at a character boundary; never empty."""
    cut = text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    return cut or "\ufffd"


class Payloads:
    """Seeded payloads of three kinds: random bytes, every prefix with ids of every kind
    (and broken ones), and the data of the bot's real buttons."""

    def __init__(self, rng: random.Random, branch: Branch, real: list[str]) -> None:
        self.rng = rng
        self.branch = branch
        self.real = real
        every = sorted({i for kind in branch.ids.values() for i in kind})
        self.id_tokens = [str(i) for i in every] + [
            "0", "-1", "-0", "00", "0001", "+1", " 1", "1 ", "1.0", "1e3", "0x1", "1_000",
            "9" * 15, "9" * 16, "9" * 40, str(2**31), str(2**63), str(2**64), str(-2**63),
            "-" + "9" * 20, "１", "１２", "٣", "²", "½", "Ⅳ", "NaN", "inf", "∞", "",
            "-1001000000301", "-1001000000302", "2101", "3101", "9001",
        ]

    def number(self) -> str:
        rng = self.rng
        pick = rng.random()
        if pick < 0.5:
            return rng.choice(self.id_tokens)
        if pick < 0.7:
            return str(rng.randint(-10**6, 10**6))
        if pick < 0.8:
            return str(rng.choice([-1, 1]) * rng.randint(10**9, 10**20))
        if pick < 0.9:  # digits of other scripts: full-width, Arabic-Indic, Devanagari
            base = rng.choice([0xFF10, 0x0660, 0x0966, 0x1D7CE])
            return "".join(chr(base + int(d)) for d in str(rng.randint(0, 999)))
        return self.word()

    def word(self) -> str:
        if self.rng.random() < 0.8:
            return self.rng.choice(WORDS)
        return self.junk(self.rng.randint(1, 12))

    def junk(self, length: int) -> str:
        alphabet = "abcxyz:019-_ /\\%\"'<>&;中文😀\u200b\u0301\u202e\n\t\x00"
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    def random_bytes(self) -> str:
        raw = self.rng.randbytes(self.rng.randint(1, CALLBACK_DATA_MAX))
        return trim(raw.decode("utf-8", errors="replace"))

    def structured(self) -> str:
        rng = self.rng
        if rng.random() < 0.08:
            base = rng.choice(EXACT)
            return trim(base + rng.choice(["", "", "\n", ":1", "x", " ", ":", "\x00"]))
        head = rng.choice(PREFIXES)
        number, word = self.number, self.word
        shapes: dict[str, list[str]] = {
            "f": [rng.choice((*FLOW_NAMES, "x")), word(), word()],
            "m": [rng.choice(["ok", "no", word()]), number()],
            "c": [word(), number()] + ([rng.choice([word(), number()])]
                                       if rng.random() < 0.6 else []),
            "h": [word(), number()],
            "e": [number(), word()],
            "v": [number(), rng.choice(["help", "again", word()])],
            "vc": [number()],
            "da": [number(), rng.choice(["ok", "no", word()])],
            "dd": [number(), rng.choice(["redo", "fix", "teams", "unread", word()])]
            + ([number()] if rng.random() < 0.4 else []),
            "dr": [number()],
            "st": [word()],
            "ex": [word()] + ([word()] if rng.random() < 0.3 else []),
            "lang": [word()],
        }
        parts = shapes[head]
        if rng.random() < 0.15:  # one part too few or too many
            if parts and rng.random() < 0.5:
                parts.pop()
            else:
                parts.append(rng.choice([word(), number(), ""]))
        return trim(":".join([head, *parts]))

    def from_real(self) -> str:
        data = self.rng.choice(self.real)
        pick = self.rng.random()
        if pick < 0.6:
            return data
        parts = data.split(":")
        if pick < 0.85 and len(parts) > 1:  # another item's id in the same place
            index = self.rng.randrange(1, len(parts))
            parts[index] = self.number()
            return trim(":".join(parts))
        if pick < 0.93:
            return trim(data + self.rng.choice([":", ":1", "x", "\n", " ", ":ok", "０"]))
        return data[: self.rng.randint(1, max(1, len(data) - 1))]


def real_button_data(stub: BotApiStub) -> list[tuple[int, str]]:
    """(chat, callback data) of every inline button the bot ever sent or edited in, in
    the order it did (buttons pressed and gone since included)."""
    seen: dict[tuple[int, str], None] = {}
    for request in stub.requests:
        markup = request.params.get("reply_markup")
        if not isinstance(markup, dict):
            continue
        chat = request.params.get("chat_id")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if isinstance(data, str) and chat is not None:
                    seen[(int(chat), data)] = None
    return list(seen)


# ---- the state of every table -------------------------------------------------------------

Snapshot = dict[str, Counter[tuple[Any, ...]]]


class Tables:
    """Every table of the bot's database, read through a read-only connection of its own."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True,
                                    isolation_level=None, check_same_thread=False)

    def close(self) -> None:
        self.conn.close()

    def names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                 " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
        # The update inbox records that each press arrived and was handled: bookkeeping
        # of the transport, not a change of the branch's state.
        return [r[0] for r in rows if r[0] != "update_inbox"]

    def snapshot(self) -> Snapshot:
        self.conn.execute("BEGIN")  # one read transaction: all tables as of one moment
        try:
            return {name: Counter(self.conn.execute(f'SELECT * FROM "{name}"').fetchall())
                    for name in self.names()}
        finally:
            self.conn.execute("COMMIT")


def changes(before: Snapshot, after: Snapshot) -> dict[str, str]:
    """Table → what changed in it ("+2 -1 rows: …"), for the tables that changed."""
    found = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, Counter()), after.get(name, Counter())
        if old != new:
            added, removed = new - old, old - new
            sample = [*(f"+{r}" for r in list(added)[:2]), *(f"-{r}" for r in list(removed)[:2])]
            found[name] = (f"+{sum(added.values())} -{sum(removed.values())} rows: "
                           + "; ".join(s[:300] for s in sample))
    return found


async def settle(stub: BotApiStub, tables: Tables, timeout: float = 60.0,  # noqa: ASYNC109
                 quiet: float = 0.5) -> None:
    """Wait until nothing is waiting in the outbox and the bot is idle."""
    deadline = time.monotonic() + timeout
    while True:
        waiting = tables.conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')").fetchone()[0]
        if not waiting:
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"{waiting} outbox rows still waiting after {timeout}s")
        await asyncio.sleep(0.1)
    await stub.wait_idle(quiet=quiet, timeout=timeout)


# ---- errors and the end of an update --------------------------------------------------------

class ErrorTap(logging.Handler):
    """Every record at ERROR or above, from the bot's error handler or anywhere else."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def error_tap() -> Iterator[ErrorTap]:
    tap = ErrorTap()
    root = logging.getLogger()
    root.addHandler(tap)
    try:
        yield tap
    finally:
        root.removeHandler(tap)


class Finished:
    """Knows when the bot has run every handler for a callback query: a handler in the
    last group, which runs after the others (an error in them included)."""

    def __init__(self) -> None:
        self.queries: set[str] = set()

    def install(self, bot: BotUnderTest) -> None:
        async def mark(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
            if update.callback_query is not None:
                self.queries.add(update.callback_query.id)

        bot.app.add_handler(TypeHandler(Update, mark), group=99)

    async def wait(self, query_id: str, timeout: float = 5.0) -> bool:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while query_id not in self.queries:
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.001)
        return True


# ---- the run ----------------------------------------------------------------------------------

@dataclass
class Press:
    number: int
    kind: str
    role: str
    chat: str
    data: str
    answer: str | None = None
    problem: str = ""


@dataclass
class Figures:
    payloads: int = 0
    answered: int = 0
    skipped_legitimate: int = 0
    seconds: float = 0.0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_prefix: Counter[str] = field(default_factory=Counter)
    in_groups: int = 0
    after_restart: int = 0
    unanswered: list[Press] = field(default_factory=list)
    unfinished: list[Press] = field(default_factory=list)
    touched: list[tuple[Press, str]] = field(default_factory=list)  # messages edited, …
    private_replies: int = 0  # read-only answers (a coverage table) in the presser's chat
    answers: Counter[str] = field(default_factory=Counter)  # what the presses were told
    real_buttons: int = 0
    exceptions: list[tuple[Press, str]] = field(default_factory=list)
    state_changes: list[tuple[Press, dict[str, str]]] = field(default_factory=list)
    final_changes: dict[str, str] = field(default_factory=dict)
    restart_changes: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.payloads} payloads in {self.seconds:.1f} s "
                f"({self.in_groups} in groups, {self.after_restart} after a restart, "
                f"{self.real_buttons} distinct real button data; "
                f"kinds {dict(self.by_kind)}); answered {self.answered}/{self.payloads}; "
                f"state changes {len(self.state_changes)}"
                f"{' ' + str(self.final_changes) if self.final_changes else ''}; "
                f"unhandled exceptions {len(self.exceptions)}; "
                f"unfinished updates {len(self.unfinished)}; "
                f"messages edited/deleted/pinned or sent to a group {len(self.touched)}; "
                f"private read-only replies {self.private_replies}; "
                f"legitimate presses left out {self.skipped_legitimate}; "
                f"tables the restart itself changed {list(self.restart_changes)}")

    def problems(self) -> str:
        lines = []
        for press in self.unanswered[:10]:
            lines.append(f"UNANSWERED {press}")
        for press in self.unfinished[:10]:
            lines.append(f"UNFINISHED {press}")
        for press, error in self.exceptions[:10]:
            lines.append(f"EXCEPTION {error} ← {press}")
        for press, what in self.touched[:10]:
            lines.append(f"MESSAGE TOUCHED {what} ← {press}")
        for press, changed in self.state_changes[:10]:
            lines.append(f"STATE CHANGE {changed} ← {press}")
        if self.final_changes:
            lines.append(f"STATE CHANGED OVER THE RUN {self.final_changes}")
        return "\n".join(lines)


TOUCHING = ("edit", "delete", "pin", "unpin", "ban", "restrict", "setchat", "promote")


class Run:
    """Presses `count` payloads from seed `seed`; the last quarter after a restart, on
    the messages (and with the buttons' data) from before it."""

    def __init__(self, bot: BotUnderTest, stub: BotApiStub, branch: Branch, seed: int) -> None:
        self.bot, self.stub, self.branch = bot, stub, branch
        self.rng = random.Random(seed)
        self.tables = Tables(bot.config.database.path)
        self.finished = Finished()
        self.figures = Figures()
        self.real = real_button_data(stub)
        self.figures.real_buttons = len({d for _, d in self.real})
        assert len(self.real) > 50, f"only {len(self.real)} real buttons collected"
        self.payloads = Payloads(self.rng, branch, sorted({d for _, d in self.real}))
        # Each real button's data by each role, prefix by prefix in turn (flow buttons
        # are most of the buttons, not of the kinds), each prefix's in a shuffled cycle:
        # a long run presses every one by every role (bar the role's own), a short one a
        # sample.
        by_prefix: dict[str, list[tuple[str, str]]] = {}
        for data in sorted({d for _, d in self.real}):
            by_prefix.setdefault(data.split(":")[0], []).extend((data, r) for r in ROLES)
        self.combos = [by_prefix[k] for k in sorted(by_prefix)]
        for combos in self.combos:
            self.rng.shuffle(combos)
        self.next_combo = 0

    def carriers(self, role: str) -> tuple[list[Message], list[Message]]:
        """Messages the role sees (its private chat, the groups): with buttons, and all."""
        user = self.branch.users[role]
        seen = [m for m in self.stub.bot_messages(user.id)]
        seen += [m for g in self.branch.groups for m in self.stub.bot_messages(g.id)]
        return [m for m in seen if m.buttons], seen

    def pick_carrier(self, role: str, data: str | None = None) -> Message:
        with_buttons, seen = self.carriers(role)
        pick = self.rng.random()
        if data is not None and pick < 0.5:  # where the button is (was), if the role sees it
            chats = {chat for chat, d in self.real if d == data}
            there = [m for m in seen if m.chat_id in chats]
            carrying = [m for m in there if any(d == data for row in m.buttons for _, d in row)]
            if carrying or there:
                return self.rng.choice(carrying or there)
            pick = self.rng.random()
        if pick < 0.7 and with_buttons:
            return self.rng.choice(with_buttons)
        if pick < 0.92:
            return self.rng.choice(seen)
        # Another user's private chat: not something Telegram lets happen, but the bot
        # must not trust the chat of a press either.
        anyone = [m for chat in self.stub.messages for m in self.stub.bot_messages(chat)]
        return self.rng.choice(anyone)

    def payload(self, after_restart: bool) -> tuple[str, str, str | None]:
        """(kind, data, role or None for any)."""
        pick = self.rng.random()
        if after_restart:
            pick = 0.4 + pick * 0.6  # mostly the real buttons from before the restart
        if pick < 0.2:
            return "random bytes", self.payloads.random_bytes(), None
        if pick < 0.55:
            return "prefix + ids", self.payloads.structured(), None
        if pick < 0.8:
            turn, self.next_combo = self.next_combo, self.next_combo + 1
            combos = self.combos[turn % len(self.combos)]
            data, role = combos[(turn // len(self.combos)) % len(combos)]
            return "real data × role", data, role
        return "real data, changed", self.payloads.from_real(), None

    async def press(self, number: int, after_restart: bool, tap: ErrorTap) -> None:
        figures = self.figures
        while True:
            kind, data, role = self.payload(after_restart)
            carrier = self.pick_carrier(role, data) if role else None
            role = role or self.rng.choice(ROLES)
            carrier = carrier or self.pick_carrier(role)
            private = self.stub.chats[carrier.chat_id].type == "private"
            if legitimate(role, data, private, self.branch) is None:
                break
            else:
                figures.skipped_legitimate += 1
        user = self.branch.users[role]
        chat = self.stub.chats[carrier.chat_id].label
        record = Press(number, kind, role, chat, data)
        figures.payloads += 1
        figures.by_kind[kind] += 1
        head = data.split(":")[0]
        figures.by_prefix[head if head in PREFIXES or data in EXACT else "(other)"] += 1
        figures.in_groups += not private
        figures.after_restart += after_restart
        errors_before = len(tap.records)
        requests_before = len(self.stub.requests)
        before = self.last
        try:
            answer = await user.press(carrier, data=data)
        except AssertionError as failure:
            record.problem = str(failure).splitlines()[0]
            figures.unanswered.append(record)
        else:
            figures.answered += 1
            record.answer = answer.text
            figures.answers[(answer.text or "(no text)")[:40]] += 1
            if not await self.finished.wait(answer.query_id):
                figures.unfinished.append(record)
        after = self.tables.snapshot()
        changed = changes(before, after)
        if changed:
            figures.state_changes.append((record, changed))
        self.last = after
        for request in self.stub.requests[requests_before:]:
            method, chat_id = request.method.lower(), request.params.get("chat_id")
            if method.startswith(TOUCHING) or (method.startswith("send") and chat_id is not None
                                               and int(chat_id) < 0):
                figures.touched.append((record, f"{request.method} {request.params}"[:300]))
            elif method.startswith("send"):
                figures.private_replies += 1
        for error in tap.records[errors_before:]:
            figures.exceptions.append((record, f"{error.name}: {error.getMessage()[:200]}"))

    async def settle(self) -> Snapshot:
        """Once the outbox has sent everything due (the 已阅 counts go out paced)."""
        await settle(self.stub, self.tables)
        return self.tables.snapshot()

    async def run(self, count: int) -> Figures:
        start = time.monotonic()
        self.finished.install(self.bot)
        baseline = self.last = await self.settle()
        restart_at = count - count // 4
        try:
            with error_tap() as tap:
                for number in range(restart_at):
                    await self.press(number, False, tap)
                    if len(self.figures.unanswered) > 20:
                        break
            end_of_first = await self.settle()
            self.figures.final_changes.update(changes(baseline, end_of_first))
            await self.bot.restart()
            hold_sweeper(self.bot)
            self.finished.install(self.bot)
            # What the restart itself changes is not a press's doing: reported apart.
            restarted = self.last = await self.settle()
            self.figures.restart_changes = changes(end_of_first, restarted)
            with error_tap() as tap:
                for number in range(restart_at, count):
                    await self.press(number, True, tap)
                    if len(self.figures.unanswered) > 20:
                        break
            self.figures.final_changes.update(changes(restarted, await self.settle()))
        finally:
            self.tables.close()
        self.figures.seconds = time.monotonic() - start
        return self.figures


__all__ = ["Branch", "Figures", "Finished", "Run", "Tables", "build_branch", "changes",
           "error_tap", "legitimate", "settle"]
